# Service settings.
WEBHOOK_SECRET = "KjIg8xNbe3nNyjOq9wMxEhh2FDEEtfjg"
RETRIES = 3
