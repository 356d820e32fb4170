GITHUB_TOKEN = "ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
SLACK_TOKEN = "xoxb-000000000000-000000000000-XXXXXXXXXXXXXXXXXXXXXXXX"
AWS_KEY = "AKIAXXXXXXXXXXXXXXXX"
STRIPE = "sk_test_xxxxxxxxxxxxxxxxxxxxxxxx"
