"""Databases for the web tests: SQLite and a fresh PostgreSQL database per module,
filled by ingesting real samples (one PDF, one DOCX: their sources are drawn) and one
hand-built report whose values are hostile HTML."""

from __future__ import annotations

import hashlib
import os
import secrets
import shutil
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

from jixiao.normalize.canonical import CanonicalReport, Check, Fund, Indicator, Report, Source

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"
PDF_SAMPLE = "yiyang_2020_smart_brain_self_eval_libreoffice.pdf"
DOCX_SAMPLE = "yueyang_2019_internet_plus_platform_self_eval.docx"
PG_DEFAULT = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
HOSTILE = "<script>alert('x')</script>"


def fresh_pg_database() -> Iterator[str]:
    server = os.environ.get("JIXIAO_TEST_PG_URL", PG_DEFAULT)
    name = f"jixiao_web_{secrets.token_hex(4)}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except OperationalError as exc:
        admin.dispose()
        message = f"PostgreSQL unreachable at {make_url(server)!r}: {exc.orig}"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(f"SKIPPED LOUDLY: {message}")
    try:
        yield make_url(server).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def copy_samples(folder: Path) -> tuple[Path, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    pdf = Path(shutil.copy(SAMPLES / PDF_SAMPLE, folder / PDF_SAMPLE))
    docx = Path(shutil.copy(SAMPLES / DOCX_SAMPLE, folder / DOCX_SAMPLE))
    return pdf, docx


def hostile_report(year: int = 2021, region: str = "测试市") -> CanonicalReport:
    """A report whose texts are HTML a browser must show, never run."""
    sha = hashlib.sha256(f"hostile{year}{region}".encode()).hexdigest()
    return CanonicalReport(
        source=Source(file=f"/nowhere/{year}.docx", sha256=sha, format="docx", size=10),
        report=Report(
            title=f"{HOSTILE}绩效自评报告",
            kind="self_evaluation",
            region=region,
            fiscal_year=year,
            project_name=HOSTILE,
            project_unit="<b>单位</b>",
            total_score=Decimal("95"),
            max_score=Decimal("100"),
            grade="优",
        ),
        funds=(Fund(label=HOSTILE, source="total", budget=Decimal(100), spent=Decimal(50)),),
        indicators=(Indicator(name="<img src=x onerror=alert(1)>", target="≥1", actual="1"),),
        checks=(Check(rule="low_execution", severity="warning", message=HOSTILE, fields=()),),
    )
