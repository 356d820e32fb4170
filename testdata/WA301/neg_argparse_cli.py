import argparse
import os

parser = argparse.ArgumentParser(description="Sync suppliers from the ERP.")
parser.add_argument("--api-key", dest="api_key", default=os.environ.get("ERP_API_KEY"),
                    help="ERP API key; defaults to $ERP_API_KEY")
parser.add_argument("--password", metavar="PASSWORD", help="database password (prompted when omitted)")
parser.add_argument("--token-file", default="~/.config/erp/token", help="file holding the session token")
parser.add_argument("--secret-id", default="erp/prod/api-key", help="Secrets Manager id of the API key")
