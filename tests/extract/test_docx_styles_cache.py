"""Parsed style sheets are shared between DOCX files with the same styles.xml."""

from __future__ import annotations

from pathlib import Path

import docx

from jixiao.extract import docx_reader
from jixiao.extract.model import SourceInfo


def _write(path: Path, heading: str, extra_style: str | None = None) -> Path:
    document = docx.Document()
    if extra_style:
        document.styles.add_style(extra_style, 1)  # WD_STYLE_TYPE.PARAGRAPH
    document.add_heading(heading, level=1)
    document.add_paragraph("正文")
    document.save(str(path))
    return path


def _read(path: Path) -> docx_reader.Document:
    return docx_reader.read_docx(path, SourceInfo(str(path), "", "docx", path.stat().st_size))


def _headings(document: docx_reader.Document) -> list[tuple[str, int | None]]:
    return [(b.text, getattr(b, "level", None)) for b in document.blocks if hasattr(b, "text")]


def test_same_styles_are_parsed_once(tmp_path: Path) -> None:
    docx_reader._STYLES.clear()
    one = _read(_write(tmp_path / "one.docx", "一、项目概况"))
    two = _read(_write(tmp_path / "two.docx", "二、绩效目标"))
    assert len(docx_reader._STYLES) == 1
    assert _headings(one)[0][1] == _headings(two)[0][1] == 1
    _read(_write(tmp_path / "three.docx", "三、自评结论", extra_style="自定义样式"))
    assert len(docx_reader._STYLES) == 2
