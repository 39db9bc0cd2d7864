"""Skipping the unchanged files of a re-run in bulk, most of them without reading them.

For a batch of :data:`SKIP_BATCH` files: one ``stat`` each and one lookup of the stat
keys recorded at their paths (:mod:`jixiao.file_stat` says what counts as unchanged).
A file whose key matches, whose document was read by the current parser, is skipped
unread. The others are hashed; those whose bytes are loaded (a touched, copied or
moved file) are skipped too and their new key recorded; the rest are returned, their
hashes kept, to be parsed. One write per batch, never a round trip per file: a nightly
run over an archive that did not change is bound by ``stat`` and the database.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Sequence
from pathlib import Path

from jixiao.file_stat import Hashed, hash_file, stat_key
from jixiao.ingest_run import READ_STATUSES, IngestRun, stored_path
from jixiao.progress import FileOutcome

SKIP_BATCH = 1000  # files looked up, hashed and touched together


def skip_unchanged(run: IngestRun, files: Sequence[Path]) -> list[Path]:
    """Skip (emit) the unchanged files; return the ones still to look at."""
    if run.options.reprocess:
        return list(files)
    rest: list[Path] = []
    for first in range(0, len(files), SKIP_BATCH):
        rest.extend(_batch(run, files[first : first + SKIP_BATCH]))
    return rest


def _batch(run: IngestRun, batch: Sequence[Path]) -> list[Path]:
    start = time.perf_counter()
    current = run.options.parser_version
    cwd = os.getcwd()
    stored = [stored_path(path, cwd) for path in batch]
    keys: list[str | None] = []
    for path in batch:
        try:
            keys.append(stat_key(os.stat(path)))
        except OSError:
            keys.append(None)  # hashed below, which reports why
    known = run.store.known_files(stored)
    unread = {}
    for i, key in enumerate(keys):
        found = known.get((stored[i], key)) if key is not None else None
        if found and found.status in READ_STATUSES and found.parser_version >= current:
            unread[i] = found
    run.store.touch_known(list(unread.values()), run.run_id)
    per_file = (time.perf_counter() - start) / max(len(batch), 1)

    hashed: dict[int, tuple[Hashed, float]] = {}
    rest: list[Path] = []
    for i, path in enumerate(batch):
        if i in unread:
            continue
        began = time.perf_counter()
        with contextlib.suppress(OSError):  # left for prepare(), which reports it
            hashed[i] = (hash_file(path), time.perf_counter() - began)
    versions = run.store.loaded_versions([h.sha256 for h, _ in hashed.values()])
    by_hash = [i for i, (h, _) in hashed.items() if versions.get(h.sha256, -1) >= current]
    run.store.touch_paths(
        [(hashed[i][0].sha256, stored[i], hashed[i][0].stat_key) for i in by_hash], run.run_id
    )
    skipped = {i: found.sha256 for i, found in unread.items()}
    skipped.update({i: hashed[i][0].sha256 for i in by_hash})
    ids = run.store.report_ids(sorted(set(skipped.values()))) if skipped else {}
    for i, path in enumerate(batch):
        sha = skipped.get(i)
        if sha is not None:
            seconds = per_file + (hashed[i][1] if i in hashed else 0.0)
            run.emit(
                FileOutcome(str(path), "skipped", None, sha, seconds, report_ids=ids.get(sha, ()))
            )
        else:  # every unread file is in skipped
            if i in hashed:
                run.hashes[path] = hashed[i]
            rest.append(path)
    return rest
