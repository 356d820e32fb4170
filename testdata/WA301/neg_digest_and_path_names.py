"""Values under secret-like names that are digests, file paths or provider placeholders."""
import hashlib

# Digests of a secret are not the secret; the md5/crc32 suffixes say what the value is.
secret_md5 = "098f6bcd4621d373cade4e832627b4f6"
secret_crc32 = "cbf43926"
api_key_md5 = "5d41402abc4b2a76b9719d911017c592"

# Where a test credential lives, not the credential.
password_fixture = "fixtures/users/admin_password.txt"
TOKEN_FILE_RELATIVE = "config/secrets/token.json"

# The placeholder Slack documents in its setup guides.
SLACK_BOT_TOKEN = "xoxb-your-token-here"


def fingerprint(data: bytes) -> str:
    return hashlib.md5(data).hexdigest()
