"""discover(): links out of the input folders, FIFOs and odd names (issue 15)."""

from __future__ import annotations

import os
from pathlib import Path

from jixiao.discover import LINK_OUT, discover


def test_a_link_out_of_the_folders_is_refused_not_followed(tmp_path: Path) -> None:
    root = tmp_path / "in"
    root.mkdir()
    (root / "real.docx").write_bytes(b"x")
    (root / "inside.docx").symlink_to(root / "real.docx")
    (root / "x.docx").symlink_to("/etc/passwd")
    found = discover([root])
    assert found.files == (root / "inside.docx",)  # real.docx is the same file
    assert found.refused == ((root / "x.docx", LINK_OUT),)
    followed = discover([root], follow_symlinks=True)
    assert root / "x.docx" in followed.files and followed.refused == ()


def test_a_fifo_is_refused_without_being_opened(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.docx")  # opening it would block forever
    found = discover([tmp_path])
    assert found.files == ()
    [(path, reason)] = found.refused
    assert path == tmp_path / "pipe.docx"
    assert reason.startswith("a FIFO (named pipe), not a regular file")
    named = discover([tmp_path / "pipe.docx"])  # named on the command line: still refused
    assert named.files == () and named.missing == () and len(named.refused) == 1


def test_broken_links_and_undecodable_names(tmp_path: Path) -> None:
    (tmp_path / "gone.docx").symlink_to(tmp_path / "nowhere.docx")
    raw = os.path.join(os.fsencode(tmp_path), b"old-\xff\xfe-share.docx")
    with open(raw, "wb") as handle:
        handle.write(b"x")
    found = discover([tmp_path])
    assert found.files == (Path(os.fsdecode(raw)),)
    assert [reason for _, reason in found.refused] == [
        "a broken symbolic link (or the file vanished)"
    ]


def test_hashing_a_fifo_fails_at_once(tmp_path: Path) -> None:
    import pytest

    from jixiao.ingest_worker import hash_file

    os.mkfifo(tmp_path / "swapped.docx")  # a file replaced by a FIFO after listing
    with pytest.raises(OSError, match="not a regular file"):
        hash_file(tmp_path / "swapped.docx")
