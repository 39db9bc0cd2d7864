"""``jixiao serve`` (install hint, host warning, lazy imports), ``jixiao corrections``,
``jixiao export --reviewed-only``."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner
from web_fixtures import hostile_report

from jixiao import PARSER_VERSION
from jixiao.cli import serve_cmd
from jixiao.cli.main import main
from jixiao.load import Store
from jixiao.load.corrections import record_correction, set_reviewed


def test_serve_without_the_web_extra_says_how_to_install_it(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(serve_cmd, "missing_web_modules", lambda: ["starlette"])
    result = CliRunner().invoke(main, ["serve", "--db", f"sqlite:///{tmp_path / 'x.db'}"])
    assert result.exit_code == 2
    assert "pip install 'jixiao[web]'" in result.output and "Traceback" not in result.output


def test_serve_on_all_interfaces_warns(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import uvicorn

    url = f"sqlite:///{tmp_path / 'x.db'}"
    Store(url).close()
    ran: list[tuple[str, int]] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, host, port, **kw: ran.append((host, port)))
    result = CliRunner().invoke(
        main,
        ["serve", "--db", url, "--host", "0.0.0.0", "--port", "8765", "--cache-dir", str(tmp_path)],
    )
    assert result.exit_code == 0, result.output
    assert ran == [("0.0.0.0", 8765)]
    assert "warning: listening on 0.0.0.0" in result.output and "--token" in result.output
    quiet = CliRunner().invoke(main, ["serve", "--db", url, "--cache-dir", str(tmp_path)])
    assert "warning" not in quiet.output


def test_serve_refuses_a_missing_database(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["serve", "--db", f"sqlite:///{tmp_path / 'none.db'}"])
    assert result.exit_code == 3 and "no database at" in result.output


def test_the_cli_does_not_import_the_web_stack_at_start_up() -> None:
    code = "import sys; import jixiao.cli.main; print(sorted(m for m in ('starlette', 'uvicorn', 'jinja2', 'matplotlib', 'pypdfium2') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_corrections_lists_the_orphaned_and_export_keeps_the_reviewed(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'c.db'}"
    first, second = hostile_report(2020, "甲市"), hostile_report(2021, "乙市")
    with Store(url) as store:
        ids = [
            store.load_report(r, path=f"/a/{n}.docx", run_id=None, parser_version=PARSER_VERSION)
            for n, r in enumerate((first, second))
        ]
        with store.engine.begin() as conn:
            record_correction(conn, ids[0], "funds[0].spent", "correct", "60", user="王")
            set_reviewed(conn, ids[1], "王")
        changed = dataclasses.replace(
            first, funds=(dataclasses.replace(first.funds[0], spent=Decimal(70)),)
        )
        store.load_report(
            changed, path="/a/0.docx", run_id=None, parser_version=PARSER_VERSION, replace=True
        )
    runner = CliRunner()
    listed = runner.invoke(main, ["corrections", "--orphaned", "--db", url])
    assert listed.exit_code == 0, listed.output
    assert "funds[0].spent" in listed.output and "orphaned" in listed.output
    assert "70" in listed.output
    out = tmp_path / "export"
    exported = runner.invoke(
        main, ["export", "--format", "csv", "--out", str(out), "--db", url, "--reviewed-only"]
    )
    assert exported.exit_code == 0, exported.output
    reports = (out / "reports.csv").read_text(encoding="utf-8-sig")
    assert "乙市" in reports and "甲市" not in reports
