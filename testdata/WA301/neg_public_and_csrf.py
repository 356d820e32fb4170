PUBLIC_KEY = "u8jzPde0IgxLd6GncfBAepfJBd0Kh8oO"
csrf_token = "OL8dKLzdocJ2isAjIhKtJ0RlgLKOmxgJ"
publishable_key = "TeKdNnFRIBXuDL7DxtpYlSXpfKtHF4vU"
