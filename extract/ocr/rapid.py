"""The default engine: RapidOCR's bundled PP-OCR models on onnxruntime, run directly.

RapidOCR's pipeline object is not used: importing it loads its model catalogue, a
large YAML file, through OmegaConf (about a CPU-second per process). The steps are
RapidOCR's, restated in :mod:`.ppocr` and checked to read every line of the scanned
samples identically; the three ONNX sessions are created here with explicit options
(threads, idle threads sleeping instead of spinning, no memory arena), and a batch of
long lines is split so that its memory stays bounded.

The engine works in stages, :meth:`detect` then :meth:`read`, so that the reader can
check a page's orientation on the detected lines (:meth:`upside_down`) before reading
them; :meth:`recognize` does both for callers of the plain :class:`OcrEngine`.
"""

from __future__ import annotations

import ctypes
import logging
import os
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np

from jixiao.errors import MissingToolError

from . import ppocr
from .engine import INSTALL_HINT, OcrBox, ocr_threads

log = logging.getLogger(__name__)

#: the model files inside the rapidocr wheel (3.x); passed explicitly = no download
DET_MODEL = "PP-OCRv6_det_small.onnx"
REC_MODEL = "PP-OCRv6_rec_small.onnx"
CLS_MODEL = "ch_ppocr_mobile_v2.0_cls_mobile.onnx"
#: detect on a copy at most this many pixels long: detection's memory and time grow
#: with the area (1280 was tried: a form lost a field)
DET_SIDE = 1600
#: recognition: crops are padded to the widest of their batch, at least this wide,
#: six to a batch (RapidOCR's batching: the padding changes what is read, so fewer
#: columns or larger batches were tried and read a few lines worse), and a batch holds
#: at most BATCH_COLUMNS columns in all: the memory a batch of long lines takes
MIN_REC_WIDTH = 320
BATCH_COLUMNS = 4000
MAX_BATCH = 6
#: the page is read from a copy at most this long (RapidOCR's ``max_side_len``): lines
#: are cut from it and scaled back, which is what the models were tuned with
MAX_SIDE = 2000
#: lines read with a lower confidence are dropped (RapidOCR's ``text_score``)
MIN_SCORE = 0.5


@dataclass(frozen=True)
class Lines:
    """Text lines detected on a page: ``quads`` (N×4×2, clockwise from top-left) in the
    page's pixels; the same in ``source``'s pixels (``found``), the copy lines are cut
    from, which is ``ratio`` (height, width) times smaller than the page."""

    quads: np.ndarray
    found: np.ndarray
    source: np.ndarray
    ratio: tuple[float, float]


class RapidOcrEngine:
    """PP-OCR detection, recognition and 0°/180° line classification (RapidOCR's models)."""

    name = "rapidocr"

    def __init__(self, threads: int | None = None, det_side: int = DET_SIDE) -> None:
        try:
            import onnxruntime
            import rapidocr
        except ImportError as exc:  # pragma: no cover - depends on the installation
            raise MissingToolError(f"OCR engine rapidocr is not installed {INSTALL_HINT}") from exc
        models = Path(rapidocr.__file__).parent / "models"
        found = {kind: _bundled(models, kind, name) for kind, name in _MODELS.items()}
        paths = {kind: path for kind, path in found.items() if path is not None}
        missing = sorted(set(found) - set(paths))
        if missing:
            raise MissingToolError(
                f"rapidocr is installed without its bundled {'/'.join(missing)} model(s) in "
                f"{models}; jixiao never downloads models at run time"
            )
        _return_large_blocks()
        self.threads = threads or ocr_threads()
        self.det_side = det_side
        self._ort = onnxruntime
        self._paths = paths
        self._det = self._session("det")
        self._rec = self._session("rec")
        self._cls: object | None = None  # loaded when a page's orientation is asked
        meta = self._rec.get_modelmeta().custom_metadata_map
        self._charset = ["blank", *meta["character"].splitlines(), " "]
        self._db = ppocr.DbParams()
        self._lock = threading.Lock()  # one set of sessions; calls are serialised
        log.debug("rapidocr engine ready (%d threads, models in %s)", self.threads, models)

    def _session(self, kind: str):  # noqa: ANN202 - onnxruntime.InferenceSession
        ort = self._ort
        options = ort.SessionOptions()
        options.log_severity_level = 3
        options.intra_op_num_threads = self.threads
        options.inter_op_num_threads = 1
        options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        options.enable_cpu_mem_arena = False  # give a large page's memory back
        # idle threads sleep instead of spinning: two workers on two cores must not
        # burn each other's time waiting
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        options.add_session_config_entry("session.inter_op.allow_spinning", "0")
        return ort.InferenceSession(
            str(self._paths[kind]), sess_options=options, providers=["CPUExecutionProvider"]
        )

    # --- stages -------------------------------------------------------------------

    def detect(self, image: np.ndarray) -> Lines:
        """The text lines of ``image``, in reading order."""
        h, w = image.shape[:2]
        source, ratio_h, ratio_w = _within(_bgr(image), MAX_SIDE)
        batch = ppocr.det_input(source, self.det_side)
        with self._lock:
            pred = self._det.run(None, {"x": batch})[0]
        found = ppocr.db_boxes(pred, source.shape[0], source.shape[1], self._db)
        quads = found * np.array([ratio_w, ratio_h], dtype=np.float32)
        quads[..., 0] = np.minimum(quads[..., 0], w)
        quads[..., 1] = np.minimum(quads[..., 1], h)
        return Lines(quads=quads, found=found, source=source, ratio=(ratio_h, ratio_w))

    def crops(self, lines: Lines, which: Sequence[int] | None = None) -> list[np.ndarray]:
        """Lines cut out straight (vertical lines turned to read left to right) from the
        copy they were found on; ``which``: only these lines."""
        picked = lines.found if which is None else lines.found[list(which)]
        return [ppocr.crop_line(lines.source, quad) for quad in picked]

    def read(self, lines: Lines) -> list[OcrBox]:
        """The text of each line (lines read as nothing or unsure dropped)."""
        texts = self.read_crops(self.crops(lines))
        out: list[OcrBox] = []
        for quad, (text, score) in zip(lines.quads, texts, strict=True):
            if score < MIN_SCORE or not text.strip():
                continue
            bbox = (
                float(quad[:, 0].min()),
                float(quad[:, 1].min()),
                float(quad[:, 0].max()),
                float(quad[:, 1].max()),
            )
            out.append(OcrBox(text=text, bbox=bbox, confidence=score))
        return out

    def read_crops(self, crops: Sequence[np.ndarray]) -> list[tuple[str, float]]:
        """Text and confidence of each line crop, batched by width."""
        out: list[tuple[str, float]] = [("", 0.0)] * len(crops)
        for batch, width in _batches([c.shape[1] / c.shape[0] for c in crops]):
            data = ppocr.rec_input([crops[i] for i in batch], width)
            with self._lock:
                preds = self._rec.run(None, {"x": data})[0]
            for i, result in zip(batch, ppocr.ctc_decode(preds, self._charset), strict=True):
                out[i] = result
        return out

    def upside_down(self, crops: Sequence[np.ndarray]) -> list[float]:
        """For each line crop, the classifier's probability that it is upside down."""
        if not crops:
            return []
        with self._lock:
            if self._cls is None:
                self._cls = self._session("cls")
            session = self._cls
            probs = session.run(None, {"x": ppocr.cls_input(list(crops))})[0]  # type: ignore[attr-defined]
        return [float(p[1]) for p in probs]

    def recognize(self, image: np.ndarray) -> list[OcrBox]:
        """Detect and read (the plain :class:`OcrEngine` call)."""
        return self.read(self.detect(image))


#: glibc's mallopt parameter, and the size from which blocks are mapped (see below)
_M_MMAP_THRESHOLD = -3
MMAP_THRESHOLD = 1 << 20
ENV_LOW_MEMORY = "JIXIAO_OCR_LOW_MEMORY"


def _return_large_blocks() -> None:
    """With env ``JIXIAO_OCR_LOW_MEMORY=1``: make glibc map every block of a MiB or
    more and unmap it when freed.

    Detection and recognition allocate and free tensors of tens of megabytes per page.
    glibc raises its mapping threshold each time such a block is freed, so later ones
    come from the heap, which fragments and never shrinks: a worker's peak RSS over
    the scanned samples was 740 MB, 500 MB with a fixed threshold. But the kernel
    then has to fault in and zero those blocks on every use: +1.2 CPU-s a page
    (5.2 → 6.4, measured), so it is not the default. Elsewhere (not glibc) nothing.
    """
    if os.environ.get(ENV_LOW_MEMORY, "").strip() not in ("1", "true", "yes"):
        return
    try:
        libc = ctypes.CDLL("libc.so.6")
        libc.mallopt(_M_MMAP_THRESHOLD, MMAP_THRESHOLD)
    except (OSError, AttributeError):  # pragma: no cover - not glibc
        pass


def _within(image: np.ndarray, max_side: int) -> tuple[np.ndarray, float, float]:
    """``image`` scaled down to at most ``max_side`` pixels long (sides rounded to
    multiples of 32, as RapidOCR does), and the height and width ratios back."""
    h, w = image.shape[:2]
    if max(h, w) <= max_side:
        return image, 1.0, 1.0
    ratio = max_side / max(h, w)
    rh = int(round(int(h * ratio) / 32) * 32)
    rw = int(round(int(w * ratio) / 32) * 32)
    return cv2.resize(image, (rw, rh)), h / rh, w / rw


def _bgr(image: np.ndarray) -> np.ndarray:
    """Greyscale as is; RGB in the channel order the models were trained on (BGR)."""
    return image if image.ndim == 2 else np.ascontiguousarray(image[:, :, ::-1])


def _padded(ratio: float) -> int:
    """Columns a crop of this width/height ratio takes in a batch (at least the minimum)."""
    return int(ppocr.REC_HEIGHT * max(ratio, MIN_REC_WIDTH / ppocr.REC_HEIGHT))


def _batches(ratios: Sequence[float]) -> list[tuple[list[int], int]]:
    """Crop indices grouped by width/height ratio, each group with its padded width.

    Narrowest first; a group grows while it holds at most :data:`MAX_BATCH` crops and
    :data:`BATCH_COLUMNS` columns once padded to its widest crop.
    """
    out: list[tuple[list[int], int]] = []
    group: list[int] = []
    width = 0
    for i in (int(k) for k in np.argsort(np.asarray(ratios, dtype=float))):
        wide = _padded(ratios[i])
        if group and (len(group) >= MAX_BATCH or (len(group) + 1) * wide > BATCH_COLUMNS):
            out.append((group, width))
            group = []
        group.append(i)
        width = wide
    if group:
        out.append((group, width))
    return out


_MODELS = {"det": DET_MODEL, "rec": REC_MODEL, "cls": CLS_MODEL}


def _bundled(models: Path, kind: str, preferred: str) -> Path | None:
    """The ``kind`` (det/rec/cls) ONNX model shipped in the wheel: ``preferred`` if there,
    else the only ``*_{kind}_*.onnx`` (another rapidocr release may bundle other versions).
    """
    if (models / preferred).is_file():
        return models / preferred
    found = sorted(models.glob(f"*{kind}*.onnx"))
    return found[0] if len(found) == 1 else None
