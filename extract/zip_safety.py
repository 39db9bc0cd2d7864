"""Refuse zip archives that would exhaust memory before anything is parsed.

A DOCX is a zip; a hostile or broken one can declare gigabytes of XML behind a few
kilobytes (a zip bomb) or hold millions of members. The checks read only the central
directory. Members are never extracted to disk, and :mod:`zipfile` stops reading a
member at its declared size, so the declared sizes checked here bound what the
reader can be made to decompress.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass

from jixiao.errors import CorruptDocumentError

_MB = 1024 * 1024


@dataclass(frozen=True)
class ZipLimits:
    """The limits :func:`check_zip` applies (defaults suit any real report)."""

    max_total_uncompressed: int = 200 * _MB
    max_members: int = 10_000
    max_ratio: float = 200.0
    ratio_applies_above: int = 10 * _MB  # small members may compress as well as they like


DEFAULT_LIMITS = ZipLimits()


def _mb(n: int) -> str:
    return f"{n / _MB:.1f} MB"


def check_zip(archive: zipfile.ZipFile, limits: ZipLimits = DEFAULT_LIMITS) -> None:
    """Raise :class:`CorruptDocumentError` when ``archive`` is not safe to parse."""
    infos = archive.infolist()
    if len(infos) > limits.max_members:
        raise CorruptDocumentError(
            f"refusing DOCX: {len(infos)} zip members exceeds limit {limits.max_members}"
        )
    total = sum(info.file_size for info in infos)
    if total > limits.max_total_uncompressed:
        raise CorruptDocumentError(
            f"refusing DOCX: uncompressed size {_mb(total)} exceeds limit "
            f"{_mb(limits.max_total_uncompressed)}"
        )
    for info in infos:
        if info.file_size <= limits.ratio_applies_above:
            continue
        ratio = info.file_size / max(info.compress_size, 1)
        if ratio > limits.max_ratio:
            raise CorruptDocumentError(
                f"refusing DOCX: member {info.filename} expands {ratio:.0f}:1 to "
                f"{_mb(info.file_size)}, exceeds limit {limits.max_ratio:.0f}:1"
            )
