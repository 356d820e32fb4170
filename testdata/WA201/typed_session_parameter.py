from requests import Session


def fetch(session: Session, url: str):
    return session.get(url)
