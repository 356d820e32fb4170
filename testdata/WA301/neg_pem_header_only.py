PRIVATE_KEY_HEADER = "-----BEGIN RSA PRIVATE KEY-----"
PRIVATE_KEY_FOOTER = "-----END RSA PRIVATE KEY-----"


def looks_like_key(text):
    return text.startswith(PRIVATE_KEY_HEADER)
