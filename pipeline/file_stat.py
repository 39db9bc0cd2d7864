"""What makes a file *unchanged* since an earlier run, without reading it.

An ingest records, with each path it hashed, the file's **stat key**: size,
modification time (``st_mtime_ns``), status-change time (``st_ctime_ns``) and inode
number. A later run that finds the same key at the same path skips the file unread (its
document must also have been read by the current parser); any difference means the
file is hashed again, and only new bytes are parsed. A file merely touched (same bytes,
new mtime) is hashed, skipped, and its new key recorded.

Why these four: writing a file changes its mtime and ctime; replacing it (a copy, a
sync tool's rename) changes its inode and ctime. ``ctime`` cannot be set by a user
(``touch -d``, ``cp -p``, ``rsync -t`` set mtime only), so restoring an old mtime
over new bytes still shows. What is *not* detected: a write within the same
timestamp tick as the recorded stat (filesystems with coarse timestamps) — hence a key
is recorded only when the file's mtime and ctime are at least :data:`RACY_SECONDS`
older than the moment it was hashed (a fresher file is hashed again next run, as git
treats "racily clean" entries); and changes made by someone who resets the system
clock or edits the block device directly.

The key is also recorded only when the file's stat was the same before and after it
was hashed (a file written while being read is hashed again next time).
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
import time
from dataclasses import dataclass
from pathlib import Path

RACY_SECONDS = 2.0  # FAT's timestamp granularity; ext4 and NTFS are far finer
_CHUNK = 1 << 20


@dataclass(frozen=True)
class Hashed:
    sha256: str
    size: int
    stat_key: str | None  # None: not to be trusted next run (changed while read, too fresh)


def stat_key(st: os.stat_result) -> str:
    """``size:mtime_ns:ctime_ns:inode``: equal keys at one path mean unchanged bytes
    (see the module docstring for what that rests on)."""
    return f"{st.st_size}:{st.st_mtime_ns}:{st.st_ctime_ns}:{st.st_ino}"


def trusted_key(before: os.stat_result, after: os.stat_result, now_ns: int) -> str | None:
    """The key to record for a file hashed between ``before`` and ``after`` (its stat
    when opened and when fully read), or None when it must be hashed next time."""
    key = stat_key(before)
    if stat_key(after) != key:
        return None  # written while it was read
    racy = now_ns - int(RACY_SECONDS * 1e9)
    if before.st_mtime_ns >= racy or before.st_ctime_ns >= racy:
        return None  # a write in the same tick would leave the same key
    return key


def hash_file(path: Path) -> Hashed:
    """SHA-256, size and trusted stat key of ``path``.

    Opened without blocking and checked to be a regular file: a file replaced by a
    FIFO after it was listed must not hang the run.
    """
    digest = hashlib.sha256()
    size = 0
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    try:
        before = os.fstat(fd)
        if not stat.S_ISREG(before.st_mode):
            raise OSError(errno.EINVAL, "not a regular file", str(path))
        os.set_blocking(fd, True)
        handle = os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise
    with handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
            size += len(chunk)
        after = os.fstat(handle.fileno())
    return Hashed(digest.hexdigest(), size, trusted_key(before, after, time.time_ns()))
