"""The summary page's charts, drawn server-side with matplotlib (PNG, Agg backend).

Execution-rate distribution, scores by year and region, checks by rule — each from
one aggregate query over the views, so a chart of 100,000 reports costs one scan.
"""

from __future__ import annotations

import io
import threading
from collections import defaultdict
from typing import Any

from sqlalchemy import Connection, text

CHARTS = {
    "execution": "执行率分布 Execution rate",
    "scores": "得分（按年度、地区）Scores by year and region",
    "checks": "核查问题（按规则）Checks by rule",
}
_LOCK = threading.Lock()  # matplotlib's rcParams are global
_CJK_FONTS = ("Noto Sans CJK SC", "Noto Sans CJK JP", "Noto Serif CJK SC", "WenQuanYi Zen Hei")
_MAX_REGIONS = 8


def data_version(conn: Connection) -> tuple[object, ...]:
    """Changes whenever a chart's data may have: a load, a re-parse, a correction."""
    row = conn.execute(
        text(
            "SELECT (SELECT COUNT(*) FROM reports), (SELECT MAX(id) FROM reports),"
            " (SELECT MAX(last_seen) FROM documents),"
            " (SELECT COUNT(*) FROM corrections), (SELECT MAX(id) FROM corrections)"
        )
    ).one()
    return tuple(str(v) for v in row)


class ChartCache:
    """Rendered charts, kept while :func:`data_version` stays the same."""

    def __init__(self) -> None:
        self._charts: dict[str, tuple[tuple[object, ...], bytes]] = {}
        self._lock = threading.Lock()

    def get(self, conn: Connection, name: str) -> bytes:
        version = data_version(conn)
        with self._lock:
            known = self._charts.get(name)
        if known is not None and known[0] == version:
            return known[1]
        png = render(conn, name)
        with self._lock:
            self._charts[name] = (version, png)
        return png


def counts(conn: Connection) -> dict[str, int]:
    one = lambda sql: int(conn.execute(text(sql)).scalar() or 0)  # noqa: E731
    return {
        "reports": one("SELECT COUNT(*) FROM reports"),
        "reviewed": one(
            "SELECT COUNT(*) FROM reviews v WHERE EXISTS (SELECT 1 FROM documents d"
            " JOIN reports r ON r.document_id = d.id WHERE d.sha256 = v.sha256)"
        ),
        "corrections": one("SELECT COUNT(*) FROM corrections WHERE status = 'active'"),
        "orphaned": one("SELECT COUNT(*) FROM corrections WHERE status = 'orphaned'"),
        "checks": one("SELECT COUNT(*) FROM checks"),
    }


def _figure_class() -> Any:
    """matplotlib's Figure (no pyplot: no global state, a faster import), CJK fonts set."""
    import matplotlib
    from matplotlib import font_manager
    from matplotlib.figure import Figure

    names = {f.name for f in font_manager.fontManager.ttflist}
    chosen = [name for name in _CJK_FONTS if name in names]
    matplotlib.rcParams["font.sans-serif"] = [*chosen, "DejaVu Sans"]
    matplotlib.rcParams["axes.unicode_minus"] = False
    return Figure


def _execution(conn: Connection, ax: Any) -> None:
    rates = [
        float(r)
        for (r,) in conn.execute(
            text("SELECT execution_rate FROM v_report_summary WHERE execution_rate IS NOT NULL")
        )
    ]
    clipped = [min(max(r, 0.0), 1.5) * 100 for r in rates]
    ax.hist(clipped, bins=30, range=(0, 150), color="#3a7bd5", edgecolor="white")
    ax.axvline(90, color="#d9534f", linestyle="--", linewidth=1)
    ax.set_xlabel("执行率 % (execution rate; 90% dashed)")
    ax.set_ylabel("报告数 reports")
    ax.set_title(f"{CHARTS['execution']} (n={len(rates)})")


def _scores(conn: Connection, ax: Any) -> None:
    rows = conn.execute(
        text(
            "SELECT fiscal_year, region, AVG(total_score * 1.0), COUNT(*) FROM reports "
            "WHERE total_score IS NOT NULL AND fiscal_year IS NOT NULL "
            "GROUP BY fiscal_year, region"
        )
    ).all()
    sizes: dict[str, int] = defaultdict(int)
    for _, region, _, n in rows:
        sizes[region or "?"] += int(n)
    shown = sorted(sizes, key=lambda r: -sizes[r])[:_MAX_REGIONS]
    for region in shown:
        points = sorted((int(y), float(avg)) for y, r, avg, _ in rows if (r or "?") == region)
        ax.plot([p[0] for p in points], [p[1] for p in points], marker="o", label=region)
    ax.set_xlabel("评价年度 fiscal year")
    ax.set_ylabel("平均得分 mean score")
    ax.set_title(CHARTS["scores"])
    if shown:
        ax.legend(fontsize=8)
    ax.xaxis.get_major_locator().set_params(integer=True)


def _checks(conn: Connection, ax: Any) -> None:
    rows = conn.execute(
        text("SELECT rule, severity, SUM(checks) FROM v_checks_by_rule GROUP BY rule, severity")
    ).all()
    totals: dict[str, dict[str, int]] = defaultdict(dict)
    for rule, severity, n in rows:
        totals[rule][severity] = int(n)
    rules = sorted(totals, key=lambda r: sum(totals[r].values()))[-20:]
    left = [0] * len(rules)
    for severity, colour in (("error", "#d9534f"), ("warning", "#f0ad4e"), ("info", "#5bc0de")):
        widths = [totals[r].get(severity, 0) for r in rules]
        ax.barh(rules, widths, left=left, color=colour, label=severity)
        left = [a + b for a, b in zip(left, widths, strict=True)]
    ax.set_xlabel("核查问题数 checks")
    ax.set_title(CHARTS["checks"])
    if rules:
        ax.legend(fontsize=8)


_DRAW = {"execution": _execution, "scores": _scores, "checks": _checks}


def render(conn: Connection, name: str) -> bytes:
    """The PNG of chart ``name`` (one of :data:`CHARTS`)."""
    with _LOCK:  # rcParams are global; a figure is not shared between threads
        figure = _figure_class()(figsize=(8, 4.5 if name != "checks" else 6), dpi=100)
        ax = figure.subplots()
        _DRAW[name](conn, ax)
        figure.tight_layout()
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png")
    return buffer.getvalue()
