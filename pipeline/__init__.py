"""jixiao (绩效): Chinese budget-performance reports → a relational database.

The pipeline has three stages, each a subpackage that imports only downward:

- :mod:`jixiao.extract` reads DOCX / PDF / DOC into one neutral document model;
- :mod:`jixiao.normalize` maps that model to the canonical report and runs the checks;
- :mod:`jixiao.load` stores canonical reports in SQLite or PostgreSQL.

This module stays import-light on purpose (the stages import :mod:`jixiao.errors`).
"""

from __future__ import annotations

__version__ = "0.1.0"

# Bumped whenever extraction or normalisation changes what a document yields;
# stored per document so `jixiao ingest --reprocess` knows what is stale.
PARSER_VERSION = 2

__all__ = ["PARSER_VERSION", "__version__"]
