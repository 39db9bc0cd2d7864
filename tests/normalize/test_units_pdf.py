"""A bundle as a PDF (reportlab): each form's unit says its pages; budget pages are no unit."""

from __future__ import annotations

import sys
from decimal import Decimal
from pathlib import Path

import pytest
from doc_factory import LEFT, UP
from test_units import BUDGET_TABLE, form

from jixiao.errors import NotAReportError
from jixiao.process import process_file

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
from reportlab.platypus import PageBreak  # noqa: E402

from scripts.pdf_samples.common import (  # noqa: E402
    CAPTION,
    TITLE,
    build,
    cell,
    page_number_footer,
    para,
    ruled_table,
)


def grid(rows: list[list[str]], width: float = 460) -> object:
    """A ruled reportlab table from a doc_factory grid (``<`` / ``^`` merge markers)."""
    n_cols = max(len(r) for r in rows)
    spans = []
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            if text in (LEFT, UP):
                continue
            c1 = c
            while c1 + 1 < len(row) and row[c1 + 1] == LEFT:
                c1 += 1
            r1 = r
            while r1 + 1 < len(rows) and rows[r1 + 1][c] == UP:
                r1 += 1
            if (c1, r1) != (c, r):
                spans.append((c, r, c1, r1))
    data = [[cell("" if t in (LEFT, UP) else t) for t in row] for row in rows]
    return ruled_table(data, [width / n_cols] * n_cols, spans)


def test_a_pdf_bundle_gives_each_form_with_its_pages(tmp_path: Path) -> None:
    path = tmp_path / "bundle.pdf"
    story = [
        para("某某局2023年度部门决算", TITLE),
        para("收入支出决算总表", CAPTION),
        grid(BUDGET_TABLE),
        PageBreak(),
        para("2023年度城区道路维护项目支出绩效自评表", CAPTION),
        grid(form("城区道路维护", ("45", "40"), "94", "优")),
        PageBreak(),
        para("2023年度社区养老服务项目支出绩效自评表", CAPTION),
        grid(form("社区养老服务", ("40", "30"), "79", "中")),
    ]
    build(path, story, page_number_footer("dash"))
    reports = process_file(path)
    assert [r.report.project_name for r in reports] == ["城区道路维护", "社区养老服务"]
    assert [r.unit.pages for r in reports if r.unit] == [(2, 2), (3, 3)]
    assert [r.report.total_score for r in reports] == [Decimal("94"), Decimal("79")]


def test_a_pdf_budget_publication_is_no_report(tmp_path: Path) -> None:
    path = tmp_path / "budget.pdf"
    story = [
        para("某某局2024年部门预算", TITLE),
        para("收支预算总表", CAPTION),
        grid(BUDGET_TABLE),
        para("一般公共预算支出预算表", CAPTION),
        grid(BUDGET_TABLE),
    ]
    build(path, story, page_number_footer("dash"))
    with pytest.raises(NotAReportError, match=r"a budget publication: 2 budget tables\)$"):
        process_file(path)
