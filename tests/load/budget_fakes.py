"""Fake `process` functions that break their budget, for tests/load/test_load_budgets.py.

Module-level, so spawned worker processes can import them by name. A file's text
chooses the behaviour; any other text is an ordinary report (load_fakes.fake_process).
"""

from __future__ import annotations

import signal
import time
from pathlib import Path
from typing import Any

from load_fakes import fake_process

from jixiao.extract.limits import note_page, note_pages


def greedy_process(path: Path, options: Any) -> Any:
    """``HOG``: reads pages until page 3 asks for far more memory than a worker has.
    ``STUCK``: ignores the time budget's signal (as code stuck in C would) and hangs.
    ``LOOP``: loops in Python for ever (the worker's own timer stops it)."""
    text = path.read_text(encoding="utf-8")
    if "HOG" in text:
        note_pages(5)
        for page in (1, 2, 3):
            note_page(page)
        blob = bytearray(8 * 1024**3)
        return blob
    if "STUCK" in text:
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
        time.sleep(3600)
    if "LOOP" in text:
        while True:
            pass
    return fake_process(path, options)
