import os

config = {"host": os.environ.get("DB_HOST", "localhost")}
config["db_password"] = "CsMehGAkWvj7FAc9QeWJKY40uvSwMFLZ"
