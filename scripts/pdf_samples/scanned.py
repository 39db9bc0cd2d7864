"""A scanned-looking PDF: each page of another sample rendered to an image, no text.

pypdfium2 renders at 150 dpi (greyscale JPEG); reportlab places one image per page at
the original page size. Rendering and JPEG encoding are deterministic, as is the
reportlab output (``invariant=1``).
"""

from __future__ import annotations

import io
from pathlib import Path

import pypdfium2
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

DPI = 150


def write(source: Path, path: Path) -> None:
    pdf = pypdfium2.PdfDocument(str(source))
    try:
        canvas = Canvas(str(path), invariant=1)
        canvas.setTitle(path.stem)
        for index in range(len(pdf)):
            page = pdf[index]
            width, height = page.get_size()
            image = page.render(scale=DPI / 72, grayscale=True).to_pil()
            page.close()
            buffer = io.BytesIO()
            image.convert("L").save(buffer, format="JPEG", quality=40)
            canvas.setPageSize((width, height))
            canvas.drawImage(ImageReader(io.BytesIO(buffer.getvalue())), 0, 0, width, height)
            canvas.showPage()
        canvas.save()
    finally:
        pdf.close()
