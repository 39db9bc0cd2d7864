"""Report facts read from running text: title, kind, region, year, score, grade, signature.

These are the fields a narrative states rather than a form: ``绩效自评得分92分，绩效评价
等级为“优秀”``, ``综合评分为 77.48 分``, ``分数为99.98``, a title ``2020年度…绩效自评报告``,
the signing body and date at the end of a third-party report. Every reader here is
fail-closed: when the text offers two different answers it returns none.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from jixiao.extract.model import Block, Heading, Paragraph, Provenance, Table
from jixiao.normalize.dates import parse_date, strip_time
from jixiao.normalize.grades import find_grade
from jixiao.normalize.text import clean_label, clean_name

_TITLE_END = re.compile(
    r"(报告|自评表|评价表|信息表|报告书|评价报告)(（[^）]*）)?(?:的?(?:公开|公示|公告))?$"
)
_TITLE_SCAN_BLOCKS = 15
_CLOSING_LINES = 8  # lines before an attached table searched for a sign-off
_MAX_TITLE = 60
_YEAR_PREFIX = re.compile(r"^[（(]?\s*(\d{4})\s*年度?[）)]?")
_FISCAL_YEAR_IN_TEXT = re.compile(r"(?<!\d)(\d{4})\s*年度")
# One place name: 2–8 Han characters ending in an administrative suffix; a region is
# the chain of them as written (湖南省岳阳市, 绵阳市游仙区).
_PLACE = r"[\u4e00-\u9fff]{2,8}?(?:省|自治区|市|自治州|州|盟|地区|县|区|旗)"
_REGION = re.compile(rf"((?:{_PLACE})+)")
_NOT_REGION_START = tuple("本全各该市县区省级")
_NOT_REGION_PARTS = ("级", "财政", "政府", "部门", "单位", "项目")
_SCORE = re.compile(
    r"(?:综合得分|自评得分|综合评分|评价得分|总得分|最终得分|绩效得分|分数|总分|得分)"
    r"\s*(?:为|是|[:：])?\s*(\d{1,3}(?:\.\d{1,2})?)\s*分?"
)
_SCORE_QUALIFIED = re.compile(r"综合|自评|总|最终|分数|评价得分|绩效得分|平均|整体")
_OVERALL = re.compile(r"平均|整体|总体|全部项目")
_OVERALL_GRADE = re.compile(
    r"(?:整体|总体|综合)(?:评价)?等[级次](?:为|是|[:：])?[“\"「『]?(优秀|优|良好|良|中等|中|合格|不合格|较差|差)"
)
_SIGNER_END = re.compile(r"(局|厅|委员会|委|办公室|中心|公司|事务所|研究院|院|评价组|小组)$")
_TITLE_PROJECT_SUFFIX = re.compile(
    r"(项目支出|财政支出|整体支出)?(项目)?绩效(自评|评价)(基础信息表|报告|自评表|评价表|表)?"
    r"(?:的?(?:公开|公示|公告))?$"
)
# ``（——肃州区农村饮水安全巩固提升工程）``: a subtitle naming the project.
_SUBTITLE = re.compile(r"^[（(]\s*[—－\-–]*\s*(?P<name>[^（）()]{4,40}?)\s*[)）]$")
_UNIT_PREFIX = re.compile(r"^(?P<unit>.{3,30}?)(?:\d{4})年")
_GENERIC_PROJECT = ("财政支出项目", "项目支出", "市级", "县级", "省级")


@dataclass(frozen=True)
class Found:
    value: object
    provenance: Provenance


def text_blocks(blocks: Sequence[Block]) -> list[Heading | Paragraph]:
    return [b for b in blocks if isinstance(b, (Heading, Paragraph))]


def texts_with_provenance(blocks: Sequence[Block]) -> list[tuple[str, Provenance]]:
    """Paragraph texts and table cell texts, in document order."""
    out: list[tuple[str, Provenance]] = []
    for block in blocks:
        if isinstance(block, Table):
            out.extend((cell.text, cell.provenance) for cell in block.cells)
        else:
            out.append((block.text, block.provenance))
    return out


def find_title(blocks: Sequence[Block]) -> Found | None:
    """The first short heading/paragraph near the top that names a report or form."""
    for block in list(blocks)[:_TITLE_SCAN_BLOCKS]:
        if isinstance(block, Table):
            continue
        text = clean_name(block.text)
        if 4 <= len(text) <= _MAX_TITLE and _TITLE_END.search(text) and "：" not in text:
            return Found(text, block.provenance)
    return None


def report_kind(titles: Sequence[str]) -> str | None:
    """self_evaluation / evaluation / basic_info from the document's titles."""
    joined = " ".join(titles)
    if "自评报告" in joined or "自评表" in joined and "基础信息表" not in joined:
        return "self_evaluation"
    if "评价报告" in joined or "重点评价" in joined:
        return "evaluation"
    if "基础信息表" in joined:
        return "basic_info"
    if "自评" in joined:
        return "self_evaluation"
    return None


def all_titles(blocks: Sequence[Block]) -> list[str]:
    """Every title-like line (a form may hold a 基础信息表 and a 自评报告)."""
    out: list[str] = []
    for block in text_blocks(blocks):
        text = clean_name(block.text)
        if 4 <= len(text) <= _MAX_TITLE and _TITLE_END.search(text):
            out.append(text)
    return out


_YEAR_IN_TITLE = re.compile(r"(?<!\d)(\d{4})\s*年(?:度)?(?!\s*\d{1,2}\s*月)")


def year_of_title(title: str) -> int | None:
    """The budget year a title names (``2020年度…``, ``平江县2021年…工程``), not a date."""
    found = _YEAR_PREFIX.search(title) or _YEAR_IN_TITLE.search(title)
    if found is None:
        return None
    year = int(found.group(1))
    return year if 1990 <= year <= 2100 else None


def most_common_fiscal_year(text: str) -> int | None:
    """The ``YYYY年度`` named most often, when one year clearly leads."""
    years = Counter(int(y) for y in _FISCAL_YEAR_IN_TEXT.findall(text) if 1990 <= int(y) <= 2100)
    if not years:
        return None
    (best, count), *rest = years.most_common(2) + [(0, 0)]
    return best if count > rest[0][1] else None


def region_of(*texts: str | None) -> str | None:
    """The first place name (…省/市/县/区/州) in the texts, as written."""
    for text in texts:
        if not text:
            continue
        body = _YEAR_PREFIX.sub("", clean_label(text))
        for found in _REGION.finditer(body):
            name = _place_chain(found.group(1))
            if not name or name.startswith(_NOT_REGION_START):
                continue
            if any(p in name for p in _NOT_REGION_PARTS):
                continue
            return name
    return None


_NOT_A_PLACE = ("城市", "都市", "超市", "门市", "开发区", "园区")


def _place_chain(chain: str) -> str:
    """The chain up to the first component that is a word, not a place (智慧城市)."""
    kept = ""
    for part in re.findall(_PLACE, chain):
        if part.endswith(_NOT_A_PLACE):
            break
        kept += part
    return kept


def project_from_title(title: str) -> str | None:
    """A department-wide report's programme name: the title minus year and form words."""
    body = _YEAR_PREFIX.sub("", clean_label(title))
    name = _TITLE_PROJECT_SUFFIX.sub("", body)
    if not name or name == body or len(name) < 4 or any(g in name for g in _GENERIC_PROJECT):
        return None
    if name.endswith(("部门", "单位", "部门整体")):
        return None  # a department-wide report: 某市2019年度部门整体支出…
    return name


def subtitle_project(blocks: Sequence[Block], title: str) -> Found | None:
    """The project a bracketed subtitle right under the title names."""
    texts = [b for b in text_blocks(blocks) if b.text.strip()]
    for i, block in enumerate(texts[:-1]):
        if clean_name(block.text) != title:
            continue
        found = _SUBTITLE.match(clean_name(texts[i + 1].text))
        if found is None or re.search(r"\d{4}\s*年", found.group("name")):
            return None  # （2021年度）: the year, not a project
        return Found(found.group("name"), texts[i + 1].provenance)
    return None


def unit_from_title(title: str) -> str | None:
    """``酒泉市水务局2021年度…报告`` → ``酒泉市水务局``: a unit written before the year."""
    found = _UNIT_PREFIX.match(clean_label(title))
    if found is None or not _SIGNER_END.search(found.group("unit")):
        return None
    return found.group("unit")


def prose_score(blocks: Sequence[Block]) -> Found | None:
    """A total score stated in prose; None when prose states two different ones."""
    found: list[Found] = []
    overall_found: list[Found] = []
    for text, provenance in texts_with_provenance(blocks):
        for match in _SCORE.finditer(text):
            window = text[max(0, match.start() - 4) : match.end()]
            if not _SCORE_QUALIFIED.search(window):
                continue
            value = Decimal(match.group(1))
            if value <= 100:
                found.append(Found(value, provenance))
                # Several projects' scores and one overall: 平均得分85.1分 / 整体得分…
                if _OVERALL.search(text[max(0, match.start() - 4) : match.end()]):
                    overall_found.append(found[-1])
    if len({f.value for f in found}) == 1:
        return found[0]
    return overall_found[0] if len({f.value for f in overall_found}) == 1 else None


def prose_grade(blocks: Sequence[Block]) -> Found | None:
    """The grade stated in prose; with several (one per project), the overall one."""
    found: list[Found] = []
    overall: list[Found] = []
    for text, provenance in texts_with_provenance(blocks):
        grade = find_grade(text)
        if grade:
            found.append(Found(grade, provenance))
        match = _OVERALL_GRADE.search(clean_label(text))
        if match:
            overall.append(Found(match.group(1), provenance))
    if len({f.value for f in found}) == 1:
        return found[0]
    return overall[0] if len({f.value for f in overall}) == 1 else None


def signature(blocks: Sequence[Block]) -> tuple[Found | None, Found | None]:
    """(signing body, date) from the lines that close a part of the document:
    ``长沙市财政局`` / ``2018 年 8 月 10 日``.

    The document's last lines first; then the lines before each attached table, last
    first (a report signed and dated above the 自评表 attached to it).
    """
    for window in _closing_windows(blocks):
        for i in range(len(window) - 1, -1, -1):
            date_text = clean_label(strip_time(window[i].text))
            date = parse_date(date_text)
            if date is None or len(date_text) > 14:
                continue
            body = None
            if i > 0:
                signer = clean_name(window[i - 1].text)
                body = Found(signer, window[i - 1].provenance) if _is_signer(signer) else None
            if i == 0 and body is None:
                continue  # a date with nothing before it in the window: not a sign-off
            return body, Found(date, window[i].provenance)
    return None, None


def _closing_windows(blocks: Sequence[Block]) -> list[list[Heading | Paragraph]]:
    windows: list[list[Heading | Paragraph]] = []
    tail = [b for b in text_blocks(blocks) if b.text.strip()][-4:]
    windows.append(tail)
    run: list[Heading | Paragraph] = []
    before_tables: list[list[Heading | Paragraph]] = []
    for block in blocks:
        if isinstance(block, Table):
            if run:
                before_tables.append(run[-_CLOSING_LINES:])
            run = []
        elif block.text.strip():
            run.append(block)
    windows.extend(reversed(before_tables))
    return windows


def _is_signer(text: str) -> bool:
    return 3 <= len(text) <= 30 and bool(_SIGNER_END.search(text)) and "：" not in text
