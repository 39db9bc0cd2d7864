"""The real engine on a scanned sample: project name and amounts read exactly, offline.

Marked ``ocr``: needs ``jixiao[ocr]`` (rapidocr, onnxruntime, OpenCV). Skipped locally
without it; in CI (env ``CI`` set) a missing engine is a failure, not a skip.
"""

from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest

from jixiao.extract import sha256_file
from jixiao.extract.model import SourceInfo, Table

pytestmark = pytest.mark.ocr

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
SCAN = SAMPLES / "jiujiang_2021_primary_care_it_national_form_libreoffice_scan150.pdf"


@pytest.fixture(scope="module")
def installed() -> None:
    from jixiao.extract.ocr import ocr_available

    if not ocr_available("rapidocr"):
        if os.environ.get("CI"):
            pytest.fail("the OCR engine (jixiao[ocr]) is required in CI but is not installed")
        pytest.skip("the OCR engine (jixiao[ocr]) is not installed")


@pytest.fixture
def offline(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any attempt to open a network connection fails the test."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"network access attempted: {args!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


def test_scanned_form_reads_name_and_amounts(installed: None, offline: None) -> None:
    from jixiao.extract.ocr import ocr_pdf
    from jixiao.extract.ocr.engine import RapidOcrEngine

    RapidOcrEngine()  # a fresh engine loads its bundled models without the network
    source = SourceInfo(str(SCAN), sha256_file(SCAN), "pdf", SCAN.stat().st_size)
    doc = ocr_pdf(SCAN, source, pages=[1])
    assert doc.source.pages == 1
    tables = [b for b in doc.blocks if isinstance(b, Table)]
    assert len(tables) == 1
    table = tables[0]
    assert table.n_cols == 9  # the form's grid, recovered from the 150-dpi scan
    first = table.row_texts(0)
    assert first[0] == "项目名称"
    assert first[1] == "基层医疗卫生信息化运维及培训项目"
    rows = {table.row_texts(r)[1]: table.row_texts(r) for r in range(table.n_rows)}
    # 123.81 lies under the red seal on the scan
    assert rows["年度资金总额"][3:8] == ("120.00", "128.50", "123.81", "10", "96.35%")
    assert rows["其中：当年财政拨款"][3:6] == ("120.00", "120.00", "116.41")
    totals = next(
        table.row_texts(r) for r in range(table.n_rows) if table.row_texts(r)[0] == "总分"
    )
    assert totals[-3:-1] == ("100", "93.64")
    assert all(c.provenance.via == "ocr" and c.provenance.page == 1 for c in table.cells)
