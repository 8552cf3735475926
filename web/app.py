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
from urllib.parse import urlencode

from jinja2 import Environment, PackageLoader, StrictUndefined
from starlette.applications import Starlette
from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from cli.phrases import LANGS, Words
from kb.errors import BadInput, InvalidKB, NotFound
from kb.timeline import check_point, parse_date

from . import pages
from .uploads import BadForm, Drafts, TooLarge

LANG_NAMES = {"en": "English", "ru": "Русский", "kk": "Қазақша"}
STYLE = (Path(__file__).parent / "static" / "style.css").read_text(encoding="utf-8")
# No script, no frame, no asset from anywhere but this server; forms post only here.
POLICY = ("default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; "
          "frame-ancestors 'none'")


class Site:
    """What every request reads: the knowledge base, the clock, the uploaded drafts, the templates."""

    def __init__(self, kb, today: Callable[[], dt.date]):
        self.kb, self.today, self.drafts = kb, today, Drafts()
        self.templates = Environment(loader=PackageLoader("web"), autoescape=True, undefined=StrictUndefined,
                                     trim_blocks=True, lstrip_blocks=True)


class Ctx:
    """One request: its language, its date and how to write a page."""

    def __init__(self, site: Site, request: Request):
        self.site, self.kb, self.request = site, site.kb, request
        self.lang = language(request)
        self.w = Words(self.lang)

    def param(self, name: str) -> str:
        return self.request.query_params.get(name, "").strip()

    def on(self, name: str = "on") -> dt.date:
        """The date a page reads the law on: its URL's, else today (a bad date is refused as the CLI refuses it)."""
        text = self.param(name)
        return check_point(self.kb, parse_date(text) if text else self.site.today())

    def canonical(self, dated: bool = True) -> Response | None:
        """A redirect to this page's permanent URL, when the request lacks its language or date."""
        q = self.request.query_params
        missing = {"lang": self.lang} if "lang" not in q else {}
        if dated and not q.get("on"):
            missing["on"] = self.on().isoformat()
        if not missing:
            return None
        return RedirectResponse(self.url(self.request.url.path, **{**dict(q.multi_items()), **missing}), 302)

    def url(self, path: str, **params: str | list[str] | None) -> str:
        """A URL of this server with its query (a list gives a repeated parameter; None or '' is left out)."""
        pairs = [(k, x) for k, v in params.items() for x in (v if isinstance(v, list) else [v]) if x not in (None, "")]
        return path + ("?" + urlencode(pairs) if pairs else "")

    def render(self, template: str, title: str, status: int = 200, dated: bool = True, **kw) -> HTMLResponse:
        on = self.param("on") if self.param("on") else self.site.today().isoformat()
        here = self.request.url.path
        query = dict(self.request.query_params.multi_items()) if self.request.method == "GET" else {}
        if not dated:
            query.pop("on", None)
        langs = [(code, LANG_NAMES[code], self.url(here, **{**query, "lang": code})) for code in LANGS]
        common = {"lang": self.lang, "on": on}
        links = {name: self.url(path, **common) for name, path in
                 (("home", "/"), ("gaps", "/gaps"), ("qualify", "/qualify"), ("compare", "/compare"),
                  ("audit", "/audit"))}
        permalink = self.url(here, **query) if self.request.method == "GET" and status == 200 else None
        html = self.site.templates.get_template(template).render(
            w=self.w, lang=self.lang, on=on, title=title, langs=langs, links=links, permalink=permalink,
            query=self.param("q") if here == "/search" else "", url=self.url, here=here, **kw)
        return HTMLResponse(html, status)


def language(request: Request) -> str:
    """The page's language: its URL's (refused if not one of ours), else the browser's preference, else English."""
    asked = request.query_params.get("lang")
    if asked is not None:
        if asked not in LANGS:
            raise BadInput(f"not a language: {asked!r} (choose en, ru or kk)")
        return asked
    return preferred(request.headers.get("accept-language", ""))


def preferred(header: str) -> str:
    best, weight = "en", 0.0
    for part in header.split(","):
        tag, _, params = part.strip().partition(";")
        code = tag.strip().split("-")[0].lower()
        try:
            q = float(params.strip()[2:]) if params.strip().startswith("q=") else 1.0
        except ValueError:
            q = 0.0
        if code in LANGS and q > weight:
            best, weight = code, q
    return best


# -- errors: the CLI's messages, with the HTTP status of its exit code ------------------------------------------

TITLES = {400: "The request cannot be answered", 403: "Forbidden", 404: "Not found", 405: "Not allowed",
          413: "Too large", 500: "Internal error"}


def error(site: Site, request: Request, status: int, message: str, findings: Sequence[str] = ()) -> HTMLResponse:
    try:
        lang = language(request)
    except BadInput:
        lang = preferred(request.headers.get("accept-language", ""))
    w = Words(lang)
    home = "/?" + urlencode({"lang": lang})
    html = site.templates.get_template("error.html").render(
        w=w, lang=lang, on=site.today().isoformat(), title=w(TITLES[status]), message=message, findings=findings,
        langs=[], links={"home": home, "gaps": "/gaps?" + urlencode({"lang": lang}),
                         "qualify": "/qualify?" + urlencode({"lang": lang}),
                         "compare": "/compare?" + urlencode({"lang": lang}), "audit": "/audit?" + urlencode({"lang": lang})},
        permalink=None, query="", url=None)
    return HTMLResponse(html, status)


def answer(site: Site, handler: Callable[[Ctx], Awaitable[Response]]) -> Callable[[Request], Awaitable[Response]]:
    """A page's endpoint: library errors become the error page, with the status matching the CLI's exit code;
    anything else is one line saying so (TIPKB_DEBUG=1 raises it), never a traceback in a page or a log."""

    async def endpoint(request: Request) -> Response:
        try:
            return await handler(Ctx(site, request))
        except NotFound as e:
            return error(site, request, 404, str(e))
        except InvalidKB as e:
            return error(site, request, 400, f"{e.what} is invalid ({len(e.findings)} problem(s)):",
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
            return error(site, request, 500, f"internal error ({type(e).__name__}); please report it")

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
                headers["Referrer-Policy"] = "no-referrer"
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

    async def http_error(request: Request, exc: Exception) -> Response:
        status = exc.status_code if isinstance(exc, HTTPException) else 500
        message = {404: "no page at this address", 405: "this page does not take that method"}.get(status, "")
        return error(site, request, status if status in TITLES else 400, message)

    return Starlette(routes=routes, exception_handlers={HTTPException: http_error},
                     middleware=[Middleware(TrustedHostMiddleware, allowed_hosts=list(hosts)), Middleware(Headers)])

