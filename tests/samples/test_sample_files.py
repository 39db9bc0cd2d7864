"""The committed DOCX samples exist, open, are rebuilt byte for byte, and hold what
their builders promise (merges where the originals have them, numbers that add up
except for the one inconsistency planted on purpose)."""

from __future__ import annotations

import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from docx.table import Table

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"
BUILD = ROOT / "scripts" / "build_samples.py"
MAX_BYTES = 200_000


def _run_builder(*args: str) -> str:
    result = subprocess.run(
        [sys.executable, str(BUILD), *args], capture_output=True, text=True, check=True, cwd=ROOT
    )
    return result.stdout


REGISTERED = _run_builder("--list").split()


@pytest.fixture(scope="module")
def rebuilt(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("samples")
    _run_builder("--out", str(out))
    return out


def _table(name: str, index: int = 0) -> Table:
    return docx.Document(str(SAMPLES / name)).tables[index]


def _rows(tbl: Table) -> list[list[str]]:
    """Row texts with each merged cell once (as Word shows the row)."""
    rows = []
    for tr in tbl._tbl.tr_lst:
        cells = []
        for tc in tr.tc_lst:
            cells.append(
                "\n".join(
                    "".join(t.text or "" for t in p.iter(qn("w:t"))) for p in tc.iter(qn("w:p"))
                )
            )
        rows.append(cells)
    return rows


def _vmerge_restarts(tbl: Table) -> list[str]:
    restarts = []
    for tc in tbl._tbl.iter(qn("w:tc")):
        vmerge = tc.find(f"{qn('w:tcPr')}/{qn('w:vMerge')}")
        if vmerge is not None and vmerge.get(qn("w:val")) == "restart":
            restarts.append("".join(t.text or "" for t in tc.iter(qn("w:t"))))
    return restarts


def test_registry_lists_the_six_word_samples() -> None:
    assert len(REGISTERED) >= 6
    assert len(set(REGISTERED)) == len(REGISTERED)
    assert "yueyang_2019_internet_plus_platform_self_eval.docx" in REGISTERED


@pytest.mark.parametrize("name", REGISTERED)
def test_sample_is_committed_small_and_opens(name: str) -> None:
    path = SAMPLES / name
    assert path.is_file(), f"run scripts/build_samples.py to write {name}"
    assert path.stat().st_size < MAX_BYTES
    document = docx.Document(str(path))
    assert document.tables, "every sample holds at least one form table"
    assert any(p.text.strip() for p in document.paragraphs)


@pytest.mark.parametrize("name", REGISTERED)
def test_builder_is_deterministic(name: str, rebuilt: Path) -> None:
    assert (rebuilt / name).read_bytes() == (SAMPLES / name).read_bytes()


def test_yueyang_form_merges_like_the_original() -> None:
    tbl = _table("yueyang_2019_internet_plus_platform_self_eval.docx")
    restarts = _vmerge_restarts(tbl)
    assert "项目绩效定性目标及实施计划完成情况" in restarts
    assert "项目绩效定量目标（指标）及完成情况" in restarts
    assert {"项目产出指标", "项目效益指标"} <= set(restarts)
    rows = _rows(tbl)
    assert rows[0] == ["一、项 目 基 本 概 况"]
    assert rows[4][0] == "计划安排资金\n\n（万元）" and len(rows[4]) == 8
    assert ["支出合计", "629.09万", "", ""] in rows
    # the template's empty indicator rows survive as rows of empty cells
    assert sum(1 for row in rows if len(row) == 6 and not any(row)) == 7


def test_egov_form_has_the_finance_office_row_and_blank_filler() -> None:
    document = docx.Document(str(SAMPLES / "yueyang_2019_egov_extranet_self_eval.docx"))
    rows = _rows(document.tables[0])
    assert any(row[0].startswith("财政部门归口业务科室意见：") for row in rows)
    assert ["支出合计", "329.8万元", "", ""] in rows
    texts = [p.text for p in document.paragraphs]
    assert "填报人（签名）：                    联系电话：" in texts


def test_yiyang_table_restarts_the_indicator_column_mid_table() -> None:
    document = docx.Document(str(SAMPLES / "yiyang_2020_smart_brain_self_eval.docx"))
    restarts = _vmerge_restarts(document.tables[0])
    assert restarts.count("绩效指标") == 2
    assert "项目资金（万元）" in restarts
    assert _rows(document.tables[0])[-1] == ["总分", "100", "\u300092"]
    bookmarks = document.element.body.iter(qn("w:bookmarkStart"))
    assert [b.get(qn("w:name")) for b in bookmarks] == ["_GoBack"]
    assert "[bookmark" not in "".join(p.text for p in document.paragraphs)


def _number(text: str) -> Decimal:
    return Decimal(re.sub(r"[^\d.]", "", text))


def test_national_form_scores_and_rate_add_up() -> None:
    rows = _rows(_table("jiujiang_2021_primary_care_it_national_form.docx"))
    total = next(row for row in rows if row[1] == "年度资金总额")  # row[0]: 项目资金 merged
    budget, spent, rate, fund_score = (_number(total[i]) for i in (3, 4, 6, 7))
    assert round(spent / budget * 100, 2) == rate
    indicator_scores = [_number(row[-2]) for row in rows if len(row) == 9 and row[-3].isdigit()]
    assert len(indicator_scores) == 9
    score_row = next(row for row in rows if row[0] == "总分")
    assert fund_score + sum(indicator_scores) == _number(score_row[2])
    assert sum(1 for row in rows if len(row) == 9 and row[-1].strip()) == 2  # header + 1 reason


def test_label_form_carries_its_deliberate_balance_error() -> None:
    values = {
        row[0].strip(): row[1]
        for row in _rows(_table("jiangmen_2022_drainage_dredging_label_column_form.docx"))
    }
    received = _number(values["实际到位资金（万元）"]) * 10_000
    spent = _number(values["实际支出（元）"])
    stated_balance = _number(values["结余资金（万元）"]) * 10_000
    assert received - spent == Decimal("113479.65")
    assert stated_balance != received - spent
    assert round(spent / received * 100, 2) == _number(values["预算执行率"])


def test_attachment_report_items_add_up_and_score_is_only_in_prose() -> None:
    document = docx.Document(
        str(SAMPLES / "ganzhou_2022_rural_water_supply_report_with_attachment.docx")
    )
    styles = {p.style.name for p in document.paragraphs}
    assert {"Heading 1", "Heading 2", "List Number"} <= styles
    indicators, expenses = (_rows(t) for t in document.tables)
    scores = [_number(row[-1]) for row in indicators[3:]]
    assert sum(scores) == Decimal("88.5")
    assert not any("88.5" in cell for row in indicators for cell in row)
    assert any("自评得分为88.5分，评价等级为“良”" in p.text for p in document.paragraphs)
    items = [_number(row[1]) for row in expenses[1:-1]]
    assert expenses[-1][0] == "合计" and sum(items) == _number(expenses[-1][1])
