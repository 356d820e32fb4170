#!/usr/bin/env python3
"""Synthesizes a CDK app with cdk-nag's Serverless pack and prints what WA401 is about, as JSON.

  cdk_triggers_synth.py APP_DIR

Prints {"functions": {cdk path: has DeadLetterConfig}, "queues": N, "redrive": [queue paths with a
RedrivePolicy], "mappings": {mapping path: {"on_failure": bool, "batch_item_failures": bool}},
"nag": {rule: count}, "flagged": {rule: [resource ids]}} for the failure-handling rules of the Serverless pack (LambdaDLQ,
LambdaAsyncFailureDestination, LambdaEventSourceMappingDestination, SQSRedrivePolicy).
Asset bundling is skipped (no Docker) as in cdk_synth_check.py.
"""
import csv
import glob
import json
import os
import runpy
import shutil
import sys
import tempfile

RULES = (
    "Serverless-LambdaDLQ",
    "Serverless-LambdaAsyncFailureDestination",
    "Serverless-LambdaEventSourceMappingDestination",
    "Serverless-SQSRedrivePolicy",
)


def main(app_dir):
    os.environ.setdefault("JSII_SILENCE_WARNING_UNTESTED_NODE_VERSION", "1")
    os.environ.setdefault("JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION", "1")
    outdir = tempfile.mkdtemp(prefix="cdk-out-")
    os.environ["CDK_OUTDIR"] = outdir
    os.environ["CDK_CONTEXT_JSON"] = json.dumps({"aws:cdk:bundling-stacks": [], "aws:cdk:version-reporting": False})
    app_dir = os.path.abspath(app_dir)
    os.chdir(app_dir)
    sys.path.insert(0, app_dir)

    import aws_cdk as cdk
    import cdk_nag

    original_synth = cdk.App.synth

    def synth_with_nag(self, *args, **kwargs):
        cdk.Aspects.of(self).add(cdk_nag.ServerlessChecks(reports=True))
        return original_synth(self, *args, **kwargs)

    cdk.App.synth = synth_with_nag
    runpy.run_path(os.path.join(app_dir, "app.py"), run_name="__main__")

    out = {"functions": {}, "queues": 0, "redrive": [], "mappings": {}, "nag": {rule: 0 for rule in RULES}, "flagged": {rule: [] for rule in RULES}}
    for path in sorted(glob.glob(os.path.join(outdir, "*.template.json"))):
        with open(path) as f:
            template = json.load(f)
        for logical_id, resource in template.get("Resources", {}).items():
            cdk_path = resource.get("Metadata", {}).get("aws:cdk:path", logical_id)
            props = resource.get("Properties", {})
            kind = resource.get("Type")
            if kind == "AWS::Lambda::Function":
                out["functions"][cdk_path] = "DeadLetterConfig" in props
            elif kind == "AWS::SQS::Queue":
                out["queues"] += 1
                if "RedrivePolicy" in props:
                    out["redrive"].append(cdk_path)
            elif kind == "AWS::Lambda::EventSourceMapping":
                out["mappings"][cdk_path] = {
                    "on_failure": "OnFailure" in props.get("DestinationConfig", {}),
                    "batch_item_failures": "ReportBatchItemFailures" in props.get("FunctionResponseTypes", []),
                }
    for path in sorted(glob.glob(os.path.join(outdir, "*-NagReport.csv"))):
        with open(path, newline="") as f:
            for row in csv.DictReader(f):
                if row.get("Compliance") == "Non-Compliant" and row["Rule ID"] in out["nag"]:
                    out["nag"][row["Rule ID"]] += 1
                    out["flagged"][row["Rule ID"]].append(row["Resource ID"])
    shutil.rmtree(outdir, ignore_errors=True)
    print(json.dumps(out, sort_keys=True))


if __name__ == "__main__":
    main(sys.argv[1])
