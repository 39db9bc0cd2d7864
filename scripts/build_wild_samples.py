"""Build the ``samples/wild_*.docx`` files: forms from other provinces and eras.

Run from the repository root: ``python scripts/build_wild_samples.py [OUT_DIR]``
(default ``samples/``). Each builder writes deterministic bytes, so rebuilding leaves
the committed files unchanged unless a builder changed.
"""

from __future__ import annotations

import importlib
import logging
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]

WILD_MODULES: tuple[str, ...] = (
    "wild_sichuan_2021",
    "wild_hubei_2020",
    "wild_weight_first_2021",
    "wild_key_indicators_2022",
    "wild_department_overall_2021",
    "wild_yuan_units_2020",
    "wild_third_party_multi_2019",
    "wild_older_form_2014",
    "wild_r2_guangxi_2022",
    "wild_r2_gansu_2021",
    "wild_r2_anhui_2022",
)

logger = logging.getLogger(__name__)


def load_builders() -> list[ModuleType]:
    """Import every ``scripts.samples.wild_*`` builder module listed in ``WILD_MODULES``."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    return [importlib.import_module(f"scripts.samples.{name}") for name in WILD_MODULES]


def build_all(out_dir: Path) -> list[Path]:
    """Write every wild sample into ``out_dir``; return the paths written."""
    written: list[Path] = []
    for module in load_builders():
        path = out_dir / module.FILE_NAME
        module.build(path)
        logger.info("wrote %s (%d bytes)", path, path.stat().st_size)
        written.append(path)
    return written


def main(argv: list[str]) -> int:
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    out_dir = Path(argv[0]) if argv else ROOT / "samples"
    build_all(out_dir)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
