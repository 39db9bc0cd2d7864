"""Header rows the national forms print, shared by every sample spec that draws one.

The 2021 national 项目支出绩效自评表 (财预〔2021〕101号) heads its indicator block with
these eight columns; a spec adds its own block-label cell (``绩效指标``, ``绩\\n效\\n指\\n标``)
in front where its form has one.
"""

from __future__ import annotations

NATIONAL_INDICATOR_HEAD: tuple[str, ...] = (
    "一级指标",
    "二级指标",
    "三级指标",
    "年度指标值",
    "实际完成值",
    "分值",
    "得分",
    "偏差原因分析及改进措施",
)
