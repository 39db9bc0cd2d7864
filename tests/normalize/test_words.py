"""Word splitting for label matching: the SQLite-backed jieba splits exactly like jieba."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao.normalize import words
from jixiao.normalize.labels import LabelDictionary


@pytest.fixture(scope="module")
def lookup(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    patch = pytest.MonkeyPatch()
    patch.setenv("JIXIAO_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    words._lookup.cache_clear()
    assert words._lookup() is not None
    yield
    patch.undo()
    words._lookup.cache_clear()


def _full(text: str) -> list[str]:
    return words._full().lcut(text, HMM=False)


def _variant_keys() -> list[str]:
    labels = LabelDictionary.default()
    return sorted({key for index in labels._exact.values() for key in index})


_ALPHABET = sorted(
    set("".join(_variant_keys())) | set("检测论按节局阳岳亩均述师册织制0123456789%.-()/、a")
)


def test_every_label_variant_splits_as_with_the_full_dictionary(lookup: None) -> None:
    for key in _variant_keys():
        assert words.lcut(key) == _full(key), key
    assert words._full.cache_info().currsize == 1  # only the comparison loaded it


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(_ALPHABET), min_size=1, max_size=20))
def test_any_text_splits_as_with_the_full_dictionary(lookup: None, text: str) -> None:
    assert words.lcut(text) == _full(text)


def test_unwritable_cache_falls_back_to_the_full_dictionary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    monkeypatch.setenv("JIXIAO_CACHE_DIR", str(blocker / "cache"))
    words._lookup.cache_clear()
    try:
        assert words._lookup() is None
        assert words.lcut("实际资金到位") == _full("实际资金到位")
    finally:
        words._lookup.cache_clear()


_FRESH_PROCESS = """
import sys
from jixiao.process import warm_up
warm_up()
import jieba
from jixiao.normalize.words import lcut
print(lcut("预算执行率"), "pkg_resources" in sys.modules, jieba.dt.initialized)
"""


def test_a_worker_warms_up_without_pkg_resources_or_the_whole_dictionary(tmp_path: Path) -> None:
    """Start-up cost (issue 16): jieba without scanning every distribution through
    pkg_resources, and the word index warmed instead of jieba's 350 k-word dictionary."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "JIXIAO_CACHE_DIR": str(tmp_path)}
    out = subprocess.run(
        [sys.executable, "-c", _FRESH_PROCESS], capture_output=True, text=True, env=env, check=True
    ).stdout.split()
    assert out[-2:] == ["False", "False"]
    assert "执行" in " ".join(out[:-2])
