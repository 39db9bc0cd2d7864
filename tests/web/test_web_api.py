"""The review application through Starlette's test client, on SQLite and PostgreSQL."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select, text
from starlette.testclient import TestClient
from web_fixtures import DOCX_SAMPLE, HOSTILE, PDF_SAMPLE

from jixiao.load import Store
from jixiao.load.models import CHILD_TABLES, DocumentPathRow, DocumentRow, ReportRow
from jixiao.web.app import create_app
from jixiao.web.config import WebConfig
from jixiao.web.security import csrf_token

SECRET = "s" * 64
CSRF = csrf_token(SECRET)


@pytest.fixture(scope="module")
def cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("cache")


@pytest.fixture(scope="module")
def client(filled_url: str, cache_dir: Path) -> Iterator[TestClient]:
    config = WebConfig(url=filled_url, user="审核员", cache_dir=cache_dir, secret=SECRET)
    with TestClient(create_app(config)) as test_client:
        yield test_client


def report_id(url: str, file_name: str) -> int:
    reports, docs, paths = ReportRow.__table__, DocumentRow.__table__, DocumentPathRow.__table__
    with Store(url, create=False) as store, store.engine.connect() as conn:
        return conn.execute(
            select(reports.c.id)
            .join(docs, docs.c.id == reports.c.document_id)
            .join(paths, paths.c.document_id == docs.c.id)
            .where(paths.c.path.like(f"%{file_name}"))
        ).scalar_one()


def fund_spent(url: str, rid: int) -> object:
    funds = CHILD_TABLES["funds"].__table__
    with Store(url, create=False) as store, store.engine.connect() as conn:
        return conn.execute(
            select(funds.c.spent).where(funds.c.report_id == rid, funds.c.ordinal == 0)
        ).scalar_one()


def test_the_list_shows_every_report_and_filters(client: TestClient) -> None:
    page = client.get("/reports")
    assert page.status_code == 200
    assert page.text.count('class="report-link"') == 3
    assert "3 report(s)" in page.text
    assert "2 report(s)" not in client.get("/reports?year=2018").text
    assert "1 report(s)" in client.get("/reports?region=测试市").text
    assert "1 report(s)" in client.get("/reports?severity=error").text  # the DOCX's check
    assert "0 report(s)" in client.get("/reports?reviewed=yes").text
    assert "3 report(s)" in client.get("/reports?reviewed=no&sort=rate&dir=asc").text
    assert "1 report(s)" in client.get("/reports?q=互联网").text
    # Coverage (the share of table rows read): the hand-built report has none recorded.
    covered = client.get("/reports?coverage_below=1.01").text
    assert 'name="coverage_below"' in covered and "3 report(s)" not in covered
    for sort in ("year", "region", "project", "unit", "score", "budget", "spent", "rate"):
        assert client.get(f"/reports?sort={sort}&dir=asc").status_code == 200
    # Nonsense parameters are ignored, never an error page.
    assert client.get("/reports?year=abc&page=-4&sort=drop table").status_code == 200


def test_the_list_pages_through_reports(filled_url: str, cache_dir: Path) -> None:
    config = WebConfig(url=filled_url, cache_dir=cache_dir, secret=SECRET, page_size=2)
    with TestClient(create_app(config)) as small:
        first = small.get("/reports?sort=id&dir=asc").text
        second = small.get("/reports?sort=id&dir=asc&page=2").text
    ids = lambda html: re.findall(r'<a href="/reports/(\d+)">', html)  # noqa: E731
    assert len(ids(first)) == 2 and len(ids(second)) == 1
    assert not set(ids(first)) & set(ids(second))
    assert 'rel="next"' in first and 'rel="next"' not in second


def test_document_text_is_shown_as_text_never_run(client: TestClient, filled_url: str) -> None:
    rid = report_id(filled_url, "x.docx")
    for url in (f"/reports/{rid}", "/reports", f"/reports/{rid}?field=funds[0].label"):
        html = client.get(url).text
        assert HOSTILE not in html and "<img src=x" not in html and "<b>单位</b>" not in html
        assert "&lt;script&gt;" in html
    assert client.get("/reports?q=" + HOSTILE).status_code == 200


def test_every_value_of_the_report_is_a_link_to_its_source(
    client: TestClient, filled_url: str
) -> None:
    rid = report_id(filled_url, DOCX_SAMPLE)
    html = client.get(f"/reports/{rid}").text
    fields = set(re.findall(r'class="v[^"]*"[^>]*data-field="([^"]+)"', html))
    assert {"report.total_score", "funds[0].spent", "indicators[3].actual"} <= fields
    # A check links to the values it names.
    assert 'class="field-link" href="?field=funds%5B0%5D.spent#source"' in html


def test_a_pdf_value_shows_its_page_with_the_box(
    client: TestClient, filled_url: str, cache_dir: Path
) -> None:
    rid = report_id(filled_url, PDF_SAMPLE)
    fragment = client.get(f"/reports/{rid}/source", params={"field": "funds[0].spent"}).text
    image = re.search(r'src="(/documents/\d+/pages/(\d+)\.png)"', fragment)
    assert image is not None and image.group(2) == "4"
    box = re.search(r'id="page-box" style="left:([\d.]+)%;top:([\d.]+)%', fragment)
    assert box is not None and 0 < float(box.group(1)) < 100 and 0 < float(box.group(2)) < 100
    png = client.get(image.group(1))
    assert png.status_code == 200 and png.headers["content-type"] == "image/png"
    assert png.content.startswith(b"\x89PNG")
    assert list(cache_dir.glob("pages/*/4@2.png"))  # cached on disk by sha256
    assert client.get(image.group(1)).content == png.content


def test_a_docx_value_shows_its_table_cell_and_a_prose_value_its_paragraph(
    client: TestClient, filled_url: str
) -> None:
    rid = report_id(filled_url, DOCX_SAMPLE)
    table = client.get(f"/reports/{rid}/source", params={"field": "funds[0].spent"}).text
    cell = re.search(r'<td[^>]*class="highlight" id="source-cell">([^<]*)</td>', table)
    assert cell is not None and "898.7" in cell.group(1)
    prose = client.get(f"/reports/{rid}/source", params={"field": "report.project_name"}).text
    assert '<mark class="highlight">' in prose and "互联网" in prose


def test_files_are_served_only_as_recorded_and_unchanged(
    client: TestClient, filled_url: str, sample_files: tuple[Path, Path], tmp_path: Path
) -> None:
    rid = report_id(filled_url, PDF_SAMPLE)
    html = client.get(f"/reports/{rid}/source", params={"field": "report.total_score"}).text
    doc = re.search(r"/documents/(\d+)/pages/", html)
    assert doc is not None
    assert client.get(f"/documents/{doc.group(1)}/pages/99.png").status_code == 404
    assert client.get("/documents/999999/pages/1.png").status_code == 404
    for probe in ("/documents/../../etc/passwd", "/static/../app.py", "/static/%2e%2e/app.py"):
        response = client.get(probe)
        assert response.status_code == 404 and "import" not in response.text
    # The recorded DOCX changed on disk: its source is no longer shown.
    docx = sample_files[1]
    keep = tmp_path / "keep.docx"
    shutil.copy(docx, keep)
    try:
        docx.write_bytes(docx.read_bytes() + b"changed")
        rid_docx = report_id(filled_url, DOCX_SAMPLE)
        fragment = client.get(f"/reports/{rid_docx}/source", params={"field": "report.title"}).text
        assert "contents changed" in fragment and "source-html" not in fragment
    finally:
        shutil.copy(keep, docx)


def test_a_correction_needs_the_csrf_token(client: TestClient, filled_url: str) -> None:
    rid = report_id(filled_url, DOCX_SAMPLE)
    form = {"field": "funds[0].spent", "action": "correct", "value": "1"}
    assert client.post(f"/reports/{rid}/corrections", data=form).status_code == 403
    refused = client.post(
        f"/reports/{rid}/corrections",
        data={**form, "csrf_token": CSRF},
        headers={"origin": "http://evil.example"},
    )
    assert refused.status_code == 403
    assert fund_spent(filled_url, rid) != 1


def test_a_correction_changes_the_value_everywhere_and_is_flagged(
    client: TestClient, filled_url: str
) -> None:
    rid = report_id(filled_url, DOCX_SAMPLE)
    response = client.post(
        f"/reports/{rid}/corrections",
        data={
            "csrf_token": CSRF,
            "field": "funds[0].spent",
            "action": "correct",
            "value": "629.09万",
            "note": "见支出明细",
        },
        follow_redirects=False,
    )
    assert response.status_code == 303
    assert fund_spent(filled_url, rid) == 6290900
    html = client.get(response.headers["location"]).text
    assert "corrected by 审核员" in html and "6,290,900.00" in html
    with Store(filled_url, create=False) as store, store.engine.connect() as conn:
        flagged = conn.execute(
            text("SELECT field_path, corrected_by FROM v_corrections WHERE report_id = :r"),
            {"r": rid},
        ).all()
        summary = conn.execute(
            text("SELECT spent FROM v_report_summary WHERE report_id = :r"), {"r": rid}
        ).scalar_one()
        rules = set(
            conn.execute(text("SELECT rule FROM checks WHERE report_id = :r"), {"r": rid}).scalars()
        )
    assert [tuple(r) for r in flagged] == [("funds[0].spent", "审核员")]
    assert summary == 6290900
    assert "expenditure_vs_spent" not in rules  # the checks ran again on the corrected value
    bad = client.post(
        f"/reports/{rid}/corrections",
        data={"csrf_token": CSRF, "field": "funds[0].spent", "action": "correct", "value": "很多"},
    )
    assert bad.status_code == 200 and "an amount is needed" in bad.text


def test_review_marks_and_the_reviewed_only_export(
    client: TestClient, filled_url: str, tmp_path: Path
) -> None:
    from jixiao.export import export

    rid = report_id(filled_url, PDF_SAMPLE)
    assert client.post(f"/reports/{rid}/review", data={"reviewed": "yes"}).status_code == 403
    done = client.post(f"/reports/{rid}/review", data={"csrf_token": CSRF, "reviewed": "yes"}).text
    assert "reviewed by 审核员" in done
    assert "1 report(s)" in client.get("/reports?reviewed=yes").text
    result = export(filled_url, "csv", tmp_path / "out", reviewed_only=True)
    counts = dict(result.tables)
    assert counts["reports"] == 1 and counts["v_report_summary"] == 1
    assert counts["funds"] >= 1 and counts["ingest_runs"] >= 1


def test_corrections_summary_and_charts(client: TestClient) -> None:
    assert client.get("/corrections").status_code == 200
    assert client.get("/corrections?orphaned=yes").status_code == 200
    summary = client.get("/summary").text
    assert 'src="/charts/execution.png"' in summary
    for name in ("execution", "scores", "checks"):
        png = client.get(f"/charts/{name}.png")
        assert png.status_code == 200 and png.content.startswith(b"\x89PNG")
    assert client.get("/charts/nothing.png").status_code == 404
    assert client.get("/reports/424242").status_code == 404


def test_the_token_guards_every_request(filled_url: str, cache_dir: Path) -> None:
    config = WebConfig(url=filled_url, cache_dir=cache_dir, secret=SECRET, token="t0k3n")
    with TestClient(create_app(config)) as guarded:
        assert guarded.get("/reports").status_code == 401
        assert guarded.get("/static/review.js").status_code == 401
        assert guarded.get("/reports", headers={"Authorization": "Bearer t0k3n"}).status_code == 200
        assert guarded.get("/reports", auth=("anyone", "t0k3n")).status_code == 200
        assert guarded.get("/reports", auth=("anyone", "wrong")).status_code == 401
        first = guarded.get("/reports?token=t0k3n&year=2018", follow_redirects=False)
        assert first.status_code == 303 and "token" not in first.headers["location"]
        assert guarded.get("/reports").status_code == 200  # the cookie now


def test_an_orphaned_correction_is_shown_for_a_person_to_resolve(
    client: TestClient, filled_url: str
) -> None:
    import dataclasses
    from decimal import Decimal

    from web_fixtures import hostile_report

    from jixiao import PARSER_VERSION

    rid = report_id(filled_url, "x.docx")
    client.post(
        f"/reports/{rid}/corrections",
        data={"csrf_token": CSRF, "field": "funds[0].spent", "action": "correct", "value": "60"},
    )
    report = hostile_report()
    changed = dataclasses.replace(
        report, funds=(dataclasses.replace(report.funds[0], spent=Decimal(77)),)
    )
    with Store(filled_url) as store:
        store.load_report(
            changed,
            path="/nowhere/x.docx",
            run_id=None,
            parser_version=PARSER_VERSION,
            replace=True,
        )
    rid = report_id(filled_url, "x.docx")
    page = client.get(f"/reports/{rid}").text
    assert 'id="orphans"' in page and "correction(s) no longer match" in page
    assert 'class="v orphaned' in page
    listed = client.get("/corrections?orphaned=yes").text
    assert "funds[0].spent" in listed and "&#39;77&#39;" in listed
    correction = re.search(r'action="/corrections/(\d+)/resolve"', listed)
    assert correction is not None
    client.post(f"/corrections/{correction.group(1)}/resolve", data={"csrf_token": CSRF})
    assert "funds[0].spent" not in client.get("/corrections?orphaned=yes").text


def test_a_correction_survives_a_reprocess_of_the_real_file(
    client: TestClient, filled_url: str, sample_files: tuple[Path, Path]
) -> None:
    from jixiao.ingest import IngestOptions, ingest

    rid = report_id(filled_url, DOCX_SAMPLE)
    client.post(
        f"/reports/{rid}/corrections",
        data={
            "csrf_token": CSRF,
            "field": "report.total_score",
            "action": "correct",
            "value": "88",
        },
    )
    result = ingest([sample_files[1]], filled_url, IngestOptions(workers=1, reprocess=True))
    assert [o.status for o in result.outcomes] == ["loaded"]
    rid = report_id(filled_url, DOCX_SAMPLE)
    html = client.get(f"/reports/{rid}", params={"field": "report.total_score"}).text
    assert re.search(r'class="v corrected[^"]*"[^>]*data-field="report.total_score"[^>]*>88<', html)
    with Store(filled_url, create=False) as store, store.engine.connect() as conn:
        # through the model's column type: SQLite stores exact numbers scaled (issue 11)
        score = conn.execute(select(ReportRow.total_score).where(ReportRow.id == rid)).scalar_one()
    assert score == 88


def test_a_failing_request_is_one_line_never_a_traceback(
    filled_url: str, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from jixiao.web import app as web_app

    def broken(conn: object, report_id: int) -> None:
        raise RuntimeError("boom\nsecond line")

    monkeypatch.setattr(web_app, "load_report", broken)
    config = WebConfig(url=filled_url, cache_dir=cache_dir, secret=SECRET)
    with TestClient(create_app(config), raise_server_exceptions=False) as failing:
        response = failing.get("/reports/1")
    assert response.status_code == 500
    assert response.text == "jixiao: internal error: RuntimeError: boom"
