import getpass

PASSWORD_PROMPT = "Enter the database password: "
TOKEN_ERROR = "The API token has expired, please log in again (code 401)"
password = getpass.getpass(prompt="Password for admin2: ")
