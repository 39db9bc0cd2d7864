"""``jixiao extract FILE...``: the canonical JSON of each file, nothing stored."""

from __future__ import annotations

import logging
from pathlib import Path

import click

from jixiao.cli.common import grade_bands_option, labels_option
from jixiao.cli.exit_codes import ExitCode
from jixiao.cli.render import error
from jixiao.errors import DocumentError, display_path

log = logging.getLogger(__name__)


@click.command("extract")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@labels_option
@grade_bands_option
@click.option("--pretty", is_flag=True, help="Indent the JSON (when one file is given).")
def extract_cmd(
    files: tuple[Path, ...],
    label_files: tuple[Path, ...],
    grade_bands_file: Path | None,
    pretty: bool,
) -> None:
    """Print the canonical report of each FILE as JSON (one object per line).

    A file that cannot be read prints nothing on stdout, `jixiao: FILE: reason` on
    stderr, and makes the exit status 1 once the other files are done.
    """
    from jixiao.normalize.serialize import canonical_to_json_obj, dumps
    from jixiao.process import ProcessOptions, process_file

    options = ProcessOptions(label_files=label_files, grade_bands_file=grade_bands_file)
    indent = 2 if pretty and len(files) == 1 else None
    failed = 0
    for path in files:
        try:
            if not path.is_file():
                raise DocumentError("no such file" if not path.exists() else "not a file")
            report = process_file(path, options)
        except DocumentError as exc:
            failed += 1
            error(f"{display_path(path)}: {exc.reason}")
            continue
        except Exception as exc:  # a reader bug: this file fails, the others still print
            log.exception("%s: internal error", display_path(path))
            failed += 1
            error(f"{display_path(path)}: internal error: {type(exc).__name__}: {exc}")
            continue
        click.echo(dumps(canonical_to_json_obj(report), indent=indent))
    if failed:
        raise click.exceptions.Exit(ExitCode.DOCUMENTS_FAILED)
