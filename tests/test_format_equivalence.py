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


# Where a value sits: the unit's pages (PDF) or tables (DOCX) say it too.
LOCATION = ("provenance", "source", "pages", "tables")


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
