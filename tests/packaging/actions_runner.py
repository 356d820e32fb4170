"""A stand-in for the GitHub Actions runner, for action.yml's composite steps: evaluates the
`${{ }}` expressions the action uses (contexts inputs, github, runner, steps; ==, !=, &&, ||, !,
parentheses, string literals, always()), runs each `shell: bash` step as the runner does
(`bash --noprofile --norc -eo pipefail FILE`) with GITHUB_OUTPUT, GITHUB_PATH, GITHUB_ENV and
GITHUB_STEP_SUMMARY files, and records `uses:` steps with their resolved inputs instead of running
them (they are other repositories' actions)."""

import os
import re
import subprocess
import tempfile
from pathlib import Path

_TOKEN = re.compile(r"\s*(==|!=|&&|\|\||!|\(|\)|'(?:[^']|'')*'|[A-Za-z_][A-Za-z0-9_.-]*(?:\(\))?|[0-9]+)")


class Expression:
    def __init__(self, text, lookup):
        self.tokens, pos = [], 0
        text = text.strip()
        while pos < len(text):
            m = _TOKEN.match(text, pos)
            if not m:
                raise ValueError("unsupported expression: %r" % text)
            self.tokens.append(m.group(1))
            pos = m.end()
        self.lookup, self.i = lookup, 0

    def value(self):
        v = self.or_()
        if self.i != len(self.tokens):
            raise ValueError("trailing tokens in %r" % self.tokens)
        return v

    def peek(self):
        return self.tokens[self.i] if self.i < len(self.tokens) else None

    def take(self):
        self.i += 1
        return self.tokens[self.i - 1]

    def or_(self):
        v = self.and_()
        while self.peek() == "||":
            self.take()
            w = self.and_()
            v = v if truthy(v) else w
        return v

    def and_(self):
        v = self.compare()
        while self.peek() == "&&":
            self.take()
            w = self.compare()
            v = w if truthy(v) else v
        return v

    def compare(self):
        v = self.unary()
        while self.peek() in ("==", "!="):
            op = self.take()
            w = self.unary()
            same = str(v).lower() == str(w).lower()  # Actions compares strings case-insensitively
            v = same if op == "==" else not same
        return v

    def unary(self):
        if self.peek() == "!":
            self.take()
            return not truthy(self.unary())
        if self.peek() == "(":
            self.take()
            v = self.or_()
            assert self.take() == ")"
            return v
        t = self.take()
        if t.startswith("'"):
            return t[1:-1].replace("''", "'")
        if t in ("always()", "success()"):
            return True
        if t.isdigit():
            return int(t)
        return self.lookup(t)


def truthy(v):
    return v not in (False, None, "", 0)


class Runner:
    def __init__(self, action_dir, inputs, workspace, home, env=None):
        self.action_dir, self.workspace, self.home = Path(action_dir), Path(workspace), Path(home)
        self.inputs = {k: str(v) for k, v in inputs.items()}
        self.env = dict(env or {})
        self.temp = Path(tempfile.mkdtemp(prefix="runner-temp-", dir=str(home)))
        self.steps, self.uses, self.log, self.paths = {}, [], [], []
        self.summary = self.temp / "summary.md"

    def lookup(self, name):
        parts = name.split(".")
        if parts[0] == "inputs":
            return self.inputs[parts[1]]
        if parts[0] == "github":
            return {"action_path": str(self.action_dir), "workspace": str(self.workspace),
                    "token": self.env.get("GITHUB_TOKEN", "")}[parts[1]]
        if parts[0] == "runner":
            return {"temp": str(self.temp), "os": "Linux"}[parts[1]]
        if parts[0] == "steps" and parts[2] == "outputs":
            return self.steps.get(parts[1], {}).get(parts[3], "")
        raise KeyError("unknown context %s" % name)

    def expand(self, text):
        return re.sub(r"\$\{\{(.*?)\}\}", lambda m: str(Expression(m.group(1), self.lookup).value()), str(text))

    def condition(self, text):
        if text is None:
            return True
        text = str(text).strip()
        if text.startswith("${{"):
            text = text[3:-2]
        return truthy(Expression(text, self.lookup).value())

    def run(self, action):
        """Runs the action's steps; returns (job succeeded, the action's outputs)."""
        for name, spec in action["inputs"].items():
            self.inputs.setdefault(name, self.expand(spec.get("default", "")))
        ok = True
        for step in action["runs"]["steps"]:
            if not ok or not self.condition(step.get("if")):
                self.log.append((step.get("name"), "skipped"))
                continue
            if "uses" in step:
                resolved = {k: self.expand(v) for k, v in step.get("with", {}).items()}
                self.uses.append((step["uses"], resolved))
                self.log.append((step.get("name"), "uses"))
                continue
            rc, out = self.shell(step)
            self.log.append((step.get("name"), rc, out))
            ok = rc == 0
        outputs = {k: self.expand(v["value"]) for k, v in action.get("outputs", {}).items()}
        return ok, outputs

    def shell(self, step):
        assert step["shell"] == "bash", step
        files = {n: self.temp / ("%s-%d" % (n, len(self.log))) for n in ("output", "path", "env")}
        for f in files.values():
            f.write_text("")
        script = self.temp / ("step-%d.sh" % len(self.log))
        script.write_text(step["run"])
        env = dict(os.environ, HOME=str(self.home), RUNNER_TEMP=str(self.temp), GITHUB_WORKSPACE=str(self.workspace),
                   GITHUB_ACTION_PATH=str(self.action_dir), GITHUB_OUTPUT=str(files["output"]),
                   GITHUB_PATH=str(files["path"]), GITHUB_ENV=str(files["env"]),
                   GITHUB_STEP_SUMMARY=str(self.summary), GITHUB_ACTIONS="true", CI="true")
        env.update(self.env)
        env["PATH"] = os.pathsep.join(self.paths + [env["PATH"]])
        env.update({k: self.expand(v) for k, v in step.get("env", {}).items()})
        cwd = self.expand(step.get("working-directory", str(self.workspace)))
        p = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)], cwd=cwd, env=env,
                           capture_output=True, text=True, timeout=900)
        if "id" in step:
            self.steps[step["id"]] = parse_outputs(files["output"].read_text())
        self.paths = [l for l in files["path"].read_text().splitlines() if l][::-1] + self.paths
        return p.returncode, p.stdout + p.stderr


def parse_outputs(text):
    """GITHUB_OUTPUT: `name=value` lines and `name<<DELIMITER` ... `DELIMITER` blocks."""
    out, lines, i = {}, text.splitlines(), 0
    while i < len(lines):
        line = lines[i]
        if "<<" in line and ("=" not in line or line.index("<<") < line.index("=")):
            name, delim = line.split("<<", 1)
            end = lines.index(delim, i + 1)
            out[name] = "\n".join(lines[i + 1:end])
            i = end + 1
            continue
        if "=" in line:
            name, value = line.split("=", 1)
            out[name] = value
        i += 1
    return out
