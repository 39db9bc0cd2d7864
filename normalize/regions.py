"""Find the column-oriented regions inside a table.

Real forms pack several grids into one Word table: a key–value cover, a funds grid,
an expenditure list, an indicator grid, a list of evaluators. A *region* starts at a
header row — a row where at least two cells name columns of the same kind (fund
columns, indicator columns …) through the label dictionary — and runs over the data
rows below it until another header, a full-width row, or a row whose label is a
report field (``绩效自评综合得分``) ends it.

Column roles come from header text, never from positions. Header cells that span
down into the data rows (``项目资金（万元）``, ``绩\\n效\\n指\\n标``) are *block labels*:
they name the block, may carry its unit, and are not columns.

Two header shapes are recognised:

- **columns**: roles in the header cells, values below them;
- **paired**: ``label | value | label | value`` in one row (``计划安排资金（万元） | 898.7 |
  实际到位资金（万元） | 898.7``), and rows below that repeat the pattern with row
  labels (``其中：中央财政 | … | 其中：中央财政 | …``).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from jixiao.extract.model import Cell, Table
from jixiao.normalize.amounts import parse_amount
from jixiao.normalize.labels import LabelDictionary
from jixiao.normalize.row_shapes import is_full_width, is_key_value_row, is_list_header, is_paired
from jixiao.normalize.source_columns import SourceColumn, source_column
from jixiao.normalize.text import clean_label, is_blank

REGION_CONTEXTS = (
    "fund_column",
    "indicator_column",
    "expenditure_column",
    "goal_column",
    "evaluator_column",
)
MAX_LABEL_CHARS = 30


@dataclass(frozen=True)
class Region:
    """A header and the data rows it governs."""

    context: str
    table: Table
    header_rows: tuple[int, ...]
    roles: dict[int, str]  # grid column → canonical field
    header_cells: dict[str, Cell]  # field → the header cell naming it
    block_cells: tuple[Cell, ...]  # cells naming the block (may carry a unit)
    data_rows: tuple[int, ...] = ()
    paired: bool = False
    # for paired regions: value column → the label column on its left
    pair_labels: dict[int, int] = field(default_factory=dict)
    # funds grids: source sub-columns under an amount header (see source_columns.py)
    source_columns: tuple[SourceColumn, ...] = ()


def label_candidate(text: str) -> bool:
    """Short enough to be a label rather than a value or a sentence."""
    cleaned = clean_label(text)
    return 0 < len(cleaned) <= MAX_LABEL_CHARS


def match_cell(labels: LabelDictionary, context: str, cell: Cell) -> str | None:
    if not label_candidate(cell.text):
        return None
    hit = labels.match(context, cell.text)
    return hit.field if hit else None


def _header_matches(
    labels: LabelDictionary, table: Table, row: int, read: frozenset[int] = frozenset()
) -> tuple[str, dict[Cell, str]] | None:
    """The best context whose column labels ≥2 distinct cells of ``row`` name.

    ``read`` holds the rows above taken as data rows. A cell merged down through one of
    them that holds values (a block label reaching into a repeated header) started in
    an earlier row and never takes a column role here; only a cell merged over header
    rows (the upper row of a two-row header) does.
    """
    # A cell that spans down into the rows below names the block, not a column.
    cells = [
        c
        for c in table.row_cells(row)
        if not is_blank(c.text)
        and c.last_row <= row
        and not _spans_data(labels, table, c, row, read)
    ]
    best: tuple[str, dict[Cell, str]] | None = None
    for context in REGION_CONTEXTS:
        candidates: list[tuple[Cell, str]] = []
        for cell in cells:
            if context == "fund_column" and source_column(labels, table, cell) is not None:
                continue  # one source's share of the amount above, not the amount
            role = match_cell(labels, context, cell) or _under_group(labels, context, table, cell)
            if role is not None:
                candidates.append((cell, _caption_role(table, row, cell, role, context)))
        found = _bind_roles(context, candidates)
        if len(found) < 2:
            continue
        # On a tie, a list of spending items (支出内容 / 资金使用方向 …) is an
        # expenditure table even when its amount column reads like a funds column.
        item_list = context == "expenditure_column" and "item" in found.values()
        if best is None or len(found) > len(best[1]) or (len(found) == len(best[1]) and item_list):
            best = (context, found)
    if best is not None and any(
        cell not in best[1] and not label_candidate(cell.text) for cell in cells
    ):
        return None  # a row holding a long value is a key–value row, not a header
    return best


def _spans_data(
    labels: LabelDictionary, table: Table, cell: Cell, row: int, read: frozenset[int]
) -> bool:
    """``cell`` started above ``row`` and covers a data row holding values (a row of
    column labels read provisionally as data — the upper row of a repeated two-row
    header — does not count)."""
    return cell.row < row and any(
        r in read and _holds_values(labels, table, r) for r in range(cell.row, row)
    )


def _holds_values(labels: LabelDictionary, table: Table, row: int) -> bool:
    """Some cell starting in ``row`` is text no column label of any region names."""
    return any(
        c.row == row
        and not is_blank(c.text)
        and all(match_cell(labels, context, c) is None for context in REGION_CONTEXTS)
        for c in table.row_cells(row)
    )


# The column a repeated role belongs with: 分值 after 一级/二级/三级指标 is the
# indicator's weight when it follows the indicator's name.
_ANCHOR_ROLES = {"indicator_column": "name", "fund_column": "label"}


_AMOUNT_ROLES = frozenset({"planned", "budget", "received", "spent", "balance"})


def _caption_role(table: Table, row: int, cell: Cell, role: str, context: str) -> str:
    """``年度预算数（万元）`` over the row-label column (``年度资金总额``, ``其中：财政拨款``
    below it) is the caption of the row labels, not an amount column."""
    if context != "fund_column" or role not in _AMOUNT_ROLES or cell.col != 0:
        return role
    beside = table.cell_at(row, cell.last_col + 1)
    if beside is None or is_blank(beside.text) or parse_amount(beside.text, "元") is not None:
        return role  # ``计划安排资金 | 898.7``: a label with its value (a paired grid)
    below = table.cell_at(row + 1, cell.col) if row + 1 < table.n_rows else None
    if below is None or below.row != row + 1 or is_blank(below.text):
        return role
    return "label" if parse_amount(below.text, "元") is None else role


def _bind_roles(context: str, candidates: list[tuple[Cell, str]]) -> dict[Cell, str]:
    """One cell per role: the first, or for a repeated role the one that follows the
    row's anchor column (the indicator name) most closely."""
    anchor_role = _ANCHOR_ROLES.get(context)
    anchor = next((c for c, role in candidates if role == anchor_role), None)
    chosen: dict[str, Cell] = {}
    for cell, role in candidates:
        held = chosen.get(role)
        if held is None or (anchor is not None and _closer_after(cell, held, anchor)):
            chosen[role] = cell
    return {cell: role for role, cell in sorted(chosen.items(), key=lambda item: item[1].col)}


def _closer_after(cell: Cell, held: Cell, anchor: Cell) -> bool:
    """``cell`` binds better than ``held``: right of the anchor and nearer to it."""
    if cell.col > anchor.col and held.col < anchor.col:
        return True
    return cell.col > anchor.col and held.col > anchor.col and cell.col < held.col


def _under_group(labels: LabelDictionary, context: str, table: Table, cell: Cell) -> str | None:
    """A sub-header read with its group header: ``年初`` / ``调整`` under ``指标值``
    → ``年初指标值`` / ``调整指标值``; ``预算数`` under ``其中：中央`` … ."""
    above = table.cell_at(cell.row - 1, cell.col) if cell.row > 0 else None
    if above is None or above.col_span <= cell.col_span or is_blank(above.text):
        return None
    for text in (cell.text + above.text, above.text + cell.text):
        if label_candidate(text):
            hit = labels.match(context, text)
            if hit is not None:
                return hit.field
    return None


def _ends_region(labels: LabelDictionary, table: Table, row: int, region: Region) -> bool:
    if is_full_width(table, row):
        return True
    blocks = set(map(id, region.block_cells))
    block_texts = {clean_label(c.text) for c in region.block_cells}
    first_role = min(region.roles) if region.roles else table.n_cols
    for cell in table.row_cells(row):
        if id(cell) in blocks or is_blank(cell.text):
            continue
        # A new block label left of the columns (``绩效目标情况`` after ``资金使用情况``)
        # starts another block; the same label restarting (a page-break artefact) does not.
        if (
            cell.row == row
            and cell.row_span > 1
            and cell.last_col < first_role
            and clean_label(cell.text) not in block_texts
            and region.block_cells
        ):
            return True
        # The first real cell: a report field label (绩效自评综合得分, 评价等次) or the
        # label of another block (年度总体目标) ends the region.
        if region.context != "indicator_column" or not is_total_label(cell.text):
            for context in ("report", "goal_column"):
                if context == region.context or not label_candidate(cell.text):
                    continue
                if labels.match(context, cell.text) is not None:
                    return True
        return False
    return False


# The row that totals an indicator grid (its weights and scores): part of the grid.
TOTAL_ROW_LABELS = frozenset({"总分", "合计", "总计", "得分合计", "分值合计"})


def is_total_label(text: str) -> bool:
    return clean_label(text) in TOTAL_ROW_LABELS


def find_regions(
    table: Table, labels: LabelDictionary, skip_rows: frozenset[int] = frozenset()
) -> list[Region]:
    """All regions of ``table`` in row order; ``skip_rows`` (read already) end a region."""
    regions: list[Region] = []
    current: Region | None = None
    data: list[int] = []

    def close() -> None:
        nonlocal current, data
        if current is not None:
            regions.append(_with_rows(current, tuple(data)))
        current, data = None, []

    read: set[int] = set(skip_rows)  # rows taken as data so far
    for row in range(table.n_rows):
        if row in skip_rows:
            close()
            continue
        header = _header_matches(labels, table, row, frozenset(read))
        if (
            header is not None
            and is_key_value_row(table, row, header[1])
            and not is_list_header(table, row, header[1])
        ):
            header = None
        if header is not None:
            start = _start_region(labels, table, row, header)
            # The upper row of a repeated two-row header was read as data of the grid
            # above until its lower row showed it: it is the new header's row.
            data = [r for r in data if r not in start.header_rows]
            close()
            current = start
            if current.paired:
                data.append(row)
                read.add(row)
            continue
        if current is None:
            continue
        if _ends_region(labels, table, row, current):
            close()
            continue
        data.append(row)
        read.add(row)
        if current.context == "indicator_column" and _is_total_row(table, row, current):
            close()  # the 总分 row ends the grid: key–value rows below it are the form's
    close()
    return regions


def _is_total_row(table: Table, row: int, region: Region) -> bool:
    blocks = set(map(id, region.block_cells))
    for cell in table.row_cells(row):
        if id(cell) not in blocks and not is_blank(cell.text):
            return cell.row == row and is_total_label(cell.text)
    return False


def _start_region(
    labels: LabelDictionary, table: Table, row: int, header: tuple[str, dict[Cell, str]]
) -> Region:
    context, found = header
    pairs = is_paired(table, row, found)
    roles: dict[int, str] = {}
    header_cells: dict[str, Cell] = {}
    if pairs is not None:
        by_col = {cell.col: role for cell, role in found.items()}
        for value_col, label_col in pairs.items():
            roles[value_col] = by_col[label_col]
        header_cells = {role: cell for cell, role in found.items()}
        return Region(
            context=context,
            table=table,
            header_rows=(row,),
            roles=roles,
            header_cells=header_cells,
            block_cells=(),
            paired=True,
            pair_labels=dict(pairs),
        )
    blocks: list[Cell] = []
    sources: list[SourceColumn] = []
    header_rows = {row}
    for cell in table.row_cells(row):
        found_source = source_column(labels, table, cell) if context == "fund_column" else None
        if found_source is not None and cell not in found:
            sources.append(found_source)
            header_rows.add(found_source.group.row)
        elif cell in found:
            for col in range(cell.col, cell.last_col + 1):
                roles[col] = found[cell]
            header_cells.setdefault(found[cell], cell)
            if cell.row < row:
                header_rows.add(cell.row)
        elif cell.last_row > row or cell.row < row:
            blocks.append(cell)
    # A super-header row above (``项目资金`` over ``年初预算数 …``) is part of the header.
    return Region(
        context=context,
        table=table,
        header_rows=tuple(sorted(header_rows)),
        roles=roles,
        header_cells=header_cells,
        block_cells=tuple(blocks),
        source_columns=tuple(sources),
    )


def _with_rows(region: Region, rows: tuple[int, ...]) -> Region:
    return replace(region, data_rows=rows)


def role_cell(region: Region, row: int, role: str) -> Cell | None:
    """The data cell of ``role`` in ``row``.

    When the role's header spans several grid columns the data row may split them
    (``按支出类型 | 基本支出`` under ``资金类别``): the right-most filled cell is the most
    specific one.
    """
    cols = sorted(col for col, name in region.roles.items() if name == role)
    found: Cell | None = None
    for col in cols:
        cell = region.table.cell_at(row, col)
        if cell is None:
            continue
        if found is None or (cell is not found and not is_blank(cell.text)):
            found = cell
    return found


def row_label_cell(region: Region, row: int) -> Cell | None:
    """The right-most filled cell of ``row`` left of the first role column.

    Block labels (cells naming the whole block) are skipped; of several label cells
    (``按支出类型 | 基本支出``) the innermost names the row.
    """
    blocks = set(map(id, region.block_cells))
    first_role = min(region.roles) if region.roles else region.table.n_cols
    found: Cell | None = None
    for cell in region.table.row_cells(row):
        if cell.col >= first_role:
            break
        if id(cell) not in blocks and not is_blank(cell.text):
            found = cell
    return found
