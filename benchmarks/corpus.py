"""Benchmark corpora: many distinct files built from a few sample reports.

An ingest skips a file whose SHA-256 it has loaded before, so a benchmark that copies
one report 200 times measures one parse and 199 skips. :func:`build_corpus` makes
copies whose bytes differ but whose content is the same, the way a report re-saved
by an office suite differs from the original:

- DOCX: the package is rewritten member by member (same order, same compression, same
  timestamps), ``docProps/core.xml``'s ``cp:revision`` is bumped when present, and the
  zip comment names the copy (so even a package without core properties changes);
- PDF: a comment line is appended after ``%%EOF`` (readers ignore bytes there).

Everything is deterministic: the same samples and ``n`` give the same bytes.
:func:`link_corpus` makes a large *unchanged* corpus cheaply (hard links to files
already loaded) for timing the skip path, which still hashes every file.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import zipfile
from collections.abc import Sequence
from pathlib import Path

log = logging.getLogger(__name__)

__all__ = ["build_corpus", "link_corpus", "make_variant", "sample_files"]

CORE_PROPERTIES = "docProps/core.xml"
_REVISION = re.compile(rb"<cp:revision>\s*(\d+)\s*</cp:revision>")


def sample_files(root: Path, suffixes: Sequence[str] = (".docx",)) -> list[Path]:
    """The files in ``root`` with one of ``suffixes`` (case-insensitive), sorted."""
    wanted = {s.lower() for s in suffixes}
    return sorted(p for p in root.iterdir() if p.is_file() and p.suffix.lower() in wanted)


def _bump_revision(core: bytes, copy: int) -> bytes:
    """``core.xml`` with its revision number raised by ``copy + 1`` (unchanged if absent)."""

    def bump(match: re.Match[bytes]) -> bytes:
        return b"<cp:revision>%d</cp:revision>" % (int(match.group(1)) + copy + 1)

    return _REVISION.sub(bump, core, count=1)


def docx_variant(src: Path, dest: Path, copy: int) -> None:
    """Write ``src`` (a DOCX) to ``dest`` as copy number ``copy``: new bytes, same content."""
    with zipfile.ZipFile(src) as source, zipfile.ZipFile(dest, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == CORE_PROPERTIES:
                data = _bump_revision(data, copy)
            member = zipfile.ZipInfo(info.filename, date_time=info.date_time)
            member.compress_type = info.compress_type
            member.external_attr = info.external_attr
            target.writestr(member, data)
        target.comment = f"jixiao benchmark copy {copy}".encode("ascii")


def pdf_variant(src: Path, dest: Path, copy: int) -> None:
    """Write ``src`` (a PDF) to ``dest`` with a comment line after its last ``%%EOF``."""
    data = src.read_bytes()
    if not data.endswith((b"\n", b"\r")):
        data += b"\n"
    dest.write_bytes(data + f"%jixiao benchmark copy {copy}\n".encode("ascii"))


def make_variant(src: Path, dest: Path, copy: int) -> None:
    """Copy number ``copy`` of ``src`` at ``dest`` (by extension: .docx or .pdf)."""
    suffix = src.suffix.lower()
    if suffix == ".docx":
        docx_variant(src, dest, copy)
    elif suffix == ".pdf":
        pdf_variant(src, dest, copy)
    else:
        raise ValueError(f"cannot make a benchmark variant of {src.name}: .docx or .pdf only")


def build_corpus(samples: Sequence[Path], out: Path, n: int) -> list[Path]:
    """``n`` distinct files in ``out``, cycling through ``samples`` (copy ``i`` of
    ``samples[i % len(samples)]``), named ``{i:05d}_{sample name}``."""
    if not samples:
        raise ValueError("no sample files to build a corpus from")
    out.mkdir(parents=True, exist_ok=True)
    paths: list[Path] = []
    for i in range(n):
        src = samples[i % len(samples)]
        dest = out / f"{i:05d}_{src.name}"
        make_variant(src, dest, i)
        paths.append(dest)
    log.debug("built %d files in %s from %d samples", n, out, len(samples))
    return paths


def link_corpus(sources: Sequence[Path], out: Path, n: int) -> list[Path]:
    """``n`` files in ``out`` with the bytes of ``sources`` (cycled): hard links where
    the filesystem allows, copies otherwise. Folders of 1,000 files, as archives are."""
    if not sources:
        raise ValueError("no files to link a corpus from")
    paths: list[Path] = []
    for i in range(n):
        src = sources[i % len(sources)]
        folder = out / f"{i // 1000:03d}"
        folder.mkdir(parents=True, exist_ok=True)
        dest = folder / f"{i:05d}_{src.name}"
        try:
            os.link(src, dest)
        except OSError:  # another filesystem, or links not supported
            shutil.copyfile(src, dest)
        paths.append(dest)
    return paths
