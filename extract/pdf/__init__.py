"""The PDF reader: :func:`read_pdf` turns a PDF into the neutral document model."""

from jixiao.errors import UnreadableTextError

from .reader import read_pdf

__all__ = ["read_pdf", "UnreadableTextError"]
