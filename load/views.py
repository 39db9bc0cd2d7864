"""SQL views for auditors: the same names and columns on SQLite and PostgreSQL.

The SQL is written in the common subset of both dialects. Two habits keep the
results equal: divisions multiply by ``1.0`` first (SQLite stores ``8987000.00`` in a
NUMERIC column as an integer, and integer division would truncate), and no
dialect-specific functions are used.

Definitions are kept per migration revision (``VIEWS_0001``): a migration creates the
views of its own revision, so changing a view means a new constant and a new
migration, never editing an old one.
"""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy import Connection, text

# The row of ``funds`` that stands for the whole report: the first ``total`` row, or
# the only row when the report has a single fund row.
_TOTAL_FUND = """
    SELECT f2.id FROM funds f2
    WHERE f2.report_id = r.id
      AND (f2.source = 'total'
           OR (SELECT COUNT(*) FROM funds f3 WHERE f3.report_id = r.id) = 1)
    ORDER BY CASE WHEN f2.source = 'total' THEN 0 ELSE 1 END, f2.ordinal
    LIMIT 1
"""

_REPORT_SUMMARY = f"""
CREATE VIEW v_report_summary AS
SELECT
    r.id AS report_id,
    r.document_id,
    d.sha256,
    (SELECT p.path FROM document_paths p WHERE p.document_id = r.document_id
     ORDER BY p.last_seen DESC, p.id DESC LIMIT 1) AS path,
    r.title,
    r.kind,
    r.project_name,
    r.project_unit,
    r.region,
    r.fiscal_year,
    r.supervising_dept,
    f.planned,
    f.budget,
    f.received,
    f.spent,
    COALESCE(
        f.execution_rate,
        CASE WHEN COALESCE(f.budget, f.planned) <> 0
             THEN f.spent * 1.0 / COALESCE(f.budget, f.planned) END
    ) AS execution_rate,
    r.total_score,
    r.max_score,
    r.grade,
    r.grade_level,
    (SELECT COUNT(*) FROM checks c WHERE c.report_id = r.id AND c.severity = 'error')
        AS checks_error,
    (SELECT COUNT(*) FROM checks c WHERE c.report_id = r.id AND c.severity = 'warning')
        AS checks_warning,
    (SELECT COUNT(*) FROM checks c WHERE c.report_id = r.id AND c.severity = 'info')
        AS checks_info
FROM reports r
JOIN documents d ON d.id = r.document_id
LEFT JOIN funds f ON f.id = ({_TOTAL_FUND})
"""

# met: the actual value satisfies the comparator; not_met: it does not; unknown: a
# value is missing, or there is no comparator and the values differ (whether more is
# better depends on the indicator: a cost or a delay should be lower).
_INDICATOR_GAPS = """
CREATE VIEW v_indicator_gaps AS
SELECT
    i.id AS indicator_id,
    i.report_id,
    r.project_name,
    r.region,
    r.fiscal_year,
    i.ordinal,
    i.level1,
    i.level2,
    i.name,
    i.target,
    i.actual,
    i.comparator,
    i.target_value,
    i.actual_value,
    i.unit,
    i.actual_value - i.target_value AS gap,
    i.weight,
    i.score,
    i.deviation_reason,
    CASE
        WHEN i.target_value IS NULL OR i.actual_value IS NULL THEN 'unknown'
        WHEN i.comparator = '>=' THEN
            CASE WHEN i.actual_value >= i.target_value THEN 'met' ELSE 'not_met' END
        WHEN i.comparator = '>' THEN
            CASE WHEN i.actual_value > i.target_value THEN 'met' ELSE 'not_met' END
        WHEN i.comparator = '<=' THEN
            CASE WHEN i.actual_value <= i.target_value THEN 'met' ELSE 'not_met' END
        WHEN i.comparator = '<' THEN
            CASE WHEN i.actual_value < i.target_value THEN 'met' ELSE 'not_met' END
        WHEN i.comparator = '=' THEN
            CASE WHEN i.actual_value = i.target_value THEN 'met' ELSE 'not_met' END
        WHEN i.actual_value = i.target_value THEN 'met'
        ELSE 'unknown'
    END AS status
FROM indicators i
JOIN reports r ON r.id = i.report_id
"""

_FUND_EXECUTION = """
CREATE VIEW v_fund_execution AS
SELECT
    s.fiscal_year,
    s.region,
    s.supervising_dept,
    COUNT(*) AS reports,
    SUM(s.planned) AS planned,
    SUM(s.budget) AS budget,
    SUM(s.received) AS received,
    SUM(s.spent) AS spent,
    CASE WHEN SUM(COALESCE(s.budget, s.planned)) <> 0
         THEN SUM(s.spent) * 1.0 / SUM(COALESCE(s.budget, s.planned)) END
        AS execution_rate
FROM v_report_summary s
GROUP BY s.fiscal_year, s.region, s.supervising_dept
"""

_CHECKS_BY_RULE = """
CREATE VIEW v_checks_by_rule AS
SELECT
    c.rule,
    c.severity,
    COUNT(*) AS checks,
    COUNT(DISTINCT c.report_id) AS reports
FROM checks c
GROUP BY c.rule, c.severity
"""

# Creation order matters: v_fund_execution reads v_report_summary.
VIEWS_0001: Mapping[str, str] = {
    "v_report_summary": _REPORT_SUMMARY,
    "v_indicator_gaps": _INDICATOR_GAPS,
    "v_fund_execution": _FUND_EXECUTION,
    "v_checks_by_rule": _CHECKS_BY_RULE,
}

# 0002: a document holds 0..N reports; the summary and the gaps say which unit of
# its file each report is (report 2 of 5, pages 31-33).
_UNIT_COLUMNS = """
    r.unit_index,
    r.unit_of,
    r.unit_title,
    r.unit_pages,
    r.unit_tables,
    r.unit_sheet,"""

VIEWS_0002: Mapping[str, str] = {
    "v_report_summary": _REPORT_SUMMARY.replace(
        "    r.title,\n", _UNIT_COLUMNS.lstrip("\n") + "\n    r.title,\n", 1
    ),
    "v_indicator_gaps": _INDICATOR_GAPS.replace(
        "    r.project_name,\n", "    r.project_name,\n    r.unit_index,\n    r.unit_title,\n", 1
    ),
    "v_fund_execution": _FUND_EXECUTION,
    "v_checks_by_rule": _CHECKS_BY_RULE,
}

CURRENT_VIEWS = VIEWS_0002


def create_views(conn: Connection, views: Mapping[str, str]) -> None:
    for sql in views.values():
        conn.execute(text(sql))


def drop_views(conn: Connection, views: Mapping[str, str]) -> None:
    for name in reversed(list(views)):
        conn.execute(text(f"DROP VIEW IF EXISTS {name}"))
