"""Which labels of a corpus the dictionary does not know (``jixiao labels``).

A user meeting a new province's form runs this over the folder, sees the row labels
and column headers nothing mapped, adds the ones that matter to a YAML file and
re-runs with ``--labels FILE``. Candidates are the cells where labels live: the first
row of a table (column headers), the first filled cell of each row (row labels), and
the left side of ``label：value`` lines; values (amounts, dates, names of people) are
left out, and so are the data rows of grids the dictionary recognised.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from jixiao.extract.headings import numbering_of
from jixiao.extract.model import Document, Paragraph, Table
from jixiao.normalize.amounts import parse_amount
from jixiao.normalize.dates import parse_date, parse_year
from jixiao.normalize.labels import LabelDictionary
from jixiao.normalize.numbers import parse_number, parse_rate
from jixiao.normalize.regions import find_regions
from jixiao.normalize.text import clean_label, is_blank, label_key

MAX_CANDIDATE_CHARS = 20
# Names of things, not labels: a project, a company, an office.
_ENTITY_END = re.compile(r"(项目|工程|公司|局|中心|委员会|办公室|医院|学校|大学|银行|政府)$")
_NOT_LABEL = re.compile(r"签字|签章|签名|盖章|年月日|^附件|^附表")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_COLON_LABEL = re.compile(r"^\s*([^：:\n]{2,20})[：:]")


@dataclass(frozen=True)
class UnknownLabel:
    label: str  # as written, whitespace removed
    key: str  # the matching key (what the dictionary would need)
    count: int
    example: str  # a file it occurs in


def _is_value(text: str) -> bool:
    return (
        any(
            parser(text) is not None
            for parser in (parse_number, parse_rate, parse_date, parse_year)
        )
        or parse_amount(text, "元") is not None
    )


def candidate_labels(doc: Document, labels: LabelDictionary) -> Iterator[str]:
    """Texts in label positions of ``doc``."""
    for block in doc.blocks:
        if isinstance(block, Table):
            yield from _table_candidates(block, labels)
        elif isinstance(block, Paragraph):
            found = _COLON_LABEL.match(block.text)
            if found:
                yield found.group(1)


def _table_candidates(table: Table, labels: LabelDictionary) -> Iterator[str]:
    """Header cells of the grids found, and the row labels of rows outside them.

    Data rows of a recognised grid hold values (indicator names, spending items), not
    labels; a header cell the grid did not map is an unknown column.
    """
    in_region: set[int] = set()
    for region in find_regions(table, labels):
        in_region.update(region.data_rows)
        for row in region.header_rows:
            in_region.add(row)
            mapped = {id(c) for c in region.header_cells.values()}
            for cell in table.row_cells(row):
                if cell.row == row and id(cell) not in mapped:
                    yield cell.text
    for row in range(table.n_rows):
        if row in in_region:
            continue
        cells = [c for c in table.row_cells(row) if c.row == row and not is_blank(c.text)]
        if any(_known(labels, c.text) for c in cells):
            yield from (c.text for c in cells[::2])  # label | value | label | value
        elif len(cells) >= 3 and all(
            len(clean_label(c.text)) <= MAX_CANDIDATE_CHARS for c in cells
        ):
            yield from (c.text for c in cells)  # a header row of a grid nothing recognised
        elif cells:
            yield cells[0].text


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
        for text in candidate_labels(doc, labels):
            label = clean_label(text)
            if (
                not label
                or len(label) > MAX_CANDIDATE_CHARS
                or len(_CJK.findall(label)) < 2
                or is_blank(label)
                or _ENTITY_END.search(label)
                or _NOT_LABEL.search(label)
                or numbering_of(label.strip()) is not None
                and label_key(text) != label
                or _is_value(text)
                or _known(labels, text)
            ):
                continue
            key = label_key(text)
            counts[key] += 1
            written.setdefault(key, label)
            example.setdefault(key, name)
    return [
        UnknownLabel(written[key], key, count, example[key]) for key, count in counts.most_common()
    ]
