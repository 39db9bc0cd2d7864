"""Review application benchmark: report page and list times, page image render times.

    .venv/bin/python benchmarks/bench_web.py [--reports 10000] [--indicators 100]
        [--repeat 5] [--no-browser] [--workdir DIR]

1. Builds a SQLite database of ``--reports`` synthetic reports (bulk inserts: a fund
   row, five indicators and two checks each) plus one report of ``--indicators``
   indicators whose document is a real sample PDF (so its values have pages to show).
2. Starts ``jixiao serve`` on a free port and measures over HTTP: time to first byte
   and to the last byte of the report page (median of ``--repeat``), of the list's
   first page, a filtered page, a page sorted by execution rate and a page deep in the
   list; the page image of a value's source, first (rendered by pypdfium2) and cached.
3. With chromium + chromedriver (unless ``--no-browser``): the report page's full
   render in a real browser (navigation start → load event), and the time from a click
   on an amount to its source image being drawn.
Figures only; no assertions.
"""

from __future__ import annotations

import argparse
import hashlib
import http.client
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from decimal import Decimal
from pathlib import Path

from sqlalchemy import insert

ROOT = Path(__file__).resolve().parents[1]
PDF = ROOT / "samples" / "yiyang_2020_smart_brain_self_eval_libreoffice.pdf"
JIXIAO = str(Path(sys.executable).with_name("jixiao"))


def build(url: str, reports: int, indicators: int, pdf: Path) -> int:
    """The database; returns the id of the big report."""
    from jixiao import PARSER_VERSION
    from jixiao.extract.model import Provenance
    from jixiao.load import Store
    from jixiao.load.models import CHILD_TABLES, DocumentPathRow, DocumentRow, ReportRow
    from jixiao.normalize.canonical import CanonicalReport, Fund, Indicator, Report, Source

    now = datetime.now(timezone.utc)
    regions = ["岳阳市", "长沙市", "益阳市", "韶关市", "九江市", "江门市", "柳州市", "赣州市"]
    with Store(url) as store, store.engine.begin() as conn:
        docs, paths, reps, funds, inds, checks = [], [], [], [], [], []
        for n in range(1, reports + 1):
            docs.append(
                {
                    "id": n,
                    "sha256": hashlib.sha256(str(n).encode()).hexdigest(),
                    "format": "docx",
                    "size": 1000,
                    "status": "ok",
                    "parser_version": PARSER_VERSION,
                    "first_seen": now,
                    "last_seen": now,
                }
            )
            paths.append(
                {
                    "document_id": n,
                    "path": f"/archive/{n}.docx",
                    "first_seen": now,
                    "last_seen": now,
                }
            )
            budget = Decimal(100000 + n * 37 % 900000)
            reps.append(
                {
                    "id": n,
                    "document_id": n,
                    "schema_version": 1,
                    "title": f"项目{n}绩效自评报告",
                    "kind": "self_evaluation",
                    "region": regions[n % len(regions)],
                    "fiscal_year": 2015 + n % 8,
                    "project_name": f"项目{n}",
                    "project_unit": f"单位{n % 300}",
                    "total_score": Decimal(60 + n % 40),
                    "max_score": Decimal(100),
                    "grade": "优",
                    "grade_level": ["excellent", "good", "fair", "poor"][n % 4],
                }
            )
            funds.append(
                {
                    "report_id": n,
                    "ordinal": 0,
                    "label": "年度资金总额",
                    "source": "total",
                    "budget": budget,
                    "spent": budget * Decimal(n % 100 + 20) / 100,
                }
            )
            for k in range(5):
                inds.append(
                    {
                        "report_id": n,
                        "ordinal": k,
                        "name": f"指标{k}",
                        "target": "≥95%",
                        "actual": "96%",
                        "weight": Decimal(10),
                        "score": Decimal(9),
                    }
                )
            checks.append(
                {
                    "report_id": n,
                    "ordinal": 0,
                    "rule": "low_execution",
                    "severity": ["error", "warning", "info"][n % 3],
                    "message": "执行率低",
                    "fields": [],
                }
            )
        conn.execute(insert(DocumentRow.__table__), docs)
        conn.execute(insert(DocumentPathRow.__table__), paths)
        conn.execute(insert(ReportRow.__table__), reps)
        conn.execute(insert(CHILD_TABLES["funds"].__table__), funds)
        conn.execute(insert(CHILD_TABLES["indicators"].__table__), inds)
        conn.execute(insert(CHILD_TABLES["checks"].__table__), checks)
    box = Provenance(table=0, row=3, col=5, page=4, bbox=(348.6, 179.3, 388.3, 190.3))
    big = CanonicalReport(
        source=Source(
            file=str(pdf),
            sha256=hashlib.sha256(pdf.read_bytes()).hexdigest(),
            format="pdf",
            pages=8,
            size=pdf.stat().st_size,
        ),
        report=Report(
            title="一百个指标的报告",
            fiscal_year=2020,
            region="益阳市",
            project_name="大报告",
            total_score=Decimal(92),
            provenance={"total_score": box},
        ),
        funds=(
            Fund(
                label="年度资金总额",
                source="total",
                budget=Decimal(9180000),
                spent=Decimal(9180000),
                provenance={"spent": box},
            ),
        ),
        indicators=tuple(
            Indicator(
                name=f"指标{k}",
                level1="产出指标",
                level2="数量指标",
                target="≥95%",
                actual="96%",
                target_value=Decimal(95),
                actual_value=Decimal(96),
                comparator=">=",
                weight=Decimal(1),
                score=Decimal(1),
                provenance={"actual": box},
            )
            for k in range(indicators)
        ),
    )
    with Store(url) as store:
        return store.load_report(big, path=str(pdf), run_id=None, parser_version=PARSER_VERSION)


def timed_get(port: int, path: str) -> tuple[float, float, int]:
    """(seconds to the first byte, seconds to the last byte, bytes)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    start = time.perf_counter()
    conn.request("GET", path)
    response = conn.getresponse()
    first = response.read(1)
    ttfb = time.perf_counter() - start
    body = first + response.read()
    total = time.perf_counter() - start
    conn.close()
    if response.status != 200:
        raise SystemExit(f"GET {path}: HTTP {response.status}")
    return ttfb, total, len(body)


def median_get(port: int, path: str, repeat: int) -> tuple[float, float, int]:
    runs = [timed_get(port, path) for _ in range(repeat)]
    return (
        statistics.median(r[0] for r in runs),
        statistics.median(r[1] for r in runs),
        runs[0][2],
    )


def browser_figures(port: int, report_id: int, workdir: Path) -> list[tuple[str, float]]:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
        f"--user-data-dir={workdir / 'profile'}",
        "--window-size=1600,1000",
    ):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    try:
        renders = []
        for _ in range(3):
            driver.get(f"http://127.0.0.1:{port}/reports/{report_id}")
            renders.append(
                driver.execute_script(
                    "const t = performance.getEntriesByType('navigation')[0];"
                    "return [t.responseStart, t.loadEventEnd];"
                )
            )
        start = time.perf_counter()
        driver.find_element(
            By.CSS_SELECTOR,
            'a.v[data-field="indicators[99].actual"], a.v[data-field="funds[0].spent"]',
        ).click()
        image = WebDriverWait(driver, 60).until(
            ec.visibility_of_element_located((By.ID, "page-image"))
        )
        WebDriverWait(driver, 60).until(
            lambda d: d.execute_script(
                "return arguments[0].complete && arguments[0].naturalWidth", image
            )
        )
        click = time.perf_counter() - start
    finally:
        driver.quit()
    return [
        ("browser: report page first byte (ms)", statistics.median(r[0] for r in renders)),
        ("browser: report page load event (ms)", statistics.median(r[1] for r in renders)),
        ("browser: click an amount → source image drawn (ms)", click * 1000),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reports", type=int, default=10000)
    parser.add_argument("--indicators", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--no-browser", action="store_true")
    parser.add_argument("--workdir", type=Path, help="Kept afterwards (default: a temporary one).")
    parser.add_argument("--reuse", action="store_true", help="Reuse the database in --workdir.")
    args = parser.parse_args()
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="jixiao-bench-web-"))
    workdir.mkdir(parents=True, exist_ok=True)
    pdf = Path(shutil.copy(PDF, workdir / PDF.name))
    url = f"sqlite:///{workdir / 'bench.db'}"
    start = time.perf_counter()
    if args.reuse and (workdir / "bench.db").exists():
        big = _big_report(url)
        print(f"database reused: {url}")
    else:
        big = build(url, args.reports, args.indicators, pdf)
        print(
            f"database: {args.reports} reports + 1 of {args.indicators} indicators, built in "
            f"{time.perf_counter() - start:.1f} s ({url})"
        )
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = subprocess.Popen(
        [JIXIAO, "serve", "--db", url, "--port", str(port), "--cache-dir", str(workdir / "cache")],
        stdin=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 180
        while True:
            try:
                timed_get(port, "/static/review.css")
                break
            except (OSError, SystemExit):
                if server.poll() is not None or time.monotonic() > deadline:
                    raise SystemExit("jixiao serve did not start") from None
                time.sleep(0.2)
        rows: list[tuple[str, float, float, int]] = []
        for label, path in (
            (f"report page ({args.indicators} indicators)", f"/reports/{big}"),
            ("report page with a value's source panel", f"/reports/{big}?field=funds%5B0%5D.spent"),
            ("list, first page", "/reports"),
            (
                "list, filtered (year, severity, unreviewed)",
                "/reports?year=2019&severity=error&reviewed=no",
            ),
            ("list, sorted by execution rate", "/reports?sort=rate&dir=asc"),
            ("list, page 150", "/reports?page=150"),
            ("summary page", "/summary"),
        ):
            ttfb, total, size = median_get(port, path, args.repeat)
            rows.append((label, ttfb * 1000, total * 1000, size))
        chart = timed_get(port, "/charts/execution.png")
        chart_cached = median_get(port, "/charts/execution.png", args.repeat)
        html = timed_get(port, f"/reports/{big}/source?field=funds%5B0%5D.spent")
        del html
        shutil.rmtree(workdir / "cache", ignore_errors=True)
        doc_path = f"/documents/{_document_of(url, big)}/pages/4.png"
        first = timed_get(port, doc_path)
        cached = median_get(port, doc_path, args.repeat)
        print(f"\n{'what':48} {'first byte ms':>14} {'last byte ms':>13} {'bytes':>9}")
        rows.append(("chart: execution rate, first (matplotlib)", *_ms(chart)))
        rows.append(("chart: execution rate, cached", *_ms(chart_cached)))
        rows.append(("page image, first (pypdfium2 render)", *_ms(first)))
        rows.append(("page image, cached", *_ms(cached)))
        for label, ttfb, total, size in rows:
            print(f"{label:48} {ttfb:14.1f} {total:13.1f} {size:9d}")
        if (
            not args.no_browser
            and Path("/usr/bin/chromium").exists()
            and Path("/usr/bin/chromedriver").exists()
        ):
            print()
            for label, ms in browser_figures(port, big, workdir):
                print(f"{label:60} {ms:8.1f}")
    finally:
        server.terminate()
        server.wait(timeout=10)
    if args.workdir is None:
        shutil.rmtree(workdir, ignore_errors=True)


def _big_report(url: str) -> int:
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return conn.execute(
                text("SELECT id FROM reports WHERE project_name = '大报告'")
            ).scalar_one()
    finally:
        engine.dispose()


def _ms(figures: tuple[float, float, int]) -> tuple[float, float, int]:
    return figures[0] * 1000, figures[1] * 1000, figures[2]


def _document_of(url: str, report_id: int) -> int:
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return conn.execute(
                text("SELECT document_id FROM reports WHERE id = :r"), {"r": report_id}
            ).scalar_one()
    finally:
        engine.dispose()


if __name__ == "__main__":
    os.environ.setdefault("PYTHONWARNINGS", "ignore")
    main()
