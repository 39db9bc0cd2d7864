"""The readers refuse what is over a per-file limit before doing the work (issue 15)."""

from __future__ import annotations

import sys
import zlib
from pathlib import Path

import pytest

from jixiao.errors import OverLimitError
from jixiao.extract import read_document
from jixiao.extract.limits import ReadLimits, using_limits
from jixiao.extract.pdf.bounded import bounded_decompress
from jixiao.extract.sniff import describe_head

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from scripts.build_hostile_corpus import (  # noqa: E402
    big_table_docx,
    deflate_repeated,
    gridspan_docx,
    huge_page_pdf,
    many_pages_pdf,
    nested_tables_docx,
)


def _reason(path: Path, data: bytes, limits: ReadLimits | None = None) -> str:
    path.write_bytes(data)
    with using_limits(limits or ReadLimits()), pytest.raises(OverLimitError) as info:
        read_document(path)
    return info.value.reason


def test_nested_tables_are_refused_before_recursion(tmp_path: Path) -> None:
    reason = _reason(tmp_path / "n.docx", nested_tables_docx(600))
    assert reason == "tables nested 600 deep, over the 64-level limit"


def test_a_huge_grid_span_is_refused(tmp_path: Path) -> None:
    reason = _reason(tmp_path / "g.docx", gridspan_docx(10**9))
    assert reason.startswith("a table 1000000000 columns wide")


def test_table_cells_are_counted_before_reading(tmp_path: Path) -> None:
    reason = _reason(
        tmp_path / "t.docx", big_table_docx(rows=300, cols=4), ReadLimits(max_cells=1000)
    )
    assert reason == "1200 table cells, over the 1000-cell limit"


def test_pages_are_refused_from_the_declared_count(tmp_path: Path) -> None:
    reason = _reason(tmp_path / "p.pdf", many_pages_pdf(40), ReadLimits(max_pages=30))
    assert reason.startswith("40 pages, over the 30-page limit")


def test_a_page_too_large_to_render_is_refused(tmp_path: Path) -> None:
    reason = _reason(tmp_path / "big.pdf", huge_page_pdf(20_000))
    assert reason == "page 1 is 20000 × 20000 pt, over the 14400 pt page-size limit"


def test_flate_streams_stop_at_the_limit() -> None:
    bomb = deflate_repeated(b"\0" * 65536, 64)  # 4 MB from a few kB
    with using_limits(ReadLimits(max_stream=1 << 20)), pytest.raises(OverLimitError):
        bounded_decompress(bomb)
    assert bounded_decompress(bomb) == b"\0" * (4 << 20)  # under the default limit
    with pytest.raises(zlib.error):
        bounded_decompress(bomb[:-10])  # truncated: pdfminer salvages it as before


def test_errors_describe_a_file_never_quote_it() -> None:
    assert describe_head(b"root:x:0:0:root:/root:/bin/bash\n") == "plain text"
    assert describe_head(b"\x89PNG\r\n\x1a\n\0\0") == "a PNG image"
    assert describe_head(bytes(range(256))) == "unrecognised binary data"
