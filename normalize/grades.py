"""Evaluation grades (评价等次): as written, and their level.

``grade`` keeps the word the report used (优秀 / 优 / 良好 / 良 / 中 / 合格 / 差 / 不合格);
``grade_level`` is the comparable band: ``excellent``, ``good``, ``fair``, ``poor``.
"""

from __future__ import annotations

import re

from jixiao.normalize.text import clean_label

# Longest first inside each alternation so "不合格" is never read as "合格".
_GRADE_WORDS = "不合格|较差|优秀|良好|中等|合格|一般|优|良|中|差"
_LEVELS: dict[str, str] = {
    "优秀": "excellent",
    "优": "excellent",
    "良好": "good",
    "良": "good",
    "中等": "fair",
    "中": "fair",
    "合格": "fair",
    "一般": "fair",
    "较差": "poor",
    "差": "poor",
    "不合格": "poor",
}
_QUOTES = "“”\"'‘’「」『』《》"
_DECORATION = re.compile(
    rf"^[{_QUOTES}]*(?P<word>.+?)[{_QUOTES}]*(?:等次|等级|级|等)?[{_QUOTES}。.]*$"
)

# "评价等次为“中”", "自评等级为优", "绩效评价等级为“优秀”", "评价等级：良好",
# "综合评定为优秀", "评价结果为良", "对照评价为优". A list of bands ("等次分为优、良、中、差") is not a grade.
_NOT_A_LIST = r"(?![、,，/和及与][优良中差合不])"
_IN_PROSE = re.compile(
    rf"(?:(?:等次|等级|评定|评价结果|评价结论|自评结果|自评结论|评价)"
    rf"(?:为|是|评定为|确定为|[:：]|(?=[{_QUOTES}]))|评为)"
    rf"\s*[{_QUOTES}]?\s*(?P<grade>{_GRADE_WORDS})[{_QUOTES}]?"
    rf"(?:(?=等|级)|(?![\u4e00-\u9fff])){_NOT_A_LIST}"
)
_BEFORE_BAND = re.compile(
    rf"为\s*[{_QUOTES}]?(?P<grade>{_GRADE_WORDS})[{_QUOTES}]?(?:等次|等级|级)"
)


def grade_level(grade: str | None) -> str | None:
    """``优``/``优秀`` → ``excellent``, ``良``/``良好`` → ``good``,
    ``中``/``中等``/``合格``/``一般`` → ``fair``, ``差``/``较差``/``不合格`` → ``poor``."""
    if grade is None:
        return None
    found = _DECORATION.match(clean_label(grade))
    if found is None:
        return None
    return _LEVELS.get(found.group("word"))


def find_grade(text: str) -> str | None:
    """The grade a narrative states, as written, or ``None``.

    ``评价等次为“中”`` → ``中``; ``该项目自评等级为优，分数为99.98`` → ``优``.
    """
    compact = clean_label(text)
    for pattern in (_IN_PROSE, _BEFORE_BAND):
        found = pattern.search(compact)
        if found is not None:
            return found.group("grade")
    return None
