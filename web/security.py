"""Access token, CSRF token and response headers.

``--token T``: every request must carry T, as ``Authorization: Bearer T``, as the
password of HTTP basic auth (any user name), as the ``jixiao_token`` cookie, or once
as ``?token=T`` (which sets the cookie and redirects to the same page without it).
Forms that change data carry a CSRF token (an HMAC of the process secret) and are
refused without it, or when the browser says they come from another origin.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
from collections.abc import Awaitable, Callable
from urllib.parse import urlencode, urlsplit

from starlette.middleware.base import BaseHTTPMiddleware
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response

TOKEN_COOKIE = "jixiao_token"
CSRF_FIELD = "csrf_token"
# Inline style attributes place the highlight box; scripts only from /static.
CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
    "script-src 'self'; object-src 'none'; frame-ancestors 'none'; form-action 'self'"
)


def csrf_token(secret: str) -> str:
    return hmac.new(secret.encode(), b"jixiao-csrf", hashlib.sha256).hexdigest()


def csrf_ok(request: Request, secret: str, submitted: str | None) -> bool:
    """The form's token is ours and the browser does not say another origin sent it."""
    if not submitted or not hmac.compare_digest(submitted, csrf_token(secret)):
        return False
    origin = request.headers.get("origin") or request.headers.get("referer")
    if origin and origin != "null":
        return urlsplit(origin).netloc == request.headers.get("host", "")
    return True


def _same(given: str | None, token: str) -> bool:
    return given is not None and hmac.compare_digest(given.encode(), token.encode())


def _basic_password(header: str) -> str | None:
    try:
        decoded = base64.b64decode(header, validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        return None
    return decoded.partition(":")[2]


def token_given(request: Request, token: str) -> bool:
    auth = request.headers.get("authorization", "")
    scheme, _, value = auth.partition(" ")
    if scheme.lower() == "bearer" and _same(value.strip(), token):
        return True
    if scheme.lower() == "basic" and _same(_basic_password(value.strip()), token):
        return True
    return _same(request.cookies.get(TOKEN_COOKIE), token)


class SecurityMiddleware(BaseHTTPMiddleware):
    """The token check (when configured) and the security headers of every response."""

    def __init__(self, app: object, token: str | None) -> None:
        super().__init__(app)  # type: ignore[arg-type]
        self.token = token

    async def dispatch(
        self, request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        if self.token is not None and not token_given(request, self.token):
            if _same(request.query_params.get("token"), self.token):
                params = [(k, v) for k, v in request.query_params.multi_items() if k != "token"]
                target = request.url.replace(query=urlencode(params))
                response: Response = RedirectResponse(str(target), status_code=303)
                response.set_cookie(TOKEN_COOKIE, self.token, httponly=True, samesite="strict")
                return response
            return PlainTextResponse(
                "jixiao: this server needs its access token (--token)",
                status_code=401,
                headers={"WWW-Authenticate": 'Basic realm="jixiao"'},
            )
        response = await call_next(request)
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        return response
