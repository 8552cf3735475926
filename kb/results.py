"""Pieces every result object shares: how a source, a version, a category and the ids' labels are said as
data. Results hold ids, dates, numbers and enums; the renderer turns them into words in the chosen language.
Each result carries the labels of the ids it uses, so its JSON is the same in every language and stands on
its own."""

from __future__ import annotations

from typing import Iterable, Literal

from .model import UNKNOWN, Grade, Penalty, Text, Versioned
from .record import Data, items
from .snapshot import Conflict, LastKnown
from .timeline import When, when


class SourceCite(Data):
    ref: str
    title: str
    url: str | None = None
    grade: str
    supports: str | None = None
    role: Literal["rests_on", "corroborates"] = "rests_on"


class VersionRef(Data):
    """A version of a provision: the act that made it, when it came into force, its grade and sources."""

    act: str
    when: When
    grade: Grade
    basis: str | None = None  # for an inferred fact: from what
    sources: list[SourceCite]
    note: str | None = None  # ours, in English
    prospective: bool = False  # it begins after the day the command is run: law passed, not yet in force


class CategoryData(Data):
    """The crime category derived from the maximum through Art. 11's thresholds, or why it cannot be."""

    id: Literal["small", "medium", "grave", "especially_grave", "unknown"]
    reason: Literal["maximum", "life", "no_imprisonment", "maximum_unknown", "thresholds_unknown", "no_penalty"]
    max_months: int | None = None


class PenaltyData(Data):
    """A part's penalty at the point, after weighing sources that disagree; with the last known value when
    it is unknown, and the losing sources beside it."""

    penalty: Penalty | Literal["unknown"]
    grade: Grade
    sources: list[str]
    category: CategoryData
    last_known: list[LastKnown] = []
    conflicts: list[Conflict] = []


def cite(kb, refs) -> list[SourceCite]:
    registry = kb.sources.sources
    out = []
    for s in refs:
        src = registry.get(s.ref)
        out.append(SourceCite(ref=s.ref, title=src.title if src else s.ref, url=(src.url or src.doc) if src else None,
                              grade=src.grade if src else "unverified", supports=s.supports, role=s.role))
    return out


def version_ref(kb, v: Versioned, today=None) -> VersionRef:
    w = when(v, kb.acts)
    return VersionRef(act=v.act, when=w, grade=v.confidence, basis=v.basis, sources=cite(kb, v.sources), note=v.note,
                      prospective=today is not None and w.earliest > today)


def labels(kb, ids: Iterable[str]) -> dict[str, Text]:
    """The ru/kk/en labels of vocabulary ids and the titles of act ids a result mentions."""
    out: dict[str, Text] = {}
    for i in sorted(set(ids)):
        if i in kb.vocabulary.terms:
            out[i] = kb.vocabulary.terms[i].label
        elif i in kb.acts:
            out[i] = kb.acts[i].title
    return out


class ActName(Data):
    """How an act is named: its number ("292-VI"), or its signing date when the number is unknown."""

    id: str
    number: str | None
    names: list[str]
    draft: bool = False  # a drafter's proposal, not a law
    signed: str
    when: When
    title: Text


def act_names(kb, ids: Iterable[str]) -> dict[str, ActName]:
    from .timeline import act_when

    out = {}
    for i in sorted(set(ids)):
        act = kb.acts.get(i)
        if act is not None:
            out[i] = ActName(id=i, number=None if act.number == UNKNOWN else act.number, names=act.names,
                             draft=act.draft, signed=act.signed.isoformat(), when=act_when(act), title=act.title)
    return out


def named(kb, result: Data):
    """The result with `acts` and `labels` filled in for the act and vocabulary ids it uses."""
    acts, vocab = set(), set()
    for k, v in items(result):
        if isinstance(v, str):
            if k in ("act", "describes", "credited", "until"):
                acts.add(v)
            term = v.removeprefix("includes.")  # a definition's slot names the form it includes
            if term in kb.vocabulary.terms:
                vocab.add(term)
    return result.model_copy(update={"acts": act_names(kb, acts), "labels": labels(kb, vocab)})
