"""Where a value came from, ready to draw: a page image with a box, a table, a paragraph."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from markupsafe import Markup
from sqlalchemy import Engine

from jixiao.errors import DocumentError, InfrastructureError
from jixiao.web.documents import FileHashes, source_file
from jixiao.web.page_images import render_page
from jixiao.web.source_view import DocumentCache, find_table, paragraph_html, table_html

PAD = 2.0  # points around a value's box


@dataclass(frozen=True)
class SourceView:
    kind: str  # page | table | paragraph | none
    message: str | None = None
    image_url: str | None = None
    box: dict[str, float] | None = None  # left/top/width/height in percent of the page
    html: Markup | None = None
    where: str | None = None  # "page 4", "table 0, row 3, column 4"


def _describe(prov: dict[str, Any]) -> str:
    parts = []
    if prov.get("page") is not None:
        parts.append(f"page {prov['page']}")
    if prov.get("sheet"):
        parts.append(f"sheet {prov['sheet']}")
    if prov.get("table") is not None:
        parts.append(f"table {prov['table']}")
    if prov.get("row") is not None:
        parts.append(f"row {prov['row']}, column {prov.get('col')}")
    if prov.get("cell"):
        parts.append(f"cell {prov['cell']}")
    if prov.get("block") is not None and prov.get("table") is None:
        parts.append(f"paragraph {prov['block']}")
    if prov.get("via"):
        parts.append(f"via {prov['via']}")
    return ", ".join(parts)


class Sources:
    def __init__(self, engine: Engine, cache_dir: Path) -> None:
        self.engine = engine
        self.cache_dir = cache_dir
        self.hashes = FileHashes()
        self.documents = DocumentCache()

    def page_png(self, document_id: int, page: int) -> Path | None:
        """The cached PNG of a page of a recorded PDF whose file is unchanged."""
        found = source_file(self.engine, document_id, self.hashes)
        if found is None or (found.format or "").lower() != "pdf":
            return None
        image = render_page(self.cache_dir, found.sha256, found.path, page)
        return image.png if image is not None else None

    def view(self, document_id: int, prov: dict[str, Any] | None, phrase: str) -> SourceView:
        if not prov:
            return SourceView("none", "no source recorded for this value")
        where = _describe(prov)
        found = source_file(self.engine, document_id, self.hashes)
        if found is None:
            return SourceView(
                "none",
                "the source file is not where it was recorded, or its contents changed",
                where=where,
            )
        try:
            if (found.format or "").lower() == "pdf" and prov.get("page"):
                return self._page(found.sha256, found.path, prov, document_id, where)
            document = self.documents.get(found.sha256, found.path)
        except (DocumentError, InfrastructureError, OSError) as exc:
            return SourceView("none", f"cannot read the source: {exc}", where=where)
        if prov.get("table") is not None:
            table = find_table(document, int(prov["table"]))
            if table is not None:
                html = table_html(table, prov.get("row"), prov.get("col"))
                return SourceView("table", html=html, where=where)
        if prov.get("block") is not None:
            html = paragraph_html(document, int(prov["block"]), phrase or None)
            if html is not None:
                return SourceView("paragraph", html=html, where=where)
        return SourceView("none", "the recorded place is not in the document", where=where)

    def _page(
        self, sha256: str, path: Path, prov: dict[str, Any], document_id: int, where: str
    ) -> SourceView:
        page = int(prov["page"])
        image = render_page(self.cache_dir, sha256, path, page)
        if image is None:
            return SourceView("none", f"the document has no page {page}", where=where)
        box = None
        bbox = prov.get("bbox")
        if isinstance(bbox, (list, tuple)) and len(bbox) == 4 and image.width and image.height:
            x0, top, x1, bottom = (float(v) for v in bbox)
            box = {
                "left": max(0.0, (x0 - PAD) / image.width * 100),
                "top": max(0.0, (top - PAD) / image.height * 100),
                "width": (x1 - x0 + 2 * PAD) / image.width * 100,
                "height": (bottom - top + 2 * PAD) / image.height * 100,
            }
        return SourceView(
            "page",
            image_url=f"/documents/{document_id}/pages/{page}.png",
            box=box,
            where=where,
        )
