"""Chinese captions of the review tables' and views' columns (for the XLSX export)."""

from __future__ import annotations

REVIEW_CAPTIONS: dict[str, str] = {
    "unit_index": "报告序号",
    "field_path": "字段路径",
    "action": "审核操作",
    "old_value": "原提取值",
    "new_value": "更正值",
    "user_name": "审核人",
    "created_at": "更正时间",
    "status_reason": "状态说明",
    "extracted_value": "原提取值",
    "corrected_value": "更正值",
    "corrected_by": "更正人",
    "corrected_at": "更正时间",
    "reviewed": "已审核",
    "reviewed_by": "审核人",
    "reviewed_at": "审核时间",
    "corrected_values": "更正字段数",
    "orphaned_corrections": "待处理更正数",
}
