"""The same report as DOCX, as the PDF LibreOffice exports from it, and as legacy .doc
gives the same canonical report — apart from where values sit (provenance) and the
file itself (source). The converted files are committed samples; see
scripts/build_converted_samples.py."""

from __future__ import annotations

import os
import shutil
import sys
from typing import Any

import pytest
from sample_reports import ROOT, SAMPLES, extracted, extracted_all

from jixiao.errors import DocumentError
from jixiao.normalize.serialize import canonical_to_json_obj

sys.path.insert(0, str(ROOT))
from scripts.build_converted_samples import CONVERSIONS  # noqa: E402


def _require_libreoffice_for(fmt: str) -> None:
    """Reading a .doc needs LibreOffice: skip locally without it, fail in CI."""
    if fmt == "doc" and shutil.which("soffice") is None and not os.environ.get("CI"):
        pytest.skip("LibreOffice (soffice) is not installed: sudo make system-deps")


# Where a value sits: the unit's pages (PDF), tables (DOCX) or sheet (XLSX) say it too.
LOCATION = ("provenance", "source", "pages", "tables", "sheet")


def without_location(obj: Any) -> Any:
    if isinstance(obj, dict):
        return {k: without_location(v) for k, v in obj.items() if k not in LOCATION}
    if isinstance(obj, list):
        return [without_location(v) for v in obj]
    return obj


@pytest.mark.parametrize(("docx", "fmt", "converted"), CONVERSIONS, ids=[c[2] for c in CONVERSIONS])
def test_converted_file_gives_the_same_report(docx: str, fmt: str, converted: str) -> None:
    _require_libreoffice_for(fmt)
    original = extracted_all(SAMPLES / docx)
    other = extracted_all(SAMPLES / converted)
    assert not isinstance(original, DocumentError), original
    assert not isinstance(other, DocumentError), other
    assert {r.source.format for r in other} == {fmt}
    assert [without_location(canonical_to_json_obj(r)) for r in other] == [
        without_location(canonical_to_json_obj(r)) for r in original
    ]


def test_legacy_doc_values_say_they_came_through_libreoffice() -> None:
    _require_libreoffice_for("doc")
    doc_samples = [c for c in CONVERSIONS if c[1] == "doc"]
    assert doc_samples
    report = extracted(SAMPLES / doc_samples[0][2])
    assert not isinstance(report, DocumentError), report
    assert report.report.provenance["project_name"].via == "libreoffice"


# --- spreadsheets: the same form as XLSX (committed sample), as its Word twin and as .xls

from scripts.build_spreadsheet_samples import WORKBOOKS, XLS_CONVERSIONS  # noqa: E402
from scripts.samples.xlsx_kit import write_docx_twin  # noqa: E402


@pytest.mark.parametrize("workbook", sorted(WORKBOOKS))
def test_spreadsheet_form_reads_like_the_same_form_in_word(workbook: str, tmp_path: Any) -> None:
    twin = tmp_path / f"{workbook}.docx"
    write_docx_twin(twin, WORKBOOKS[workbook])
    as_xlsx = extracted_all(SAMPLES / workbook)
    as_docx = extracted_all(twin)
    assert not isinstance(as_xlsx, DocumentError), as_xlsx
    assert not isinstance(as_docx, DocumentError), as_docx
    assert len(as_xlsx) == len(WORKBOOKS[workbook])  # one report per sheet
    assert [r.unit.sheet for r in as_xlsx if r.unit] == [s.name for s in WORKBOOKS[workbook]]
    assert [without_location(canonical_to_json_obj(r)) for r in as_xlsx] == [
        without_location(canonical_to_json_obj(r)) for r in as_docx
    ]


@pytest.mark.parametrize(("xlsx", "xls"), XLS_CONVERSIONS, ids=[c[1] for c in XLS_CONVERSIONS])
def test_xls_gives_the_same_report_as_its_xlsx(xlsx: str, xls: str) -> None:
    _require_libreoffice_for("doc")
    original = extracted_all(SAMPLES / xlsx)
    other = extracted_all(SAMPLES / xls)
    assert not isinstance(original, DocumentError), original
    assert not isinstance(other, DocumentError), other
    assert {r.source.format for r in other} == {"xls"}
    assert other[0].report.provenance["project_name"].via == "libreoffice"
    assert [without_location(canonical_to_json_obj(r)) for r in other] == [
        without_location(canonical_to_json_obj(r)) for r in original
    ]
