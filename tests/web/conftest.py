"""Module-scoped databases for the web tests (see web_fixtures)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from web_fixtures import copy_samples, fresh_pg_database, hostile_report

from jixiao import PARSER_VERSION


@pytest.fixture(
    scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
)
def empty_url(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path_factory.mktemp('db') / 'jixiao.db'}"
    else:
        yield from fresh_pg_database()


@pytest.fixture(scope="module")
def sample_files(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    return copy_samples(tmp_path_factory.mktemp("archive"))


@pytest.fixture(scope="module")
def filled_url(empty_url: str, sample_files: tuple[Path, Path]) -> str:
    """Two real samples ingested (PDF, DOCX) and one hostile hand-built report."""
    from jixiao.ingest import IngestOptions, ingest
    from jixiao.load import Store

    result = ingest(list(sample_files), empty_url, IngestOptions(workers=1))
    assert [o.status for o in result.outcomes] == ["loaded", "loaded"], result.outcomes
    with Store(empty_url) as store:
        store.load_report(
            hostile_report(), path="/nowhere/x.docx", run_id=None, parser_version=PARSER_VERSION
        )
    return empty_url
