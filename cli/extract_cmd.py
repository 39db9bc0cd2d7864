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
@click.option("--pretty", is_flag=True, help="Indent each JSON object (when one file is given).")
def extract_cmd(
    files: tuple[Path, ...],
    label_files: tuple[Path, ...],
    grade_bands_file: Path | None,
    pretty: bool,
) -> None:
    """Print the canonical reports of each FILE as JSON Lines (one object per report).

    A file holds 0..N reports (a 部门决算 bundle one per self-evaluation form; each
    object's `unit` says which part of the file it came from). A file that cannot be
    read, or that holds no performance report, prints nothing on stdout,
    `jixiao: FILE: reason` on stderr, and makes the exit status 1 once the other files
    are done.
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
            reports = process_file(path, options)
        except DocumentError as exc:
            failed += 1
            error(f"{display_path(path)}: {exc.reason}")
            continue
        except Exception as exc:  # a reader bug: this file fails, the others still print
            log.exception("%s: internal error", display_path(path))
            failed += 1
            error(f"{display_path(path)}: internal error: {type(exc).__name__}: {exc}")
            continue
        for report in reports:
            click.echo(dumps(canonical_to_json_obj(report), indent=indent))
    if failed:
        raise click.exceptions.Exit(ExitCode.DOCUMENTS_FAILED)
