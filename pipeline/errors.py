"""The exception families every stage raises.

Two families, as in dlt: a *document* error is terminal for that one file (record it,
move on with the batch); an *infrastructure* error is transient (the database is down,
a converter is missing for everything): stop, the next run retries.
"""

from __future__ import annotations

import os
import re
import unicodedata


class JixiaoError(Exception):
    """Root of everything jixiao raises on purpose."""


class DocumentError(JixiaoError):
    """This file cannot be turned into a report. Terminal for the file, not the batch.

    ``reason`` is the one line a user sees next to the file name.
    """

    def __init__(self, reason: str, *, path: str | None = None, page: int | None = None) -> None:
        self.reason = reason
        self.path = path
        self.page = page
        super().__init__(f"{path}: {reason}" if path else reason)

    def with_path(self, path: str) -> DocumentError:
        """The same error, now naming the file (readers may not know it)."""
        if self.path == path:
            return self
        clone = type(self).__new__(type(self))
        DocumentError.__init__(clone, self.reason, path=path, page=self.page)
        return clone


class UnsupportedFormatError(DocumentError):
    """The bytes are not a format jixiao reads (or not the one the name claims)."""


class CorruptDocumentError(DocumentError):
    """The container is damaged: a truncated zip, an unreadable PDF, a zip bomb."""


class EncryptedDocumentError(DocumentError):
    """The document needs a password."""


class NoTextLayerError(DocumentError):
    """A scanned PDF with no usable text layer (and no OCR engine available)."""


class UnreadableTextError(DocumentError):
    """A PDF text layer whose fonts cannot be mapped back to characters (``(cid:N)``)."""


class NotAReportError(DocumentError):
    """The file reads fine but holds nothing that looks like a performance report."""


class MissingToolError(DocumentError):
    """A converter this file needs (LibreOffice, an OCR engine) is not installed."""


class InfrastructureError(JixiaoError):
    """Transient: the database or the file system failed. Stop the run; retry later."""


class SchemaVersionError(InfrastructureError):
    """The database schema is newer than this jixiao knows, or older and not upgraded."""


class IngestLockedError(InfrastructureError):
    """Another ingest holds the database's lock."""


class DatabaseNotFoundError(InfrastructureError):
    """A SQLite URL names a file that does not exist (nothing was ingested there yet)."""


class ConfigurationError(JixiaoError):
    """A usage or configuration error found before any document was touched: a bad
    ``--labels`` or ``--grade-bands`` file, a malformed or unsupported database URL, an
    input path that does not exist. The command exits with status 2."""


class DatabaseURLError(ConfigurationError):
    """The database URL cannot name a database jixiao can use."""


class OverLimitError(DocumentError):
    """The file is over a per-file budget (time, memory, pages, cells, nesting, size)."""


def display_path(path: str | bytes | os.PathLike[str] | os.PathLike[bytes]) -> str:
    """``path`` as one safe line of text, for logs, the terminal and stored error text.

    Control characters become ``\\n``, ``\\x1b``…, bytes that are not UTF-8 (kept by
    Python as surrogate escapes) become ``\\xff``, and a backslash becomes ``\\\\`` so
    that the display form is lossless (:func:`path_from_display` inverts it). A newline
    in a file name can then never forge a log line.
    """
    raw = os.fspath(path)
    if isinstance(raw, bytes):
        raw = os.fsdecode(raw)
    if raw.isprintable() and "\\" not in raw:
        return raw  # nothing to escape (every character below is unprintable): the usual case
    out: list[str] = []
    for char in raw:
        code = ord(char)
        if char == "\\":
            out.append("\\\\")
        elif 0xDC80 <= code <= 0xDCFF:  # an undecodable byte (surrogateescape)
            out.append(f"\\x{code - 0xDC00:02x}")
        elif char in _NAMED_ESCAPES:
            out.append(_NAMED_ESCAPES[char])
        elif code < 0x20 or code == 0x7F:
            out.append(f"\\x{code:02x}")
        elif _hidden(char):
            out.append(f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}")
        else:
            out.append(char)
    return "".join(out)


def _hidden(char: str) -> bool:
    """Characters a terminal or log would not show as themselves: controls, format
    characters (bidi overrides, invisible marks), separators other than spaces,
    unassigned and private-use code points. Spaces (even ideographic) stay."""
    return char in _INVISIBLE or (not char.isprintable() and unicodedata.category(char) != "Zs")


def path_from_display(text: str) -> bytes:
    """The file name bytes :func:`display_path` showed as ``text``."""
    out = bytearray()
    i = 0
    while i < len(text):
        char = text[i]
        if char != "\\" or i + 1 == len(text):
            out += char.encode("utf-8")
            i += 1
            continue
        kind = text[i + 1]
        if kind == "\\":
            out += b"\\"
            i += 2
        elif kind in _NAMED_UNESCAPES:
            out += _NAMED_UNESCAPES[kind]
            i += 2
        elif kind == "x":
            out.append(int(text[i + 2 : i + 4], 16))
            i += 4
        elif kind == "u":
            out += os.fsencode(chr(int(text[i + 2 : i + 6], 16)))
            i += 6
        elif kind == "U":
            out += os.fsencode(chr(int(text[i + 2 : i + 10], 16)))
            i += 10
        else:
            raise ValueError(f"not a display_path() form: {text!r}")
    return bytes(out)


_NAMED_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
_NAMED_UNESCAPES = {"n": b"\n", "r": b"\r", "t": b"\t"}
# Characters that reorder or hide text on a terminal (bidi overrides, line separators).
_INVISIBLE = frozenset("\u2028\u2029\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


_BYTES_LITERAL = re.compile(r"""\bb(['"])(?:\\.|(?!\1).)*\1""")


def safe_reason(text: str, limit: int = 500) -> str:
    """A failure reason as one safe line: no control characters, no quoted file bytes.

    Library messages sometimes quote the bytes they choked on (``b'root:x:0'``); a
    reason is stored and printed, so those become ``<bytes>``; control characters are
    escaped as in :func:`display_path`; overlong text is cut.
    """
    text = _BYTES_LITERAL.sub("<bytes>", text)
    out = []
    for char in text:
        code = ord(char)
        if char in _NAMED_ESCAPES:
            out.append(_NAMED_ESCAPES[char])
        elif code < 0x20 or code == 0x7F:
            out.append(f"\\x{code:02x}")
        elif 0xDC80 <= code <= 0xDCFF:
            out.append(f"\\x{code - 0xDC00:02x}")
        elif _hidden(char):
            out.append(f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}")
        else:
            out.append(char)
    cleaned = "".join(out)
    return cleaned if len(cleaned) <= limit else cleaned[: limit - 1] + "…"
