"""Unit tests for the PDF reader's small functions, on hand-made inputs."""

from __future__ import annotations

from dataclasses import replace

from jixiao.extract.pdf.continuation import (
    columns_match,
    is_repeated_header,
    is_split_row,
)
from jixiao.extract.pdf.layout import Line, Word, group_lines, words_text
from jixiao.extract.pdf.page_furniture import furniture, is_page_number
from jixiao.extract.pdf.reflow import Margins, cell_text, join_wrapped, reflow
from jixiao.extract.pdf.text_quality import PageText, classify_text, format_pages

SIZE = 10.0


def word(text: str, x0: float, top: float, size: float = SIZE) -> Word:
    """A word whose characters are one em wide (CJK) or half an em (ASCII)."""
    width = sum(size if ord(ch) > 0x2E80 else size / 2 for ch in text)
    return Word(text, x0, top, x0 + width, top + size, size)


def line(text: str, x0: float, top: float, page: int = 1, size: float = SIZE) -> Line:
    return Line(page, (word(text, x0, top, size),))


# --- joining wrapped text ---------------------------------------------------------


def test_join_wrapped_cjk_has_no_space() -> None:
    assert join_wrapped("2018年支", "付金额") == "2018年支付金额"


def test_join_wrapped_keeps_space_between_latin_words() -> None:
    assert join_wrapped("Internet", "access") == "Internet access"
    assert join_wrapped("合同总价款52.10", "万元") == "合同总价款52.10万元"


def test_join_wrapped_forced_break_inside_a_token() -> None:
    assert join_wrapped("0751-887771", "6", filled=True) == "0751-8877716"


def test_words_text_space_only_where_the_gap_means_one() -> None:
    spaced = (replace(word("100M", 0, 0), space_after=True), word("互联网", 20 + 3, 0))
    assert words_text(spaced) == "100M 互联网"  # a real space character
    autospaced = (word("第", 0, 0), word("1", 10 + 2, 0), word("项", 17 + 2, 0))
    assert words_text(autospaced) == "第1项"  # CJK/Latin auto-spacing is not a space
    positioned = (word("Internet", 0, 0), word("access", 40 + 3, 0))
    assert words_text(positioned) == "Internet access"  # Latin words placed apart
    tight = (word("政务", 0, 0), word("云", 20 + 1.5, 0))  # justified CJK spacing
    assert words_text(tight) == "政务云"


def test_group_lines_orders_words_into_lines() -> None:
    words = [word("第二行", 0, 20), word("右", 50, 0.5), word("左", 0, 0)]
    lines = group_lines(words, page=1)
    assert [ln.text for ln in lines] == ["左 右", "第二行"]


def test_cell_text_joins_wraps_and_keeps_evident_breaks() -> None:
    wrapped = [line("2018年支", 0, 0), line("付金额", 0, 13)]
    assert cell_text(wrapped) == "2018年支付金额"
    # a line ending short with 。 then a new paragraph
    paras = [
        line("合同款已全部支付合同款已全", 0, 0),
        line("部支付。", 0, 13),
        line("2018年续签合同总价款", 0, 26),
    ]
    assert cell_text(paras) == "合同款已全部支付合同款已全部支付。\n2018年续签合同总价款"
    # a blank gap
    gapped = [line("第一段写满这行", 0, 0), line("还有一行写满", 0, 13), line("第二段", 0, 50)]
    assert cell_text(gapped) == "第一段写满这行还有一行写满\n第二段"


def test_reflow_paragraphs_by_indent_short_lines_and_pages() -> None:
    m = Margins(left=0, right=200, size=SIZE, line_gap=4)
    lines = [
        line("一、评价情况", 20, 0),  # short: a heading line
        line("评价组对项目资金共计2,053.30万元进行了现场", 20, 14),  # indented first line
        line("绩效评价，评价采用定量分析和定性分析相结合的", 0, 28),
        line("方法。", 0, 42),  # ends short
        line("第二段从这里开始，并且一直写到这一行的末尾", 20, 56),
        line("跨页继续写的内容。", 0, 60, page=2),  # continues on the next page
    ]
    # make the full lines reach the right margin
    full = [
        ln if ln.x1 < 150 else Line(ln.page, (Word(ln.text, ln.x0, ln.top, 200, ln.bottom, SIZE),))
        for ln in lines
    ]
    paragraphs = reflow(full, m)
    assert [len(p) for p in paragraphs] == [1, 3, 2]
    assert paragraphs[2][1].page == 2


# --- page furniture -----------------------------------------------------------------


def test_page_number_patterns() -> None:
    for text in ("- 3 -", "第 3 页 共 9 页", "3", "3/9", "第3页", "Page 3 of 9", "—12—"):
        assert is_page_number(text), text
    for text in ("2018 年 8 月 10 日", "一、评价情况", "3.50", "100%"):
        assert not is_page_number(text), text


def test_furniture_drops_numbers_and_repeated_headers_only_in_the_bands() -> None:
    heights = {1: 800.0, 2: 800.0, 3: 800.0}
    lines = []
    for page in (1, 2, 3):
        lines.append(line("长沙市财政局绩效评价报告", 300, 30, page))
        lines.append(line("正文内容", 60, 400, page))
        lines.append(line(f"- {page} -", 280, 770, page))
    lines.append(line("3", 60, 400, 1))  # a bare number in the body is content
    dropped = furniture(lines, heights)
    assert {ln.text for ln in dropped} == {"长沙市财政局绩效评价报告", "- 1 -", "- 2 -", "- 3 -"}
    assert all(ln.top < 80 or ln.top > 700 for ln in dropped)


# --- continuation ------------------------------------------------------------------


def test_columns_match_within_tolerance() -> None:
    assert columns_match((50.0, 100.0, 200.0), (51.5, 99.0, 201.0))
    assert not columns_match((50.0, 100.0, 200.0), (50.0, 150.0, 300.0))


def test_columns_match_a_grid_moved_sideways_by_mirrored_margins() -> None:
    odd = (62.0, 96.0, 139.0, 185.0, 259.0, 533.0)
    even = tuple(x + 6 for x in odd)
    assert columns_match(odd, even)
    assert not columns_match(odd, tuple(x + 60 for x in odd))  # another table
    assert not columns_match(odd, (68.0, 110.0, 139.0, 185.0, 259.0, 539.0))  # other rulings


def test_repeated_header_is_recognised_whitespace_insensitively() -> None:
    assert is_repeated_header(["项目名称", "合同金额 (万元)"], ["项目名称", "合同金额(万元)"])
    assert not is_repeated_header(["项目名称", "金额"], ["政务云", "528.94"])


def test_split_row_versus_new_row_with_group_label_once() -> None:
    a_last = [
        "",
        "",
        "资金执行率",
        "100%",
        "96.8%",
        "3",
        "2.5",
        "部分工程尚未完成竣工结算，质保金按合同约定暂",
    ]
    rest = ["", "", "", "", "", "", "", "未支付。"]
    new_row = ["", "", "水费收缴率", "≥85%", "83.1%", "3", "2.5", "已按计划完成。"]
    assert is_split_row(a_last, rest)
    assert not is_split_row(a_last, new_row)
    assert not is_split_row(a_last, ["效益指标", "", "", "", "", "", "", ""])


# --- text quality ------------------------------------------------------------------


def test_classify_text() -> None:
    assert classify_text("一、项目基本情况 2018年") is PageText.OK
    assert classify_text("   \n ") is PageText.EMPTY
    assert classify_text("(cid:12)(cid:345)(cid:6)(cid:77)(cid:8)- 2 -") is PageText.UNREADABLE
    assert classify_text("\ue001\ue002\ue003\ue004\ue005\ue006正文") is PageText.UNREADABLE
    assert classify_text("\ufffd" * 20 + "正文") is PageText.UNREADABLE
    assert classify_text("≥95% □ √ ① 项目") is PageText.OK


def test_format_pages() -> None:
    assert format_pages([1, 2, 3]) == "pages 1–3"
    assert format_pages([2]) == "page 2"
    assert format_pages([5, 1, 2, 7, 8]) == "pages 1–2, 5, 7–8"


def test_margins_of_lines_that_share_no_left_edge() -> None:
    words = [
        Word(f"第{i}行文字", 50.0 + 17 * i, 100.0 + 20 * i, 150.0 + 17 * i, 112.0 + 20 * i, 12.0)
        for i in range(8)
    ]
    lines = [line for w in words for line in group_lines([w], page=1)]
    margins = Margins.of(lines)
    assert margins.left in {round(line.x0) for line in lines}
