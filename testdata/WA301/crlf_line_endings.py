import os

STRIPE_API_KEY = "sk_live_c5XlrWi0B26R08qzjI6GKFSu"
MODE = os.environ.get("MODE", "live")
