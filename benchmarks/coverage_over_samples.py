"""Coverage and error checks over the samples: how much each report read, and how many
error-severity checks it raises.

    .venv/bin/python benchmarks/coverage_over_samples.py [--ocr] [--json] [FILES...]

Per sample: indicators, funds, rows read / unread / furniture, the coverage fraction,
the number of ``rows_unread`` warnings and of error-severity checks (with their rules).
Scanned samples (``*_scan*.pdf``, ``*scanned*``) need OCR and are slow: left out unless
``--ocr``. Figures only; no assertions (the golden files hold the expected values).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SUFFIXES = {".docx", ".pdf", ".doc"}


def _is_scan(path: Path) -> bool:
    return "_scan" in path.name or "scanned" in path.name


def measure(path: Path) -> dict[str, object]:
    from jixiao.errors import DocumentError
    from jixiao.process import process_file

    try:
        result = process_file(path)
    except DocumentError as error:
        return {"file": path.name, "error": error.reason[:70]}
    reports = result if isinstance(result, tuple) else (result,)
    rows: list[dict[str, object]] = []
    for report in reports:
        cov = report.coverage
        errors = [c.rule for c in report.checks if c.severity == "error"]
        rows.append(
            {
                "file": path.name,
                "indicators": len(report.indicators),
                "funds": len(report.funds),
                "read": cov.tables_rows_read if cov else None,
                "unread": cov.rows_unread if cov else None,
                "furniture": cov.rows_furniture if cov else None,
                "coverage": str(cov.coverage) if cov and cov.coverage is not None else None,
                "rows_unread_checks": sum(c.rule == "rows_unread" for c in report.checks),
                "errors": errors,
            }
        )
    return rows[0] if len(rows) == 1 else {"file": path.name, "reports": rows}


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--ocr", action="store_true", help="include scanned samples (slow)")
    parser.add_argument("--json", action="store_true", help="one JSON object per line")
    args = parser.parse_args(argv)
    files = args.files or sorted(
        p for p in (ROOT / "samples").iterdir() if p.suffix.lower() in SUFFIXES
    )
    if not args.ocr:
        files = [p for p in files if not _is_scan(p)]
    total_errors = 0
    for path in files:
        row = measure(path)
        subs = row.get("reports", [row])
        total_errors += sum(len(r.get("errors", [])) for r in subs)  # type: ignore[union-attr]
        if args.json:
            print(json.dumps(row, ensure_ascii=False))
            continue
        for r in subs:  # type: ignore[union-attr]
            if "error" in r:
                print(f"{r['file'][:58]:58} failed: {r['error']}")
                continue
            print(
                f"{r['file'][:58]:58} ind {r['indicators']:>3} funds {r['funds']:>2}"
                f" read {r['read']!s:>3} unread {r['unread']!s:>3} furn {r['furniture']!s:>3}"
                f" cov {r['coverage']!s:>6} errors {r['errors']}"
            )
    print(f"error-severity checks over {len(files)} files: {total_errors}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
