"""discover(): deterministic walk, extension filter, hidden/temp files skipped."""

from __future__ import annotations

from pathlib import Path

from jixiao.discover import discover, is_skipped_name


def _touch(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"x")
    return path


def test_walks_sorted_and_filters(tmp_path: Path) -> None:
    for rel in [
        "z.PDF",
        "a/2.doc",
        "a/10.docx",
        "b/c/x.wps",
        "b/readme.txt",
        "b/~$draft.docx",
        "b/.~lock.x.odt#",
        ".git/objects/y.pdf",
        "b/.hidden.rtf",
        "y.odt",
    ]:
        _touch(tmp_path / rel)
    found = discover([tmp_path])
    assert [p.relative_to(tmp_path).as_posix() for p in found.files] == [
        "y.odt",
        "z.PDF",
        "a/10.docx",
        "a/2.doc",
        "b/c/x.wps",
    ]
    assert found.missing == ()


def test_named_files_are_taken_whatever_their_name(tmp_path: Path) -> None:
    odd = _touch(tmp_path / "report.bin")
    normal = _touch(tmp_path / "sub" / "a.docx")
    found = discover([odd, tmp_path / "sub", normal, tmp_path / "nope.docx"])
    assert found.files == (odd, normal)  # the second mention of a.docx is dropped
    assert found.missing == (tmp_path / "nope.docx",)


def test_custom_extensions(tmp_path: Path) -> None:
    _touch(tmp_path / "a.pdf")
    _touch(tmp_path / "b.docx")
    assert [p.name for p in discover([tmp_path], ["pdf"]).files] == ["a.pdf"]


def test_skipped_names() -> None:
    assert is_skipped_name("~$报告.docx")
    assert is_skipped_name("~WRL0001.tmp")
    assert is_skipped_name(".DS_Store")
    assert not is_skipped_name("2019年绩效自评报告.docx")
