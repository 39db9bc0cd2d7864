"""Views of the review tables (migration 0004_review).

``v_corrections``: every correction in force on a current report, with the report id,
the value the extractor read and the value the reviewer set — the flag column a
data team joins on to see which values a person corrected. ``v_reviews``: one row per
report with whether it was reviewed, by whom and how many of its values were
corrected. A report without a ``unit_index`` is unit 1.
"""

from __future__ import annotations

from collections.abc import Mapping

# The unit of a report row (a standalone report without a unit is unit 1).
REPORT_UNIT = "COALESCE(r.unit_index, 1)"

_CORRECTIONS = f"""
CREATE VIEW v_corrections AS
SELECT
    r.id AS report_id,
    d.id AS document_id,
    c.sha256,
    c.unit_index,
    c.field_path,
    c.action,
    c.old_value AS extracted_value,
    c.new_value AS corrected_value,
    c.note,
    c.user_name AS corrected_by,
    c.created_at AS corrected_at
FROM corrections c
JOIN documents d ON d.sha256 = c.sha256
JOIN reports r ON r.document_id = d.id AND {REPORT_UNIT} = c.unit_index
WHERE c.status = 'active'
"""

_REVIEWS = f"""
CREATE VIEW v_reviews AS
SELECT
    r.id AS report_id,
    d.sha256,
    CASE WHEN v.id IS NULL THEN 0 ELSE 1 END AS reviewed,
    v.user_name AS reviewed_by,
    v.reviewed_at,
    (SELECT COUNT(*) FROM corrections c
      WHERE c.sha256 = d.sha256 AND c.unit_index = {REPORT_UNIT} AND c.status = 'active'
        AND c.action <> 'confirm') AS corrected_values,
    (SELECT COUNT(*) FROM corrections c
      WHERE c.sha256 = d.sha256 AND c.unit_index = {REPORT_UNIT} AND c.status = 'orphaned')
        AS orphaned_corrections
FROM reports r
JOIN documents d ON d.id = r.document_id
LEFT JOIN reviews v ON v.sha256 = d.sha256 AND v.unit_index = {REPORT_UNIT}
"""

VIEWS_0004: Mapping[str, str] = {"v_corrections": _CORRECTIONS, "v_reviews": _REVIEWS}
