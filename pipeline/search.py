"""Chinese full-text search over reports and their sections.

Chinese has no spaces, so both the indexed text and the query are segmented with
jieba's search mode (``cut_for_search``, which also yields the short words inside long
ones: 电子政务 → 电子 政务 电子政务) and stored as space-joined tokens:

- SQLite: an FTS5 virtual table ``search_index`` (the ``unicode61`` tokenizer splits
  on the spaces we put in);
- PostgreSQL: a table ``search_index`` with ``to_tsvector('simple', tokens)`` and a
  GIN index.

jieba may cut the query and the text differently (排水管网 alone → 排水管|网, inside
排水管网清疏 → 排水管|网清疏), so every run of Chinese characters is also indexed as
its overlapping character pairs (排水 水管 管网 网清 清疏). A query matches a row that
holds all of the query's character pairs (and its Latin words and numbers); jieba's
words rank the rows. The ranking is computed here, in Python, from the stored tokens,
so both backends return the same hits in the same order.

The index is refreshed incrementally: ``search_reports`` remembers, per report, how many
sections it had and their highest id; reports whose sections changed are re-indexed,
removed reports dropped. ``reindex(url, full=True)`` rebuilds everything.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import Connection, inspect, text

from jixiao.frames import connect, report_labels

log = logging.getLogger(__name__)

_WORD = re.compile(r"[^\W_]+")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_SPACE = re.compile(r"\s+")
SNIPPET_RADIUS = 40
_LOCK_KEY = 0x6A697869616F + 1  # the ingest lock's key + 1: "jixiao" search index


@dataclass(frozen=True)
class SearchHit:
    """One matching report (``heading`` None: its title/cover) or section."""

    report_id: int
    section_id: int | None
    file: str | None
    project_name: str | None
    fiscal_year: int | None
    heading: str | None
    snippet: str
    highlights: tuple[tuple[int, int], ...]  # [start, end) offsets into snippet
    score: int


@dataclass(frozen=True)
class _Row:
    report_id: int
    section_id: int | None
    heading: str | None
    body: str


def tokenize(value: str) -> list[str]:
    """jieba search-mode tokens, lower-cased, punctuation and spaces dropped."""
    from jixiao.normalize.words import import_jieba

    jieba = import_jieba()
    jieba.setLogLevel(logging.WARNING)
    out: list[str] = []
    for token in jieba.cut_for_search(value):
        out.extend(_WORD.findall(token.lower()))
    return out


def bigrams(value: str) -> list[str]:
    """The overlapping character pairs of every run of Chinese characters."""
    out: list[str] = []
    for run in _HAN.findall(value):
        out.extend(run[i : i + 2] for i in range(len(run) - 1))
    return out


def index_tokens(value: str) -> list[str]:
    """What is stored for a text: its jieba words, then its character pairs."""
    return tokenize(value) + bigrams(value)


def query_terms(words: str) -> list[str]:
    """The tokens a row must all hold: the character pairs of each Chinese run (a lone
    character stands for itself) and the Latin words and numbers, lower-cased."""
    terms: list[str] = []
    for run in _HAN.findall(words):
        terms.extend(bigrams(run) if len(run) > 1 else [run])
    terms.extend(_WORD.findall(_HAN.sub(" ", words).lower()))
    return list(dict.fromkeys(terms))


def rank_terms(words: str) -> list[str]:
    """The query's jieba words: a row holding them as words ranks above one that only
    holds their characters."""
    return list(dict.fromkeys(tokenize(words)))


def _dialect(conn: Connection) -> str:
    return conn.dialect.name


def _ensure_tables(conn: Connection) -> None:
    if _dialect(conn) == "sqlite":
        conn.execute(
            text(
                "CREATE VIRTUAL TABLE IF NOT EXISTS search_index USING fts5("
                "tokens, report_id UNINDEXED, section_id UNINDEXED, heading UNINDEXED, "
                "body UNINDEXED)"
            )
        )
    else:
        conn.execute(
            text(
                "CREATE TABLE IF NOT EXISTS search_index (id BIGSERIAL PRIMARY KEY, "
                "report_id INTEGER NOT NULL, section_id INTEGER, heading TEXT, body TEXT, "
                "tokens TEXT NOT NULL, tsv TSVECTOR NOT NULL)"
            )
        )
        conn.execute(
            text("CREATE INDEX IF NOT EXISTS search_index_tsv ON search_index USING GIN (tsv)")
        )
        conn.execute(
            text("CREATE INDEX IF NOT EXISTS search_index_report ON search_index (report_id)")
        )
    conn.execute(
        text(
            "CREATE TABLE IF NOT EXISTS search_reports (report_id INTEGER PRIMARY KEY, "
            "sections INTEGER NOT NULL, max_section_id INTEGER NOT NULL)"
        )
    )


def _current_state(conn: Connection) -> dict[int, tuple[int, int]]:
    """Per report: (number of sections, highest section id): changes when re-loaded."""
    state = {int(r[0]): (0, 0) for r in conn.execute(text("SELECT id FROM reports"))}
    rows = conn.execute(
        text("SELECT report_id, COUNT(*), MAX(id) FROM sections GROUP BY report_id")
    )
    for report_id, count, max_id in rows:
        state[int(report_id)] = (int(count), int(max_id))
    return state


def _indexed_state(conn: Connection) -> dict[int, tuple[int, int]]:
    rows = conn.execute(text("SELECT report_id, sections, max_section_id FROM search_reports"))
    return {int(r[0]): (int(r[1]), int(r[2])) for r in rows}


def is_stale(url: str | None = None) -> bool:
    """True when the index is missing or behind the ``reports``/``sections`` tables."""
    with connect(url) as conn:
        insp = inspect(conn)
        if not (insp.has_table("search_index") and insp.has_table("search_reports")):
            return True
        return _current_state(conn) != _indexed_state(conn)


def _lock_index(conn: Connection) -> None:
    """One writer of the index at a time (two searches may refresh it at once)."""
    if _dialect(conn) == "sqlite":
        # Take the write lock before reading, so the reads are not stale at write time.
        conn.exec_driver_sql("BEGIN IMMEDIATE")
    else:
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _LOCK_KEY})


def reindex(url: str | None = None, *, full: bool = False) -> int:
    """Bring the index up to date; returns how many reports were (re-)indexed."""
    with connect(url) as conn, conn.begin():
        _lock_index(conn)
        _ensure_tables(conn)
        if full:
            conn.execute(text("DELETE FROM search_index"))
            conn.execute(text("DELETE FROM search_reports"))
        current = _current_state(conn)
        indexed = _indexed_state(conn)
        gone = [rid for rid, state in indexed.items() if current.get(rid) != state]
        todo = sorted(rid for rid, state in current.items() if indexed.get(rid) != state)
        for chunk in _chunks(sorted(set(gone) | set(todo)), 500):
            ids = ", ".join(str(int(i)) for i in chunk)
            conn.execute(text(f"DELETE FROM search_index WHERE report_id IN ({ids})"))
            conn.execute(text(f"DELETE FROM search_reports WHERE report_id IN ({ids})"))
        for chunk in _chunks(todo, 200):
            _index_reports(conn, chunk, current)
    if todo or gone:
        log.info("search index: %d report(s) indexed, %d dropped", len(todo), len(gone))
    return len(todo)


def _chunks(items: Sequence[int], size: int) -> Iterable[Sequence[int]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _index_reports(
    conn: Connection, report_ids: Sequence[int], state: dict[int, tuple[int, int]]
) -> None:
    ids = ", ".join(str(int(i)) for i in report_ids)
    rows: list[dict[str, object]] = []
    covers = conn.execute(
        text(
            "SELECT id, title, project_name, project_unit, supervising_dept, region, evaluator "
            f"FROM reports WHERE id IN ({ids})"
        )
    )
    for rid, *parts in covers:
        body = "\n".join(p for p in parts if p)
        rows.append(_index_row(int(rid), None, None, body))
    sections = conn.execute(
        text(f"SELECT id, report_id, heading, text FROM sections WHERE report_id IN ({ids})")
    )
    for sid, rid, heading, body in sections:
        rows.append(_index_row(int(rid), int(sid), heading, body or ""))
    if rows:
        if _dialect(conn) == "sqlite":
            insert = (
                "INSERT INTO search_index (tokens, report_id, section_id, heading, body) "
                "VALUES (:tokens, :report_id, :section_id, :heading, :body)"
            )
        else:
            insert = (
                "INSERT INTO search_index (tokens, tsv, report_id, section_id, heading, body) "
                "VALUES (:tokens, to_tsvector('simple', :tokens), :report_id, :section_id, "
                ":heading, :body)"
            )
        conn.execute(text(insert), rows)
    conn.execute(
        text(
            "INSERT INTO search_reports (report_id, sections, max_section_id) VALUES (:r, :n, :m)"
        ),
        [{"r": rid, "n": state[rid][0], "m": state[rid][1]} for rid in report_ids],
    )


def _index_row(
    report_id: int, section_id: int | None, heading: str | None, body: str
) -> dict[str, object]:
    tokens = index_tokens(f"{heading or ''}\n{body}")
    return {
        "report_id": report_id,
        "section_id": section_id,
        "heading": heading,
        "body": body,
        "tokens": " ".join(tokens),
    }


def search(
    words: str, url: str | None = None, *, limit: int = 20, refresh: bool = True
) -> list[SearchHit]:
    """The best ``limit`` hits for ``words``, refreshing a stale index first."""
    terms = query_terms(words)
    if not terms:
        raise ValueError(f"nothing to search for in {words!r}: give a word or two")
    if refresh:
        reindex(url)
    with connect(url) as conn:
        found = _match(conn, terms, rank_terms(words), limit)
    labels = report_labels(url, sorted({row.report_id for row, _ in found})) if found else {}
    hits = []
    for row, score in found:
        label = labels.get(row.report_id, {})
        snippet, spans = make_snippet(row.body, terms)
        hits.append(
            SearchHit(
                report_id=row.report_id,
                section_id=row.section_id,
                file=label.get("file"),
                project_name=label.get("project_name"),
                fiscal_year=label.get("fiscal_year"),
                heading=row.heading,
                snippet=snippet,
                highlights=spans,
                score=score,
            )
        )
    return hits


def _match(
    conn: Connection, terms: Sequence[str], words: Sequence[str], limit: int
) -> list[tuple[_Row, int]]:
    """Rows holding every term, best first, at most ``limit``.

    The database finds the rows (FTS5 / tsvector); the ranking is done here, from the
    stored tokens, so both backends rank alike. Bodies are fetched for the winners only.
    """
    sqlite = _dialect(conn) == "sqlite"
    key = "rowid" if sqlite else "id"
    if sqlite:
        query = " AND ".join('"' + t.replace('"', '""') + '"' for t in terms)
        where = "search_index MATCH :q"
    else:
        query = " ".join(terms)
        where = "tsv @@ plainto_tsquery('simple', :q)"
    found = conn.execute(
        text(
            f"SELECT {key}, report_id, section_id, heading, tokens FROM search_index WHERE {where}"
        ),
        {"q": query},
    )
    scored = [
        (
            _score(tokens, heading, terms, words),
            int(rid),
            None if sid is None else int(sid),
            key_,
            heading,
        )
        for key_, rid, sid, heading, tokens in found
    ]
    scored.sort(key=lambda s: (-s[0], s[1], -1 if s[2] is None else s[2]))
    best = scored[:limit]
    if not best:
        return []
    ids = ", ".join(str(int(b[3])) for b in best)
    bodies = dict(
        conn.execute(text(f"SELECT {key}, body FROM search_index WHERE {key} IN ({ids})")).all()
    )
    return [
        (_Row(report_id=rid, section_id=sid, heading=heading, body=bodies.get(k) or ""), score)
        for score, rid, sid, k, heading in best
    ]


def _score(tokens: str, heading: str | None, terms: Sequence[str], words: Sequence[str]) -> int:
    """Occurrences of the query's terms and jieba words; doubled when the heading holds
    every term."""
    counts: dict[str, int] = {}
    wanted = set(terms) | set(words)
    for token in tokens.split(" "):
        if token in wanted:
            counts[token] = counts.get(token, 0) + 1
    score = sum(counts.get(t, 0) for t in terms) + sum(counts.get(w, 0) for w in words)
    lowered = (heading or "").lower()
    if lowered and all(t in lowered for t in terms):
        score *= 2
    return score


def make_snippet(
    body: str, terms: Sequence[str], radius: int = SNIPPET_RADIUS
) -> tuple[str, tuple[tuple[int, int], ...]]:
    """The text around the first hit (whitespace collapsed) and the hits' spans in it."""
    flat = _SPACE.sub(" ", body).strip()
    lower = flat.lower()
    starts = [i for i in (lower.find(t) for t in terms) if i >= 0]
    first = min(starts) if starts else 0
    begin = max(0, first - radius)
    end = min(len(flat), first + radius * 2)
    snippet = flat[begin:end]
    prefix = "…" if begin > 0 else ""
    suffix = "…" if end < len(flat) else ""
    spans = _merge_spans(_find_all(snippet.lower(), terms), len(prefix))
    return prefix + snippet + suffix, spans


def _find_all(haystack: str, terms: Sequence[str]) -> list[tuple[int, int]]:
    spans = []
    for term in terms:
        start = haystack.find(term)
        while start >= 0:
            spans.append((start, start + len(term)))
            start = haystack.find(term, start + 1)
    return spans


def _merge_spans(spans: list[tuple[int, int]], shift: int) -> tuple[tuple[int, int], ...]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return tuple((s + shift, e + shift) for s, e in merged)
