"""Deployment notes.

Never write password = "OL8dKLzdocJ2isAjIhKtJ0RlgLKOmxgJ" in code; the old key
AKIASPUQ2IDW52IJB4LA was rotated.
"""

# token = "ghp_wZPf1Qh6yYTWmE4lBYOvfZ8UzDzV8fUkkibj"  (revoked)


def handler(event, context):
    """Example: api_key = "u8jzPde0IgxLd6GncfBAepfJBd0Kh8oO" is what NOT to do."""
    return {"ok": True}
