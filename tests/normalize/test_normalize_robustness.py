"""Property: whatever tables and paragraphs a document holds, the normaliser returns a
report or refuses it as not a report — it never crashes (a crash would fail the file
as an internal error in a batch)."""

from __future__ import annotations

from doc_factory import LEFT, UP, document
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jixiao.errors import NotAReportError
from jixiao.normalize import normalize
from jixiao.normalize.serialize import canonical_to_json_obj, dumps

LABELS = [
    "项目名称",
    "实施单位",
    "主管部门",
    "年初预算数",
    "全年预算数",
    "全年执行数",
    "执行率",
    "分值",
    "得分",
    "一级指标",
    "二级指标",
    "三级指标",
    "年度指标值",
    "实际完成值",
    "偏差原因分析及改进措施",
    "支出内容",
    "实际支出数",
    "合计",
    "小计",
    "总分",
    "评价等次",
    "其中：当年财政拨款",
    "上年结转资金",
    "中央及省级资金",
    "市本级资金",
    "资金合计",
    "年度",
    "预期目标",
    "实际完成情况",
    "姓名",
    "职称/职务",
    "单位",
    "产出指标（50分）",
    "数量指标",
    "项目资金（万元）",
    "金额单位：万元",
    "绩效自评综合得分",
    "报告日期",
]
VALUES = [
    "",
    "　",
    "无",
    "—",
    "/",
    "*",
    "918",
    "2,053.30",
    "269.61万元",
    "100%",
    "62.26%",
    "≥95%",
    "≤90万元",
    "12个月",
    "优",
    "良好",
    "2019 年1月24日",
    "2018年1月起至2019年7月止",
    "已完成",
    "岳阳市政务服务中心",
    "谢芳茂",
    "92",
    "7.85",
    "0",
    "-12.5",
    "2108年",
    "1e9",
    "（一）项目概况",
    "一、基本情况",
    "综合得分91.8分，评价等级为“优秀”。",
]
cells = st.one_of(st.sampled_from(LABELS), st.sampled_from(VALUES), st.sampled_from([LEFT, UP]))


@st.composite
def grids(draw: st.DrawFn) -> list[list[str]]:
    n_rows = draw(st.integers(1, 8))
    n_cols = draw(st.integers(1, 7))
    rows = [[draw(cells) for _ in range(n_cols)] for _ in range(n_rows)]
    # A merge marker needs something to merge into: the first row/column hold text.
    rows[0] = [c if c not in (LEFT, UP) else "得分" for c in rows[0]]
    for r in range(1, n_rows):
        if rows[r][0] == LEFT:
            rows[r][0] = "合计"
    for c in range(n_cols):
        if rows[0][c] == LEFT and c == 0:
            rows[0][c] = "项目名称"
    return rows


parts = st.lists(st.one_of(st.sampled_from(LABELS + VALUES), grids()), min_size=1, max_size=5)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(parts)
def test_normalize_returns_a_report_or_refuses_it(doc_parts: list[object]) -> None:
    doc = document(*doc_parts)  # type: ignore[arg-type]
    try:
        report = normalize(doc)
    except NotAReportError:
        return
    dumps(canonical_to_json_obj(report))  # and it serialises
