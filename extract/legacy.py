"""Legacy Word (.doc), RTF, ODT and Word-saved HTML → DOCX through LibreOffice; Excel
97-2003 and WPS 表格 spreadsheets (.xls, .et) → XLSX the same way.

Each conversion runs ``soffice --headless --convert-to docx`` in a fresh temporary
directory with its own LibreOffice profile, so conversions never share state with a
desktop session or with each other (two LibreOffice processes on one profile block
each other). The input is copied in under a plain ASCII name: file names in archives
start with dashes, hold commas and mixed encodings, and LibreOffice reads its
command line too loosely to be trusted with them.

The converter is found through ``JIXIAO_SOFFICE`` (a path), then ``soffice`` and
``libreoffice`` on ``PATH``.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import signal
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

from jixiao.errors import CorruptDocumentError, MissingToolError, display_path
from jixiao.extract import children
from jixiao.extract.offline import no_network_prefix, seed_profile

logger = logging.getLogger(__name__)

SOFFICE_ENV = "JIXIAO_SOFFICE"
MISSING_SOFFICE = (
    "legacy Word (.doc) needs LibreOffice: apt-get install libreoffice-writer-nogui "
    "(or set JIXIAO_SOFFICE)"
)
MISSING_CALC = (
    "spreadsheets (.xls, .et) need LibreOffice Calc: apt-get install libreoffice-calc-nogui "
    "(or set JIXIAO_SOFFICE)"
)
# Extensions LibreOffice's type detection expects for each sniffed format.
_SUFFIX = {
    "doc": ".doc",
    "rtf": ".rtf",
    "odt": ".odt",
    "html": ".html",
    "wordml": ".xml",
    "xls": ".xls",
}
# (extension, export filter) of what each sniffed format is converted to.
_TO_DOCX = ("docx", "MS Word 2007 XML")
_TARGET = {"xls": ("xlsx", "Calc MS Excel 2007 XML")}
# Formats LibreOffice would otherwise open in Writer/Web or Calc, which cannot export DOCX;
# and a damaged .xls, which it would otherwise import as a text file.
_INFILTER = {"html": "HTML (StarWriter)", "wordml": "MS Word 2003 XML", "xls": "MS Excel 97"}


def find_soffice() -> str:
    """The LibreOffice executable to run, or :class:`MissingToolError`."""
    configured = os.environ.get(SOFFICE_ENV)
    if configured:
        resolved = shutil.which(configured)
        if resolved is None:
            raise MissingToolError(
                f"{SOFFICE_ENV}={configured} is not an executable LibreOffice: {MISSING_SOFFICE}"
            )
        return resolved
    for name in ("soffice", "libreoffice"):
        resolved = shutil.which(name)
        if resolved is not None:
            return resolved
    raise MissingToolError(MISSING_SOFFICE)


def convert_to_docx(path: Path, *, timeout: float = 120, source_format: str = "doc") -> Path:
    """Convert ``path`` to DOCX; returns the new file inside a fresh temporary directory.

    The caller owns that directory (``result.parent``) and must remove it; prefer
    :func:`converted_to_docx`, which does. ``source_format`` is the sniffed format
    (``doc``, ``rtf``, ``odt``, ``html``, ``wordml``; ``xls`` becomes an XLSX instead).
    """
    soffice = find_soffice()
    workdir = Path(tempfile.mkdtemp(prefix="jixiao-convert-"))
    try:
        return _convert(soffice, path, workdir, timeout, source_format)
    except BaseException:
        shutil.rmtree(workdir, ignore_errors=True)
        raise


@contextlib.contextmanager
def converted_to_docx(
    path: Path, *, timeout: float = 120, source_format: str = "doc"
) -> Iterator[Path]:
    """:func:`convert_to_docx` as a context manager that always removes the temp dir."""
    result = convert_to_docx(path, timeout=timeout, source_format=source_format)
    try:
        yield result
    finally:
        shutil.rmtree(result.parent, ignore_errors=True)


@contextlib.contextmanager
def converted_to_xlsx(path: Path, *, timeout: float = 120) -> Iterator[Path]:
    """An Excel 97-2003 / WPS 表格 workbook as XLSX, in a temp dir removed afterwards."""
    try:
        result = convert_to_docx(path, timeout=timeout, source_format="xls")
    except MissingToolError as exc:  # say what a spreadsheet needs, not what Word does
        raise MissingToolError(exc.reason.replace(MISSING_SOFFICE, MISSING_CALC)) from exc
    try:
        yield result
    finally:
        shutil.rmtree(result.parent, ignore_errors=True)


def _convert(soffice: str, path: Path, workdir: Path, timeout: float, source_format: str) -> Path:
    indir, outdir, profile = workdir / "in", workdir / "out", workdir / "profile"
    for folder in (indir, outdir, profile):
        folder.mkdir()
    seed_profile(profile)  # offline: linked content blocked, no update checks
    staged = indir / f"source{_SUFFIX.get(source_format, path.suffix.lower() or '.doc')}"
    shutil.copyfile(path, staged)
    command = [
        *no_network_prefix(),  # no network at all where a namespace is permitted
        soffice,
        f"-env:UserInstallation={profile.as_uri()}",
        "--headless",
        "--norestore",
        "--nologo",
        "--nolockcheck",
    ]
    if source_format in _INFILTER:
        command.append(f"--infilter={_INFILTER[source_format]}")
    extension, export_filter = _TARGET.get(source_format, _TO_DOCX)
    command += [
        "--convert-to",
        f"{extension}:{export_filter}",
        "--outdir",
        str(outdir),
        str(staged),
    ]
    logger.debug("running %s", command)
    completed = _run(command, timeout, path)
    produced = sorted(outdir.glob(f"*.{extension}"))
    if not produced or produced[0].stat().st_size == 0:
        detail = _last_line(completed.stderr) or _last_line(completed.stdout) or "no output"
        if extension == "xlsx" and "no export filter" in detail.lower():
            raise MissingToolError(MISSING_CALC)  # Writer without Calc
        raise CorruptDocumentError(
            f"LibreOffice could not convert the file (exit {completed.returncode}: {detail})"
        )
    result = workdir / f"converted.{extension}"
    produced[0].replace(result)
    for folder in (indir, outdir, profile):
        shutil.rmtree(folder, ignore_errors=True)
    return result


def _run(command: list[str], timeout: float, path: Path) -> subprocess.CompletedProcess[str]:
    """Run LibreOffice in its own process group so a timeout kills all of it."""
    env = dict(os.environ)
    env.setdefault("SAL_USE_VCLPLUGIN", "svp")  # never look for a display
    try:
        proc = subprocess.Popen(
            command,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
            text=True,
            errors="replace",
            env=env,
            start_new_session=True,
        )
    except OSError as exc:
        raise MissingToolError(f"{MISSING_SOFFICE} (could not start {command[0]}: {exc})") from exc
    children.register(proc.pid)  # killed with this process (jixiao.extract.children)
    try:
        stdout, stderr = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired as exc:
        _kill_group(proc)
        raise CorruptDocumentError(
            f"LibreOffice timed out converting {display_path(path.name)} after {timeout:g} s"
        ) from exc
    except BaseException:  # an over-budget or stop signal: LibreOffice goes too
        _kill_group(proc)
        raise
    finally:
        children.unregister(proc.pid)
    return subprocess.CompletedProcess(command, proc.returncode, stdout, stderr)


def _kill_group(proc: subprocess.Popen[str]) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(proc.pid, signal.SIGKILL)
    with contextlib.suppress(subprocess.TimeoutExpired):
        proc.communicate(timeout=10)


def _last_line(text: str | None) -> str:
    lines = [line.strip() for line in (text or "").splitlines() if line.strip()]
    return lines[-1][:200] if lines else ""
