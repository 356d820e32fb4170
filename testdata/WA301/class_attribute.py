import hmac


class WebhookVerifier:
    SHARED_SECRET = "De1f8rESQedUStPKR0CsTy4Qwb8DwkNi"

    def verify(self, body, signature):
        digest = hmac.new(self.SHARED_SECRET.encode(), body, "sha256").hexdigest()
        return hmac.compare_digest(digest, signature)
