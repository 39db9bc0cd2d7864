"""Export every table and view: a folder of CSV files, one XLSX workbook, or Parquet files.

CSV and Parquet keep the database's column names and exact values (money as decimal
yuan). The workbook is for reading: one sheet per table/view, Chinese column captions,
money kept exact in yuan with a ``<column>_wan`` column beside it in 万元, rates shown
as percentages, and a 字段说明 sheet mapping every caption back to its column name.
"""

from __future__ import annotations

import importlib.util
import json
import logging
import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pandas as pd

from jixiao import frames
from jixiao.errors import JixiaoError
from jixiao.review_captions import REVIEW_CAPTIONS

log = logging.getLogger(__name__)

FORMATS = ("csv", "xlsx", "parquet")
MONEY_FORMAT = "#,##0.00"
RATE_FORMAT = "0.00%"
WAN = Decimal(10000)
EXCEL_CELL_LIMIT = 32767
README_SHEET = "字段说明"

#: Column captions, the same in every table unless :data:`TABLE_CAPTIONS` says otherwise.
CAPTIONS: dict[str, str] = {
    # shared and bookkeeping
    "id": "编号",
    "report_id": "报告编号",
    "document_id": "文件编号",
    "ordinal": "序号",
    "provenance": "来源位置",
    "run_id": "导入批次",
    "file": "文件",
    "path": "文件路径",
    "sha256": "文件指纹(SHA-256)",
    "format": "文件格式",
    "size": "文件大小(字节)",
    "pages": "页数",
    "status": "状态",
    "error": "错误原因",
    "parser_version": "解析器版本",
    "first_seen": "首次发现时间",
    "last_seen": "最近发现时间",
    "file_stat": "文件状态键(大小、修改时间、inode)",
    "started_at": "开始时间",
    "finished_at": "结束时间",
    "arguments": "运行参数",
    "jixiao_version": "jixiao 版本",
    "pid": "进程号",
    "loaded": "已入库",
    "skipped": "未变跳过",
    "failed": "失败",
    "schema_version": "数据格式版本",
    # report
    "title": "标题",
    "kind": "报告类型",
    "region": "地区",
    "fiscal_year": "评价年度",
    "project_name": "项目名称",
    "project_unit": "项目单位",
    "supervising_dept": "主管部门",
    "evaluation_type": "评价类型",
    "evaluation_method": "评价方式",
    "evaluator": "评价机构",
    "report_date": "报告日期",
    "period_start": "项目开始时间",
    "period_end": "项目完成时间",
    "contact_person": "联系人",
    "contact_phone": "联系电话",
    "contact_email": "联系邮箱",
    "total_score": "综合得分",
    "max_score": "满分",
    "grade": "评价等次",
    "grade_level": "等次级别",
    "project_address": "项目地址",
    "postal_code": "邮政编码",
    "evaluated_amount": "评价金额",
    # funds
    "label": "项目",
    "source": "资金来源",
    "planned": "计划安排资金",
    "budget": "全年预算数",
    "received": "实际到位资金",
    "spent": "实际支出",
    "balance": "结余",
    "execution_rate": "执行率",
    "weight": "分值",
    "score": "得分",
    "year": "年度",
    "document_no": "指标文号",
    # expenditures
    "item": "支出内容",
    "amount": "金额",
    "voucher": "会计凭证号",
    "note": "备注",
    "payee": "服务单位名称",
    "contract_amount": "合同金额",
    "project": "所属项目",
    "is_total": "是否合计行",
    # goals
    "expected": "预期目标",
    "actual": "实际完成",
    "achieved": "是否如期实现",
    # indicators
    "name": "名称",
    "level1": "一级指标",
    "level2": "二级指标",
    "formula": "指标计算公式",
    "target": "年度指标值",
    "target_value": "指标值(数值)",
    "actual_value": "实际完成值(数值)",
    "unit": "单位",
    "comparator": "比较方式",
    "deviation_reason": "偏差原因分析及改进措施",
    "is_key": "是否核心指标",
    # sections, checks
    "heading": "标题",
    "level": "层级",
    "text": "正文",
    "topic": "主题",
    "rule": "规则",
    "severity": "严重程度",
    "message": "说明",
    "fields": "涉及字段",
    # views
    "indicator_id": "指标编号",
    "checks_error": "错误数",
    "checks_warning": "警告数",
    "checks_info": "提示数",
    "checks": "核查问题数",
    "errors": "错误数",
    "warnings": "警告数",
    "indicators": "指标数",
    "sections": "章节数",
    "funds": "资金行数",
    "indicator_count": "指标数",
    "check_count": "核查问题数",
    "reports": "报告数",
    "gap": "差距",
    "gap_value": "差距(数值)",
    "below_target": "未达目标",
    "no_report": "无绩效报告",
    "unit_index": "报告序号(文件内)",
    "unit_of": "文件内报告数",
    "unit_title": "报告单元标题",
    "unit_pages": "报告单元页码",
    "unit_tables": "报告单元表格",
    "unit_sheet": "报告单元工作表",
    "tables_rows_read": "已读表格行数",
    "rows_unread": "未读表格行数",
    "coverage": "表格读取覆盖率",
    "missing_score": "缺少得分",
    "missing_reason": "缺少偏差原因",
    # identity and versions (0003), units (0002)
    "identity_key": "报告识别键",
    "report_key": "报告识别键（自动）",
    "stable_key": "报告稳定编号",
    "version_rank": "版本排序",
    "versions": "副本数",
    "is_current": "是否当前版本",
    "is_scan": "是否扫描件",
    "target_status": "达成情况",
    "created_at": "创建时间",
}

CAPTIONS.update({k: v for k, v in REVIEW_CAPTIONS.items() if k not in CAPTIONS})

#: Where a column name means something else in one table.
TABLE_CAPTIONS: dict[tuple[str, str], str] = {
    ("indicators", "name"): "三级指标",
    ("indicators", "actual"): "实际完成值",
    ("indicators", "unit"): "计量单位",
    ("evaluators", "name"): "姓名",
    ("evaluators", "title"): "职称/职务",
    ("evaluators", "unit"): "单位",
    ("goals", "label"): "目标类型",
    ("documents", "status"): "处理结果",
    ("ingest_runs", "status"): "运行状态",
    ("v_indicator_gaps", "status"): "达成情况",
}


#: Chinese words for the codes stored in enumeration columns: the workbook shows them in
#: a ``<column>_zh`` column beside the code (the code stays, for filtering and joins).
ENUM_LABELS: dict[str, dict[str, str]] = {
    "severity": {"error": "错误", "warning": "警告", "info": "提示"},
    "grade_level": {"excellent": "优", "good": "良", "fair": "中", "poor": "差"},
    "kind": {"self_evaluation": "绩效自评", "evaluation": "绩效评价（第三方）"},
    "target_status": {"met": "已达成", "not_met": "未达成", "unknown": "无法判断"},
    "source": {
        "total": "合计",
        "central": "中央资金",
        "provincial": "省级资金",
        "municipal": "市级资金",
        "county": "县级资金",
        "appropriation": "其中：财政拨款",
        "carryover": "其中：上年结转",
        "self_raised": "自筹资金",
        "other": "其他资金",
    },
    "topic": {
        "overview": "项目概况",
        "funds": "资金使用",
        "goals": "绩效目标",
        "problems": "存在问题",
        "suggestions": "改进建议",
        "conclusion": "评价结论",
        "other": "其他",
    },
}
#: ``status`` means something else per table.
STATUS_LABELS: dict[str, dict[str, str]] = {
    "documents": {"ok": "已入库", "failed": "失败", "no_report": "无绩效报告"},
    "ingest_runs": {"running": "运行中", "finished": "已完成", "interrupted": "已中断"},
    "v_indicator_gaps": ENUM_LABELS["target_status"],
    "v_indicator_gaps_all": ENUM_LABELS["target_status"],
}


def enum_labels(table: str, column: str) -> dict[str, str] | None:
    """The Chinese words for the codes of ``table.column``, if it is an enumeration."""
    if column == "status":
        return STATUS_LABELS.get(table)
    return ENUM_LABELS.get(column)


class ExportError(JixiaoError):
    """The export cannot be written as asked (e.g. a format's library is missing)."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        self.message = message
        self.hint = hint
        super().__init__(message)


@dataclass(frozen=True)
class ExportResult:
    path: Path
    format: str
    tables: tuple[tuple[str, int], ...]  # (table or view, rows written)


def caption(table: str, column: str) -> str:
    """The Chinese caption of a column (money columns get their unit appended)."""
    if column.endswith("_zh") and enum_labels(table, column[:-3]) is not None:
        return caption(table, column[:-3]) + "（中文）"
    if column.endswith("_wan") and frames.is_money_column(column[:-4]):
        return caption(table, column[:-4]).replace("（元）", "") + "（万元）"
    base = TABLE_CAPTIONS.get((table, column)) or CAPTIONS.get(column) or column
    return base + "（元）" if frames.is_money_column(column) else base


def default_out(fmt: str) -> Path:
    return Path("jixiao-export.xlsx" if fmt == "xlsx" else "jixiao-export")


def _target(fmt: str, out: Path | None) -> Path:
    """Where to write: a workbook inside a folder given as --out, ``.xlsx`` appended."""
    if out is None:
        return default_out(fmt)
    if fmt == "xlsx":
        if out.is_dir():
            return out / default_out(fmt).name
        if out.suffix.lower() != ".xlsx":
            return out.with_name(out.name + ".xlsx")
    elif out.exists() and not out.is_dir():
        raise ExportError(
            f"{out} is a file", hint=f"{fmt} export writes a folder: give a folder name"
        )
    return out


#: Views that show every copy of each report: exported only with ``all_versions``.
ALL_VERSIONS_ONLY = frozenset({"v_report_summary_all", "v_indicator_gaps_all", "v_report_versions"})


def export(
    url: str | None,
    fmt: str,
    out: Path | None = None,
    *,
    table: str | None = None,
    all_versions: bool = False,
    reviewed_only: bool = False,
) -> ExportResult:
    """Write every table and view of the database at ``url`` in format ``fmt`` (or only
    ``table``). Each report is counted once (its best copy) unless ``all_versions``;
    ``v_report_duplicates`` always lists the copies. ``reviewed_only``: only the rows
    of reports a person marked reviewed."""
    if fmt not in FORMATS:
        raise ExportError(f"unknown export format {fmt!r}", hint=f"use one of {', '.join(FORMATS)}")
    if fmt == "parquet" and importlib.util.find_spec("pyarrow") is None:
        raise ExportError(
            "parquet export needs pyarrow, which is not installed",
            hint="pip install 'jixiao[parquet]'",
        )
    target = _target(fmt, out)
    names = frames.tables(url)
    if table is not None:
        if table not in names:
            raise ExportError(
                f"no table or view {table!r}", hint=f"one of: {', '.join(names) or 'none'}"
            )
        names = [table]
    elif not all_versions:
        names = [n for n in names if n not in ALL_VERSIONS_ONLY]
    data = {name: frames.read(name, url, exact=True, all_versions=all_versions) for name in names}
    if reviewed_only:
        from jixiao.reviewed import only_reviewed

        data = only_reviewed(data, frames.default_url() if url is None else url)
    if fmt == "csv":
        _write_csv(data, target)
    elif fmt == "parquet":
        _write_parquet(data, target)
    else:
        _write_xlsx(data, target)
    counts = tuple((name, len(frame)) for name, frame in data.items())
    log.info("exported %d tables/views to %s", len(counts), target)
    return ExportResult(path=target, format=fmt, tables=counts)


def _json_cells(frame: pd.DataFrame) -> pd.DataFrame:
    """Lists and dicts (provenance, fields) as JSON text: flat files hold no structures."""
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype == object and any(isinstance(v, (dict, list)) for v in out[column]):
            out[column] = [
                json.dumps(v, ensure_ascii=False) if isinstance(v, (dict, list)) else v
                for v in out[column]
            ]
    return out


def _fixed_text(frame: pd.DataFrame) -> pd.DataFrame:
    """Exact numbers as fixed-point text with the column's places (``1900.50``, never
    ``1900.5`` on one database and ``1900.50`` on the other, never ``1.9E+3``)."""
    out = frame.copy()
    for column in out.columns:
        if frames.scale_of(column) is not None:
            out[column] = [None if v is None else f"{v:f}" for v in out[column]]
    return out


def _write_csv(data: dict[str, pd.DataFrame], folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, frame in data.items():
        # utf-8-sig: Excel (what auditors double-click) needs the BOM to read Chinese.
        _fixed_text(_json_cells(frame)).to_csv(
            folder / f"{name}.csv", index=False, encoding="utf-8-sig"
        )


#: Parquet decimal precision: the widest (a sum of NUMERIC(20,2) may pass 20 digits).
PARQUET_PRECISION = 38


def parquet_schema(frame: pd.DataFrame) -> object:
    """A fixed Arrow schema: ``decimal128(38, scale)`` for every exact column (scale by
    column: money 2, scores 4, rates 6), never a type inferred from the values."""
    import pyarrow as pa

    fields = []
    for column in frame.columns:
        places = frames.scale_of(column)
        if places is not None:
            fields.append(pa.field(column, pa.decimal128(PARQUET_PRECISION, places)))
        else:
            fields.append(pa.field(column, pa.Schema.from_pandas(frame[[column]]).field(0).type))
    return pa.schema(fields)


def _write_parquet(data: dict[str, pd.DataFrame], folder: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    folder.mkdir(parents=True, exist_ok=True)
    for name, frame in data.items():
        cells = _json_cells(frame)
        table = pa.Table.from_pandas(cells, schema=parquet_schema(cells), preserve_index=False)
        pq.write_table(table, folder / f"{name}.parquet")


def reading_frame(table: str, frame: pd.DataFrame) -> pd.DataFrame:
    """The workbook's view of a table: ``<money>_wan`` columns added after the yuan ones,
    ``<code>_zh`` columns (Chinese words) after enumeration codes."""
    out = _json_cells(frame)
    columns: list[str] = []
    for column in frame.columns:
        columns.append(column)
        labels = enum_labels(table, column)
        if labels is not None:
            out[f"{column}_zh"] = [None if v is None else labels.get(v, v) for v in frame[column]]
            columns.append(f"{column}_zh")
        if frames.is_money_column(column):
            wan = f"{column}_wan"
            out[wan] = [None if v is None else v / WAN for v in frame[column]]
            columns.append(wan)
    return out[columns]


_ILLEGAL = re.compile(r"[\000-\010]|[\013-\014]|[\016-\037]")
_SHEET_BAD = re.compile(r"[\[\]:*?/\\]")


def _cell_value(value: object) -> object:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    if value is pd.NaT:
        return None
    if isinstance(value, pd.Timestamp):
        return value.tz_convert("UTC").tz_localize(None).to_pydatetime() if value.tz else value
    if isinstance(value, str):
        cleaned = _ILLEGAL.sub("", value)
        return cleaned[:EXCEL_CELL_LIMIT]
    if hasattr(value, "item") and not isinstance(value, Decimal):
        return value.item()  # numpy scalars
    return value


def sheet_title(name: str, taken: set[str]) -> str:
    """An Excel-legal, unique sheet name (≤ 31 characters, no []:*?/\\)."""
    base = _SHEET_BAD.sub("_", name)[:31] or "sheet"
    title, n = base, 2
    while title.lower() in taken:
        suffix = f"~{n}"
        title, n = base[: 31 - len(suffix)] + suffix, n + 1
    taken.add(title.lower())
    return title


def _write_xlsx(data: dict[str, pd.DataFrame], path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    path.parent.mkdir(parents=True, exist_ok=True)
    book = Workbook(write_only=True)
    bold = Font(bold=True)
    taken = {README_SHEET}
    legend: list[tuple[str, str, str, str]] = []
    for name, frame in data.items():
        sheet = book.create_sheet(sheet_title(name, taken))
        shown = reading_frame(name, frame)
        formats = [_number_format(c) for c in shown.columns]
        header = []
        for column in shown.columns:
            cell = WriteOnlyCell(sheet, value=caption(name, column))
            cell.font = bold
            header.append(cell)
            legend.append(
                (sheet.title, caption(name, column), column, formats[len(header) - 1] or "")
            )
        sheet.freeze_panes = "A2"  # the header row stays while scrolling
        sheet.auto_filter.ref = f"A1:{get_column_letter(max(len(header), 1))}{len(shown) + 1}"
        sheet.append(header)
        for record in shown.itertuples(index=False, name=None):
            row = []
            for value, fmt in zip(record, formats, strict=True):
                cell = WriteOnlyCell(sheet, value=_cell_value(value))
                if fmt:
                    cell.number_format = fmt
                row.append(cell)
            sheet.append(row)
    info = book.create_sheet(README_SHEET)
    info.append(["工作表", "中文列名", "字段名", "数字格式"])
    for entry in legend:
        info.append(list(entry))
    book.save(path)


def _number_format(column: str) -> str | None:
    if column.endswith("_wan") or frames.is_money_column(column):
        return MONEY_FORMAT
    if frames.is_rate_column(column):
        return RATE_FORMAT
    return None
