"""OpenCV comes with the ``ocr`` extra: OCR tests skip locally without it, fail in CI."""

from __future__ import annotations

import os

import pytest


def require_ocr() -> None:
    """Call at module level, before importing jixiao.extract.ocr internals."""
    try:
        import cv2  # noqa: F401
    except ImportError:
        if os.environ.get("CI"):
            pytest.fail("OpenCV (jixiao[ocr]) is required in CI but is not installed")
        pytest.skip("OpenCV (jixiao[ocr]) is not installed", allow_module_level=True)
