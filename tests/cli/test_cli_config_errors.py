"""Usage and configuration errors: one line, exit status 2, no traceback, nothing touched."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from jixiao.cli.exit_codes import ExitCode
from jixiao.cli.main import main
from jixiao.errors import ConfigurationError
from jixiao.ingest import IngestOptions, ingest


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture
def bad_labels(tmp_path: Path) -> Path:
    path = tmp_path / "bad.yaml"
    path.write_text("indicator_column:\n  target: [考核值\n", encoding="utf-8")  # unclosed [
    return path


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.docx").write_bytes(b"not really a docx")
    return folder


def assert_usage_error(result: Result, *words: str) -> None:
    assert result.exit_code == ExitCode.USAGE, result.output
    assert "Traceback" not in result.output
    for word in words:
        assert word in result.stderr


def test_ingest_bad_labels_file_fails_once_before_any_document(
    bad_labels: Path, folder: Path, tmp_path: Path
) -> None:
    db = tmp_path / "j.db"
    result = run("ingest", str(folder), "--db", f"sqlite:///{db}", "--labels", str(bad_labels))
    assert_usage_error(result, "bad.yaml", "not valid YAML")
    assert "a.docx" not in result.output  # no document was judged
    assert not db.exists()  # nor the database touched


def test_library_ingest_checks_the_label_file_before_touching_the_database(
    bad_labels: Path, folder: Path, tmp_path: Path
) -> None:
    db = tmp_path / "lib.db"
    with pytest.raises(ConfigurationError, match="bad --labels file: .*bad.yaml"):
        ingest([folder], f"sqlite:///{db}", IngestOptions(workers=1, label_files=(bad_labels,)))
    assert not db.exists()


def test_labels_command_bad_labels_file(bad_labels: Path, folder: Path) -> None:
    assert_usage_error(run("labels", str(folder), "--labels", str(bad_labels)), "bad.yaml")


@pytest.mark.parametrize(
    "content, words",
    [
        ("bands: [\n", ("not valid YAML",)),
        ("bands: []\n", ("non-empty list",)),
        ("- just a list\n", ("non-empty list",)),
    ],
)
def test_ingest_bad_grade_bands_file(
    content: str, words: tuple[str, ...], folder: Path, tmp_path: Path
) -> None:
    bands = tmp_path / "bands.yaml"
    bands.write_text(content, encoding="utf-8")
    db = tmp_path / "b.db"
    result = run("ingest", str(folder), "--db", f"sqlite:///{db}", "--grade-bands", str(bands))
    assert_usage_error(result, "bands.yaml", *words)
    assert not db.exists()


@pytest.mark.parametrize("command", [("runs",), ("failures",), ("db", "upgrade"), ("ingest",)])
def test_unsupported_database_names_the_supported_ones(
    command: tuple[str, ...], folder: Path
) -> None:
    extra = (str(folder),) if command == ("ingest",) else ()
    result = run(*command, *extra, "--db", "mysql://user@host/db")
    assert_usage_error(result, "unsupported database 'mysql'", "SQLite", "PostgreSQL")


def test_malformed_database_url(folder: Path) -> None:
    assert_usage_error(run("ingest", str(folder), "--db", "::nonsense"), "not a database URL")


def test_sqlite_file_in_a_missing_folder(folder: Path, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'no' / 'such' / 'j.db'}"
    result = run("ingest", str(folder), "--db", url)
    assert_usage_error(result, "no folder", str(tmp_path / "no" / "such"))
    assert "server" not in result.stderr


def test_unopenable_sqlite_file_does_not_blame_a_server(tmp_path: Path) -> None:
    """An existing path that is not a database file (here: a folder) → exit 3, no server hint."""
    folder_db = tmp_path / "adir.db"
    folder_db.mkdir()
    result = run("db", "upgrade", "--db", f"sqlite:///{folder_db}")
    assert result.exit_code == ExitCode.INFRASTRUCTURE, result.output
    assert "Traceback" not in result.output
    assert "SQLite database" in result.stderr and "server" not in result.stderr
