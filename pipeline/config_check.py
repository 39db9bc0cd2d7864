"""Check user-supplied configuration once, before any document is touched.

A bad label dictionary or grade-band file would otherwise fail every document of a
batch with the same error; checked here it is one message and a usage error
(:class:`~jixiao.errors.ConfigurationError`, exit status 2).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from jixiao.errors import ConfigurationError


def check_label_files(label_files: Sequence[Path]) -> None:
    """Load the label dictionaries as a document would; raise ConfigurationError."""
    if not label_files:
        return
    from jixiao.normalize.labels import LabelDictionary, LabelFileError

    try:
        LabelDictionary.load(*label_files)
    except LabelFileError as exc:
        raise ConfigurationError(f"bad --labels file: {exc}") from None


def check_grade_bands(grade_bands_file: Path | None) -> None:
    """Load the grade-band table; raise ConfigurationError naming the problem."""
    if grade_bands_file is None:
        return
    import yaml

    from jixiao.normalize.checks import load_grade_bands

    where = str(grade_bands_file)
    try:
        load_grade_bands(grade_bands_file)
    except FileNotFoundError:
        raise ConfigurationError(f"bad --grade-bands file: {where}: not found") from None
    except UnicodeDecodeError:
        raise ConfigurationError(f"bad --grade-bands file: {where}: not UTF-8 text") from None
    except OSError as exc:
        raise ConfigurationError(
            f"bad --grade-bands file: {where}: cannot read ({exc.strerror})"
        ) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        at = f" (line {mark.line + 1})" if mark is not None else ""
        raise ConfigurationError(f"bad --grade-bands file: {where}: not valid YAML{at}") from None
    except (ValueError, TypeError, AttributeError) as exc:
        raise ConfigurationError(f"bad --grade-bands file: {exc}") from None


def check_inputs(paths: Sequence[Path]) -> None:
    """Every path named on the command line exists (else nothing is ingested)."""
    missing = [p for p in paths if not p.exists()]
    if missing:
        names = ", ".join(str(p) for p in missing)
        raise ConfigurationError(f"{names}: no such file or folder (nothing was ingested)")


def check_options(label_files: Sequence[Path], grade_bands_file: Path | None) -> None:
    check_label_files(label_files)
    check_grade_bands(grade_bands_file)
