"""Make scanned-looking, image-only PDFs from committed text PDFs (for OCR tests).

The filed copy of a report is usually a scan: a grey page, a slight skew, sensor
noise, a red seal stamped over the signature or a heading. This script renders each
page of some committed PDF samples at 150 dpi and applies exactly that, then saves the
pages as a JPEG-only PDF ``samples/<name>_scan150.pdf`` with no text layer; a few are
also saved turned by 90° or 180° (``_scan150_rot90.pdf``: fed in sideways or upside
down). Everything is seeded, so a rebuild gives the same bytes.

    python scripts/build_scanned_samples.py            # all
    python scripts/build_scanned_samples.py --list
"""

from __future__ import annotations

import argparse
import io
import math
import sys
import time
import zlib
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
DPI = 150
JPEG_QUALITY = 60
PAPER = np.array([232, 229, 221], dtype=np.float32)  # greyish, slightly warm paper
SEAL_RED = (205, 30, 35)
SEAL_FONT = Path("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc")
FIXED_DATE = time.gmtime(1704067200)  # 2024-01-01T00:00:00Z, so rebuilds are byte-identical

#: text PDF samples to scan
SOURCES: tuple[str, ...] = (
    "jiujiang_2021_primary_care_it_national_form_libreoffice.pdf",
    "pingjiang_2021_rural_water_three_page_table.pdf",
    "shaoguan_2020_12345_hotline_basic_info.pdf",
    "wild_sichuan_2021_nongcun_yinshui_libreoffice.pdf",
)
#: scans fed into the scanner turned: (source, degrees clockwise). Each is the same
#: scan as the upright one, its pixels turned (the page size follows), so reading it
#: must give the upright scan's report.
TURNED: tuple[tuple[str, int], ...] = (
    ("jiujiang_2021_primary_care_it_national_form_libreoffice.pdf", 90),
    ("jiujiang_2021_primary_care_it_national_form_libreoffice.pdf", 180),
)
_TRANSPOSE = {
    90: Image.Transpose.ROTATE_270,
    180: Image.Transpose.ROTATE_180,
    270: Image.Transpose.ROTATE_90,
}


def scanned_name(source: str, turned: int = 0) -> str:
    suffix = f"_rot{turned}" if turned else ""
    return f"{Path(source).stem}_scan150{suffix}.pdf"


def render(path: Path) -> list[Image.Image]:
    pdf = pdfium.PdfDocument(str(path))
    try:
        pages = []
        for k in range(len(pdf)):
            page = pdf[k]
            pages.append(page.render(scale=DPI / 72).to_pil().convert("RGB"))
            page.close()
        return pages
    finally:
        pdf.close()


def seal(diameter: int, rng: np.random.Generator) -> Image.Image:
    """A round red seal (ring, star, text) as an RGBA image with uneven ink."""
    size = diameter + 8
    img = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(img)
    c = size / 2
    r = diameter / 2
    draw.ellipse((c - r, c - r, c + r, c + r), outline=SEAL_RED + (255,), width=max(4, size // 40))
    star = []
    for k in range(10):
        rad = (r * 0.28) if k % 2 == 0 else (r * 0.11)
        ang = -math.pi / 2 + k * math.pi / 5
        star.append((c + rad * math.cos(ang), c - r * 0.12 + rad * math.sin(ang)))
    draw.polygon(star, fill=SEAL_RED + (255,))
    font = ImageFont.truetype(str(SEAL_FONT), max(12, int(r * 0.22)), index=0)
    text = "绩效评价专用章"
    width = draw.textlength(text, font=font)
    draw.text((c - width / 2, c + r * 0.3), text, fill=SEAL_RED + (255,), font=font)
    alpha = np.asarray(img)[:, :, 3].astype(np.float32)
    alpha *= rng.uniform(0.55, 0.9, size=alpha.shape)
    arr = np.asarray(img).copy()
    arr[:, :, 3] = alpha.astype(np.uint8)
    return Image.fromarray(arr, "RGBA")


def stamp_on(img: Image.Image, stamp: Image.Image, at: tuple[int, int]) -> Image.Image:
    """Multiply the seal onto the page: ink on paper, so text under the seal stays dark."""
    arr = np.asarray(img, dtype=np.float32)
    rgba = np.asarray(stamp, dtype=np.float32)
    x, y = at
    h = min(rgba.shape[0], arr.shape[0] - y)
    w = min(rgba.shape[1], arr.shape[1] - x)
    alpha = rgba[:h, :w, 3:4] / 255.0
    tint = 1.0 - alpha * (1.0 - rgba[:h, :w, :3] / 255.0)
    arr[y : y + h, x : x + w] *= tint
    return Image.fromarray(arr.clip(0, 255).astype(np.uint8), "RGB")


def scan(page: Image.Image, rng: np.random.Generator, stamped: bool) -> Image.Image:
    """Paper tone, a seal over some text, a 0.5–1.5° skew and sensor noise."""
    arr = np.asarray(page, dtype=np.float32) / 255.0 * PAPER
    img = Image.fromarray(arr.clip(0, 255).astype(np.uint8), "RGB")
    if stamped:
        w, h = img.size
        stamp = seal(int(min(w, h) * 0.22), rng)
        x = int(w * rng.uniform(0.45, 0.6))
        y = int(h * rng.uniform(0.08, 0.3))
        img = stamp_on(img, stamp, (x, y))
    angle = float(rng.uniform(0.5, 1.5) * rng.choice([-1.0, 1.0]))
    fill = tuple(int(v) for v in PAPER)
    img = img.rotate(angle, resample=Image.BICUBIC, expand=False, fillcolor=fill)
    arr = np.asarray(img, dtype=np.float32)
    arr += rng.normal(0.0, 7.0, size=arr.shape[:2])[:, :, None]
    specks = rng.random(arr.shape[:2]) < 0.0004
    arr[specks] = 60.0
    return Image.fromarray(arr.clip(0, 255).astype(np.uint8), "RGB")


def jpeg(img: Image.Image, quality: int = JPEG_QUALITY) -> Image.Image:
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=quality, optimize=True, subsampling=0 if quality > 90 else -1)
    buf.seek(0)
    return Image.open(buf)


def build(source: str, turned: int = 0) -> Path:
    src = SAMPLES / source
    rng = np.random.default_rng(zlib.crc32(source.encode()))  # the upright scan's noise
    pages = render(src)
    scans = [jpeg(scan(p, rng, stamped=(k == 0))) for k, p in enumerate(pages)]
    if turned:  # the upright scan's very pixels turned, re-encoded all but losslessly
        scans = [jpeg(img.transpose(_TRANSPOSE[turned]), quality=95) for img in scans]
    out = SAMPLES / scanned_name(source, turned)
    scans[0].save(
        out,
        "PDF",
        resolution=DPI,
        save_all=True,
        append_images=scans[1:],
        creationDate=FIXED_DATE,
        modDate=FIXED_DATE,
        producer="jixiao build_scanned_samples",
    )
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--list", action="store_true", help="list the outputs and exit")
    parser.add_argument("names", nargs="*", help="source PDFs (default: all)")
    args = parser.parse_args(argv)
    chosen = [(s, 0) for s in SOURCES] + list(TURNED)
    if args.names:
        chosen = [(s, t) for s, t in chosen if s in args.names or scanned_name(s, t) in args.names]
    for source, turned in chosen:
        if args.list:
            print(f"{source} -> {scanned_name(source, turned)}")
            continue
        out = build(source, turned)
        print(f"{out.relative_to(ROOT)}  {out.stat().st_size / 1e6:.2f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
