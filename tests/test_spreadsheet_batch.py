"""Spreadsheets in an archive: found by ingest, loaded with sheet/cell provenance, and
hostile workbooks failing one by one beside them."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import openpyxl
from click.testing import CliRunner
from sample_reports import SAMPLES
from sqlalchemy import create_engine, text

from jixiao.cli.main import main

GOOD = "xlsx_2022_changde_smart_water_national_form.xlsx"
THREE_SHEETS = "xlsx_2022_xiangtan_three_project_sheets.xlsx"


def test_workbooks_ingest_beside_hostile_ones(tmp_path: Path) -> None:
    folder = tmp_path / "archive"
    folder.mkdir()
    shutil.copy(SAMPLES / GOOD, folder / GOOD)
    shutil.copy(SAMPLES / THREE_SHEETS, folder / THREE_SHEETS)
    (folder / "truncated.xlsx").write_bytes((SAMPLES / GOOD).read_bytes()[:3000])
    empty = openpyxl.Workbook()
    empty.active["C3"].number_format = "0.00"
    empty.save(folder / "empty.et")  # newer WPS saves .et as an OOXML package
    url = f"sqlite:///{tmp_path / 'audit.db'}"

    result = CliRunner().invoke(
        main, ["ingest", str(folder), "--db", url, "--workers", "1", "--quiet"]
    )

    assert result.exit_code == 1, result.output
    reasons = {
        "truncated.xlsx": "damaged XLSX: truncated or corrupt zip archive",
        "empty.et": "no readable cells in any visible sheet",
    }
    for name, reason in reasons.items():
        lines = result.output.splitlines()
        line = next((out for out in lines if str(folder / name) in out), result.output)
        assert reason in line, line
    engine = create_engine(url)
    with engine.connect() as conn:
        statuses = conn.execute(text("SELECT status FROM documents")).scalars().all()
        rows = conn.execute(
            text(
                "SELECT project_name, unit_index, unit_of, unit_sheet, provenance FROM reports "
                "ORDER BY document_id, unit_index"
            )
        ).all()
    assert sorted(statuses) == ["failed", "failed", "ok", "ok"]
    assert [(r[0], r[1], r[2], r[3]) for r in rows] == [
        ("智慧水务平台运维项目", 1, 1, "项目自评表"),
        ("政务云资源租赁项目", 1, 3, "政务云"),
        ("12345政务服务便民热线运行项目", 2, 3, "12345热线"),
        ("电子证照库建设项目", 3, 3, "电子证照"),
    ]
    provenance = rows[0][4]
    where = provenance if isinstance(provenance, dict) else json.loads(provenance)
    assert where["project_name"]["sheet"] == "项目自评表"
    assert where["project_name"]["cell"] == "C2"
