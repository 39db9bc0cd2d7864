"""Build the committed PDF samples in ``samples/`` (deterministic: same bytes each run).

.venv/bin/python scripts/build_pdf_samples.py [--out samples]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from scripts.pdf_samples import (  # noqa: E402
    broken_font,
    changsha,
    merged_label_pages,
    scanned,
    shaoguan,
    unruled_form,
    water_supply,
    wrapped_title_form,
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=ROOT / "samples")
    args = parser.parse_args(argv)
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    built = [
        out / "changsha_2018_egov_special_funds_evaluation.pdf",
        out / "shaoguan_2020_12345_hotline_basic_info.pdf",
        out / "pingjiang_2021_rural_water_three_page_table.pdf",
        out / "pingjiang_2021_rural_water_scanned.pdf",
        out / "changsha_2019_notice_broken_font.pdf",
        out / "changsha_2019_notice_page2_broken_font.pdf",
        out / "wild_r2_hainan_2023_unruled_form.pdf",
        out / wrapped_title_form.FILE_NAME,
        out / merged_label_pages.FILE_NAME,
    ]
    changsha.write(built[0])
    shaoguan.write(built[1])
    water_supply.write(built[2])
    scanned.write(built[2], built[3])
    broken_font.write_all_broken(built[4])
    broken_font.write_page2_broken(built[5])
    unruled_form.write(built[6])
    wrapped_title_form.write(built[7])
    merged_label_pages.write(built[8])
    for path in built:
        print(
            f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}: {path.stat().st_size} bytes"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
