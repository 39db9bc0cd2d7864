"""The character index before fuzzy scoring drops only variants no scorer could match."""

from __future__ import annotations

import functools

from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao.normalize import label_fuzzy
from jixiao.normalize.label_fuzzy import THRESHOLD, FuzzyIndex
from jixiao.normalize.labels import LabelDictionary


@functools.lru_cache(maxsize=1)
def _dictionary() -> LabelDictionary:
    return LabelDictionary.load()


def _keys() -> list[str]:
    return sorted(_dictionary()._all_keys)


_ALPHABET = sorted(set("".join(_keys())) | set("实际本年其中合计0123456789"))
_CONTEXTS = ["report", "fund_column", "fund_row", "indicator_column", "block_label"]


def _edits() -> st.SearchStrategy[str]:
    """Variants with a character replaced, added or dropped, or words put around them."""
    variant = st.sampled_from(_keys())
    char = st.sampled_from(_ALPHABET)
    return st.one_of(
        st.builds(
            lambda v, i, c: v[: i % len(v)] + c + v[i % len(v) + 1 :],
            variant,
            st.integers(0, 20),
            char,
        ),
        st.builds(
            lambda v, i, c: v[: i % len(v)] + c + v[i % len(v) :], variant, st.integers(0, 20), char
        ),
        st.builds(
            lambda v, i: v[: i % len(v)] + v[i % len(v) + 1 :] or v, variant, st.integers(0, 20)
        ),
        st.builds(lambda a, b: a + b, st.text(st.sampled_from(_ALPHABET), max_size=3), variant),
        st.builds(lambda a, b: a + b, variant, st.sampled_from(["数", "金额", "资金", "小计"])),
        st.builds(lambda a, b: a + b[: len(b) // 2], variant, st.sampled_from(_keys())),
        st.text(st.sampled_from(_ALPHABET), min_size=3, max_size=10),
    )


@settings(max_examples=400, deadline=None)
@given(context=st.sampled_from(_CONTEXTS), text=_edits())
def test_the_index_keeps_every_variant_that_scores(context: str, text: str) -> None:
    dictionary = _dictionary()
    index: FuzzyIndex = dictionary._fuzzy[context]
    variants = list(dictionary._exact[context].values())
    keys = [text]
    kept = set(index.candidates(keys))
    for variant in variants:
        if label_fuzzy._score(text, variant.key, dictionary._contrasts) >= THRESHOLD:
            assert variant in kept, (text, variant.key)
    assert index.match(keys) == label_fuzzy.score_variants(keys, variants, dictionary._contrasts)


def test_the_index_scores_a_few_variants_only() -> None:
    """What makes matching fast: a label is scored against a handful of variants."""
    dictionary = _dictionary()
    index = dictionary._fuzzy["fund_column"]
    total = len(dictionary._exact["fund_column"])
    for text in ("实际资金到位", "全年预算数额", "计划按排资金", "项目资金总额", "执行率"):
        assert len(index.candidates([text])) <= total // 5, text
    assert dictionary.match("fund_column", "计划按排资金") is not None


def test_candidates_keep_dictionary_order() -> None:
    """Exact ties go to the first variant in the dictionary, as with a full scan."""
    dictionary = _dictionary()
    index = dictionary._fuzzy["report"]
    order = {v: i for i, v in enumerate(dictionary._exact["report"].values())}
    found = index.candidates(["项目单位名称", "单位名称项目"])
    assert [order[v] for v in found] == sorted(order[v] for v in found)
