"""Only the reviewed reports: what ``jixiao export --reviewed-only`` keeps of each table.

A table or view with a ``report_id`` column keeps the rows of reviewed reports;
``reports`` keeps those reports, ``documents`` and ``document_paths`` their documents;
tables that are not about reports (``ingest_runs``, ``corrections``…) stay whole.
"""

from __future__ import annotations

import pandas as pd

from jixiao.load import Store
from jixiao.load.corrections import reviewed_report_ids


def reviewed_ids(url: str) -> tuple[set[int], set[int]]:
    """(report ids, document ids) of the reviewed reports."""
    from sqlalchemy import select

    from jixiao.load.models import ReportRow

    reports = ReportRow.__table__
    with Store(url, create=False) as store, store.engine.connect() as conn:
        ids = reviewed_report_ids(conn)
        docs = set(
            conn.execute(select(reports.c.document_id).where(reports.c.id.in_(ids))).scalars()
        )
    return ids, docs


def only_reviewed(data: dict[str, pd.DataFrame], url: str) -> dict[str, pd.DataFrame]:
    report_ids, document_ids = reviewed_ids(url)
    out: dict[str, pd.DataFrame] = {}
    for name, frame in data.items():
        if name == "reports":
            out[name] = frame[frame["id"].isin(report_ids)]
        elif name == "documents":
            out[name] = frame[frame["id"].isin(document_ids)]
        elif "report_id" in frame.columns:
            out[name] = frame[frame["report_id"].isin(report_ids)]
        elif "document_id" in frame.columns:
            out[name] = frame[frame["document_id"].isin(document_ids)]
        else:
            out[name] = frame
    return out
