"""Engine selection, the scanned-PDF hook in read_document, and the no-OCR error."""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

import numpy as np
import pytest

import jixiao.extract.ocr as ocr
from jixiao.errors import MissingToolError, NoTextLayerError
from jixiao.extract import read_document
from jixiao.extract.model import Paragraph, Table
from jixiao.extract.ocr import engine as engine_module
from jixiao.extract.ocr.engine import ENV_ENGINE, OcrBox, OcrEngine, get_engine

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
SCANNED = SAMPLES / "pingjiang_2021_rural_water_scanned.pdf"
TEXT_PDF = SAMPLES / "pingjiang_2021_rural_water_three_page_table.pdf"


class FakeEngine:
    """Reads the same line on every page, and remembers the images it was given."""

    name = "fake"

    def __init__(self) -> None:
        self.shapes: list[tuple[int, ...]] = []

    def recognize(self, image: np.ndarray) -> list[OcrBox]:
        self.shapes.append(image.shape)
        h, w = image.shape[:2]
        return [
            OcrBox("平江县水利局项目支出绩效自评", (0.1 * w, 0.1 * h, 0.6 * w, 0.12 * h), 0.97),
            OcrBox("得分 93.5", (0.1 * w, 0.2 * h, 0.3 * w, 0.22 * h), 0.55),
        ]


@pytest.fixture
def fake_engine(monkeypatch: pytest.MonkeyPatch) -> FakeEngine:
    fake = FakeEngine()
    monkeypatch.setitem(engine_module._FACTORIES, "fake", lambda: fake)
    monkeypatch.setitem(engine_module._MODULES, "fake", ())
    monkeypatch.delitem(engine_module._instances, "fake", raising=False)
    monkeypatch.setenv(ENV_ENGINE, "fake")
    return fake


def test_env_selects_the_engine_and_it_is_created_once(fake_engine: FakeEngine) -> None:
    first = get_engine()
    assert first is fake_engine
    assert get_engine("fake") is first
    assert isinstance(first, OcrEngine)


def test_unknown_engine_is_a_missing_tool() -> None:
    with pytest.raises(MissingToolError, match="unknown OCR engine 'tesseract9'"):
        get_engine("tesseract9")
    assert not ocr.ocr_available("tesseract9")


def _need_opencv() -> None:
    """The OCR reader needs OpenCV (the ``ocr`` extra): skip locally without it, fail in CI."""
    if importlib.util.find_spec("cv2") is None:
        if os.environ.get("CI"):
            pytest.fail("OpenCV (jixiao[ocr]) is required in CI but is not installed")
        pytest.skip("OpenCV (jixiao[ocr]) is not installed")


def test_scanned_pdf_is_read_by_ocr(fake_engine: FakeEngine) -> None:
    _need_opencv()
    doc = read_document(SCANNED)
    assert doc.source.format == "pdf" and doc.source.pages == 3
    assert len(fake_engine.shapes) == 3  # every page, one image each
    assert all(len(shape) == 3 and shape[2] == 3 for shape in fake_engine.shapes)
    texts = [b for b in doc.blocks if isinstance(b, Paragraph)]
    assert texts and all(b.provenance.via == "ocr" for b in doc.blocks)
    assert {b.provenance.page for b in doc.blocks} == {1, 2, 3}
    low = [n for n in doc.notes if n.code == "ocr_low_confidence"]
    assert [n.page for n in low] == [1, 2, 3]
    assert low[0].message == "page 1: '得分 93.5' read with confidence 0.55"


def test_text_pdf_never_touches_the_engine(fake_engine: FakeEngine) -> None:
    doc = read_document(TEXT_PDF)
    assert fake_engine.shapes == []
    assert all(b.provenance.via is None for b in doc.blocks)


def test_without_ocr_the_error_says_how_to_install_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ocr, "ocr_available", lambda engine=None: False)
    with pytest.raises(NoTextLayerError) as caught:
        read_document(SCANNED)
    assert caught.value.reason == (
        "scanned PDF: no text layer on pages 1–3 (install OCR support: pip install 'jixiao[ocr]')"
    )
    assert caught.value.path == str(SCANNED)


def mixed_pdf(tmp_path: Path) -> Path:
    """The three-page text sample with its page 2 replaced by a scan of itself."""
    import pypdfium2 as pdfium

    text = pdfium.PdfDocument(str(TEXT_PDF))
    image = text[1].render(scale=150 / 72).to_pil().convert("RGB")
    scan_path = tmp_path / "page2.pdf"
    image.save(scan_path, "PDF", resolution=150)
    scan = pdfium.PdfDocument(str(scan_path))
    out = pdfium.PdfDocument.new()
    out.import_pages(text, [0])
    out.import_pages(scan, [0])
    out.import_pages(text, [2])
    path = tmp_path / "mixed.pdf"
    out.save(str(path))
    for pdf in (out, scan, text):
        pdf.close()
    return path


def test_scanned_page_inside_a_text_pdf_is_ocrd_in_place(
    fake_engine: FakeEngine, tmp_path: Path
) -> None:
    _need_opencv()
    doc = read_document(mixed_pdf(tmp_path))
    assert len(fake_engine.shapes) == 1  # only the page without text
    pages = [b.provenance.page for b in doc.blocks]
    assert pages == sorted(pages) and set(pages) == {1, 2, 3}
    assert all((b.provenance.via == "ocr") == (b.provenance.page == 2) for b in doc.blocks)
    tables = [b for b in doc.blocks if isinstance(b, Table)]
    assert [t.index for t in tables] == list(range(len(tables)))
    assert all(c.provenance.table == t.index for t in tables for c in t.cells)
    no_text = [n for n in doc.notes if n.code == "pdf_no_text_page"]
    assert [(n.page, n.message) for n in no_text] == [
        (2, "page 2 has no text layer (scanned image?): read by OCR")
    ]
    assert [n.page for n in doc.notes if n.code == "ocr_low_confidence"] == [2]
