"""Worker processes die with their driver (issue 17).

A ``kill -9`` of ``jixiao ingest`` (or the out-of-memory killer) gives the driver no
chance to stop its workers. Each worker therefore watches its parent itself:

- Linux's ``PR_SET_PDEATHSIG`` (``prctl`` through ctypes) sends the worker SIGTERM the
  moment the process that spawned it is gone;
- a daemon thread compares ``getppid()`` with the driver's pid every 0.2 s (the
  fallback where prctl does not exist, and a second chance if a signal is missed);
- on SIGTERM, or when the thread sees the parent gone, the worker kills the process
  groups of the converters it runs (:mod:`jixiao.extract.children`: LibreOffice) and
  exits at once (``os._exit``: no cleanup that could hang).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
import os
import signal
import sys
import threading
import time

from jixiao.extract import children

log = logging.getLogger(__name__)

PR_SET_PDEATHSIG = 1
POLL_SECONDS = 0.2
EXIT_STATUS = 143  # as if killed by SIGTERM


def set_parent_death_signal(signum: int = signal.SIGTERM) -> bool:
    """Ask the kernel to send ``signum`` when the parent dies (Linux only)."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        return libc.prctl(PR_SET_PDEATHSIG, signum, 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def exit_now(status: int = EXIT_STATUS) -> None:
    """Kill the converters this process runs, then leave without any cleanup."""
    children.kill_all()
    os._exit(status)


def _on_sigterm(signum: int, frame: object) -> None:
    exit_now()


def _watch(parent_pid: int) -> None:
    while True:
        if os.getppid() != parent_pid:
            exit_now()
        time.sleep(POLL_SECONDS)


def die_with_parent(parent_pid: int) -> None:
    """Make this process (a worker) exit within a second of ``parent_pid`` dying.

    Call it first thing in the worker (the pool initializer), in the main thread.
    """
    signal.signal(signal.SIGTERM, _on_sigterm)
    set_parent_death_signal(signal.SIGTERM)
    if os.getppid() != parent_pid:  # the parent died before prctl took effect
        exit_now()
    threading.Thread(target=_watch, args=(parent_pid,), name="jixiao-lifeline", daemon=True).start()
