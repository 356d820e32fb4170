from requests import get as fetch


def collect(urls, verbose):
    out = []
    for url in urls:
        if verbose:
            try:
                page = fetch(
                    url,
                    timeout=5,
                )
                out.append(page.text)
            except OSError:
                pass
    return out
