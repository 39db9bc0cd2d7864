"""Start-up and DOCX parse cost: what a user waits for on a few files.

    .venv/bin/python benchmarks/bench_startup_parse.py [--runs 3]

Prints (figures only, no assertions; the machine is shared, so compare ratios):

* cold ``jixiao extract`` of one DOCX: CPU-seconds (user + system of the child, from
  ``os.wait4``) and peak RSS, median of ``--runs`` fresh processes;
* DOCX whole pipeline (``process_file``) CPU per document over the DOCX samples, each
  seen once (label memo cold; imports and start-up excluded), against a bare
  python-docx read of the same files (every paragraph and cell's text), and the ratio;
* whether a parse worker imports SQLAlchemy / alembic.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
BIN = Path(sys.executable).parent
COLD_SAMPLE = "yueyang_2019_egov_extranet_self_eval.docx"

_PIPELINE_CHILD = """
import json, sys, time
from pathlib import Path
from jixiao.errors import DocumentError
from jixiao.process import process_file
paths = [Path(p) for p in sys.argv[1:]]
def run(path):
    try:
        process_file(path)
    except DocumentError:
        pass
# start-up paid once per worker, not per document: imports and the tokenizer
from jixiao.normalize import labels
labels._tokens("全年预算数")
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


def _child(args: list[str]) -> tuple[float, float, str]:
    """Run ``args``; return the child's CPU-seconds, peak RSS (MiB) and stdout."""
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, cwd=ROOT)
    out = proc.stdout.read().decode() if proc.stdout else ""
    _, _, usage = os.wait4(proc.pid, 0)
    proc.returncode = 0
    return usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, out


def cold_extract(runs: int) -> tuple[float, float]:
    cpu, rss = [], []
    for _ in range(runs):
        spent, peak, _ = _child([str(BIN / "jixiao"), "extract", str(SAMPLES / COLD_SAMPLE)])
        cpu.append(spent)
        rss.append(peak)
    return statistics.median(cpu), statistics.median(rss)


def docx_pipeline(runs: int) -> tuple[float, float, int]:
    paths = [str(p) for p in sorted(SAMPLES.glob("*.docx"))]
    pipeline = []
    for _ in range(runs):
        _, _, out = _child([sys.executable, "-c", _PIPELINE_CHILD, *paths])
        pipeline.append(json.loads(out)["cpu"])
    _, _, out = _child([sys.executable, "-c", _BARE_CHILD, *paths])
    bare = json.loads(out)["cpu"]
    return statistics.median(pipeline) / len(paths), bare / len(paths), len(paths)


def worker_imports() -> str:
    _, _, out = _child([sys.executable, "-c", _WORKER_IMPORTS])
    return out.strip() or "none"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    cpu, rss = cold_extract(args.runs)
    print(f"cold `jixiao extract` of one DOCX: {cpu:.2f} CPU-s, peak RSS {rss:.0f} MiB")
    per_doc, bare, n = docx_pipeline(args.runs)
    print(
        f"DOCX whole pipeline, first-seen: {per_doc * 1000:.1f} ms CPU/doc over {n} files; "
        f"bare python-docx read {bare * 1000:.1f} ms/doc; ratio {per_doc / bare:.2f}x"
    )
    print(f"parse worker imports (of sqlalchemy, alembic, jieba, pandas): {worker_imports()}")


if __name__ == "__main__":
    main()
