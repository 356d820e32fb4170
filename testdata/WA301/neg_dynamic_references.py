from aws_cdk import SecretValue

DB_PASSWORD = "{{resolve:secretsmanager:orders-db:SecretString:password}}"
admin_password = SecretValue.secrets_manager("orders/admin-password")
