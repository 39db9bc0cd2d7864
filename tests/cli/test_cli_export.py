"""jixiao.export: CSV, XLSX and Parquet readable by pandas/openpyxl, exact money kept."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from jixiao import export, frames


def test_csv_is_a_folder_of_exact_tables(filled_url: str, tmp_path: Path) -> None:
    result = export.export(filled_url, "csv", tmp_path / "out")
    names = [n for n in frames.tables(filled_url) if n not in export.ALL_VERSIONS_ONLY]
    assert sorted(p.stem for p in (tmp_path / "out").glob("*.csv")) == names
    assert dict(result.tables)["reports"] == 3
    funds = pd.read_csv(tmp_path / "out" / "funds.csv", dtype=str)
    assert "6290900.50" in set(funds.spent)
    checks = pd.read_csv(tmp_path / "out" / "checks.csv")
    assert '["grade", "total_score"]' in set(checks.fields)


def test_xlsx_has_a_sheet_per_table_captions_and_formats(filled_url: str, tmp_path: Path) -> None:
    result = export.export(filled_url, "xlsx", tmp_path / "book")
    assert result.path == tmp_path / "book.xlsx"
    book = openpyxl.load_workbook(result.path)
    shown = set(frames.tables(filled_url)) - export.ALL_VERSIONS_ONLY
    assert shown | {export.README_SHEET} == set(book.sheetnames)
    sheet = book["funds"]
    header = [c.value for c in sheet[1]]
    assert "资金来源" in header
    spent = header.index("实际支出（元）")
    assert header[spent + 1] == "实际支出（万元）"
    rate = header.index("执行率")
    rows = [r for r in sheet.iter_rows(min_row=2) if r[spent].value == 6290900.5]
    assert len(rows) == 1, "the exact yuan amount is in the sheet"
    (row,) = rows
    assert row[spent].number_format == export.MONEY_FORMAT
    assert row[spent + 1].value == pytest.approx(629.09005)
    assert row[spent + 1].number_format == "#,##0.00"
    assert row[rate].number_format == "0.00%"
    assert row[rate].value == pytest.approx(0.7)
    legend = pd.read_excel(result.path, sheet_name=export.README_SHEET)
    assert ("funds", "spent_wan") in set(zip(legend["工作表"], legend["字段名"], strict=True))


def test_xlsx_read_back_by_pandas_with_chinese_columns(filled_url: str, tmp_path: Path) -> None:
    path = export.export(filled_url, "xlsx", tmp_path).path
    assert path.name == "jixiao-export.xlsx"
    reports = pd.read_excel(path, sheet_name="reports")
    assert {"项目名称", "评价年度", "综合得分", "评价等次"} <= set(reports.columns)
    assert sorted(reports["评价年度"]) == [2019, 2020, 2020]


def test_every_column_of_every_table_and_view_has_a_caption(filled_url: str) -> None:
    missing = [
        f"{name}.{column}"
        for name in frames.tables(filled_url)
        for column in frames.read(name, filled_url).columns
        if export.caption(name, column) == column
    ]
    assert missing == []


def test_parquet_keeps_decimal_money(filled_url: str, tmp_path: Path) -> None:
    export.export(filled_url, "parquet", tmp_path / "pq")
    funds = pd.read_parquet(tmp_path / "pq" / "funds.parquet")
    assert Decimal("6290900.50") in set(funds.spent.dropna())


def test_parquet_without_pyarrow_says_how_to_install(
    filled_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = export.importlib.util.find_spec
    monkeypatch.setattr(
        export.importlib.util, "find_spec", lambda name: None if name == "pyarrow" else real(name)
    )
    with pytest.raises(export.ExportError) as info:
        export.export(filled_url, "parquet", tmp_path / "pq")
    assert info.value.hint == "pip install 'jixiao[parquet]'"
    assert not (tmp_path / "pq").exists()


def test_csv_out_that_is_a_file_is_refused(filled_url: str, tmp_path: Path) -> None:
    target = tmp_path / "taken"
    target.write_text("x")
    with pytest.raises(export.ExportError, match="is a file"):
        export.export(filled_url, "csv", target)


def test_sheet_titles_are_legal_and_unique() -> None:
    taken: set[str] = set()
    first = export.sheet_title("a" * 40, taken)
    second = export.sheet_title("a" * 40, taken)
    assert len(first) == 31 and len(second) == 31 and first != second
    assert export.sheet_title("x/y:z", taken) == "x_y_z"
