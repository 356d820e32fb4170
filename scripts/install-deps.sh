#!/usr/bin/env bash
# Installs what building and testing wafix needs, and nothing that is already there: the Debian
# packages of scripts/debian-packages.txt with apt-get, the pinned tree-sitter-python grammar with
# npm ci, and the test virtualenv from tests/requirements.lock.
#   scripts/install-deps.sh           everything `make test` needs
#   scripts/install-deps.sh --build   only what building wafix (or its wheel) needs
set -euo pipefail
cd "$(dirname "$0")/.."

groups="build test"
[ "${1:-}" = "--build" ] && groups="build"
[ "${WAFIX_SKIP_TEST_DEPS:-0}" = 1 ] && groups="build"  # kept for older callers

missing=()
while read -r pkg group cmd; do
  case "$pkg" in '' | '#'*) continue ;; esac
  [[ " $groups " == *" $group "* ]] || continue
  if [ -n "${cmd:-}" ] && command -v "$cmd" >/dev/null 2>&1; then continue; fi
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done < scripts/debian-packages.txt

if [ ${#missing[@]} -gt 0 ]; then
  echo "install-deps: installing Debian packages: ${missing[*]}"
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
      sudo_cmd=(sudo DEBIAN_FRONTEND=noninteractive)  # a CI runner's passwordless sudo
    else
      echo "install-deps: not root; run: sudo apt-get install -y ${missing[*]}" >&2
      exit 1
    fi
  else
    sudo_cmd=(env DEBIAN_FRONTEND=noninteractive)
  fi
  "${sudo_cmd[@]}" apt-get update -qq
  "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# The grammar, pinned by package-lock.json; scripts off: only its C sources are used.
stamp=node_modules/.package-lock.json
if [ ! -f node_modules/tree-sitter-python/src/parser.c ] || [ package-lock.json -nt "$stamp" ]; then
  echo "install-deps: fetching tree-sitter-python (npm ci --ignore-scripts)"
  npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
fi

# The Python packages the tests use (behaviour tests, pre-commit, the Action's schema check, the
# browser test), pinned in tests/requirements.lock.
venv_stamp=.venv/.requirements.lock
if [[ " $groups " == *" test "* ]] && { [ ! -x .venv/bin/python ] || ! cmp -s tests/requirements.lock "$venv_stamp"; }; then
  echo "install-deps: creating .venv from tests/requirements.lock"
  /usr/bin/python3 -m venv .venv
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -r tests/requirements.lock
  cp tests/requirements.lock "$venv_stamp"
fi
