"""The workers' status board: which file each worker is reading, until when, where.

Each worker process writes one small JSON file, ``<run dir>/workers/<pid>.json``,
when it starts a file (path, start, deadline), when the reader moves on (``page 3``,
a longer deadline once the page count is known) and removes it when the file is done.
The driver reads the board to police deadlines a worker cannot enforce itself (a
parse stuck in C code) and, when a worker dies, to know which file it was reading and
why (a ``verdict`` written before the kill), instead of suspecting every file in flight.
"""

from __future__ import annotations

import contextlib
import json
import os
from dataclasses import asdict, dataclass, replace
from pathlib import Path


@dataclass(frozen=True)
class Entry:
    pid: int
    path: str  # as the driver passed it (may hold surrogate escapes)
    started: float  # time.time()
    deadline: float = 0.0  # time.time() by which the file must be done; 0: none
    where: str | None = None  # "page 3"
    verdict: str | None = None  # why the worker was killed, when it was


class Board:
    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)

    def _file(self, pid: int) -> Path:
        return self.folder / f"{pid}.json"

    def post(self, entry: Entry) -> None:
        """Write ``entry`` atomically (a reader never sees half a file)."""
        target = self._file(entry.pid)
        partial = target.with_suffix(".part")
        # ensure_ascii: a path with surrogate escapes survives as \udcff
        partial.write_text(json.dumps(asdict(entry), ensure_ascii=True), encoding="ascii")
        os.replace(partial, target)

    def clear(self, pid: int) -> None:
        with contextlib.suppress(FileNotFoundError):
            self._file(pid).unlink()

    def entries(self) -> list[Entry]:
        out: list[Entry] = []
        for file in self.folder.glob("*.json"):
            try:
                out.append(Entry(**json.loads(file.read_text(encoding="ascii"))))
            except (OSError, ValueError, TypeError):
                continue  # removed or replaced while listing
        return out

    def judge(self, entry: Entry, verdict: str) -> Entry:
        """Record why ``entry``'s worker is being killed."""
        judged = replace(entry, verdict=verdict)
        self.post(judged)
        return judged

    def take(self) -> dict[str, Entry]:
        """Every entry, by path, removing them (after a worker died)."""
        found = {entry.path: entry for entry in self.entries()}
        for entry in found.values():
            self.clear(entry.pid)
        return found
