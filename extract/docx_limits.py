"""Size checks on a DOCX body, made before it is walked.

The DOCX reader recurses into nested tables and content wrappers and lays each table
out on a grid as wide as its merged cells say. A hostile body — 600 tables nested in
one another, a ``gridSpan`` of a billion, a table of millions of cells — would end in
a ``RecursionError``, a grid of gigabytes, or hours of work. These checks count with
XPath (in C, no recursion in Python) and refuse such a body with a reason.
"""

from __future__ import annotations

from lxml import etree

from jixiao.extract.limits import check_cells, check_depth, limits

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_NS = {"w": W_NS}
_SPAN_ATTRS = ("gridSpan", "gridBefore", "gridAfter")


def _int(value: str) -> int:
    try:
        return max(int(value), 1)
    except ValueError:
        return 1


def check_docx_size(body: etree._Element) -> None:
    """Raise :class:`~jixiao.errors.OverLimitError` when ``body`` is over a limit."""
    current = limits()
    deep_table = body.xpath(
        f"boolean(.//w:tbl[count(ancestor::w:tbl) >= {current.max_depth}])", namespaces=_NS
    )
    deep_element = body.xpath(_nested_path(body, current.max_xml_depth))
    if deep_table or deep_element:
        tables = max_table_depth(body) if deep_table else 0
        elements = current.max_xml_depth + 1 if deep_element and not deep_table else 0
        check_depth(tables, elements)
    cells = int(body.xpath("count(.//w:tc)", namespaces=_NS))
    widest = 0
    extra = 0
    for name in _SPAN_ATTRS:
        for value in body.xpath(f".//w:{name}/@w:val", namespaces=_NS):
            span = _int(value)
            widest = max(widest, span)
            extra += span - 1
    check_cells(cells + extra, widest)


def _nested_path(body: etree._Element, depth: int) -> str:
    """XPath: is an element below ``body`` ``depth`` or more elements deep in its part?

    The same as ``.//*[count(ancestor::*) >= depth]``, as a fixed chain of child steps
    (``./*/*/…``): the ancestor count costs a walk up from every element.
    """
    above = sum(1 for _ in body.iterancestors())  # w:document above w:body
    steps = max(depth - above, 1)
    return "boolean(./" + "/".join(["*"] * steps) + ")"


def max_table_depth(body: etree._Element) -> int:
    """How deep tables nest (1: no table inside a table)."""
    deepest = 0
    for tbl in body.iter(f"{{{W_NS}}}tbl"):
        deepest = max(deepest, 1 + sum(1 for a in tbl.iterancestors(f"{{{W_NS}}}tbl")))
    return deepest
