"""Per-file budgets in an ingest (issue 15): a file over its time or memory budget
fails alone with its reason, its worker is replaced if need be, the batch goes on."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from budget_fakes import greedy_process

from jixiao.budgets import GB, Budgets
from jixiao.ingest import IngestOptions, ingest
from jixiao.worker_guard import OverBudget, configure_in_process, run_guarded

ROOT = Path(__file__).resolve().parents[2]


def _write(folder: Path, name: str, text: str) -> None:
    (folder / name).write_text(text, encoding="utf-8")


def _outcomes(result) -> dict[str, tuple[str, str | None]]:  # type: ignore[no-untyped-def]
    return {Path(o.path).name: (o.status, o.reason) for o in result.outcomes}


def test_over_memory_and_over_time_fail_alone_and_the_batch_goes_on(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    _write(folder, "a.docx", "项目一")
    _write(folder, "hog.docx", "贪\nHOG")
    _write(folder, "loop.docx", "圈\nLOOP")
    _write(folder, "stuck.docx", "卡\nSTUCK")
    _write(folder, "z.docx", "项目二")
    budgets = Budgets(seconds=3, seconds_per_page=0, memory=1 * GB, grace=1)
    options = IngestOptions(workers=1, isolate=True, budgets=budgets)
    result = ingest([folder], f"sqlite:///{tmp_path / 'j.db'}", options, process=greedy_process)
    assert _outcomes(result) == {
        "a.docx": ("loaded", None),
        "hog.docx": ("failed", "over the 1 GB memory limit while reading page 3"),
        "loop.docx": ("failed", "over the 3 s per-file limit"),
        "stuck.docx": ("failed", "over the 3 s per-file limit"),  # killed by the driver
        "z.docx": ("loaded", None),
    }
    assert not result.interrupted


def test_the_time_budget_stops_a_self_referencing_pdf(tmp_path: Path) -> None:
    import sys

    sys.path.insert(0, str(ROOT))
    from jixiao.errors import OverLimitError
    from jixiao.process import process_file
    from scripts.build_hostile_corpus import self_referencing_pdf

    path = tmp_path / "loop.pdf"
    path.write_bytes(self_referencing_pdf())
    configure_in_process(Budgets(seconds=2, seconds_per_page=0))
    try:
        run_guarded(process_file, str(path), None)
    except OverLimitError as exc:
        assert exc.reason == "over the 2 s per-file limit"
    except OverBudget as exc:  # pragma: no cover - the guard converts it
        raise AssertionError(exc.reason) from exc
    else:
        raise AssertionError("the self-referencing PDF was read")
    finally:
        configure_in_process(None)


def test_the_run_directory_is_removed_at_the_end(tmp_path: Path) -> None:
    _write(tmp_path, "a.docx", "项目一")
    mine = f"jixiao-run-{os.getpid()}-*"  # this process is the run's driver
    options = IngestOptions(workers=1, isolate=True)
    ingest([tmp_path], f"sqlite:///{tmp_path / 'j.db'}", options, process=greedy_process)
    assert list(Path(tempfile.gettempdir()).glob(mine)) == []
