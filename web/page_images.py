"""PDF pages as PNG images (pypdfium2), cached on disk by document SHA-256.

The cache is content-addressed (``<cache>/pages/<sha256>/<page>@<scale>.png`` with a
``.json`` beside it holding the page size in PDF points), so a cached page is the
page of those bytes whatever path the file has now.
"""

from __future__ import annotations

import json
import os
import threading
from dataclasses import dataclass
from pathlib import Path

SCALE = 2  # 144 dpi: small amounts stay legible
_LOCK = threading.Lock()  # pdfium is not thread-safe


@dataclass(frozen=True)
class PageImage:
    png: Path
    width: float  # the page in PDF points (the unit of a value's bbox)
    height: float


def cached_page(cache_dir: Path, sha256: str, page: int) -> PageImage | None:
    base = cache_dir / "pages" / sha256 / f"{page}@{SCALE}"
    png, meta = base.with_suffix(".png"), base.with_suffix(".json")
    if not (png.is_file() and meta.is_file()):
        return None
    size = json.loads(meta.read_text(encoding="utf-8"))
    return PageImage(png, float(size["width"]), float(size["height"]))


def _write_atomically(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def render_page(cache_dir: Path, sha256: str, pdf: Path, page: int) -> PageImage | None:
    """Page ``page`` (1-based) of ``pdf`` as a cached PNG; None when it has no such page."""
    found = cached_page(cache_dir, sha256, page)
    if found is not None:
        return found
    import io

    import pypdfium2 as pdfium

    with _LOCK:
        document = pdfium.PdfDocument(str(pdf))
        try:
            if not 1 <= page <= len(document):
                return None
            handle = document[page - 1]
            width, height = handle.get_size()
            image = handle.render(scale=SCALE).to_pil()
            handle.close()
        finally:
            document.close()
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=False)
    base = cache_dir / "pages" / sha256 / f"{page}@{SCALE}"
    base.parent.mkdir(parents=True, exist_ok=True)
    _write_atomically(base.with_suffix(".png"), buffer.getvalue())
    _write_atomically(
        base.with_suffix(".json"), json.dumps({"width": width, "height": height}).encode()
    )
    return PageImage(base.with_suffix(".png"), width, height)
