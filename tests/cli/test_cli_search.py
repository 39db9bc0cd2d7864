"""jixiao.search: jieba-segmented full-text search, the same hits on SQLite and PostgreSQL."""

from __future__ import annotations

import contextlib
import threading

import pytest
from cli_fixtures import fill, make_report
from sqlalchemy import Connection, text

from jixiao import frames, search
from jixiao.normalize.canonical import Section


def test_tokenize_segments_chinese_and_drops_punctuation() -> None:
    tokens = search.tokenize("电子政务外网，运行率≥95%。Cloud-ERP")
    assert "电子政务" in tokens and "政务" in tokens
    assert "，" not in tokens and "%" not in tokens
    assert "cloud" in tokens and "erp" in tokens


def test_query_terms_are_character_pairs_and_latin_words() -> None:
    assert search.query_terms("政务服务") == ["政务", "务服", "服务"]
    assert search.query_terms("12345热线 ERP") == ["热线", "12345", "erp"]
    assert search.query_terms("水") == ["水"]
    assert search.query_terms("，。！") == []


def test_text_cut_differently_from_the_query_is_still_found() -> None:
    """jieba: 排水管网 alone → 排水管|网; in 排水管网清疏 → 排水管|网清疏."""
    stored = set(search.index_tokens("完成排水管网清疏120公里。"))
    assert set(search.query_terms("排水管网")) <= stored
    assert "120" in stored


def test_snippet_highlights_every_hit_around_the_first() -> None:
    body = "前言。" * 30 + "网络带宽不足，带宽\n需要提升。" + "结尾。" * 30
    snippet, spans = search.make_snippet(body, ["带宽"])
    assert snippet.startswith("…") and snippet.endswith("…")
    assert [snippet[s:e] for s, e in spans] == ["带宽", "带宽"]
    assert "\n" not in snippet


def test_adjacent_hits_merge_into_one_highlight() -> None:
    snippet, spans = search.make_snippet("建设电子政务外网", ["电子", "政务"])
    assert [snippet[s:e] for s, e in spans] == ["电子政务"]


def _summary(hits: list[search.SearchHit]) -> list[tuple[int | None, str | None]]:
    return [(h.fiscal_year, h.heading) for h in hits]


def test_search_finds_sections_and_covers(filled_url: str) -> None:
    hits = search.search("带宽", filled_url)
    assert _summary(hits) == [(2019, "五、存在的问题和改进措施"), (2020, "一、项目概况")]
    first = hits[0]
    assert first.file and first.file.endswith("互联网+政务服务一体化平台.docx")
    assert first.project_name == "互联网+政务服务一体化平台"
    assert [first.snippet[s:e] for s, e in first.highlights] == ["带宽"]


def test_all_query_words_must_match(filled_url: str) -> None:
    hits = search.search("带宽 运维", filled_url)
    assert _summary(hits) == [(2019, "五、存在的问题和改进措施")]
    assert search.search("带宽 热线", filled_url) == []


def test_cover_hits_have_no_heading(filled_url: str) -> None:
    hits = search.search("韶关市政务服务数据管理局", filled_url)
    assert hits and hits[0].heading is None and hits[0].fiscal_year == 2020


def test_limit_and_ranking(filled_url: str) -> None:
    hits = search.search("政务服务", filled_url)
    assert len(hits) >= 3
    scores = [h.score for h in hits]
    assert scores == sorted(scores, reverse=True)
    assert len(search.search("政务服务", filled_url, limit=2)) == 2


def test_empty_query_is_refused(filled_url: str) -> None:
    with pytest.raises(ValueError, match="nothing to search for"):
        search.search("，", filled_url)


def test_index_follows_new_replaced_and_deleted_reports(empty_url: str) -> None:
    """The index refreshes itself: a new report is found, a deleted one is gone."""
    fill(empty_url, [])  # schema only
    assert search.search("排水管网", empty_url) == []
    extra = make_report(
        name="排水管网清疏项目",
        year=2022,
        unit="江门市水务局",
        budget="100",
        spent="90",
        score="91.5",
        grade="优",
        sections=(Section(heading="一、概况", level=1, text="完成排水管网清疏120公里。"),),
    )
    (report_id,) = fill(empty_url, [extra])
    assert search.is_stale(empty_url)
    assert [h.report_id for h in search.search("排水管网", empty_url)] == [report_id, report_id]
    assert not search.is_stale(empty_url)
    with frames.connect(empty_url) as conn, conn.begin():
        conn.execute(text("DELETE FROM reports WHERE id = :id"), {"id": report_id})
    assert search.is_stale(empty_url)
    assert search.search("排水管网", empty_url) == []


def test_full_reindex_counts_reports(filled_url: str) -> None:
    assert search.reindex(filled_url, full=True) == len(frames.report_labels(filled_url))
    assert search.reindex(filled_url) == 0


def test_concurrent_refreshes_do_not_collide(
    filled_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two searches refreshing a stale index at once: one waits, nothing is doubled.

    A barrier holds each refresh after it has read the index's state: without the
    index lock both would read the same stale state and write the same rows.
    """
    search.reindex(filled_url)
    with frames.connect(filled_url) as conn, conn.begin():
        conn.execute(text("DELETE FROM search_reports"))  # every report looks stale
    barrier = threading.Barrier(2, timeout=1.0)
    real_state = search._indexed_state

    def state_then_wait(conn: Connection) -> dict[int, tuple[int, int]]:
        state = real_state(conn)
        # Broken: the other refresh is waiting for the index lock, as it should.
        with contextlib.suppress(threading.BrokenBarrierError):
            barrier.wait()
        return state

    monkeypatch.setattr(search, "_indexed_state", state_then_wait)
    errors: list[BaseException] = []

    def refresh() -> None:
        try:
            search.reindex(filled_url)
        except BaseException as exc:  # noqa: BLE001 - handed to the main thread
            errors.append(exc)

    threads = [threading.Thread(target=refresh) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert not search.is_stale(filled_url)
    with frames.connect(filled_url) as conn:
        indexed = conn.execute(text("SELECT COUNT(*) FROM search_index")).scalar_one()
        sections = conn.execute(text("SELECT COUNT(*) FROM sections")).scalar_one()
        reports = conn.execute(text("SELECT COUNT(*) FROM reports")).scalar_one()
    assert indexed == sections + reports  # one row per section and one per cover
