"""Corrections: applied to the stored rows, re-applied after a re-parse, orphaned when
the document no longer gives what the reviewer corrected — on SQLite and PostgreSQL."""

from __future__ import annotations

import dataclasses
import re
from decimal import Decimal

import pytest
from load_fakes import make_report
from sqlalchemy import select, text

from jixiao import PARSER_VERSION
from jixiao.load import Store
from jixiao.load.corrections import (
    apply_corrections,
    corrections_for,
    list_corrections,
    record_correction,
    reviewed_report_ids,
    set_reviewed,
)
from jixiao.load.field_values import parse_input, parse_path, value_text
from jixiao.load.models import CHILD_TABLES, ReportRow

FUNDS = CHILD_TABLES["funds"].__table__
CHECKS = CHILD_TABLES["checks"].__table__


def _load(store: Store, report, *, replace: bool = False) -> int:
    return store.load_report(
        report, path="/archive/r.docx", run_id=None, parser_version=PARSER_VERSION, replace=replace
    )


def _spent(store: Store, report_id: int) -> Decimal:
    with store.engine.connect() as conn:
        return conn.execute(
            select(FUNDS.c.spent).where(FUNDS.c.report_id == report_id, FUNDS.c.ordinal == 0)
        ).scalar_one()


def _rules(store: Store, report_id: int) -> list[str]:
    with store.engine.connect() as conn:
        return list(
            conn.execute(
                select(CHECKS.c.rule)
                .where(CHECKS.c.report_id == report_id)
                .order_by(CHECKS.c.ordinal)
            ).scalars()
        )


def test_a_correction_is_applied_and_reapplied_after_a_reparse(db_url: str) -> None:
    with Store(db_url) as store:
        report_id = _load(store, make_report())
        with store.engine.begin() as conn:
            made = record_correction(
                conn,
                report_id,
                "funds[0].spent",
                "correct",
                "898.7万",
                note="表内数字",
                user="审核员",
            )
        extracted = value_text(make_report().funds[0].spent)
        assert (made.old_value, made.new_value, made.status) == (extracted, "8987000", "active")
        assert _spent(store, report_id) == Decimal("8987000")
        # The report is parsed again (same bytes, same extraction): the row ids change,
        # the correction is applied again.
        again = _load(store, make_report(), replace=True)
        assert _spent(store, again) == Decimal("8987000")
        with store.engine.connect() as conn:
            found = corrections_for(conn, again)["funds[0].spent"]
            view = conn.execute(
                text("SELECT report_id, extracted_value, corrected_value FROM v_corrections")
            ).all()
        assert found.status == "active" and found.user_name == "审核员" and found.note == "表内数字"
        assert [tuple(r) for r in view] == [(again, extracted, "8987000")]


def test_a_correction_the_new_extraction_contradicts_is_orphaned_not_dropped(
    db_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    with Store(db_url) as store:
        report_id = _load(store, make_report())
        with store.engine.begin() as conn:
            record_correction(conn, report_id, "funds[0].spent", "correct", "8987000", user="a")
            record_correction(conn, report_id, "indicators[3].actual", "absent", user="a")
        changed = make_report(spent=Decimal("1234.5"))
        changed = dataclasses.replace(changed, indicators=changed.indicators[:2])
        with caplog.at_level("WARNING", logger="jixiao.load.corrections"):
            again = _load(store, changed, replace=True)
        assert _spent(store, again) == Decimal("1234.5")  # the new extraction stands
        warned = [r.getMessage() for r in caplog.records]
        assert any("funds[0].spent no longer matches" in m for m in warned), warned
        with store.engine.connect() as conn:
            orphaned = list_corrections(conn, orphaned_only=True)
        reasons = {c.field_path: c.status_reason for c in orphaned}
        assert set(reasons) == {"funds[0].spent", "indicators[3].actual"}
        assert "1234.5" in reasons["funds[0].spent"]
        assert "no indicators[3]" in reasons["indicators[3].actual"]
        # A later parse that reads the old value again revives it.
        third = _load(store, make_report(), replace=True)
        assert _spent(store, third) == Decimal("8987000")
        with store.engine.connect() as conn:
            still = list_corrections(conn, orphaned_only=True)
        assert [c.field_path for c in still] == []  # both targets read as corrected again


def test_a_corrected_score_reruns_the_checks_and_keeps_extraction_notes(db_url: str) -> None:
    with Store(db_url) as store:
        report_id = _load(store, make_report())
        assert "grade_score_mismatch" not in _rules(store, report_id)
        with store.engine.begin() as conn:
            record_correction(conn, report_id, "report.total_score", "correct", "61", user="a")
        rules = _rules(store, report_id)
        assert "grade_score_mismatch" in rules
        assert "grade_band" in rules and "expenditures_sum" in rules  # notes kept
        with store.engine.begin() as conn:
            record_correction(conn, report_id, "report.total_score", "correct", "95.5", user="b")
            fixes = corrections_for(conn, report_id)
            assert fixes["report.total_score"].old_value == value_text(
                make_report().report.total_score
            )
        assert "grade_score_mismatch" not in _rules(store, report_id)
        with store.engine.begin() as conn:
            record_correction(conn, report_id, "report.grade", "correct", "差", user="b")
        assert "grade_score_mismatch" in _rules(store, report_id)  # the level follows the grade


def test_confirm_absent_and_review_marks_survive_a_reparse(db_url: str) -> None:
    with Store(db_url) as store:
        report_id = _load(store, make_report())
        with store.engine.begin() as conn:
            record_correction(conn, report_id, "report.region", "confirm", user="a")
            record_correction(conn, report_id, "report.contact_email", "absent", user="a")
            record_correction(conn, report_id, "report.grade", "absent", user="a")
            set_reviewed(conn, report_id, "a")
        again = _load(store, make_report(region="益阳市"), replace=True)
        with store.engine.connect() as conn:
            fixes = corrections_for(conn, again)
            grade = conn.execute(
                select(ReportRow.__table__.c.grade).where(ReportRow.__table__.c.id == again)
            ).scalar()
            assert reviewed_report_ids(conn) == {again}
        assert grade is None
        assert fixes["report.region"].status == "orphaned"  # confirmed 岳阳市, now reads 益阳市
        assert fixes["report.grade"].status == "active"
        assert fixes["report.contact_email"].status == "active"


def test_bad_input_is_refused_with_a_reason(db_url: str) -> None:
    with Store(db_url) as store:
        report_id = _load(store, make_report())
        with store.engine.begin() as conn:
            for path, action, value, words in [
                ("funds[9].spent", "correct", "1", "no funds[9]"),
                ("funds[0].spent", "correct", "很多", "an amount"),
                ("funds[0].label", "absent", None, "cannot be empty"),
                ("funds[0].spent", "guess", "1", "unknown action"),
                ("checks[0].rule", "correct", "x", "not a list"),
                ("report.id", "correct", "1", "no value"),
                ("report.unit_index", "correct", "2", "no value"),
            ]:
                with pytest.raises(ValueError, match=re.escape(words)):
                    record_correction(conn, report_id, path, action, value, user="a")
            assert apply_corrections(conn, report_id) == ()


@pytest.mark.parametrize(
    ("path", "typed", "value"),
    [
        ("funds[0].spent", "898.7万", Decimal("8987000")),
        ("funds[0].spent", "1,234.50", Decimal("1234.5")),
        ("funds[0].execution_rate", "62.26%", Decimal("0.6226")),
        ("report.fiscal_year", "2020", 2020),
        ("goals[0].achieved", "否", False),
        ("report.project_name", " <script>alert(1)</script> ", "<script>alert(1)</script>"),
    ],
)
def test_typed_values_become_column_values(path: str, typed: str, value: object) -> None:
    assert parse_input(parse_path(path), typed) == value


def test_corrections_follow_the_report_unit_of_a_bundle(db_url: str) -> None:
    from jixiao.normalize.canonical import ReportUnit

    def bundle(second_score: str) -> list:
        return [
            dataclasses.replace(
                make_report(total_score=Decimal(score)),
                unit=ReportUnit(index=i, of=2, title=f"表{i}", pages=(i, i)),
            )
            for i, score in ((1, "90"), (2, second_score))
        ]

    with Store(db_url) as store:
        first, second = store.load_reports(
            bundle("80"), path="/a/bundle.pdf", run_id=None, parser_version=PARSER_VERSION
        )
        with store.engine.begin() as conn:
            made = record_correction(conn, second, "report.total_score", "correct", "85", user="a")
        assert made.unit_index == 2
        ids = store.load_reports(
            bundle("80"),
            path="/a/bundle.pdf",
            run_id=None,
            parser_version=PARSER_VERSION,
            replace=True,
        )
        with store.engine.connect() as conn:
            scores = [
                conn.execute(
                    select(ReportRow.__table__.c.total_score).where(ReportRow.__table__.c.id == i)
                ).scalar_one()
                for i in ids
            ]
            assert corrections_for(conn, ids[0]) == {}
            assert corrections_for(conn, ids[1])["report.total_score"].status == "active"
        assert scores == [90, 85]
        # The file is split into one report now: unit 2's correction has nowhere to go.
        store.load_reports(
            bundle("80")[:1],
            path="/a/bundle.pdf",
            run_id=None,
            parser_version=PARSER_VERSION,
            replace=True,
        )
        with store.engine.connect() as conn:
            orphaned = list_corrections(conn, orphaned_only=True)
        assert [(c.field_path, c.unit_index) for c in orphaned] == [("report.total_score", 2)]
        assert "no report unit 2" in (orphaned[0].status_reason or "")
