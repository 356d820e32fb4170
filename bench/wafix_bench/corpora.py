"""The corpora: the stdlib's .py files, the sample project, and N-copy monorepos of both."""
from __future__ import annotations

import json
import os
import shutil
from pathlib import Path


def copy_tree(src: Path, dst: Path, py_only: bool):
    for dirpath, dirnames, filenames in os.walk(src):
        dirnames[:] = sorted(d for d in dirnames if d != "__pycache__")
        rel = Path(dirpath).relative_to(src)
        for f in sorted(filenames):
            if py_only and not f.endswith(".py"):
                continue
            (dst / rel).mkdir(parents=True, exist_ok=True)
            shutil.copy2(Path(dirpath) / f, dst / rel / f)


def prepare(corpora: Path, stdlib: Path, sample: Path, scales):
    """Build (once; a stamp file records for what) stdlib/, sample/ and mono-Nx/ for each N."""
    stamp = corpora / ".stamp"
    want = json.dumps({"stdlib": str(stdlib), "scales": sorted(set(scales)), "v": 2})
    if stamp.exists() and stamp.read_text() == want:
        return
    if corpora.exists():
        shutil.rmtree(corpora)
    corpora.mkdir(parents=True)
    copy_tree(stdlib, corpora / "stdlib", py_only=True)
    copy_tree(sample, corpora / "sample", py_only=False)
    for n in sorted(set(scales)):
        mono = corpora / f"mono-{n}x"
        for i in range(n):
            shutil.copytree(corpora / "stdlib", mono / f"copy{i:02d}" / "stdlib")
            shutil.copytree(corpora / "sample", mono / f"copy{i:02d}" / "sample")
    for d in corpora.iterdir():
        if d.is_dir():
            # semgrep's built-in default ignore list skips tests/ and test/ dirs; an empty
            # .semgrepignore makes it scan what the other tools scan.
            (d / ".semgrepignore").write_text("")
    stamp.write_text(want)


def stats(path: Path):
    files = list(path.rglob("*.py"))
    return len(files), sum(p.stat().st_size for p in files)


def warm(path: Path):
    """Read every file once so every tool starts from a warm file cache."""
    for p in path.rglob("*"):
        if p.is_file():
            with open(p, "rb") as fh:
                while fh.read(1 << 20):
                    pass


def scale_of(name: str):
    """3 for "mono-3x", None for any other corpus name."""
    if name.startswith("mono-") and name.endswith("x") and name[5:-1].isdigit():
        return int(name[5:-1])
    return None
