#!/usr/bin/env bash
# Scaffolds a rule, as clang-tidy's add_new_check.py does: the four places a rule lives plus its
# CHANGELOG line, and nothing else (docs/ARCHITECTURE.md, "Adding a rule").
#   scripts/new-rule.sh WA404 lambda-without-tracing cdk
# writes transforms/cdk/wa404_lambda_without_tracing.cpp (RuleInfo skeleton, empty check),
# transforms/cdk/wa404_lambda_without_tracing.md (the doc's headings), testdata/WA404/ with a
# first (negative) case and its snapshot, the WAFIX_RULE line of transforms/registry.def in id
# order, and a line under "Unreleased" in CHANGELOG.md. It refuses an id or name already taken, a
# malformed id, name or family, and writes nothing then.
set -euo pipefail
cd "$(dirname "$0")/.."

usage() {
  echo "usage: scripts/new-rule.sh ID NAME FAMILY   (e.g. WA404 lambda-without-tracing cdk)" >&2
  exit 2
}
fail() {
  echo "new-rule: $*" >&2
  exit 1
}

[ $# -eq 3 ] || usage
id=$1 name=$2 family=$3
[[ $id =~ ^WA[1-9][0-9]{2}$ ]] || fail "the id must be WA and three digits, the first not 0 (got '$id')"
[[ $name =~ ^[a-z][a-z0-9]*(-[a-z0-9]+)+$ ]] ||
  fail "the name must be two or more lowercase words joined by '-', like lambda-without-tracing (got '$name')"
[[ $family =~ ^[a-z][a-z0-9]*$ ]] || fail "the family must be one lowercase word, a transforms/ folder (got '$family')"

snake=${name//-/_}
lower_id=$(tr '[:upper:]' '[:lower:]' <<<"$id")
stem="${lower_id}_${snake}"
rule_file="transforms/$family/$stem.cpp"
doc_file="transforms/$family/$stem.md"
case_dir="testdata/$id"
registry=transforms/registry.def

grep -q "^WAFIX_RULE($id," "$registry" && fail "$id is already in $registry"
grep -q "^WAFIX_RULE(WA[0-9]*, $snake," "$registry" && fail "a rule named $name is already in $registry"
existing=$(find transforms -name "${lower_id}_*" -o -name "wa[0-9][0-9][0-9]_${snake}.*" | head -1)
[ -z "$existing" ] || fail "$existing already exists"
[ ! -e "$case_dir" ] || fail "$case_dir already exists"
grep -q '^## \[Unreleased\]' CHANGELOG.md || fail "CHANGELOG.md has no '## [Unreleased]' section"

# The class is the name in CamelCase; the triggers default to those of the family's first rule
# (a new family gets none, which makes the rule run on every file: set them before merging).
class=$(sed -E 's/(^|-)([a-z])/\U\2/g' <<<"$name")
triggers=""
if [ -d "transforms/$family" ]; then
  # The first of the family's rule files that declares triggers (helper files declare none).
  first=$(find "transforms/$family" -name 'wa[0-9]*.cpp' -print0 | sort -z | xargs -0 grep -l '\.triggers = {' | head -1 || true)
  [ -n "$first" ] && triggers=$(grep -o '\.triggers = {[^}]*}' "$first" | head -1 | sed 's/^\.triggers = //')
fi
[ -n "$triggers" ] || triggers='{}'

mkdir -p "transforms/$family" "$case_dir"

cat >"$rule_file" <<EOF
// $id $name: FIXME what it finds and why that matters.
#include "rule_file.hpp"

namespace wafix {
namespace {

class $class final : public Transform {
    using Transform::Transform;

    void check(Context& /*ctx*/, std::vector<Finding>& /*out*/) const override {}
};

}  // namespace

// The id, name and family are the registry line's.
WAFIX_RULE_FILE($snake, $class,
                {.pillars = {Pillar::Ops},  // FIXME
                 .summary = "FIXME one line for \`wafix rules\`",
                 .fix = FixAvailability::None,
                 // Byte strings one of which any file this rule can flag contains: a file
                 // without them is not parsed for it (Transform::may_apply).
                 .triggers = $triggers})

}  // namespace wafix
EOF

# The project's layout for it (a long name wraps the macro's first line).
if command -v "${CLANG_FORMAT:-clang-format-14}" >/dev/null 2>&1; then "${CLANG_FORMAT:-clang-format-14}" -i "$rule_file"; fi

cat >"$doc_file" <<EOF
# $id $name

Pillars: FIXME. Fix: none.

## What it does
FIXME: what the rule finds (resolved through the file's imports) and what it changes.

## Why is this bad
FIXME

## Example
\`\`\`python
FIXME
\`\`\`

## Use instead
\`\`\`python
FIXME
\`\`\`

## Fix safety
FIXME: what a reviewer must check before merging the fix.
EOF

cat >"$case_dir/neg_unrelated_module.py" <<EOF
"""Nothing here concerns $id: the rule must report nothing."""


def handler(event, context):
    return {"statusCode": 200, "body": event.get("name", "")}
EOF
printf '# %s on neg_unrelated_module.py (WAFIX_UPDATE_GOLDEN=1 rewrites this file)\nno findings\n--- no change\n' \
  "$id" >"$case_dir/neg_unrelated_module.py.snap"

# The registry line, in id order.
python3 - "$registry" "$id" "$snake" "$family" <<'PY'
import re, sys
path, rule_id, snake, family = sys.argv[1:]
lines = open(path).read().splitlines(keepends=True)
entries = [(i, m) for i, l in enumerate(lines) if (m := re.match(r"WAFIX_RULE\((WA\d+), ", l))]
line = f"WAFIX_RULE({rule_id}, {snake}, {family})\n"
at = next((i for i, m in entries if m.group(1) > rule_id), entries[-1][0] + 1 if entries else len(lines))
if at == len(lines) and lines and not lines[-1].endswith("\n"):
    lines[-1] += "\n"
lines.insert(at, line)
open(path, "w").write("".join(lines))
PY

# The CHANGELOG line: first under "### Added" of the Unreleased section (created if missing).
python3 - CHANGELOG.md "$id" "$name" <<'PY'
import sys
path, rule_id, name = sys.argv[1:]
lines = open(path).read().splitlines(keepends=True)
start = next(i for i, l in enumerate(lines) if l.startswith("## [Unreleased]"))
end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")), len(lines))
entry = f"- {rule_id} {name}: FIXME what it finds and fixes.\n"
added = next((i for i in range(start + 1, end) if lines[i].strip() == "### Added"), None)
if added is None:
    lines[start + 1:start + 1] = ["\n", "### Added\n", entry]
else:
    lines.insert(added + 1, entry)
open(path, "w").write("".join(lines))
PY

echo "new-rule: wrote $rule_file, $doc_file, $case_dir/neg_unrelated_module.py(.snap), a line in $registry and in CHANGELOG.md"
echo "new-rule: next: fill in the FIXMEs, write the check, add cases (WAFIX_UPDATE_GOLDEN=1 build/tests/wafix_golden_tests writes their .snap; read each)"
