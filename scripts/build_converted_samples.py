"""Make the LibreOffice-converted samples: PDFs and a legacy .doc of some DOCX samples.

Archives hold the same report as Word, as the PDF exported from it and as Word 97
``.doc``; jixiao must give the same canonical report for each. These files are made
with LibreOffice (``soffice --headless --convert-to``) from committed DOCX samples and
committed themselves (LibreOffice stamps a creation time, so rebuilding changes their
bytes and their golden files' sha256: rebuild only when the DOCX changed).

    python scripts/build_converted_samples.py            # all
    python scripts/build_converted_samples.py --list
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"

# (DOCX sample, target format, output name)
CONVERSIONS: tuple[tuple[str, str, str], ...] = (
    (
        "jiujiang_2021_primary_care_it_national_form.docx",
        "pdf",
        "jiujiang_2021_primary_care_it_national_form_libreoffice.pdf",
    ),
    (
        "yiyang_2020_smart_brain_self_eval.docx",
        "pdf",
        "yiyang_2020_smart_brain_self_eval_libreoffice.pdf",
    ),
    (
        "wild_sichuan_2021_nongcun_yinshui.docx",
        "pdf",
        "wild_sichuan_2021_nongcun_yinshui_libreoffice.pdf",
    ),
    (
        "jiangmen_2022_drainage_dredging_label_column_form.docx",
        "doc",
        "jiangmen_2022_drainage_dredging_label_column_form.doc",
    ),
)


def convert(source: Path, fmt: str, target: Path) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        sys.exit("LibreOffice is needed: apt-get install libreoffice-writer-nogui fonts-noto-cjk")
    with tempfile.TemporaryDirectory(prefix="jixiao-convert-") as tmp:
        profile = Path(tmp) / "profile"
        out = Path(tmp) / "out"
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation={profile.as_uri()}",
                "--headless",
                "--convert-to",
                fmt,
                "--outdir",
                str(out),
                str(source),
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )
        produced = out / f"{source.stem}.{fmt}"
        shutil.move(produced, target)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--list", action="store_true", help="print the pairs and exit")
    args = parser.parse_args()
    for source, fmt, name in CONVERSIONS:
        if args.list:
            print(f"{source} -> {name}")
            continue
        convert(SAMPLES / source, fmt, SAMPLES / name)
        print(f"wrote samples/{name}")


if __name__ == "__main__":
    main()
