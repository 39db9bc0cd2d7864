"""Files that change while an ingest runs; --reprocess of one document at two paths."""

from __future__ import annotations

import hashlib
from pathlib import Path

from load_fakes import fake_process
from sqlalchemy import text

from jixiao.ingest import IngestOptions, ingest
from jixiao.load import Store
from jixiao.progress import FileOutcome, NullProgress

SERIAL = IngestOptions(workers=1)


def _write(path: Path, text_: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text_ + "\n", encoding="utf-8")
    return path


def _sha(data: str) -> str:
    return hashlib.sha256((data + "\n").encode()).hexdigest()


class _SwapAfterFirst(NullProgress):
    """Replaces ``target``'s bytes once the first file is done: after the pre-pass
    hashed every file, before ``target`` is parsed."""

    def __init__(self, target: Path, new_text: str) -> None:
        self.target, self.new_text, self.swapped = target, new_text, False

    def on_file(self, outcome: FileOutcome, done: int, total: int) -> None:
        if not self.swapped:
            _write(self.target, self.new_text)
            self.swapped = True


def _projects_by_sha(url: str) -> dict[str, str]:
    with Store(url) as store, store.engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT d.sha256, r.project_name FROM documents d "
                "JOIN reports r ON r.document_id = d.id"
            )
        ).all()
    return {sha: name for sha, name in rows}


def test_a_file_replaced_between_hashing_and_parsing_is_stored_as_parsed(
    db_url: str, tmp_path: Path
) -> None:
    root = tmp_path / "in"
    _write(root / "a.docx", "项目甲")
    target = _write(root / "b.docx", "原项目")
    progress = _SwapAfterFirst(target, "替换项目")
    result = ingest([root], db_url, SERIAL, progress=progress, process=fake_process)
    assert progress.swapped
    assert (result.loaded, result.failed) == (2, 0)
    stored = _projects_by_sha(db_url)
    # The replacement's report is stored under the replacement's hash, never the old one.
    assert stored[_sha("替换项目")] == "替换项目"
    assert _sha("原项目") not in stored
    assert [o.sha256 for o in result.outcomes if o.path.endswith("b.docx")] == [_sha("替换项目")]
    # A later copy of the original bytes is new to the database: loaded, not skipped.
    _write(tmp_path / "later" / "b.docx", "原项目")
    again = ingest([tmp_path / "later"], db_url, SERIAL, process=fake_process)
    assert (again.loaded, again.skipped) == (1, 0)
    assert _projects_by_sha(db_url)[_sha("原项目")] == "原项目"


def test_a_file_replaced_by_an_already_loaded_one_is_skipped(db_url: str, tmp_path: Path) -> None:
    _write(tmp_path / "old" / "c.docx", "已有项目")
    ingest([tmp_path / "old"], db_url, SERIAL, process=fake_process)
    root = tmp_path / "in"
    _write(root / "a.docx", "项目甲")
    target = _write(root / "b.docx", "新项目")
    progress = _SwapAfterFirst(target, "已有项目")
    result = ingest([root], db_url, SERIAL, progress=progress, process=fake_process)
    assert [(Path(o.path).name, o.status) for o in result.outcomes] == [
        ("a.docx", "loaded"),
        ("b.docx", "skipped"),
    ]
    with Store(db_url) as store:
        info = store.document_by_sha(_sha("已有项目"))
        assert store.document_by_sha(_sha("新项目")) is None
    assert info is not None and len(info.paths) == 2


def test_reprocess_parses_a_document_at_two_paths_once(db_url: str, tmp_path: Path) -> None:
    _write(tmp_path / "a.docx", "同一份")
    _write(tmp_path / "b.docx", "同一份")
    _write(tmp_path / "c.docx", "另一份")
    ingest([tmp_path], db_url, SERIAL, process=fake_process)
    again = ingest(
        [tmp_path], db_url, IngestOptions(workers=1, reprocess=True), process=fake_process
    )
    assert (again.loaded, again.skipped, again.failed) == (2, 1, 0)
    with Store(db_url) as store:
        assert store.count_reports() == 2
