"""The ``jixiao`` command: a thin layer over the library.

Each command parses its flags, calls the library and prints; errors become
``jixiao: <message>`` with a hint and an exit status from :mod:`jixiao.cli.exit_codes`.
A command's module is imported only when that command runs (or ``--help`` lists it):
``jixiao extract`` loads nothing of the database side, ``jixiao ingest`` nothing of
the export side.
"""

from __future__ import annotations

import importlib
from typing import Any

import click

from jixiao import __version__
from jixiao.cli.common import hint_for, setup_logging, teardown_logging
from jixiao.cli.exit_codes import ExitCode
from jixiao.cli.render import error
from jixiao.errors import ConfigurationError, InfrastructureError

#: command name → "module:attribute" under jixiao.cli
COMMANDS = {
    "extract": "extract_cmd:extract_cmd",
    "ingest": "ingest_cmd:ingest_cmd",
    "runs": "ingest_cmd:runs_cmd",
    "failures": "ingest_cmd:failures_cmd",
    "db": "db_cmd:db",
    "export": "data_cmd:export_cmd",
    "compare": "data_cmd:compare_cmd",
    "search": "data_cmd:search_cmd",
    "labels": "labels_cmd:labels_cmd",
    "identity": "identity_cmd:identity",
    "serve": "serve_cmd:serve_cmd",
    "corrections": "serve_cmd:corrections_cmd",
}


class JixiaoGroup(click.Group):
    """Maps the library's errors to one message line, a hint and an exit status;
    imports each command's module when the command is asked for (click's lazy group)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *COMMANDS})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in COMMANDS:
            module, attribute = COMMANDS[cmd_name].split(":")
            command = getattr(importlib.import_module(f"jixiao.cli.{module}"), attribute)
            self.add_command(command, cmd_name)
        return super().get_command(ctx, cmd_name)

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
