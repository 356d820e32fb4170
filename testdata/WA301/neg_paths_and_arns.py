token_path = "/var/run/secrets/eks.amazonaws.com/serviceaccount/token"
DB_SECRET = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:orders-db-AbCdEf"
PASSWORD_STORE = "./secrets/passwords.json"
