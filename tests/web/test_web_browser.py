"""End to end in a real browser: Debian's chromium driven by Selenium through chromedriver.

Opens the list, a PDF report, clicks an amount and sees its page with the box, corrects
the value, re-ingests with --reprocess, and finds the correction still shown and in the
exported CSV. Skipped without chromium/chromedriver, except in CI (``CI`` set).
A screenshot of the report page is saved under ``test-artifacts/``.
"""

from __future__ import annotations

import csv
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from web_fixtures import PDF_SAMPLE, ROOT, copy_samples

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
JIXIAO = str(Path(sys.executable).with_name("jixiao"))
ARTIFACTS = Path(os.environ.get("JIXIAO_TEST_ARTIFACTS", ROOT / "test-artifacts"))


def _need_browser() -> None:
    missing = [p for p in (CHROMIUM, CHROMEDRIVER) if not Path(p).exists()]
    try:
        import selenium  # noqa: F401
    except ImportError:
        missing.append("selenium (pip install -e '.[dev]')")
    if missing:
        message = (
            f"browser test needs {', '.join(missing)} (apt-get install chromium chromium-driver)"
        )
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _jixiao(*args: str) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [JIXIAO, *args], capture_output=True, text=True, timeout=300, stdin=subprocess.DEVNULL
    )
    assert done.returncode == 0, done.stderr
    return done


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[str, str, Path]]:
    _need_browser()
    archive = tmp_path / "archive"
    copy_samples(archive)
    url = f"sqlite:///{tmp_path / 'review.db'}"
    _jixiao("ingest", str(archive), "--db", url, "--workers", "1", "--quiet")
    port = _free_port()
    process = subprocess.Popen(
        [JIXIAO, "serve", "--db", url, "--port", str(port), "--user", "审核员"]
        + ["--cache-dir", str(tmp_path / "cache")],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/reports", timeout=2).read()
                break
            except OSError:
                if process.poll() is not None:
                    raise AssertionError(process.stdout.read().decode()) from None  # type: ignore[union-attr]
                time.sleep(0.2)
        yield base, url, archive
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[object]:
    _need_browser()
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
        "--disable-dev-shm-usage",
        f"--user-data-dir={tmp_path / 'chromium-profile'}",
        "--window-size=1600,1000",
        "--lang=zh-CN",
    ):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()


def _pdf_report_id(url: str) -> int:
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return conn.execute(
                text(
                    "SELECT r.id FROM reports r JOIN document_paths p ON p.document_id = "
                    "r.document_id WHERE p.path LIKE :name"
                ),
                {"name": f"%{PDF_SAMPLE}"},
            ).scalar_one()
    finally:
        engine.dispose()


def test_review_a_pdf_value_correct_it_and_keep_it_across_a_reprocess(
    server: tuple[str, str, Path], browser: object, tmp_path: Path
) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    base, url, archive = server
    driver = browser
    wait = WebDriverWait(driver, 30)  # type: ignore[arg-type]
    driver.get(base + "/reports")  # type: ignore[attr-defined]
    rows = driver.find_elements(By.CSS_SELECTOR, "#reports tbody tr")  # type: ignore[attr-defined]
    assert len(rows) == 2
    rid = _pdf_report_id(url)
    driver.find_element(By.CSS_SELECTOR, f'a.report-link[href="/reports/{rid}"]').click()  # type: ignore[attr-defined]
    spent = 'a.v[data-field="funds[0].spent"]'
    wait.until(ec.element_to_be_clickable((By.CSS_SELECTOR, spent))).click()
    image = wait.until(ec.visibility_of_element_located((By.ID, "page-image")))
    wait.until(
        lambda d: d.execute_script(
            "return arguments[0].complete && arguments[0].naturalWidth", image
        )
    )
    box = wait.until(ec.visibility_of_element_located((By.ID, "page-box")))
    assert box.size["width"] > 5 and box.size["height"] > 5
    # The box sits where its bbox is on the page image (percentages of the image).
    placed = driver.execute_script(  # type: ignore[attr-defined]
        "const i = arguments[0].getBoundingClientRect(), b = arguments[1].getBoundingClientRect();"
        "return [(b.top - i.top) / i.height * 100, parseFloat(arguments[1].style.top),"
        " (b.left - i.left) / i.width * 100, parseFloat(arguments[1].style.left)];",
        image,
        box,
    )
    assert abs(placed[0] - placed[1]) < 0.5 and abs(placed[2] - placed[3]) < 0.5, placed
    assert "/pages/4.png" in image.get_attribute("src")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    driver.save_screenshot(str(ARTIFACTS / "review-report-page.png"))  # type: ignore[attr-defined]

    field = wait.until(ec.visibility_of_element_located((By.ID, "correction-value")))
    field.clear()
    field.send_keys("917万")
    driver.find_element(By.NAME, "note").send_keys("合计行复核")  # type: ignore[attr-defined]
    driver.find_element(By.ID, "correction-save").click()  # type: ignore[attr-defined]
    corrected = wait.until(
        ec.visibility_of_element_located((By.CSS_SELECTOR, f"{spent}.corrected"))
    )
    assert corrected.text == "9,170,000.00"

    _jixiao("ingest", str(archive), "--db", url, "--workers", "1", "--reprocess", "--quiet")
    rid = _pdf_report_id(url)
    driver.get(f"{base}/reports/{rid}")  # type: ignore[attr-defined]
    again = wait.until(ec.visibility_of_element_located((By.CSS_SELECTOR, spent)))
    assert again.text == "9,170,000.00" and "corrected" in again.get_attribute("class")
    assert "extracted: 9180000" in again.get_attribute("title")

    out = tmp_path / "export"
    _jixiao("export", "--format", "csv", "--out", str(out), "--db", url)
    with (out / "funds.csv").open(encoding="utf-8-sig") as handle:
        spent_values = {
            row["spent"] for row in csv.DictReader(handle) if row["report_id"] == str(rid)
        }
    assert "9170000.00" in spent_values
    with (out / "v_corrections.csv").open(encoding="utf-8-sig") as handle:
        flagged = list(csv.DictReader(handle))
    assert [(r["field_path"], r["corrected_value"]) for r in flagged] == [
        ("funds[0].spent", "9170000")
    ]
