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


def _notice_units(pdf: Path) -> list[t.Unit]:
    """One unit per row of the results table, on the page that shows the row."""
    from scripts.bundle_samples import changde_notice as cd

    pages = t.page_lines(pdf)
    units = []
    for name, _dept, _amount, score, grade in cd.ROWS:
        page = next(i + 1 for i, lines in enumerate(pages) if any(name in line for line in lines))
        units.append(
            t.Unit(
                title=cd.TITLE,
                project_name=name,
                total_score=score,
                kind="evaluation_result",
                first_page=page,
                last_page=page,
                grade=grade,
            )
        )
    return units


def _specs() -> list[BundleSpec]:
    from scripts.bundle_samples import changde_notice as cd
    from scripts.bundle_samples import hengyang_bundle as hy
    from scripts.bundle_samples import negative_controls as neg
    from scripts.bundle_samples import zhuzhou_forms as zz

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
        BundleSpec(
            key="zhuzhou_forms",
            sample=zz.sample("bundle_2022_zhuzhou_eco_env_self_eval_forms"),
            forms=zz.FORMS,
            docx_name="bundle_2022_zhuzhou_eco_env_self_eval_forms.docx",
            keep_docx=True,
        ),
        BundleSpec(
            key="changde_notice",
            sample=cd.sample("bundle_2022_changde_evaluation_results_notice"),
            pdf_name="bundle_2022_changde_evaluation_results_notice_reportlab.pdf",
            extra_units=_notice_units,
        ),
        BundleSpec(
            key="xiangtan_budget",
            sample=neg.budget_publication("bundle_2023_xiangtan_water_budget_publication"),
            pdf_name="bundle_2023_xiangtan_water_budget_publication_reportlab.pdf",
            no_report="a budget publication: 8 budget tables, 2 项目支出绩效目标表 (targets only)",
        ),
        BundleSpec(
            key="xiangtan_forest_summary",
            sample=neg.summary_only_final_accounts(
                "bundle_2022_xiangtan_forestry_final_accounts_summary_only"
            ),
            pdf_name="bundle_2022_xiangtan_forestry_final_accounts_summary_only_reportlab.pdf",
            no_report="final accounts whose only performance content is a 项目名称/自评分数 summary",
        ),
    ]


SPECS = _specs()
