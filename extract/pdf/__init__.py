"""The PDF reader: :func:`read_pdf` turns a PDF into the neutral document model."""

from .reader import read_pdf
from .text_quality import UnreadableTextError

__all__ = ["read_pdf", "UnreadableTextError"]
