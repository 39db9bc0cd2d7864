"""One file through the first two stages: read it, normalise it.

This is what ``jixiao extract`` prints and what each ingest worker runs. A file holds
0..N reports: one per report unit (a standalone report is a tuple of one; a 部门决算
bundle one per self-evaluation form). It raises :class:`~jixiao.errors.DocumentError`
(with a one-line ``reason``) for a file that cannot be read, and its subclass
:class:`~jixiao.errors.NotAReportError` for one that holds no performance report;
anything else escaping is a bug.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from jixiao.errors import DocumentError
from jixiao.extract import read_document
from jixiao.normalize import NormalizeOptions, normalize_units
from jixiao.normalize.canonical import CanonicalReport
from jixiao.normalize.checks import CheckOptions, load_grade_bands
from jixiao.normalize.labels import LabelDictionary


@dataclass(frozen=True)
class ProcessOptions:
    """What a user can change about extraction: extra label files, check settings."""

    label_files: tuple[Path, ...] = ()
    checks: CheckOptions | None = None
    grade_bands_file: Path | None = None  # a YAML band table replacing the national one


@lru_cache(maxsize=8)
def _labels(files: tuple[Path, ...]) -> LabelDictionary:
    return LabelDictionary.load(*files) if files else LabelDictionary.default()


@lru_cache(maxsize=4)
def _check_options(grade_bands_file: Path) -> CheckOptions:
    return CheckOptions(grade_bands=load_grade_bands(grade_bands_file))


def process_file(path: Path, options: ProcessOptions | None = None) -> tuple[CanonicalReport, ...]:
    """The canonical reports of one file, in document order (at least one)."""
    options = options or ProcessOptions()
    labels = _labels(tuple(options.label_files))
    checks = options.checks
    if checks is None and options.grade_bands_file is not None:
        checks = _check_options(options.grade_bands_file)
    try:
        document = read_document(path)
        return normalize_units(document, NormalizeOptions(labels=labels, checks=checks))
    except DocumentError as error:
        raise error.with_path(str(path)) from error.__cause__


def warm_up(options: ProcessOptions | None = None) -> None:
    """Load now what the first file would otherwise pay for: the readers, the label
    dictionary and the word splitter (its SQLite word index, not jieba's whole
    dictionary, which label matching never uses). An ingest worker calls it before its
    first file, so a file's time budget measures the file."""
    import jixiao.extract.docx_reader
    import jixiao.extract.pdf  # noqa: F401
    from jixiao.normalize import words

    _labels(tuple((options or ProcessOptions()).label_files))
    words.warm_up()
