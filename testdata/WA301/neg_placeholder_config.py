# Copied from config.example.py: every value must be replaced at deploy time.
CONFIG = {
    "db_password": "CHANGE_ME",
    "api_key": "<insert-api-key>",
    "stripe_secret_key": "sk_test_xxxxxxxxxxxxxxxxxxxxxxxx",
    "github_token": "ghp_XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX",
    "client_secret": "REDACTED",
    "webhook_secret": "TODO: set me",
}
