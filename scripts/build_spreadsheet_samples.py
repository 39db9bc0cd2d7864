"""Build the spreadsheet samples (XLSX, and an .xls LibreOffice makes of one of them).

The forms are specs (scripts/samples/spreadsheet_forms.py) filled with the facts below;
every figure a form shows is computed from these inputs. The XLSX files are
deterministic (``make samples`` rebuilds them); the .xls is made by LibreOffice
(``soffice --headless --convert-to xls``) and stamped by it, so it is rebuilt only on
request (``--xls``), when its XLSX's content changed.

    .venv/bin/python scripts/build_spreadsheet_samples.py [--out DIR] [--xls]
"""

from __future__ import annotations

import argparse
import dataclasses
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from scripts.samples.docx_kit import LEFT  # noqa: E402
from scripts.samples.spreadsheet_forms import (  # noqa: E402
    DepartmentFacts,
    Indicator,
    ProjectFacts,
    department_form,
    project_form,
)
from scripts.samples.xlsx_kit import SheetSpec, write_workbook  # noqa: E402

SMART_WATER = ProjectFacts(
    year=2022,
    project="智慧水务平台运维项目",
    department="常德市水利局",
    unit="常德市水利信息中心",
    funds=(
        ("年度资金总额", "180.00", "196.40", "189.23"),
        ("其中：当年财政拨款", "180.00", "180.00", "174.53"),
        ("上年结转资金", "", "16.40", "14.70"),
        ("其他资金", "", "", ""),
    ),
    expected="保障智慧水务平台全年稳定运行，平台可用率不低于99%；完成全市120个监测站点数据接入；"
    "水情信息发布及时率不低于95%；运维成本控制在200万元以内。",
    actual="平台全年稳定运行，可用率99.6%；完成126个监测站点数据接入；水情信息发布及时率93.2%，"
    "未达到年度目标；运维实际支出189.23万元。",
    indicators=(
        Indicator(
            "产出指标（50分）", "数量指标", "监测站点数据接入数", "≥120个", "126个", "15", "15"
        ),
        Indicator("产出指标（50分）", "质量指标", "平台可用率", "≥99%", "99.6%", "15", "15"),
        Indicator(
            "产出指标（50分）",
            "时效指标",
            "水情信息发布及时率",
            "≥95%",
            "93.2%",
            "10",
            "8",
            "汛期部分站点通信中断，信息发布延迟；已增设卫星备份链路。",
        ),
        Indicator("产出指标（50分）", "成本指标", "运维成本", "≤200万元", "189.23万元", "10", "10"),
        Indicator(
            "效益指标（30分）",
            "社会效益指标",
            "防汛预警信息覆盖乡镇数",
            "≥90个",
            "94个",
            "15",
            "15",
        ),
        Indicator(
            "效益指标（30分）", "可持续影响指标", "平台运维管理制度", "健全", "已健全", "15", "15"
        ),
        Indicator(
            "满意度指标（10分）",
            "服务对象满意度指标",
            "基层水利站使用满意度",
            "≥90%",
            "95%",
            "10",
            "10",
        ),
    ),
    grade="优",
    sheet="项目自评表",
)


def _xiangtan(project: str, unit: str, sheet: str, money: tuple[str, str, str], **kw: object):
    planned, budget, spent = money
    return ProjectFacts(
        year=2022,
        project=project,
        department="湘潭市数据资源管理局",
        unit=unit,
        funds=(
            ("年度资金总额", planned, budget, spent),
            ("其中：当年财政拨款", planned, budget, spent),
            ("上年结转资金", "", "", ""),
            ("其他资金", "", "", ""),
        ),
        sheet=sheet,
        **kw,  # type: ignore[arg-type]
    )


THREE_PROJECTS = (
    _xiangtan(
        "政务云资源租赁项目",
        "湘潭市大数据中心",
        "政务云",
        ("850.00", "850.00", "836.50"),
        expected="为全市62家单位提供政务云计算、存储资源，资源可用率不低于99.9%。",
        actual="为65家单位提供政务云资源，可用率99.95%，全年无重大安全事件。",
        indicators=(
            Indicator("产出指标（50分）", "数量指标", "服务单位数", "≥62家", "65家", "20", "20"),
            Indicator(
                "产出指标（50分）", "质量指标", "云资源可用率", "≥99.9%", "99.95%", "20", "20"
            ),
            Indicator(
                "产出指标（50分）",
                "时效指标",
                "资源开通时限",
                "≤3个工作日",
                "2个工作日",
                "10",
                "10",
            ),
            Indicator(
                "效益指标（30分）",
                "社会效益指标",
                "节约单位自建机房投入",
                "有效节约",
                "有效节约",
                "30",
                "30",
            ),
            Indicator(
                "满意度指标（10分）",
                "服务对象满意度指标",
                "用云单位满意度",
                "≥90%",
                "96%",
                "10",
                "10",
            ),
        ),
        grade="优",
    ),
    _xiangtan(
        "12345政务服务便民热线运行项目",
        "湘潭市12345政务服务便民热线中心",
        "12345热线",
        ("320.00", "338.00", "301.82"),
        expected="热线全年7×24小时运行，接通率不低于95%，按时办结率不低于98%。",
        actual="热线全年运行，接通率96.8%，按时办结率97.1%，群众满意率92.4%。",
        indicators=(
            Indicator(
                "产出指标（50分）", "数量指标", "受理来电量", "≥60万件", "68.2万件", "20", "20"
            ),
            Indicator("产出指标（50分）", "质量指标", "电话接通率", "≥95%", "96.8%", "15", "15"),
            Indicator(
                "产出指标（50分）",
                "时效指标",
                "按时办结率",
                "≥98%",
                "97.1%",
                "15",
                "13",
                "疫情期间诉求量激增，部分工单超期；已优化派单流程。",
            ),
            Indicator(
                "效益指标（30分）", "社会效益指标", "群众诉求解决率", "≥90%", "91.5%", "30", "30"
            ),
            Indicator(
                "满意度指标（10分）",
                "服务对象满意度指标",
                "来电群众满意率",
                "≥90%",
                "92.4%",
                "10",
                "10",
            ),
        ),
        grade="优",
    ),
    _xiangtan(
        "电子证照库建设项目",
        "湘潭市大数据中心",
        "电子证照",
        ("260.00", "260.00", "198.40"),
        expected="完成电子证照库建设，归集证照类型不少于150类，年内上线运行。",
        actual="归集证照类型132类，系统于12月上线试运行，部分合同款项未到支付节点。",
        indicators=(
            Indicator(
                "产出指标（50分）",
                "数量指标",
                "归集证照类型",
                "≥150类",
                "132类",
                "20",
                "16",
                "部分部门证照数据标准不统一，尚未归集；2023年一季度完成。",
            ),
            Indicator(
                "产出指标（50分）", "质量指标", "证照数据准确率", "≥99%", "99.2%", "15", "15"
            ),
            Indicator(
                "产出指标（50分）",
                "时效指标",
                "系统上线时间",
                "2022年10月",
                "2022年12月",
                "15",
                "10",
                "招标延期。",
            ),
            Indicator(
                "效益指标（30分）",
                "社会效益指标",
                "减少群众提交纸质材料",
                "明显减少",
                "有所减少",
                "30",
                "24",
            ),
            Indicator(
                "满意度指标（10分）",
                "服务对象满意度指标",
                "使用部门满意度",
                "≥85%",
                "88%",
                "10",
                "10",
            ),
        ),
        grade="良",
    ),
)

NATURAL_RESOURCES = DepartmentFacts(
    year=2022,
    department="株洲市自然资源和规划局",
    central=("1250.00", "180.50", "1389.27"),
    provincial=("860.00", "-42.00", "790.66"),
    local=("5436.80", "612.35", "5880.14"),
    other=("320.00", "0.00", "251.60"),
    expected="保障机关正常运转，完成国土空间总体规划编制、自然资源确权登记、耕地保护督察及"
    "地质灾害防治等重点工作，年度预算执行率不低于95%。",
    actual="机关运转正常，国土空间总体规划成果通过省级审查，完成确权登记单元1260个，"
    "处置地质灾害隐患点38处；预算执行率96.45%。",
    indicators=(
        Indicator(
            "产出指标（50分）", "数量指标", "自然资源确权登记单元", "≥1200个", "1260个", "15", "15"
        ),
        Indicator(
            "产出指标（50分）", "数量指标", "地质灾害隐患点处置", "≥35处", "38处", "10", "10"
        ),
        Indicator("产出指标（50分）", "质量指标", "规划成果通过审查率", "100%", "100%", "15", "15"),
        Indicator("产出指标（50分）", "时效指标", "重点工作按期完成率", "≥95%", "96%", "10", "10"),
        Indicator(
            "效益指标（30分）", "社会效益指标", "耕地保有量", "≥省下达任务", "完成", "15", "15"
        ),
        Indicator(
            "效益指标（30分）",
            "生态效益指标",
            "历史遗留矿山生态修复面积",
            "≥120公顷",
            "108公顷",
            "15",
            "12",
            "部分项目受雨季影响延期。",
        ),
        Indicator(
            "满意度指标（10分）", "服务对象满意度指标", "服务对象满意度", "≥90%", "93%", "10", "10"
        ),
    ),
    grade="优",
)


def _smart_water_sheet() -> SheetSpec:
    spec = project_form(SMART_WATER, first_col=2)
    helper = ["填表辅助：执行率=全年执行数÷全年预算数（打印时隐藏）", *(LEFT,) * 8]
    rows = [*spec.rows, helper]
    return dataclasses.replace(spec, rows=rows, hidden_rows=(len(rows) - 1,))


# output name → sheets
WORKBOOKS: dict[str, tuple[SheetSpec, ...]] = {
    "xlsx_2022_changde_smart_water_national_form.xlsx": (_smart_water_sheet(),),
    "xlsx_2022_zhuzhou_natural_resources_department_overall.xlsx": (
        department_form(NATURAL_RESOURCES),
    ),
    "xlsx_2022_xiangtan_three_project_sheets.xlsx": tuple(project_form(p) for p in THREE_PROJECTS),
}
# (XLSX sample, .xls made from it by LibreOffice)
XLS_CONVERSIONS = (
    (
        "xlsx_2022_changde_smart_water_national_form.xlsx",
        "xlsx_2022_changde_smart_water_national_form.xls",
    ),
)


def to_xls(source: Path, target: Path) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        sys.exit("LibreOffice is needed: apt-get install libreoffice-calc-nogui")
    with tempfile.TemporaryDirectory(prefix="jixiao-xls-") as tmp:
        profile, out = Path(tmp) / "profile", Path(tmp) / "out"
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation={profile.as_uri()}",
                "--headless",
                "--convert-to",
                "xls",
                "--outdir",
                str(out),
                str(source),
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )
        shutil.move(out / f"{source.stem}.xls", target)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "samples")
    parser.add_argument("--xls", action="store_true", help="also remake the .xls (LibreOffice)")
    args = parser.parse_args(argv)
    for name, sheets in WORKBOOKS.items():
        write_workbook(args.out / name, sheets)
        print(f"wrote {args.out / name}")
    if args.xls:
        for source, target in XLS_CONVERSIONS:
            to_xls(args.out / source, args.out / target)
            print(f"wrote {args.out / target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
