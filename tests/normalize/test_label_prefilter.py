"""The prefilter before fuzzy label matching rejects only texts no scorer could match."""

from __future__ import annotations

import pytest

from jixiao.normalize import label_fuzzy
from jixiao.normalize.labels import LabelDictionary


def _dictionary() -> LabelDictionary:
    return LabelDictionary.default()


def _keys() -> list[str]:
    return sorted(_dictionary()._all_keys)


@pytest.mark.parametrize("text", ["15", "100%", "2021.12.31", "1,234.50", "万元", "合计:", "--"])
def test_numbers_and_short_texts_are_rejected(text: str) -> None:
    assert not label_fuzzy.could_be_label(text, _dictionary()._min_cjk)


@pytest.mark.parametrize("text", ["实际资金到位", "e-mail地址", "email"])
def test_label_like_texts_pass(text: str) -> None:
    assert label_fuzzy.could_be_label(text, _dictionary()._min_cjk)


def test_rejected_texts_never_match_fuzzily() -> None:
    """Every two-character piece of every variant, alone and with digits around it."""
    dictionary = _dictionary()
    variants = [v for index in dictionary._exact.values() for v in index.values()]
    pieces = {key[i : i + 2] for key in _keys() for i in range(len(key) - 1)}
    texts = {t for p in pieces for t in (p, f"1{p}", f"{p}%", f"{p[0]}12{p[1]}")}
    rejected = [t for t in texts if not label_fuzzy.could_be_label(t, dictionary._min_cjk)]
    assert rejected
    for text in rejected:
        assert label_fuzzy.score_variants([text], variants, dictionary._contrasts) is None, text


def test_a_mixed_variant_lowers_the_floor() -> None:
    assert label_fuzzy.fuzzy_floor(["预算数", "email"]) == 3
    assert label_fuzzy.fuzzy_floor(["预算数", "职称/职务"]) == 3
    assert label_fuzzy.fuzzy_floor(["预算数", "职/务"]) == 1
