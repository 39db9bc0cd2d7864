"""Pluggable OCR engines: a :class:`OcrEngine` protocol and the RapidOCR default.

An engine takes one page image (an RGB or greyscale ``numpy`` array) and returns the
text lines it read as :class:`OcrBox` in pixel coordinates. The engine is chosen by
name: an explicit argument, else the ``JIXIAO_OCR_ENGINE`` environment variable, else
``rapidocr``. One instance per process (:func:`get_engine` caches it): loading the
ONNX models costs time and memory that must not be paid per file.

RapidOCR ships its Chinese detection/recognition models inside the wheel; the model
paths are passed explicitly so that it never tries to download anything.
"""

from __future__ import annotations

import importlib.util
import logging
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, runtime_checkable

import numpy as np

from jixiao.errors import MissingToolError

log = logging.getLogger(__name__)

ENV_ENGINE = "JIXIAO_OCR_ENGINE"
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


class RapidOcrEngine:
    """RapidOCR (PP-OCR models on onnxruntime), models from the installed package only."""

    name = "rapidocr"

    #: the model files inside the rapidocr wheel (3.x); passed explicitly = no download
    DET_MODEL = "PP-OCRv6_det_small.onnx"
    REC_MODEL = "PP-OCRv6_rec_small.onnx"
    CLS_MODEL = "ch_ppocr_mobile_v2.0_cls_mobile.onnx"
    DET_SIDE = 1600

    def __init__(self, threads: int | None = None) -> None:
        try:
            import rapidocr
        except ImportError as exc:  # pragma: no cover - depends on the installation
            raise MissingToolError(f"OCR engine rapidocr is not installed {INSTALL_HINT}") from exc
        models = Path(rapidocr.__file__).parent / "models"
        found = {kind: _bundled(models, kind, name) for kind, name in self._models().items()}
        paths = {kind: path for kind, path in found.items() if path is not None}
        missing = sorted(set(found) - set(paths))
        if missing:
            raise MissingToolError(
                f"rapidocr is installed without its bundled {'/'.join(missing)} model(s) in "
                f"{models}; jixiao never downloads models at run time"
            )
        n_threads = threads or min(os.cpu_count() or 1, 4)
        params: dict[str, object] = {
            "Global.log_level": "error",  # not a warning per blank page
            "Global.use_cls": False,  # pages are deskewed and upright before OCR
            "Det.model_path": str(paths["det"]),
            "Rec.model_path": str(paths["rec"]),
            "Cls.model_path": str(paths["cls"]),
            # detect on a copy at most DET_SIDE pixels long (text lines are large
            # enough there; memory peaks in detection), recognise at full resolution
            "Det.limit_type": "max",
            "Det.limit_side_len": self.DET_SIDE,
            "EngineConfig.onnxruntime.intra_op_num_threads": n_threads,
            "EngineConfig.onnxruntime.inter_op_num_threads": 1,
        }
        self._ocr = rapidocr.RapidOCR(params=params)
        self._lock = threading.Lock()
        log.debug("rapidocr engine ready (%d threads, models in %s)", n_threads, models)

    @classmethod
    def _models(cls) -> dict[str, str]:
        return {"det": cls.DET_MODEL, "rec": cls.REC_MODEL, "cls": cls.CLS_MODEL}

    def recognize(self, image: np.ndarray) -> list[OcrBox]:
        with self._lock:  # one onnxruntime session set; calls are serialised
            result = self._ocr(image)
        if result.boxes is None or result.txts is None or result.scores is None:
            return []
        out: list[OcrBox] = []
        for quad, text, score in zip(result.boxes, result.txts, result.scores, strict=True):
            pts = np.asarray(quad, dtype=float)
            bbox = (
                float(pts[:, 0].min()),
                float(pts[:, 1].min()),
                float(pts[:, 0].max()),
                float(pts[:, 1].max()),
            )
            if text.strip():
                out.append(OcrBox(text=str(text), bbox=bbox, confidence=float(score)))
        return out


def _bundled(models: Path, kind: str, preferred: str) -> Path | None:
    """The ``kind`` (det/rec/cls) ONNX model shipped in the wheel: ``preferred`` if there,
    else the only ``*_{kind}_*.onnx`` (another rapidocr release may bundle other versions).
    """
    if (models / preferred).is_file():
        return models / preferred
    found = sorted(models.glob(f"*{kind}*.onnx"))
    return found[0] if len(found) == 1 else None


#: engine name → factory; other engines register here (see :func:`register_engine`)
_FACTORIES: dict[str, Callable[[], OcrEngine]] = {DEFAULT_ENGINE: RapidOcrEngine}
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
