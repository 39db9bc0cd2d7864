"""Terminal output: tables, error lines, and the ingest progress reporters.

Three progress reporters implement :class:`jixiao.progress.Progress`: a rich progress
bar with rate and ETA for terminals, log lines for cron and pipes (the library's
:class:`~jixiao.progress.LogProgress`), and one JSON object per file (``--log-json``).
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Iterable, Sequence
from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Literal, TextIO

import click

# rich is imported where it is drawn: `jixiao --help` must not pay for it.
from jixiao.errors import display_path

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

    from jixiao.ingest import FileOutcome, IngestResult


PIPE_WIDTH = 200  # tables piped to a file or a pager: no wrapping at 80 columns


def _console(stream: TextIO) -> Console:
    from rich.console import Console

    tty = hasattr(stream, "isatty") and stream.isatty()
    return Console(file=stream, width=None if tty else PIPE_WIDTH, highlight=False)


def stdout_console() -> Console:
    """A console on the *current* stdout (click's test runner swaps it per invocation)."""
    return _console(sys.stdout)


def stderr_console() -> Console:
    return _console(sys.stderr)


def error(message: str, hint: str | None = None) -> None:
    """``jixiao: message`` on stderr, and the hint on the next line."""
    click.echo(f"jixiao: {message}", err=True)
    if hint:
        click.echo(f"  hint: {hint}", err=True)


def fmt_value(value: Any) -> str:
    """A cell for people: no ``None``, money with thousands separators, no float noise."""
    if value is None:
        return ""
    if isinstance(value, float) and value != value:  # NaN
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, Decimal):
        return f"{value.normalize():f}"  # PostgreSQL's 77.4800 and SQLite's 77.48 alike
    return str(value)


def fmt_money(value: Decimal | None) -> str:
    return "" if value is None else f"{value:,.2f}"


def fmt_rate(value: Decimal | None) -> str:
    return "" if value is None else f"{value * 100:.2f}%"


def print_table(
    columns: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    title: str | None = None,
    right: Iterable[str] = (),
    console: Console | None = None,
) -> None:
    """A rich table of already formatted (or plain) values; ``right`` aligns numbers."""
    from rich.markup import escape
    from rich.table import Table
    from rich.text import Text

    table = Table(title=title, title_justify="left", header_style="bold")
    aligned = set(right)
    for column in columns:
        justify: Literal["left", "right"] = "right" if column in aligned else "left"
        table.add_column(column, justify=justify, overflow="fold")  # wrap, never cut a path
    for row in rows:
        table.add_row(*(v if isinstance(v, Text) else escape(fmt_value(v)) for v in row))
    (console or stdout_console()).print(table)


def highlighted(snippet: str, spans: Sequence[tuple[int, int]]) -> Text:
    """The snippet with each ``[start, end)`` span in bold red."""
    from rich.text import Text

    out = Text(snippet)
    for start, end in spans:
        out.stylize("bold red", start, end)
    return out


def _rate_column() -> Any:
    """Files per second (rich's own speed column speaks bytes)."""
    from rich.progress import ProgressColumn, Task
    from rich.text import Text

    class RateColumn(ProgressColumn):
        def render(self, task: Task) -> Text:
            speed = task.finished_speed or task.speed
            return Text("" if speed is None else f"{speed:.1f} files/s", style="cyan")

    return RateColumn()


class BarProgress:
    """A rich progress bar on stderr with rate and ETA; failures printed above it."""

    def __init__(self, console: Console | None = None) -> None:
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            SpinnerColumn,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        self.console = console or _console(sys.stderr)
        self.bar = Progress(
            SpinnerColumn(),
            TextColumn("ingest"),
            BarColumn(),
            MofNCompleteColumn(),
            _rate_column(),
            TimeElapsedColumn(),
            TextColumn("ETA"),
            TimeRemainingColumn(),
            console=self.console,
            transient=True,
        )
        self.task: Any = None

    def on_start(self, total: int) -> None:
        self.bar.start()
        self.task = self.bar.add_task("ingest", total=total)

    def on_file(self, outcome: FileOutcome, done: int, total: int) -> None:
        if outcome.status == "failed":
            from rich.markup import escape

            self.bar.console.print(
                f"[red]failed[/red] {escape(display_path(outcome.path))}: {escape(outcome.reason or '')}"
            )
        if self.task is not None:
            self.bar.update(self.task, completed=done, total=total)

    def on_finish(self, result: IngestResult) -> None:
        self.bar.stop()


class JsonProgress:
    """One JSON object per file outcome on ``stream`` (stdout): for cron and log shippers.

    ``only_failures`` (``--quiet --log-json``): records of failed files only. The run's
    summary is one last record, ``{"event": "summary", ...}``.
    """

    def __init__(self, stream: TextIO, *, only_failures: bool = False) -> None:
        self.stream = stream
        self.only_failures = only_failures

    def _write(self, record: dict[str, Any]) -> None:
        self.stream.write(json.dumps(record, ensure_ascii=False) + "\n")
        self.stream.flush()

    def on_start(self, total: int) -> None:
        pass

    def on_file(self, outcome: FileOutcome, done: int, total: int) -> None:
        if self.only_failures and outcome.status != "failed":
            return
        ids = list(getattr(outcome, "report_ids", ()))
        self._write(
            {
                "event": "file",
                "file": display_path(outcome.path),
                "status": outcome.status,
                "reason": outcome.reason,
                "report_id": ids[0] if ids else None,
                "report_ids": ids,
                "sha256": outcome.sha256,
                "seconds": round(outcome.seconds, 3) if outcome.seconds is not None else None,
                "done": done,
                "total": total,
            }
        )

    def on_finish(self, result: IngestResult) -> None:
        self._write(
            {
                "event": "summary",
                "run_id": result.run_id,
                "status": "interrupted" if result.interrupted else "finished",
                "loaded": result.loaded,
                "reports": getattr(result, "reports", None),
                "skipped": result.skipped,
                "no_report": getattr(result, "no_report", None),
                "failed": result.failed,
            }
        )


class JsonLogFormatter(logging.Formatter):
    """Log records as JSON lines (``--log-json``: stderr is machine-readable too)."""

    def format(self, record: logging.LogRecord) -> str:
        out = {
            "event": "log",
            "time": datetime.fromtimestamp(record.created).astimezone().isoformat(),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.exc_info:
            out["traceback"] = self.formatException(record.exc_info)
        return json.dumps(out, ensure_ascii=False)


def plain_log_handler(stream: TextIO) -> logging.Handler:
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
    return handler
