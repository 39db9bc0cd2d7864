"""Golden files: every sample in samples/ has an expected canonical JSON a human checked.

A missing golden file fails. Regenerating is an explicit switch:
``JIXIAO_REGENERATE_GOLDEN=1 pytest tests/test_golden.py`` (``make golden``) rewrites the
files; review the diff line by line against the document before committing. A sample
that must fail (a scan, a broken font) or holds no report has a golden file
``{"error": "<reason>"}``. A file holding one report has one JSON object; a file
holding several (a 部门决算 bundle, a results notice) one object per line (JSON Lines).
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest
from sample_reports import ROOT, SAMPLES, extracted_all, sample_files

from jixiao.errors import DocumentError
from jixiao.normalize.serialize import canonical_to_json_obj

GOLDEN = ROOT / "tests" / "golden"
REGENERATE = os.environ.get("JIXIAO_REGENERATE_GOLDEN") == "1"


def golden_path(sample: Path) -> Path:
    return GOLDEN / f"{sample.name}.json"


def actual_output(sample: Path) -> list[dict[str, Any]]:
    """What jixiao extracts (one object per report, or one ``{"error"}``), with the
    path made relative so it is machine-independent."""
    reports = extracted_all(sample)
    if isinstance(reports, DocumentError):
        return [{"error": reports.reason}]
    out = []
    for report in reports:
        obj = canonical_to_json_obj(report)
        obj["source"]["file"] = sample.name
        out.append(json.loads(json.dumps(obj, ensure_ascii=False)))
    return out


def write_golden(path: Path, objects: list[dict[str, Any]]) -> None:
    """One object: indented JSON (reviewable); several: JSON Lines."""
    if len(objects) == 1:
        text = json.dumps(objects[0], ensure_ascii=False, indent=1)
    else:
        text = "\n".join(json.dumps(o, ensure_ascii=False) for o in objects)
    path.write_text(text + "\n", "utf-8")


def read_golden(path: Path) -> list[dict[str, Any]]:
    text = path.read_text("utf-8")
    try:
        return [json.loads(text)]
    except json.JSONDecodeError:
        return [json.loads(line) for line in text.splitlines() if line.strip()]


def _diff(expected: Any, actual: Any, path: str = "") -> list[str]:
    if isinstance(expected, dict) and isinstance(actual, dict):
        out: list[str] = []
        for key in sorted(set(expected) | set(actual)):
            out += _diff(
                expected.get(key, "<missing>"), actual.get(key, "<missing>"), f"{path}.{key}"
            )
        return out
    if isinstance(expected, list) and isinstance(actual, list):
        out = (
            [f"{path}: {len(expected)} items expected, {len(actual)} found"]
            if len(expected) != len(actual)
            else []
        )
        for i, (e, a) in enumerate(zip(expected, actual, strict=False)):
            out += _diff(e, a, f"{path}[{i}]")
        return out
    return [] if expected == actual else [f"{path}: expected {expected!r}, got {actual!r}"]


def _needs_missing_libreoffice(sample: Path) -> bool:
    return sample.suffix.lower() == ".doc" and shutil.which("soffice") is None


@pytest.mark.parametrize("sample", sample_files(), ids=lambda p: p.name)
def test_sample_matches_golden(sample: Path) -> None:
    if _needs_missing_libreoffice(sample) and not os.environ.get("CI"):
        pytest.skip("LibreOffice (soffice) is not installed: sudo make system-deps")
    expected_file = golden_path(sample)
    actual = actual_output(sample)
    if REGENERATE:
        write_golden(expected_file, actual)
    assert expected_file.exists(), (
        f"{sample.name} has no golden file {expected_file.relative_to(ROOT)}: run "
        "`make golden`, then check the JSON against the document line by line"
    )
    expected = read_golden(expected_file)
    differences = _diff(expected, actual)
    assert not differences, "\n".join(differences[:40])


def test_every_golden_file_has_its_sample() -> None:
    orphans = [
        p.name for p in GOLDEN.glob("*.json") if not (SAMPLES / p.name[: -len(".json")]).exists()
    ]
    assert not orphans, f"golden files without a sample: {orphans}"


def test_regeneration_switch_is_off_in_ci() -> None:
    if os.environ.get("CI"):
        assert not REGENERATE, "JIXIAO_REGENERATE_GOLDEN must not be set in CI"
