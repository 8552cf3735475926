"""One view of the law at a point in time, in the manner of OpenFisca's `parameters(instant)`.

A `Point` is a date, read under an assumption about every amending act whose in-force window covers it
(in force or not yet), or a set of applied acts ("the Code with Law 292-VI", "just before it"). `points()`
turns a date into one point per combination of the windowed acts that touch what a command reads. A
`Snapshot` answers, for that point, which version of every title, part, item, structure, reported figure
and general-part fact is in force; every engine asks it and nothing else. It also says what the KB does
not know there: the last known value next to an unknown one, the conflicting sources beside a value, and
whether a part the KB lacks is known to exist.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from dataclasses import InitVar, dataclass, field
from functools import cached_property
from typing import Any, Iterable, Literal, Sequence

from .errors import NotFound
from .model import (
    GRADE_RANK,
    UNKNOWN,
    Article,
    Graded,
    Part,
    PartVersion,
    Penalty,
    Reported,
    Versioned,
)
from .record import Data, Record
from .timeline import When, act_order, act_when, when


class Assumption(Data):
    _frozen = True

    act: str
    in_force: bool


class Point(Data):
    """Where in legal time the law is read. `applied` holds the acts read as in force; a version with its own
    `from` date counts from that date on a date point. JSON shows what the point is, not the set."""

    _frozen = True

    kind: Literal["date", "act", "before"]  # a date; the Code with an act; the Code just before it
    on: dt.date | None = None
    act: str | None = None
    assumed: tuple[Assumption, ...] = ()  # the reading: each windowed act covering the date, in force or not
    applied: InitVar[frozenset[str]] = frozenset()  # not a field: the JSON says what the point is

    def __post_init__(self, applied: frozenset[str]) -> None:
        object.__setattr__(self, "applied", applied)

    def holds(self, v: Versioned) -> bool:
        if v.from_ is not None and self.on is not None:
            return v.from_ <= self.on
        return v.act in self.applied

    def has(self, act: str | None) -> bool:
        return act is not None and act in self.applied

    def follows(self, earlier: Point) -> bool:
        """Whether this reading can be the law after `earlier` in one history: every act read as in force there
        is in force here (a date's reading, an act's point), and on the same day a reading is only itself."""
        if self.kind == earlier.kind == "date" and self.on == earlier.on:
            return self.assumed == earlier.assumed
        return earlier.applied <= self.applied


# -- points ---------------------------------------------------------------------------------------------------


def _windowed(kb, on: dt.date, articles: Iterable[str] | None) -> list[str]:
    """The acts whose in-force window covers `on` and that start some version read (or bound a reported
    figure): from the articles' digests, so that the whole KB is not read to find them."""
    found = {v.act for versions in kb.code.facts().values() for v in versions if v.from_ is None}
    for number in kb.articles if articles is None else articles:
        if number in kb.articles:
            found.update(kb.digest(number)["undated"])
    pending = [a for a in found if act_when(kb.acts[a]).possible_by(on) and not act_when(kb.acts[a]).certain_by(on)]
    order = [a.id for a in act_order(kb.acts)]
    return sorted(pending, key=order.index)


def points(kb, on: dt.date, articles: Iterable[str] | None = None) -> list[Point]:
    """The readings of a date: one point per combination of the windowed acts that matter to `articles`
    (None: the whole KB); one point when the date is certain."""
    articles = None if articles is None else list(articles)
    certain = frozenset(a.id for a in kb.acts.values() if act_when(a).certain_by(on))
    open_acts = _windowed(kb, on, articles)
    out = []
    for states in itertools.product((False, True), repeat=len(open_acts)):
        taken = frozenset(a for a, s in zip(open_acts, states) if s)
        out.append(Point(kind="date", on=on, applied=certain | taken,
                         assumed=tuple(Assumption(act=a, in_force=s) for a, s in zip(open_acts, states))))
    return out


def act_point(kb, act_id: str, before: bool = False) -> Point:
    """The Code with every act up to this one applied, in the order they came into force (`before`: up to the
    one before it). Exact even when the act's own date is only a window."""
    order = act_order(kb.acts)
    cut = [a.id for a in order].index(act_id) + (0 if before else 1)
    return Point(kind="before" if before else "act", act=act_id, applied=frozenset(a.id for a in order[:cut]))


def snapshots(kb, on: dt.date, articles: Iterable[str] | None = None) -> list[Snapshot]:
    return [Snapshot(kb, p) for p in points(kb, on, articles)]


# -- what the snapshot says about one provision -----------------------------------------------------------------


LISTED = 12  # the most articles an error lists; of more, it names the NEAREST by number
NEAREST = 5


def not_held(kb, number: str) -> NotFound:
    """An article the KB lacks, with those it holds: all of them, or of a whole Code the nearest by number."""
    held = list(kb.articles)
    if len(held) <= LISTED:
        return NotFound(f"article {number} is not in the knowledge base; it holds {', '.join(held)}")

    def lead(n: str) -> int:
        m = re.match(r"\d+", n)
        return int(m.group()) if m else 0

    near = set(sorted(held, key=lambda n: abs(lead(n) - lead(number)))[:NEAREST])
    return NotFound(f"article {number} is not in the knowledge base; it holds {len(held)} articles; the nearest by "
                    f"number: {', '.join(n for n in held if n in near)}")


class LastKnown(Data):
    """A value that is unknown at the point, as last known: the value, the version that stated it, from
    when it was in force, and when the version that made it unknown began."""

    field: str  # "penalty", "penalty.main", "elements", "summary", "title.kk" ...
    value: Any
    act: str
    grade: str
    since: When  # the value has been unknown since (the start of the version in force)
    known_from: When  # the last known value was in force from ...
    sources: list[str]


class Conflict(Data):
    """A source's value that lost to the one shown (DESIGN.md: grade, then independent sources, then date)."""

    penalty: Penalty | Literal["unknown"]
    grade: str
    sources: list[str]
    basis: str | None = None
    note: str | None = None
    won_by: Literal["grade", "independent sources", "date", "encoded order"]


def _known(value: Any) -> bool:
    return value is not None and value != UNKNOWN


def _field(v: Versioned, name: str) -> Any:
    """A (dotted) field of a version: "penalty.main", "title.kk"."""
    value: Any = v
    for part in name.split("."):
        if value is None or value == UNKNOWN:
            return value
        value = getattr(value, part, None)
    return value


def _claim_key(kb, c: Graded) -> tuple:
    registry = kb.sources.sources
    rests = [s.ref for s in c.sources if s.role == "rests_on"]
    families = {registry[r].family or r for r in rests if r in registry}
    latest = max((registry[r].date for r in rests if r in registry and registry[r].date), default=dt.date.min)
    return GRADE_RANK[c.confidence], len(families), latest


def resolve(kb, v: PartVersion) -> tuple[Penalty | str | None, str, list[str], list[Conflict]]:
    """The penalty a part version states, after weighing the sources that disagree with it: (penalty, grade,
    the sources it rests on, the losing claims)."""
    mine = (v.penalty, v.penalty_provenance or v)
    claims: list[tuple[Any, Graded]] = [mine, *((c.penalty, c) for c in v.conflicts)]
    ranked = sorted(claims, key=lambda pc: _claim_key(kb, pc[1]), reverse=True)  # stable: the encoded value first
    penalty, winner = ranked[0]
    wk = _claim_key(kb, winner)
    conflicts = []
    for value, c in ranked[1:]:
        k = _claim_key(kb, c)
        reason = "grade" if wk[0] > k[0] else "independent sources" if wk[1] > k[1] else "date" if wk[2] > k[2] \
            else "encoded order"
        conflicts.append(Conflict(penalty=value, grade=c.confidence, sources=[s.ref for s in c.sources],
                                  basis=c.basis, note=getattr(c, "note", None), won_by=reason))
    rests = [s.ref for s in winner.sources if s.role == "rests_on"]
    return penalty, winner.confidence, rests, conflicts


@dataclass
class At:
    """A provision at the point: its versions, which one is in force (None: not in force), since when."""

    versions: Sequence[Versioned]
    index: int | None  # of the version in force
    acts: dict = field(repr=False)

    @property
    def version(self) -> Any:
        return None if self.index is None else self.versions[self.index]

    @property
    def when(self) -> When | None:
        return None if self.index is None else when(self.versions[self.index], self.acts)

    def last_known_version(self, name: str) -> Any:
        """For a field unknown in the version in force: the last earlier version that knew it, or None (known,
        or never)."""
        v = self.version
        parts = name.split(".")
        if any(not _known(_field(v, ".".join(parts[:i]))) for i in range(1, len(parts))) if v is not None else True:
            return None  # the version is not in force, or a parent field is unknown and says it already
        if _known(_field(v, name)) or _field(v, name) is None:
            return None
        for j in range(self.index - 1, -1, -1):
            old = self.versions[j]
            if old.repealed:
                return None
            if _known(_field(old, name)):
                return old
        return None

    def last_known(self, name: str) -> LastKnown | None:
        """For a field unknown in the version in force: its last known value, or None (known, or never)."""
        old = self.last_known_version(name)
        if old is None:
            return None
        value = _field(old, name)
        value = value.model_dump(mode="json") if isinstance(value, Record) else value
        return LastKnown(field=name, value=value, act=old.act, grade=old.confidence, since=when(self.version, self.acts),
                         known_from=when(old, self.acts), sources=[s.ref for s in old.sources if s.role == "rests_on"])

    def unknowns(self, names: Sequence[str]) -> list[LastKnown]:
        return [lk for n in names if (lk := self.last_known(n))]


@dataclass
class PartAt:
    part: Part
    at: At
    items: dict[str, At]
    kb: Any = field(repr=False)

    @property
    def version(self) -> PartVersion | None:
        return self.at.version

    @cached_property
    def penalty(self) -> tuple[Penalty | str | None, str, list[str], list[Conflict]]:
        """(penalty, grade, sources, conflicts) after weighing disagreeing sources."""
        return resolve(self.kb, self.version)


PartStatus = Literal["in_force", "not_in_force", "not_encoded", "unknown_if_exists", "absent"]


class ArticleAt:
    """One article at the point: its title, parts and items in force, what it is known to have beyond them."""

    def __init__(self, snap: Snapshot, art: Article):
        self.art, self.snap = art, snap
        self.number = art.article
        self.title = snap.at(art.titles)
        self.structure = snap.at(art.structure) if art.structure else None
        self.parts: dict[str, PartAt] = {}
        for part in art.parts:
            pa = PartAt(part, snap.at(part.versions), {i.id: snap.at(i.versions) for i in part.items}, snap.kb)
            self.parts[part.id] = pa

    def in_force(self) -> list[PartAt]:
        return [p for p in self.parts.values() if p.version is not None]

    @property
    def reported(self) -> list[Reported]:
        """The article-level figures that describe the law at this point."""
        p = self.snap.point
        return [r for r in self.art.reported if p.has(r.act) and not p.has(r.until)]

    @property
    def reported_before(self) -> list[Reported]:
        """What sources reported of an earlier law that an act in force at the point ended (the last reported)."""
        p = self.snap.point
        return [r for r in self.art.reported if p.has(r.act) and p.has(r.until)]

    @property
    def known_parts(self) -> list[str]:
        """Parts the article is known to have at the point, encoded or not."""
        listed = self.structure.version.parts if self.structure and self.structure.version else []
        return list(dict.fromkeys([*(p.part.id for p in self.in_force()), *listed]))

    @property
    def whole(self) -> bool:
        """True when a source shows the whole article and every part is encoded with known elements: a fact
        no encoded element covers cannot belong to a part the KB lacks."""
        s = self.structure.version if self.structure else None
        if s is None or not s.all:
            return False
        return all(pid in self.parts and self.parts[pid].version is not None and
                   self.parts[pid].version.elements != UNKNOWN for pid in s.parts)

    def status(self, part_id: str) -> PartStatus:
        pa = self.parts.get(part_id)
        if pa is not None:
            return "in_force" if pa.version is not None else "not_in_force"
        if part_id in self.known_parts:
            return "not_encoded"
        s = self.structure.version if self.structure else None
        return "absent" if s is not None and s.all else "unknown_if_exists"

    def structure_sources(self) -> tuple[str, list[str]] | None:
        s = self.structure.version if self.structure else None
        return (s.confidence, [r.ref for r in s.sources]) if s else None


class Snapshot:
    """The law at one point. Built once per point; articles are read lazily (a lookup of one article of a
    whole-Code KB reads one)."""

    def __init__(self, kb, point: Point):
        self.kb, self.point = kb, point
        self._articles: dict[str, ArticleAt] = {}
        self._decided = {a.act for a in point.assumed}

    def _holds(self, v: Versioned) -> bool:
        p = self.point
        if p.kind == "date" and v.from_ is None and v.act not in p.applied and v.act not in self._decided:
            w = act_when(self.kb.acts[v.act])
            if w.possible_by(p.on) and not w.certain_by(p.on):  # a bug: the command read more than it said
                raise AssertionError(f"the reading of {p.on} does not decide {v.act}; pass the article to points()")
        return p.holds(v)

    def at(self, versions: Sequence[Versioned]) -> At:
        """Which version is in force: the last one that has begun, unless it repeals."""
        chosen = None
        for i, v in enumerate(versions):
            if self._holds(v):
                chosen = i
        if chosen is not None and versions[chosen].repealed:
            chosen = None
        return At(versions, chosen, self.kb.acts)

    def version(self, versions: Sequence[Versioned]) -> Any:
        return self.at(versions).version

    def fact(self, name: str) -> At:
        """A general-part fact: age_of_majority, crime_categories, exploitation, milder_law ..."""
        return self.at(self.kb.code.facts().get(name, []))

    def article(self, number: str) -> ArticleAt:
        if number not in self._articles:
            art = self.kb.articles.get(number)
            if art is None:
                raise not_held(self.kb, number)
            self._articles[number] = ArticleAt(self, art)
        return self._articles[number]


def spans(versions: Sequence[Versioned], acts: dict) -> list[tuple[When, dt.date, dt.date | None]]:
    """For each version: when it comes into force, and the dates on which some reading has it in force, from
    its earliest start until a later version has certainly begun. The interval form of `Snapshot.at`, for the
    SQLite index and search."""
    out, end = [], dt.date.max  # the earliest day a later version is certainly in force
    for v in reversed(versions):
        start = when(v, acts)
        out.append((start, start.earliest, None if end == dt.date.max else end))
        end = min(end, start.until)
    return out[::-1]
