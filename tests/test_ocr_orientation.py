"""A scan fed in sideways or upside down reads as the upright scan does.

The turned samples are the upright scan of the same report with its pixels turned
(scripts/build_scanned_samples.py, ``TURNED``): their canonical reports must equal the
upright scan's apart from where values sit (provenance) and the file itself.
"""

from __future__ import annotations

import sys
from typing import Any

import pytest
from sample_reports import ROOT, SAMPLES, extracted_all

from jixiao.errors import DocumentError
from jixiao.normalize.serialize import canonical_to_json_obj

sys.path.insert(0, str(ROOT))
from scripts.build_scanned_samples import TURNED, scanned_name  # noqa: E402

pytestmark = pytest.mark.ocr

sys.path.insert(0, str(ROOT / "tests" / "extract"))
from ocr_required import require_ocr  # noqa: E402

require_ocr()

LOCATION = ("provenance", "source")


def without_location(obj: Any) -> Any:
    if isinstance(obj, dict):
        return {k: without_location(v) for k, v in obj.items() if k not in LOCATION}
    if isinstance(obj, list):
        return [without_location(v) for v in obj]
    return obj


@pytest.mark.parametrize(("source", "turned"), TURNED, ids=[f"rot{t}" for _, t in TURNED])
def test_turned_scan_reads_as_the_upright_scan(source: str, turned: int) -> None:
    upright = extracted_all(SAMPLES / scanned_name(source))
    other = extracted_all(SAMPLES / scanned_name(source, turned))
    assert not isinstance(upright, DocumentError), upright
    assert not isinstance(other, DocumentError), other
    assert [without_location(canonical_to_json_obj(r)) for r in other] == [
        without_location(canonical_to_json_obj(r)) for r in upright
    ]
    # the values were read by OCR from the page turned upright: same page, same cell
    name = other[0].report.provenance["project_name"]
    assert name.via == "ocr" and name.page == 1
