"""The fixed-cost benchmark's tree: distinct files jixiao reads, holding no report.

(A tree of copies would be skipped by hash after one parse; a tree of unreadable
files would be retried every run instead of skipped.)
"""

from __future__ import annotations

import hashlib
import importlib.util
import sys
from pathlib import Path

import pytest
from sample_reports import ROOT

from jixiao.errors import NotAReportError
from jixiao.process import process_file


def _bench_module():  # benchmarks/ is not a package the tests import by name
    sys.path.insert(0, str(ROOT / "benchmarks"))
    spec = importlib.util.spec_from_file_location(
        "bench_fixed_cost", ROOT / "benchmarks/bench_fixed_cost.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look themselves up there
    spec.loader.exec_module(module)
    return module


def test_the_tree_holds_distinct_readable_files_without_a_report(tmp_path: Path) -> None:
    bench = _bench_module()
    bench.build_tree(tmp_path, 3)
    files = sorted(tmp_path.rglob("*.docx"))
    assert [f.relative_to(tmp_path).as_posix() for f in files] == [
        "000/00000.docx",
        "000/00001.docx",
        "000/00002.docx",
    ]
    assert len({hashlib.sha256(f.read_bytes()).hexdigest() for f in files}) == 3
    for path in files:
        with pytest.raises(NotAReportError):
            process_file(path)


def test_the_fit_recovers_fixed_and_per_file_cost() -> None:
    bench = _bench_module()
    fixed, per_file = bench.fit((1000, 1.0 + 1000 * 2e-4), (10000, 1.0 + 10000 * 2e-4))
    assert fixed == pytest.approx(1.0)
    assert per_file == pytest.approx(2e-4)
