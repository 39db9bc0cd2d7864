"""``jixiao serve``: the review web application; ``jixiao corrections``: what reviewers changed.

The web stack (the ``web`` extra) is imported only when ``serve`` runs.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import click

from jixiao.cli.common import db_option, require_database
from jixiao.cli.exit_codes import ExitCode
from jixiao.cli.render import error, print_table

WEB_MODULES = ("starlette", "jinja2", "uvicorn", "multipart", "pypdfium2", "matplotlib")
LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")


def missing_web_modules() -> list[str]:
    return [name for name in WEB_MODULES if importlib.util.find_spec(name) is None]


@click.command("serve")
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option("--token", help="Access token every request must carry (bearer, cookie or basic).")
@click.option("--user", help="Reviewer name recorded with each correction (default: the OS user).")
@click.option(
    "--cache-dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Where page images are cached (default: ~/.cache/jixiao).",
)
def serve_cmd(
    db_url: str,
    host: str,
    port: int,
    token: str | None,
    user: str | None,
    cache_dir: Path | None,
) -> None:
    """Review reports in the browser: every value beside its source, corrections kept."""
    missing = missing_web_modules()
    if missing:
        error(
            f"jixiao serve needs the web extra ({', '.join(missing)} not installed)",
            "pip install 'jixiao[web]'",
        )
        raise click.exceptions.Exit(ExitCode.USAGE)
    require_database(db_url)
    import uvicorn

    from jixiao.web.app import create_app
    from jixiao.web.config import WebConfig, default_cache_dir, default_user

    if host not in LOCAL_HOSTS:
        click.echo(
            f"jixiao: warning: listening on {host}: anyone who can reach this machine can read "
            "the reports" + ("" if token else " and change them (give --token)"),
            err=True,
        )
    config = WebConfig(
        url=db_url,
        user=user or default_user(),
        token=token,
        cache_dir=cache_dir or default_cache_dir(),
    )
    app = create_app(config)
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"jixiao: reviewing {db_url} at http://{shown}:{port}/ (Ctrl-C stops)", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")


@click.command("corrections")
@db_option
@click.option("--orphaned", is_flag=True, help="Only corrections the document no longer matches.")
def corrections_cmd(db_url: str, orphaned: bool) -> None:
    """Corrections reviewers made; --orphaned: those a re-parse could not apply."""
    from jixiao.load import Store
    from jixiao.load.corrections import list_corrections

    with Store(require_database(db_url), create=False) as store, store.engine.connect() as conn:
        found = list_corrections(conn, orphaned_only=orphaned)
    if not found:
        click.echo("no orphaned corrections" if orphaned else "no corrections")
        return
    print_table(
        ["id", "file", "unit", "field", "action", "extracted", "corrected", "by", "status"],
        [
            (
                c.id,
                c.path or c.sha256[:12],
                c.unit_index,
                c.field_path,
                c.action,
                c.old_value,
                c.new_value,
                c.user_name,
                c.status + (f": {c.status_reason}" if c.status_reason else ""),
            )
            for c in found
        ],
        title=f"{len(found)} {'orphaned ' if orphaned else ''}correction(s)",
        right=("id", "unit"),
    )
