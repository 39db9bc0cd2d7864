"""Which labels of a corpus the dictionary does not know (``jixiao labels``).

A user meeting a new province's form runs this over the folder, sees the row labels
and column headers nothing mapped, adds the ones that matter to a YAML file and
re-runs with ``--labels FILE``. Candidates are the cells where labels live: the first
row of a table (column headers), the first filled cell of each row (row labels), and
the left side of ``label：value`` lines; values (amounts, dates, names of people) are
left out.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from jixiao.extract.model import Document, Paragraph, Table
from jixiao.normalize.amounts import parse_amount
from jixiao.normalize.dates import parse_date, parse_year
from jixiao.normalize.evaluators import looks_like_person
from jixiao.normalize.labels import LabelDictionary
from jixiao.normalize.numbers import parse_number, parse_rate
from jixiao.normalize.text import clean_label, is_blank, label_key

MAX_CANDIDATE_CHARS = 20
_CJK = re.compile(r"[\u4e00-\u9fff]")
_COLON_LABEL = re.compile(r"^\s*([^：:\n]{2,20})[：:]")
# Contexts whose labels count as "known" (every context of the dictionary).
_ALL = None


@dataclass(frozen=True)
class UnknownLabel:
    label: str  # as written, whitespace removed
    key: str  # the matching key (what the dictionary would need)
    count: int
    example: str  # a file it occurs in


def _is_value(text: str) -> bool:
    return any(
        parser(text) is not None
        for parser in (parse_number, parse_rate, parse_date, parse_year)
    ) or parse_amount(text, "元") is not None or looks_like_person(text)


def candidate_labels(doc: Document) -> Iterator[str]:
    """Texts in label positions of ``doc``."""
    for block in doc.blocks:
        if isinstance(block, Table):
            yield from _table_candidates(block)
        elif isinstance(block, Paragraph):
            found = _COLON_LABEL.match(block.text)
            if found:
                yield found.group(1)


def _table_candidates(table: Table) -> Iterator[str]:
    for cell in table.row_cells(0):
        yield cell.text
    for row in range(1, table.n_rows):
        first = next((c for c in table.row_cells(row) if not is_blank(c.text)), None)
        if first is not None and first.row == row:
            yield first.text


def _known(labels: LabelDictionary, text: str) -> bool:
    return any(labels.match(context, text) is not None for context in labels.contexts())


def unknown_labels(
    documents: Iterable[tuple[str, Document]], labels: LabelDictionary
) -> list[UnknownLabel]:
    """Unmapped label candidates over a corpus, most frequent first."""
    counts: Counter[str] = Counter()
    written: dict[str, str] = {}
    example: dict[str, str] = {}
    for name, doc in documents:
        for text in candidate_labels(doc):
            label = clean_label(text)
            if (
                not label
                or len(label) > MAX_CANDIDATE_CHARS
                or len(_CJK.findall(label)) < 2
                or is_blank(label)
                or _is_value(text)
                or _known(labels, text)
            ):
                continue
            key = label_key(text)
            counts[key] += 1
            written.setdefault(key, label)
            example.setdefault(key, name)
    return [
        UnknownLabel(written[key], key, count, example[key])
        for key, count in counts.most_common()
    ]
