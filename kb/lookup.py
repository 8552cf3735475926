"""`show` and `penalty`: an article, a part or an item as in force on a date, as result objects."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel

from . import category
from .citation import Citation
from .errors import NotFound
from .load import KB
from .model import UNKNOWN, Confidence, Elements, Item, Part, Penalty, SourceRef, Text, Versioned
from .timeline import Reading, Start, at, start


class SourceCite(BaseModel):
    ref: str
    title: str
    url: str | None = None
    supports: str | None = None


class VersionInfo(BaseModel):
    act: str
    act_number: str
    in_force: str  # a date, or "between A and B" when only the window is known
    prospective: bool  # not yet in force today: a future version, shown as such
    confidence: Confidence
    sources: list[SourceCite]
    note: str | None = None


class MainView(BaseModel):
    kind: str
    min_months: int | Literal["unknown"] | None
    max_months: int | Literal["unknown"] | None
    note: str | None = None


class AdditionalView(BaseModel):
    kind: str
    mandatory: bool | Literal["unknown"]
    term_months: int | Literal["life", "unknown"] | None = None
    note: str | None = None


class PenaltyView(BaseModel):
    main: list[MainView] | Literal["unknown"]
    additional: list[AdditionalView] | Literal["unknown"]
    category: str
    category_basis: str


class ItemView(BaseModel):
    id: str
    summary: str | None
    elements: Elements | Literal["unknown"] | None
    version: VersionInfo


class AmbiguousItem(BaseModel):
    id: str
    pending: str  # the act whose in-force window covers the date, and the window


class PartReading(BaseModel):
    """A part as one reading of the law on the date; `condition` says which reading when ambiguous."""

    condition: str | None
    version: VersionInfo
    summary: str | None
    elements: Elements | Literal["unknown"] | None
    penalty: PenaltyView | Literal["unknown"] | None
    items: list[ItemView]
    items_complete: bool
    ambiguous_items: list[AmbiguousItem]  # items whose own change of version is uncertain on this date


class PartView(BaseModel):
    id: str
    label: str | None
    builds_on: list[str]
    in_force: bool | Literal["ambiguous"]
    readings: list[PartReading]


class ArticleView(BaseModel):
    article: str
    on: dt.date
    title: Text | None
    title_version: VersionInfo | None
    complete: bool
    missing: str | None
    notes: list[str]
    parts: list[PartView]


def cite(kb: KB, refs: list[SourceRef]) -> list[SourceCite]:
    registry = kb.sources.sources
    return [SourceCite(ref=s.ref, title=registry[s.ref].title, url=registry[s.ref].url or registry[s.ref].doc,
                       supports=s.supports) for s in refs]


def act_name(act) -> str:
    """'292-VI', or for an act whose number was not retrieved, 'of 2024-07-05 (no. unknown)'."""
    return f"of {act.signed.isoformat()} (no. unknown)" if act.number == UNKNOWN else act.number


def version_info(kb: KB, v: Versioned) -> VersionInfo:
    act = kb.acts[v.act]
    begins = start(v, kb.acts)
    return VersionInfo(act=act.id, act_number=act_name(act), in_force=str(begins),
                       prospective=begins.earliest > dt.date.today(), confidence=v.confidence,
                       sources=cite(kb, v.sources), note=v.note)


def penalty_view(kb: KB, penalty: Penalty | str | None, on: dt.date) -> PenaltyView | str | None:
    if penalty is None:
        return None
    cat, why = category.derive(kb.code, kb.acts, penalty, on)
    if penalty == UNKNOWN:
        return PenaltyView(main=UNKNOWN, additional=UNKNOWN, category=cat, category_basis=why)
    main = UNKNOWN if penalty.main == UNKNOWN else [
        MainView(kind=m.kind, min_months=m.min, max_months=m.max, note=m.note) for m in penalty.main]
    additional = UNKNOWN if penalty.additional == UNKNOWN else [
        AdditionalView(kind=a.kind, mandatory=a.mandatory, term_months=a.term, note=a.note) for a in penalty.additional]
    return PenaltyView(main=main, additional=additional, category=cat, category_basis=why)


def condition(reading: Reading, index: int, kb: KB) -> str | None:
    """Which reading this is, when the date falls inside an act's in-force window."""
    if not reading.ambiguous:
        return None

    def name(s: Start) -> str:
        return f"Law {act_name(kb.acts[s.act])} (in force {s})"

    if index == 0:
        return "if " + " and ".join(name(s) for s in reading.pending) + " had not yet come into force"
    return f"if {name(reading.pending[index - 1])} had come into force"


def _items(kb: KB, items: list[Item], on: dt.date, pick_last: bool) -> tuple[list[ItemView], list[AmbiguousItem]]:
    views, ambiguous = [], []
    for item in items:
        r = at(item.versions, on, kb.acts)
        if r.ambiguous:
            pending = "; ".join(f"Law {act_name(kb.acts[s.act])}, in force {s}" for s in r.pending)
            ambiguous.append(AmbiguousItem(id=item.id, pending=pending))
        v = r.current if pick_last else r.versions[0]
        if v is not None:
            views.append(ItemView(id=item.id, summary=v.summary, elements=v.elements, version=version_info(kb, v)))
    return views, ambiguous


def part_view(kb: KB, part: Part, on: dt.date) -> PartView:
    r = at(part.versions, on, kb.acts)
    readings = []
    for i, v in enumerate(r.versions):
        if v is None:
            continue
        # Items follow the part's reading: the earliest reading takes the items before any pending act.
        items, ambiguous = _items(kb, part.items, on, pick_last=i > 0 or not r.ambiguous)
        readings.append(PartReading(
            condition=condition(r, i, kb), version=version_info(kb, v), summary=v.summary, elements=v.elements,
            penalty=penalty_view(kb, v.penalty, on), items=items, items_complete=v.items_complete,
            ambiguous_items=ambiguous))
    state: bool | str = "ambiguous" if r.ambiguous else bool(readings)
    return PartView(id=part.id, label=part.label, builds_on=part.builds_on, in_force=state, readings=readings)


def article(kb: KB, number: str):
    found = kb.articles.get(number)
    if found is None:
        raise NotFound(f"article {number} is not in the knowledge base; it holds {', '.join(kb.articles)}")
    return found


def show(kb: KB, cite: Citation, on: dt.date) -> ArticleView:
    art = article(kb, cite.article)
    parts = art.parts
    if cite.part is not None:
        part = art.part(cite.part)
        if part is None:
            raise NotFound(f"article {art.article} has no part {cite.part}; its parts are "
                           f"{', '.join(p.id for p in art.parts)}")
        parts = [part]
    views = [part_view(kb, p, on) for p in parts]
    if cite.part is not None and views[0].in_force is False:
        raise NotFound(f"{cite} was not in force on {on.isoformat()}")
    if cite.item is not None:
        views = [_only_item(v, cite) for v in views]
    title = at(art.titles, on, kb.acts).current
    return ArticleView(
        article=art.article, on=on, title=title.title if title else None,
        title_version=version_info(kb, title) if title else None, complete=art.complete, missing=art.missing,
        notes=art.notes, parts=[v for v in views if v.in_force is not False])


def _only_item(view: PartView, cite: Citation) -> PartView:
    readings = [r.model_copy(update={"items": [i for i in r.items if i.id == cite.item]}) for r in view.readings]
    if not any(r.items for r in readings):
        raise NotFound(f"{cite}: part {view.id} has no item {cite.item} in force on that date")
    return view.model_copy(update={"readings": readings})


class PenaltyRow(BaseModel):
    part: str
    label: str | None
    condition: str | None
    main: list[MainView] | Literal["unknown"]
    additional: list[AdditionalView] | Literal["unknown"]
    category: str
    category_basis: str
    confidence: Confidence
    sources: list[SourceCite]
    version: VersionInfo


class PenaltyResult(BaseModel):
    citation: str
    title: Text | None
    on: dt.date
    complete: bool
    missing: str | None
    parts: list[PenaltyRow]
    versions_used: list[str]


def penalty(kb: KB, cite: Citation, on: dt.date) -> PenaltyResult:
    view = show(kb, Citation(cite.article, cite.part), on)
    rows = []
    for part in view.parts:
        for r in part.readings:
            p = r.penalty
            if p is None:
                continue
            rows.append(PenaltyRow(
                part=part.id, label=part.label, condition=r.condition, main=p.main, additional=p.additional,
                category=p.category, category_basis=p.category_basis, confidence=r.version.confidence,
                sources=r.version.sources, version=r.version))
    if not rows:
        raise NotFound(f"{cite}: no part with a penalty was in force on {on.isoformat()}")
    used = sorted({f"{row.part}: Law {row.version.act_number} ({row.version.in_force})" for row in rows})
    return PenaltyResult(citation=str(cite), title=view.title, on=on, complete=view.complete,
                         missing=view.missing, parts=rows, versions_used=used)
