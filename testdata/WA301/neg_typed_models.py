from dataclasses import dataclass, field
from typing import Optional


@dataclass
class DatabaseSettings:
    host: str
    user: str
    password: str
    api_token: Optional[str] = None
    client_secret: str = ""
    secret_key: str = field(default="", repr=False)


def connect(host: str, password: Optional[str] = None, token: str = "") -> None:
    access_key: str
    auth_token: "str | None" = None
    return None
