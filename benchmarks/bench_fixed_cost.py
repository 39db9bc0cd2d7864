"""Fixed cost per process (issue 16 item 1), before → after on the same run.

    .venv/bin/python benchmarks/bench_fixed_cost.py [--files 10000] [--small 1000]
        [--repeat 5] [--workdir DIR]

Each target line prints the base commit's code (``benchmarks/baseline.py``) and the
current code, each a fresh ``jixiao`` process:

1. ``jixiao extract <one DOCX>``: CPU seconds (user + system, ``os.wait4``) and peak
   RSS, the median of ``--repeat`` runs after one unmeasured run (target ≤ 0.5 CPU-s,
   ≤ 60 MiB).
2. ``jixiao --help``: wall and CPU time (target ≤ 0.3 s wall).
3. ``jixiao ingest`` of an unchanged tree (target ≤ 1 s fixed + ≤ 0.3 ms per file).
   The tree: ``--files`` distinct tiny DOCX files that hold no report (one package,
   each copy made distinct by its zip comment), in folders of 1,000. It is ingested
   once by the base code (workers=2; minutes: every file is parsed); the current
   code works on a copy of that database upgraded by ``jixiao db upgrade`` and runs
   once to record the files' stat keys (the first run after an upgrade hashes every
   file, as before). Then the unchanged re-runs are timed on the first folder
   (``--small`` files) and on the whole tree; fixed and per-file cost are fitted from
   the two sizes. ``--workdir`` keeps the tree and databases for the next run.
Figures only; no assertions.
"""

from __future__ import annotations

import argparse
import io
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from baseline import baseline_imports, cli_args, python_env  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
DOCX = ROOT / "samples" / "yueyang_2019_egov_extranet_self_eval.docx"
MIB = 1024  # ru_maxrss is in KiB on Linux

_TYPES = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.'
    b'openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType='
    b'"application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" '
    b'ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType='
    b'"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    b"</Types>"
)
_RELS = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://'
    b'schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type='
    b'"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    b'Target="word/document.xml"/></Relationships>'
)
_BODY = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://'
    'schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>会议通知'
    "</w:t></w:r></w:p></w:body></w:document>"
).encode()


def tiny_docx() -> bytes:
    """A one-paragraph DOCX holding no performance report, with an empty zip comment."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        for name, data in (
            ("[Content_Types].xml", _TYPES),
            ("_rels/.rels", _RELS),
            ("word/document.xml", _BODY),
        ):
            package.writestr(zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0)), data)
    return buffer.getvalue()


def build_tree(out: Path, n: int) -> None:
    """``n`` distinct copies (the zip comment numbers them), 1,000 per folder."""
    base = tiny_docx()
    assert base.endswith(b"\x00\x00")  # the end record's comment length: none yet
    for i in range(n):
        folder = out / f"{i // 1000:03d}"
        folder.mkdir(parents=True, exist_ok=True)
        comment = b"%06d" % i
        (folder / f"{i:05d}.docx").write_bytes(
            base[:-2] + len(comment).to_bytes(2, "little") + comment
        )


@dataclass(frozen=True)
class Sample:
    cpu: float
    wall: float
    rss_mib: float
    status: int


def run(args: Sequence[str], env: dict[str, str]) -> Sample:
    """One child process: its CPU (user + system), wall time and peak RSS."""
    start = time.perf_counter()
    child = subprocess.Popen(
        list(args), env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - start
    return Sample(usage.ru_utime + usage.ru_stime, wall, usage.ru_maxrss / MIB, child.returncode)


def median(args: Sequence[str], env: dict[str, str], repeat: int, warm: bool = True) -> Sample:
    if warm:
        run(args, env)  # byte-compiles the code, fills the page cache
    samples = [run(args, env) for _ in range(repeat)]
    return Sample(
        statistics.median(s.cpu for s in samples),
        statistics.median(s.wall for s in samples),
        statistics.median(s.rss_mib for s in samples),
        samples[-1].status,
    )


# Where one DOCX extract's CPU goes (current code), stage by stage in one process.
STAGES = """
import sys, time
marks = [("start", time.process_time())]
def mark(name):
    marks.append((name, time.process_time()))
import click, jixiao.cli.main, jixiao.cli.extract_cmd; mark("click+cli")
import jixiao.normalize.serialize, jixiao.process; mark("normalize+extract import")
from jixiao.normalize.labels import LabelDictionary; LabelDictionary.default(); mark("label dictionary")
from jixiao.normalize.words import import_jieba; import_jieba(); mark("jieba import")
from pathlib import Path
from jixiao.process import process_file
process_file(Path(sys.argv[1])); mark("the document")
print(", ".join(f"{n} {b - a:.3f}" for (_, a), (n, b) in zip(marks, marks[1:])))
"""


def fresh_memo_extract(env: dict[str, str], repeat: int) -> Sample:
    """Extract with a cache folder holding only jieba's word index: no label seen before."""
    from jixiao.normalize.words import cache_dir, warm_up

    warm_up()  # writes the word index if this machine has none yet
    samples = []
    for _ in range(repeat):
        with tempfile.TemporaryDirectory() as folder:
            for index in cache_dir().glob("jieba-prefix-*.sqlite3"):
                shutil.copy(index, folder)
            samples.append(run(cli_args("extract", str(DOCX)), {**env, "JIXIAO_CACHE_DIR": folder}))
    return Sample(
        statistics.median(x.cpu for x in samples),
        statistics.median(x.wall for x in samples),
        statistics.median(x.rss_mib for x in samples),
        samples[-1].status,
    )


def fit(small: tuple[int, float], large: tuple[int, float]) -> tuple[float, float]:
    """(fixed seconds, seconds per file) through two (files, seconds) points."""
    (n1, t1), (n2, t2) = small, large
    per_file = (t2 - t1) / (n2 - n1)
    return t1 - n1 * per_file, per_file


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=10_000)
    parser.add_argument("--small", type=int, default=1_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--workdir", type=Path, help="keep the tree and databases here")
    args = parser.parse_args()
    before, after = python_env(baseline_imports()), python_env(None)
    envs = (("before", before), ("after", after))

    for label, env in envs:
        s = median(cli_args("extract", str(DOCX)), env, args.repeat)
        print(
            f"extract 1 DOCX ({label}): CPU {s.cpu:.3f} s, peak RSS {s.rss_mib:.1f} MiB, "
            f"wall {s.wall:.3f} s (target ≤ 0.5 CPU-s, ≤ 60 MiB)",
            flush=True,
        )
    s = fresh_memo_extract(after, args.repeat)
    print(
        f"extract 1 DOCX (after, label memo empty: word index only): CPU {s.cpu:.3f} s, "
        f"peak RSS {s.rss_mib:.1f} MiB",
        flush=True,
    )
    stages = subprocess.run(
        [sys.executable, "-c", STAGES, str(DOCX)], env=after, capture_output=True, text=True
    )
    bare = median([sys.executable, "-c", "pass"], after, args.repeat)
    print(
        f"extract stages (after, CPU s): interpreter {bare.cpu:.3f}, "
        f"{stages.stdout.strip() or stages.stderr.strip()[-300:]}",
        flush=True,
    )
    for label, env in envs:
        s = median(cli_args("--help"), env, args.repeat)
        print(
            f"--help ({label}): wall {s.wall:.3f} s, CPU {s.cpu:.3f} s (target ≤ 0.3 s wall)",
            flush=True,
        )

    work = args.workdir or Path(tempfile.mkdtemp(prefix="jixiao-fixed-"))
    try:
        ingest_lines(work, args, before, after)
    finally:
        if args.workdir is None:
            shutil.rmtree(work, ignore_errors=True)


def ingest_lines(work: Path, args: argparse.Namespace, before: dict, after: dict) -> None:
    tree = work / f"tree{args.files}"
    old_db, new_db = work / f"before{args.files}.db", work / f"after{args.files}.db"
    if not (work / f"tree{args.files}.done").exists():
        shutil.rmtree(tree, ignore_errors=True)
        start = time.perf_counter()
        build_tree(tree, args.files)
        (work / f"tree{args.files}.done").touch()
        print(f"built {args.files} files in {time.perf_counter() - start:.1f} s", flush=True)
    if not old_db.exists():
        first = run(
            cli_args("ingest", str(tree), "--db", f"sqlite:///{old_db}.partial", "--workers", "2"),
            before,
        )
        os.replace(f"{old_db}.partial", old_db)
        print(f"first ingest (base code, every file parsed): {first.wall:.0f} s", flush=True)
    if not new_db.exists():
        shutil.copyfile(old_db, f"{new_db}.partial")
        url = f"sqlite:///{new_db}.partial"
        subprocess.run(
            cli_args("db", "upgrade", "--db", url), env=after, check=True, capture_output=True
        )
        first = run(cli_args("ingest", str(tree), "--db", url), after)  # records stat keys
        os.replace(f"{new_db}.partial", new_db)
        print(
            f"first run after the upgrade (hashes every file once): {first.cpu:.2f} CPU-s",
            flush=True,
        )
    small = tree / "000"
    figures = {}
    for label, env, db in (("before", before, old_db), ("after", after, new_db)):
        url = f"sqlite:///{db}"
        points = []
        for folder, n in ((small, min(args.small, args.files)), (tree, args.files)):
            s = median(
                cli_args("ingest", str(folder), "--db", url, "--quiet"),
                env,
                max(args.repeat // 2, 2),
            )
            points.append((n, s))
            print(
                f"ingest unchanged {n} files ({label}): CPU {s.cpu:.2f} s, wall {s.wall:.2f} s, "
                f"peak RSS {s.rss_mib:.0f} MiB, exit {s.status}",
                flush=True,
            )
        figures[label] = fit((points[0][0], points[0][1].cpu), (points[1][0], points[1][1].cpu))
    (fb, pb), (fa, pa) = figures["before"], figures["after"]
    print(
        f"ingest unchanged, fitted CPU: fixed {fb:.2f} s → {fa:.2f} s, "
        f"per file {pb * 1000:.3f} ms → {pa * 1000:.3f} ms (target ≤ 1 s + ≤ 0.3 ms/file)"
    )


if __name__ == "__main__":
    main()
