"""The bundle samples' ground truth (tests/bundle_truth.json) describes the files as built.

Segmentation precision/recall is measured against this file, so it must name every
``samples/bundle_*`` file, and each unit's pages or tables must exist in its file, in
order, without overlapping.
"""

from __future__ import annotations

import json
from pathlib import Path

import pdfplumber
import pytest
from docx import Document

ROOT = Path(__file__).resolve().parents[2]
TRUTH = json.loads((ROOT / "tests" / "bundle_truth.json").read_text(encoding="utf-8"))
BUNDLES = sorted(p.name for p in (ROOT / "samples").glob("bundle_*"))


def test_truth_names_every_bundle_sample() -> None:
    assert sorted(TRUTH) == BUNDLES


@pytest.mark.parametrize("name", BUNDLES)
def test_units_lie_inside_the_file_in_order(name: str) -> None:
    units = TRUTH[name]
    path = ROOT / "samples" / name
    if path.suffix == ".pdf":
        with pdfplumber.open(path) as pdf:
            n_pages = len(pdf.pages)
        previous_last = 0
        for unit in units:
            assert 1 <= unit["first_page"] <= unit["last_page"] <= n_pages
            if unit["kind"] == "self_evaluation":  # forms never share a page
                assert unit["first_page"] > previous_last
            previous_last = unit["last_page"]
    else:
        n_tables = len(Document(str(path)).tables)
        seen: list[int] = []
        for unit in units:
            assert unit["tables"] and all(0 <= i < n_tables for i in unit["tables"])
            seen += unit["tables"]
        assert seen == sorted(set(seen))
    for unit in units:
        assert unit["title"] and unit["project_name"] and unit["total_score"]


def test_negative_controls_hold_no_unit() -> None:
    empty = sorted(name for name, units in TRUTH.items() if not units)
    assert empty == [
        "bundle_2022_xiangtan_forestry_final_accounts_summary_only_reportlab.pdf",
        "bundle_2023_xiangtan_water_budget_publication_reportlab.pdf",
    ]
