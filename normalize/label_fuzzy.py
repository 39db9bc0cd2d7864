"""Fuzzy label scoring, and the character index that keeps it to a few candidates.

A text is scored against a variant by the best of:

* containment - a known variant of three or more characters with a modifier in front
  (``实际到位资金`` ⊃ ``到位资金``) or a neutral tail (``资金到位数``);
* a one-character typo in a label of four or more characters (``计划按排资金``);
* word overlap - the same jieba words (Dice ≥ 0.85) blended with a character ratio
  (difflib), which survives reordered words (``实际资金到位``).

Every scorer that can reach :data:`THRESHOLD` needs the text and the variant to share
many characters (all of the variant, all but one, or a ratio of at least 0.58), so
:class:`FuzzyIndex` counts shared characters through an inverted index and scores only
the variants that pass: the same answers as scoring every variant, for a tenth of the
work. Candidates from different fields that tie exactly are ambiguous: no match.
"""

from __future__ import annotations

import difflib
import functools
import logging
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence

from jixiao.normalize.label_types import LabelMatch, Variant
from jixiao.normalize.words import lcut

logger = logging.getLogger("jixiao.normalize.labels")

THRESHOLD = 0.75
# Characters that tell labels apart rather than being typos: levels of government and
# relative years. A substitution involving one is never a typo (市级财政资金 is not
# 省级财政资金, 市县配套 is not 市级配套); the dictionary adds the pairs it shows itself.
_CONTRAST_CHARS = frozenset("中央省市县区乡镇村级上下本当今去前明")
# Words that may follow a variant without changing what the label names.
_NEUTRAL_TAILS = frozenset({"数", "额", "数额", "金额", "资金", "值", "小计"})
# Two-character heads that still name their column with a modifier in front
# (参考分值, 自评得分, 指标分值, 资金总额); only in short header cells of column contexts.
_SHORT_HEADS = frozenset({"分值", "得分", "评分", "总额", "权重"})
_SHORT_HEAD_MAX = 6
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff]")
_LATIN = re.compile(r"[a-z]")
# A text needs this many Chinese characters (or a Latin letter) to match any variant
# fuzzily; see :func:`fuzzy_floor`.
_FUZZY_MIN_CJK = 3
# Word overlap scores 0.6 · ratio + 0.4 · Dice, so reaching THRESHOLD needs a difflib
# ratio of at least this; difflib's matches are shared characters, so 2 · shared /
# (both lengths) must reach it too (less a hair for rounding).
_MIN_RATIO = (THRESHOLD - 0.4) / 0.6 - 1e-9


class FuzzyIndex:
    """The variants of one context, indexed by character for :meth:`match`."""

    def __init__(self, variants: Iterable[Variant], contrasts: frozenset[frozenset[str]]) -> None:
        self._variants = tuple(variants)
        self._contrasts = contrasts
        postings: dict[str, list[tuple[int, int]]] = {}
        for at, variant in enumerate(self._variants):
            for char, count in Counter(variant.key).items():
                postings.setdefault(char, []).append((at, count))
        self._postings = {char: tuple(items) for char, items in postings.items()}
        self._lengths = tuple(len(v.key) for v in self._variants)
        self._heads = tuple(v for v in self._variants if v.key in _SHORT_HEADS)
        self._need: dict[int, tuple[float, ...]] = {}  # by key length: see _needed

    def match(self, keys: Sequence[str]) -> LabelMatch | None:
        """The fuzzy match of ``keys`` (the text, and without its leading year)."""
        return score_variants(keys, self.candidates(keys), self._contrasts)

    def short_head(self, key: str) -> LabelMatch | None:
        return short_head(key, self._heads)

    def candidates(self, keys: Sequence[str]) -> list[Variant]:
        """The variants some scorer could score at THRESHOLD or more, in dictionary order."""
        chosen: set[int] = set()
        for key in keys:
            shared: dict[int, int] = {}
            for char in set(key):
                count = key.count(char)
                for at, theirs in self._postings.get(char, ()):
                    shared[at] = shared.get(at, 0) + (count if count < theirs else theirs)
            need = self._needed(len(key))
            chosen.update(at for at, common in shared.items() if common >= need[at])
        return [self._variants[at] for at in sorted(chosen)]

    def _needed(self, key_length: int) -> tuple[float, ...]:
        """Per variant, the fewest shared characters :func:`_may_score` lets through."""
        need = self._need.get(key_length)
        if need is None:
            need = tuple(_fewest_shared(key_length, n) for n in self._lengths)
            self._need[key_length] = need
        return need


@functools.lru_cache(maxsize=4096)
def _fewest_shared(key_length: int, variant_length: int) -> float:
    for shared in range(min(key_length, variant_length) + 1):
        if _may_score(key_length, variant_length, shared):
            return shared
    return math.inf


def _may_score(key_length: int, variant_length: int, shared: int) -> bool:
    """Whether a scorer could reach THRESHOLD with ``shared`` characters in common (each
    condition grows with ``shared``, so a count is enough: see :func:`_fewest_shared`)."""
    shortest = min(key_length, variant_length)
    if variant_length >= 3 and shared == variant_length:  # containment
        return True
    if shortest >= 4 and shared >= max(key_length, variant_length) - 1:  # one typo
        return True
    return shortest >= 3 and 2 * shared >= _MIN_RATIO * (key_length + variant_length)


def fuzzy_floor(keys: Iterable[str]) -> int:
    """The fewest Chinese characters a text without Latin letters needs to match fuzzily.

    Every scorer needs a variant of three or more characters: containment holds all of
    it, a typo all but one of four or more, and word overlap (Dice ≥ 0.85) nearly all
    its words. A text with fewer than three Chinese characters and no Latin letter
    (``15``, ``100%``, ``2021.12``, ``万元``) thus cannot match an all-Chinese variant.
    A variant mixing in other characters (``职称/职务``) lowers the floor to its own
    Chinese characters less one, so the prefilter never changes an answer.
    """
    floor = _FUZZY_MIN_CJK
    for key in keys:
        if len(key) < 3 or _LATIN.search(key):
            continue
        cjk = len(_CJK.findall(key))
        if cjk != len(key):
            floor = min(floor, max(cjk - 1, 0))
    return floor


def could_be_label(key: str, min_cjk: int) -> bool:
    """Cheap prefilter before the fuzzy scorers (a quarter of candidate cells are numbers)."""
    return bool(_LATIN.search(key)) or len(_CJK.findall(key)) >= min_cjk


def short_head(key: str, variants: Iterable[Variant]) -> LabelMatch | None:
    """``参考分值`` → 分值, ``自评得分`` → 得分: a short cell ending in a two-character head."""
    if len(key) > _SHORT_HEAD_MAX or key[:1].isdigit():
        return None
    fields = {v.field: v for v in variants if v.key in _SHORT_HEADS and key.endswith(v.key)}
    if len(fields) != 1 or len(key) <= 2:
        return None
    (variant,) = fields.values()
    return LabelMatch(variant.field, variant.text, 0.75, False)


def contrasts(variants: Iterable[Variant]) -> set[frozenset[str]]:
    """Character pairs that alone tell two fields apart (预算执行数 / 预算执行率: 数, 率).

    Keys that differ in one place only share the key with that place blanked out, so
    grouping by each blanked form finds every such pair without comparing all pairs.
    """
    groups: dict[tuple[str, int], list[Variant]] = {}
    for variant in variants:
        key = variant.key
        for at in range(len(key)):
            groups.setdefault((f"{key[:at]}\0{key[at + 1 :]}", at), []).append(variant)
    pairs: set[frozenset[str]] = set()
    for (_, at), group in groups.items():
        for i, one in enumerate(group):
            for other in group[i + 1 :]:
                if one.field != other.field:
                    pairs.add(frozenset((one.key[at], other.key[at])))
    return pairs


def score_variants(
    keys: Sequence[str], variants: Iterable[Variant], contrasts: frozenset[frozenset[str]]
) -> LabelMatch | None:
    """The best of ``variants`` for ``keys``, scoring each one (no index)."""
    scored: list[tuple[float, int, int, Variant]] = []
    for variant in variants:
        score = max(_score(key, variant.key, contrasts) for key in keys)
        if score >= THRESHOLD:
            scored.append((score, len(variant.key), variant.rank, variant))
    if not scored:
        return None
    scored.sort(key=lambda item: item[:3], reverse=True)
    best = scored[0]
    for other in scored[1:]:
        if other[:3] != best[:3]:
            break
        if other[3].field != best[3].field:
            logger.debug("ambiguous label %r: %s or %s", keys[0], best[3].field, other[3].field)
            return None
    return LabelMatch(best[3].field, best[3].text, round(best[0], 4), False)


def _score(key: str, variant: str, contrasts: frozenset[frozenset[str]]) -> float:
    if not variant:
        return 0.0
    return max(_contained(key, variant), _typo(key, variant, contrasts), _overlap(key, variant))


def _contained(key: str, variant: str) -> float:
    """The label is the variant with a modifier in front (``实际到位资金`` ⊃ ``到位资金``).

    A Chinese noun phrase ends in its head, so words in front only narrow the meaning,
    while words after it name something else (``主管部门负责人`` is a person, not a
    department); only a few neutral tails (``数``, ``金额`` …) may follow. The
    front part must end on a word boundary: ``节省财政资金`` does not hold ``省财政资金``.
    """
    if len(variant) < 3 or variant not in key:
        return 0.0
    if key.endswith(variant):
        extra = len(key) - len(variant)
        if extra > min(4, len(variant)) or extra not in _boundaries(key):
            return 0.0
        return min(0.72 + 0.25 * len(variant) / len(key), 0.99)
    if key.startswith(variant) and key[len(variant) :] in _NEUTRAL_TAILS:
        return min(0.7 + 0.25 * len(variant) / len(key), 0.99)
    return 0.0


def _typo(key: str, variant: str, contrasts: frozenset[frozenset[str]]) -> float:
    """One character substituted, inserted or dropped in a label of four or more.

    Not a typo: a character added at either end (containment decides: 节省财政资金), a
    different last character (the head word: 实际完成率 is no 实际完成值), or a swap of
    two characters that tell labels apart (市 for 省).
    """
    if min(len(key), len(variant)) < 4 or not _within_one_edit(key, variant):
        return 0.0
    if key[1:] == variant or key[:-1] == variant:
        return 0.0
    if len(key) == len(variant):
        swapped = [(a, b) for a, b in zip(key, variant, strict=True) if a != b]
        if swapped and (
            key[-1] != variant[-1]
            or frozenset(swapped[0]) in contrasts
            or not _CONTRAST_CHARS.isdisjoint(swapped[0])
        ):
            return 0.0
    # Scored like containment of the characters that agree, so a typo in the modifier
    # of a long variant beats the bare head it contains (志年预算数 → 全年预算数).
    longest = max(len(key), len(variant))
    return 0.72 + 0.25 * (longest - 1) / longest


def _within_one_edit(a: str, b: str) -> bool:
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) <= 1
    short, long = (a, b) if len(a) < len(b) else (b, a)
    for i, ch in enumerate(short):
        if ch != long[i]:
            return short[i:] == long[i + 1 :]
    return True


def _overlap(key: str, variant: str) -> float:
    """The same words in another order or form (jieba tokens, Dice ≥ 0.85), blended with
    a character ratio (difflib); for labels of three or more characters."""
    if min(len(key), len(variant)) < 3:
        return 0.0
    mine, theirs = tokens(key), tokens(variant)
    dice = 2 * len(mine & theirs) / (len(mine) + len(theirs)) if mine and theirs else 0.0
    if dice < 0.85:
        return 0.0
    ratio = difflib.SequenceMatcher(None, key, variant, autojunk=False).ratio()
    return 0.6 * ratio + 0.4 * dice


@functools.lru_cache(maxsize=8192)
def _boundaries(text: str) -> frozenset[int]:
    """Offsets where a jieba word starts."""
    offsets, at = [], 0
    for word in lcut(text):
        offsets.append(at)
        at += len(word)
    return frozenset(offsets)


@functools.lru_cache(maxsize=8192)
def tokens(text: str) -> frozenset[str]:
    return frozenset(word for word in lcut(text) if word.strip())
