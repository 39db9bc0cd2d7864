"""The review web application (Starlette + Jinja2): list, report, source, corrections.

Read with :func:`create_app`; ``jixiao serve`` runs it under uvicorn. Every page is
rendered server-side with autoescaping on (document text is hostile input); the
small script in ``static/review.js`` only fetches a value's source into the panel.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from jixiao.load import Store
from jixiao.load.corrections import (
    list_corrections,
    record_correction,
    set_reviewed,
    withdraw,
)
from jixiao.load.field_values import parse_path
from jixiao.web import charts
from jixiao.web.config import WebConfig
from jixiao.web.failures import FailureMiddleware
from jixiao.web.report_list import (
    GRADE_LEVELS,
    ListQuery,
    filter_choices,
    has_coverage,
    list_reports,
)
from jixiao.web.report_view import LIST_COLUMNS, LIST_TITLES, ReportView, load_report, show
from jixiao.web.security import CSRF_FIELD, SecurityMiddleware, csrf_ok, csrf_token
from jixiao.web.sources import Sources

STATIC = Path(__file__).with_name("static")


def _captions() -> Any:
    from jixiao.export import caption

    return caption


class Review:
    """The application's state: the database, the source cache, the templates."""

    def __init__(self, config: WebConfig) -> None:
        self.config = config
        self.store = Store(config.url, create=False)
        self.engine = self.store.engine
        self.sources = Sources(self.engine, config.cache_dir)
        self.charts = charts.ChartCache()
        self._menus: tuple[tuple[object, ...], dict[str, list[Any]]] | None = None
        self.env = Environment(
            loader=PackageLoader("jixiao.web", "templates"),
            autoescape=select_autoescape(["html"], default=True),
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.env.filters["score"] = lambda value: show("score", value)
        self.env.globals.update(
            caption=_captions(),
            csrf_field=CSRF_FIELD,
            csrf=csrf_token(config.secret),
            user=config.user,
            list_titles=LIST_TITLES,
            list_columns=LIST_COLUMNS,
        )

    def render(self, name: str, status: int = 200, **context: Any) -> HTMLResponse:
        return HTMLResponse(self.env.get_template(name).render(**context), status_code=status)

    # -- pages ----------------------------------------------------------------------

    def reports(self, request: Request) -> Response:
        query = ListQuery.from_params(request.query_params)
        with self.engine.connect() as conn:
            page = list_reports(conn, query, self.config.page_size)
            choices = self._choices(conn)
        params = {k: v for k, v in request.query_params.items() if k != "page" and v}

        def link(**changes: Any) -> str:
            merged = {**params, **{k: v for k, v in changes.items()}}
            return "?" + urlencode({k: v for k, v in merged.items() if v not in (None, "")})

        return self.render(
            "list.html",
            page=page,
            query=query,
            choices=choices,
            grade_levels=GRADE_LEVELS,
            coverage=has_coverage(),
            link=link,
            params=params,
        )

    def _choices(self, conn: Any) -> dict[str, list[Any]]:
        """The filter menus, recomputed only when the data changed (a scan of reports)."""
        version = charts.data_version(conn)
        if self._menus is None or self._menus[0] != version:
            self._menus = (version, filter_choices(conn))
        return self._menus[1]

    def report(self, request: Request) -> Response:
        view = self._view(request)
        field = request.query_params.get("field")
        source = self._source(view, field) if field else None
        return self.render(
            "report.html",
            report=view,
            field=field,
            source=source,
            value=view.value(field) if field else None,
            error=request.query_params.get("error"),
        )

    def source(self, request: Request) -> Response:
        view = self._view(request)
        field = request.query_params.get("field") or ""
        return self.render(
            "source.html",
            report=view,
            field=field,
            source=self._source(view, field),
            value=view.value(field),
        )

    def _view(self, request: Request) -> ReportView:
        report_id = request.path_params["report_id"]
        with self.engine.connect() as conn:
            view = load_report(conn, report_id)
        if view is None:
            raise HTTPException(404, f"no report {report_id}")
        return view

    def _source(self, view: ReportView, field: str) -> Any:
        value = view.value(field)
        if value is None:
            return None
        prov = view.provenance.get(field)
        return self.sources.view(view.document_id, prov, value.text)

    def page_image(self, request: Request) -> Response:
        png = self.sources.page_png(request.path_params["document_id"], request.path_params["page"])
        if png is None:
            raise HTTPException(404, "no such page of a recorded, unchanged PDF")
        return FileResponse(png, media_type="image/png", headers={"Cache-Control": "max-age=3600"})

    # -- changes --------------------------------------------------------------------

    async def _form(self, request: Request) -> Any:
        form = await request.form()
        if not csrf_ok(request, self.config.secret, form.get(CSRF_FIELD)):  # type: ignore[arg-type]
            raise HTTPException(403, "the form's CSRF token is missing or wrong: reload the page")
        return form

    async def correct(self, request: Request) -> Response:
        form = await self._form(request)
        report_id = request.path_params["report_id"]
        field = str(form.get("field") or "")
        action = str(form.get("action") or "correct")
        try:
            parse_path(field)
            with self.engine.begin() as conn:
                record_correction(
                    conn,
                    report_id,
                    field,
                    action,
                    str(form.get("value") or ""),
                    note=str(form.get("note") or ""),
                    user=self.config.user,
                )
        except KeyError as exc:
            raise HTTPException(404, f"no report {report_id}") from exc
        except ValueError as exc:
            query = urlencode({"field": field, "error": str(exc)})
            return RedirectResponse(f"/reports/{report_id}?{query}#source", status_code=303)
        query = urlencode({"field": field})
        return RedirectResponse(f"/reports/{report_id}?{query}#source", status_code=303)

    async def review(self, request: Request) -> Response:
        form = await self._form(request)
        report_id = request.path_params["report_id"]
        try:
            with self.engine.begin() as conn:
                set_reviewed(conn, report_id, self.config.user, form.get("reviewed") == "yes")
        except KeyError as exc:
            raise HTTPException(404, f"no report {report_id}") from exc
        return RedirectResponse(f"/reports/{report_id}", status_code=303)

    def corrections(self, request: Request) -> Response:
        orphaned = request.query_params.get("orphaned") == "yes"
        with self.engine.connect() as conn:
            found = list_corrections(conn, orphaned_only=orphaned)
        return self.render("corrections.html", corrections=found, orphaned=orphaned)

    async def resolve(self, request: Request) -> Response:
        await self._form(request)
        with self.engine.begin() as conn:
            withdraw(conn, request.path_params["correction_id"])
        return RedirectResponse("/corrections?orphaned=yes", status_code=303)

    # -- summary --------------------------------------------------------------------

    def summary(self, request: Request) -> Response:
        with self.engine.connect() as conn:
            counts = charts.counts(conn)
        return self.render("summary.html", counts=counts, charts=charts.CHARTS)

    def chart(self, request: Request) -> Response:
        name = request.path_params["name"]
        if name not in charts.CHARTS:
            raise HTTPException(404, "no such chart")
        with self.engine.connect() as conn:
            png = self.charts.get(conn, name)
        return Response(png, media_type="image/png", headers={"Cache-Control": "no-store"})

    async def not_found(self, request: Request, exc: Exception) -> Response:
        status = getattr(exc, "status_code", 500)
        detail = getattr(exc, "detail", "error")
        return self.render("error.html", status=status, status_code=status, detail=detail)


def _closing(review: Review) -> Any:
    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        try:
            yield
        finally:
            review.store.close()

    return lifespan


def create_app(config: WebConfig) -> Starlette:
    review = Review(config)
    routes = [
        Route("/", lambda request: RedirectResponse("/reports", status_code=307)),
        Route("/reports", review.reports),
        Route("/reports/{report_id:int}", review.report),
        Route("/reports/{report_id:int}/source", review.source),
        Route("/reports/{report_id:int}/corrections", review.correct, methods=["POST"]),
        Route("/reports/{report_id:int}/review", review.review, methods=["POST"]),
        Route("/documents/{document_id:int}/pages/{page:int}.png", review.page_image),
        Route("/corrections", review.corrections),
        Route("/corrections/{correction_id:int}/resolve", review.resolve, methods=["POST"]),
        Route("/summary", review.summary),
        Route("/charts/{name:str}.png", review.chart),
        Mount("/static", StaticFiles(directory=STATIC), name="static"),
    ]
    app = Starlette(
        routes=routes,
        middleware=[
            Middleware(SecurityMiddleware, token=config.token),
            Middleware(FailureMiddleware),
        ],
        exception_handlers={HTTPException: review.not_found},
        lifespan=_closing(review),
    )
    app.state.review = review
    return app
