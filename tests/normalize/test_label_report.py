"""The label workflow: list what the dictionary misses, add it, re-run, see it read."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from click.testing import CliRunner
from doc_factory import UP, document

from jixiao.cli.main import main
from jixiao.normalize import NormalizeOptions, normalize
from jixiao.normalize.label_report import unknown_labels
from jixiao.normalize.labels import LabelDictionary

# A province whose form says 考核值 / 完成数 where the dictionary knows 指标值 / 完成值.
FORM = [
    ["一级指标", "二级指标", "三级指标", "考核值", "完成数", "分值", "得分"],
    ["产出指标", "数量指标", "培训人次", "≥300人次", "342人次", "10", "10"],
    [UP, "质量指标", "合格率", "≥95%", "93%", "10", "8"],
]


def _doc():
    return document("2021年度项目支出绩效自评表", "项目名称：培训项目", FORM)


def test_unknown_column_headers_are_listed_with_counts() -> None:
    found = unknown_labels([("a.docx", _doc()), ("b.docx", _doc())], LabelDictionary.default())
    listed = {u.label: (u.count, u.example) for u in found}
    assert listed["考核值"] == (2, "a.docx")
    assert listed["完成数"] == (2, "a.docx")
    assert "三级指标" not in listed and "项目名称" not in listed


def test_a_user_label_file_maps_the_new_headers(tmp_path: Path) -> None:
    before = normalize(_doc())
    assert [i.target for i in before.indicators] == [None, None]
    extra = tmp_path / "my_labels.yaml"
    extra.write_text("indicator_column:\n  target: [考核值]\n  actual: [完成数]\n", "utf-8")
    labels = LabelDictionary.load(extra)
    after = normalize(_doc(), NormalizeOptions(labels=labels))
    assert [(i.target, i.actual_value) for i in after.indicators] == [
        ("≥300人次", Decimal("342")),
        ("≥95%", Decimal("93")),
    ]
    assert not [u for u in unknown_labels([("a.docx", _doc())], labels) if u.label == "考核值"]


def test_labels_command_prints_unknown_labels(tmp_path: Path) -> None:
    from docx import Document

    doc = Document()
    doc.add_paragraph("2021年度项目支出绩效自评表")
    table = doc.add_table(rows=2, cols=5)
    for c, text in enumerate(["三级指标", "考核值", "完成数", "分值", "得分"]):
        table.cell(0, c).text = text
    for c, text in enumerate(["培训人次", "≥300人次", "342人次", "10", "10"]):
        table.cell(1, c).text = text
    path = tmp_path / "form.docx"
    doc.save(path)
    result = CliRunner().invoke(main, ["labels", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "考核值" in result.output and "完成数" in result.output
    assert "三级指标" not in result.output
