"""The data team's commands: ``export``, ``compare``, ``search``."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from jixiao.cli.common import db_option
from jixiao.cli.exit_codes import ExitCode
from jixiao.cli.output import output_options, records_of, write_records
from jixiao.cli.render import error, fmt_money, fmt_rate, highlighted, print_table

# The library modules are imported inside the commands: `jixiao --help` stays fast.


def all_versions_option(func: F) -> F:
    """``--all-versions``: every copy of a report (DOCX, PDF, scan, older versions)."""
    return click.option(
        "--all-versions",
        is_flag=True,
        help="Every copy of each report (its DOCX, PDF, scan, older versions), not the "
        "best one only (docs/SCHEMA.md).",
    )(func)


EXPORT_FORMATS = ("csv", "xlsx", "parquet")
F = TypeVar("F", bound=Callable[..., Any])


@click.command("export")
@db_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(EXPORT_FORMATS),
    required=True,
    help="csv: a folder of files; xlsx: one workbook; parquet: a folder (needs pyarrow).",
)
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    help="Folder (csv, parquet) or file (xlsx). Default jixiao-export[.xlsx].",
)
@click.option("--table", "table", metavar="NAME", help="Only this table or view.")
@all_versions_option
@click.option("--reviewed-only", is_flag=True, help="Only reports a reviewer marked reviewed.")
def export_cmd(
    db_url: str,
    fmt: str,
    out: Path | None,
    table: str | None,
    all_versions: bool,
    reviewed_only: bool,
) -> None:
    """Export every table and view of the database (each report counted once)."""
    from jixiao import export as exporting

    try:
        result = exporting.export(
            db_url,
            fmt,
            out,
            table=table,
            all_versions=all_versions,
            reviewed_only=reviewed_only,
        )
    except exporting.ExportError as exc:
        error(exc.message, exc.hint)
        raise click.exceptions.Exit(ExitCode.USAGE) from exc
    rows = sum(n for _, n in result.tables)
    click.echo(f"exported {len(result.tables)} tables and views ({rows} rows) to {result.path}")


@click.command("compare")
@db_option
@click.option("--project", help="Part of a project name (spaces ignored).")
@click.option("--unit", help="Part of a project unit's name (spaces ignored).")
@click.option(
    "--consistency",
    is_flag=True,
    help="List reports whose score or grade their own numbers do not support.",
)
@all_versions_option
@output_options
def compare_cmd(
    db_url: str,
    project: str | None,
    unit: str | None,
    consistency: bool,
    all_versions: bool,
    output: str | None,
) -> None:
    """A project or unit across fiscal years, or the self-assessments that do not add up."""
    from jixiao import compare as comparing

    chosen = [name for name, v in (("--project", project), ("--unit", unit)) if v is not None]
    if consistency:
        chosen.append("--consistency")
    if len(chosen) != 1:
        raise click.UsageError("give exactly one of --project TEXT, --unit TEXT, --consistency")
    if consistency:
        _print_consistency(db_url, output, all_versions)
        return
    try:
        if project is not None:
            rows = comparing.compare_project(project, db_url, all_versions=all_versions)
        else:
            rows = comparing.compare_unit(unit or "", db_url, all_versions=all_versions)
    except ValueError as exc:
        raise click.UsageError(str(exc)) from exc
    what = f"project {project!r}" if project is not None else f"unit {unit!r}"
    if output:
        write_records(records_of(rows), output, YEAR_COLUMNS)
        return
    if not rows:
        click.echo(f"no report matches {what}")
        return
    print_table(
        ["year", "project", "unit", "budget", "spent", "rate", "score", "grade", "checks", "file"],
        [
            (
                r.fiscal_year,
                r.project_name,
                r.project_unit,
                fmt_money(r.budget),
                fmt_money(r.spent),
                fmt_rate(r.rate),
                r.total_score,
                r.grade,
                r.checks,
                r.file,
            )
            for r in rows
        ],
        title=f"{what} by fiscal year (money in yuan)",
        right=("year", "budget", "spent", "rate", "score", "checks"),
    )


YEAR_COLUMNS = (
    "fiscal_year",
    "project_name",
    "project_unit",
    "budget",
    "spent",
    "rate",
    "total_score",
    "grade",
    "checks",
    "file",
    "report_id",
)


def _print_consistency(db_url: str, output: str | None, all_versions: bool) -> None:
    from jixiao import compare as comparing

    found = comparing.consistency(db_url, all_versions=all_versions)
    if output:
        write_records(records_of(found), output)
        return
    if not found:
        click.echo("no report has a score or grade its own numbers contradict")
        return
    print_table(
        ["year", "project", "score", "grade", "severity", "rule", "message", "file"],
        [
            (
                i.fiscal_year,
                i.project_name,
                i.total_score,
                i.grade,
                i.severity,
                i.rule,
                i.message,
                i.file,
            )
            for i in found
        ],
        title=f"{len(found)} self-assessment(s) not supported by the report's own numbers",
        right=("year", "score"),
    )


@click.command("search")
@db_option
@click.argument("words", nargs=-1)
@click.option(
    "--limit", default=20, show_default=True, type=click.IntRange(min=1), help="Most hits shown."
)
@click.option("--reindex", is_flag=True, help="Rebuild the search index from scratch first.")
@output_options
def search_cmd(
    db_url: str, words: tuple[str, ...], limit: int, reindex: bool, output: str | None
) -> None:
    """Full-text search (Chinese-aware) over reports and their sections.

    A hit holds all the WORDS; best hits first, with the text around the match. The
    index is brought up to date automatically after an ingest.
    """
    from jixiao import search as searching

    if reindex:
        count = searching.reindex(db_url, full=True)
        click.echo(f"search index rebuilt: {count} report(s)", err=output is not None)
    if not words:
        if reindex:
            return
        raise click.UsageError("give a word to search for (or --reindex)")
    query = " ".join(words)
    if searching.is_stale(db_url):
        click.echo("jixiao: updating the search index…", err=True)
        searching.reindex(db_url)
    try:
        hits = searching.search(query, db_url, limit=limit, refresh=False)
    except ValueError as exc:
        raise click.UsageError(str(exc)) from exc
    if output:
        write_records(records_of(hits), output)
        return
    if not hits:
        click.echo(f"no match for {query!r}")
        return
    print_table(
        ["#", "file", "project", "year", "heading", "hit"],
        [
            (
                n,
                h.file,
                h.project_name,
                h.fiscal_year,
                h.heading or "(cover)",
                highlighted(h.snippet, h.highlights),
            )
            for n, h in enumerate(hits, 1)
        ],
        title=f"{len(hits)} hit(s) for {query!r}",
        right=("#", "year"),
    )
