"""Legacy Word through LibreOffice: real conversions, and the failure reasons."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import docx
import pytest

from jixiao.errors import CorruptDocumentError, MissingToolError
from jixiao.extract import read_document, sha256_file
from jixiao.extract.legacy import MISSING_SOFFICE, convert_to_docx, converted_to_docx

RTF = rb"{\rtf1\ansi\deff0{\fonttbl{\f0 Arial;}}\u39033?\u30446?\u21517?\u31216? Alpha\par}"


@pytest.fixture
def soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice (soffice) is required in CI but is not installed")
        pytest.skip("LibreOffice (soffice) is not installed")
    return found


@pytest.fixture
def private_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Route tempfile into a folder of our own so leftovers can be seen."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    yield folder


def make_doc(tmp_path: Path, soffice: str) -> Path:
    """A Word 97-2003 file made by LibreOffice from a python-docx report."""
    document = docx.Document()
    document.add_paragraph("一、项目基本概况")
    table = document.add_table(rows=3, cols=3)
    table.cell(0, 0).merge(table.cell(0, 2)).text = "项目名称"
    table.cell(1, 0).merge(table.cell(2, 0)).text = "资金来源"
    table.cell(1, 1).text = "计划安排资金"
    table.cell(1, 2).text = "898.7"
    document.add_paragraph("二、绩效目标")
    source = tmp_path / "made.docx"
    document.save(source)
    profile = (tmp_path / "lo-profile").as_uri()
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "doc",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    made = tmp_path / "made.doc"
    assert made.read_bytes().startswith(b"\xd0\xcf\x11\xe0")
    return made


@pytest.mark.libreoffice
def test_doc_is_converted_and_its_table_survives(
    tmp_path: Path, soffice: str, private_tmp: Path
) -> None:
    path = make_doc(tmp_path, soffice)
    doc = read_document(path)
    assert doc.source.format == "doc"
    assert doc.source.sha256 == sha256_file(path)
    assert doc.source.size == path.stat().st_size
    assert doc.source.path == str(path)
    (table,) = doc.tables
    name = table.cell_at(0, 2)
    assert name is not None and name.text == "项目名称" and name.col_span == 3
    funds = table.cell_at(2, 0)
    assert funds is not None and funds.text == "资金来源" and funds.row_span == 2
    assert table.cell_at(1, 2).text == "898.7"
    assert funds.provenance.via == "libreoffice"
    assert [b.text for b in doc.blocks if not hasattr(b, "cells")] == [
        "一、项目基本概况",
        "二、绩效目标",
    ]
    assert list(private_tmp.iterdir()) == []  # the conversion's temp dir is gone


@pytest.mark.libreoffice
def test_rtf_is_converted(tmp_path: Path, soffice: str, private_tmp: Path) -> None:
    path = tmp_path / "note.doc"  # an RTF with a .doc name, as archives have them
    path.write_bytes(RTF)
    doc = read_document(path)
    assert doc.source.format == "rtf"
    assert doc.plain_text() == "项目名称 Alpha"
    assert list(private_tmp.iterdir()) == []


@pytest.mark.libreoffice
def test_convert_to_docx_leaves_only_the_result(tmp_path: Path, soffice: str) -> None:
    path = tmp_path / "note.rtf"
    path.write_bytes(RTF)
    with converted_to_docx(path, source_format="rtf") as result:
        assert [p.name for p in result.parent.iterdir()] == ["converted.docx"]
        assert result.read_bytes().startswith(b"PK")
        folder = result.parent
    assert not folder.exists()


def test_missing_soffice_reason(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("JIXIAO_SOFFICE", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path / "empty-bin"))
    path = tmp_path / "old.doc"
    path.write_bytes(RTF)
    with pytest.raises(MissingToolError) as info:
        read_document(path)
    assert info.value.reason == (
        "legacy Word (.doc) needs LibreOffice: apt-get install libreoffice-writer-nogui "
        "(or set JIXIAO_SOFFICE)"
    )
    assert info.value.reason == MISSING_SOFFICE


def test_jixiao_soffice_that_is_not_executable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("JIXIAO_SOFFICE", str(tmp_path / "nowhere" / "soffice"))
    path = tmp_path / "old.rtf"
    path.write_bytes(RTF)
    with pytest.raises(MissingToolError) as info:
        convert_to_docx(path)
    assert info.value.reason == (
        f"JIXIAO_SOFFICE={tmp_path / 'nowhere' / 'soffice'} is not an executable LibreOffice: "
        + MISSING_SOFFICE
    )


def fake_soffice(tmp_path: Path, script: str) -> Path:
    exe = tmp_path / "fake-soffice"
    exe.write_text(f"#!/bin/sh\n{script}\n")
    exe.chmod(0o755)
    return exe


def test_timeout_kills_the_converter_and_cleans_up(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, private_tmp: Path
) -> None:
    pid_file = tmp_path / "pid"
    exe = fake_soffice(tmp_path, f"echo $$ > {pid_file}\nexec sleep 60")
    monkeypatch.setenv("JIXIAO_SOFFICE", str(exe))
    path = tmp_path / "slow.rtf"
    path.write_bytes(RTF)
    with pytest.raises(CorruptDocumentError) as info:
        convert_to_docx(path, timeout=1, source_format="rtf")
    assert info.value.reason == "LibreOffice timed out converting slow.rtf after 1 s"
    pid = int(pid_file.read_text())
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)  # the sleeping child was killed with its group
    assert list(private_tmp.iterdir()) == []


def test_converter_failure_reason(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, private_tmp: Path
) -> None:
    exe = fake_soffice(tmp_path, "echo 'Error: source file could not be loaded' >&2\nexit 1")
    monkeypatch.setenv("JIXIAO_SOFFICE", str(exe))
    path = tmp_path / "bad.doc"
    path.write_bytes(RTF)
    with pytest.raises(CorruptDocumentError) as info:
        read_document(path)
    assert info.value.reason == (
        "LibreOffice could not convert the file (exit 1: Error: source file could not be loaded)"
    )
    assert list(private_tmp.iterdir()) == []


@pytest.mark.libreoffice
def test_word_html_saved_as_doc_is_converted(
    tmp_path: Path, soffice: str, private_tmp: Path
) -> None:
    path = tmp_path / "web.doc"
    path.write_text(
        '<html xmlns:w="urn:schemas-microsoft-com:office:word"><head><meta charset="utf-8">'
        "</head><body><p>一、项目概况</p><table border=1><tr><td colspan=2>项目名称</td></tr>"
        "<tr><td>实际支出</td><td>898.7</td></tr></table></body></html>",
        encoding="utf-8",
    )
    doc = read_document(path)
    assert doc.source.format == "html"
    (table,) = doc.tables
    assert table.cell_at(0, 1).text == "项目名称" and table.cell_at(0, 0).col_span == 2
    assert table.cell_at(1, 1).text == "898.7"
    assert doc.blocks[0].text == "一、项目概况"
    assert list(private_tmp.iterdir()) == []
