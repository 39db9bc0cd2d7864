"""九江市 2021年度 基层医疗卫生信息化运维及培训项目: the national 项目支出绩效自评表 alone.

A single-table form, no narrative, in the layout of the 财政部 national template
(项目资金 block with 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分, then
年度总体目标, then the 绩效指标 block with weights in the level-1 labels).

Facts a golden file can rely on (all internally consistent):
- funds (万元): total 120.00 / 128.50 / 123.81, rate 96.35% (= 123.81 / 128.50),
  fund score 9.64 of 10; 当年财政拨款 120.00 / 120.00 / 116.41 (97.01%); 上年结转资金
  — / 8.50 / 7.40 (87.06%); 其他资金 empty.
- 9 indicators, weights 90; one misses its target (居民电子健康档案动态使用率 48% against
  ≥60%) with a deviation reason and 4 of 10; the others score full marks.
- 总分 100 / 93.64 = 9.64 + 84; 评价等次 优.
"""

from __future__ import annotations

from pathlib import Path

from docx.enum.text import WD_ALIGN_PARAGRAPH

from scripts.form_vocabulary import NATIONAL_INDICATOR_HEAD
from scripts.samples import docx_extras as ex
from scripts.samples.docx_kit import LEFT, UP, save, start, table, title

GRID_CM = (1.8, 1.6, 1.7, 2.6, 2.0, 1.7, 1.0, 1.6, 3.0)
DASH = "—"
PROJECT = "基层医疗卫生信息化运维及培训项目"
DEPT = "九江市卫生健康委员会"
UNIT = "九江市卫生健康信息中心"
EXPECTED = (
    "保障全市基层医疗卫生机构信息系统全年稳定运行，系统正常运行率不低于95%；"
    "完成不少于300人次的系统操作培训；推动居民电子健康档案建档和动态使用，"
    "建档率不低于90%，动态使用率不低于60%；运维及培训成本控制在120万元以内。"
)
ACTUAL = (
    "全年为216家基层医疗卫生机构提供运维服务，系统正常运行率98.6%；开展系统操作培训"
    "342人次；电子健康档案建档率92.3%，动态使用率48%，未达到年度目标；"
    "运维及培训实际支出116.41万元，控制在预算以内。"
)
DEVIATION = (
    "部分乡镇卫生院网络带宽不足，居民查询使用意识不强，动态使用率较目标低12个百分点"
    "（每低1个百分点扣0.5分）。下一步将协调运营商提升带宽，并结合家庭医生签约服务推广档案查询。"
)


def _indicators() -> list[list[str]]:
    return [
        [
            "绩\n效\n指\n标",
            *NATIONAL_INDICATOR_HEAD,
        ],
        [
            UP,
            "产出指标（50分）",
            "数量指标",
            "运维覆盖基层医疗卫生机构数",
            "≥210家",
            "216家",
            "10",
            "10",
            "",
        ],
        [UP, UP, UP, "开展系统操作培训", "≥300人次", "342人次", "10", "10", ""],
        [UP, UP, "质量指标", "系统正常运行率", "≥95%", "98.6%", "10", "10", ""],
        [UP, UP, "时效指标", "运维服务周期", "12个月", "12个月", "10", "10", ""],
        [UP, UP, "成本指标", "运维及培训成本", "≤120万元", "116.41万元", "10", "10", ""],
        [
            UP,
            "效益指标（30分）",
            "社会效益指标",
            "基层电子健康档案建档率",
            "≥90%",
            "92.3%",
            "10",
            "10",
            "",
        ],
        [UP, UP, UP, "居民电子健康档案动态使用率", "≥60%", "48%", "10", "4", DEVIATION],
        [
            UP,
            UP,
            "可持续影响指标",
            "运维长效管理机制",
            "建立运维管理制度",
            "已建立",
            "10",
            "10",
            "",
        ],
        [
            UP,
            "满意度指标（10分）",
            "服务对象满意度指标",
            "基层医疗机构使用满意度",
            "≥90%",
            "93.5%",
            "10",
            "10",
            "",
        ],
    ]


def _rows() -> list[list[str]]:
    rows = [
        ["项目名称", PROJECT, *(LEFT,) * 7],
        ["主管部门", DEPT, LEFT, LEFT, "实施单位", LEFT, UNIT, LEFT, LEFT],
        [
            "项目资金\n（万元）",
            "",
            LEFT,
            "年初预算数",
            "全年预算数",
            "全年执行数",
            "分值",
            "执行率",
            "得分",
        ],
        [UP, "年度资金总额", LEFT, "120.00", "128.50", "123.81", "10", "96.35%", "9.64"],
        [UP, "其中：当年财政拨款", LEFT, "120.00", "120.00", "116.41", DASH, "97.01%", DASH],
        [UP, "上年结转资金", LEFT, "", "8.50", "7.40", DASH, "87.06%", DASH],
        [UP, "其他资金", LEFT, "", "", "", DASH, "", DASH],
        ["年度总体目标", "预期目标", LEFT, LEFT, LEFT, "实际完成情况", LEFT, LEFT, LEFT],
        [UP, EXPECTED, LEFT, LEFT, LEFT, ACTUAL, LEFT, LEFT, LEFT],
    ]
    rows.extend(_indicators())
    rows.append(["总分", *(LEFT,) * 5, "100", "93.64", ""])
    rows.append(["评价等次", *(LEFT,) * 5, "优", LEFT, LEFT])
    return rows


def build(path: Path) -> None:
    doc = start()
    title(doc, "项目支出绩效自评表", size=18)
    ex.line(doc, "（2021年度）", size=12, align=WD_ALIGN_PARAGRAPH.CENTER)
    tbl = table(doc, _rows(), font_size=9)
    ex.fix_widths(tbl, GRID_CM)
    ex.centre_short_cells(tbl)
    ex.final_paragraph(doc)
    save(doc, path)
