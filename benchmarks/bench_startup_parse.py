"""Start-up and DOCX parse cost: what a user waits for on a few files.

    .venv/bin/python benchmarks/bench_startup_parse.py [--runs 3]

Prints (figures only, no assertions; the machine is shared, so compare ratios):

* DOCX whole pipeline (``process_file``) CPU per document over the DOCX samples, each
  seen once (label memo cold; imports and start-up, i.e. the word index and the label
  dictionary, excluded), *before → after on the same run*: "before" is the base
  commit's code (``benchmarks/baseline.py``), run alternately with the current code;
  against a bare python-docx read of the same files (every paragraph and cell's text),
  and the ratios;
* the label memo: the same pipeline first-seen (empty memo) and memo-warm (a new
  process finding the memo the first-seen run persisted), in a fresh cache folder;
* whether a parse worker imports SQLAlchemy / alembic.

CPU is user + system of each child (``os.wait4``). The cold ``jixiao extract`` and
``--help`` lines, before → after, are in ``bench_fixed_cost.py``.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from baseline import BaselineUnavailable, baseline_imports, python_env, which_code

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"

_PIPELINE_CHILD = """
import json, sys, time
from pathlib import Path
from jixiao.errors import DocumentError
from jixiao.process import process_file
from jixiao.normalize.labels import LabelDictionary
from jixiao.normalize.words import lcut
paths = [Path(p) for p in sys.argv[1:]]
def run(path):
    try:
        process_file(path)
    except DocumentError:
        pass
# start-up paid once per worker, not per document: imports, the tokenizer, the dictionary
import jixiao.extract.docx_reader  # noqa: F401  (imported on the first DOCX otherwise)
lcut("全年预算数")
LabelDictionary.default()
t0 = time.process_time()
for path in paths:
    run(path)
print(json.dumps({"cpu": time.process_time() - t0, "n": len(paths)}))
"""

_BARE_CHILD = """
import json, sys, time
from pathlib import Path
import docx
paths = [Path(p) for p in sys.argv[1:]]
def read(path):
    document = docx.Document(str(path))
    out = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            out.extend(cell.text for cell in row.cells)
    return out
best = None
for _ in range(3):
    t0 = time.process_time()
    for path in paths:
        read(path)
    spent = time.process_time() - t0
    best = spent if best is None else min(best, spent)
print(json.dumps({"cpu": best, "n": len(paths)}))
"""

_WORKER_IMPORTS = """
import sys
import jixiao.ingest_worker  # noqa: F401
print(",".join(m for m in ("sqlalchemy", "alembic", "jieba", "pandas") if m in sys.modules))
"""


def _child(args: list[str], env: dict[str, str] | None = None) -> tuple[float, float, str]:
    """Run ``args``; return the child's CPU-seconds, peak RSS (MiB) and stdout."""
    proc = subprocess.Popen(
        args, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, cwd=ROOT, env=env
    )
    out = proc.stdout.read().decode() if proc.stdout else ""
    _, _, usage = os.wait4(proc.pid, 0)
    proc.returncode = 0
    return usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, out


def _pipeline(paths: list[str], env: dict[str, str]) -> float:
    """CPU-seconds per document of one fresh process over ``paths``."""
    _, _, out = _child([sys.executable, "-c", _PIPELINE_CHILD, *paths], env=env)
    return json.loads(out)["cpu"] / len(paths)


def _cache_folder() -> Path:
    """A fresh cache folder (no label memo) sharing the user's jieba word index."""
    from jixiao.normalize import words

    words.lcut("预算")  # builds the word index in the user's cache if missing
    folder = Path(tempfile.mkdtemp(prefix="jixiao-bench-cache-"))
    for index in words.cache_dir().glob("jieba-prefix-*.sqlite3"):
        (folder / index.name).symlink_to(index)
    return folder


@dataclass(frozen=True)
class PipelineFigures:
    """Median CPU ms per document."""

    n: int
    before: float | None  # the base commit's code, first-seen (None: commit not here)
    after: float  # the current code, first-seen (empty label memo)
    warm: float  # the current code in a new process finding the persisted memo
    bare: float  # python-docx reading every paragraph and cell


def docx_pipeline(runs: int) -> PipelineFigures:
    """Before (base commit) and after, first-seen and memo-warm; the bare read."""
    paths = [str(p) for p in sorted(SAMPLES.glob("*.docx"))]
    try:
        old_code = baseline_imports()
    except BaselineUnavailable:
        old_code = None
    cache = _cache_folder()
    try:
        after_env = python_env(None) | {"JIXIAO_CACHE_DIR": str(cache)}
        before_env = python_env(old_code) | {"JIXIAO_CACHE_DIR": str(cache)}
        if old_code is not None:
            assert which_code(old_code).startswith(str(old_code)), "before-child imports"
        before, after, warm = [], [], []
        for _ in range(runs):
            if old_code is not None:
                before.append(_pipeline(paths, before_env))
            for memo in cache.glob("labels-memo-*"):
                memo.unlink()
            after.append(_pipeline(paths, after_env))  # first-seen: the memo is empty
            warm.append(_pipeline(paths, after_env))  # a new worker: the memo persisted
    finally:
        shutil.rmtree(cache, ignore_errors=True)
    _, _, out = _child([sys.executable, "-c", _BARE_CHILD, *paths])
    bare = json.loads(out)["cpu"] / len(paths)
    return PipelineFigures(
        n=len(paths),
        before=statistics.median(before) * 1000 if before else None,
        after=statistics.median(after) * 1000,
        warm=statistics.median(warm) * 1000,
        bare=bare * 1000,
    )


def worker_imports() -> str:
    _, _, out = _child([sys.executable, "-c", _WORKER_IMPORTS])
    return out.strip() or "none"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    got = docx_pipeline(args.runs)
    was = (
        f"{got.before:.1f} ms ({got.before / got.bare:.2f}x) → "
        if got.before is not None
        else "(base commit not in this clone) → "
    )
    print(
        f"DOCX whole pipeline, first-seen, CPU/doc over {got.n} files: {was}"
        f"{got.after:.1f} ms ({got.after / got.bare:.2f}x); "
        f"bare python-docx read {got.bare:.1f} ms/doc"
    )
    print(
        f"label memo: first-seen {got.after:.1f} ms/doc → memo-warm (new process, "
        f"persisted memo) {got.warm:.1f} ms/doc"
    )
    print(f"parse worker imports (of sqlalchemy, alembic, jieba, pandas): {worker_imports()}")


if __name__ == "__main__":
    main()
