"""Files and folders the ingest cannot read are failures with a reason, not omissions.

Root reads everything, so when the tests run as root the ingest runs as ``nobody``
(``runuser``) or, where ``nobody`` cannot run this Python (installed under /root), as
root without the capabilities that bypass file permissions (``setpriv``); as any other
user it runs directly.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

JIXIAO = str(Path(sys.executable).with_name("jixiao"))
SAMPLE = Path(__file__).parents[2] / "samples" / "yueyang_2019_egov_extranet_self_eval.docx"


def _works(prefix: list[str]) -> bool:
    probe = subprocess.run([*prefix, sys.executable, "-c", "pass"], capture_output=True)
    return probe.returncode == 0


def _as_unprivileged() -> list[str]:
    if os.geteuid() != 0:
        return []
    runuser, setpriv = shutil.which("runuser"), shutil.which("setpriv")
    if runuser is not None and _works(prefix := [runuser, "-u", "nobody", "--"]):
        return prefix
    drop = "--bounding-set=-dac_override,-dac_read_search"
    if setpriv is not None and _works(prefix := [setpriv, drop, "--"]):
        return prefix
    message = "neither runuser nor setpriv can run the ingest without root's file access"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture
def shared_dir() -> Iterator[Path]:
    """A folder ``nobody`` can write to (pytest's tmp_path is private to root)."""
    folder = Path(tempfile.mkdtemp(prefix="jixiao-unreadable-"))
    folder.chmod(0o777)
    try:
        yield folder
    finally:
        for path in folder.rglob("*"):
            path.chmod(0o755) if path.is_dir() else None
        shutil.rmtree(folder, ignore_errors=True)


def test_unreadable_file_and_folder_are_recorded_failures(shared_dir: Path) -> None:
    prefix = _as_unprivileged()
    root = shared_dir / "in"
    (root / "locked").mkdir(parents=True)
    shutil.copyfile(SAMPLE, root / "good.docx")
    secret = root / "secret.docx"
    shutil.copyfile(SAMPLE, secret)
    shutil.copyfile(SAMPLE, root / "locked" / "inside.docx")
    secret.chmod(0o000)
    (root / "locked").chmod(0o000)
    for path in (root, root / "good.docx"):
        path.chmod(0o755 if path.is_dir() else 0o644)
    db = f"sqlite:///{shared_dir / 'jixiao.db'}"
    env = {**os.environ, "HOME": str(shared_dir)}
    run = subprocess.run(
        [*prefix, JIXIAO, "ingest", str(root), "--db", db, "--workers", "1", "--quiet"],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
    )
    assert run.returncode == 1, run.stderr
    assert "Traceback" not in run.stderr
    assert "loaded 1, skipped 0 unchanged, failed 2" in run.stderr
    assert f"{secret}: cannot read: Permission denied" in run.stderr
    assert f"{root / 'locked'}: cannot read folder: Permission denied" in run.stderr
    failures = subprocess.run(
        [JIXIAO, "failures", "--db", db], capture_output=True, text=True, timeout=120
    )
    assert failures.returncode == 0, failures.stderr
    assert sorted(failures.stdout.splitlines()) == [
        f"{root / 'locked'}: cannot read folder: Permission denied",
        f"{secret}: cannot read: Permission denied",
    ]
    # Readable again: read (skipped: their bytes are known), and no longer failures.
    secret.chmod(0o644)
    (root / "locked").chmod(0o755)
    again = subprocess.run(
        [*prefix, JIXIAO, "ingest", str(root), "--db", db, "--workers", "1", "--quiet"],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
    )
    assert again.returncode == 0, again.stderr
    failures = subprocess.run(
        [JIXIAO, "failures", "--db", db], capture_output=True, text=True, timeout=120
    )
    assert failures.stdout == "" and "no failures" in failures.stderr
