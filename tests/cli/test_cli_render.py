"""The terminal pieces: progress reporters, cell formatting, highlights."""

from __future__ import annotations

import io
import json
from decimal import Decimal

from rich.console import Console

from jixiao.cli import render
from jixiao.progress import FileOutcome, IngestResult


def _outcomes() -> tuple[FileOutcome, ...]:
    return (
        FileOutcome("a.docx", "loaded", None, "a" * 64, 0.25),
        FileOutcome("b.pdf", "failed", "scanned PDF: no text layer", "b" * 64, 0.5),
    )


def test_bar_progress_prints_failures_above_the_bar_and_finishes() -> None:
    out = io.StringIO()
    bar = render.BarProgress(Console(file=out, force_terminal=True, width=120, highlight=False))
    bar.on_start(2)
    for done, outcome in enumerate(_outcomes(), 1):
        bar.on_file(outcome, done, 2)
    assert bar.bar.tasks[0].completed == 2
    bar.on_finish(IngestResult(1, _outcomes(), interrupted=False))
    text = out.getvalue()
    assert "b.pdf: scanned PDF: no text layer" in text
    assert "files/s" in text and "ETA" in text
    assert bar.bar.live.is_started is False


def test_json_progress_writes_one_object_per_file() -> None:
    out = io.StringIO()
    progress = render.JsonProgress(out)
    progress.on_start(2)
    for done, outcome in enumerate(_outcomes(), 1):
        progress.on_file(outcome, done, 2)
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [(r["file"], r["status"], r["reason"], r["done"]) for r in records] == [
        ("a.docx", "loaded", None, 1),
        ("b.pdf", "failed", "scanned PDF: no text layer", 2),
    ]
    assert records[0]["seconds"] == 0.25


def test_cell_formatting() -> None:
    assert render.fmt_value(None) == ""
    assert render.fmt_value(Decimal("100.0000")) == "100"
    assert render.fmt_value(Decimal("77.4800")) == "77.48"
    assert render.fmt_money(Decimal("8987000")) == "8,987,000.00"
    assert render.fmt_rate(Decimal("0.6226")) == "62.26%"
    assert render.fmt_rate(None) == ""


def test_highlighted_styles_the_spans() -> None:
    text = render.highlighted("网络带宽不足", [(2, 4)])
    assert [(s.start, s.end, str(s.style)) for s in text.spans] == [(2, 4, "bold red")]
