"""No traceback reaches a reviewer: a failing request gets one line, in the page and the log."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from sqlalchemy import exc as sa_exc
from starlette.middleware.base import BaseHTTPMiddleware
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response

from jixiao.errors import InfrastructureError

log = logging.getLogger("jixiao.web")


def _one_line(exc: BaseException) -> str:
    detail = str(getattr(exc, "orig", None) or exc).strip().splitlines()
    return f"{type(exc).__name__}: {detail[0] if detail else ''}"[:500]


class FailureMiddleware(BaseHTTPMiddleware):
    async def dispatch(
        self, request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        try:
            return await call_next(request)
        except (InfrastructureError, sa_exc.OperationalError, sa_exc.InterfaceError) as exc:
            line = _one_line(exc)
            log.error("%s %s: database unavailable: %s", request.method, request.url.path, line)
            return PlainTextResponse(f"jixiao: database unavailable: {line}", status_code=503)
        except Exception as exc:  # a bug: this request fails, the server goes on
            line = _one_line(exc)
            log.error("%s %s: internal error: %s", request.method, request.url.path, line)
            return PlainTextResponse(f"jixiao: internal error: {line}", status_code=500)
