"""Find the files an ingest should read.

Folders are walked recursively in sorted order (the same tree always yields the same
list), keeping files whose extension is one jixiao reads. A file named directly is
taken whatever its name: the user asked for it. Hidden files and folders and the
temporary files office suites leave behind (``~$report.docx``, ``.~lock.x.odt#``,
``~WRL0001.tmp``) are skipped while walking.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)

DEFAULT_EXTENSIONS = (".docx", ".pdf", ".doc", ".wps", ".rtf", ".odt")


@dataclass(frozen=True)
class Discovery:
    files: tuple[Path, ...]
    missing: tuple[Path, ...]  # named on the command line but not there
    unreadable: tuple[tuple[Path, str], ...] = ()  # folders that could not be listed, why


def is_skipped_name(name: str) -> bool:
    """Hidden and office temporary/lock files."""
    return name.startswith((".", "~")) or name.endswith(("#", ".tmp"))


def _walk(
    root: Path, extensions: frozenset[str], unreadable: list[tuple[Path, str]]
) -> Iterable[Path]:
    def on_error(error: OSError) -> None:
        unreadable.append((Path(error.filename), f"cannot read folder: {error.strerror}"))

    for folder, dirs, names in os.walk(root, onerror=on_error):
        dirs[:] = sorted(d for d in dirs if not is_skipped_name(d))
        for name in sorted(names):
            if is_skipped_name(name) or os.path.splitext(name)[1].lower() not in extensions:
                continue
            path = Path(folder, name)
            if path.is_file():
                yield path


def discover(paths: Sequence[Path], extensions: Sequence[str] = DEFAULT_EXTENSIONS) -> Discovery:
    """The files under ``paths`` (in the order given; each folder sorted), deduplicated."""
    wanted = frozenset(e.lower() if e.startswith(".") else "." + e.lower() for e in extensions)
    files: list[Path] = []
    missing: list[Path] = []
    unreadable: list[tuple[Path, str]] = []
    seen: set[Path] = set()
    for given in paths:
        given = Path(given)
        if given.is_dir():
            found: Iterable[Path] = _walk(given, wanted, unreadable)
        elif given.is_file():
            found = (given,)
        else:
            missing.append(given)
            continue
        for path in found:
            key = path.resolve()
            if key not in seen:
                seen.add(key)
                files.append(path)
    return Discovery(files=tuple(files), missing=tuple(missing), unreadable=tuple(unreadable))
