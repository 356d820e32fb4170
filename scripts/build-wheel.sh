#!/usr/bin/env bash
# Builds the self-contained wheel (`make wheel`; docs/release.md): scikit-build-core compiles wafix
# (Release, CLI only) in build/wheel/cmake, kept between builds; `auditwheel repair` then copies
# every shared library beyond glibc/libstdc++/libgcc into the wheel, points the executable at
# them and sets the manylinux tag. The repaired wheel goes to OUT (default dist/).
#   scripts/build-wheel.sh [OUT]
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-dist}"

# The pinned build tools, in a venv of their own under build/.
tools=build/wheel-tools
lock=scripts/wheel-tools.lock
if [ ! -x "$tools/bin/python" ] || ! cmp -s "$lock" "$tools/.lock"; then
  echo "build-wheel: creating $tools from $lock"
  rm -rf "$tools"
  /usr/bin/python3 -m venv "$tools"
  "$tools/bin/python" -m pip install --quiet --disable-pip-version-check -r "$lock"
  cp "$lock" "$tools/.lock"
fi

raw=build/wheel/raw
rm -rf "$raw"
mkdir -p "$raw" "$out"
# In-tree build with the pinned scikit-build-core; never the prebuilt shortcut of the backend.
env -u WAFIX_PREBUILT_WHEEL_DIR "$tools/bin/python" -m pip wheel --quiet --disable-pip-version-check \
  --no-build-isolation --no-deps -w "$raw" .
rm -f "$out"/wafix-*.whl
PATH="$PWD/$tools/bin:$PATH" "$tools/bin/auditwheel" repair --strip -w "$out" "$raw"/wafix-*.whl
ls "$out"/wafix-*.whl
