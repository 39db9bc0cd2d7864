from collections import defaultdict
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao.normalize.labels import LabelDictionary, LabelFileError
from jixiao.normalize.text import label_key

CONTEXTS = (
    "report",
    "fund_column",
    "fund_row",
    "indicator_column",
    "indicator_level1",
    "indicator_level2",
    "expenditure_column",
    "goal_column",
    "evaluator_column",
)


@pytest.fixture(scope="module")
def labels() -> LabelDictionary:
    return LabelDictionary.default()


def test_default_has_the_contracted_contexts(labels: LabelDictionary) -> None:
    assert set(CONTEXTS) <= set(labels.contexts())
    assert {"project_unit", "supervising_dept", "total_score", "grade", "period"} <= set(
        labels.fields("report")
    )
    assert set(labels.fields("fund_row")) == {
        "total",
        "central",
        "provincial",
        "municipal",
        "county",
        "other",
        "appropriation",
        "carryover",
        "own_level",  # 本级: resolved from the unit's level (own_level.py), never stored
    }


def test_no_wording_belongs_to_two_fields_of_one_context() -> None:
    import importlib.resources

    text = importlib.resources.files("jixiao.normalize").joinpath("labels.yaml").read_text("utf-8")
    data = yaml.safe_load(text)
    for context, fields in data.items():
        owners: dict[str, set[str]] = defaultdict(set)
        for field, variants in fields.items():
            for variant in variants:
                owners[label_key(variant)].add(field)
        clashes = {key: owners[key] for key in owners if len(owners[key]) > 1}
        assert clashes == {}, context


@pytest.mark.parametrize(
    ("context", "text", "field"),
    [
        ("report", "项 目 名 称", "project_name"),
        ("report", "项目单位", "project_unit"),
        ("report", "填报单位名称：", "project_unit"),
        ("report", "市级项目主管部门（公章）:", "supervising_dept"),
        ("report", "填报人（签名）：", "contact_person"),
        ("report", "绩效自评综合得分", "total_score"),
        ("report", "邮  编", "postal_code"),
        ("report", "评价等次", "grade"),
        ("report", "项目起止时间", "period"),
        ("fund_column", "计划安排资金\n\n（万元）", "planned"),
        ("fund_column", "全年预算数（A）", "budget"),
        ("fund_column", "全年\n预算数", "budget"),
        ("fund_column", "全年\n执行数", "spent"),
        ("fund_column", "实际到位资金（万元）", "received"),
        ("fund_column", "执行率(B/A)", "execution_rate"),
        ("fund_column", "总指标 金额", "planned"),
        ("fund_column", "已支付 金额", "spent"),
        ("fund_column", "结余（万元）", "balance"),
        ("fund_row", "其中：中央财政", "central"),
        ("fund_row", "其中：当年财政拨款\u3000", "appropriation"),
        ("fund_row", "上年结转资金\u3000", "carryover"),
        ("fund_row", "市本级资金", "municipal"),
        ("fund_row", "转移支付至县（市、区）", "county"),
        ("fund_row", "中央及省级资金", "provincial"),
        ("fund_row", "财政专户管理资金", "other"),
        ("indicator_column", "年度\n指标值", "target"),
        ("indicator_column", "指标（目标）值", "target"),
        ("indicator_column", "实际\n完成值", "actual"),
        ("indicator_column", "评价年度实现值", "actual"),
        ("indicator_column", "指标权重(分)", "weight"),
        ("indicator_column", "得分系数(%)", "score_ratio"),
        ("indicator_level1", "产出指标\n\n(50分)", "产出指标"),
        ("indicator_level1", "满意度\n指标\n（10分）", "满意度指标"),
        ("indicator_level1", "项目效益指标", "效益指标"),
        ("indicator_level2", "经济效\n益指标", "经济效益指标"),
        ("indicator_level2", "环境效益指标", "生态效益指标"),
        ("indicator_level2", "服务对象满意度\n指标", "服务对象满意度指标"),
        ("expenditure_column", "2018年支\n付金额 (万元)", "amount"),
        ("expenditure_column", "合同金额 (万元)", "contract_amount"),
        ("goal_column", "预  期 目 标", "expected"),
        ("goal_column", "是否如期实现预期总体目标", "achieved"),
        ("evaluator_column", "职称/职务", "title"),
    ],
)
def test_exact_matches(labels: LabelDictionary, context: str, text: str, field: str) -> None:
    found = labels.match(context, text)
    assert found is not None and found.field == field
    assert found.exact and found.score == 1.0


@pytest.mark.parametrize(
    ("context", "text", "field"),
    [
        ("fund_column", "计划按排资金", "planned"),  # one-character typo
        ("fund_column", "实际到位资金额", "received"),  # extra qualifier
        ("fund_column", "预算执行率得分", "score"),  # the head word decides
        ("fund_column", "实际资金到位", "received"),  # words reordered
        ("expenditure_column", "本次支付金额", "amount"),
        ("indicator_column", "偏差原因分折及改进措施", "deviation_reason"),
    ],
)
def test_fuzzy_matches(labels: LabelDictionary, context: str, text: str, field: str) -> None:
    found = labels.match(context, text)
    assert found is not None and found.field == field
    assert not found.exact and 0.75 <= found.score < 1.0


@pytest.mark.parametrize(
    "value",
    [
        "岳阳市政务服务中心",
        "岳阳市人民政府办公室",
        "谢芳茂",
        "898.7",
        "2018   年   1  月起至   2019  年   7  月止",
        "已完成",
        "完成",
        "新增模块化机房",
        "湖南科创信息技术股份有限公司",
        "长沙市“政务云”一期建设项目",
        "节约财政资金支出",
        "主管部门负责人（签字）：",
        "项目单位意见：",
        "有待完善",
        "项目于2018年3月16日正式动工建设。",
        "在省级“互联网+政务服务”一体化平台体系建设的基础上，结合本市的建设现状",
    ],
)
def test_values_are_not_labels(labels: LabelDictionary, value: str) -> None:
    for context in CONTEXTS:
        assert labels.match(context, value) is None, context


def test_a_label_of_another_context_is_no_typo(labels: LabelDictionary) -> None:
    assert labels.match("indicator_level2", "时效指标").field == "时效指标"  # type: ignore[union-attr]
    assert labels.match("indicator_column", "时效指标") is None
    assert labels.match("indicator_level1", "经济效益指标") is None


@pytest.mark.parametrize(
    ("context", "text"),
    [
        ("fund_row", "市县配套"),  # 县 for 级: a level of government, not a typo
        ("fund_column", "预算执行额"),  # the last character is the head word
        ("indicator_column", "实际完成率"),
        ("indicator_level2", "群众满意度"),  # level names match exactly only
    ],
)
def test_meaningful_one_character_differences_are_no_typos(
    labels: LabelDictionary, context: str, text: str
) -> None:
    assert labels.match(context, text) is None


def test_unknown_context_is_a_programming_error(labels: LabelDictionary) -> None:
    with pytest.raises(KeyError, match="reprot"):
        labels.match("reprot", "项目名称")


def _all_variants() -> list[tuple[str, str, str]]:
    labels = LabelDictionary.default()
    return [
        (context, field, variant)
        for context in labels.contexts()
        for field in labels.fields(context)
        for variant in labels.variants(context, field)
    ]


_WIDE = {"(": "（", ")": "）", ":": "：", "/": "／", "%": "％"}


# No deadline: an example may be the one that loads jieba's dictionary (about a second).
@settings(deadline=None)
@given(
    entry=st.sampled_from(_all_variants()),
    data=st.data(),
    qizhong=st.booleans(),
    unit=st.sampled_from(["", "（万元）", "(元)", "（%）", "\n(万元)"]),
    wide=st.booleans(),
)
def test_every_variant_survives_layout_noise(
    entry: tuple[str, str, str], data: st.DataObject, qizhong: bool, unit: str, wide: bool
) -> None:
    context, field, variant = entry
    noisy = ""
    for ch in variant:
        noisy += ch + data.draw(st.sampled_from(["", "", " ", "\n", "\u3000", "  "]))
    if wide:
        noisy = "".join(
            _WIDE.get(ch, chr(ord(ch) + 0xFEE0) if ch.isascii() and ch.isalnum() else ch)
            for ch in noisy
        )
    text = ("其中：" if qizhong else "") + noisy + unit
    found = LabelDictionary.default().match(context, text)
    assert found is not None and found.field == field, text


# ------------------------------------------------------------------ user files


def _write(tmp_path: Path, text: str, name: str = "my_labels.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_user_file_adds_a_variant(tmp_path: Path) -> None:
    assert LabelDictionary.default().match("report", "承办科室") is None
    path = _write(tmp_path, "report:\n  project_unit: [承办科室]\n")
    found = LabelDictionary.load(path).match("report", "承 办 科 室：")
    assert found is not None and found.field == "project_unit" and found.exact


def test_user_variant_wins_a_tie(tmp_path: Path) -> None:
    assert LabelDictionary.default().match("report", "单位名称").field == "project_unit"  # type: ignore[union-attr]
    path = _write(tmp_path, "report:\n  supervising_dept: 单位名称\n")
    assert LabelDictionary.load(path).match("report", "单位名称").field == "supervising_dept"  # type: ignore[union-attr]


def test_later_user_file_wins(tmp_path: Path) -> None:
    first = _write(tmp_path, "report:\n  evaluator: [审核单位]\n", "a.yaml")
    second = _write(tmp_path, "report:\n  supervising_dept: [审核单位]\n", "b.yaml")
    assert (
        LabelDictionary.load(first, second).match("report", "审核单位").field == "supervising_dept"
    )  # type: ignore[union-attr]


def test_user_file_may_name_a_new_level(tmp_path: Path) -> None:
    path = _write(tmp_path, "indicator_level2:\n  政治效益指标: [政治效益指标, 政治效益]\n")
    labels = LabelDictionary.load(path)
    assert "政治效益指标" in labels.fields("indicator_level2")
    assert labels.match("indicator_level2", "政治效益").field == "政治效益指标"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("report: [项目名称\n", "not valid YAML at line 2"),
        ("- 项目名称\n", "expected a mapping of contexts at the top level"),
        ("reprot:\n  project_name: [项目]\n", "unknown context 'reprot'"),
        ("report:\n  projet_name: [项目]\n", "unknown field 'report.projet_name'"),
        ("report: 项目名称\n", "context 'report' must map fields to variants"),
        ("report:\n  project_name: {a: b}\n", "report.project_name must be a list of labels"),
        (
            "report:\n  project_name: [12, 项目]\n",
            "report.project_name has a variant that is not a label: 12",
        ),
        ("report:\n  project_name: ['  ']\n", "has a variant that is not a label"),
    ],
)
def test_malformed_user_file_names_the_file(tmp_path: Path, content: str, message: str) -> None:
    path = _write(tmp_path, content)
    with pytest.raises(LabelFileError) as caught:
        LabelDictionary.load(path)
    assert str(caught.value).startswith(f"{path}: ")
    assert message in str(caught.value)


def test_missing_user_file(tmp_path: Path) -> None:
    path = tmp_path / "nope.yaml"
    with pytest.raises(LabelFileError, match="label file not found"):
        LabelDictionary.load(path)
    with pytest.raises(LabelFileError) as caught:
        LabelDictionary.load(path)
    assert str(caught.value) == f"{path}: label file not found"


def test_empty_user_file_changes_nothing(tmp_path: Path) -> None:
    path = _write(tmp_path, "# nothing yet\n")
    labels = LabelDictionary.load(path)
    assert labels.contexts() == LabelDictionary.default().contexts()
    assert labels.match("report", "项目名称").field == "project_name"  # type: ignore[union-attr]
