"""`show` and `penalty`: an article, a part or an item as in force on a date, read from the snapshots.

A date inside an amending act's in-force window has several readings; a part whose version differs between
them is shown once per version, each with the readings it holds in. A part the Code has and the KB lacks is
"not encoded", never "no such part"; an unknown value comes with its last known value and period.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Callable, Hashable, Iterable, Literal

from . import category
from .citation import Citation
from .errors import NotFound
from .model import UNKNOWN, Elements, Text
from .record import Data
from .results import ActName, PenaltyData, SourceCite, VersionRef, cite, named, version_ref
from .snapshot import ArticleAt, Assumption, LastKnown, PartAt, Snapshot, snapshots


class ItemView(Data):
    id: str
    summary: str | Literal["unknown"] | None
    elements: Elements | Literal["unknown"] | None
    version: VersionRef
    last_known: list[LastKnown] = []


class PartReading(Data):
    """One version of a part at the date, with the readings (assumptions) it holds in; `readings` is empty
    when it holds in every reading (the date is certain, or no reading changes the part)."""

    readings: list[list[Assumption]]
    version: VersionRef
    summary: str | Literal["unknown"] | None
    elements: Elements | Literal["unknown"] | None
    penalty: PenaltyData | None
    items: list[ItemView]
    items_complete: bool
    last_known: list[LastKnown] = []


class PartView(Data):
    id: str
    label: str | None
    builds_on: list[str]
    versions: list[PartReading]


class NotEncoded(Data):
    """A part the article is known to have that the KB does not encode, and what sources report of it."""

    part: str
    grade: str
    sources: list[str]
    readings: list[list[Assumption]] = []  # the readings of the date whose structure says so; none: all of them


class ReportedView(Data):
    scope: Literal["article", "aggravated", "part"]
    part: str | None
    min_months: int | Literal["unknown"] | None
    max_months: int | Literal["unknown"] | None
    elements: Elements | None
    grade: str
    sources: list[SourceCite]
    describes: str  # the act from whose entry into force the figure describes the law
    note: str | None = None
    readings: list[list[Assumption]] = []  # when the date is read several ways: those it holds in (else all)


class NoteView(Data):
    id: str
    summary: str | Literal["unknown"]
    version: VersionRef
    last_known: list[LastKnown] = []  # of an unknown summary
    readings: list[list[Assumption]] = []  # the readings of the date it holds in; none: all of them


class TitleView(Data):
    text: Text
    version: VersionRef
    last_known: list[LastKnown] = []
    readings: list[list[Assumption]] = []  # the readings of the date it holds in; none: all of them


class ArticleView(Data):
    article: str
    on: dt.date | None  # None: read at an act point (diff), not a date
    ambiguous: bool  # the date falls inside an act's in-force window
    titles: list[TitleView]  # one; one per reading it differs in; none when no title is in force
    parts: list[PartView]
    not_encoded: list[NotEncoded]
    whole: bool  # a source shows the whole article and every part is encoded
    reported: list[ReportedView]
    code_notes: list[NoteView]
    notes: list[str]  # ours, in English: what the sources leave open
    acts: dict[str, ActName]
    labels: dict[str, Text]


PENALTY_FIELDS = ("penalty", "penalty.main", "penalty.additional")
BODY_FIELDS = ("summary", "elements")


def penalty_data(snap: Snapshot, pa: PartAt) -> PenaltyData | None:
    v = pa.version
    if v.penalty is None and not v.conflicts:
        return None
    penalty, grade, sources, conflicts = pa.penalty
    rules = snap.fact("crime_categories").version
    return PenaltyData(penalty=penalty if penalty is not None else UNKNOWN, grade=grade, sources=sources,
                       category=category.derive(rules, penalty), last_known=pa.at.unknowns(PENALTY_FIELDS),
                       conflicts=conflicts)


def _items(pa: PartAt) -> list[ItemView]:
    out = []
    for iid, at in pa.items.items():
        v = at.version
        if v is not None:
            out.append(ItemView(id=iid, summary=v.summary, elements=v.elements, version=version_ref(pa.kb, v),
                                last_known=at.unknowns(BODY_FIELDS)))
    return out


def _reading(snap: Snapshot, pa: PartAt, today: dt.date | None) -> PartReading:
    v = pa.version
    return PartReading(readings=[], version=version_ref(snap.kb, v, today), summary=v.summary, elements=v.elements,
                       penalty=penalty_data(snap, pa), items=_items(pa), items_complete=v.items_complete,
                       last_known=pa.at.unknowns(BODY_FIELDS))


def _reported(kb, arts: list[ArticleAt]) -> list[ReportedView]:
    return _by_reading(len(arts), ((id(r), a.snap, lambda r=r: ReportedView(
        scope=r.scope, part=r.part, min_months=r.min, max_months=r.max, elements=r.elements, grade=r.confidence,
        sources=cite(kb, r.sources), describes=r.act, note=r.note)) for a in arts for r in a.reported))


def _not_encoded(arts: list[ArticleAt]) -> list[NotEncoded]:
    def found():  # each part the reading's structure lists and the KB lacks, on that structure's word
        for a in arts:
            src = a.structure_sources()
            for pid in a.known_parts if src else []:
                if pid not in a.parts:
                    yield (pid, src[0], *src[1]), a.snap, lambda pid=pid, src=src: NotEncoded(
                        part=pid, grade=src[0], sources=src[1])
    return _by_reading(len(arts), found())


def _by_reading(n: int, found: Iterable[tuple[Hashable, Snapshot, Callable[[], Any]]]) -> list:
    """One view per key found in the readings of the date (the snapshots), built once, with the readings it
    holds in; none when it holds in all n of them: no condition to state."""
    out: dict[Hashable, Any] = {}
    for key, snap, build in found:
        if key not in out:
            out[key] = build()
        out[key].readings.append(list(snap.point.assumed))
    for view in out.values():
        if len(view.readings) == n:
            view.readings = []
    return list(out.values())


def _refuse(arts: list[ArticleAt], cite_: Citation, on: dt.date) -> None:
    """A part or item that none of the readings has in force: say exactly why, never "has no part"."""
    first = arts[0]
    status = first.status(cite_.part)
    art = f"Art. {first.number}"
    if status == "not_in_force":
        raise NotFound(f"{art} part {cite_.part} was not in force on {on} (see: tipkb history "
                       f"{first.number}.{cite_.part})")
    if status == "not_encoded":
        grade, sources = first.structure_sources()
        raise NotFound(f"{art} part {cite_.part} is not encoded in the knowledge base; the Code has it "
                       f"({grade}: {', '.join(sources)})")
    if status == "unknown_if_exists":
        raise NotFound(f"{art} part {cite_.part} is not encoded in the knowledge base, and the KB does not know "
                       f"whether part {cite_.part} exists")
    raise NotFound(f"{art} has no part {cite_.part} on {on}: the encoded structure lists parts "
                   f"{', '.join(first.known_parts)} and shows the whole article")


def show(kb, cite_: Citation, on: dt.date, today: dt.date | None = None) -> ArticleView:
    """The article, part or item as in force on `on`; a version that begins after `today` is marked
    prospective."""
    snaps = snapshots(kb, on, [cite_.article])
    if not any(a.title.version or a.in_force() or a.structure and a.structure.version
               for a in (s.article(cite_.article) for s in snaps)):  # (an article made later, or repealed)
        raise NotFound(f"Art. {cite_.article} was not in force on {on} (see: tipkb history {cite_.article})")
    return show_at(kb, snaps, cite_, on, today)


def show_at(kb, snaps: list[Snapshot], cite_: Citation, on: dt.date | None,
            today: dt.date | None = None) -> ArticleView:
    """The article as the snapshots (the readings of a date, or one act point) have it."""
    arts = [s.article(cite_.article) for s in snaps]
    first = arts[0]
    ids = [cite_.part] if cite_.part else [p.id for p in first.art.parts]
    if cite_.part and not any(a.status(cite_.part) == "in_force" for a in arts):
        _refuse(arts, cite_, on)
    parts = []
    for pid in ids:
        versions = _by_reading(len(snaps), (
            ((id(pa.version), tuple(id(at.version) for at in pa.items.values())), snap,
             lambda snap=snap, pa=pa: _reading(snap, pa, today))
            for snap, a in zip(snaps, arts) if (pa := a.parts[pid]).version is not None))
        if versions:
            p = first.parts[pid].part
            parts.append(PartView(id=pid, label=p.label, builds_on=p.builds_on, versions=versions))
    if cite_.item:
        parts = [_only_item(p, first.parts[p.id].part, cite_, on) for p in parts]
    titles = _by_reading(len(snaps), ((id(a.title.version), a.snap, lambda at=a.title: TitleView(
        text=at.version.title, version=version_ref(kb, at.version),
        last_known=at.unknowns(("title.ru", "title.kk", "title.en")))) for a in arts if a.title.version))
    notes = []
    for n in first.art.code_notes:
        notes += _by_reading(len(snaps), ((id(at.version), snap, lambda n=n, at=at: NoteView(
            id=n.id, summary=at.version.summary, version=version_ref(kb, at.version),
            last_known=at.unknowns(("summary",)))) for snap in snaps
            if (at := snap.at(n.versions)).version is not None))
    view = ArticleView(article=first.number, on=on, ambiguous=len(snaps) > 1, titles=titles, parts=parts,
                       not_encoded=[] if cite_.part else _not_encoded(arts), whole=all(a.whole for a in arts),
                       reported=_reported(kb, arts), code_notes=notes, notes=first.art.notes, acts={}, labels={})
    return named(kb, view)


def _only_item(view: PartView, part, cite_: Citation, on: dt.date) -> PartView:
    versions = [r.model_copy(update={"items": [i for i in r.items if i.id == cite_.item]}) for r in view.versions]
    if not any(r.items for r in versions):
        raise absent_item(cite_, part, on)
    return view.model_copy(update={"versions": versions})


def absent_item(cite_: Citation, part, on: dt.date | None = None) -> NotFound:
    """Why an item is not there: not in force on the date, not encoded (whether it exists unknown), or absent
    from a part whose items the KB holds in full — never "has no item" for what the KB only lacks."""
    where = f"Art. {cite_.article} part {cite_.part}"
    if on is not None and any(i.id == cite_.item for i in part.items):
        return NotFound(f"{where} item {cite_.item} was not in force on {on} (see: tipkb history {cite_})")
    if all(v.items_complete for v in part.versions):
        return NotFound(f"{where} has no item {cite_.item}: the knowledge base holds all of the part's items")
    return NotFound(f"{where} item {cite_.item} is not encoded in the knowledge base, and the KB does not know "
                    f"whether item {cite_.item} exists")


class PenaltyRow(Data):
    part: str
    label: str | None
    readings: list[list[Assumption]]
    version: VersionRef
    penalty: PenaltyData


class PenaltyResult(Data):
    citation: str
    article: str
    titles: list[TitleView]
    on: dt.date
    rows: list[PenaltyRow]
    not_encoded: list[NotEncoded]
    whole: bool
    reported: list[ReportedView]
    acts: dict[str, ActName]
    labels: dict[str, Text]


def penalty(kb, cite_: Citation, on: dt.date, today: dt.date | None = None) -> PenaltyResult:
    view = show(kb, cite_, on, today)  # an item is checked as show checks it; its penalty is its part's
    rows = [PenaltyRow(part=p.id, label=p.label, readings=r.readings, version=r.version, penalty=r.penalty)
            for p in view.parts for r in p.versions if r.penalty is not None]
    if not rows:
        raise NotFound(f"{cite_}: no part with a penalty was in force on {on.isoformat()}")
    return PenaltyResult(citation=str(cite_), article=view.article, titles=view.titles,
                         on=on, rows=rows, not_encoded=view.not_encoded, whole=view.whole, reported=view.reported,
                         acts=view.acts, labels=view.labels)
