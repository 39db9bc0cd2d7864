"""The label dictionary: which written label means which canonical field.

The data lives in ``labels.yaml`` (packaged) and in user files of the same shape
(``context -> field -> [variants]``). Matching is exact on :func:`label_key` first, then
fuzzy, scored by the best of:

* containment - a known variant of three or more characters with a modifier in front
  (``实际到位资金`` ⊃ ``到位资金``) or a neutral tail (``资金到位数``);
* a one-character typo in a label of four or more characters (``计划按排资金``);
* word overlap - the same jieba words (Dice ≥ 0.85) blended with a character ratio
  (difflib), which survives reordered words (``实际资金到位``).

A text that is exactly a label of *another* context is never matched fuzzily
(``时效指标`` is a level-2 name, not a typo of ``绩效指标``).
Long cells (> 20 characters) and sentences are prose, never labels. Candidates from
different fields that tie exactly are ambiguous: no match.
"""

from __future__ import annotations

import difflib
import functools
import logging
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import yaml

from jixiao.normalize.text import is_blank, label_key
from jixiao.normalize.words import lcut

logger = logging.getLogger(__name__)

THRESHOLD = 0.75
MAX_LABEL_CHARS = 20
# Contexts whose fields are open-ended names (user files may add new ones); in every
# other context a field must be one the default dictionary knows. They are a closed
# vocabulary of level names, matched exactly only: "群众满意度" is an indicator, not a
# typo of a level.
MEMO_SIZE = 50_000  # (context, text) answers kept per dictionary
OPEN_CONTEXTS = frozenset({"indicator_level1", "indicator_level2"})
# Characters that tell labels apart rather than being typos: levels of government and
# relative years. A substitution involving one is never a typo (市级财政资金 is not
# 省级财政资金, 市县配套 is not 市级配套); the dictionary adds the pairs it shows itself.
_CONTRAST_CHARS = frozenset("中央省市县区乡镇村级上下本当今去前明")

_LEADING_YEAR = re.compile(r"^\d{4}年(?:度)?")
_SENTENCE = re.compile(r"[。；;！？!?]")
# Words that may follow a variant without changing what the label names.
_NEUTRAL_TAILS = frozenset({"数", "额", "数额", "金额", "资金", "值", "小计"})
# Two-character heads that still name their column with a modifier in front
# (参考分值, 自评得分, 指标分值, 资金总额); only in short header cells of column contexts.
_SHORT_HEADS = frozenset({"分值", "得分", "评分", "总额", "权重"})
_SHORT_HEAD_MAX = 6
_HEAD_CONTEXTS = frozenset({"fund_column", "indicator_column", "fund_row"})
# A bracket inside a header that is not a unit or weight: an alias
# (指标名称（三级指标）) or a formula (得分（20分*执行率）).
_BRACKET = re.compile(r"\(([^()]*)\)")
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff]")
_LATIN = re.compile(r"[a-z]")
# A text needs this many Chinese characters (or a Latin letter) to match any variant
# fuzzily; see :func:`_fuzzy_floor`.
_FUZZY_MIN_CJK = 3


class LabelFileError(ValueError):
    """A label file that cannot be used; the message names the file and the problem."""


@dataclass(frozen=True)
class LabelMatch:
    field: str
    variant: str  # the dictionary's variant that matched, as written there
    score: float  # 1.0 for an exact match
    exact: bool


@dataclass(frozen=True)
class _Variant:
    field: str
    text: str
    key: str
    rank: int  # 0: packaged dictionary; n: the n-th user file (later files win)


Entries = dict[str, dict[str, list[str]]]


class LabelDictionary:
    """Contexts of canonical fields, each with the labels that mean it."""

    def __init__(self, variants: Mapping[str, Iterable[_Variant]]) -> None:
        self._fields: dict[str, tuple[str, ...]] = {}
        self._exact: dict[str, dict[str, _Variant]] = {}
        contrasts: set[frozenset[str]] = set()
        for context, items in variants.items():
            index: dict[str, _Variant] = {}
            fields: dict[str, None] = {}
            for variant in items:
                fields.setdefault(variant.field)
                held = index.get(variant.key)
                if held is None or variant.rank > held.rank:
                    index[variant.key] = variant
            self._exact[context] = index
            self._fields[context] = tuple(fields)
            contrasts |= _contrasts(index.values())
        self._contrasts = frozenset(contrasts)
        self._all_keys = frozenset(key for index in self._exact.values() for key in index)
        self._min_cjk = _fuzzy_floor(self._all_keys)
        # Forms repeat their labels endlessly (a corpus has ~7 % distinct cells):
        # answers are memoised per dictionary, bounded so a long batch stays flat.
        self._memo: dict[tuple[str, str], LabelMatch | None] = {}

    # ---------------------------------------------------------------- construction

    @classmethod
    def default(cls) -> LabelDictionary:
        """The packaged dictionary (``labels.yaml``)."""
        return _default_dictionary()

    @classmethod
    def load(cls, *extra: Path) -> LabelDictionary:
        """The packaged dictionary plus user files, merged in order; later files win ties."""
        entries = _packaged_entries()
        variants = _variants(entries, rank=0)
        for rank, path in enumerate(extra, start=1):
            user = _read_file(Path(path), base=entries)
            for context, items in _variants(user, rank=rank).items():
                variants[context].extend(items)
        return cls(variants)

    # ---------------------------------------------------------------- queries

    def contexts(self) -> tuple[str, ...]:
        return tuple(self._fields)

    def fields(self, context: str) -> tuple[str, ...]:
        return self._fields[self._context(context)]

    def variants(self, context: str, field: str) -> tuple[str, ...]:
        """The variants of one field as written in the dictionary files."""
        index = self._exact[self._context(context)]
        return tuple(v.text for v in index.values() if v.field == field)

    def match(self, context: str, text: str) -> LabelMatch | None:
        """The field ``text`` labels in ``context``, or ``None`` when it is no label."""
        memo_key = (context, text)
        if memo_key in self._memo:
            return self._memo[memo_key]
        found = self._match(context, text)
        if len(self._memo) >= MEMO_SIZE:
            self._memo.clear()
        self._memo[memo_key] = found
        return found

    def _match(self, context: str, text: str) -> LabelMatch | None:
        index = self._exact[self._context(context)]
        if is_blank(text):
            return None
        key = label_key(text)
        if not key:
            return None
        found = self._match_key(context, index, key)
        if found is not None or "(" not in key:
            return found
        # Retry without the bracket, then with its content alone.
        for retry in (_BRACKET.sub("", key), *_BRACKET.findall(key)):
            retry = label_key(retry)
            if retry and retry != key:
                found = self._match_key(context, index, retry)
                if found is not None:
                    return found
        return None

    def _match_key(self, context: str, index: dict[str, _Variant], key: str) -> LabelMatch | None:
        keys = [key]
        without_year = _LEADING_YEAR.sub("", key)
        if without_year and without_year != key:
            keys.append(without_year)
        for candidate in keys:
            found = index.get(candidate)
            if found is not None:
                return LabelMatch(found.field, found.text, 1.0, True)
        if context in OPEN_CONTEXTS or len(key) > MAX_LABEL_CHARS or _SENTENCE.search(key):
            return None
        if any(candidate in self._all_keys for candidate in keys):
            return None  # a label of another context (时效指标 is no typo of 绩效指标)
        found = None
        if _could_be_label(key, self._min_cjk):
            found = _fuzzy(keys, index.values(), self._contrasts)
        if found is None and context in _HEAD_CONTEXTS:
            found = _short_head(key, index.values())
        return found

    def _context(self, context: str) -> str:
        if context not in self._exact:
            known = ", ".join(self._exact)
            raise KeyError(f"unknown label context {context!r} (known: {known})")
        return context


# ------------------------------------------------------------------------ fuzzy


def _fuzzy_floor(keys: Iterable[str]) -> int:
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


def _could_be_label(key: str, min_cjk: int) -> bool:
    """Cheap prefilter before the fuzzy scorers (a quarter of candidate cells are numbers)."""
    return bool(_LATIN.search(key)) or len(_CJK.findall(key)) >= min_cjk


def _short_head(key: str, variants: Iterable[_Variant]) -> LabelMatch | None:
    """``参考分值`` → 分值, ``自评得分`` → 得分: a short cell ending in a two-character head."""
    if len(key) > _SHORT_HEAD_MAX or key[:1].isdigit():
        return None
    fields = {v.field: v for v in variants if v.key in _SHORT_HEADS and key.endswith(v.key)}
    if len(fields) != 1 or len(key) <= 2:
        return None
    (variant,) = fields.values()
    return LabelMatch(variant.field, variant.text, 0.75, False)


def _contrasts(variants: Iterable[_Variant]) -> set[frozenset[str]]:
    """Character pairs that alone tell two fields apart (预算执行数 / 预算执行率: 数, 率)."""
    by_length: dict[int, list[_Variant]] = {}
    for variant in variants:
        by_length.setdefault(len(variant.key), []).append(variant)
    pairs: set[frozenset[str]] = set()
    for group in by_length.values():
        for i, one in enumerate(group):
            for other in group[i + 1 :]:
                if one.field == other.field:
                    continue
                diff = [(a, b) for a, b in zip(one.key, other.key, strict=True) if a != b]
                if len(diff) == 1:
                    pairs.add(frozenset(diff[0]))
    return pairs


def _fuzzy(
    keys: list[str], variants: Iterable[_Variant], contrasts: frozenset[frozenset[str]]
) -> LabelMatch | None:
    scored: list[tuple[float, int, int, _Variant]] = []
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
    mine, theirs = _tokens(key), _tokens(variant)
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
def _tokens(text: str) -> frozenset[str]:
    return frozenset(word for word in lcut(text) if word.strip())


# ------------------------------------------------------------------------ files


@functools.lru_cache(maxsize=1)
def _default_dictionary() -> LabelDictionary:
    return LabelDictionary(_variants(_packaged_entries(), rank=0))


def _packaged_entries() -> Entries:
    resource = resources.files("jixiao.normalize").joinpath("labels.yaml")
    return _parse(resource.read_text(encoding="utf-8"), "labels.yaml (packaged)", base=None)


def _read_file(path: Path, base: Entries) -> Entries:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise LabelFileError(f"{path}: label file not found") from None
    except UnicodeDecodeError:
        raise LabelFileError(f"{path}: not UTF-8 text") from None
    except OSError as error:
        raise LabelFileError(f"{path}: cannot read label file ({error.strerror})") from None
    return _parse(text, str(path), base=base)


def _parse(text: str, source: str, base: Entries | None) -> Entries:
    """Validate one file: ``context -> field -> [variants]`` (a single string is one variant).

    With ``base`` (a user file), contexts must be known and, outside
    :data:`OPEN_CONTEXTS`, so must fields.
    """
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        raise LabelFileError(f"{source}: not valid YAML{where}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise LabelFileError(f"{source}: expected a mapping of contexts at the top level")
    entries: Entries = {}
    for context, fields in data.items():
        if not isinstance(context, str):
            raise LabelFileError(f"{source}: context {context!r} is not a name")
        if base is not None and context not in base:
            known = ", ".join(base)
            raise LabelFileError(f"{source}: unknown context {context!r} (known: {known})")
        if not isinstance(fields, dict):
            raise LabelFileError(f"{source}: context {context!r} must map fields to variants")
        entries[context] = {}
        for field, variants in fields.items():
            where = f"{context}.{field}"
            if not isinstance(field, str):
                raise LabelFileError(f"{source}: field {field!r} in {context!r} is not a name")
            if base is not None and context not in OPEN_CONTEXTS and field not in base[context]:
                known = ", ".join(base[context])
                raise LabelFileError(f"{source}: unknown field {where!r} (known: {known})")
            entries[context][field] = _variant_list(variants, source, where)
    return entries


def _variant_list(value: object, source: str, where: str) -> list[str]:
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list):
        raise LabelFileError(f"{source}: {where} must be a list of labels")
    out: list[str] = []
    for item in items:
        if not isinstance(item, str) or not label_key(item):
            raise LabelFileError(f"{source}: {where} has a variant that is not a label: {item!r}")
        out.append(item)
    return out


def _variants(entries: Entries, rank: int) -> dict[str, list[_Variant]]:
    return {
        context: [
            _Variant(field, text, label_key(text), rank)
            for field, texts in fields.items()
            for text in texts
        ]
        for context, fields in entries.items()
    }
