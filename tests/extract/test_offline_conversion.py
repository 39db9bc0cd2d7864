"""LibreOffice conversions never fetch linked content: a local HTTP server on
127.0.0.1 must see no request while an HTML-as-.doc and an ODT that link images and
style sheets to it are converted."""

from __future__ import annotations

import os
import shutil
import subprocess
import threading
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from jixiao.extract import offline
from jixiao.extract.legacy import converted_to_docx


@pytest.fixture
def soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice (soffice) is required in CI but is not installed")
        pytest.skip("LibreOffice (soffice) is not installed")
    return found


@pytest.fixture
def server() -> Iterator[tuple[str, list[str]]]:
    """A server on 127.0.0.1 recording every request; yields (base URL, requests)."""
    requests: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - the http.server API
            requests.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", requests
    finally:
        httpd.shutdown()
        httpd.server_close()


def _html_doc(path: Path, base: str) -> Path:
    path.write_text(
        f'<html><head><meta charset="utf-8"><link rel="stylesheet" href="{base}/style.css">'
        f"</head><body><h1>项目支出绩效自评报告</h1><p>项目名称：测试</p>"
        f'<img src="{base}/pixel.png"><table><tr><td>资金</td><td>100</td></tr></table>'
        "</body></html>",
        encoding="utf-8",
    )
    return path


_ODT_CONTENT = """<?xml version="1.0" encoding="UTF-8"?>
<office:document-content
  xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
  xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
  xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
  xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
  xmlns:xlink="http://www.w3.org/1999/xlink" office:version="1.2">
 <office:body><office:text>
  <text:p>项目支出绩效自评报告</text:p>
  <text:p><draw:frame draw:name="p" svg:width="1cm" svg:height="1cm">
   <draw:image xlink:href="{base}/odt-image.png" xlink:type="simple" xlink:show="embed"
     xlink:actuate="onLoad"/></draw:frame></text:p>
  <text:section text:name="linked"><text:section-source xlink:href="{base}/section.odt"
    xlink:type="simple"/></text:section>
 </office:text></office:body>
</office:document-content>
"""
_MANIFEST = """<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"
  manifest:version="1.2">
 <manifest:file-entry manifest:full-path="/"
   manifest:media-type="application/vnd.oasis.opendocument.text"/>
 <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
</manifest:manifest>
"""


def _odt(path: Path, base: str) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", _ODT_CONTENT.replace("{base}", base))
        archive.writestr("META-INF/manifest.xml", _MANIFEST)
    return path


@pytest.mark.libreoffice
def test_converting_documents_with_linked_content_makes_no_request(
    tmp_path: Path, soffice: str, server: tuple[str, list[str]]
) -> None:
    base, requests = server
    sources = [
        (_html_doc(tmp_path / "page.doc", base), "html"),
        (_odt(tmp_path / "x.odt", base), "odt"),
    ]
    for path, source_format in sources:
        with converted_to_docx(path, source_format=source_format) as converted:
            assert zipfile.is_zipfile(converted)
    assert requests == []


def test_the_profile_blocks_linked_content_and_update_checks(tmp_path: Path) -> None:
    offline.seed_profile(tmp_path)
    tree = ET.parse(tmp_path / "user" / "registrymodifications.xcu")
    oor = "{http://openoffice.org/2001/registry}"
    settings = {
        (item.get(f"{oor}path"), prop.get(f"{oor}name")): prop.findtext("value")
        for item in tree.getroot()
        for prop in item
    }
    assert (
        settings[("/org.openoffice.Office.Common/Security/Scripting", "BlockUntrustedRefererLinks")]
        == "true"
    )
    assert settings[("/org.openoffice.Office.Writer/Content/Update", "Link")] == "0"


def test_no_namespace_permitted_falls_back_with_a_warning(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    offline.no_network_prefix.cache_clear()

    def refused(*args: object, **kwargs: object) -> subprocess.CompletedProcess[bytes]:
        return subprocess.CompletedProcess([], 1, b"", b"unshare: Operation not permitted")

    monkeypatch.setattr(subprocess, "run", refused)
    try:
        assert offline.no_network_prefix() == ()
        assert "run with network access" in caplog.text
    finally:
        offline.no_network_prefix.cache_clear()
