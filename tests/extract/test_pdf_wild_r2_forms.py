"""Issue 10, PDF side: forms nobody here had seen, on samples drawn from a spec.

- item 12: a title wrapped over two lines on a form-only page is one title;
- item 2 of this round's PDF leftovers: an unruled funds table whose header cells nearly
  touch keeps its header row, and the ``金额单位`` line above stays its caption;
- item 14: a merged cell whose text a producer prints again on the next page is read once.
"""

from __future__ import annotations

import re
import sys
from decimal import Decimal
from functools import cache
from pathlib import Path

import pytest

from jixiao.extract.model import Document, Heading, SourceInfo, Table
from jixiao.extract.pdf import read_pdf
from jixiao.extract.pdf.aligned_tables import find_aligned
from jixiao.extract.pdf.layout import Line, Word
from jixiao.extract.pdf.reflow import Margins
from jixiao.normalize.canonical import CanonicalReport
from jixiao.process import process_file

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
from scripts.pdf_samples import merged_label_pages, wrapped_title_form  # noqa: E402

TITLED = ROOT / "samples" / wrapped_title_form.FILE_NAME
MERGED = ROOT / "samples" / merged_label_pages.FILE_NAME
_DOUBLED = re.compile(r"(.{2,})\1")


@cache
def read(path: Path) -> Document:
    return read_pdf(path, SourceInfo(str(path), "0" * 64, "pdf", path.stat().st_size))


@cache
def report(path: Path) -> CanonicalReport:
    [only] = process_file(path)
    return only


def tables(doc: Document) -> list[Table]:
    return [b for b in doc.blocks if isinstance(b, Table)]


# item 12: the wrapped title


WRAPPED_TITLES = [
    (TITLED, wrapped_title_form.TITLE_LINES),  # with a unit line above the funds
    (MERGED, merged_label_pages.TITLE),  # the title is the only text outside the form
]


@pytest.mark.parametrize(("path", "lines"), WRAPPED_TITLES, ids=["unit_line", "title_only"])
def test_wrapped_title_on_a_form_only_page_is_one_heading(
    path: Path, lines: tuple[str, str]
) -> None:
    first = read(path).blocks[0]
    assert isinstance(first, Heading) and first.level == 1
    assert first.text == "".join(lines)
    texts = [b.text for b in read(path).blocks if not isinstance(b, Table)]
    assert lines[1] not in texts  # not a block of its own


@pytest.mark.parametrize(("path", "lines"), WRAPPED_TITLES, ids=["unit_line", "title_only"])
def test_report_title_is_the_joined_title(path: Path, lines: tuple[str, str]) -> None:
    found = report(path).report
    assert found.title == "".join(lines)
    assert found.fiscal_year == 2022


def _width(text: str, size: float) -> float:
    """Full-width CJK, half-width ASCII."""
    return sum(size if ord(ch) > 0x2E80 else size / 2 for ch in text)


def _line(text: str, size: float, x0: float, top: float) -> Line:
    return Line(1, (Word(text, x0, top, x0 + _width(text, size), top + size, size),))


def test_form_only_body_size_is_measured_with_the_tables_text() -> None:
    """The narrative of a form-only document is its title: its own size is no body."""
    first, second = wrapped_title_form.TITLE_LINES
    narrative = [
        _line(first, 16, 105.6, 60),
        _line(second, 16, 241.6, 80.5),
        _line("金额单位：万元", 10.5, 420, 200),
    ]
    alone = Margins.of(narrative)
    assert alone.size == 16 and alone.body == 16
    with_forms = Margins.of(narrative, {9.0: 400, 10.0: 150})
    assert with_forms.body == 9.0 and with_forms.size == 9.0
    # a report with real body text is measured on its own narrative
    prose = [*narrative, *(_line("正文" * 15, 12, 60, 300 + 20 * k) for k in range(6))]
    assert Margins.of(prose, {9.0: 400}).body == 12


# the unruled funds table under its unit line


def test_nearly_touching_header_cells_are_the_funds_header_row() -> None:
    [_project, funds, _indicators] = tables(read(TITLED))
    assert tuple(funds.row_texts(0)) == wrapped_title_form.FUNDS_HEADER
    assert funds.row_texts(1)[0] == "年度资金总额"
    assert funds.caption == wrapped_title_form.UNIT_LINE
    texts = [b.text for b in read(TITLED).blocks if not isinstance(b, Table)]
    assert wrapped_title_form.UNIT_LINE in texts  # the unit line is still a line of its own
    assert not any("资金来源" in t for t in texts)


def test_funds_under_the_unit_line_are_read_in_wan_yuan() -> None:
    funds = report(TITLED).funds
    assert [f.label for f in funds] == [row[0] for row in wrapped_title_form.FUNDS]
    total = funds[0]
    assert (total.planned, total.budget, total.spent) == (
        Decimal(8_500_000),
        Decimal(9_000_000),
        Decimal(8_730_000),
    )
    assert total.execution_rate == Decimal("0.97") and total.score == Decimal("9.70")


def _words(line: list[tuple[str, float]], top: float, size: float = 10.0) -> Line:
    return Line(1, tuple(Word(t, x, top, x + _width(t, size), top + size, size) for t, x in line))


def test_a_prose_line_above_an_aligned_table_is_no_header() -> None:
    rows = [
        _words([("年度资金总额", 40), ("850.00", 178), ("900.00", 234), ("873.00", 290)], 120),
        _words([("其中：财政拨款", 40), ("850.00", 178), ("850.00", 234), ("833.00", 290)], 139),
        _words([("其他资金", 40), ("0.00", 183), ("50.00", 236), ("40.00", 292)], 158),
    ]
    header = _words(
        [("资金来源", 40), ("年初预算数", 170), ("全年预算数", 226), ("全年执行数", 282)], 101
    )
    prose = _words([("本表金额为项目全年收支情况", 40)], 101)
    [run] = find_aligned([header, *rows])
    assert (run.start, run.table.n_rows) == (0, 4)
    assert [c.text for c in run.table.cells if c.row == 0] == [
        "资金来源",
        "年初预算数",
        "全年预算数",
        "全年执行数",
    ]
    [run] = find_aligned([prose, *rows])  # one word straddling the columns
    assert (run.start, run.table.n_rows) == (1, 3)


# item 14: merged cells printed again on the next page


def test_form_over_two_pages_is_one_table_with_each_merged_cell_once() -> None:
    [form] = tables(read(MERGED))
    assert form.provenance.page == 1 and form.cells[-1].provenance.page == 2
    for cell in form.cells:
        assert not _DOUBLED.fullmatch(cell.text), cell.text
    texts = [c.text for c in form.cells]
    for label in ("绩效指标", "效益指标", "社会效益指标"):
        assert texts.count(label) == 1, label
    spans = {c.text: c.row_span for c in form.cells}
    n = len(merged_label_pages.INDICATORS)
    assert spans["绩效指标"] == n + 1  # header row and every indicator row
    assert spans["效益指标"] == 3 and spans["社会效益指标"] == 2
    note = merged_label_pages._SHARE
    assert note in texts  # the cut row's note, its two parts joined


def test_indicators_cut_by_the_break_are_read_once_and_whole() -> None:
    indicators = report(MERGED).indicators
    spec = merged_label_pages.INDICATORS
    assert [(i.level1, i.level2, i.name) for i in indicators] == [r[:3] for r in spec]
    cut = indicators[merged_label_pages.SPLIT]
    assert cut.deviation_reason == merged_label_pages._SHARE
    assert sum(i.weight or 0 for i in indicators) == 90
