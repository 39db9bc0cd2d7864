"""`--grade-bands FILE` replaces the national band table for `grade_score_mismatch`."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from jixiao.cli.main import main

SAMPLE = (
    Path(__file__).resolve().parents[2] / "samples" / "wild_weight_first_2021_zhihui_tingche.docx"
)
# That report: 87.52 points, graded 良 — right under the national bands (80–90 良).
STRICT = """bands:
  - {level: excellent, min_score: 95, labels: [优, 优秀]}
  - {level: good, min_score: 90, labels: [良, 良好]}
  - {level: fair, min_score: 60, labels: [中, 合格]}
  - {level: poor, min_score: 0, labels: [差, 不合格]}
"""


def _rules(args: list[str]) -> set[str]:
    result = CliRunner().invoke(main, ["extract", *args, str(SAMPLE)])
    assert result.exit_code == 0, result.output
    return {c["rule"] for c in json.loads(result.output)["checks"]}


def test_a_stricter_band_table_flags_the_grade(tmp_path: Path) -> None:
    bands = tmp_path / "bands.yaml"
    bands.write_text(STRICT, "utf-8")
    assert "grade_score_mismatch" not in _rules([])
    assert "grade_score_mismatch" in _rules(["--grade-bands", str(bands)])


def test_a_malformed_band_table_is_a_usage_error(tmp_path: Path) -> None:
    bands = tmp_path / "bands.yaml"
    bands.write_text("bands: 3\n", "utf-8")
    result = CliRunner().invoke(main, ["extract", "--grade-bands", str(bands), str(SAMPLE)])
    assert result.exit_code == 2
    assert "--grade-bands" in result.output
