#!/usr/bin/env python3
"""Loopback emulator of the GitHub REST API endpoints `wafix pr` uses. For tests only.

It follows GitHub's documented REST API, version 2022-11-28:
  repos           GET   /repos/{owner}/{repo}                        (docs: rest/repos/repos#get-a-repository)
  pulls           GET   /repos/{owner}/{repo}/pulls                  (docs: rest/pulls/pulls#list-pull-requests)
                  POST  /repos/{owner}/{repo}/pulls                  (docs: rest/pulls/pulls#create-a-pull-request)
                  GET   /repos/{owner}/{repo}/pulls/{n}              (docs: rest/pulls/pulls#get-a-pull-request)
                  PATCH /repos/{owner}/{repo}/pulls/{n}              (docs: rest/pulls/pulls#update-a-pull-request)
  issue comments  GET, POST /repos/{owner}/{repo}/issues/{n}/comments (docs: rest/issues/comments)
  issue labels    POST  /repos/{owner}/{repo}/issues/{n}/labels      (docs: rest/issues/labels#add-labels-to-an-issue)
plus pagination (docs: rest/using-the-rest-api/using-pagination-in-the-rest-api) and authentication
with "Authorization: Bearer <token>". Only what matters to wafix is enforced. The control API for
tests (/_emulator/state, /fail, /seed, /reset) is documented in tests/github_emulator.hpp.

Usage: github_emulator.py --port 0 --port-file F --token T --repo owner/repo
                          [--default-branch main] [--git-dir PATH]
"""
import argparse, hashlib, http, json, os, re, socketserver, subprocess, threading, time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode, urlsplit

DOCS = "https://docs.github.com/rest"
API_VERSIONS = {"2022-11-28"}
LOGGED_HEADERS = ("accept", "content-type", "user-agent", "x-github-api-version")


class State:
    def __init__(self, args):
        self.args, self.lock = args, threading.Lock()
        self.owner, self.name = args.repo.split("/", 1)
        self.reset()

    def reset(self):
        self.pulls, self.comments, self.requests, self.failures = {}, {}, [], []
        self.next_number = self.next_comment = 1

    def branch_sha(self, branch):
        """The commit of refs/heads/<branch> in --git-dir, or None when it does not exist."""
        r = subprocess.run(["git", "--git-dir", self.args.git_dir, "rev-parse", "--verify", "--quiet",
                            f"refs/heads/{branch}^{{commit}}"], capture_output=True, text=True)
        return r.stdout.strip() if r.returncode == 0 else None

    def add_pull(self, base_url, title, head, base, body, state="open", head_repo=None, labels=()):
        n, self.next_number = self.next_number, self.next_number + 1
        full = head_repo or f"{self.owner}/{self.name}"
        sha = (self.branch_sha(head) if self.args.git_dir else None) or hashlib.sha1(f"{full}:{head}:{n}".encode()).hexdigest()
        now = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
        self.pulls[n] = {
            "url": f"{base_url}/repos/{self.owner}/{self.name}/pulls/{n}", "id": 1000 + n, "number": n,
            "state": state, "title": title, "body": body, "draft": False, "merged_at": None,
            "html_url": f"{base_url}/{self.owner}/{self.name}/pull/{n}", "user": {"login": "github-actions[bot]"},
            "head": {"ref": head, "sha": sha, "label": f"{full.split('/')[0]}:{head}",
                     "repo": {"full_name": full, "name": full.split("/")[1], "owner": {"login": full.split("/")[0]}}},
            "base": {"ref": base, "label": f"{self.owner}:{base}", "repo": {"full_name": f"{self.owner}/{self.name}"}},
            "labels": [{"name": x} for x in labels], "created_at": now, "updated_at": now,
            "closed_at": None if state == "open" else now,
        }
        return self.pulls[n]

    def snapshot(self):
        return {"repository": {"full_name": f"{self.owner}/{self.name}", "default_branch": self.args.default_branch},
                "pulls": [self.pulls[n] for n in sorted(self.pulls)],
                "comments": {str(n): c for n, c in sorted(self.comments.items())},
                "requests": self.requests, "failures": self.failures}


def validation_failed(*errors):
    return 422, {"message": "Validation Failed", "errors": list(errors),
                 "documentation_url": f"{DOCS}/pulls/pulls#create-a-pull-request"}


def not_found():
    return 404, {"message": "Not Found", "documentation_url": f"{DOCS}"}


class Handler(BaseHTTPRequestHandler):
    server_version = "GitHubEmulator/1"

    def log_message(self, *args):  # keep test output quiet
        pass

    def do_GET(self): self.dispatch("GET")
    def do_POST(self): self.dispatch("POST")
    def do_PATCH(self): self.dispatch("PATCH")
    def do_PUT(self): self.dispatch("PUT")
    def do_DELETE(self): self.dispatch("DELETE")

    def base_url(self):
        return f"http://{self.headers.get('Host') or '127.0.0.1'}"

    def send_json(self, status, doc, headers=None):
        data = b"" if doc is None else json.dumps(doc).encode()
        self.send_response(status)
        hdrs = {"Content-Type": "application/json; charset=utf-8", "X-GitHub-Api-Version-Selected": "2022-11-28",
                "X-RateLimit-Limit": "5000", "X-RateLimit-Remaining": "4999",
                "X-RateLimit-Reset": str(int(time.time()) + 3600), "X-RateLimit-Resource": "core"}
        for k, v in (headers or {}).items():  # header names are case-insensitive: injected ones replace
            hdrs = {n: x for n, x in hdrs.items() if n.lower() != k.lower()}
            hdrs[k] = v
        for k, v in hdrs.items():
            self.send_header(k, str(v))
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def dispatch(self, method):
        st = self.server.state
        raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        try:
            body = json.loads(raw) if raw else None
        except ValueError:
            body = ValueError
        path = urlsplit(self.path).path
        if path.startswith("/_emulator/"):
            with st.lock:
                try:
                    status, doc = self.control(st, method, path, body)
                except (KeyError, TypeError, ValueError, re.error) as e:
                    status, doc = 400, {"message": f"bad emulator control request: {e!r}"}
            return self.send_json(status, doc)
        auth = self.headers.get("Authorization")
        entry = {"method": method, "path": self.path, "host": self.headers.get("Host"),
                 "headers": {h: self.headers[h] for h in LOGGED_HEADERS if h in self.headers},
                 "authorization": "missing" if auth is None else
                 ("matched" if auth == f"Bearer {st.args.token}" else "mismatched"),
                 "body": None if body is ValueError else body}
        with st.lock:
            st.requests.append(entry)
            status, doc, headers, rule = self.api(st, method, body, entry)
            entry["status"] = 0 if rule and rule["drop"] else status
        if rule and rule["delay"]:  # outside the lock: other requests go on meanwhile
            time.sleep(rule["delay"])
        if rule and rule["drop"]:  # close without any response (a network error for the client)
            self.close_connection = True
            return
        self.send_json(status, doc, headers)

    def control(self, st, method, path, body):
        if (method, path) == ("GET", "/_emulator/state"):
            return 200, st.snapshot()
        if (method, path) == ("POST", "/_emulator/reset"):
            st.reset()
            return 200, {"reset": True}
        if (method, path) == ("POST", "/_emulator/fail") and isinstance(body, dict) and "path_regex" in body:
            rule = {"method": body.get("method"), "path_regex": body["path_regex"], "status": body.get("status", 500),
                    "times": body.get("times", 1), "headers": body.get("headers") or {}, "body": body.get("body"),
                    "drop": bool(body.get("drop", False)), "delay": float(body.get("delay", 0))}
            re.compile(rule["path_regex"])
            st.failures.append(rule)
            return 201, rule
        if (method, path) == ("POST", "/_emulator/seed") and isinstance(body, dict):
            made = [st.add_pull(self.base_url(), p.get("title", f"Seeded {p['head']}"), p["head"],
                                p.get("base", st.args.default_branch), p.get("body", ""), p.get("state", "open"),
                                p.get("head_repo"), p.get("labels", ()))["number"] for p in body.get("pulls", [])]
            return 201, {"numbers": made}
        return 404, {"message": "unknown emulator control request"}

    def injected(self, st, method):
        for rule in st.failures:
            if rule["times"] != 0 and rule["method"] in (None, method) and re.search(rule["path_regex"], self.path):
                if rule["times"] > 0:
                    rule["times"] -= 1
                phrase = http.HTTPStatus(rule["status"]).phrase if rule["status"] in http.HTTPStatus._value2member_map_ else ""
                doc = rule["body"] if rule["body"] is not None else {"message": phrase or "injected"}
                return rule["status"], doc, rule["headers"], rule
        return None

    def api(self, st, method, body, entry):
        if entry["authorization"] != "matched":
            return 401, {"message": "Bad credentials", "documentation_url": f"{DOCS}"}, {}, None
        version = self.headers.get("X-GitHub-Api-Version")
        if version is not None and version not in API_VERSIONS:
            return 400, {"message": f"Unsupported 'X-GitHub-Api-Version' header: {version}",
                         "documentation_url": f"{DOCS}/overview/api-versions"}, {}, None
        fail = self.injected(st, method)
        if fail:
            return fail
        if body is ValueError:
            return 400, {"message": "Problems parsing JSON"}, {}, None
        status, doc, headers = self.route(st, method, body)
        return status, doc, headers, None

    def route(self, st, method, body):
        url = urlsplit(self.path)
        m = re.fullmatch(r"/repos/([^/]+)/([^/]+)(/.*)?", url.path)
        if not m or (m[1].lower(), m[2].lower()) != (st.owner.lower(), st.name.lower()):
            return (*not_found(), {})
        rest, q = m[3] or "", {k: v[-1] for k, v in parse_qs(url.query).items()}
        raw_body, body = body, body if isinstance(body, dict) else {}
        if rest == "" and method == "GET":
            return 200, {"id": 1, "name": st.name, "full_name": f"{st.owner}/{st.name}", "private": False,
                         "owner": {"login": st.owner}, "default_branch": st.args.default_branch,
                         "html_url": f"{self.base_url()}/{st.owner}/{st.name}"}, {}
        if rest == "/pulls" and method == "GET":
            return self.list_pulls(st, q, url)
        if rest == "/pulls" and method == "POST":
            return (*self.create_pull(st, body), {})
        n = re.fullmatch(r"/(pulls|issues)/(\d+)(/comments|/labels)?", rest)
        pr = st.pulls.get(int(n[2])) if n else None
        if pr is None:
            return (*not_found(), {})
        if n[1] == "pulls" and not n[3] and method == "GET":
            return 200, pr, {}
        if n[1] == "pulls" and not n[3] and method == "PATCH":
            if "state" in body and body["state"] not in ("open", "closed"):
                return (*validation_failed({"resource": "PullRequest", "field": "state", "code": "invalid"}), {})
            for key in ("title", "body", "state"):
                if key in body:
                    pr[key] = body[key]
            if "base" in body:
                pr["base"].update(ref=body["base"], label=f"{st.owner}:{body['base']}")
            pr["closed_at"] = None if pr["state"] == "open" else time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
            return 200, pr, {}
        if n[1] == "issues" and n[3] == "/comments" and method == "GET":
            return 200, st.comments.get(pr["number"], []), {}
        if n[1] == "issues" and n[3] == "/comments" and method == "POST":
            if not isinstance(body.get("body"), str) or not body["body"]:
                return 422, {"message": "Validation Failed", "errors": [{"resource": "IssueComment", "field": "body", "code": "missing_field"}]}, {}
            c = {"id": st.next_comment, "body": body["body"], "user": {"login": "github-actions[bot]"},
                 "html_url": f"{pr['html_url']}#issuecomment-{st.next_comment}"}
            st.next_comment += 1
            st.comments.setdefault(pr["number"], []).append(c)
            return 201, c, {}
        if n[1] == "issues" and n[3] == "/labels" and method == "POST":
            labels = raw_body if isinstance(raw_body, list) else body.get("labels")  # both shapes are documented
            labels = [x.get("name") if isinstance(x, dict) else x for x in labels] if isinstance(labels, list) else None
            if not labels or not all(isinstance(x, str) and x for x in labels):
                return 422, {"message": "Validation Failed",
                             "errors": [{"resource": "Label", "field": "labels", "code": "missing_field"}]}, {}
            for name in labels:
                if name not in [x["name"] for x in pr["labels"]]:
                    pr["labels"].append({"name": name})
            return 200, pr["labels"], {}
        return (*not_found(), {})

    def list_pulls(self, st, q, url):
        try:
            per_page, page = min(int(q.get("per_page", 30)), 100), max(int(q.get("page", 1)), 1)
        except ValueError:
            return 422, {"message": "Invalid per_page or page"}, {}
        state = q.get("state", "open")
        pulls = [p for n, p in sorted(st.pulls.items(), reverse=True) if state == "all" or p["state"] == state]
        if "head" in q:  # "user:ref-name" or "user"
            user, _, ref = q["head"].partition(":")
            pulls = [p for p in pulls if p["head"]["repo"]["owner"]["login"].lower() == user.lower() and ref in ("", p["head"]["ref"])]
        if "base" in q:
            pulls = [p for p in pulls if p["base"]["ref"] == q["base"]]
        if st.args.git_dir:  # GitHub keeps head.sha current as the branch moves
            for p in pulls:
                p["head"]["sha"] = st.branch_sha(p["head"]["ref"]) or p["head"]["sha"]
        last = max(1, -(-len(pulls) // max(per_page, 1)))
        def link(n):
            return f"{self.base_url()}{url.path}?{urlencode({**q, 'page': n})}"
        rels = ([("next", page + 1), ("last", last)] if page < last else []) + \
               ([("first", 1), ("prev", page - 1)] if page > 1 else [])
        headers = {"Link": ", ".join(f'<{link(n)}>; rel="{r}"' for r, n in rels)} if rels else {}
        return 200, pulls[(page - 1) * per_page: page * per_page], headers

    def create_pull(self, st, body):
        missing = [f for f in ("title", "head", "base") if not isinstance(body.get(f), str) or not body[f]]
        if missing:
            return validation_failed(*({"resource": "PullRequest", "field": f, "code": "missing_field"} for f in missing))
        owner, _, head = body["head"].rpartition(":")
        if owner and owner.lower() != st.owner.lower():  # forks are not emulated
            return validation_failed({"resource": "PullRequest", "field": "head", "code": "invalid"})
        for field, branch in (("head", head), ("base", body["base"])):
            if st.args.git_dir and st.branch_sha(branch) is None:
                return validation_failed({"resource": "PullRequest", "field": field, "code": "invalid"})
        if any(p["state"] == "open" and p["head"]["ref"] == head and p["head"]["repo"]["full_name"] == f"{st.owner}/{st.name}"
               for p in st.pulls.values()):
            return validation_failed({"resource": "PullRequest", "code": "custom",
                                      "message": f"A pull request already exists for {st.owner}:{head}."})
        return 201, st.add_pull(self.base_url(), body["title"], head, body["base"], body.get("body") or "")


class Server(ThreadingHTTPServer):
    daemon_threads = True

    def server_bind(self):  # HTTPServer's calls getfqdn(), a reverse DNS lookup that can stall offline
        socketserver.TCPServer.server_bind(self)
        self.server_name, self.server_port = self.server_address[:2]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--port-file", required=True)
    ap.add_argument("--token", required=True)
    ap.add_argument("--repo", required=True)
    ap.add_argument("--default-branch", default="main")
    ap.add_argument("--git-dir")
    args = ap.parse_args()
    if not re.fullmatch(r"[^/\s]+/[^/\s]+", args.repo):
        ap.error("--repo must be owner/repo")
    server = Server(("127.0.0.1", args.port), Handler)
    server.state = State(args)
    tmp = args.port_file + ".tmp"
    with open(tmp, "w") as f:  # written then renamed, so a reader never sees a partial port
        f.write(str(server.server_address[1]))
    os.replace(tmp, args.port_file)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
