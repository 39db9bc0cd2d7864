"""How an ingest reports progress: a callback object passed in (as dlt's collectors).

:class:`NullProgress` does nothing (the default), :class:`LogProgress` writes one log
line per file for cron jobs; the CLI brings its own progress bar implementing the
same :class:`Progress` protocol. The per-file outcome and the run result live here
(re-exported by :mod:`jixiao.ingest`) because they are what progress reports.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Literal, Protocol

from jixiao.errors import display_path

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class FileOutcome:
    path: str
    # no_report: the file reads fine but holds no performance report (not a failure)
    status: Literal["loaded", "skipped", "failed", "no_report"]
    reason: str | None
    sha256: str | None
    seconds: float
    reports: int = 0  # how many reports were loaded from it
    report_ids: tuple[int, ...] = ()  # the reports of this file in the database


@dataclass(frozen=True)
class IngestResult:
    run_id: int
    outcomes: tuple[FileOutcome, ...]
    interrupted: bool

    def _count(self, status: str) -> int:
        return sum(1 for o in self.outcomes if o.status == status)

    @property
    def loaded(self) -> int:
        return self._count("loaded")

    @property
    def skipped(self) -> int:
        return self._count("skipped")

    @property
    def failed(self) -> int:
        return self._count("failed")

    @property
    def no_report(self) -> int:
        return self._count("no_report")

    @property
    def reports(self) -> int:
        """Reports loaded in this run (a bundle file holds several)."""
        return sum(o.reports for o in self.outcomes)


class Progress(Protocol):
    def on_start(self, total: int) -> None:
        """The files are known: ``total`` of them will be reported."""

    def on_file(self, outcome: FileOutcome, done: int, total: int) -> None:
        """One file is finished (loaded, skipped or failed)."""

    def on_finish(self, result: IngestResult) -> None:
        """The run is over (finished or interrupted)."""


class NullProgress:
    def on_start(self, total: int) -> None:
        pass

    def on_file(self, outcome: FileOutcome, done: int, total: int) -> None:
        pass

    def on_finish(self, result: IngestResult) -> None:
        pass


class LogProgress:
    """One line per file: INFO for loaded/skipped, WARNING with the reason for failed."""

    def __init__(self, logger: logging.Logger | None = None) -> None:
        self.log = logger or log

    def on_start(self, total: int) -> None:
        self.log.info("ingest: %d file(s) to look at", total)

    def on_file(self, outcome: FileOutcome, done: int, total: int) -> None:
        width = len(str(total))
        prefix = f"[{done:>{width}}/{total}] {outcome.status:<7} {display_path(outcome.path)}"
        if outcome.status == "failed":
            self.log.warning("%s: %s", prefix, outcome.reason)
        elif outcome.status == "no_report":
            self.log.info("%s: %s", prefix, outcome.reason)
        else:
            self.log.info("%s (%.2fs)", prefix, outcome.seconds)

    def on_finish(self, result: IngestResult) -> None:
        self.log.info(
            "ingest run %d %s: %d loaded, %d skipped, %d failed, %d without a report",
            result.run_id,
            "interrupted" if result.interrupted else "finished",
            result.loaded,
            result.skipped,
            result.failed,
            result.no_report,
        )
