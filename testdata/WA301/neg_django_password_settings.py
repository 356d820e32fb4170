import os

SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.Argon2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
]
PASSWORD_RESET_TIMEOUT = 259200
SESSION_COOKIE_NAME = "orders_sessionid"
CSRF_COOKIE_NAME = "orders_csrftoken2"
TOKEN_TTL_SECONDS = 3600
