import argparse

parser = argparse.ArgumentParser()
parser.add_argument("--api-token", help="the-API-token-to-use-v2", default=None)
parser.add_argument("--password", metavar="PASSWORD2")
