"""What a page is written with: the site (the loaded KB, the clock, the uploaded drafts, the templates) and one
request's context (its language, its date, its permanent URL)."""

from __future__ import annotations

import datetime as dt
from typing import Callable
from urllib.parse import urlencode

from jinja2 import Environment, PackageLoader, StrictUndefined
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from cli.phrases import LANGS, Words
from kb.errors import BadInput
from kb.timeline import check_point, parse_date

from .uploads import Drafts

LANG_NAMES = {"en": "English", "ru": "Русский", "kk": "Қазақша"}


class Site:
    """What every request reads: the knowledge base, the clock, the uploaded drafts, the templates."""

    def __init__(self, kb, today: Callable[[], dt.date]):
        self.kb, self.today, self.drafts = kb, today, Drafts()
        self.templates = Environment(loader=PackageLoader("web"), autoescape=True, undefined=StrictUndefined,
                                     trim_blocks=True, lstrip_blocks=True)


class Ctx:
    """One request: its language, its date and how to write a page."""

    def __init__(self, site: Site, request: Request, strict: bool = True):
        """`strict=False` for an error page: a language the URL gets wrong falls back to the browser's."""
        self.site, self.kb, self.request = site, site.kb, request
        try:
            self.lang = language(request)
        except BadInput:
            if strict:
                raise
            self.lang = preferred(request.headers.get("accept-language", ""))
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
        try:
            on = self.on().isoformat()
        except BadInput:  # on an error page about the date itself
            on = self.site.today().isoformat()
        here = self.request.url.path
        query = dict(self.request.query_params.multi_items()) if self.request.method == "GET" else {}
        if not dated:
            query.pop("on", None)
        langs = [(code, LANG_NAMES[code], self.url(here, **{**query, "lang": code})) for code in LANGS]
        common = {"lang": self.lang, "on": on}
        links = {path: self.url(path, **common) for path in ("/", "/gaps", "/qualify", "/compare", "/audit")}
        links["home"] = links["/"]
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
