"""The exception families every stage raises.

Two families, as in dlt: a *document* error is terminal for that one file (record it,
move on with the batch); an *infrastructure* error is transient (the database is down,
a converter is missing for everything): stop, the next run retries.
"""

from __future__ import annotations


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
