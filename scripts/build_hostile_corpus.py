"""Build a corpus of hostile and broken files (issue 15) beside good reports.

Every file is generated here, in seconds, from a few bytes of Python: nothing large is
committed. :func:`build` writes the corpus into a folder and returns what each entry
must come to (``loaded``, or a fragment of its failure reason); the hostile-files test
(tests/test_hostile_corpus.py) and benchmarks/bench_hostile.py use it.

    python scripts/build_hostile_corpus.py OUT_DIR [--slow]
"""

from __future__ import annotations

import argparse
import io
import os
import shutil
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
GOOD_DOCX = "jiujiang_2021_primary_care_it_national_form.docx"
GOOD_PDF = "shaoguan_2020_12345_hotline_basic_info.pdf"
GOOD_DOCX_2 = "yiyang_2020_smart_brain_self_eval.docx"
GOOD_PDF_2 = "pingjiang_2021_rural_water_three_page_table.pdf"

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
LOADED = "loaded"


@dataclass(frozen=True)
class Case:
    name: bytes  # the file name (bytes: some are not UTF-8)
    expect: str  # "loaded", or a fragment of the failure reason
    kind: str  # what the case is, for the benchmark's table
    slow: bool = False  # refused only by the time budget: kept out of the default suite


# -- DOCX ------------------------------------------------------------------------------

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.document.main+xml"/></Types>'
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
)


def _docx(body: bytes | Callable[[io.BufferedIOBase], None], prolog: bytes = b"") -> bytes:
    """A minimal DOCX whose body is ``body`` (bytes, or a writer for large bodies)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _RELS)
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            member.write(b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' + prolog)
            member.write(f'<w:document xmlns:w="{W_NS}"><w:body>'.encode())
            if callable(body):
                body(member)
            else:
                member.write(body)
            member.write(b"</w:body></w:document>")
    return out.getvalue()


def _p(text: str) -> bytes:
    return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>".encode()


def big_table_docx(rows: int = 100_000, cols: int = 4) -> bytes:
    def write(member: io.BufferedIOBase) -> None:
        member.write(_p("项目支出绩效自评表") + b"<w:tbl>")
        for r in range(rows):  # varied text: the zip ratio check must not be what refuses it
            cells = (f"<w:tc>{_p(f'{r * 7919 % 99991}.{c}').decode()}</w:tc>" for c in range(cols))
            member.write(f"<w:tr>{''.join(cells)}</w:tr>".encode())
        member.write(b"</w:tbl>")

    return _docx(write)


def gridspan_docx(span: int = 1_000_000_000) -> bytes:
    cell = f'<w:tc><w:tcPr><w:gridSpan w:val="{span}"/></w:tcPr>'.encode() + _p("x") + b"</w:tc>"
    return _docx(_p("项目支出绩效自评表") + b"<w:tbl><w:tr>" + cell + b"</w:tr></w:tbl>")


def nested_tables_docx(depth: int = 600) -> bytes:
    opening = b"<w:tbl><w:tr><w:tc>" * depth
    closing = _p("x") + b"</w:tc></w:tr></w:tbl>" * depth
    return _docx(_p("项目支出绩效自评表") + opening + closing)


def xxe_docx() -> bytes:
    prolog = b'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    return _docx(_p("项目支出绩效自评表") + b"<w:p><w:r><w:t>&xxe;</w:t></w:r></w:p>", prolog)


def billion_laughs_docx() -> bytes:
    entities = ['<!ENTITY lol "lol">'] + [
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
        for i in range(1, 10)
    ]
    prolog = ("<!DOCTYPE w:document [" + "".join(entities) + "]>").encode()
    return _docx(_p("项目") + b"<w:p><w:r><w:t>&lol9;</w:t></w:r></w:p>", prolog)


def zip_bomb_docx() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as bomb:
        bomb.writestr("[Content_Types].xml", "<Types/>")
        info = zipfile.ZipInfo("word/document.xml")
        info.compress_type = zipfile.ZIP_DEFLATED
        info._compresslevel = 1  # type: ignore[attr-defined]
        with bomb.open(info, "w", force_zip64=True) as member:
            chunk = b"\0" * (1 << 20)
            for _ in range(300):
                member.write(chunk)
    return out.getvalue()


# -- PDF -------------------------------------------------------------------------------


def _pdf(objects: list[bytes], root: int = 1) -> bytes:
    """A PDF from numbered object bodies (object i+1 is ``objects[i]``), with an xref."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root {root} 0 R >>\n".encode()
    out += f"startxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def _stream(data: bytes, extra: str = "", *, deflate: bool = False) -> bytes:
    if deflate:
        data = zlib.compress(data, 9)
        extra += " /Filter /FlateDecode"
    return f"<< /Length {len(data)}{extra} >>\nstream\n".encode() + data + b"\nendstream"


_FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def _one_page_pdf(content: bytes, box: str = "0 0 595 842") -> bytes:
    return _pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            f"<< /Type /Page /Parent 2 0 R /MediaBox [{box}] /Contents 4 0 R "
            "/Resources << /Font << /F1 5 0 R >> >> >>".encode(),
            content,
            _FONT,
        ]
    )


def self_referencing_pdf() -> bytes:
    """A page whose content stream's /Length is an object that refers to itself."""
    return _pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
            b"<< /Length 5 0 R >>\nstream\nBT ET\nendstream",
            b"5 0 R",
        ]
    )


def many_pages_pdf(pages: int = 2000) -> bytes:
    kids = " ".join(f"{4 + i} 0 R" for i in range(pages))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>".encode(),
        _stream(b"BT /F1 12 Tf 72 720 Td (page) Tj ET"),
    ]
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 3 0 R >>"
    objects += [page] * pages
    return _pdf(objects)


def operator_bomb_pdf(repeats: int = 3_000_000) -> bytes:
    """One page whose (compressed) content stream draws millions of glyphs."""
    ops = b"BT /F1 1 Tf 10 10 Td " + b"(ab) Tj " * repeats + b"ET"
    return _one_page_pdf(_stream(ops, deflate=True))


def deflate_repeated(chunk: bytes, times: int) -> bytes:
    """zlib data for ``chunk * times``, built in milliseconds: after a full flush the
    deflate output of the same input no longer depends on what came before, so one
    compressed block is repeated ``times - 1`` times; the Adler-32 trailer is computed."""
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)  # raw deflate
    first = packer.compress(chunk) + packer.flush(zlib.Z_FULL_FLUSH)
    repeated = packer.compress(chunk) + packer.flush(zlib.Z_FULL_FLUSH)
    last = packer.flush(zlib.Z_FINISH)
    checksum = 1
    for _ in range(times):
        checksum = zlib.adler32(chunk, checksum)
    return b"\x78\xda" + first + repeated * (times - 1) + last + checksum.to_bytes(4, "big")


def flate_bomb_pdf(size: int = 1 << 30) -> bytes:
    """A content stream of about 1 MB that inflates to ``size`` bytes (1 GB)."""
    chunk = b" " * (1 << 20)
    data = deflate_repeated(chunk, size // len(chunk))
    stream = f"<< /Length {len(data)} /Filter /FlateDecode >>\nstream\n".encode()
    return _one_page_pdf(stream + data + b"\nendstream")


def huge_page_pdf(points: int = 20_000) -> bytes:
    """A 20,000 × 20,000 pt page holding only an image (a "scan": read by OCR)."""
    image = _stream(
        b"\x80" * 3,
        " /Type /XObject /Subtype /Image /Width 1 /Height 1 "
        "/ColorSpace /DeviceRGB /BitsPerComponent 8",
    )
    return _pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {points} {points}] /Contents 4 0 R "
            "/Resources << /XObject << /Im1 5 0 R >> >> >>".encode(),
            _stream(f"q {points} 0 0 {points} 0 0 cm /Im1 Do Q".encode()),
            image,
        ]
    )


def encrypted_pdf() -> bytes:
    from reportlab.lib import pdfencrypt
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    lock = pdfencrypt.StandardEncryption("secret", ownerPassword="owner", strength=128)
    pdf = canvas.Canvas(out, encrypt=lock)
    pdf.drawString(72, 720, "secret report")
    pdf.save()
    return out.getvalue()


def huge_rtf(megabytes: int = 60) -> bytes:
    line = b"\\par " + "绩效".encode("ascii", "ignore") + b"performance report line " * 4 + b"\n"
    body = line * (megabytes * (1 << 20) // len(line))
    return b"{\\rtf1\\ansi\\deff0 {\\fonttbl {\\f0 Arial;}}\\f0\\fs20 " + body + b"}"


# -- the corpus ------------------------------------------------------------------------


def _write(folder: Path, name: bytes, data: bytes) -> None:
    with open(os.path.join(os.fsencode(folder), name), "wb") as handle:
        handle.write(data)


def build(folder: Path, *, slow: bool = False) -> list[Case]:
    """Write the corpus into ``folder``; the cases, with what each must come to.

    Without ``slow``, the cases only the time budget can stop are left out.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    good_docx = (SAMPLES / GOOD_DOCX).read_bytes()
    good_pdf = (SAMPLES / GOOD_PDF).read_bytes()
    cases: list[tuple[Case, bytes | None]] = [
        (Case(GOOD_DOCX.encode(), LOADED, "good DOCX"), good_docx),
        (Case(GOOD_PDF.encode(), LOADED, "good PDF"), good_pdf),
        (
            Case(b"bad-\xff-name.docx", LOADED, "file name not UTF-8 (\\xff)"),
            (SAMPLES / GOOD_PDF_2).read_bytes(),
        ),
        (
            Case(b"forged.docx\nINFO loaded forged.docx", LOADED, "newline in name"),
            (SAMPLES / GOOD_DOCX_2).read_bytes(),
        ),
        (
            Case(b"self-referencing.pdf", "per-file limit", "self-referencing PDF objects", True),
            self_referencing_pdf(),
        ),
        (
            Case(b"table-100000-rows.docx", "table cells, over the", "DOCX, 100,000-row table"),
            big_table_docx(),
        ),
        (Case(b"pages-2000.pdf", "over the 500-page limit", "2,000-page PDF"), many_pages_pdf()),
        (
            Case(b"operator-bomb.pdf", "over the", "operator-stream bomb PDF", True),
            operator_bomb_pdf(),
        ),
        (Case(b"gridspan.docx", "columns wide", "huge gridSpan DOCX"), gridspan_docx()),
        (Case(b"flate-bomb.pdf", "expands to over", "FlateDecode bomb PDF"), flate_bomb_pdf()),
        (Case(b"page-20000pt.pdf", "page-size limit", "20,000 × 20,000 pt page"), huge_page_pdf()),
        (Case(b"nested-600.docx", "tables nested", "600 nested tables DOCX"), nested_tables_docx()),
        (Case(b"empty.docx", "empty file", "empty"), b""),
        (Case(b"truncated.docx", "damaged DOCX", "truncated"), good_docx[: len(good_docx) // 2]),
        (
            Case(b"picture.docx", "a PNG image", "PNG renamed .docx"),
            b"\x89PNG\r\n\x1a\n" + b"\0" * 64,
        ),
        (Case(b"zip-bomb.docx", "refusing DOCX", "zip bomb"), zip_bomb_docx()),
        # a titled form with no tables is emitted (issue 10: no all-or-nothing); what
        # matters is that the entity is never expanded (checked in the database)
        (Case(b"xxe.docx", LOADED, "XXE"), xxe_docx()),
        (Case(b"billion-laughs.docx", "damaged DOCX", "billion laughs"), billion_laughs_docx()),
        (Case(b"encrypted.pdf", "encrypted", "encrypted PDF"), encrypted_pdf()),
        (Case(b"x.docx", "symbolic link to outside", "symlink to /etc/passwd"), None),
        (Case(b"fifo.docx", "FIFO", "FIFO"), None),
    ]
    cases.append((Case(b"huge.rtf", "", "huge RTF (60 MB)", True), None))
    cases = [(case, data) for case, data in cases if slow or not case.slow]
    for case, data in cases:
        if case.name == b"huge.rtf":
            data = huge_rtf()
        if data is not None:
            _write(folder, case.name, data)
    os.symlink("/etc/passwd", os.path.join(os.fsencode(folder), b"x.docx"))
    os.mkfifo(os.path.join(os.fsencode(folder), b"fifo.docx"))
    return [case for case, _ in cases]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--slow", action="store_true", help="also the slow cases (huge RTF)")
    args = parser.parse_args()
    if args.out.exists():
        shutil.rmtree(args.out)
    for case in build(args.out, slow=args.slow):
        print(f"{os.fsdecode(case.name)!r:45} → {case.expect or 'failed'}")


if __name__ == "__main__":
    main()
