"""Joining a table continued on the next page, on hand-made grids; rotated pages."""

from __future__ import annotations

from pathlib import Path

import pypdfium2

from jixiao.extract.model import SourceInfo
from jixiao.extract.pdf import read_pdf
from jixiao.extract.pdf.continuation import continues, is_continued_marker, join
from jixiao.extract.pdf.grid import RawCell, RawTable
from jixiao.extract.pdf.rotation import text_turn

XS = (50.0, 120.0, 300.0, 400.0)
SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def table(page: int, rows: list[list[tuple[str, int]]]) -> RawTable:
    """Rows of (text, row_span) per column; a span's covered positions are omitted."""
    cells: list[RawCell] = []
    covered: set[tuple[int, int]] = set()
    for r, row in enumerate(rows):
        cols = iter(row)
        for c in range(3):
            if (r, c) in covered:
                continue
            text, span = next(cols)
            cells.append(
                RawCell(text, r, c, span, 1, page, (XS[c], r * 20.0, XS[c + 1], r * 20.0 + 20))
            )
            covered |= {(r + k, c) for k in range(span)}
    return RawTable(page, (XS[0], 0, XS[-1], len(rows) * 20.0), len(rows), 3, tuple(cells), XS)


HEADER = [("项目名称", 1), ("服务项目名称", 1), ("合同金额", 1)]


def test_repeated_header_dropped_and_merged_cell_extended() -> None:
    a = table(
        3,
        [
            HEADER,
            [("安全运维项目", 2), ("安全监控平台", 1), ("6.00", 1)],
            [("安全评估服务", 1), ("8.00", 1)],
        ],
    )
    b = table(4, [HEADER, [("", 2), ("安全加固服务", 1), ("2.00", 1)], [("小计", 1), ("16.00", 1)]])
    assert continues(a, b)
    joined = join(a, b)
    assert joined.n_rows == 5
    assert [joined.row_texts(r)[1] for r in range(5)] == [
        "服务项目名称",
        "安全监控平台",
        "安全评估服务",
        "安全加固服务",
        "小计",
    ]
    project = joined.cell_at(4, 0)
    assert project is not None and project.text == "安全运维项目" and project.row_span == 4
    assert {c.page for c in joined.cells} == {3, 4}
    assert joined.end_page == 4


def test_row_split_by_the_break_is_rejoined() -> None:
    a = table(1, [HEADER, [("政务云", 1), ("信息网络及软件购", 1), ("528.94", 1)]])
    b = table(
        2,
        [
            HEADER,
            [("", 1), ("置更新", 1), ("", 1)],
            [("基层平台", 1), ("监理服务", 1), ("10.91", 1)],
        ],
    )
    joined = join(a, b)
    assert joined.n_rows == 3
    assert joined.row_texts(1) == ["政务云", "信息网络及软件购置更新", "528.94"]
    assert joined.row_texts(2) == ["基层平台", "监理服务", "10.91"]


def test_different_columns_or_pages_do_not_continue() -> None:
    a = table(1, [HEADER])
    moved = RawTable(2, a.bbox, 1, 3, a.cells, (50.0, 200.0, 250.0, 400.0))
    assert not continues(a, moved)
    later = RawTable(3, a.bbox, 1, 3, a.cells, XS)
    assert not continues(a, later)


def test_continued_marker() -> None:
    assert is_continued_marker("续表")
    assert is_continued_marker("（续表）")
    assert is_continued_marker("续上表：")
    assert not is_continued_marker("续表说明了项目资金使用情况")


def test_text_turn_from_character_matrices() -> None:
    def chars(matrix: tuple[float, ...], n: int) -> list[dict[str, object]]:
        return [{"matrix": matrix}] * n

    assert text_turn(chars((12, 0, 0, 12, 0, 0), 5)) == 0
    assert text_turn(chars((0, 12, -12, 0, 0, 0), 5) + chars((12, 0, 0, 12, 0, 0), 1)) == 90
    assert text_turn(chars((0, -12, 12, 0, 0, 0), 5)) == 270
    assert text_turn(chars((-12, 0, 0, -12, 0, 0), 5)) == 180
    assert text_turn([]) == 0


def test_page_rotated_against_its_text_is_turned_back(tmp_path: Path) -> None:
    pdf = pypdfium2.PdfDocument(str(SAMPLES / "shaoguan_2020_12345_hotline_basic_info.pdf"))
    try:
        pdf[2].set_rotation(90)
        rotated = tmp_path / "rotated.pdf"
        pdf.save(str(rotated))
    finally:
        pdf.close()
    doc = read_pdf(rotated, SourceInfo(str(rotated), "0" * 64, "pdf", rotated.stat().st_size))
    form = doc.tables[-1]
    assert form.n_cols == 2
    assert form.row_texts(0) == ("项目名称:", "韶关市12345政府服务热线（含网络问政）平台整合项目")


def test_a_coarser_grid_of_the_same_rulings_continues_the_table() -> None:
    """An 8-column form continuing with rows that merge its columns in pairs (seen in
    LibreOffice exports of the 岳阳 form: 姓名 | 职称/职务 | 单位 | 签字 on the next page)."""
    from jixiao.extract.pdf.continuation import columns_match

    eight = (50.0, 110.0, 170.0, 230.0, 290.0, 350.0, 410.0, 470.0, 530.0)
    pairs = (50.0, 170.0, 290.0, 410.0, 530.0)
    assert columns_match(eight, pairs)
    other = (50.0, 140.0, 300.0, 530.0)  # inner rulings that are not A's: another table
    assert not columns_match(eight, other)
    assert not columns_match(eight, (50.0, 530.0))  # a single wide cell proves nothing


def test_margins_of_lines_with_no_shared_left_edge_do_not_crash() -> None:
    """An unruled form: every line starts somewhere else, in its own size (issue 10)."""
    from jixiao.extract.pdf.layout import Line, Word
    from jixiao.extract.pdf.reflow import Margins

    lines = [
        Line(
            1, (Word(f"字{i}", 40.0 + 37 * i, 100.0 + 20 * i, 80.0 + 37 * i, 110 + 20 * i, 8 + i),)
        )
        for i in range(7)
    ]
    margins = Margins.of(lines)
    assert margins.left == 40.0


def test_merged_cell_text_repeated_on_the_next_page_is_read_once() -> None:
    """A split row whose label is printed again on the new page (issue 10)."""
    a = table(3, [HEADER, [("1", 1), ("一般性支出情况", 1), ("办公费用", 1)]])
    b = table(4, [[("", 1), ("一般性支出情况", 1), ("", 1)], [("小计", 1), ("", 1), ("9", 1)]])
    joined = join(a, b)
    texts = [c.text for c in joined.cells]
    assert "一般性支出情况一般性支出情况" not in texts
    assert texts.count("一般性支出情况") == 1


def test_merged_cell_repeated_below_the_break_extends_the_cell() -> None:
    a = table(
        3,
        [HEADER, [("一般性支出情况", 2), ("办公费", 1), ("6.00", 1)], [("会议费", 1), ("3.00", 1)]],
    )
    b = table(4, [[("一般性支出情况", 1), ("差旅费", 1), ("2.00", 1)]])
    joined = join(a, b)
    label = joined.cell_at(3, 0)
    assert label is not None and label.text == "一般性支出情况" and label.row_span == 3


def test_repeated_header_with_a_blank_block_label_column_is_dropped() -> None:
    """The 绩效指标 column, merged over header and data, is blank on the new page."""
    from jixiao.extract.pdf.continuation import is_repeated_header

    assert is_repeated_header(["绩效指标", "三级指标", "得分"], ["", "三级指标", "得分"])
    assert not is_repeated_header(["绩效指标", "三级指标", "得分"], ["", "培训人数", "10"])
    assert is_repeated_header(["一级", "三级指标", "得分"], ["一级", "三级指标", "得分"])


def test_merged_label_repeated_beside_a_cut_row_is_one_cell() -> None:
    """No block-label column: the first column's merged label starts on the cut row and
    is printed again on the next page (issue 10, item 14)."""
    a = table(
        3,
        [
            HEADER,
            [("产出指标", 1), ("设备验收合格率", 1), ("已完成", 1)],
            [("效益指标", 1), ("基层诊疗量占比", 1), ("较上年提高", 1)],
        ],
    )
    b = table(
        4,
        [
            [("效益指标", 3), ("", 1), ("2.1个百分点", 1)],
            [("群众就近就医覆盖率", 1), ("", 1)],
            [("长效管护机制", 1), ("", 1)],
        ],
    )
    joined = join(a, b)
    assert joined.n_rows == 5
    assert [c.text for c in joined.cells].count("效益指标") == 1
    label = joined.cell_at(4, 0)
    assert label is not None and label.text == "效益指标" and (label.row, label.row_span) == (2, 3)
    assert joined.row_texts(2) == ["效益指标", "基层诊疗量占比", "较上年提高2.1个百分点"]
    assert joined.row_texts(3)[1] == "群众就近就医覆盖率"


def test_merged_cell_over_a_cut_row_is_not_extended_past_the_table() -> None:
    """A blank part of a merged cell beside a cut row: the cut row is counted once."""
    a = table(
        3,
        [
            HEADER,
            [("产出指标", 2), ("设备验收合格率", 1), ("已完成", 1)],
            [("培训考核合格率", 1), ("较上年", 1)],
        ],
    )
    b = table(4, [[("", 2), ("", 1), ("提高", 1)], [("项目完成及时率", 1), ("已完成", 1)]])
    joined = join(a, b)
    assert joined.n_rows == 4
    assert joined.row_texts(2)[2] == "较上年提高"
    label = joined.cell_at(3, 0)
    assert label is not None and label.text == "产出指标" and label.row_span == 3
