"""Find the files an ingest should read.

Folders are walked recursively in sorted order (the same tree always yields the same
list), keeping files whose extension is one jixiao reads. A file named directly is
taken whatever its name: the user asked for it. Hidden files and folders and the
temporary files office suites leave behind (``~$report.docx``, ``.~lock.x.odt#``,
``~WRL0001.tmp``) are skipped while walking.

A hostile or unlucky archive holds more than documents: symbolic links pointing out of
it (``x.docx`` → ``/etc/passwd``) are not followed unless asked, and FIFOs, sockets and
devices (opening a FIFO blocks forever) are refused by their ``stat`` alone. Both are
reported, with their reason, as refused entries.
"""

from __future__ import annotations

import logging
import os
import stat
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)

DEFAULT_EXTENSIONS = (".docx", ".pdf", ".doc", ".wps", ".rtf", ".odt", ".xlsx", ".xls", ".et")
LINK_OUT = "a symbolic link to outside the input folders: not followed (--follow-symlinks)"


@dataclass(frozen=True)
class Discovery:
    files: tuple[Path, ...]
    missing: tuple[Path, ...]  # named on the command line but not there
    unreadable: tuple[tuple[Path, str], ...] = ()  # folders that could not be listed, why
    refused: tuple[tuple[Path, str], ...] = ()  # (path, reason): FIFOs, links out, …


def is_skipped_name(name: str) -> bool:
    """Hidden and office temporary/lock files."""
    return name.startswith((".", "~")) or name.endswith(("#", ".tmp"))


def _kind(mode: int) -> str | None:
    """What a non-regular, non-folder file is (None for regular files and folders)."""
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"


def _inside(target: Path, roots: Sequence[Path]) -> bool:
    return any(target == root or root in target.parents for root in roots)


class _Walker:
    """Walks the input folders; collects the files and the refused entries."""

    def __init__(self, extensions: frozenset[str], roots: Sequence[Path], follow: bool) -> None:
        self.extensions = extensions
        self.roots = roots  # resolved input folders: links may point anywhere inside
        self.follow = follow
        self.refused: list[tuple[Path, str]] = []
        self.unreadable: list[tuple[Path, str]] = []  # folders that could not be listed

    def check(self, path: Path) -> bool:
        """Whether ``path`` is a regular file to read (else refused, with a reason).

        Looks with ``lstat``/``stat`` only: a FIFO or device is never opened.
        """
        try:
            if path.is_symlink() and not self.follow:
                target = path.resolve()
                if not _inside(target, self.roots):
                    self.refused.append((path, LINK_OUT))
                    return False
            mode = path.stat().st_mode
        except FileNotFoundError:
            self.refused.append((path, "a broken symbolic link (or the file vanished)"))
            return False
        except (OSError, RuntimeError) as exc:  # RuntimeError: a symlink loop
            self.refused.append((path, f"cannot look at it: {getattr(exc, 'strerror', exc)}"))
            return False
        kind = _kind(mode)
        if kind is not None:
            self.refused.append((path, f"{kind}, not a regular file: not read"))
            return False
        return stat.S_ISREG(mode)

    def walk(self, root: Path) -> Iterable[tuple[Path, Path]]:
        """(path, real path) of each file to read under ``root``. The real path (the
        key that finds one file reached twice) is resolved once per folder, and per
        file only for a symbolic link: resolving every file costs a ``lstat`` per
        component of its path."""

        def on_error(error: OSError) -> None:
            self.unreadable.append((Path(error.filename), f"cannot read folder: {error.strerror}"))

        for folder, dirs, names in os.walk(root, onerror=on_error, followlinks=self.follow):
            dirs[:] = sorted(d for d in dirs if not is_skipped_name(d))
            real_folder: str | None = None
            for name in sorted(names):
                if (
                    is_skipped_name(name)
                    or os.path.splitext(name)[1].lower() not in self.extensions
                ):
                    continue
                path = Path(folder, name)
                if self.check(path):
                    if path.is_symlink():
                        yield path, path.resolve()
                        continue
                    if real_folder is None:
                        real_folder = os.path.realpath(folder)
                    yield path, Path(real_folder, name)


def discover(
    paths: Sequence[Path],
    extensions: Sequence[str] = DEFAULT_EXTENSIONS,
    *,
    follow_symlinks: bool = False,
) -> Discovery:
    """The files under ``paths`` (in the order given; each folder sorted), deduplicated.

    Symbolic links are followed only to files inside the folders given (unless
    ``follow_symlinks``); FIFOs, sockets and devices are refused without being opened.
    """
    wanted = frozenset(e.lower() if e.startswith(".") else "." + e.lower() for e in extensions)
    roots = [Path(p).resolve() for p in paths if Path(p).is_dir()]
    walker = _Walker(wanted, roots, follow_symlinks)
    files: list[Path] = []
    missing: list[Path] = []
    seen: set[Path] = set()
    for given in paths:
        given = Path(given)
        if given.is_dir():
            found: Iterable[tuple[Path, Path]] = walker.walk(given)
        elif given.exists() or given.is_symlink():
            # named on the command line: the user asked for it, links included
            kind = _kind(given.stat().st_mode) if given.exists() else "a broken symbolic link"
            if kind is not None:
                walker.refused.append((given, f"{kind}, not a regular file: not read"))
                continue
            found = ((given, given.resolve()),)
        else:
            missing.append(given)
            continue
        for path, key in found:
            if key not in seen:
                seen.add(key)
                files.append(path)
    return Discovery(
        files=tuple(files),
        missing=tuple(missing),
        unreadable=tuple(walker.unreadable),
        refused=tuple(walker.refused),
    )
