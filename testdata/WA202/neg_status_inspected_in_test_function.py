import requests


class OrdersApiTest:
    def test_missing_order_is_404(self):
        r = requests.get("http://localhost/orders/0", timeout=5)
        print(r.json())
        self.assertEqual(r.status_code, 404)

    def test_error_url_on_purpose(self):
        requests.get("http://localhost/fail", timeout=5)
        body = requests.get("http://localhost/fail", timeout=5).json()
        self.assertFalse(body["ok"])
