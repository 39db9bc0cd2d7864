"""Property: random Decimal amounts come back with the same digits from SQLite and
PostgreSQL, through jixiao.frames and every export format (CSV, XLSX, Parquet).

Range: every amount a money column holds on both databases (below 2^63 fen, about
9.2 × 10^16 yuan; SQLite keeps money as a 64-bit count of fen, load/exact.py). The
workbook is checked for amounts of up to 15 significant digits: Excel keeps numbers as
doubles.
"""

from __future__ import annotations

import csv
import dataclasses
from decimal import Decimal
from itertools import count

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from load_fakes import make_report

from jixiao import export, frames
from jixiao.load import Store
from jixiao.normalize.canonical import Fund

FEN = Decimal("0.01")
LARGEST = Decimal(2**63 - 1).scaleb(-2)
EXCEL_DIGITS = 15
amounts = st.decimals(
    min_value=-LARGEST,
    max_value=LARGEST,
    places=2,
    allow_nan=False,
    allow_infinity=False,
)
_serial = count()


def _load(url: str, values: list[Decimal]) -> int:
    n = next(_serial)
    report = make_report(f"{n:064x}", project_name=f"金额项目{n}")
    funds = tuple(
        Fund(label=f"资金{i}", source="other", budget=v, spent=v) for i, v in enumerate(values)
    )
    report = dataclasses.replace(report, funds=funds)
    with Store(url) as store:
        run = store.start_run({})
        return store.load_report(report, path=f"/m/{n}.docx", run_id=run, parser_version=1)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(values=st.lists(amounts, min_size=1, max_size=6))
def test_amounts_round_trip_exactly(
    db_url: str, tmp_path_factory: pytest.TempPathFactory, values: list[Decimal]
) -> None:
    report_id = _load(db_url, values)
    want = [v.quantize(FEN) for v in values]
    funds = frames.read("funds", db_url, all_versions=True)
    mine = funds[funds.report_id == report_id].sort_values("ordinal")
    assert list(mine.budget) == want and list(mine.spent) == want

    out = tmp_path_factory.mktemp("export")
    export.export(db_url, "csv", out / "csv", table="funds", all_versions=True)
    with (out / "csv" / "funds.csv").open(encoding="utf-8-sig") as fh:
        rows = [r for r in csv.DictReader(fh) if int(r["report_id"]) == report_id]
    assert [r["budget"] for r in rows] == [f"{v:f}" for v in want]  # the same text everywhere

    export.export(db_url, "parquet", out / "pq", table="funds", all_versions=True)
    import pyarrow.parquet as pq

    table = pq.read_table(out / "pq" / "funds.parquet").to_pandas()
    assert list(table[table.report_id == report_id].sort_values("ordinal").budget) == want

    book = export.export(db_url, "xlsx", out / "book.xlsx", table="funds", all_versions=True)
    sheet = openpyxl.load_workbook(book.path)["funds"]
    header = [c.value for c in sheet[1]]
    col_report, col_budget = header.index("报告编号"), header.index("全年预算数（元）")
    cells = [
        r[col_budget].value for r in sheet.iter_rows(min_row=2) if r[col_report].value == report_id
    ]
    shown = [Decimal(repr(c)).quantize(FEN) for c in cells]
    assert [
        s for s, w in zip(shown, want, strict=True) if len(w.as_tuple().digits) <= EXCEL_DIGITS
    ] == [w for w in want if len(w.as_tuple().digits) <= EXCEL_DIGITS]
