"""Per-file budgets of an ingest: what one file may cost before it is refused.

An unattended nightly import must finish whatever the archive holds, so every file is
parsed under a budget, enforced where the parsing runs (the worker process):

- **time**: ``seconds`` per file plus ``seconds_per_page`` for each page the document
  turns out to have and ``seconds_per_ocr_page`` for each page read by OCR
  (``--file-timeout``, ``--page-timeout``);
- **memory**: the worker's address space (``RLIMIT_AS``, ``--file-memory``);
- **size of the work**: pages (``--max-pages``, refused from the page count before any
  page is parsed), table cells and columns, nested tables and XML depth, and the size
  of a decompressed stream — checked by the readers (:mod:`jixiao.extract.limits`).

Exceeding one fails that file with a reason (``over the 120 s per-file limit``,
``over the 2 GB memory limit while reading page 3``); the batch goes on.
:mod:`jixiao.worker_guard` applies a budget in a worker; this module only says what
the budget is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from jixiao.extract.limits import ReadLimits

GB = 1024**3
MB = 1024**2
_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([kmgt]?)i?b?\s*$", re.IGNORECASE)
_UNITS = {"": 1, "k": 1024, "m": MB, "g": GB, "t": 1024 * GB}


@dataclass(frozen=True)
class Budgets:
    """What one file may cost. ``0`` switches a budget off."""

    seconds: float = 120.0
    seconds_per_page: float = 5.0  # added per page once the page count is known
    seconds_per_ocr_page: float = 60.0  # added per page read by OCR (a busy machine: 20-40 s)
    # Address space, not resident memory: an OCR worker (onnxruntime) reserves ~1.4 GB
    # of address space for ~0.85 GB resident, so 2 GB leaves room for a large scan.
    memory: int = 2 * GB
    max_pages: int = 500
    max_cells: int = 200_000
    max_depth: int = 64  # nested tables
    max_stream: int = 256 * MB
    grace: float = 10.0  # after the time limit, the driver kills a worker that ignores it

    def read_limits(self) -> ReadLimits:
        big = 1 << 62
        return ReadLimits(
            max_pages=self.max_pages or big,
            max_cells=self.max_cells or big,
            max_depth=self.max_depth or big,
            max_stream=self.max_stream or big,
        )

    def time_limit(self, pages: int, ocr_pages: int = 0) -> float:
        """Seconds allowed for a file of ``pages`` pages, ``ocr_pages`` of them read by
        OCR (0: no limit)."""
        if not self.seconds:
            return 0.0
        return self.seconds + self.seconds_per_page * pages + self.seconds_per_ocr_page * ocr_pages


NO_BUDGETS = Budgets(seconds=0, memory=0, max_pages=0, max_cells=0, max_depth=0, max_stream=0)


def parse_size(text: str) -> int:
    """Bytes from ``1.5GB``, ``1536M``, ``2g``, ``800MiB`` or a plain number of bytes."""
    match = _SIZE.match(text)
    if not match:
        raise ValueError(f"not a size: {text!r} (e.g. 1.5GB, 800MB)")
    return int(float(match[1]) * _UNITS[match[2].lower()])


def format_size(size: int) -> str:
    """``2 GB``, ``1.5 GB``, ``800 MB``."""
    if size >= GB:
        return f"{size / GB:.1f}".removesuffix(".0") + " GB"
    return f"{size / MB:.0f} MB"
