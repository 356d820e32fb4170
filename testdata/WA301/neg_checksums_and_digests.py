# Integrity pins for the downloaded layer; none of these is a credential.
LAYER_SHA256 = "9b74c9897bac770ffc029102a200c5de0d7e6c2e6fc2d0f0f2b3c9e1b8a4e5d6"
token_sha256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
api_key_checksum = "a94a8fe5ccb19ba61c4c0873d391e987982fbbd3"
password_hash = "pbkdf2_sha256$600000$kV2s9Wq1$Zm9vYmFyYmF6cXV4"

CHECKSUMS = {
    "token_sha1": "356a192b7913b04c54574d18c28d46e6395428ab",
}
