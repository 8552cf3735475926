"""The web application: the routes, the checks every request passes, and errors as the CLI gives them.

`create_app(kb, today, hosts)` serves a loaded knowledge base. Every page is a GET whose URL
carries its date and language (a page asked without them is redirected to the URL that has them), except
the answers to uploads and to the qualification form, which are case material. A request is answered on the
event loop, one at a time: the engines take milliseconds and are not written for threads.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Awaitable, Callable, Sequence

from starlette.applications import Starlette
from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from kb.errors import BadInput, InvalidKB, NotFound

from . import pages
from .site import Ctx, Site
from .uploads import BadForm, TooLarge

STYLE = (Path(__file__).parent / "static" / "style.css").read_text(encoding="utf-8")
# No script, no frame, no asset from anywhere but this server; forms post only here.
POLICY = ("default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; "
          "frame-ancestors 'none'")


# -- errors: the CLI's messages, with the HTTP status of its exit code ------------------------------------------

TITLES = {400: "The request cannot be answered", 403: "Forbidden", 404: "Not found", 405: "Not allowed",
          413: "Too large", 500: "Internal error"}


def error(site: Site, request: Request, status: int, message: str, findings: Sequence[str] = ()) -> HTMLResponse:
    ctx = Ctx(site, request, strict=False)
    return ctx.render("error.html", ctx.w(TITLES[status]), status, message=message, findings=findings)


def answer(site: Site, handler: Callable[[Ctx], Awaitable[Response]]) -> Callable[[Request], Awaitable[Response]]:
    """A page's endpoint: library errors become the error page, with the status matching the CLI's exit code;
    anything else is one line saying so (TIPKB_DEBUG=1 raises it), never a traceback in a page or a log."""

    async def endpoint(request: Request) -> Response:
        try:
            return await handler(Ctx(site, request))
        except NotFound as e:
            return error(site, request, 404, str(e))
        except InvalidKB as e:
            return error(site, request, 400, f"{e.summary()}:",
                         [str(f) for f in e.findings])
        except BadInput as e:
            return error(site, request, 400, str(e))
        except TooLarge as e:
            return error(site, request, 413, f"the upload is over {e.args[0]:,} bytes")
        except BadForm as e:
            return error(site, request, 400, f"the form cannot be read: {e}")
        except Exception as e:  # a bug
            if os.environ.get("TIPKB_DEBUG"):
                raise
            return error(site, request, 500, f"internal error ({type(e).__name__}: {e}); please report it")

    return endpoint


# -- what every response carries ----------------------------------------------------------------------------------


class Headers:
    """The security headers, and `no-store` on every page (a page may hold case material: no browser cache on
    disk). A form posted from another site's page is refused."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        origin = request.headers.get("origin")
        if request.method == "POST" and origin is not None and origin != f"{request.url.scheme}://{request.url.netloc}":
            await PlainTextResponse("a form from another site is not accepted", 403)(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers["Content-Security-Policy"] = POLICY
                headers["X-Content-Type-Options"] = "nosniff"
                headers["Referrer-Policy"] = "same-origin"  # no-referrer would make a browser send "Origin: null"
                headers["X-Frame-Options"] = "DENY"
                headers.setdefault("Cache-Control", "no-store")
            await send(message)

        await self.app(scope, receive, send_with_headers)


def create_app(kb, today: Callable[[], dt.date], hosts: Sequence[str] = ("127.0.0.1", "localhost")) -> Starlette:
    """The application over a loaded knowledge base (kb.load.load). `today` is the clock (cli/env.py's, from
    `tipkb serve`); `hosts` the names a request's Host header may carry (no DNS rebinding)."""
    site = Site(kb, today)

    def style(request: Request) -> Response:
        return Response(STYLE, media_type="text/css", headers={"Cache-Control": "max-age=3600"})

    routes = [Route("/style.css", style)]
    routes += [Route(path, answer(site, handler), methods=methods) for path, handler, methods in pages.ROUTES]

    async def http_error(request: Request, exc: HTTPException) -> Response:  # the router's: no such page or method
        message = {404: "no page at this address", 405: "this page does not take that method"}.get(exc.status_code, "")
        return error(site, request, exc.status_code if exc.status_code in TITLES else 400, message)

    return Starlette(routes=routes, exception_handlers={HTTPException: http_error},
                     middleware=[Middleware(TrustedHostMiddleware, allowed_hosts=list(hosts)), Middleware(Headers)])

