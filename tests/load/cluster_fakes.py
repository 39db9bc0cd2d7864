"""Parse functions for the Dask tests: the real parser, with a fault injected first.

Importable by name from the Dask workers (they inherit ``sys.path`` from the test
process, which tests/load/conftest.py extends with this folder).
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path
from typing import Any

from jixiao.process import process_file


def marks_folder(path: Path) -> Path:
    """Where the "stall once" protocol keeps its marks for ``stall-<token>-…``: a folder
    named by the token (workers parse a private copy, so not beside the file)."""
    return Path(tempfile.gettempdir()) / f"jixiao-marks-{path.name.split('-')[1]}"


def stall_once_then_parse(path: Path, options: Any) -> Any:
    """The first attempt at a file named ``stall-*`` writes its worker's PID and waits
    (the test kills that worker); the retry on another worker parses normally."""
    if path.name.startswith("stall-"):
        folder = marks_folder(path)
        claimed = folder / f"{path.name}.claimed"
        try:
            fd = os.open(claimed, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
        except FileExistsError:
            pass  # the retry
        else:
            os.close(fd)
            (folder / f"{path.name}.pid").write_text(str(os.getpid()))
            time.sleep(120)
    return process_file(path, options)


def always_crash(path: Path, options: Any) -> Any:
    """A file that takes its worker down every time (``crash-*``): it must fail, not loop."""
    if path.name.startswith("crash-"):
        os.kill(os.getpid(), 9)
    return process_file(path, options)


def slow_parse(path: Path, options: Any) -> Any:
    """The real parse after a pause: keeps tasks in flight while a test breaks things."""
    time.sleep(1.5)
    return process_file(path, options)
