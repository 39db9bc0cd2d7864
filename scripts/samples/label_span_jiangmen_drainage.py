"""江门市 2022年度 中心城区排水管网清疏及内涝点整治项目: a key–value self-evaluation form.

Labels sit in the first column and values span the remaining columns (``项目名称 |
value over 5 columns``, ``项目单位 | value over 2 | 联系人 | value over 2``). Units
live in the labels (``预算安排资金（万元）``), and one amount is in 元 with thousands
separators (``实际支出（元） | 4,386,520.35``).

Facts a golden file can rely on:
- 预算安排 4,500,000 元 (450.00万: 市级 300.00万 + 省级 150.00万), 实际到位 4,500,000 元,
  实际支出 4,386,520.35 元, 预算执行率 97.48% (= 4,386,520.35 / 4,500,000).
- DELIBERATE INCONSISTENCY an auditor must catch: 结余资金 is stated as 13.48万元
  (134,800 元) but 到位 − 支出 = 113,479.65 元 (11.35万元).
- 评价得分 91.5, 评价等级 优 (consistent with each other).
"""

from __future__ import annotations

from pathlib import Path

from docx.enum.text import WD_ALIGN_PARAGRAPH

from scripts.samples import docx_extras as ex
from scripts.samples.docx_kit import LEFT, save, start, table, title

GRID_CM = (3.6, 2.9, 2.6, 2.5, 2.7, 2.7)
WIDE = (LEFT,) * 4

GOAL = (
    "完成中心城区排水管网清疏不少于180公里，整治易涝积水点12处，汛期主城区主干道"
    "不出现超过2小时的严重积水，市民对城区排水防涝工作满意度不低于85%。"
)
DONE = (
    "全年完成排水管网清疏186.4公里，清运淤泥约2.3万立方米；完成12处易涝积水点整治；"
    "汛期主城区未出现超过2小时的严重积水；委托第三方开展满意度调查，满意度为88.6%。"
)
PROBLEMS = (
    "一是部分老城区合流制管网管径偏小，清疏后仍存在短时积水；二是项目前期设计审批"
    "耗时较长，第一季度支出进度偏慢。下一步将结合管网普查成果推进雨污分流改造，"
    "并提前开展下一年度项目的前期工作。"
)


def _rows() -> list[list[str]]:
    def wide(label: str, value: str) -> list[str]:
        return [label, value, *WIDE]

    return [
        wide("项目名称", "江门市中心城区排水管网清疏及内涝点整治项目"),
        ["项目单位", "江门市城市排水管理中心", LEFT, "联系人", "梁志强", LEFT],
        ["主管部门", "江门市住房和城乡建设局", LEFT, "联系电话", "0750-3276518", LEFT],
        wide("项目起止时间", "2022年1月1日至2022年12月31日"),
        wide("预算安排资金（万元）", "450.00"),
        wide("其中：市级财政资金（万元）", "300.00"),
        wide("      省级专项补助（万元）", "150.00"),
        wide("实际到位资金（万元）", "450.00"),
        wide("实际支出（元）", "4,386,520.35"),
        # Deliberately wrong: 450.00万 − 4,386,520.35元 = 11.35万, not 13.48万.
        wide("结余资金（万元）", "13.48"),
        wide("预算执行率", "97.48%"),
        wide("年度绩效目标", GOAL),
        wide("目标完成情况", DONE),
        wide("存在问题及改进措施", PROBLEMS),
        ["评价得分", "91.5", LEFT, "评价等级", "优", LEFT],
        ["填报人", "陈晓燕", LEFT, "填报日期", "2023年2月20日", LEFT],
    ]


def build(path: Path) -> None:
    doc = start()
    title(doc, "江门市财政支出项目绩效自评表", size=18)
    ex.line(doc, "（2022年度）", size=12, align=WD_ALIGN_PARAGRAPH.CENTER)
    tbl = table(doc, _rows(), font_size=10.5)
    ex.fix_widths(tbl, GRID_CM)
    ex.centre_short_cells(tbl, max_len=14)
    ex.final_paragraph(doc)
    save(doc, path)
