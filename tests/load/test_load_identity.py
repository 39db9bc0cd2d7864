"""Each report counted once: identity keys, document versions, the best copy."""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from typing import Any

from load_fakes import make_report
from sqlalchemy import select, text

from jixiao.load import Store
from jixiao.load.identity import normalise, report_key
from jixiao.load.models import FundRow, ReportRow


def _rows(store: Store, sql: str) -> list[dict[str, Any]]:
    with store.engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(text(sql))]


def test_report_key_ignores_spacing_punctuation_and_width() -> None:
    a = {"project_name": "“互联网+政务服务” 一体化平台", "region": "岳阳市", "fiscal_year": 2019}
    b = {"project_name": '"互联网＋政务服务"一体化平台', "region": "岳阳市 ", "fiscal_year": 2019}
    assert report_key(a) == report_key(b) == "岳阳市||互联网政务服务一体化平台|2019|"
    assert report_key({"region": "岳阳市", "fiscal_year": 2019}) is None  # nothing to know it by
    assert normalise("ＡＢ c") == "abc"


def test_copies_of_one_report_count_once_and_the_text_copy_wins(db_url: str) -> None:
    with Store(db_url) as store:
        run = store.start_run({})
        text_copy = make_report("a" * 64, file="r.docx")
        scan = make_report("b" * 64, file="r_scan.pdf")
        scan = dataclasses.replace(scan, source=dataclasses.replace(scan.source, format="pdf"))
        other = make_report("c" * 64, file="o.docx", project_name="电子政务外网")
        store.load_report(scan, path="/r/r_scan.pdf", run_id=run, parser_version=1)
        best = store.load_report(text_copy, path="/r/r.docx", run_id=run, parser_version=1)
        store.load_report(other, path="/r/o.docx", run_id=run, parser_version=1)
        summary = _rows(store, "SELECT report_id, versions, budget FROM v_report_summary")
        everything = _rows(store, "SELECT report_id FROM v_report_summary_all")
        dupes = _rows(store, "SELECT report_id, version_rank FROM v_report_duplicates ORDER BY 2")
        funds = _rows(store, "SELECT reports FROM v_fund_execution")
    assert len(summary) == 2 and len(everything) == 3
    assert best in {r["report_id"] for r in summary}
    assert dupes[0]["report_id"] == best and len(dupes) == 2
    assert sum(r["reports"] for r in funds) == 2
    total = sum(Decimal(str(r["budget"])) for r in summary if r["budget"] is not None)
    assert total == sum(  # equal to the hand-deduplicated sum
        Decimal(str(r["budget"])) for r in _budget_by_key(db_url)
    )


def _budget_by_key(db_url: str) -> list[dict[str, Any]]:
    with Store(db_url) as store, store.engine.connect() as conn:  # the models: exact yuan
        found = conn.execute(
            select(ReportRow.report_key, FundRow.budget)
            .join(FundRow, FundRow.report_id == ReportRow.id)
            .where(FundRow.source == "total")
        ).all()
    by_key: dict[object, Decimal] = {}
    for key, budget in found:
        if budget is not None:
            by_key[key] = max(by_key.get(key, budget), budget)
    return [{"budget": b} for b in by_key.values()]


def test_new_bytes_at_a_known_path_supersede_the_old_document(db_url: str) -> None:
    with Store(db_url) as store:
        run = store.start_run({})
        old = store.load_report(
            make_report("d" * 64), path="/v/r.docx", run_id=run, parser_version=1
        )
        corrected = make_report("e" * 64, total_score=Decimal("88"))
        new = store.load_report(corrected, path="/v/r.docx", run_id=run, parser_version=1)
        current = _rows(
            store,
            "SELECT d.sha256, d.is_current FROM documents d WHERE d.sha256 IN "
            f"('{'d' * 64}', '{'e' * 64}') ORDER BY d.sha256",
        )
        summary = _rows(
            store,
            f"SELECT report_id, total_score FROM v_report_summary WHERE report_id IN ({old}, {new})",
        )
    assert [bool(r["is_current"]) for r in current] == [False, True]
    assert [r["report_id"] for r in summary] == [new]


def test_stable_key_survives_reprocessing(db_url: str) -> None:
    with Store(db_url) as store:
        run = store.start_run({})
        report = make_report("f" * 64, project_name="稳定键项目")
        first = store.load_report(report, path="/s/r.docx", run_id=run, parser_version=1)
        again = store.load_report(
            report, path="/s/r.docx", run_id=run, parser_version=1, replace=True
        )
        keys = _rows(store, f"SELECT id, stable_key FROM reports WHERE id IN ({first}, {again})")
    assert [k["stable_key"] for k in keys] == ["f" * 64 + "#1"]  # a new row, the same key
