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

import re
from collections.abc import Mapping

from sqlalchemy import Connection, text

from jixiao.load.review_views import VIEWS_0004

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

# ... and how much of its tables each report read (issue 10: a report read at 10 %
# must stand out next to one read whole).
_COVERAGE_COLUMNS = """
    r.tables_rows_read,
    r.rows_unread,
    r.coverage,"""
_CHECK_COUNTS = (
    "    (SELECT COUNT(*) FROM checks c WHERE c.report_id = r.id AND c.severity = 'error')"
)

VIEWS_0002: Mapping[str, str] = {
    "v_report_summary": _REPORT_SUMMARY.replace(
        "    r.title,\n", _UNIT_COLUMNS.lstrip("\n") + "\n    r.title,\n", 1
    ).replace(_CHECK_COUNTS, _COVERAGE_COLUMNS.lstrip("\n") + "\n" + _CHECK_COUNTS, 1),
    "v_indicator_gaps": _INDICATOR_GAPS.replace(
        "    r.project_name,\n", "    r.project_name,\n    r.unit_index,\n    r.unit_title,\n", 1
    ),
    "v_fund_execution": _FUND_EXECUTION,
    "v_checks_by_rule": _CHECKS_BY_RULE,
}

# 0003: each report counted once. Copies of one report (DOCX, its PDF, the scanned
# signed copy, an older version of the file) share an identity key; the views keep
# the best copy (version_rank = 1) by the documented rule, and the ``_all`` views and
# v_report_duplicates show every copy. Indicator status is the stored judgement of
# jixiao.normalize.target_status (the same one the indicator_missed_target check uses).
_IDENTITY = "COALESCE(o.report_key, r.report_key, r.stable_key, CAST(r.id AS VARCHAR(20)))"

# The rule (docs/SCHEMA.md): the current version of a file first; text over scan;
# higher coverage; a native format (docx, xlsx) over a converted one (doc, wps, rtf)
# over PDF; the most recently first-seen document; the highest report id.
_REPORT_VERSIONS = f"""
CREATE VIEW v_report_versions AS
SELECT
    r.id AS report_id,
    r.document_id,
    r.stable_key,
    {_IDENTITY} AS identity_key,
    d.format,
    d.is_current,
    r.is_scan,
    r.coverage,
    d.first_seen,
    ROW_NUMBER() OVER (
        PARTITION BY {_IDENTITY}
        ORDER BY
            CASE WHEN d.is_current THEN 0 ELSE 1 END,
            CASE WHEN r.is_scan THEN 1 ELSE 0 END,
            CASE WHEN r.coverage IS NULL THEN 1 ELSE 0 END,
            r.coverage DESC,
            CASE WHEN d.format IN ('docx', 'xlsx', 'odt') THEN 0
                 WHEN d.format IN ('doc', 'wps', 'rtf', 'xls') THEN 1
                 WHEN d.format = 'pdf' THEN 2 ELSE 3 END,
            d.first_seen DESC,
            r.id DESC
    ) AS version_rank,
    COUNT(*) OVER (PARTITION BY {_IDENTITY}) AS versions
FROM reports r
JOIN documents d ON d.id = r.document_id
LEFT JOIN report_key_overrides o ON o.stable_key = r.stable_key
"""

_VERSION_COLUMNS = """
    v.identity_key,
    r.stable_key,
    v.version_rank,
    v.versions,
    d.is_current,
    r.is_scan,"""

_SUMMARY_ALL = (
    VIEWS_0002["v_report_summary"]
    .replace("CREATE VIEW v_report_summary AS", "CREATE VIEW v_report_summary_all AS", 1)
    .replace("    r.title,\n", _VERSION_COLUMNS.lstrip("\n") + "\n    r.title,\n", 1)
    .replace(
        "JOIN documents d ON d.id = r.document_id\n",
        "JOIN documents d ON d.id = r.document_id\n"
        "JOIN v_report_versions v ON v.report_id = r.id\n",
        1,
    )
)

_GAPS_STATUS_0002 = (
    _INDICATOR_GAPS[_INDICATOR_GAPS.index("    CASE\n") : _INDICATOR_GAPS.index("END AS status")]
    + "END AS status"
)

_GAPS_ALL = (
    VIEWS_0002["v_indicator_gaps"]
    .replace("CREATE VIEW v_indicator_gaps AS", "CREATE VIEW v_indicator_gaps_all AS", 1)
    .replace(
        _GAPS_STATUS_0002,
        "    COALESCE(i.target_status, 'unknown') AS status,\n    v.version_rank",
        1,
    )
    .replace(
        "JOIN reports r ON r.id = i.report_id\n",
        "JOIN reports r ON r.id = i.report_id\nJOIN v_report_versions v ON v.report_id = r.id\n",
        1,
    )
)

_DUPLICATES = """
CREATE VIEW v_report_duplicates AS
SELECT
    v.identity_key,
    v.versions,
    v.version_rank,
    v.report_id,
    v.stable_key,
    r.project_name,
    r.project_unit,
    r.region,
    r.fiscal_year,
    r.kind,
    v.format,
    v.is_current,
    v.is_scan,
    v.coverage,
    (SELECT p.path FROM document_paths p WHERE p.document_id = v.document_id
     ORDER BY p.last_seen DESC, p.id DESC LIMIT 1) AS path
FROM v_report_versions v
JOIN reports r ON r.id = v.report_id
WHERE v.versions > 1
"""

_CHECKS_BY_RULE_0003 = """
CREATE VIEW v_checks_by_rule AS
SELECT
    c.rule,
    c.severity,
    COUNT(*) AS checks,
    COUNT(DISTINCT c.report_id) AS reports
FROM checks c
JOIN v_report_versions v ON v.report_id = c.report_id AND v.version_rank = 1
GROUP BY c.rule, c.severity
"""

# Creation order matters (each reads the ones before it).
VIEWS_0003: Mapping[str, str] = {
    "v_report_versions": _REPORT_VERSIONS,
    "v_report_summary_all": _SUMMARY_ALL,
    "v_report_summary": "CREATE VIEW v_report_summary AS\n"
    "SELECT * FROM v_report_summary_all WHERE version_rank = 1\n",
    "v_indicator_gaps_all": _GAPS_ALL,
    "v_indicator_gaps": "CREATE VIEW v_indicator_gaps AS\n"
    "SELECT * FROM v_indicator_gaps_all WHERE version_rank = 1\n",
    "v_report_duplicates": _DUPLICATES,
    "v_fund_execution": _FUND_EXECUTION,
    "v_checks_by_rule": _CHECKS_BY_RULE_0003,
}

#: Views that show every copy of a report (``--all-versions``), by the name of the view
#: that counts each report once.
ALL_VERSIONS = {
    "v_report_summary": "v_report_summary_all",
    "v_indicator_gaps": "v_indicator_gaps_all",
}

CURRENT_VIEWS = {**VIEWS_0003, **VIEWS_0004}


# On SQLite, exact columns hold scaled integers from revision 0003 on (load/exact.py):
# the views divide by the scale once, after any integer arithmetic.
_SCALED = {
    "planned": 2,
    "budget": 2,
    "received": 2,
    "spent": 2,
    "balance": 2,
    "evaluated_amount": 2,
    "execution_rate": 6,
    "coverage": 6,
    "total_score": 4,
    "max_score": 4,
    "target_value": 4,
    "actual_value": 4,
    "weight": 4,
    "score": 4,
}
_SCALED_REF = re.compile(r"\b(f|f2|r|i)\.(" + "|".join(_SCALED) + r")\b")
_BARE_REF = re.compile(r"^( {4})(f|f2|r|i)\.(" + "|".join(_SCALED) + r")(,?)$")
_GAP = "i.actual_value - i.target_value AS gap"
_SUM_OF_VIEW = re.compile(r"SUM\(s\.(planned|budget|received|spent)\)")


def for_sqlite_scaled(sql: str) -> str:
    """A view's SQL for a SQLite database whose exact columns hold scaled integers."""
    sql = sql.replace(_GAP, "@GAP@")
    lines = []
    for line in sql.split("\n"):
        bare = _BARE_REF.match(line)
        if bare:  # a select-list item keeps its column name
            column = bare.group(3)
            line = f"{bare.group(1)}({bare.group(2)}.{column} / {10 ** _SCALED[column]}.0) AS {column}{bare.group(4)}"
        else:
            line = _SCALED_REF.sub(
                lambda m: f"({m.group(0)} / {10 ** _SCALED[m.group(2)]}.0)", line
            )
        lines.append(line)
    sql = "\n".join(lines)
    # sums of yuan (doubles) as sums of exact fen, divided once
    sql = _SUM_OF_VIEW.sub(lambda m: f"(SUM(ROUND(s.{m.group(1)} * 100)) / 100.0)", sql)
    return sql.replace("@GAP@", "(i.actual_value - i.target_value) / 10000.0 AS gap")


def create_views(conn: Connection, views: Mapping[str, str], *, scaled: bool = False) -> None:
    """Create ``views``; ``scaled``: the database is at revision 0003 or later (on SQLite
    its exact columns hold scaled integers)."""
    sqlite = conn.dialect.name == "sqlite"
    for sql in views.values():
        conn.execute(text(for_sqlite_scaled(sql) if scaled and sqlite else sql))


def drop_views(conn: Connection, views: Mapping[str, str]) -> None:
    for name in reversed(list(views)):
        conn.execute(text(f"DROP VIEW IF EXISTS {name}"))
