"""``jixiao ingest``'s per-file budget options (--file-timeout, --file-memory, …)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

F = TypeVar("F", bound=Callable[..., Any])


def _size(ctx: click.Context, param: click.Parameter, value: str | None) -> int | None:
    if value is None:
        return None
    from jixiao.budgets import parse_size

    try:
        return parse_size(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from exc


def budget_options(func: F) -> F:
    """The options that bound what one file may cost (0 switches a limit off)."""
    options = [
        click.option(
            "--file-timeout",
            type=click.FloatRange(min=0),
            metavar="SECONDS",
            help="Time one file may take, plus --page-timeout per page (default 120; 0: none).",
        ),
        click.option(
            "--page-timeout",
            type=click.FloatRange(min=0),
            metavar="SECONDS",
            help="Extra time per page of a document (default 5).",
        ),
        click.option(
            "--file-memory",
            callback=_size,
            metavar="SIZE",
            help="Address space of a parsing process, e.g. 2GB, 1.5GB (default 2GB; 0: none).",
        ),
        click.option(
            "--max-pages",
            type=click.IntRange(min=0),
            help="Refuse documents with more pages, before reading them (default 500).",
        ),
        click.option(
            "--follow-symlinks",
            is_flag=True,
            help="Follow symbolic links that lead out of the folders given.",
        ),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def ingest_budget_options(
    file_timeout: float | None,
    page_timeout: float | None,
    file_memory: int | None,
    max_pages: int | None,
    follow_symlinks: bool,
) -> dict[str, Any]:
    """``IngestOptions`` keyword arguments from the options' values."""
    import dataclasses

    from jixiao.budgets import Budgets

    changes: dict[str, Any] = {}
    if file_timeout is not None:
        changes["seconds"] = file_timeout
    if page_timeout is not None:
        changes["seconds_per_page"] = page_timeout
    if file_memory is not None:
        changes["memory"] = file_memory
    if max_pages is not None:
        changes["max_pages"] = max_pages
    return {
        "budgets": dataclasses.replace(Budgets(), **changes),
        "follow_symlinks": follow_symlinks,
    }
