"""``--json`` / ``--csv`` on runs, failures, search and compare; ``failures --run`` checks."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal

import pytest
from click.testing import CliRunner, Result

from jixiao.cli.exit_codes import ExitCode
from jixiao.cli.main import main


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def as_json(result: Result) -> list[dict[str, object]]:
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert isinstance(data, list)
    return data


def as_csv(result: Result) -> list[dict[str, str]]:
    assert result.exit_code == 0, result.output
    return list(csv.DictReader(io.StringIO(result.stdout)))


def test_runs_json_and_csv(filled_url: str) -> None:
    runs = as_json(run("runs", "--db", filled_url, "--json"))
    assert runs and {"id", "status", "loaded", "skipped", "failed", "started_at"} <= set(runs[0])
    rows = as_csv(run("runs", "--db", filled_url, "--csv"))
    assert [int(r["id"]) for r in rows] == [r["id"] for r in runs]
    assert rows[0]["status"] == runs[0]["status"]


def test_failures_json_is_an_empty_list_when_none(filled_url: str) -> None:
    assert as_json(run("failures", "--db", filled_url, "--json")) == []
    assert run("failures", "--db", filled_url, "--csv").stdout.splitlines()[0].startswith("path,")


def test_failures_of_a_run_that_does_not_exist_is_a_usage_error(filled_url: str) -> None:
    result = run("failures", "--db", filled_url, "--run", "9999")
    assert result.exit_code == ExitCode.USAGE
    assert "there is no ingest run 9999" in result.stderr


def test_compare_json_keeps_exact_money(filled_url: str) -> None:
    rows = as_json(run("compare", "--project", "一体化平台", "--db", filled_url, "--json"))
    assert [r["fiscal_year"] for r in rows] == [2019, 2020]
    assert Decimal(str(rows[0]["budget"])) == Decimal("8987000.00")
    assert rows[0]["budget"] == "8987000.00"  # a string: a float would lose digits
    table = as_csv(run("compare", "--project", "一体化平台", "--db", filled_url, "--csv"))
    assert table[0]["budget"] == "8987000.00" and table[0]["fiscal_year"] == "2019"


def test_compare_consistency_csv(filled_url: str) -> None:
    rows = as_csv(run("compare", "--consistency", "--db", filled_url, "--csv"))
    assert rows and all(r["rule"] for r in rows)


@pytest.mark.parametrize("fmt", ["--json", "--csv"])
def test_search_machine_output(filled_url: str, fmt: str) -> None:
    result = run("search", "带宽", "--db", filled_url, fmt)
    rows = as_json(result) if fmt == "--json" else as_csv(result)
    assert len(rows) == 2
    assert all("带宽" in str(r["snippet"]) for r in rows)
