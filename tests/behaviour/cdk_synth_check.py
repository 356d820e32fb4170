#!/usr/bin/env python3
"""Synthesizes a CDK app with cdk-nag and compares two synths (the app before and after wafix).

  cdk_synth_check.py synth APP_DIR OUT.json   run APP_DIR/app.py with cdk-nag's NIST 800-53 R5
                                              (has LambdaDLQ / LambdaConcurrency) and AwsSolutions
                                              packs; write the templates and findings as JSON
  cdk_synth_check.py compare BEFORE.json AFTER.json [SYNC_ONLY]
                                              assert the after-synth gives every Lambda function a
                                              DeadLetterConfig and ReservedConcurrentExecutions,
                                              changes nothing else but the new queues and their
                                              policies, clears LambdaDLQ / LambdaConcurrency and adds
                                              no cdk-nag finding but the documented ones

The app runs unchanged: the packs are added by wrapping App.synth, asset bundling (Docker, which
PythonFunction wants) is skipped through the `aws:cdk:bundling-stacks` context.
"""
import copy
import csv
import glob
import json
import os
import runpy
import shutil
import sys
import tempfile

# New cdk-nag findings a WA401 fix may bring, each explained in transforms/cdk/wa401_lambda_without_dlq.md.
EXPLAINED_NEW_FINDINGS = {
    # The queue CDK creates for dead_letter_queue_enabled=True has no resource policy requiring TLS.
    "AwsSolutions-SQS4",
    "NIST.800.53.R5-SQSQueueSSLRequestsOnly",
    # A queue that is itself not backed by a DLQ (cdk-nag cannot tell it is one).
    "AwsSolutions-SQS3",
    # The sqs:SendMessage grant lands in the role's DefaultPolicy, an inline AWS::IAM::Policy, which a
    # function that had no other grant did not have before.
    "NIST.800.53.R5-IAMNoInlinePolicy",
}
RULES_TO_CLEAR = {"NIST.800.53.R5-LambdaDLQ", "NIST.800.53.R5-LambdaConcurrency"}


def synth(app_dir, out_json):
    os.environ.setdefault("JSII_SILENCE_WARNING_UNTESTED_NODE_VERSION", "1")
    os.environ.setdefault("JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION", "1")
    outdir = tempfile.mkdtemp(prefix="cdk-out-")
    os.environ["CDK_OUTDIR"] = outdir
    context = json.loads(os.environ.get("CDK_CONTEXT_JSON", "{}"))
    context["aws:cdk:bundling-stacks"] = []  # no Docker: skip asset bundling
    context["aws:cdk:version-reporting"] = False  # no AWS::CDK::Metadata (it encodes the construct list)
    os.environ["CDK_CONTEXT_JSON"] = json.dumps(context)
    # Asset paths in the app are relative to it, as under `cdk synth`; the jsii kernel (started by
    # the first import) resolves them against its own working directory.
    os.chdir(app_dir)
    sys.path.insert(0, app_dir)

    import aws_cdk as cdk
    import cdk_nag

    original_synth = cdk.App.synth

    def synth_with_nag(self, *args, **kwargs):
        cdk.Aspects.of(self).add(cdk_nag.NIST80053R5Checks(reports=True))
        cdk.Aspects.of(self).add(cdk_nag.AwsSolutionsChecks(reports=True))
        return original_synth(self, *args, **kwargs)

    cdk.App.synth = synth_with_nag
    runpy.run_path(os.path.join(app_dir, "app.py"), run_name="__main__")

    templates = {}
    for path in sorted(glob.glob(os.path.join(outdir, "*.template.json"))):
        with open(path) as f:
            templates[os.path.basename(path)] = json.load(f)
    findings = []
    for path in sorted(glob.glob(os.path.join(outdir, "*-NagReport.csv"))):
        with open(path, newline="") as f:
            for row in csv.DictReader(f):
                if row.get("Compliance") == "Non-Compliant":
                    findings.append([row["Rule ID"], row["Resource ID"]])
    shutil.rmtree(outdir, ignore_errors=True)
    with open(out_json, "w") as f:
        json.dump({"templates": templates, "findings": findings}, f, indent=1, sort_keys=True)
    counts = {}
    for rule, _ in findings:
        counts[rule] = counts.get(rule, 0) + 1
    print(f"synthesized {len(templates)} template(s), {len(findings)} cdk-nag finding(s)")
    for rule in sorted(counts):
        print(f"  {rule}: {counts[rule]}")


def resources(data):
    out = {}
    for name, template in data["templates"].items():
        for logical_id, resource in template.get("Resources", {}).items():
            out[(name, logical_id)] = resource
    return out


def without_dlq_and_concurrency(function):
    doc = copy.deepcopy(function)
    doc.get("Properties", {}).pop("DeadLetterConfig", None)
    doc.get("Properties", {}).pop("ReservedConcurrentExecutions", None)
    doc.pop("DependsOn", None)  # the function now also waits for its role's new policy
    return doc


def statements_without_send_message(policy):
    doc = copy.deepcopy(policy)
    statements = doc["Properties"]["PolicyDocument"]["Statement"]
    doc["Properties"]["PolicyDocument"]["Statement"] = [s for s in statements if not sends_to_sqs(s)]
    return doc


def sends_to_sqs(statement):
    """An Allow statement of SQS actions including SendMessage (what a DLQ grant writes)."""
    actions = statement.get("Action")
    actions = actions if isinstance(actions, list) else [actions]
    return (
        statement.get("Effect") == "Allow"
        and "sqs:SendMessage" in actions
        and all(str(a).startswith("sqs:") for a in actions)
    )


def compare(before_json, after_json, sync_only=0):
    """`sync_only`: how many functions are only invoked synchronously (WA401 gives them no DLQ, so
    they keep no DeadLetterConfig and their LambdaDLQ finding)."""
    with open(before_json) as f:
        before = json.load(f)
    with open(after_json) as f:
        after = json.load(f)
    errors = []
    rb, ra = resources(before), resources(after)

    lambdas = [k for k, r in ra.items() if r["Type"] == "AWS::Lambda::Function"]
    if not lambdas:
        errors.append("no AWS::Lambda::Function in the after-synth")
    without_dlq = [k for k in lambdas if "TargetArn" not in ra[k].get("Properties", {}).get("DeadLetterConfig", {})]
    if len(without_dlq) != sync_only:
        errors.append(f"{len(without_dlq)} function(s) without DeadLetterConfig.TargetArn, expected {sync_only}")
    for key in lambdas:
        props = ra[key].get("Properties", {})
        if "ReservedConcurrentExecutions" not in props:
            errors.append(f"{key[1]}: no ReservedConcurrentExecutions")

    for key, old in rb.items():
        new = ra.get(key)
        if new is None:
            errors.append(f"{key[1]} disappeared")
            continue
        if old["Type"] == "AWS::Lambda::Function":
            old, new = without_dlq_and_concurrency(old), without_dlq_and_concurrency(new)
        elif old["Type"] == "AWS::IAM::Policy":
            old, new = statements_without_send_message(old), statements_without_send_message(new)
        if new != old:
            errors.append(f"{key[1]} ({old['Type']}) changed beyond the DLQ / concurrency properties")

    added = {k: r for k, r in ra.items() if k not in rb}
    for key, r in added.items():
        if r["Type"] in ("AWS::SQS::Queue", "AWS::SQS::QueuePolicy"):
            continue
        if r["Type"] == "AWS::IAM::Policy" and all(
            sends_to_sqs(s) for s in r["Properties"]["PolicyDocument"]["Statement"]
        ):
            continue
        errors.append(f"unexpected new resource {key[1]} ({r['Type']})")

    def counts(data):
        c = {}
        for rule, _ in data["findings"]:
            c[rule] = c.get(rule, 0) + 1
        return c

    cb, ca = counts(before), counts(after)
    for rule in sorted(RULES_TO_CLEAR):
        print(f"{rule}: {cb.get(rule, 0)} -> {ca.get(rule, 0)}")
        if cb.get(rule, 0) == 0:
            errors.append(f"{rule} found nothing before the fix: the check proves nothing")
        left = sync_only if rule.endswith("LambdaDLQ") else 0
        if ca.get(rule, 0) != left:
            errors.append(f"{rule} still reports {ca.get(rule, 0)} finding(s), expected {left}")
    old_findings = {tuple(f) for f in before["findings"]}
    for rule, resource in sorted({tuple(f) for f in after["findings"]} - old_findings):
        print(f"new finding: {rule} on {resource}")
        inline_grant = rule != "NIST.800.53.R5-IAMNoInlinePolicy" or resource.endswith("/DefaultPolicy/Resource")
        if rule not in EXPLAINED_NEW_FINDINGS or not inline_grant:
            errors.append(f"new cdk-nag finding {rule} on {resource} is not explained")
    print(f"cdk-nag findings: {len(before['findings'])} -> {len(after['findings'])}")
    print(f"new resources: {len(added)}, Lambda functions: {len(lambdas)}")
    for e in errors:
        print("ERROR: " + e)
    return 1 if errors else 0


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "synth":
        synth(os.path.abspath(sys.argv[2]), os.path.abspath(sys.argv[3]))
    elif len(sys.argv) in (4, 5) and sys.argv[1] == "compare":
        sys.exit(compare(sys.argv[2], sys.argv[3], int(sys.argv[4]) if len(sys.argv) == 5 else 0))
    else:
        sys.exit(__doc__)
