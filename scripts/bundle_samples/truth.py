"""Ground truth of the bundle samples: which report units each file holds, and where.

The reportlab renderer reports the page of every unit marker; for a PDF made by
LibreOffice the pages are found in the PDF's text: a unit starts on the first page (after
the previous unit) whose lines hold its title line and its project name, and ends on the
page before the next unit or the next chapter heading starts (every unit and chapter
starts on a new page in these samples).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path

import pdfplumber


@dataclass(frozen=True)
class Unit:
    title: str
    project_name: str
    total_score: str | None
    kind: str = "self_evaluation"
    first_page: int | None = None
    last_page: int | None = None
    tables: tuple[int, ...] | None = None
    grade: str | None = None


def page_lines(pdf_path: Path) -> list[list[str]]:
    with pdfplumber.open(pdf_path) as pdf:
        return [
            [line.strip().replace(" ", "") for line in (page.extract_text() or "").splitlines()]
            for page in pdf.pages
        ]


def find_pages(pdf_path: Path, units: list[Unit], after_heading: str | None) -> list[Unit]:
    """Pages of ``units`` (in order) in a PDF whose layout we do not control."""
    pages = page_lines(pdf_path)
    starts: list[int] = []
    cursor = 2  # skip the cover and contents
    for unit in units:
        for p in range(cursor, len(pages)):
            lines = pages[p]
            text = "".join(lines)
            if unit.title.replace(" ", "") in lines and unit.project_name in text:
                starts.append(p + 1)
                cursor = p + 1
                break
        else:
            raise ValueError(f"{pdf_path.name}: no page starts unit {unit.project_name}")
    end_of_last = len(pages)
    if after_heading:
        for p in range(cursor, len(pages)):
            if after_heading.replace(" ", "").replace("\u3000", "") in "".join(pages[p]).replace(
                "\u3000", ""
            ):
                end_of_last = p
                break
    bounds = [*starts[1:], end_of_last + 1]
    return [
        Unit(**{**asdict(u), "first_page": s, "last_page": e - 1})
        for u, s, e in zip(units, starts, bounds, strict=True)
    ]


def write(path: Path, truth: dict[str, list[Unit]]) -> None:
    """``{file: [unit, ...]}`` sorted by file name; a file holding no report maps to ``[]``.

    Merges into an existing file, so building one sample keeps the others' entries.
    """
    out: dict[str, object] = {}
    if path.exists():
        out.update(json.loads(path.read_text(encoding="utf-8")))
    for name, units in truth.items():
        out[name] = [
            {
                k: (list(v) if isinstance(v, tuple) else v)
                for k, v in asdict(u).items()
                if v is not None
            }
            for u in units
        ]
    ordered = {name: out[name] for name in sorted(out)}
    path.write_text(json.dumps(ordered, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
