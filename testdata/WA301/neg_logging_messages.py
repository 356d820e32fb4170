import logging

logger = logging.getLogger(__name__)


def rotate(user, password_age_days):
    logger.info("rotating password for %s after %d days", user, password_age_days)
    logger.warning("API token for %s expires soon", user)
    logger.error("secret lookup failed: %s", "orders/db-password")
    message = "Invalid password or token; the account is locked for 15 minutes"
    raise PermissionError(message)
