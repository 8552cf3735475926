"""Draft overlays: a drafter's proposed versions, in the statutes/ shape, applied on top of the Code.

A draft file names its own amending act and lists, per article, the parts (and items) it changes with
their new versions; they follow the Code's versions in time. It is validated by the same checks as the KB,
with every finding pointing into the draft file.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools

from pydantic import Field

from . import inputs, yamlio
from .checks import Checker
from .errors import BadInput, Finding, InvalidKB
from .inputs import Input
from .load import KB, parse
from .model import Act, Article, Date, Item, PartId, PartVersion, Source, SourceRef, Strict, Text, TitleVersion
from .timeline import start

DRAFT_SOURCE = "draft"


class DraftAct(Strict):
    id: str
    title: Text
    in_force: Date | None = None  # default: the date the report is run for
    summary: str | None = None


class PartPatch(Strict):
    id: PartId
    label: str | None = None
    builds_on: list[PartId] | None = None
    versions: list[PartVersion] = []
    items: list[Item] = []


class ArticlePatch(Strict):
    article: str
    titles: list[TitleVersion] = []
    parts: list[PartPatch] = Field(min_length=1)


class Draft(Strict):
    draft: DraftAct
    sources: dict[str, Source] = {}
    articles: list[ArticlePatch] = Field(min_length=1)


def apply(kb: KB, source: Input, on: dt.date, display: str | None = None) -> KB:
    """The KB with the draft (a path, `-` for standard input, or bytes) applied, or InvalidKB naming the
    draft's lines. At most DRAFT bytes are read."""
    display = display or inputs.display_name(source)
    try:
        return _apply(kb, inputs.read_text(source, display, inputs.DRAFT), display, on)
    except InvalidKB as e:
        raise InvalidKB(e.findings, f"the draft {display}") from None


def _apply(kb: KB, text: str, display: str, on: dt.date) -> KB:
    locator = functools.cache(lambda: yamlio.Locator(text, display))
    findings: list[Finding] = []
    draft = parse(Draft, (yamlio.parse(text, display), None), display, findings, locator)
    if draft is None:
        raise InvalidKB(findings)
    d = draft.draft
    if d.in_force is not None and d.in_force > on:
        raise BadInput(f"the draft comes into force on {d.in_force}, after the date of the report ({on}); "
                       f"run with --on {d.in_force}")
    act = Act(id=d.id, number=f"draft {d.id}", title=d.title, signed=d.in_force or on, in_force=d.in_force or on,
              summary=d.summary, sources=[SourceRef(ref=DRAFT_SOURCE, supports="the draft")],
              confidence="unverified")
    registry = kb.sources.model_copy(update={"sources": {
        **kb.sources.sources, **draft.sources,
        DRAFT_SOURCE: Source(doc=display, title=f"draft: {d.title.en or d.id}", kind="inference")}})
    overlay = dataclasses.replace(kb, acts={**kb.acts, act.id: act}, sources=registry)
    checker = Checker(overlay, {"draft": locator})
    articles = dict(kb.articles)
    seen: set[str] = set()
    for ai, patch in enumerate(draft.articles):
        loc = ("articles", ai)
        base = kb.articles.get(patch.article)
        if base is None:
            checker.report("draft", (*loc, "article"), f"article {patch.article} is not in the knowledge base")
            continue
        if patch.article in seen:
            checker.report("draft", (*loc, "article"), f"article {patch.article} is already amended above in "
                           f"this draft; give all its changes in one entry")
            continue
        seen.add(patch.article)
        articles[patch.article] = _merge(checker, overlay, base, patch, loc)
    if checker.findings:
        raise InvalidKB(checker.findings)
    return dataclasses.replace(overlay, articles=articles)


def _after(checker: Checker, kb: KB, loc: tuple, old: list, new: list) -> list:
    """Check the new versions (acts, sources) and that they follow the old ones in time."""
    if checker.versions("draft", loc, new) and old and new:
        last, first = start(old[-1], kb.acts), start(new[0], kb.acts)
        if not last.latest < first.earliest:
            checker.report("draft", (*loc, 0), f"starts {first}, not after the version in force ({last})")
    return [*old, *new]


def _merge(checker: Checker, kb: KB, base: Article, patch: ArticlePatch, loc: tuple) -> Article:
    parts = list(base.parts)
    titles = _after(checker, kb, (*loc, "titles"), list(base.titles), patch.titles)
    part_ids = [pp.id for pp in patch.parts]
    for pi, pp in enumerate(patch.parts):
        ploc = (*loc, "parts", pi)
        if part_ids.index(pp.id) != pi:
            checker.report("draft", (*ploc, "id"), f"part {pp.id} is already amended above in this draft")
            continue
        for vi, v in enumerate(pp.versions):
            checker.elements("draft", (*ploc, "versions", vi), v.elements)
            checker.penalty("draft", (*ploc, "versions", vi), v.penalty)
        existing = base.part(pp.id)
        if existing is None and not pp.versions:
            checker.report("draft", ploc, f"new part {pp.id} needs at least one version")
            continue
        old_items = {i.id: i for i in (existing.items if existing else [])}
        items = dict(old_items)
        item_ids = [item.id for item in pp.items]
        for ii, item in enumerate(pp.items):
            iloc = (*ploc, "items", ii)
            if item_ids.index(item.id) != ii:
                checker.report("draft", (*iloc, "id"), f"item {item.id} is already amended above in this draft")
                continue
            for vi, v in enumerate(item.versions):
                checker.elements("draft", (*iloc, "versions", vi), v.elements)
            old = old_items[item.id].versions if item.id in old_items else []
            items[item.id] = Item(id=item.id, versions=_after(checker, kb, (*iloc, "versions"), list(old), item.versions))
        versions = _after(checker, kb, (*ploc, "versions"), list(existing.versions) if existing else [], pp.versions)
        builds_on = pp.builds_on if pp.builds_on is not None else (existing.builds_on if existing else [])
        ids = {p.id for p in parts} | {pp.id}
        for b in builds_on:
            if b not in ids or b == pp.id:
                checker.report("draft", (*ploc, "builds_on"), f"builds on part {b!r}, which article {base.article} does not have")
        merged = {"id": pp.id, "label": pp.label or (existing.label if existing else None), "builds_on": builds_on,
                  "versions": versions, "items": list(items.values())}
        if existing is None:
            parts.append(type(base.parts[0]).model_validate(merged))
        else:
            parts[parts.index(existing)] = existing.model_copy(update=merged)
    return base.model_copy(update={"parts": parts, "titles": titles})
