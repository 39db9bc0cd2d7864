"""File names shown to people and logs are escaped, one line, and lossless (issue 15)."""

from __future__ import annotations

import os
import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from jixiao.errors import display_path, path_from_display, safe_reason


def test_control_characters_and_bad_bytes_are_escaped() -> None:
    assert display_path(b"a\xffb.docx") == "a\\xffb.docx"
    assert display_path(os.fsdecode(b"a\xffb.docx")) == "a\\xffb.docx"
    assert display_path("forged.docx\nINFO loaded x.docx") == "forged.docx\\nINFO loaded x.docx"
    assert display_path("red\x1b[31m.docx") == "red\\x1b[31m.docx"
    assert display_path("evil\u202etxt.docx") == "evil\\u202etxt.docx"
    assert display_path("二〇二一年 绩效.docx") == "二〇二一年 绩效.docx"


@given(st.binary(min_size=1, max_size=40).filter(lambda b: b"\0" not in b and b"/" not in b))
def test_display_form_is_one_printable_line_and_lossless(name: bytes) -> None:
    shown = display_path(name)
    assert all(c.isprintable() or unicodedata.category(c) == "Zs" for c in shown)
    shown.encode("utf-8")  # no surrogates left: any log or database takes it
    assert path_from_display(shown) == name


def test_reasons_never_quote_file_bytes_or_break_lines() -> None:
    reason = safe_reason("damaged PDF: unexpected b'root:x:0:0:root:/root'\nINFO forged")
    assert "root:x" not in reason
    assert "\n" not in reason
    assert reason == "damaged PDF: unexpected <bytes>\\nINFO forged"
