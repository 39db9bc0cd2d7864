"""What every command shares: the ``--db`` option, logging set-up, error hints."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from jixiao.errors import InfrastructureError, IngestLockedError, SchemaVersionError

F = TypeVar("F", bound=Callable[..., Any])

_HANDLER_NAME = "jixiao-cli"
#: The same default as :data:`jixiao.frames.DEFAULT_URL` (a test keeps them equal); not
#: imported from there so that ``jixiao --help`` does not load pandas and alembic.
DEFAULT_URL = "sqlite:///jixiao.db"


def db_option(func: F) -> F:
    """``--db URL``, defaulting to ``$JIXIAO_DB``, else ``sqlite:///jixiao.db``."""
    return click.option(
        "--db",
        "db_url",
        envvar="JIXIAO_DB",
        default=DEFAULT_URL,
        show_default="$JIXIAO_DB or sqlite:///jixiao.db",
        metavar="URL",
        help="Database URL: sqlite:///file.db or postgresql://user@host/db.",
    )(func)


def labels_option(func: F) -> F:
    """``--labels FILE`` (repeatable): extra label dictionaries in YAML."""
    return click.option(
        "--labels",
        "label_files",
        multiple=True,
        type=click.Path(exists=True, dir_okay=False, path_type=Path),
        help="Extra label dictionary (YAML); may be given more than once.",
    )(func)


def grade_bands_option(func: F) -> F:
    """``--grade-bands FILE``: a YAML band table replacing the national one."""
    return click.option(
        "--grade-bands",
        "grade_bands_file",
        type=click.Path(exists=True, dir_okay=False, path_type=Path),
        help="Grade band table (YAML, like normalize/grade_bands.yaml) for grade_score_mismatch.",
        callback=_valid_bands,
    )(func)


def _valid_bands(ctx: click.Context, param: click.Parameter, value: Path | None) -> Path | None:
    if value is not None:
        from jixiao.normalize.checks import load_grade_bands

        try:
            load_grade_bands(value)
        except ValueError as exc:
            raise click.BadParameter(str(exc)) from exc
    return value


def setup_logging(verbosity: int, handler: logging.Handler | None = None) -> None:
    """Library log lines on stderr: warnings by default, -v info, -vv debug.

    The handler goes on the ``jixiao`` logger (replacing one this function added
    before), so a program embedding the CLI keeps its own root configuration.
    """
    logger = logging.getLogger("jixiao")
    for old in [h for h in logger.handlers if h.get_name() == _HANDLER_NAME]:
        logger.removeHandler(old)
    if handler is None:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("jixiao: %(levelname)s %(message)s"))
    handler.set_name(_HANDLER_NAME)
    logger.addHandler(handler)
    logger.setLevel(
        logging.DEBUG if verbosity >= 2 else logging.INFO if verbosity == 1 else logging.WARNING
    )


def teardown_logging() -> None:
    """Remove the handler :func:`setup_logging` added (its stream closes with the command)."""
    logger = logging.getLogger("jixiao")
    for old in [h for h in logger.handlers if h.get_name() == _HANDLER_NAME]:
        logger.removeHandler(old)
    logger.setLevel(logging.NOTSET)


def hint_for(exc: InfrastructureError) -> str | None:
    """How to fix an infrastructure error, where the message does not already say."""
    from jixiao.frames import DatabaseNotFoundError

    if isinstance(exc, IngestLockedError):
        return "wait for that ingest to finish (--wait-lock SECONDS), or stop it if it hangs"
    if isinstance(exc, (SchemaVersionError, DatabaseNotFoundError)):
        return None  # their messages name the command that fixes them
    return "check that the database server is running and the URL (--db or $JIXIAO_DB) is right"


def require_database(url: str) -> str:
    """``url``, unless it names a SQLite file that does not exist (which opening would
    create, empty): then :class:`DatabaseNotFoundError` saying what to do."""
    from jixiao.frames import DatabaseNotFoundError
    from jixiao.load.database import normalize_url, sqlite_path

    path = sqlite_path(normalize_url(url))
    if path is not None and not path.exists():
        raise DatabaseNotFoundError(
            f"no database at {path}: run `jixiao ingest PATH` first, or pass --db URL"
        )
    return url
