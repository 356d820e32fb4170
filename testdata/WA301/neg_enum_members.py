from enum import Enum


class GrantType(str, Enum):
    PASSWORD = "password"
    CLIENT_CREDENTIALS = "client_credentials"
    REFRESH_TOKEN = "refresh_token"


class CredentialKind(Enum):
    TOKEN = "token"
    API_KEY = "api_key"
    SECRET = "secret"
    PRIVATE_KEY = "private_key"
    SSH_KEY_PASSPHRASE = "ssh_key_passphrase"
