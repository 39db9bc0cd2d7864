"""Build the bundle samples of issue 9 (files holding 0, 1 or many report units).

Each sample is one spec under ``scripts/bundle_samples`` (blocks: cover, contents,
headings, paragraphs, ruled grids, unit markers) rendered by one builder per producer:
``render_pdf`` (reportlab, deterministic) and ``render_docx`` (python-docx,
deterministic), and LibreOffice for the PDF exported from the DOCX. The ground truth
(which units each file holds, pages or tables, total score) is written to
``tests/bundle_truth.json``.

    .venv/bin/python scripts/build_bundle_samples.py                # deterministic ones
    .venv/bin/python scripts/build_bundle_samples.py --libreoffice  # also the LO PDF

LibreOffice stamps a creation time into its PDF (new bytes and sha256 each run), so the
``_libreoffice.pdf`` is rebuilt only on request, like ``build_converted_samples.py``.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from scripts.bundle_samples import render_docx, render_pdf  # noqa: E402
from scripts.bundle_samples import truth as t  # noqa: E402
from scripts.bundle_samples.samples import SPECS, BundleSpec  # noqa: E402

TRUTH = ROOT / "tests" / "bundle_truth.json"


def libreoffice_pdf(docx: Path, target: Path) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        sys.exit("LibreOffice is needed: apt-get install libreoffice-writer-nogui fonts-noto-cjk")
    with tempfile.TemporaryDirectory(prefix="jixiao-bundle-") as tmp:
        profile, out = Path(tmp) / "profile", Path(tmp) / "out"
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation={profile.as_uri()}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(out),
                str(docx),
            ],
            check=True,
            capture_output=True,
            timeout=300,
        )
        shutil.move(out / f"{docx.stem}.pdf", target)


def heading_pages(pdf: Path, spec: BundleSpec) -> dict[str, int]:
    """Pages of the contents entries in a PDF made by LibreOffice (first pass)."""
    from scripts.bundle_samples import blocks as b

    def norm(text: str) -> str:
        return text.replace(" ", "").replace("\u3000", "")

    pages = [[norm(line) for line in lines] for lines in t.page_lines(pdf)]
    found: dict[str, int] = {}
    cursor, n = 2, 0
    for block in spec.sample.blocks:
        if not isinstance(block, b.Heading):
            continue
        n += 1
        want = norm(block.text)
        for p in range(cursor, len(pages)):
            if want in pages[p]:
                found[f"h{n}"] = p + 1
                cursor = p
                break
    return found


def build(spec: BundleSpec, out: Path, with_libreoffice: bool) -> dict[str, list[t.Unit]]:
    truth: dict[str, list[t.Unit]] = {}
    units = spec.units()
    if spec.pdf_name:
        pages = render_pdf.render(spec.sample, out / spec.pdf_name)
        truth[spec.pdf_name] = spec.place_pdf(units, pages, out / spec.pdf_name)
        print(f"wrote samples/{spec.pdf_name}")
    if spec.docx_name:
        tmp = Path(tempfile.mkdtemp(prefix="jixiao-bundle-docx-"))
        docx = out / spec.docx_name if spec.keep_docx else tmp / spec.docx_name
        if spec.lo_pdf_name and with_libreoffice:
            target = out / spec.lo_pdf_name
            render_docx.render(spec.sample, docx)
            libreoffice_pdf(docx, target)  # first pass: find where the chapters fell
            toc = heading_pages(target, spec)
            spec.toc_file.write_text(
                json.dumps(toc, indent=1, sort_keys=True) + "\n", encoding="utf-8"
            )
            render_docx.render(spec.sample, docx, toc)
            libreoffice_pdf(docx, target)
            if heading_pages(target, spec) != toc:
                raise RuntimeError(f"{target.name}: page numbers moved in the second pass")
            truth[spec.lo_pdf_name] = t.find_pages(target, units, spec.after_units)
            print(f"wrote samples/{spec.lo_pdf_name}")
        tables = render_docx.render(spec.sample, docx, spec.lo_toc())
        if spec.keep_docx:
            truth[spec.docx_name] = spec.place_docx(units, tables)
            print(f"wrote samples/{spec.docx_name}")
        shutil.rmtree(tmp, ignore_errors=True)
    return truth


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "samples")
    parser.add_argument("--libreoffice", action="store_true", help="also rebuild the LO PDFs")
    parser.add_argument("--truth", type=Path, default=TRUTH)
    parser.add_argument("names", nargs="*", help="only these specs (by key)")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    truth: dict[str, list[t.Unit]] = {}
    for spec in SPECS:
        if args.names and spec.key not in args.names:
            continue
        truth.update(build(spec, args.out, args.libreoffice))
    t.write(args.truth, truth)
    print(
        f"wrote {args.truth.relative_to(ROOT) if args.truth.is_relative_to(ROOT) else args.truth}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
