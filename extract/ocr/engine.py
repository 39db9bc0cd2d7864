"""Pluggable OCR engines: a :class:`OcrEngine` protocol and the RapidOCR default.

An engine takes one page image (an RGB or greyscale ``numpy`` array) and returns the
text lines it read as :class:`OcrBox` in pixel coordinates. The engine is chosen by
name: an explicit argument, else the ``JIXIAO_OCR_ENGINE`` environment variable, else
``rapidocr``. One instance per process (:func:`get_engine` caches it): loading the
ONNX models costs time and memory that must not be paid per file.

The default engine (:mod:`.rapid`) runs the Chinese detection/recognition models that
the rapidocr wheel ships, from their files, so nothing is ever downloaded; it is
imported only when first created.
"""

from __future__ import annotations

import importlib.util
import logging
import multiprocessing
import os
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol, runtime_checkable

import numpy as np

from jixiao.errors import MissingToolError

log = logging.getLogger(__name__)

ENV_ENGINE = "JIXIAO_OCR_ENGINE"
ENV_THREADS = "JIXIAO_OCR_THREADS"
DEFAULT_ENGINE = "rapidocr"
INSTALL_HINT = "(install OCR support: pip install 'jixiao[ocr]')"

BBox = tuple[float, float, float, float]


@dataclass(frozen=True)
class OcrBox:
    """One text line the engine read: text, pixel bbox (x0, top, x1, bottom), confidence."""

    text: str
    bbox: BBox
    confidence: float


@runtime_checkable
class OcrEngine(Protocol):
    """What the OCR reader needs from an engine."""

    name: str

    def recognize(self, image: np.ndarray) -> list[OcrBox]:
        """Text lines found in ``image`` (H×W or H×W×3 uint8), any order."""
        ...


@runtime_checkable
class StagedEngine(OcrEngine, Protocol):
    """An engine whose detection and reading can be called apart, and which can tell an
    upside-down line: the reader then checks a page's orientation on the detected
    lines before reading them, at the cost of a few line classifications."""

    def detect(self, image: np.ndarray) -> DetectedLines:
        """The text lines of ``image``."""
        ...

    def crops(self, lines: Any, which: Sequence[int] | None = None) -> list[np.ndarray]:
        """The lines (or those at ``which``) cut out, straightened, running across."""
        ...

    def read(self, lines: Any) -> list[OcrBox]:
        """The text of the detected lines."""
        ...

    def read_crops(self, crops: Sequence[np.ndarray]) -> list[tuple[str, float]]:
        """Text and confidence of line crops."""
        ...

    def upside_down(self, crops: Sequence[np.ndarray]) -> list[float]:
        """Per crop, the probability that it is upside down."""
        ...


class DetectedLines(Protocol):
    """What :meth:`StagedEngine.detect` returns: at least the lines' corners."""

    @property
    def quads(self) -> np.ndarray:
        """N×4×2 pixel corners, clockwise from top-left."""
        ...


def ocr_threads() -> int:
    """onnxruntime threads per engine: env ``JIXIAO_OCR_THREADS``, else one in a worker
    process (the workers already share out the cores: more threads per worker would
    only make them wait on each other), else up to four in a lone process."""
    raw = os.environ.get(ENV_THREADS, "").strip()
    if raw:
        try:
            return max(1, int(raw))
        except ValueError:
            log.warning("ignoring %s=%r: not a whole number", ENV_THREADS, raw)
    if multiprocessing.parent_process() is not None:
        return 1
    return min(os.cpu_count() or 1, 4)


def _rapidocr() -> OcrEngine:
    from .rapid import RapidOcrEngine

    return RapidOcrEngine()


def __getattr__(name: str) -> object:
    if name == "RapidOcrEngine":  # the default engine's class, loaded on first use
        from .rapid import RapidOcrEngine

        return RapidOcrEngine
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


#: engine name → factory; other engines register here (see :func:`register_engine`)
_FACTORIES: dict[str, Callable[[], OcrEngine]] = {DEFAULT_ENGINE: _rapidocr}
_MODULES: dict[str, tuple[str, ...]] = {DEFAULT_ENGINE: ("rapidocr", "onnxruntime")}
_instances: dict[str, OcrEngine] = {}
_instances_lock = threading.Lock()


def register_engine(
    name: str, factory: Callable[[], OcrEngine], modules: tuple[str, ...] = ()
) -> None:
    """Make ``name`` selectable; ``modules`` are the imports whose presence means installed."""
    _FACTORIES[name] = factory
    _MODULES[name] = modules
    _instances.pop(name, None)


def engine_name(name: str | None = None) -> str:
    return name or os.environ.get(ENV_ENGINE, "").strip() or DEFAULT_ENGINE


def ocr_available(name: str | None = None) -> bool:
    """Whether the selected engine can be created (without importing its models)."""
    chosen = engine_name(name)
    if chosen not in _FACTORIES:
        return False
    return all(importlib.util.find_spec(m) is not None for m in _MODULES.get(chosen, ()))


def get_engine(name: str | None = None) -> OcrEngine:
    """The process-wide engine called ``name`` (default: env ``JIXIAO_OCR_ENGINE``)."""
    chosen = engine_name(name)
    factory = _FACTORIES.get(chosen)
    if factory is None:
        known = ", ".join(sorted(_FACTORIES))
        raise MissingToolError(f"unknown OCR engine {chosen!r} (known: {known})")
    with _instances_lock:
        engine = _instances.get(chosen)
        if engine is None:
            if not ocr_available(chosen):
                raise MissingToolError(f"OCR engine {chosen} is not installed {INSTALL_HINT}")
            engine = factory()
            _instances[chosen] = engine
        return engine
