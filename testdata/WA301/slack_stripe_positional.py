import stripe
from slack_sdk import WebClient

slack = WebClient("xoxb-12524273167-2326865635515-bvJDCTbyvHNsG9eh6Yo4gfqr")
stripe.api_key = "sk_live_c5XlrWi0B26R08qzjI6GKFSv"
