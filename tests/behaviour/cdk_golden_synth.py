#!/usr/bin/env python3
"""Runs the WA401/WA402 golden cases with the real aws-cdk-lib: every case whose original builds a
stack must still build after the fix, and synthesize with the added properties.

  cdk_golden_synth.py TESTDATA_DIR...

Each `<case>.py` with a `<case>.py.fixed` is executed twice (original, fixed) in one jsii session.
The case's entry point is `build(stack, ...)` or a Stack subclass; parameters and free names get
stand-in values by name (stack, code, role_arn, dlq, ...). An original that cannot build here (it
needs Docker, esbuild, or names the case leaves undefined) is skipped, and counted as skipped.
"""
import inspect
import json
import os
import runpy
import shutil
import sys
import tempfile
import types

os.environ.setdefault("JSII_SILENCE_WARNING_UNTESTED_NODE_VERSION", "1")
os.environ.setdefault("JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION", "1")

cdk = _lambda = sqs = sns = None  # imported in main(), once the working directory is set


def import_cdk():
    global cdk, _lambda, sqs, sns
    import aws_cdk
    from aws_cdk import aws_lambda, aws_sns, aws_sqs

    cdk, _lambda, sqs, sns = aws_cdk, aws_lambda, aws_sqs, aws_sns

CONTEXT = {"aws:cdk:bundling-stacks": [], "aws:cdk:version-reporting": False}


def stand_ins(stack):
    code = _lambda.Code.from_inline("def handler(event, context):\n    return None\n")
    return {
        "stack": stack, "s": stack, "scope": stack,
        "code": code, "c": code,
        "rt": _lambda.Runtime.PYTHON_3_12,
        "role_arn": "arn:aws:iam::123456789012:role/legacy",
        "dlq": sqs.Queue(stack, "GivenDlq"), "sqs_queue": sqs.Queue(stack, "GivenQueue"),
        "topic": sns.Topic(stack, "GivenTopic"),
        "legacy": True,
        "table": types.SimpleNamespace(table_name="orders"),
    }


def make_assets(root):
    """The files the cases' asset paths name, so that constructs that check them can build."""
    files = {
        "image/Dockerfile": "FROM public.ecr.aws/lambda/python:3.12\n",
        "lambda/index.ts": "export const handler = async () => {};\n",
        "lambda/orders.ts": "export const handler = async () => {};\n",
        "lambda/invoices.ts": "export const handler = async () => {};\n",
        "package-lock.json": "{}\n",
        "functions/report/handler.py": "def handler(event, context):\n    return None\n",
        "functions/report/index.py": "def handler(event, context):\n    return None\n",
        "src/index.py": "def handler(event, context):\n    return None\n",
    }
    for rel, text in files.items():
        os.makedirs(os.path.dirname(os.path.join(root, rel)), exist_ok=True)
        with open(os.path.join(root, rel), "w") as f:
            f.write(text)


def build_template(path):
    """The synthesized template of the case, or raise."""
    outdir = tempfile.mkdtemp(prefix="cdk-golden-")
    try:
        return synth_case(path, outdir)
    finally:
        shutil.rmtree(outdir, ignore_errors=True)


def synth_case(path, outdir):
    app = cdk.App(context=CONTEXT, outdir=outdir)
    holder = cdk.Stack(app, "Holder")
    values = stand_ins(holder)
    module = runpy.run_path(path, init_globals=dict(values))
    functions = [v for k, v in module.items() if inspect.isfunction(v) and k not in values]
    if len(functions) == 1:
        params = inspect.signature(functions[0]).parameters.values()
        functions[0](*[values[p.name] for p in params if p.kind != inspect.Parameter.VAR_KEYWORD])
        stack = holder
    else:
        classes = [v for v in module.values() if isinstance(v, type) and issubclass(v, cdk.Stack) and v is not cdk.Stack]
        if not classes:
            raise RuntimeError("no entry point")
        cls = classes[-1]
        params = list(inspect.signature(cls.__init__).parameters)[3:]
        stack = cls(app, "Case", *[values[p] for p in params])
    return app.synth().get_stack_by_name(stack.stack_name).template


def lambdas(template):
    return {k: r.get("Properties", {}) for k, r in template.get("Resources", {}).items()
            if r["Type"] == "AWS::Lambda::Function"}


def main(dirs):
    dirs = [os.path.abspath(d) for d in dirs]
    # The jsii kernel resolves asset paths against the working directory it started in.
    work = tempfile.mkdtemp(prefix="cdk-golden-assets-")
    make_assets(work)
    os.chdir(work)
    import_cdk()
    ran, skipped, errors = 0, 0, []
    for d in dirs:
        rule = os.path.basename(os.path.normpath(d))
        for name in sorted(os.listdir(d)):
            if not name.endswith(".py") or not os.path.exists(os.path.join(d, name + ".fixed")):
                continue
            case = os.path.join(d, name)
            try:
                before = build_template(case)
            except Exception as e:  # the environment cannot build this original
                skipped += 1
                print(f"skip {rule}/{name}: {type(e).__name__}: {str(e).splitlines()[0][:100]}")
                continue
            with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as f:
                f.write(open(case + ".fixed", encoding="utf-8").read())
            try:
                after = build_template(f.name)
            except Exception as e:
                errors.append(f"{rule}/{name}: the fixed case no longer builds: {e}")
                continue
            finally:
                os.unlink(f.name)
            ran += 1
            prop = "DeadLetterConfig" if rule == "WA401" else "ReservedConcurrentExecutions"
            gained = [k for k, p in lambdas(after).items() if prop in p and prop not in lambdas(before).get(k, {})]
            if not gained:
                errors.append(f"{rule}/{name}: no function gained {prop}")
            print(f"ok   {rule}/{name}: {len(gained)} function(s) gained {prop}")
    os.chdir(os.path.dirname(work))
    shutil.rmtree(work, ignore_errors=True)
    print(json.dumps({"ran": ran, "skipped": skipped, "errors": len(errors)}))
    for e in errors:
        print("ERROR: " + e)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
