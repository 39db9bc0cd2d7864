"""Segmentation properties: spans are ordered and disjoint; every form is one unit."""

from __future__ import annotations

from doc_factory import document
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_units import BUDGET_TABLE, TARGET_TABLE, form

from jixiao.normalize import normalize_units
from jixiao.normalize.labels import LabelDictionary
from jixiao.normalize.relevance import title_kind
from jixiao.normalize.segment import segment

LABELS = LabelDictionary.default()

# What a publication is made of, besides its forms.
FILLERS = {
    "budget": ("收入支出决算总表", BUDGET_TABLE),
    "target": ("项目支出绩效目标表", TARGET_TABLE),
    "narrative": (
        "第三部分 部门决算情况说明",
        "本年度收入支出均比上年有所增加，主要是业务量增加。",
    ),
    "contents": ("目录", "一、部门概况"),
}


@st.composite
def publications(draw: st.DrawFn) -> tuple[list[object], list[str]]:
    kinds = draw(
        st.lists(st.sampled_from([*FILLERS, "form", "untitled_form"]), min_size=1, max_size=8)
    )
    parts: list[object] = [*FILLERS["budget"]]  # always a publication
    projects: list[str] = []
    for n, kind in enumerate(kinds):
        if kind in FILLERS:
            parts.extend(FILLERS[kind])
            continue
        project = f"第{n}号项目"
        projects.append(project)
        if kind == "form":
            parts.append(f"2023年度{project}支出绩效自评表")
        parts.append(form(project, ("45", "40"), "94", "优"))
    return parts, projects


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(publications())
def test_every_form_of_a_publication_is_one_report(case: tuple[list[object], list[str]]) -> None:
    parts, projects = case
    doc = document(*parts)  # type: ignore[arg-type]
    spans = segment(doc.blocks, LABELS).spans
    assert all(0 <= s.start < s.end <= len(doc.blocks) for s in spans)
    assert all(a.end <= b.start for a, b in zip(spans, spans[1:], strict=False))
    if not projects:
        return
    reports = normalize_units(doc)
    assert [r.report.project_name for r in reports] == projects
    assert [r.unit.index for r in reports if r.unit] == list(range(1, len(projects) + 1))


@given(st.text(max_size=80))
def test_title_kind_never_fails(text: str) -> None:
    assert title_kind(text, LABELS) in {
        None,
        "form",
        "report",
        "results",
        "budget",
        "target",
        "contents",
        "chapter",
    }


def test_title_kinds() -> None:
    assert title_kind("2023年度XX局部门整体支出绩效自评表", LABELS) == "form"
    assert title_kind("项目支出绩效自评表（2023年度）", LABELS) == "form"
    assert title_kind("附件2：XX项目绩效自评报告", LABELS) == "report"
    assert title_kind("7．一般公共预算财政拨款“三公”经费支出决算表", LABELS) == "budget"
    assert title_kind("2024年项目支出绩效目标申报表", LABELS) == "target"
    assert title_kind("第五部分 名词解释", LABELS) == "chapter"
    assert title_kind("部门整体支出绩效自评表……………35", LABELS) is None  # a contents line
    assert title_kind("本部门开展了项目支出绩效自评，形成自评报告。", LABELS) is None
