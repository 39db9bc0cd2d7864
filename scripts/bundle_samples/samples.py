"""The registry of bundle samples: which spec goes to which file(s), and its ground truth."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from scripts.bundle_samples import blocks as b
from scripts.bundle_samples import truth as t
from scripts.bundle_samples.forms import Form

HERE = Path(__file__).resolve().parent


@dataclass
class BundleSpec:
    """One sample spec and the files rendered from it.

    ``forms`` are the report units in order (their keys match the unit markers);
    ``extra_units`` supplies units that are not forms (a results notice's rows).
    ``after_units`` is the chapter heading that follows the last unit (to find where it
    ends in a PDF whose pagination LibreOffice decides).
    """

    key: str
    sample: b.Sample
    forms: tuple[Form, ...] = ()
    pdf_name: str | None = None
    docx_name: str | None = None
    keep_docx: bool = False
    lo_pdf_name: str | None = None
    after_units: str | None = None
    extra_units: Callable[[Path], list[t.Unit]] | None = None
    no_report: str | None = None
    notes: list[str] = field(default_factory=list)

    def units(self) -> list[t.Unit]:
        return [
            t.Unit(title=f.title, project_name=f.name, total_score=f.total_score)
            for f in self.forms
        ]

    def place_pdf(self, units: list[t.Unit], pages: dict[str, int], pdf: Path) -> list[t.Unit]:
        if self.extra_units is not None:
            return self.extra_units(pdf)
        return [
            t.Unit(
                **{
                    **u.__dict__,
                    "first_page": pages[f"start:{f.key}"],
                    "last_page": pages[f"end:{f.key}"],
                }
            )
            for u, f in zip(units, self.forms, strict=True)
        ]

    def place_docx(self, units: list[t.Unit], tables: dict[str, tuple[int, int]]) -> list[t.Unit]:
        out = []
        for u, f in zip(units, self.forms, strict=True):
            first, last = tables[f.key]
            out.append(t.Unit(**{**u.__dict__, "tables": tuple(range(first, last + 1))}))
        return out

    @property
    def toc_file(self) -> Path:
        return HERE / f"{self.key}_libreoffice_toc.json"

    def lo_toc(self) -> dict[str, int]:
        """Contents page numbers LibreOffice gave the DOCX (recorded by ``--libreoffice``)."""
        if self.toc_file.exists():
            return json.loads(self.toc_file.read_text(encoding="utf-8"))
        return {}


def _specs() -> list[BundleSpec]:
    from scripts.bundle_samples import hengyang_bundle as hy

    return [
        BundleSpec(
            key="hengyang_final_accounts",
            sample=hy.bundle("bundle_2022_hengyang_agri_final_accounts"),
            forms=hy.FORMS,
            pdf_name="bundle_2022_hengyang_agri_final_accounts_reportlab.pdf",
            docx_name="bundle_2022_hengyang_agri_final_accounts.docx",
            keep_docx=True,
            lo_pdf_name="bundle_2022_hengyang_agri_final_accounts_libreoffice.pdf",
            after_units="第五部分　名词解释",
        ),
    ]


SPECS = _specs()
