"""Build every DOCX sample into ``samples/`` (or ``--out DIR``).

Each sample is one module under ``scripts/samples`` with ``build(path: Path) -> None``;
register it in ``SAMPLES`` with the file name it writes. Builders are deterministic:
running this twice gives identical bytes.

    .venv/bin/python scripts/build_samples.py [--out DIR] [NAME ...]
    .venv/bin/python scripts/build_samples.py --list     # registered file names
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script: make ``scripts.samples`` importable
    sys.path.insert(0, str(ROOT))

logger = logging.getLogger(__name__)

# (module under scripts.samples, output file name under samples/)
SAMPLES: list[tuple[str, str]] = [
    ("seed_yueyang_internet_plus", "yueyang_2019_internet_plus_platform_self_eval.docx"),
    ("seed_yueyang_egov_extranet", "yueyang_2019_egov_extranet_self_eval.docx"),
    ("seed_yiyang_smart_brain", "yiyang_2020_smart_brain_self_eval.docx"),
    ("national_form_jiujiang_health_it", "jiujiang_2021_primary_care_it_national_form.docx"),
    ("label_span_jiangmen_drainage", "jiangmen_2022_drainage_dredging_label_column_form.docx"),
    (
        "report_attachment_ganzhou_rural_water",
        "ganzhou_2022_rural_water_supply_report_with_attachment.docx",
    ),
]


def build_all(out_dir: Path, names: list[str] | None = None) -> list[Path]:
    """Build the registered samples (all, or those whose file or module name is given)."""
    written: list[Path] = []
    for module_name, file_name in SAMPLES:
        if names and file_name not in names and module_name not in names:
            continue
        module = importlib.import_module(f"scripts.samples.{module_name}")
        path = out_dir / file_name
        module.build(path)
        logger.info("wrote %s (%d bytes)", path, path.stat().st_size)
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "samples", help="output folder")
    parser.add_argument("--list", action="store_true", help="print the file names and exit")
    parser.add_argument("names", nargs="*", help="only these samples (file or module name)")
    args = parser.parse_args(argv)
    if args.list:
        print("\n".join(file_name for _, file_name in SAMPLES))
        return 0
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    written = build_all(args.out, args.names)
    if args.names and len(written) != len(args.names):
        logger.error("unknown sample name among %s", args.names)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
