PASSWORD_A = "OL8dKLzdocJ2isAjIhKtJ0RlgLKO0001"  # nosec
PASSWORD_B = "OL8dKLzdocJ2isAjIhKtJ0RlgLKO0002"  # noqa: S105
PASSWORD_C = "OL8dKLzdocJ2isAjIhKtJ0RlgLKO0003"  # pragma: allowlist secret
PASSWORD_D = "OL8dKLzdocJ2isAjIhKtJ0RlgLKO0004"  # gitleaks:allow
PASSWORD_E = "OL8dKLzdocJ2isAjIhKtJ0RlgLKO0005"  # noqa


def connect(password="OL8dKLzdocJ2isAjIhKtJ0RlgLKO0006"):  # noqa: S107
    return connect_db(password=password)


conn = connect_db(
    host="db",
    password="OL8dKLzdocJ2isAjIhKtJ0RlgLKO0007",  # noqa: S106
)
