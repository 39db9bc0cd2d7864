"""The ``jixiao`` command: a thin layer over the library.

Each command parses its flags, calls the library and prints; errors become
``jixiao: <message>`` with a hint and an exit status from :mod:`jixiao.cli.exit_codes`.
"""

from __future__ import annotations

from typing import Any

import click

from jixiao import __version__
from jixiao.cli.common import hint_for, setup_logging, teardown_logging
from jixiao.cli.data_cmd import compare_cmd, export_cmd, search_cmd
from jixiao.cli.db_cmd import db
from jixiao.cli.exit_codes import ExitCode
from jixiao.cli.extract_cmd import extract_cmd
from jixiao.cli.identity_cmd import identity
from jixiao.cli.ingest_cmd import failures_cmd, ingest_cmd, runs_cmd
from jixiao.cli.labels_cmd import labels_cmd
from jixiao.cli.render import error
from jixiao.cli.serve_cmd import corrections_cmd, serve_cmd
from jixiao.errors import ConfigurationError, InfrastructureError


class JixiaoGroup(click.Group):
    """Maps the library's errors to one message line, a hint and an exit status."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except ConfigurationError as exc:
            error(str(exc))
            ctx.exit(ExitCode.USAGE)
        except InfrastructureError as exc:
            error(str(exc), hint_for(exc))
            ctx.exit(ExitCode.INFRASTRUCTURE)
        except KeyboardInterrupt:
            error("interrupted")
            ctx.exit(ExitCode.INTERRUPTED)


@click.group(cls=JixiaoGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="jixiao")
@click.pass_context
def main(ctx: click.Context) -> None:
    """jixiao (绩效): budget-performance reports (DOCX, PDF, DOC, XLSX/XLS/ET) into a database.

    \b
    jixiao ingest reports/              load a folder into sqlite:///jixiao.db
    jixiao search 带宽 不足             full-text search
    jixiao compare --project 政务服务   one project across the years
    jixiao export --format xlsx         every table as a workbook
    jixiao labels reports/              labels the dictionary does not know
    jixiao serve                        review values against their sources

    Exit status: 0 ok, 1 some documents failed, 2 usage error, 3 database problem,
    130 interrupted.
    """
    setup_logging(0)
    ctx.call_on_close(teardown_logging)


for command in (
    extract_cmd,
    ingest_cmd,
    runs_cmd,
    failures_cmd,
    db,
    export_cmd,
    compare_cmd,
    search_cmd,
    labels_cmd,
    identity,
    serve_cmd,
    corrections_cmd,
):
    main.add_command(command)
