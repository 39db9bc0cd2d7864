"""What every table, view and column means: one source for docs/SCHEMA.md, the
Datasette ``docs/metadata.yml`` (``scripts/build_schema_docs.py`` writes both) and the
PostgreSQL ``COMMENT``s (:func:`apply_comments`, run by migration 0003).

A test checks that every column of the models is described here and that the two
generated files are up to date.
"""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy import Connection, inspect, text

_REPORT_ID = "the report this row belongs to (reports.id)"
_ORDINAL = "position in the report's list (0-based, document order)"
_PROVENANCE = (
    "JSON: for each field, where in the file it was read — {table, row, col} (DOCX, with "
    "block), {page, bbox} (PDF), via: libreoffice | ocr for converted or scanned sources"
)
_MONEY = "yuan, exact to the fen (万元/千元/亿元 in the document are converted)"

TABLES: Mapping[str, tuple[str, Mapping[str, str]]] = {
    "ingest_runs": (
        "One `jixiao ingest` run: when, with which arguments, what it did.",
        {
            "id": "run number",
            "started_at": "start time (UTC)",
            "finished_at": "end time (UTC); empty while running or after a crash",
            "arguments": "JSON: the paths and options of the run",
            "jixiao_version": "version of jixiao that ran",
            "parser_version": "parser version (documents parsed by an older one are re-parsed)",
            "pid": "process id of the run",
            "loaded": "documents loaded",
            "skipped": "documents skipped (same bytes already loaded)",
            "failed": "documents that failed (reasons in documents.error)",
            "no_report": "documents that hold no performance report",
            "status": "running | finished | interrupted",
        },
    ),
    "documents": (
        "One file content (by SHA-256) ever seen: loaded, without a report, or failed.",
        {
            "id": "document number",
            "sha256": "SHA-256 of the file's bytes (the document's identity)",
            "format": "file extension: docx, pdf, doc, wps, rtf, odt, xlsx …",
            "size": "bytes",
            "pages": "page count (DOCX: as its producer wrote it)",
            "status": "ok (1..N reports) | no_report (read fine, no performance report) | failed",
            "error": "one-line reason (failed, no_report; also a failed re-parse of an ok one)",
            "parser_version": "parser version that produced its rows",
            "first_seen": "first time an ingest saw these bytes (UTC)",
            "last_seen": "last time an ingest saw these bytes (UTC)",
            "run_id": "the run that last saw it (ingest_runs.id)",
            "is_current": "false once newer bytes were loaded at a path it was seen at",
        },
    ),
    "document_paths": (
        "Where a document was seen: a moved or copied file keeps its document, gains a path.",
        {
            "id": "row number",
            "document_id": "documents.id",
            "path": "absolute path of the file",
            "first_seen": "first time seen at this path (UTC)",
            "last_seen": "last time seen at this path (UTC)",
            "file_stat": "the file's size:mtime_ns:ctime_ns:inode when its bytes were last "
            "hashed at this path; an ingest finding the same stat skips the file unread "
            "(NULL: hashed on the next run)",
        },
    ),
    "reports": (
        "One canonical report (CANONICAL.md `report`): a file holds 0..N of them.",
        {
            "id": "report number (changes when the file is re-processed; see stable_key)",
            "document_id": "the file it came from (documents.id)",
            "schema_version": "version of the canonical report format",
            "title": "report title as written",
            "kind": "self_evaluation (自评) | evaluation (第三方评价) | …",
            "region": "region (省/市/县) the report belongs to",
            "fiscal_year": "fiscal year evaluated (评价年度)",
            "project_name": "project name (项目名称)",
            "project_unit": "implementing unit (项目单位/实施单位)",
            "supervising_dept": "supervising department (主管部门)",
            "evaluation_type": "evaluation type as written",
            "evaluation_method": "evaluation method as written",
            "evaluator": "evaluating organisation (评价机构)",
            "report_date": "date of the report (ISO)",
            "period_start": "project start (ISO)",
            "period_end": "project end (ISO)",
            "contact_person": "contact person",
            "contact_phone": "contact phone",
            "contact_email": "contact e-mail",
            "total_score": "total self-assessed score (综合得分)",
            "max_score": "full marks",
            "grade": "grade as written (优/良/中/差, 优秀 …)",
            "grade_level": "comparable band: excellent | good | fair | poor",
            "project_address": "project address",
            "postal_code": "postal code",
            "evaluated_amount": f"amount evaluated, {_MONEY}",
            "provenance": _PROVENANCE,
            "unit_index": "which report of its file (1-based)",
            "unit_of": "how many reports its file holds",
            "unit_title": "the report's title inside its file",
            "unit_pages": 'pages it spans in its file, "31-33"',
            "unit_tables": 'DOCX table indexes it spans, "0,1,2"',
            "unit_sheet": "spreadsheet sheet it came from",
            "tables_rows_read": "table rows read into fields",
            "rows_unread": "content table rows not read into any field",
            "coverage": "fraction of content table rows read (0..1)",
            "report_key": "identity: normalised region|unit|project|year|kind (see below)",
            "stable_key": "which copy: <document sha256>#<unit index>; survives re-processing",
            "is_scan": "read by OCR (a scanned copy)",
        },
    ),
    "funds": (
        "Fund rows (资金情况): budget, received and spent per source.",
        {
            "label": "row label as written (年度资金总额, 其中：财政拨款 …)",
            "source": "total | central | provincial | municipal | appropriation | carryover | other …",
            "planned": f"planned amount (年初预算数), {_MONEY}",
            "budget": f"full-year budget (全年预算数), {_MONEY}",
            "received": f"funds received (实际到位), {_MONEY}",
            "spent": f"spent (实际支出/执行数), {_MONEY}",
            "balance": f"balance (结余), {_MONEY}",
            "execution_rate": "execution rate as a fraction (0.95 = 95 %)",
            "weight": "points this row is worth (分值)",
            "score": "points given (得分)",
            "year": "year the row refers to",
            "document_no": "funding document number (指标文号)",
        },
    ),
    "expenditures": (
        "Expenditure lines (支出明细).",
        {
            "item": "what was paid for",
            "amount": f"amount, {_MONEY}",
            "voucher": "accounting voucher number",
            "note": "note",
            "payee": "payee (服务单位)",
            "contract_amount": f"contract amount, {_MONEY}",
            "project": "sub-project",
            "is_total": "a total line (合计)",
        },
    ),
    "goals": (
        "Goals (绩效目标): expected vs achieved.",
        {
            "expected": "expected goal (预期目标)",
            "actual": "what was achieved (实际完成)",
            "achieved": "achieved as planned (是/否)",
            "label": "goal type as written (年度总体目标 …)",
        },
    ),
    "indicators": (
        "Performance indicators (绩效指标): target vs actual, weight and score.",
        {
            "name": "indicator (三级指标)",
            "level1": "level-1 heading (一级指标: 产出指标, 效益指标 …)",
            "level2": "level-2 heading (二级指标: 数量指标, 成本指标 …)",
            "formula": "how it is computed",
            "target": "target as written (≥95%, 12个月 …)",
            "actual": "actual as written",
            "target_value": "the target's number (percent as written: 95 for 95%)",
            "actual_value": "the actual's number",
            "unit": "unit of the values (%, 个, 元 …)",
            "comparator": ">= | > | <= | < | = as written in the target; empty if none",
            "weight": "points it is worth (分值)",
            "score": "points given (得分)",
            "deviation_reason": "stated reason for a deviation (偏差原因)",
            "is_key": "a key indicator (核心指标, ★)",
            "target_status": "met | not_met | unknown (the rule below; the check uses it too)",
        },
    ),
    "evaluators": (
        "People who evaluated (评价人员).",
        {"name": "name", "title": "professional title", "unit": "organisation"},
    ),
    "sections": (
        "The report's prose, one row per heading.",
        {
            "heading": "heading as written",
            "level": "heading level (1 = 一、)",
            "text": "the text under it",
            "topic": "overview | funds | goals | problems | suggestions | conclusion | other",
        },
    ),
    "checks": (
        "Audit checks the report's own numbers fail (README, Audit checks).",
        {
            "rule": "rule id (expenditure_total_mismatch, indicator_missed_target …)",
            "severity": "error | warning | info",
            "message": "what is wrong, in Chinese, with the numbers",
            "fields": "JSON: the fields involved (indicators[3].actual_value …)",
        },
    ),
    "report_key_overrides": (
        "A user's correction of report identity (`jixiao identity set`).",
        {
            "stable_key": "the report copy it applies to (reports.stable_key)",
            "report_key": "the identity to use instead of the computed report_key",
            "note": "why",
            "created_at": "when (UTC)",
        },
    ),
    "corrections": (
        "A reviewer's correction of one extracted value (`jixiao serve`), keyed by the "
        "document's bytes, the report unit and the field path, so it survives re-parsing.",
        {
            "id": "row number",
            "sha256": "the document (documents.sha256)",
            "unit_index": "the report unit in the document (1 for a standalone report)",
            "field_path": "the value: report.total_score, funds[2].spent, indicators[5].actual …",
            "action": "correct (new value) | confirm (value is right) | absent (not in document)",
            "old_value": "the value the extractor read when the correction was made",
            "new_value": "the value the reviewer set (correct)",
            "note": "the reviewer's note",
            "user_name": "who (--user, else the OS user)",
            "created_at": "when (UTC)",
            "status": "active | orphaned (the extractor now reads something else there) | "
            "superseded",
            "status_reason": "why a correction is orphaned or superseded",
        },
    ),
    "reviews": (
        "A report a reviewer marked reviewed (`jixiao export --reviewed-only`).",
        {
            "id": "row number",
            "sha256": "the document (documents.sha256)",
            "unit_index": "the report unit in the document",
            "user_name": "who",
            "reviewed_at": "when (UTC)",
        },
    ),
}

_CHILD_COMMON = {
    "id": "row number",
    "report_id": _REPORT_ID,
    "ordinal": _ORDINAL,
    "provenance": _PROVENANCE,
}
for _name in ("funds", "expenditures", "goals", "indicators", "evaluators", "sections", "checks"):
    TABLES[_name][1].update(_CHILD_COMMON)  # type: ignore[attr-defined]

VIEWS: Mapping[str, str] = {
    "v_report_summary": "One row per report, each counted once (its best copy): money of "
    "the total fund row, execution rate, score, grade, checks by severity.",
    "v_report_summary_all": "v_report_summary with every copy of each report "
    "(version_rank 1 = the copy counted).",
    "v_report_versions": "Every report with its identity_key, version_rank and versions "
    "(the copies of the same report).",
    "v_report_duplicates": "The reports that have more than one copy, every copy, best first.",
    "v_indicator_gaps": "Indicators of the counted reports: target vs actual, gap, status "
    "(met / not_met / unknown).",
    "v_indicator_gaps_all": "v_indicator_gaps over every copy of each report.",
    "v_fund_execution": "Budget and spending by fiscal year, region and department "
    "(each report counted once).",
    "v_checks_by_rule": "How many checks per rule and severity (each report counted once).",
    "v_corrections": "Every correction in force, with the report id, the value extracted "
    "and the value a reviewer set: the flag of a corrected value.",
    "v_reviews": "One row per report: reviewed or not, by whom, how many values corrected "
    "or orphaned.",
}


def apply_comments(conn: Connection) -> None:
    """``COMMENT ON`` every table, column and view (PostgreSQL only)."""
    if conn.dialect.name != "postgresql":
        return
    quote = conn.dialect.identifier_preparer.quote

    def literal(value: str) -> str:
        return "'" + value.replace("'", "''") + "'"

    # Each migration comments what exists at its revision (0004 adds the review tables).
    inspector = inspect(conn)
    tables = set(inspector.get_table_names())
    views = set(inspector.get_view_names())
    for table, (about, columns) in TABLES.items():
        if table not in tables:
            continue
        conn.execute(text(f"COMMENT ON TABLE {quote(table)} IS {literal(about)}"))
        present = {c["name"] for c in inspector.get_columns(table)}  # a later revision's
        for column, meaning in columns.items():
            if column not in present:
                continue
            conn.execute(
                text(f"COMMENT ON COLUMN {quote(table)}.{quote(column)} IS {literal(meaning)}")
            )
    for view, about in VIEWS.items():
        if view not in views:
            continue
        conn.execute(text(f"COMMENT ON VIEW {quote(view)} IS {literal(about)}"))
