"""The pages: each reads its parameters, asks one engine of kb/ and shows the CLI's view of the result.

Nothing here decides a legal question; a page only turns a request into the engine's arguments (dates,
citations, points, facts) and the result into HTML. Uploads are bytes handed to kb/ (kb/inputs.py bounds them);
no parameter of a request is ever used as a path.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from starlette.datastructures import FormData
from starlette.responses import RedirectResponse, Response

from cli.views import gaps as gaps_view
from cli.views import law
from cli.views import qualify as qualify_view
from cli.views import search as search_view
from kb.citation import Citation, parse
from kb.errors import BadInput, InvalidKB, NotFound

from .html import to_html
from .site import Ctx
from .uploads import form, upload


def _redirect(url: str, status: int = 302) -> Response:
    return RedirectResponse(url, status)


# -- the law at a date -----------------------------------------------------------------------------------------


async def home(ctx: Ctx) -> Response:
    if redirect := ctx.canonical():
        return redirect
    from kb.show import show

    on, w = ctx.on(), ctx.w
    articles = []
    for number in ctx.kb.articles:
        try:
            view = show(ctx.kb, Citation(number), on)
        except NotFound:
            continue
        name = " / ".join(dict.fromkeys(w.text(t.text) for t in view.titles)) or w("unknown")  # (each reading's)
        articles.append((w.cite(number), name, ctx.url(f"/art/{quote(number)}", on=on.isoformat(), lang=ctx.lang)))
    return ctx.render("home.html", w("The knowledge base"), articles=articles)


async def goto(ctx: Ctx) -> Response:
    """The citation box: any form the CLI accepts, redirected to the article's permanent URL."""
    cite = parse(ctx.param("cite"))
    return _redirect(ctx.url(f"/art/{quote(str(cite))}", on=ctx.param("on"), lang=ctx.lang))


async def article(ctx: Ctx) -> Response:
    from kb.history import history
    from kb.show import show

    given = ctx.request.path_params["cite"]
    cite = parse(given)
    if str(cite) != given:  # the permanent URL names it dotted
        return _redirect(ctx.url(f"/art/{quote(str(cite))}", **dict(ctx.request.query_params.multi_items())))
    if redirect := ctx.canonical():
        return redirect
    on, w, lang = ctx.on(), ctx.w, ctx.lang
    view = show(ctx.kb, cite, on, ctx.site.today())
    blocks = law.article(view, lang)
    dated = {"on": on.isoformat(), "lang": lang}
    if cite.part is None:
        parts = [(w("Part {id}", id=p.id) if p.id[0].isdigit() else p.id,
                  ctx.url(f"/art/{quote(str(Citation(cite.article, p.id)))}", **dated)) for p in view.parts]
    else:
        parts = [(w.cite(cite.article), ctx.url(f"/art/{quote(cite.article)}", **dated))]
    timeline = law.history(history(ctx.kb, str(cite)), lang)
    compare = ctx.url("/compare", to=on.isoformat(), art=cite.article, lang=lang)
    return ctx.render("article.html", w.cite(cite.article, cite.part, cite.item), head=to_html(blocks[:1]),
                      content=to_html(blocks[1:]), timeline=to_html(timeline, depth=1), parts=parts, compare=compare)


# -- compare -----------------------------------------------------------------------------------------------------

DRAFT_PREFIX = "draft:"


def _point(ctx: Ctx, text: str, before: bool, articles: list[str] | None):
    """A point of the comparison: a date, an act, or an uploaded draft (`draft:HASH`); never a file."""
    from kb import acts
    from kb.draft import apply
    from kb.snapshot import act_point

    if text.startswith(DRAFT_PREFIX):
        draft = _draft(ctx, text.removeprefix(DRAFT_PREFIX))
        overlay, act_id = apply(ctx.kb, draft.content, ctx.site.today(), draft.name)
        return overlay, [act_point(overlay, act_id, before)], act_id, draft.name
    kb, points, act_id = acts.resolve(ctx.kb, text, before, ctx.site.today(), articles, files=False)
    return kb, points, act_id, text


def _draft(ctx: Ctx, key: str):
    draft = ctx.site.drafts.get(key)
    if draft is None:
        raise NotFound(f"no uploaded draft {key!r} on this server: drafts are kept in memory only while it runs; "
                       f"upload it again")
    return draft


async def _keep_draft(ctx: Ctx, on) -> str:
    """Read an uploaded draft, refuse it as the CLI would (InvalidKB with its lines) and keep it."""
    from kb.draft import apply

    data = await form(ctx.request)
    got = await upload(data, "draft")
    if got is None:
        raise BadInput("choose a draft file to upload (tipkb draft new writes one)")
    content, name = got
    apply(ctx.kb, content, on, name)
    return ctx.site.drafts.keep(content, name)


async def compare(ctx: Ctx) -> Response:
    from kb.diff import diff
    from kb.snapshot import act_point

    w, lang = ctx.w, ctx.lang
    if ctx.request.method == "POST":
        key = await _keep_draft(ctx, ctx.site.today())
        return _redirect(ctx.url("/compare", to=DRAFT_PREFIX + key, lang=lang), 303)
    if redirect := ctx.canonical(dated=False):
        return redirect
    frm, to, before = ctx.param("from"), ctx.param("to"), ctx.param("before") == "1"
    articles = ctx.request.query_params.getlist("art")  # an article the KB lacks: the engine's NotFound
    content = None
    if to:
        kb_to, tos, draft_act, to_label = _point(ctx, to, False, articles or None)
        if frm:
            from kb.acts import check_order

            kb_from, froms, _, from_label = _point(ctx, frm, before, articles or None)
            check_order(froms, tos, from_label, to_label, before)
        elif draft_act is not None:  # the view says "just before" the draft, as the points are
            kb_from, froms, from_label = kb_to, [act_point(kb_to, draft_act, before=True)], to_label
        else:
            raise BadInput("give From (a date or an amending act); only an uploaded draft as To has a default")
        report = diff(kb_from, froms, kb_to, tos, articles or None, from_label, to_label)
        content = to_html(law.diff(report, lang))
    acts = [(_spoken(a), w.text(a.title)) for a in ctx.kb.acts.values()]
    return ctx.render("compare.html", w("Compare"), dated=False, content=content, frm=frm, to=to, before=before,
                      chosen=articles, articles=list(ctx.kb.articles), acts=acts)


def _spoken(act) -> str:
    from kb.acts import spoken

    return spoken(act).strip('"')


# -- the gap report ----------------------------------------------------------------------------------------------


async def gaps(ctx: Ctx) -> Response:
    from kb import gaps as engine
    from kb.draft import apply

    w, lang = ctx.w, ctx.lang
    if ctx.request.method == "POST":
        on = ctx.on()
        key = await _keep_draft(ctx, on)
        return _redirect(ctx.url("/gaps", on=on.isoformat(), lang=lang, draft=key), 303)
    if redirect := ctx.canonical():
        return redirect
    on, key = ctx.on(), ctx.param("draft")
    draft = _draft(ctx, key) if key else None
    if draft is None:
        result = engine.report(ctx.kb, on)
    else:
        overlay, act_id = apply(ctx.kb, draft.content, on, draft.name)
        result = engine.draft_report(overlay, act_id, draft.name)
    blocks = gaps_view.memo(result, lang)
    return ctx.render("gaps.html", w("Gap report"), head=to_html(blocks[:1]), content=to_html(blocks[1:]), draft=draft,
                      key=key, without=ctx.url("/gaps", on=on.isoformat(), lang=lang))


# -- qualify -----------------------------------------------------------------------------------------------------


YES_NO = {"": None, "yes": True, "no": False}


def _facts(ctx: Ctx, data: FormData):
    """The form's fields as a facts file would state them, checked as a facts file is (BadInput)."""
    from pydantic import ValidationError

    from kb.facts import FLAGS, TERM_SLOTS, Facts, problems

    def one(name: str) -> str:
        value = data.get(name)
        return value.strip() if isinstance(value, str) else ""

    def whole(name: str, what: str) -> int | None:
        text = one(name)
        if text and not text.isdigit():
            raise BadInput(f"{what}: not a whole number: {text!r}")
        return int(text) if text else None

    def choice(name: str) -> bool | None:
        if one(name) not in YES_NO:
            raise BadInput(f"{name}: answer yes, no or leave it empty, not {one(name)!r}")
        return YES_NO[one(name)]

    if not one("date"):
        raise BadInput("give the date of the offence")
    victim = dict(age=whole("age", "the victim's age"), minor=choice("minor"), knew_age=choice("knew_age"),
                  pregnant=True if one("pregnant") else None, knew_pregnant=choice("knew_pregnant"),
                  count=whole("count", "the number of victims"))
    facts: dict[str, Any] = {"date": one("date")}
    victim = {k: v for k, v in victim.items() if v is not None}
    if victim:
        facts["victims"] = [victim]
    for slot in TERM_SLOTS:
        terms = [t.strip() for t in data.getlist(slot) if isinstance(t, str) and t.strip()]
        facts[slot] = terms + ([one(f"{slot}_other")] if one(f"{slot}_other") else [])
    for flag in FLAGS:
        if one(flag.name):
            node = facts
            for key in flag.path[:-1]:
                node = node.setdefault(key, {})
            node[flag.path[-1]] = True
    try:
        checked = Facts.model_validate(facts)
    except ValidationError as e:
        raise BadInput("; ".join(f"{'.'.join(map(str, x['loc']))}: {x['msg'].removeprefix('Value error, ')}"
                                 for x in e.errors())) from None
    found = problems(ctx.kb, checked, ctx.site.today())
    if found:
        raise BadInput("; ".join(f"{'.'.join(map(str, loc))}: {message}" for loc, message in found))
    return checked


def _answer(ctx: Ctx, data: FormData, uploaded: tuple[bytes, str] | None):
    from kb import facts as f
    from kb import qualify as q
    from kb.timeline import check_point, parse_date

    if uploaded is not None:
        loaded = f.read(ctx.kb, uploaded[0], ctx.site.today(), uploaded[1])
        facts, name = loaded.facts, loaded.name
    else:
        facts, name = _facts(ctx, data), ""
    compare_on = data.get("compare_on")
    later = check_point(ctx.kb, parse_date(compare_on)) if isinstance(compare_on, str) and compare_on.strip() \
        else ctx.on()
    if later < facts.date:
        raise BadInput(f"the comparison date {later.isoformat()} is before the offence ({facts.date.isoformat()}); "
                       f"the milder-law comparison looks at a later law")
    result = q.qualify(ctx.kb, f.to_case(ctx.kb, facts), later, name)
    return q.report(ctx.kb, [result], [])


async def qualify(ctx: Ctx) -> Response:
    from kb.facts import FLAGS

    w, lang, kb = ctx.w, ctx.lang, ctx.kb
    values: dict[str, list[str]] = {}
    content, message, findings, status = None, None, [], 200
    if ctx.request.method == "GET":
        if redirect := ctx.canonical():
            return redirect
        ctx.on()
    else:
        data = await form(ctx.request)
        values = {k: [v for v in data.getlist(k) if isinstance(v, str)] for k in data.keys()}
        try:
            content = to_html(qualify_view.view(_answer(ctx, data, await upload(data, "facts")), lang, explain=True),
                              depth=1)
        except InvalidKB as e:
            message, findings, status = f"{e.summary()}:", map(str, e.findings), 400
        except BadInput as e:
            message, status = str(e), 400
    from kb.vocab import SLOTS

    labels = {vid: term.label for vid, term in kb.vocabulary.terms.items()}
    terms = {slot: sorted(((vid, w.label(vid, labels)) for vid in labels if vid.startswith(SLOTS[slot])),
                          key=lambda x: x[1].casefold()) for slot in ("acts", "means", "purposes")}
    flags = [(flag.name, ", ".join(w.label(i, labels) for i in flag.ids), flag.follows) for flag in FLAGS]
    return ctx.render("qualify.html", w("Qualify a case"), status, content=content, message=message,
                      findings=list(findings), terms=terms, flags=flags, one=lambda k: (values.get(k) or [""])[0],
                      many=lambda k: values.get(k, []))


# -- search and audit ----------------------------------------------------------------------------------------------


async def search(ctx: Ctx) -> Response:
    from kb.search import search as run

    if redirect := ctx.canonical():
        return redirect
    on, w, query = ctx.on(), ctx.w, ctx.param("q")
    limit = ctx.param("limit") or "20"
    if not limit.isdigit():
        raise BadInput(f"limit: not a whole number: {limit!r}")
    content, found = None, []
    if query:
        result = run(ctx.kb, query, on, int(limit))
        content = to_html(search_view.search(result, ctx.lang))
        for h in result.hits:
            if h.kind != "provision" and h.citation not in [c for c, _, _ in found]:
                c = parse(h.citation)
                found.append((h.citation, w.cite(c.article, c.part, c.item),
                              ctx.url(f"/art/{quote(h.citation)}", on=on.isoformat(), lang=ctx.lang)))
    return ctx.render("search.html", w("Search"), content=content, found=found)


async def audit(ctx: Ctx) -> Response:
    from kb.audit import audit as run

    if redirect := ctx.canonical(dated=False):
        return redirect
    return ctx.render("audit.html", ctx.w("Audit"), dated=False, content=to_html(law.audit(run(ctx.kb), ctx.lang)))


ROUTES = [("/", home, ["GET"]), ("/art", goto, ["GET"]), ("/art/{cite}", article, ["GET"]),
          ("/compare", compare, ["GET", "POST"]), ("/gaps", gaps, ["GET", "POST"]),
          ("/qualify", qualify, ["GET", "POST"]), ("/search", search, ["GET"]), ("/audit", audit, ["GET"])]
