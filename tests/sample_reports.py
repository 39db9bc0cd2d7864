"""The bundled samples, each extracted once per test session (shared by several tests)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from jixiao.errors import DocumentError
from jixiao.normalize.canonical import CanonicalReport
from jixiao.process import process_file

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
SAMPLE_SUFFIXES = {".docx", ".pdf", ".doc"}


def sample_files() -> list[Path]:
    return sorted(p for p in SAMPLES.iterdir() if p.suffix.lower() in SAMPLE_SUFFIXES)


@cache
def extracted_all(sample: Path) -> tuple[CanonicalReport, ...] | DocumentError:
    """The canonical reports of a sample, or the DocumentError it fails with."""
    try:
        return process_file(sample)
    except DocumentError as error:
        return error


def extracted(sample: Path) -> CanonicalReport | DocumentError:
    """The canonical report of a one-report sample (the first of a bundle's)."""
    found = extracted_all(sample)
    return found if isinstance(found, DocumentError) else found[0]


def extracted_reports(sample: Path) -> tuple[CanonicalReport, ...]:
    """Every report of a sample; none for a sample that fails."""
    found = extracted_all(sample)
    return () if isinstance(found, DocumentError) else found
