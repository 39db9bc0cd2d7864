"""Files and folders the ingest cannot read, recorded as failed documents.

A document is keyed by the SHA-256 of its bytes, and an unreadable file has none. It
is recorded under a stand-in key derived from its absolute path instead (the hash of
a prefix no file's bytes produce by chance plus the path), so ``jixiao failures``
lists it with its reason and a later run that cannot read it either updates the same
row rather than adding one per run.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

_PREFIX = b"jixiao: unreadable path\x00"


def unreadable_key(path: Path) -> str:
    """The stand-in ``sha256`` of the unreadable file or folder at ``path``."""
    return hashlib.sha256(_PREFIX + os.fsencode(Path(path).absolute())).hexdigest()
