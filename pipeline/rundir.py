"""One private temporary directory per ingest run, swept by the next run (issue 17).

Everything a run writes to temporary storage — LibreOffice profiles and converted
files, the workers' status board — lives under ``$TMPDIR/jixiao-run-<pid>-<start>-…``
(the workers' ``TMPDIR`` points there). The run removes it when it ends; a run that was
killed cannot, so each run first sweeps the directories of runs that are no longer
alive: the directory name holds the owner's pid and its process start time, so a
live run's directory (even another database's run) is never touched, and a recycled
pid is not mistaken for the owner. Processes still running from a dead run's directory
(a LibreOffice whose worker was killed) are killed before the directory is removed.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import shutil
import signal
import tempfile
from dataclasses import dataclass
from pathlib import Path

from jixiao.errors import display_path

log = logging.getLogger(__name__)

PREFIX = "jixiao-run-"
_NAME = re.compile(rf"^{re.escape(PREFIX)}(\d+)-(\d+)-")
_PROC = Path("/proc")


@dataclass(frozen=True)
class Swept:
    folders: tuple[Path, ...]  # removed
    processes: tuple[int, ...]  # killed (left running by a dead run)


def start_ticks(pid: int) -> int:
    """The process's start time in clock ticks since boot (0 where /proc is absent)."""
    try:
        stat = (_PROC / str(pid) / "stat").read_bytes()
    except OSError:
        return 0
    fields = stat[stat.rindex(b")") + 2 :].split()
    return int(fields[19])  # field 22 of the whole line


def _alive(pid: int, ticks: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process: not ours to judge
    return ticks == 0 or start_ticks(pid) in (0, ticks)


def create_run_dir(base: Path | None = None) -> Path:
    """A new directory for this run (this process), under ``base`` or the temp dir."""
    pid = os.getpid()
    prefix = f"{PREFIX}{pid}-{start_ticks(pid)}-"
    return Path(tempfile.mkdtemp(prefix=prefix, dir=base))


def remove_run_dir(path: Path) -> None:
    shutil.rmtree(path, ignore_errors=True)


def sweep(base: Path | None = None) -> Swept:
    """Remove the run directories of runs that are no longer alive (and their processes)."""
    root = Path(base) if base is not None else Path(tempfile.gettempdir())
    folders: list[Path] = []
    killed: list[int] = []
    try:
        entries = list(os.scandir(root))
    except OSError:
        return Swept((), ())
    for entry in entries:
        match = _NAME.match(entry.name)
        if not match or not entry.is_dir(follow_symlinks=False):
            continue
        with contextlib.suppress(OSError):
            if entry.stat(follow_symlinks=False).st_uid != os.getuid():
                continue
        pid, ticks = int(match[1]), int(match[2])
        if _alive(pid, ticks):
            continue
        folder = Path(entry.path)
        killed.extend(kill_processes_using(folder))
        shutil.rmtree(folder, ignore_errors=True)
        folders.append(folder)
        log.info("removed %s, left by run process %d", display_path(folder), pid)
    return Swept(tuple(folders), tuple(killed))


def kill_processes_using(folder: Path) -> list[int]:
    """SIGKILL this user's processes whose command line names ``folder``."""
    needle = os.fsencode(str(folder))
    uid = os.getuid()
    killed: list[int] = []
    if not _PROC.is_dir():
        return killed
    for entry in _PROC.iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            if entry.stat().st_uid != uid:
                continue
            cmdline = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        if needle in cmdline:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.kill(int(entry.name), signal.SIGKILL)
                killed.append(int(entry.name))
    return killed
