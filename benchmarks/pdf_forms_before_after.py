"""What the PDF reader makes of issue 10's PDF-side samples, before → after on one run.

    .venv/bin/python benchmarks/pdf_forms_before_after.py [--base REF]

"Before" is the base commit's code (:mod:`benchmarks.baseline`), "after" the installed
code; each runs in a child process on the same samples. Per sample: the report title,
the text blocks read as headings, the funds table's first row, the funds and
indicators read, cells whose text is a label doubled, and the 效益指标 rows.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from benchmarks.baseline import BASE_REF, baseline_imports, python_env  # noqa: E402

SAMPLES = [
    ROOT / "samples" / "wild_r2_guizhou_2022_wrapped_title_form.pdf",
    ROOT / "samples" / "wild_r2_yunnan_2022_merged_label_pages.pdf",
]

_CHILD = r"""
import json, re, sys
from pathlib import Path
from jixiao.extract import read_document
from jixiao.extract.model import Heading, Table
from jixiao.process import process_file

path = Path(sys.argv[1])
doc = read_document(path)
tables = [b for b in doc.blocks if isinstance(b, Table)]
doubled = re.compile(r"(.{2,})\1")
[report] = process_file(path)
print(json.dumps({
    "title": report.report.title,
    "text blocks": [type(b).__name__ + ":" + b.text for b in doc.blocks
                    if not isinstance(b, Table)][:4],
    "tables": [f"{t.n_rows}x{t.n_cols} caption={t.caption!r} row0={list(t.row_texts(0))[:4]}"
               for t in tables],
    "doubled cells": sorted({c.text for t in tables for c in t.cells
                             if doubled.fullmatch(c.text)}),
    "funds": [(f.label, str(f.budget)) for f in report.funds],
    "indicators": len(report.indicators),
    "效益指标 rows": [(i.name, i.level1, i.level2, (i.deviation_reason or "")[-12:])
                    for i in report.indicators if "效益" in (i.level1 or "")],
}, ensure_ascii=False))
"""


def run(imports: Path | None, sample: Path) -> dict[str, object]:
    out = subprocess.run(
        [sys.executable, "-c", _CHILD, str(sample)],
        env=python_env(imports),
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", default=BASE_REF)
    args = parser.parse_args(argv)
    before_code = baseline_imports(args.base)
    for sample in SAMPLES:
        before, after = run(before_code, sample), run(None, sample)
        print(f"== {sample.name}")
        for key in after:
            if before[key] == after[key]:
                print(f"  {key}: {after[key]} (same)")
            else:
                print(f"  {key}:\n    before: {before[key]}\n    after:  {after[key]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
