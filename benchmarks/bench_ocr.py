"""OCR benchmark: CPU, memory and field accuracy of the scanned samples, before → after.

    .venv/bin/python benchmarks/bench_ocr.py [--show-diffs] [--only NAME]

For every ``samples/*_scan150.pdf`` (made by ``scripts/build_scanned_samples.py``), the
older committed scan, and the scans fed in turned (``*_scan150_rot90.pdf``…), each
compared with the text PDF it was printed from, two child processes run
``jixiao.process.process_file``: one on the base commit's code
(``benchmarks/baseline.py``), one on the current code, each as an ingest worker runs it
(the current code with one onnxruntime thread, ``JIXIAO_OCR_THREADS=1``; the base code
had no such setting and used up to four). Printed, before → after: engine start (CPU
seconds to import the OCR reader, create the engine and run it once on a blank image),
CPU seconds per scanned page (OCR and normalising), the child's peak RSS, and field
accuracy of each scan's canonical report against its text twin's (report fields, funds
amounts and rates, indicator name/target/actual/weight/score: exact matches over the
union of fields). Figures only; no assertions. Targets (issue 16): ≤ 3 CPU-s per page,
≤ 500 MB per OCR worker, accuracy unchanged.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
from dataclasses import fields
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from baseline import BaselineUnavailable, baseline_imports, python_env  # noqa: E402

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
SUFFIX = "_scan150"
FUND_FIELDS = (
    "label",
    "planned",
    "budget",
    "received",
    "spent",
    "balance",
    "execution_rate",
    "weight",
    "score",
)
INDICATOR_FIELDS = ("name", "target", "actual", "weight", "score")
#: other committed scans and the text PDF of the same report
EXTRA_PAIRS: tuple[tuple[str, str], ...] = (
    ("pingjiang_2021_rural_water_scanned.pdf", "pingjiang_2021_rural_water_three_page_table.pdf"),
)


def pairs() -> list[tuple[Path, Path]]:
    """(scan, text PDF) pairs: upright scans, the older scan, then the turned scans."""
    out = [
        (scan, scan.with_name(scan.name.replace(SUFFIX, "")))
        for scan in sorted(SAMPLES.glob(f"*{SUFFIX}.pdf"))
    ]
    out += [(SAMPLES / a, SAMPLES / b) for a, b in EXTRA_PAIRS if (SAMPLES / a).exists()]
    for scan in sorted(SAMPLES.glob(f"*{SUFFIX}_rot*.pdf")):
        out.append((scan, scan.with_name(scan.name.split(SUFFIX)[0] + ".pdf")))
    return out


def flat(report: Any) -> dict[str, str]:
    """The compared fields, as ``path → value`` (null values left out)."""
    from jixiao.normalize.canonical import Report

    out: dict[str, object] = {}
    for f in fields(Report):
        if f.name != "provenance":
            out[f"report.{f.name}"] = getattr(report.report, f.name)
    for i, fund in enumerate(report.funds):
        for name in FUND_FIELDS:
            out[f"funds[{i}].{name}"] = getattr(fund, name)
    for i, ind in enumerate(report.indicators):
        for name in INDICATOR_FIELDS:
            out[f"indicators[{i}].{name}"] = getattr(ind, name)
    return {k: str(v) for k, v in out.items() if v is not None}


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def child(only: str | None) -> None:
    """Measure the code this process imports; one JSON object on stdout."""
    import numpy as np

    started = _cpu()
    from jixiao.extract.ocr import get_engine

    engine = get_engine()
    engine.recognize(np.full((400, 600, 3), 255, np.uint8))  # loads lazily-loaded models
    engine_cpu = _cpu() - started

    from jixiao.errors import DocumentError
    from jixiao.process import process_file

    samples = []
    for scan, text in pairs():
        if only and only not in scan.name:
            continue
        truth = flat(process_file(text)[0])  # each sample holds one report
        t0 = _cpu()
        try:
            report = process_file(scan)[0]
            pred, pages = flat(report), report.source.pages or 1
        except (DocumentError, IndexError):
            pred, pages = {}, 1
        cpu = _cpu() - t0
        union = sorted(set(truth) | set(pred))
        wrong = [[k, truth.get(k), pred.get(k)] for k in union if truth.get(k) != pred.get(k)]
        samples.append(
            {
                "name": scan.name,
                "pages": pages,
                "cpu": cpu,
                "fields": len(union),
                "exact": len(union) - len(wrong),
                "wrong": wrong,
            }
        )
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"engine_cpu": engine_cpu, "rss_mb": rss, "samples": samples}))


def run_child(imports: Path | None, only: str | None) -> dict[str, Any]:
    env = python_env(imports)
    env["JIXIAO_OCR_THREADS"] = "1"  # as in an ingest worker (ignored by the base code)
    args = [sys.executable, __file__, "--child"] + (["--only", only] if only else [])
    proc = subprocess.run(args, env=env, capture_output=True, text=True)
    if proc.returncode != 0:
        raise SystemExit(f"benchmark child failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _per_page(result: dict[str, Any], turned: bool | None = None) -> float:
    chosen = [s for s in result["samples"] if turned is None or ("_rot" in s["name"]) == turned]
    pages = sum(s["pages"] for s in chosen)
    return sum(s["cpu"] for s in chosen) / max(pages, 1)


def _accuracy(result: dict[str, Any], turned: bool) -> str:
    chosen = [s for s in result["samples"] if ("_rot" in s["name"]) == turned]
    exact, total = sum(s["exact"] for s in chosen), sum(s["fields"] for s in chosen)
    return f"{exact}/{total} ({100 * exact / max(total, 1):.1f} %)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show-diffs", action="store_true", help="print every differing field")
    parser.add_argument("--only", help="only scans whose name contains this")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.only)
        return
    try:
        before_imports: Path | None = baseline_imports()
    except BaselineUnavailable as exc:
        print(f"(no before: {exc})")
        before_imports = None
    after = run_child(None, args.only)
    before = run_child(before_imports, args.only) if before_imports else after
    print(f"{'sample':<66} {'pages':>5} {'CPU-s/page':>15} {'fields exact':>15}")
    for b, a in zip(before["samples"], after["samples"], strict=True):
        print(
            f"{a['name']:<66} {a['pages']:>5} {b['cpu'] / b['pages']:>6.2f} → "
            f"{a['cpu'] / a['pages']:<6.2f} {b['exact']:>3}/{b['fields']:<3} → "
            f"{a['exact']}/{a['fields']}"
        )
        if args.show_diffs:
            for label, result in (("before", b), ("after", a)):
                for key, text, scan in result["wrong"]:
                    print(f"    {label} {key}: text={text!r} scan={scan!r}")
    print(f"engine start:       {before['engine_cpu']:.2f} → {after['engine_cpu']:.2f} CPU-s")
    print(
        f"CPU-s per page:     {_per_page(before, False):.2f} → {_per_page(after, False):.2f}"
        f" (upright scans; turned scans {_per_page(before, True):.2f} → "
        f"{_per_page(after, True):.2f})"
    )
    print(f"peak RSS:           {before['rss_mb']:.0f} → {after['rss_mb']:.0f} MB")
    print(f"fields, upright:    {_accuracy(before, False)} → {_accuracy(after, False)}")
    print(f"fields, turned:     {_accuracy(before, True)} → {_accuracy(after, True)}")
    print(f"(OCR threads: base code up to {min(os.cpu_count() or 1, 4)}, current code 1)")


if __name__ == "__main__":
    main()
