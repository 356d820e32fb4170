password = ""
pwd = "abc12"
TOKEN = "x1"
secret = "s3cr3t"
