"""``jixiao db upgrade`` and ``jixiao db status``: the schema's revision."""

from __future__ import annotations

import click

from jixiao.cli.common import db_option
from jixiao.cli.exit_codes import ExitCode


@click.group("db")
def db() -> None:
    """The database schema: create it, upgrade it, see its revision."""


@db.command("upgrade")
@db_option
@click.option(
    "--wait-lock",
    type=click.FloatRange(min=0),
    default=0,
    metavar="SECONDS",
    help="Wait this long for a running ingest to finish (default: exit 3 at once).",
)
def upgrade_cmd(db_url: str, wait_lock: float) -> None:
    """Create the schema in an empty database or migrate it to this jixiao's revision."""
    from jixiao.load.database import display_url, normalize_url, upgrade

    reached = upgrade(db_url, wait_lock=wait_lock)
    click.echo(f"{display_url(normalize_url(db_url))}: schema at revision {reached} (newest)")


@db.command("status")
@db_option
def status_cmd(db_url: str) -> None:
    """Show the schema revision: up to date, needs `jixiao db upgrade`, or newer than jixiao.

    Exit status 0 when up to date, 3 otherwise.
    """
    from jixiao.load.database import (
        current_revision,
        db_errors,
        display_url,
        head_revision,
        known_revisions,
        make_engine,
        normalize_url,
        sqlite_path,
    )

    url = normalize_url(db_url)
    shown = display_url(url)
    path = sqlite_path(url)
    head = head_revision()
    if path is not None and not path.exists():
        click.echo(f"{shown}: no database yet (`jixiao db upgrade` or `jixiao ingest` creates it)")
        raise click.exceptions.Exit(ExitCode.INFRASTRUCTURE)
    engine = make_engine(url)
    try:
        with db_errors(url):
            revision = current_revision(engine)
    finally:
        engine.dispose()
    if revision == head:
        click.echo(f"{shown}: schema at revision {revision} (up to date)")
        return
    if revision is None:
        state = "no jixiao schema: run `jixiao db upgrade`"
    elif revision in known_revisions():
        state = f"older than this jixiao's {head}: run `jixiao db upgrade`"
    else:
        state = f"newer than this jixiao knows (its newest is {head}): upgrade jixiao"
    click.echo(f"{shown}: schema at revision {revision or '-'}, {state}")
    raise click.exceptions.Exit(ExitCode.INFRASTRUCTURE)
