#!/usr/bin/env bash
# Installs what building and testing wafix needs, and nothing that is already there:
# Debian packages with apt-get, and the pinned tree-sitter-python grammar with npm ci.
set -euo pipefail
cd "$(dirname "$0")/.."

# Tools found by command, libraries by Debian package.
declare -A tool_pkg=(
  [cmake]=cmake [ninja]=ninja-build [g++]=g++ [gcc]=gcc [make]=make [pkg-config]=pkg-config
  [git]=git [patch]=patch [node]=nodejs [npm]=npm
)
lib_pkgs=(
  libtree-sitter-dev libdtl-dev libfmt-dev libcli11-dev catch2 nlohmann-json3-dev libre2-dev libgit2-dev libcurl4-openssl-dev libtomlplusplus-dev libyaml-cpp-dev clang-14 libclang-rt-14-dev
  python3 python3-venv python3-defusedxml python3-requests
)

missing=()
for tool in "${!tool_pkg[@]}"; do
  command -v "$tool" >/dev/null 2>&1 || missing+=("${tool_pkg[$tool]}")
done
for pkg in "${lib_pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done

if [ ${#missing[@]} -gt 0 ]; then
  echo "install-deps: installing Debian packages: ${missing[*]}"
  if [ "$(id -u)" -ne 0 ]; then
    echo "install-deps: not root; run: sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# The grammar, pinned by package-lock.json; scripts off: only its C sources are used.
stamp=node_modules/.package-lock.json
if [ ! -f node_modules/tree-sitter-python/src/parser.c ] || [ package-lock.json -nt "$stamp" ]; then
  echo "install-deps: fetching tree-sitter-python (npm ci --ignore-scripts)"
  npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
fi

# The Python packages behaviour tests run remediated code with, pinned in tests/requirements.lock.
# WAFIX_SKIP_TEST_DEPS=1 (the GitHub Action, which builds the CLI only) skips them.
venv_stamp=.venv/.requirements.lock
if [ "${WAFIX_SKIP_TEST_DEPS:-0}" != 1 ] && { [ ! -x .venv/bin/python ] || ! cmp -s tests/requirements.lock "$venv_stamp"; }; then
  echo "install-deps: creating .venv from tests/requirements.lock"
  /usr/bin/python3 -m venv .venv
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -r tests/requirements.lock
  cp tests/requirements.lock "$venv_stamp"
fi
