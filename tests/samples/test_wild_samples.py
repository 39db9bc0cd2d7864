"""The committed ``samples/wild_*.docx`` files: present, readable, and reproducible.

Each builder in ``scripts/samples/wild_*.py`` must rebuild its committed file byte for
byte, and the file must carry the facts a golden file will be written from.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
from docx import Document

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"
MAX_BYTES = 200 * 1024


@pytest.fixture(scope="module")
def build_script() -> Iterator[ModuleType]:
    """``scripts/build_wild_samples.py``, imported with the repository root on sys.path."""
    with pytest.MonkeyPatch.context() as mp:
        mp.syspath_prepend(str(ROOT))
        yield importlib.import_module("scripts.build_wild_samples")


def _module_names() -> list[str]:
    """Builder names read from the scripts folder (no import needed to parametrize)."""
    return sorted(
        p.stem for p in (ROOT / "scripts" / "samples").glob("wild_*.py") if p.stem != "wild_kit"
    )


@pytest.fixture(params=_module_names())
def builder(request: pytest.FixtureRequest, build_script: ModuleType) -> ModuleType:
    return importlib.import_module(f"scripts.samples.{request.param}")


def _all_text(path: Path) -> str:
    doc = Document(str(path))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def test_every_builder_is_registered(build_script: ModuleType) -> None:
    assert sorted(build_script.WILD_MODULES) == _module_names()


def test_every_committed_wild_sample_has_a_builder(build_script: ModuleType) -> None:
    expected = {m.FILE_NAME for m in build_script.load_builders()}
    committed = {p.name for p in SAMPLES.glob("wild_*.docx")}
    assert committed == expected


def test_sample_exists_opens_and_is_small(builder: ModuleType) -> None:
    path = SAMPLES / builder.FILE_NAME
    assert path.is_file(), f"{path.name} missing: run scripts/build_wild_samples.py"
    assert path.stat().st_size < MAX_BYTES
    doc = Document(str(path))
    assert doc.tables, "every sample holds at least one table"


def test_sample_carries_its_golden_facts(builder: ModuleType) -> None:
    facts = builder.FACTS
    text = _all_text(SAMPLES / facts.file_name)
    assert facts.project_name in text
    assert facts.unit in text
    assert str(facts.fiscal_year) in text
    assert facts.total_score in text
    assert facts.grade in text


def test_indicator_rows_are_in_the_tables(builder: ModuleType) -> None:
    rows = getattr(builder, "INDICATORS", None) or getattr(builder, "SCORING", None) or []
    assert len(rows) == builder.FACTS.indicator_count
    cells = {
        cell.text
        for table in Document(str(SAMPLES / builder.FILE_NAME)).tables
        for row in table.rows
        for cell in row.cells
    }
    missing = [row[2] for row in rows if row[2] not in cells]
    assert not missing


def test_builder_is_deterministic(builder: ModuleType, tmp_path: Path) -> None:
    rebuilt = tmp_path / builder.FILE_NAME
    builder.build(rebuilt)
    assert rebuilt.read_bytes() == (SAMPLES / builder.FILE_NAME).read_bytes()


def test_build_all_writes_every_sample(build_script: ModuleType, tmp_path: Path) -> None:
    written = build_script.build_all(tmp_path)
    assert sorted(p.name for p in written) == sorted(p.name for p in tmp_path.iterdir())
    assert len(written) == len(build_script.WILD_MODULES)
