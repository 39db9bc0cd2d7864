"""Helpers shared by the ``wild_*`` sample builders (forms from other provinces).

The builders describe a form as data (funds rows, indicator rows) and these helpers turn
that data into the grid specs of :mod:`scripts.samples.docx_kit`, compute the derived
figures (execution rates, level subtotals, total score) with ``Decimal`` so that every
sample is internally consistent unless a builder says otherwise in a comment, and write
the small paragraphs every form has (unit note, signature block).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from docx.document import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt
from docx.table import Table

from scripts.samples.docx_kit import UP

FW = "\u3000"  # the full-width space Word users leave in "empty" cells
CENT = Decimal("0.01")


@dataclass(frozen=True)
class SampleFacts:
    """What a golden file for the sample must contain (checked by the sample tests)."""

    file_name: str
    project_name: str
    unit: str
    fiscal_year: int
    total_score: str
    grade: str
    indicator_count: int


@dataclass(frozen=True)
class IndicatorRow:
    """One row of a national form's indicator block, as the form prints it."""

    level1: str
    level2: str
    name: str
    target: str
    actual: str
    weight: str
    score: str
    deviation: str = ""  # 偏差原因分析及改进措施


def d(value: str | int) -> Decimal:
    return Decimal(str(value).replace(",", ""))


def money(value: Decimal, *, thousands: bool = False) -> str:
    """Two decimals, as finance staff type amounts (``1,234.50`` with ``thousands``)."""
    q = value.quantize(CENT, rounding=ROUND_HALF_UP)
    return f"{q:,.2f}" if thousands else f"{q:.2f}"


def rate(num: Decimal, den: Decimal, *, sign: bool = True, places: str = "0.01") -> str:
    """``num / den`` as a percentage string (``97.45%``; no ``%`` when ``sign`` is off)."""
    pct = (num / den * 100).quantize(Decimal(places), rounding=ROUND_HALF_UP)
    return f"{pct}%" if sign else f"{pct}"


def rate_score(num: Decimal, den: Decimal, weight: Decimal) -> Decimal:
    """Execution-rate score: rate (rounded to 0.01 %) × weight, capped at the weight."""
    pct = (num / den).quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP)
    return min(weight, (pct * weight).quantize(CENT, rounding=ROUND_HALF_UP))


def score_text(value: Decimal) -> str:
    """A score as written on forms: ``86``, ``29.1``, ``97.74``."""
    q = value.quantize(CENT, rounding=ROUND_HALF_UP)
    text = f"{q:.2f}".rstrip("0").rstrip(".")
    return text or "0"


def total(values: Iterable[Decimal]) -> Decimal:
    return sum(values, Decimal(0))


def merge_down(rows: Sequence[Sequence[str]], key_cols: int) -> list[list[str]]:
    """Replace repeats in the first ``key_cols`` columns by ``UP`` (vertical merges).

    Column ``j`` merges only where columns ``0..j-1`` merged too, so a level-2 cell never
    spans two level-1 groups.
    """
    out: list[list[str]] = []
    previous: Sequence[str] | None = None
    for row in rows:
        new = list(row)
        for j in range(key_cols):
            if previous is None or row[j] != previous[j]:
                break
            new[j] = UP
        out.append(new)
        previous = row
    return out


def aligned(doc: Document, text: str, *, align: str = "right", size: float = 10.5) -> None:
    """A single line aligned left/centre/right (unit notes, dates, signatures)."""
    paragraph = doc.add_paragraph()
    paragraph.alignment = {
        "left": WD_ALIGN_PARAGRAPH.LEFT,
        "center": WD_ALIGN_PARAGRAPH.CENTER,
        "right": WD_ALIGN_PARAGRAPH.RIGHT,
    }[align]
    run = paragraph.add_run(text)
    run.font.size = Pt(size)


def two_sided(doc: Document, left: str, right: str, *, gap: int = 30) -> None:
    """``填报单位（盖章）：…      金额单位：万元`` on one line, padded with spaces."""
    paragraph = doc.add_paragraph()
    paragraph.add_run(left + " " * gap + right).font.size = Pt(10.5)


def fix_widths(tbl: Table, widths_cm: Sequence[float]) -> None:
    """Write the column widths into ``w:tblGrid`` too; LibreOffice lays out from the grid."""
    tbl.autofit = False
    for column, width in zip(tbl.columns, widths_cm, strict=True):
        column.width = Cm(width)


def signature_lines(doc: Document, lines: Sequence[str]) -> None:
    for line in lines:
        aligned(doc, line, align="right")
