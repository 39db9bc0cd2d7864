"""A batch with broken files: each fails with its own one-line reason and a `failed`
document row, the good report still loads, and the exit status says something failed."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

from click.testing import CliRunner
from docx import Document
from sample_reports import SAMPLES
from sqlalchemy import create_engine, text

from jixiao.cli.main import main

GOOD = "jiujiang_2021_primary_care_it_national_form.docx"


def _bad_files(folder: Path) -> dict[str, str]:
    """file name → the reason it must fail with (a fragment of it)."""
    (folder / "empty.docx").write_bytes(b"")
    whole = (SAMPLES / GOOD).read_bytes()
    (folder / "truncated.docx").write_bytes(whole[: len(whole) // 2])
    (folder / "picture.docx").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 64)
    memo = Document()
    memo.add_paragraph("会议纪要")
    memo.add_paragraph("今天讨论了食堂的菜单。")
    memo.save(folder / "memo.docx")
    with zipfile.ZipFile(folder / "bomb.docx", "w", zipfile.ZIP_DEFLATED) as bomb:
        bomb.writestr("[Content_Types].xml", "<Types/>")
        with bomb.open("word/document.xml", "w", force_zip64=True) as member:
            chunk = b"\0" * (1 << 20)
            for _ in range(300):
                member.write(chunk)
    return {
        "empty.docx": "empty file",
        "truncated.docx": "damaged DOCX",
        "picture.docx": "not a DOCX, PDF or Word document",
        "memo.docx": "no performance report in this document",
        "bomb.docx": "refusing DOCX",
    }


def test_bad_files_fail_one_by_one_and_the_batch_goes_on(tmp_path: Path) -> None:
    folder = tmp_path / "archive"
    folder.mkdir()
    shutil.copy(SAMPLES / GOOD, folder / GOOD)
    expected = _bad_files(folder)
    url = f"sqlite:///{tmp_path / 'audit.db'}"

    result = CliRunner().invoke(
        main, ["ingest", str(folder), "--db", url, "--workers", "1", "--quiet"]
    )

    assert result.exit_code == 1, result.output
    for name, reason in expected.items():
        line = next(
            line for line in result.output.splitlines() if line.startswith(str(folder / name))
        )
        assert reason in line, line
    engine = create_engine(url)
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT status, error FROM documents ORDER BY id")).all()
        reports = conn.execute(text("SELECT project_name FROM reports")).scalars().all()
    # a file that reads fine but is no report is not a failure: status no_report
    assert sorted(status for status, _ in rows) == ["failed"] * 4 + ["no_report", "ok"]
    assert all(error for status, error in rows if status != "ok")
    assert reports == ["基层医疗卫生信息化运维及培训项目"]
