"""``jixiao ingest``, ``jixiao runs``, ``jixiao failures``: batch import and its record."""

from __future__ import annotations

import dataclasses
import logging
import sys
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from jixiao.cli.budget_options import budget_options, ingest_budget_options
from jixiao.cli.common import (
    db_option,
    grade_bands_option,
    labels_option,
    require_database,
    setup_logging,
)
from jixiao.cli.exit_codes import ExitCode
from jixiao.cli.output import output_options, records_of, write_records
from jixiao.cli.render import (
    BarProgress,
    JsonLogFormatter,
    JsonProgress,
    fmt_value,
    plain_log_handler,
    print_table,
    stderr_console,
)
from jixiao.errors import display_path

if TYPE_CHECKING:
    from jixiao.ingest import IngestResult
    from jixiao.progress import Progress

log = logging.getLogger(__name__)

LOADED_TABLE_ROWS = 20  # the table after an ingest shows at most this many reports
LOW_COVERAGE = Decimal("0.8")  # `jixiao runs` counts reports that read less than this


class QuietProgress:
    """``--quiet``: nothing per file; failures and the summary are printed at the end."""

    def on_start(self, total: int) -> None:
        pass

    def on_file(self, outcome: object, done: int, total: int) -> None:
        pass

    def on_finish(self, result: object) -> None:
        pass


def _progress(quiet: bool, log_json: bool, verbose: int) -> Progress:
    """A bar on a terminal; log lines for pipes and cron; nothing per file with --quiet;
    JSON lines with --log-json (only failures with --quiet --log-json)."""
    from jixiao.progress import LogProgress

    stderr = sys.stderr
    if log_json:
        handler = logging.StreamHandler(stderr)
        handler.setFormatter(JsonLogFormatter())
        setup_logging(verbose, handler)
        return JsonProgress(sys.stdout, only_failures=quiet)
    if quiet:
        setup_logging(verbose, plain_log_handler(stderr))
        return QuietProgress()
    if not stderr.isatty():
        setup_logging(max(verbose, 1), plain_log_handler(stderr))
        return LogProgress()
    from rich.logging import RichHandler

    console = stderr_console()
    # Log lines through the bar's console: printed above the bar, never through it.
    setup_logging(verbose, RichHandler(console=console, show_path=False, show_time=False))
    return BarProgress(console)


def _check_cluster(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """A malformed --cluster is a usage error (exit 2), found before anything runs."""
    if value is None:
        return None
    from jixiao.cluster import ClusterSpec

    try:
        ClusterSpec.parse(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc).removeprefix(f"--cluster {value!r}: ")) from exc
    return value


@click.command("ingest")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@db_option
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    help="Parallel parsing processes (default: the number of CPUs).",
)
@click.option("--reprocess", is_flag=True, help="Re-parse documents already loaded.")
@click.option(
    "--wait-lock",
    type=click.FloatRange(min=0),
    default=0,
    metavar="SECONDS",
    help="Wait this long for another ingest into the same database to finish (default: "
    "stop at once with exit status 3).",
)
@click.option(
    "--cluster",
    callback=_check_cluster,
    metavar="ADDRESS",
    help="Parse on a Dask cluster: tcp://scheduler:8786, or local:N for N local worker "
    "processes (needs jixiao[dask]).",
)
@click.option(
    "--ship-bytes",
    is_flag=True,
    help="With --cluster: send each file's bytes to the workers (they cannot see its path).",
)
@labels_option
@grade_bands_option
@budget_options
@click.option(
    "--quiet",
    is_flag=True,
    help="Only errors and the final summary (with --log-json: only failed files' records).",
)
@click.option(
    "--log-json",
    is_flag=True,
    help="Only JSON lines on stdout: one per file, then a summary; log lines on stderr "
    "are JSON too (for cron).",
)
@click.option("-v", "--verbose", count=True, help="More log detail (-vv: debug).")
def ingest_cmd(
    paths: tuple[Path, ...],
    db_url: str,
    workers: int | None,
    reprocess: bool,
    wait_lock: float,
    cluster: str | None,
    ship_bytes: bool,
    label_files: tuple[Path, ...],
    grade_bands_file: Path | None,
    quiet: bool,
    log_json: bool,
    verbose: int,
    **budget_args: Any,
) -> None:
    """Load every report under PATH... (files or folders) into the database.

    Files already loaded (same bytes) are skipped; failures are recorded and retried
    next time. A file that holds no performance report is recorded as `no_report` (not
    a failure, not retried; `jixiao failures --no-report`). Exit status: 0 all loaded,
    skipped or without a report, 1 some files failed, 2 usage error (a bad option or
    --labels/--grade-bands file, a missing PATH: nothing was ingested), 3 database
    problem, 130 interrupted.
    """
    from jixiao.config_check import check_inputs
    from jixiao.ingest import IngestOptions, ingest

    check_inputs(paths)  # a missing path: exit 2, nothing ingested
    if ship_bytes and not cluster:
        raise click.UsageError("--ship-bytes needs --cluster")
    options = IngestOptions(
        reprocess=reprocess,
        label_files=label_files,
        grade_bands_file=grade_bands_file,
        wait_lock=wait_lock,
        cluster=cluster,
        ship_bytes=ship_bytes,
        **ingest_budget_options(**budget_args),
    )
    if workers is not None:
        options = dataclasses.replace(options, workers=workers)
    result = ingest(list(paths), db_url, options, _progress(quiet, log_json, verbose))
    if not log_json:  # --log-json: the summary is the last JSON record on stdout
        print_summary(result, db_url, table=not quiet)
    if result.interrupted:
        raise click.exceptions.Exit(ExitCode.INTERRUPTED)
    if result.failed:
        raise click.exceptions.Exit(ExitCode.DOCUMENTS_FAILED)


def print_summary(result: IngestResult, db_url: str, *, table: bool = True) -> None:
    """Counts and failures on stderr; the table of what was loaded on stdout (unless
    ``table`` is false: ``--log-json`` owns stdout)."""
    state = "interrupted: " if result.interrupted else ""
    reports = f" ({result.reports} reports)" if result.reports != result.loaded else ""
    no_report = f", no report in {result.no_report}" if result.no_report else ""
    click.echo(
        f"{state}loaded {result.loaded}{reports}, skipped {result.skipped} unchanged, "
        f"failed {result.failed}{no_report}",
        err=True,
    )
    for outcome in result.outcomes:
        if outcome.status == "failed":
            click.echo(f"{display_path(outcome.path)}: {outcome.reason}", err=True)
    for outcome in result.outcomes:
        if outcome.status == "no_report":
            click.echo(f"{display_path(outcome.path)}: {outcome.reason}", err=True)
    loaded = [o for o in result.outcomes if o.status == "loaded" and o.sha256]
    if not loaded or not table:
        return
    from jixiao import frames  # pandas: only for the table of what was loaded

    labels = frames.report_labels(db_url, sha256s=[o.sha256 for o in loaded if o.sha256])
    by_sha: dict[str, list[dict[str, object]]] = {}
    for label in labels.values():
        by_sha.setdefault(str(label["sha256"]), []).append(label)
    rows = []
    total = sum(len(by_sha.get(o.sha256 or "", [])) for o in loaded)
    for outcome in loaded:
        for label in by_sha.get(outcome.sha256 or "", []):
            if len(rows) < LOADED_TABLE_ROWS:
                rows.append(
                    (
                        display_path(outcome.path),
                        label["unit"] if label["unit"] != "1/1" else "",
                        label["project_name"],
                        label["fiscal_year"],
                        fmt_value(label["total_score"]),
                        label["grade"],
                        label["checks"],
                    )
                )
    more = total - len(rows)
    title = "loaded" + (f" (first {len(rows)}; {more} more: `jixiao export`)" if more > 0 else "")
    print_table(
        ["file", "unit", "project_name", "fiscal_year", "total_score", "grade", "checks"],
        rows,
        title=title,
        right=("fiscal_year", "total_score", "checks"),
    )


@click.command("runs")
@db_option
@click.option("--limit", default=20, show_default=True, type=click.IntRange(min=1))
@output_options
def runs_cmd(db_url: str, limit: int, output: str | None) -> None:
    """The most recent ingest runs, newest first.

    ``low_coverage``: reports of the run that read less than 80 % of their tables'
    content rows (see ``rows_unread`` checks and ``v_report_summary.coverage``).
    """
    from jixiao.load import Store

    with Store(require_database(db_url), create=False) as store:
        runs = store.runs(limit)
        low = store.low_coverage_by_run([r.id for r in runs], LOW_COVERAGE)
    if output:
        records = [{**r, "low_coverage": low.get(r["id"], 0)} for r in records_of(runs)]
        write_records(records, output, RUN_COLUMNS)
        return
    if not runs:
        click.echo("no ingest run yet")
        return
    print_table(
        [
            "run",
            "started",
            "finished",
            "status",
            "loaded",
            "skipped",
            "failed",
            "no_report",
            "low_coverage",
            "jixiao",
            "pid",
        ],
        [
            (
                r.id,
                r.started_at,
                r.finished_at,
                r.status,
                r.counts.loaded,
                r.counts.skipped,
                r.counts.failed,
                r.counts.no_report,
                low.get(r.id, 0),
                r.jixiao_version,
                r.pid,
            )
            for r in runs
        ],
        right=("run", "loaded", "skipped", "failed", "no_report", "low_coverage", "pid"),
    )


RUN_COLUMNS = (
    "id",
    "started_at",
    "finished_at",
    "status",
    "loaded",
    "skipped",
    "failed",
    "no_report",
    "low_coverage",
    "jixiao_version",
    "parser_version",
    "pid",
    "arguments",
)
FAILURE_COLUMNS = (
    "path",
    "reason",
    "status",
    "sha256",
    "format",
    "size",
    "run_id",
    "parser_version",
    "last_seen",
    "document_id",
)


@click.command("failures")
@db_option
@click.option("--run", "run_id", type=int, help="Only the failures of this run.")
@click.option(
    "--no-report",
    "no_report",
    is_flag=True,
    help="Instead: the documents that read fine but hold no performance report.",
)
@output_options
def failures_cmd(db_url: str, run_id: int | None, no_report: bool, output: str | None) -> None:
    """Documents whose last attempt failed, with the reason (`FILE: reason` per line).

    Documents that hold no performance report (a budget publication, a 绩效目标表)
    are not failures: `--no-report` lists them. A run that does not exist is a usage
    error (exit status 2).
    """
    from jixiao.load import Store

    with Store(require_database(db_url), create=False) as store:
        if run_id is not None and not store.has_run(run_id):
            raise click.BadParameter(
                f"there is no ingest run {run_id} (`jixiao runs` lists them)",
                param_hint="'--run'",
            )
        failures = store.failures(run_id, no_report=no_report)
    if output:
        write_records(records_of(failures), output, FAILURE_COLUMNS)
        return
    if not failures:
        which = f" in run {run_id}" if run_id is not None else ""
        what = "no document without a report" if no_report else "no failures"
        click.echo(f"{what}{which}", err=True)
        return
    for f in failures:
        click.echo(f"{f.path or f.sha256}: {f.reason}")
