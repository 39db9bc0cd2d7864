"""The label dictionary: which written label means which canonical field.

The data lives in ``labels.yaml`` (packaged) and in user files of the same shape
(``context -> field -> [variants]``, read by :mod:`.label_files`). Matching is exact
on :func:`label_key` first, then fuzzy (:mod:`.label_fuzzy`: containment, a
one-character typo, word overlap, scored only against variants that share enough
characters).

A text that is exactly a label of *another* context is never matched fuzzily
(``时效指标`` is a level-2 name, not a typo of ``绩效指标``).
Long cells (> 20 characters) and sentences are prose, never labels. Candidates from
different fields that tie exactly are ambiguous: no match.

Answers are memoised in the process per text, and fuzzy answers per label key also on
disk (:mod:`.label_memo`), keyed by the dictionary and the matcher, so a new worker
does not score again what an earlier one did.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping
from pathlib import Path

from jixiao.normalize.label_files import (
    OPEN_CONTEXTS,
    LabelFileError,
    digest,
    packaged_entries,
    read_file,
    variants_of,
)
from jixiao.normalize.label_fuzzy import (
    THRESHOLD,
    FuzzyIndex,
    contrasts,
    could_be_label,
    fuzzy_floor,
)
from jixiao.normalize.label_memo import LabelMemo, memo_key
from jixiao.normalize.label_types import LabelMatch, Variant
from jixiao.normalize.text import is_blank, label_key

__all__ = [
    "MAX_LABEL_CHARS",
    "OPEN_CONTEXTS",
    "THRESHOLD",
    "LabelDictionary",
    "LabelFileError",
    "LabelMatch",
]

MAX_LABEL_CHARS = 20
MEMO_SIZE = 50_000  # (context, text) answers kept per dictionary in the process
# Contexts whose fuzzy matches may fall back to a two-character head (参考分值 → 分值).
_HEAD_CONTEXTS = frozenset({"fund_column", "indicator_column", "fund_row"})
_UNSEEN = object()
_LEADING_YEAR = re.compile(r"^\d{4}年(?:度)?")
_SENTENCE = re.compile(r"[。；;！？!?]")
# A bracket inside a header that is not a unit or weight: an alias
# (指标名称（三级指标）) or a formula (得分（20分*执行率）).
_BRACKET = re.compile(r"\(([^()]*)\)")


class LabelDictionary:
    """Contexts of canonical fields, each with the labels that mean it."""

    def __init__(self, variants: Mapping[str, Iterable[Variant]]) -> None:
        listed = {context: list(items) for context, items in variants.items()}
        self._fields: dict[str, tuple[str, ...]] = {}
        self._exact: dict[str, dict[str, Variant]] = {}
        found_contrasts: set[frozenset[str]] = set()
        for context, items in listed.items():
            index: dict[str, Variant] = {}
            fields: dict[str, None] = {}
            for variant in items:
                fields.setdefault(variant.field)
                held = index.get(variant.key)
                if held is None or variant.rank > held.rank:
                    index[variant.key] = variant
            self._exact[context] = index
            self._fields[context] = tuple(fields)
            found_contrasts |= contrasts(index.values())
        self._contrasts = frozenset(found_contrasts)
        self._fuzzy = {
            context: FuzzyIndex(index.values(), self._contrasts)
            for context, index in self._exact.items()
        }
        self._all_keys = frozenset(key for index in self._exact.values() for key in index)
        self._min_cjk = fuzzy_floor(self._all_keys)
        # Forms repeat their labels endlessly (a corpus has ~7 % distinct cells):
        # answers are memoised per dictionary, bounded so a long batch stays flat; fuzzy
        # answers also per label key, in the process and on disk.
        self._memo: dict[tuple[str, str], LabelMatch | None] = {}
        self._fuzzy_memo: dict[tuple[str, str], LabelMatch | None] | None = None  # read lazily
        self._listed: dict[tuple[str, str], tuple[str, ...]] = {}
        self._disk = LabelMemo(memo_key(digest(listed)))

    # ---------------------------------------------------------------- construction

    @classmethod
    def default(cls) -> LabelDictionary:
        """The packaged dictionary (``labels.yaml``)."""
        return _default_dictionary()

    @classmethod
    def load(cls, *extra: Path) -> LabelDictionary:
        """The packaged dictionary plus user files, merged in order; later files win ties."""
        entries = packaged_entries()
        variants = variants_of(entries, rank=0)
        for rank, path in enumerate(extra, start=1):
            user = read_file(Path(path), base=entries)
            for context, items in variants_of(user, rank=rank).items():
                variants[context].extend(items)
        return cls(variants)

    # ---------------------------------------------------------------- queries

    def contexts(self) -> tuple[str, ...]:
        return tuple(self._fields)

    def fields(self, context: str) -> tuple[str, ...]:
        return self._fields[self._context(context)]

    def variants(self, context: str, field: str) -> tuple[str, ...]:
        """The variants of one field as written in the dictionary files."""
        found = self._listed.get((context, field))
        if found is None:
            index = self._exact[self._context(context)]
            found = tuple(v.text for v in index.values() if v.field == field)
            self._listed[(context, field)] = found
        return found

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

    def flush_memo(self) -> None:
        """Write the fuzzy answers found since the last call to the on-disk memo."""
        self._disk.flush()

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

    def _match_key(self, context: str, index: dict[str, Variant], key: str) -> LabelMatch | None:
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
        if could_be_label(key, self._min_cjk):
            found = self._fuzzy_key(context, keys)
        if found is None and context in _HEAD_CONTEXTS:
            found = self._fuzzy[context].short_head(key)
        return found

    def _fuzzy_key(self, context: str, keys: list[str]) -> LabelMatch | None:
        """The fuzzy answer for ``keys`` (a key, and without its leading year): memoised
        in the process and on disk, since scoring is most of the matching work."""
        if self._fuzzy_memo is None:
            self._fuzzy_memo = self._disk.stored()
        memo_key = (context, keys[0])
        found = self._fuzzy_memo.get(memo_key, _UNSEEN)
        if found is _UNSEEN:
            found = self._fuzzy[context].match(keys)
            self._disk.put(context, keys[0], found)
            if len(self._fuzzy_memo) >= MEMO_SIZE:
                self._fuzzy_memo.clear()
            self._fuzzy_memo[memo_key] = found
        return found  # type: ignore[return-value]

    def _context(self, context: str) -> str:
        if context not in self._exact:
            known = ", ".join(self._exact)
            raise KeyError(f"unknown label context {context!r} (known: {known})")
        return context


@functools.lru_cache(maxsize=1)
def _default_dictionary() -> LabelDictionary:
    return LabelDictionary(variants_of(packaged_entries(), rank=0))
