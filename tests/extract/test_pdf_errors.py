"""Unusable PDFs: scans, broken fonts, passwords, damage; and LibreOffice-exported Word."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from reportlab.lib.pdfencrypt import StandardEncryption
from reportlab.pdfgen.canvas import Canvas

from jixiao.errors import CorruptDocumentError, EncryptedDocumentError, NoTextLayerError
from jixiao.extract.model import Document, Heading, SourceInfo
from jixiao.extract.pdf import UnreadableTextError, read_pdf

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def read(path: Path) -> Document:
    return read_pdf(path, SourceInfo(str(path), "0" * 64, "pdf", path.stat().st_size))


def test_scanned_pdf_has_no_text_layer() -> None:
    with pytest.raises(NoTextLayerError) as info:
        read(SAMPLES / "pingjiang_2021_rural_water_scanned.pdf")
    assert info.value.reason == "scanned PDF: no text layer on pages 1–3"


def test_broken_font_everywhere_is_refused() -> None:
    with pytest.raises(UnreadableTextError) as info:
        read(SAMPLES / "changsha_2019_notice_broken_font.pdf")
    assert info.value.reason == "unreadable font encoding on pages 1–3"


def test_one_broken_page_is_noted_and_the_rest_read() -> None:
    doc = read(SAMPLES / "changsha_2019_notice_page2_broken_font.pdf")
    assert [(n.code, n.page) for n in doc.notes] == [("pdf_unreadable_page", 2)]
    text = doc.plain_text()
    assert "二、部门整体支出情况" in text and "六、自评结论" in text
    assert "三、部门整体支出绩效情况" not in text  # page 2
    assert "(cid:" not in text


def test_scanned_page_among_text_pages_is_noted(tmp_path: Path) -> None:
    from PIL import Image

    scan = tmp_path / "scan.png"
    Image.new("L", (300, 400), color=200).save(scan)
    path = tmp_path / "mixed.pdf"
    canvas = Canvas(str(path))
    canvas.setFont("Helvetica", 12)
    canvas.drawString(72, 700, "Page one has text.")
    canvas.showPage()
    canvas.drawImage(str(scan), 0, 0, 595, 842)
    canvas.showPage()
    canvas.showPage()  # an intentionally blank page: not noted
    canvas.setFont("Helvetica", 12)
    canvas.drawString(72, 700, "Page four has text.")
    canvas.showPage()
    canvas.save()
    doc = read(path)
    assert [(n.code, n.page) for n in doc.notes] == [("pdf_no_text_page", 2)]
    assert doc.plain_text() == "Page one has text.\nPage four has text."
    assert doc.source.pages == 4


def _encrypted(path: Path, user_password: str) -> Path:
    canvas = Canvas(str(path), encrypt=StandardEncryption(user_password, ownerPassword="owner"))
    canvas.setFont("Helvetica", 12)
    canvas.drawString(72, 700, "Project budget 2,053.30 executed in full.")
    canvas.showPage()
    canvas.save()
    return path


def test_encrypted_without_user_password_is_read(tmp_path: Path) -> None:
    doc = read(_encrypted(tmp_path / "open.pdf", ""))
    assert doc.plain_text() == "Project budget 2,053.30 executed in full."


def test_encrypted_with_password_is_refused(tmp_path: Path) -> None:
    with pytest.raises(EncryptedDocumentError) as info:
        read(_encrypted(tmp_path / "locked.pdf", "secret"))
    assert info.value.reason == "PDF is encrypted and needs a password"


@pytest.mark.parametrize("keep", [0.02, 0.5, 0.98])
def test_truncated_pdf_is_corrupt(tmp_path: Path, keep: float) -> None:
    data = (SAMPLES / "changsha_2018_egov_special_funds_evaluation.pdf").read_bytes()
    path = tmp_path / "truncated.pdf"
    path.write_bytes(data[: int(len(data) * keep)])
    with pytest.raises(CorruptDocumentError) as info:
        read(path)
    assert info.value.reason.startswith("damaged PDF: ")


def test_garbage_after_pdf_magic_is_corrupt(tmp_path: Path) -> None:
    path = tmp_path / "garbage.pdf"
    path.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 20)
    with pytest.raises(CorruptDocumentError):
        read(path)


def _to_pdf(source: Path) -> Path:
    """``source`` exported to PDF by LibreOffice, next to it."""
    soffice = shutil.which("soffice")
    assert soffice is not None, "soffice is required for this test (marker: libreoffice)"
    subprocess.run(
        [soffice, "--headless", "--convert-to", "pdf", "--outdir", str(source.parent), str(source)],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return source.with_suffix(".pdf")


@pytest.mark.libreoffice
def test_libreoffice_exported_word_table_with_merged_cells(tmp_path: Path) -> None:
    from docx import Document as Docx

    docx = Docx()
    docx.add_paragraph("一、项目基本情况")
    docx.add_paragraph("本项目安排资金共计 269.61 万元，用于农村饮水安全工程建设。" * 3)
    table = docx.add_table(rows=6, cols=4)
    table.style = "Table Grid"
    for i, text in enumerate(["一级指标", "二级指标", "三级指标", "得分"]):
        table.cell(0, i).text = text
    table.cell(1, 0).merge(table.cell(4, 0)).text = "产出指标"
    table.cell(1, 1).merge(table.cell(2, 1)).text = "数量指标"
    for r in range(1, 6):
        table.cell(r, 2).text = f"第{r}项：新建集中供水工程，包括管网延伸和水质净化消毒设施建设"
        table.cell(r, 3).text = str(r)
    table.cell(5, 0).text = "满意度指标"
    table.cell(5, 1).merge(table.cell(5, 2))
    docx.add_paragraph("二、绩效目标完成情况")
    source = tmp_path / "form.docx"
    docx.save(str(source))
    doc = read(_to_pdf(source))
    assert [b.text for b in doc.blocks if isinstance(b, Heading)] == [
        "一、项目基本情况",
        "二、绩效目标完成情况",
    ]
    (grid,) = doc.tables
    assert (grid.n_rows, grid.n_cols) == (6, 4)
    level1 = grid.cell_at(3, 0)
    assert level1 is not None and level1.text == "产出指标" and level1.row_span == 4
    level2 = grid.cell_at(2, 1)
    assert level2 is not None and level2.text == "数量指标" and level2.row_span == 2
    merged = grid.cell_at(5, 1)
    assert merged is not None and merged.col_span == 2
    # LibreOffice's CJK/Latin auto-spacing leaves a gap that is not a space
    assert grid.row_texts(1)[2] == "第1项：新建集中供水工程，包括管网延伸和水质净化消毒设施建设"
    body = next(b.text for b in doc.blocks if b.text.startswith("本项目"))  # type: ignore[union-attr]
    assert body.startswith("本项目安排资金共计 269.61 万元，")  # real spaces kept


@pytest.mark.libreoffice
def test_libreoffice_table_over_a_page_break_is_one_table(tmp_path: Path) -> None:
    """Word repeats the header row (tblHeader) and splits a merged cell at the break."""
    from docx import Document as Docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    docx = Docx()
    docx.add_paragraph("三、项目支出明细")
    n_items = 60
    table = docx.add_table(rows=n_items + 1, cols=3)
    table.style = "Table Grid"
    for i, text in enumerate(["项目名称", "支出内容", "金额（万元）"]):
        table.cell(0, i).text = text
    header = table.rows[0]._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    header.append(repeat)
    for r in range(1, n_items + 1):
        table.cell(r, 1).text = f"第{r}笔支出"
        table.cell(r, 2).text = f"{r}.00"
    table.cell(1, 0).merge(table.cell(n_items, 0)).text = "政务云运维项目"
    source = tmp_path / "long.docx"
    docx.save(str(source))
    doc = read(_to_pdf(source))
    (grid,) = doc.tables
    assert len({c.provenance.page for c in grid.cells}) >= 2
    assert grid.n_rows == n_items + 1  # the repeated header is dropped
    assert [grid.row_texts(r)[1] for r in range(1, grid.n_rows)] == [
        f"第{r}笔支出" for r in range(1, n_items + 1)
    ]
    project = grid.cell_at(n_items, 0)
    assert project is not None and project.text == "政务云运维项目"
    assert project.row_span == n_items  # one merged cell across the break
