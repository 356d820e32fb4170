#!/usr/bin/env bash
# The wafix benchmark of issue 8 in one command: bench/run.sh [bench.py options] (or `make bench`).
# Builds wafix, installs the pinned peers into bench/.work (one virtualenv per Python peer, npm ci
# for ast-grep), then runs bench/bench.py, which writes bench/results/latest.md and latest.json.
set -euo pipefail
cd "$(dirname "$0")/.."

# --help needs neither the build nor the peers.
for a in "$@"; do
  case $a in
    -h|--help)
      cat <<'USAGE'
bench/run.sh [OPTIONS]   (or: make bench BENCH_ARGS="OPTIONS")

Builds wafix (make build), installs the pinned peers into bench/.work when missing or when a
lock changed (ruff, bandit, semgrep, codemodder from bench/requirements/TOOL.lock, one virtualenv
each; @ast-grep/cli with npm ci from bench/package-lock.json), then runs bench/bench.py with
OPTIONS. A full run takes about 15 minutes on an idle 2-core machine (20-25 when loaded);
--quick takes about 3. Method, columns and how timeouts are reported: docs/performance.md.

USAGE
      exec python3 bench/bench.py --help
      ;;
  esac
done
ROOT=$PWD
WORK=${BENCH_WORK:-$ROOT/bench/.work}
mkdir -p "$WORK"

# Debian tools the harness uses: /usr/bin/time -v (peak RSS, CPU time); unshare (util-linux)
# keeps semgrep and codemodder off the network.
need=()
[ -x /usr/bin/time ] || need+=(time)
command -v unshare >/dev/null 2>&1 || need+=(util-linux)
if [ ${#need[@]} -gt 0 ]; then
  echo "bench: installing Debian packages: ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
# perf (linux-perf) for the "Where the time goes" profile; optional: without it the report says so.
if [ ! -x /usr/bin/perf ]; then
  echo "bench: installing linux-perf for the profile (optional)"
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends linux-perf >/dev/null; } ||
    echo "bench: could not install linux-perf; the report will say there is no profile" >&2
fi

make build >/dev/null

# Python peers, each in its own virtualenv (codemodder pins its own semgrep), from the locks in
# bench/requirements/ (top-level pins in TOOL.txt, full resolution in TOOL.lock).
for tool in ruff bandit semgrep codemodder; do
  venv=$WORK/venv-$tool
  lock=bench/requirements/$tool.lock
  if [ ! -x "$venv/bin/python" ] || ! cmp -s "$lock" "$venv/.lock"; then
    echo "bench: installing $tool into $venv"
    rm -rf "$venv"
    python3 -m venv "$venv"
    if ! "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$lock"; then
      echo "bench: could not install $tool; it will be reported as not run" >&2
      continue
    fi
    cp "$lock" "$venv/.lock"
  fi
done

# ast-grep from npm, pinned by bench/package-lock.json.
npmdir=$WORK/npm
if [ ! -x "$npmdir/node_modules/.bin/ast-grep" ] || ! cmp -s bench/package-lock.json "$npmdir/package-lock.json"; then
  echo "bench: installing @ast-grep/cli into $npmdir"
  mkdir -p "$npmdir"
  cp bench/package.json bench/package-lock.json "$npmdir/"
  (cd "$npmdir" && npm ci --no-audit --no-fund --loglevel=error) ||
    echo "bench: could not install @ast-grep/cli; it will be reported as not run" >&2
fi

exec python3 bench/bench.py "$@"
