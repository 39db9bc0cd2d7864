"""The on-disk label memo: the same answers as a cold matcher, one file per dictionary."""

from __future__ import annotations

import logging
import multiprocessing
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from jixiao.normalize import label_fuzzy, label_memo, words
from jixiao.normalize.labels import LabelDictionary

# Texts that reach the fuzzy scorers (typos, modifiers, reordered words, non-labels).
TEXTS = [
    ("fund_column", "实际资金到位"),
    ("fund_column", "计划按排资金"),
    ("fund_column", "志年预算数"),
    ("fund_column", "项目资金总额"),
    ("fund_row", "省级财政资金小计"),
    ("report", "项目承担单位名称"),
    ("report", "项目实施单位全称"),
    ("report", "项目联系人员"),
    ("indicator_column", "三级指标名称"),
    ("indicator_column", "指标分值权重"),
    ("report", "岳阳市政务外网"),
    ("fund_column", "合计金额数"),
]


@pytest.fixture()
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    words.lcut("预算")  # the word index stays where it is; only the memo moves
    folder = tmp_path / "cache"
    monkeypatch.setenv("JIXIAO_CACHE_DIR", str(folder))
    yield folder


def _answers(dictionary: LabelDictionary) -> list[object]:
    out = [dictionary.match(context, text) for context, text in TEXTS]
    dictionary.flush_memo()
    return out


def _memo_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("labels-memo-*.sqlite3"))


def _no_scoring(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*_: object) -> None:
        raise AssertionError("scored a text the memo holds")

    monkeypatch.setattr(label_fuzzy.FuzzyIndex, "match", fail)


def test_a_new_process_answers_from_the_memo_as_a_cold_matcher_would(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cold = _answers(LabelDictionary.load())
    assert any(cold) and None in cold
    assert len(_memo_files(cache)) == 1
    _no_scoring(monkeypatch)  # a new dictionary object: what a recycled worker builds
    assert _answers(LabelDictionary.load()) == cold


def test_a_changed_dictionary_gets_a_new_memo(
    cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cold = _answers(LabelDictionary.load())
    # A user file giving the variant a typo matched to another field: the memo of the
    # packaged dictionary must not answer for it.
    context, text = TEXTS[1]
    before = LabelDictionary.load().match(context, text)
    assert before is not None and not before.exact
    other = next(f for f in LabelDictionary.load().fields(context) if f != before.field)
    user = tmp_path / "mine.yaml"
    user.write_text(f"{context}:\n  {other}: [{before.variant}]\n", encoding="utf-8")
    changed = _answers(LabelDictionary.load(user))
    assert len(_memo_files(cache)) == 2
    assert changed == _answers(_cold(LabelDictionary.load(user)))
    assert changed[1].field == other  # type: ignore[attr-defined]
    assert changed != cold


def _cold(dictionary: LabelDictionary) -> LabelDictionary:
    dictionary._disk = label_memo.LabelMemo(None)
    return dictionary


def test_an_unwritable_cache_falls_back_silently(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    words.lcut("预算")
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    monkeypatch.setenv("JIXIAO_CACHE_DIR", str(blocker / "cache"))
    with caplog.at_level(logging.DEBUG, logger="jixiao.normalize.label_memo"):
        answers = _answers(LabelDictionary.load())
        answers_again = _answers(LabelDictionary.load())
    assert answers == answers_again == _answers(_cold(LabelDictionary.load()))
    assert len([r for r in caplog.records if r.name == "jixiao.normalize.label_memo"]) <= 1


def test_a_memo_file_of_another_shape_is_left_alone(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cold = _answers(LabelDictionary.load())
    (path,) = _memo_files(cache)
    with sqlite3.connect(path) as db:
        db.execute("DROP TABLE answer")
        db.execute("CREATE TABLE answer (nonsense)")
    assert _answers(LabelDictionary.load()) == cold


def _worker(folder: str, part: int) -> None:
    import os

    os.environ["JIXIAO_CACHE_DIR"] = folder
    dictionary = LabelDictionary.load()
    for context, text in TEXTS[part::2] + TEXTS:
        dictionary.match(context, text)
    dictionary.flush_memo()


def test_concurrent_workers_share_one_memo(cache: Path) -> None:
    context = multiprocessing.get_context("fork")
    workers = [context.Process(target=_worker, args=(str(cache), i)) for i in range(2)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(60)
        assert worker.exitcode == 0
    (path,) = _memo_files(cache)
    with sqlite3.connect(path) as db:
        (count,) = db.execute("SELECT count(*) FROM answer").fetchone()
    assert 0 < count <= len(TEXTS)


def test_the_memo_file_stays_bounded(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(label_memo, "MAX_ROWS", 8)
    for text in [f"项目资金{i}号" for i in range(20)]:
        memo = label_memo.LabelMemo("bounded")
        memo.stored()
        memo.put("report", text, None)
        memo.flush()
    stored = label_memo.LabelMemo("bounded").stored()
    assert 0 < len(stored) <= 8
    assert ("report", "项目资金19号") in stored  # the newest stay


def test_old_dictionaries_memo_files_are_pruned(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(label_memo, "KEEP_FILES", 3)
    for key in ("a", "b", "c", "d", "e"):
        label_memo.LabelMemo(key).stored()
    assert len(_memo_files(cache)) == 3


_INHERITED: list[LabelDictionary] = []


def _forked_worker() -> None:
    (dictionary,) = _INHERITED
    for context, text in TEXTS[6:]:
        dictionary.match(context, text)
    dictionary.flush_memo()


def test_a_forked_worker_writes_through_its_own_connection(cache: Path) -> None:
    """A pool forked after the parent opened the memo: the child's answers are kept."""
    dictionary = LabelDictionary.load()
    for context, text in TEXTS[:6]:
        dictionary.match(context, text)
    dictionary.flush_memo()
    _INHERITED[:] = [dictionary]
    worker = multiprocessing.get_context("fork").Process(target=_forked_worker)
    worker.start()
    worker.join(60)
    assert worker.exitcode == 0
    stored = label_memo.LabelMemo(dictionary._disk._key).stored()
    assert {("report", "岳阳市政务外网"), ("fund_column", "实际资金到位")} <= set(stored)


def test_a_dictionary_still_pickles(cache: Path) -> None:
    import pickle

    dictionary = LabelDictionary.load()
    before = _answers(dictionary)
    copy = pickle.loads(pickle.dumps(dictionary))
    assert _answers(copy) == before
