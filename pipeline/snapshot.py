"""A private, hashed copy of a file: the bytes a worker parses are the bytes it hashed.

An archive folder can change while an ingest runs (a file copied over, a sync tool
replacing it). Hashing a file and later parsing it by its path would store the
*new* bytes' report under the *old* bytes' hash. The worker instead copies the file
once into a private temporary folder, hashing exactly what it copies, parses the
copy and reports the hash it parsed; the driver stores the report under that hash.
The copy keeps the file's name (readers and messages may look at it).
"""

from __future__ import annotations

import hashlib
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from jixiao.errors import DocumentError, InfrastructureError

_CHUNK = 1 << 20


@dataclass(frozen=True)
class Snapshot:
    path: Path  # the private copy
    sha256: str  # of the copy's bytes
    size: int


@contextmanager
def private_copy(path: Path) -> Iterator[Snapshot]:
    """Copy ``path`` (hashing it on the way) into a folder removed afterwards.

    A file that cannot be read is a DocumentError (``cannot read: …``); a copy that
    cannot be written (temporary space full) an InfrastructureError.
    """
    folder = Path(tempfile.mkdtemp(prefix="jixiao-parse-"))
    try:
        copy = folder / (path.name or "file")
        digest = hashlib.sha256()
        size = 0
        try:
            source = path.open("rb")
        except OSError as exc:
            raise DocumentError(f"cannot read: {exc.strerror or exc}") from exc
        with source, copy.open("wb") as target:
            while True:
                try:
                    chunk = source.read(_CHUNK)
                except OSError as exc:
                    raise DocumentError(f"cannot read: {exc.strerror or exc}") from exc
                if not chunk:
                    break
                digest.update(chunk)
                size += len(chunk)
                try:
                    target.write(chunk)
                except OSError as exc:
                    raise InfrastructureError(
                        f"cannot write a private copy in {folder}: {exc.strerror or exc}"
                    ) from exc
        yield Snapshot(copy, digest.hexdigest(), size)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
