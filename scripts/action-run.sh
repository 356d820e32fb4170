#!/usr/bin/env bash
# The run step of the GitHub Action (action.yml): runs the installed wafix in WAFIX_MODE (check,
# diff or pr) and writes the step's outputs to $GITHUB_OUTPUT: findings, exit-code, and per mode
# sarif-file, diff-file or pull-requests. It exits 0 whatever wafix found, so the SARIF upload
# still runs; the action's last step fails the job on an error or (fail-on-findings) a finding.
set -uo pipefail

mode="${WAFIX_MODE:-check}"
read -ra paths <<< "${WAFIX_PATH:-.}"
read -ra extra <<< "${WAFIX_ARGS:-}"
output="${GITHUB_OUTPUT:-/dev/null}"
summary="${GITHUB_STEP_SUMMARY:-/dev/null}"
[ ${#paths[@]} -gt 0 ] || paths=(.)

say() { printf '%s\n' "$1" >> "$output"; }
# "findings" of a `--format json` document on stdin (docs/json-format.md).
json_findings() { python3 -c 'import json, sys; print(json.load(sys.stdin)["summary"]["findings"])' 2>/dev/null || echo 0; }

case "$mode" in
  check)
    sarif="${WAFIX_SARIF_FILE:-wafix.sarif}"
    wafix check --no-progress --format sarif "${extra[@]}" "${paths[@]}" > "$sarif"
    rc=$?
    findings=$(python3 -c 'import json, sys; print(sum(len(r.get("results", [])) for r in json.load(open(sys.argv[1]))["runs"]))' "$sarif" 2>/dev/null || echo 0)
    # Workflow annotations on the changed lines, besides the code-scanning alerts of the SARIF.
    if [ "${WAFIX_ANNOTATIONS:-true}" = true ]; then
      wafix check --no-progress --format github "${extra[@]}" "${paths[@]}" || true
    fi
    say "sarif-file=$sarif"
    ;;
  diff)
    patch="${WAFIX_DIFF_FILE:-wafix.diff}"
    wafix diff --no-progress --color never "${extra[@]}" "${paths[@]}" > "$patch"
    rc=$?
    cat "$patch"
    findings=$(wafix diff --no-progress --format json "${extra[@]}" "${paths[@]}" 2>/dev/null | json_findings)
    say "diff-file=$patch"
    ;;
  pr)
    args=(pr "${paths[0]}" --branch-prefix "${WAFIX_BRANCH_PREFIX:-wafix/}")
    IFS=',' read -ra labels <<< "${WAFIX_LABELS:-wafix}"
    for l in "${labels[@]}"; do l="$(echo "$l" | xargs)"; [ -n "$l" ] && args+=(--label "$l"); done
    [ -n "${WAFIX_BASE:-}" ] && args+=(--base "$WAFIX_BASE")
    [ "${WAFIX_COMBINED:-false}" = true ] && args+=(--combined)
    [ "${WAFIX_DRY_RUN:-false}" = true ] && args+=(--dry-run)
    log="$(mktemp)"
    wafix "${args[@]}" "${extra[@]}" 2>&1 | tee "$log"
    rc=${PIPESTATUS[0]}
    urls=$(grep -oE '(opened|updated) pull request #[0-9]+ [^ ]+' "$log" | awk '{print $5}' | tr '\n' ' ' | sed 's/ $//')
    rm -f "$log"
    findings=$(wafix check --no-progress --format json "${extra[@]}" "${paths[0]}" 2>/dev/null | json_findings)
    say "pull-requests=$urls"
    ;;
  *)
    echo "::error::wafix action: unknown mode '$mode' (check, diff or pr)"
    say "exit-code=2"
    exit 2
    ;;
esac

say "findings=$findings"
say "exit-code=$rc"
{
  echo "### wafix $mode"
  echo
  echo "Findings: $findings (wafix exit code $rc)"
  [ "$mode" = pr ] && [ -n "$urls" ] && for u in $urls; do echo "- $u"; done
} >> "$summary"
exit 0
