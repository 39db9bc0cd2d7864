"""The code a benchmark compares against: an earlier commit, importable as ``jixiao``.

``make bench`` prints every speed target as *before → after on the same run*. "Before"
is the commit the speed work started from (``BASE_REF``); this module extracts that
commit's tree with ``git archive`` into a cache folder and lays out an import root in
which ``jixiao`` and its sub-packages map to that tree's folders exactly as
``pyproject.toml``'s ``package-dir`` maps them for the installed package. A child
process started with :func:`python_env` imports the old code; the installed (editable)
package stays what every other process imports. Nothing is installed or changed in the
working tree.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

import tomllib

ROOT = Path(__file__).resolve().parent.parent
# The commit issue 16's speed work started from (main before this round).
BASE_REF = os.environ.get("JIXIAO_BENCH_BASE", "5002be5f4993")
CACHE = Path(os.environ.get("JIXIAO_BENCH_CACHE", Path.home() / ".cache" / "jixiao-bench"))


class BaselineUnavailable(RuntimeError):
    """The base commit is not in this clone (a shallow clone, say)."""


def _resolve(ref: str) -> str:
    proc = subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"],
        capture_output=True,
        text=True,
    )
    if proc.returncode != 0:
        raise BaselineUnavailable(f"commit {ref} is not in this clone")
    return proc.stdout.strip()


def _extract(sha: str, target: Path) -> None:
    tmp = target.with_name(target.name + ".partial")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", "--format=tar", sha],
        capture_output=True,
        check=True,
    ).stdout
    tar_path = tmp / ".tree.tar"
    tar_path.write_bytes(archive)
    with tarfile.open(tar_path) as tar:
        tar.extractall(tmp / "tree", filter="data")
    tar_path.unlink()
    _lay_out_imports(tmp / "tree", tmp / "imports")
    tmp.rename(target)


def _lay_out_imports(tree: Path, imports: Path) -> None:
    """Mirror ``[tool.setuptools.package-dir]``: ``jixiao`` → pipeline/, ``jixiao.x`` → x/."""
    config = tomllib.loads((tree / "pyproject.toml").read_text(encoding="utf-8"))
    package_dir: dict[str, str] = config["tool"]["setuptools"]["package-dir"]
    top = imports / "jixiao"
    top.mkdir(parents=True)
    # relative links: the folder is renamed from its .partial name once complete
    for entry in (tree / package_dir["jixiao"]).iterdir():
        (top / entry.name).symlink_to(os.path.relpath(entry, top))
    for name, folder in package_dir.items():
        if name == "jixiao":
            continue
        (top / name.split(".", 1)[1]).symlink_to(os.path.relpath(tree / folder, top))


def baseline_imports(ref: str = BASE_REF) -> Path:
    """The import root of ``ref``'s code (extracted once, then cached by commit)."""
    sha = _resolve(ref)
    target = CACHE / sha
    if not target.exists():
        _extract(sha, target)
    return target / "imports"


def python_env(imports: Path | None) -> dict[str, str]:
    """Environment for a child Python: ``imports`` first on the path, or the installed code."""
    env = dict(os.environ)
    if imports is not None:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(imports), env.get("PYTHONPATH")]))
    return env


def cli_args(*args: str) -> list[str]:
    """The ``jixiao`` command as a child Python runs it (same entry point as the script)."""
    return [sys.executable, "-c", "from jixiao.cli.main import main; main()", *args]


def which_code(imports: Path | None) -> str:
    """Where ``jixiao`` is imported from under :func:`python_env` (a sanity check)."""
    proc = subprocess.run(
        [sys.executable, "-c", "import jixiao.normalize, os; print(jixiao.normalize.__file__)"],
        capture_output=True,
        text=True,
        env=python_env(imports),
        check=True,
    )
    return proc.stdout.strip()
