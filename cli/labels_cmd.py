"""``jixiao labels PATH...``: the labels of a corpus that the dictionary does not know.

The workflow for a new province's forms: run this over the folder, copy the labels
that matter into a YAML file under the context and field they mean, re-run
``jixiao ingest --labels FILE`` (or ``jixiao labels --labels FILE`` to see them gone).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import click

from jixiao.cli.common import labels_option
from jixiao.cli.exit_codes import ExitCode
from jixiao.cli.render import error
from jixiao.errors import display_path


@click.command("labels")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@labels_option
@click.option("--min-count", default=1, show_default=True, help="Hide labels seen fewer times.")
@click.option("--limit", default=200, show_default=True, help="Show at most this many labels.")
def labels_cmd(
    paths: tuple[Path, ...], label_files: tuple[Path, ...], min_count: int, limit: int
) -> None:
    """List table labels and column headers in PATHS that map to no canonical field.

    Prints one line per label: count, the label as written, the key a dictionary
    entry must match, and an example file. Unreadable files are reported on stderr
    and make the exit status 1.
    """
    from jixiao.discover import discover
    from jixiao.errors import DocumentError
    from jixiao.extract import read_document
    from jixiao.normalize.label_report import unknown_labels
    from jixiao.normalize.labels import LabelDictionary

    dictionary = LabelDictionary.load(*label_files) if label_files else LabelDictionary.default()
    failed = 0

    def documents() -> Iterator[tuple[str, object]]:
        nonlocal failed
        for path in discover(list(paths)).files:
            try:
                yield str(path), read_document(path)
            except DocumentError as exc:
                failed += 1
                error(f"{display_path(path)}: {exc.reason}")

    found = [u for u in unknown_labels(documents(), dictionary) if u.count >= min_count]  # type: ignore[arg-type]
    if not found:
        click.echo("every label candidate maps to a canonical field")
    for item in found[:limit]:
        click.echo(f"{item.count:>5}  {item.label}\tkey={item.key}\te.g. {item.example}")
    if len(found) > limit:
        click.echo(f"… and {len(found) - limit} more (raise --limit)")
    if failed:
        raise click.exceptions.Exit(ExitCode.DOCUMENTS_FAILED)
