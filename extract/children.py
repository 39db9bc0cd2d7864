"""The helper programs a reader has running (LibreOffice), so that they die with it.

A conversion runs in its own process group (``start_new_session``); the group is
registered here while it runs. When the worker process that started it must go (its
driver died, its time budget is over, it is told to stop), :func:`kill_all` kills every
registered group: LibreOffice's ``oosplash`` forks ``soffice.bin``, which killing
``oosplash`` alone would leave running.
"""

from __future__ import annotations

import contextlib
import os
import signal

_groups: set[int] = set()


def register(pgid: int) -> None:
    _groups.add(pgid)


def unregister(pgid: int) -> None:
    _groups.discard(pgid)


def kill_all() -> None:
    """SIGKILL every registered process group (safe to call from a signal handler)."""
    for pgid in list(_groups):
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(pgid, signal.SIGKILL)
        _groups.discard(pgid)
