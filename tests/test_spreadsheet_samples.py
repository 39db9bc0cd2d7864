"""The committed spreadsheet samples are exactly what their specs build."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from sample_reports import ROOT, SAMPLES

sys.path.insert(0, str(ROOT))
from scripts.build_spreadsheet_samples import WORKBOOKS  # noqa: E402
from scripts.samples.xlsx_kit import write_workbook  # noqa: E402


@pytest.mark.parametrize("name", sorted(WORKBOOKS))
def test_sample_is_rebuilt_byte_for_byte(name: str, tmp_path: Path) -> None:
    write_workbook(tmp_path / name, WORKBOOKS[name])
    assert (tmp_path / name).read_bytes() == (SAMPLES / name).read_bytes(), (
        f"samples/{name} differs from its spec: run scripts/build_spreadsheet_samples.py"
    )
