"""The Protocol compliance report: one row per requirement of mappings/checklist.yaml, each status computed from
the law at a point (kb/snapshot.py); the headline finding computed from the rows; penalty consistency; and what
to verify. Results are data — statuses, kinds, evidence as ids, citations and grades — and cli/views/gaps.py
writes the memo. Nothing here types a verdict in: change the law, or apply a draft, and the rows change."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Callable, Iterable, Literal

from pydantic import BaseModel

from .category import floor_months, max_months
from .citation import parse
from .errors import NotFound
from .model import (
    SLOTS,
    UNKNOWN,
    Elements,
    Equivalent,
    GapStatus,
    Grade,
    Requirement,
    RowGroup,
    RowKind,
    SourceRef,
    Text,
    Versioned,
    weakest,
)
from .results import ActName, SourceCite, cite, named
from .snapshot import ArticleAt, Conflict, LastKnown, Point, Snapshot, act_point, points
from .timeline import When, act_when, when

Victim = Literal["adult", "child"]
# How a piece of evidence bears on a row: the base offence, a qualifying part or item of the same article, a
# figure or element sources report without a part, the other trafficking article, a related article (the
# mapping's `related`), the Code's definition of exploitation, the Supreme Court's rule, the framework law, a
# general-part rule or fact, a base offence's penalty, or the mapping's annotation.
Role = Literal["base", "aggravating", "reported", "parallel", "related", "definition", "case_law", "framework",
               "general_part", "fact", "penalty", "annotation"]


class Equivalence(BaseModel):
    """A national term read as a Protocol term through the mapping, at the mapping entry's grade."""

    national: str
    protocol: str
    degree: Literal["full", "partial", "functional"]
    grade: Grade
    sources: list[str]


class Evidence(BaseModel):
    role: Role
    article: str | None = None  # a provision of the Code ...
    part: str | None = None
    item: str | None = None
    instrument: str | None = None  # ... or of an instrument (kz-np-7, kz-law-110-VIII-text)
    provision: str | None = None
    paragraph: str | None = None  # a case-law rule's paragraph, when known
    fact: str | None = None  # a general-part fact: exploitation, age_of_majority, attempt, reconciliation ...
    slot: str | None = None  # which elements `ids` come from: acts, means, purposes ...
    ids: list[str] = []  # the vocabulary ids it holds that bear on the row ([] with a slot: none)
    value: int | bool | str | None = None  # what it states: an age, a maximum in months, whether a rule exists
    exhaustive: bool | None = None  # for the definition: does its list close
    act: str | None = None  # the version's act
    when: When | None = None
    until: str | None = None  # for a reported fact: the act that ended it
    grade: Grade
    sources: list[str] = []
    via: list[Equivalence] = []
    last_known: LastKnown | None = None
    conflicts: list[Conflict] = []
    note: str | None = None  # the mapping annotation's summary (ours, in English)
    victim: Victim | None = None
    rests: bool = True  # the status rests on it; False: context for the reader


class Need(BaseModel):
    """A fact the KB lacks that would decide a row."""

    what: Literal["parts_not_encoded", "elements_unknown", "definition_partial", "fact_unknown", "rule_not_encoded",
                  "penalty_unknown", "annotation_pending", "no_annotation"]
    article: str | None = None
    part: str | None = None
    parts: list[str] = []  # for parts_not_encoded: the parts known to exist and not encoded
    fact: str | None = None
    text: str | None = None  # for annotation_pending: the mapping's words, in English
    grade: Grade | None = None
    sources: list[str] = []


class VictimOutcome(BaseModel):
    victim: Victim
    article: str
    status: GapStatus


class Trust(BaseModel):
    grade: Grade  # the weakest fact the status rests on
    inferred: bool  # some of them is inferred (or read through an inferred equivalence)
    last_known: bool  # some value is unknown at the point and shown as last known
    conflicting: bool  # some source disagrees with a value it rests on


class Row(BaseModel):
    id: str
    group: RowGroup
    title: str  # ours, in English
    elements: list[str]
    basis: list[str]  # "instrument provision", e.g. "un-tip-protocol 3(a)"
    proposed_by: list[SourceRef]
    kind: RowKind
    status: GapStatus
    would_be: GapStatus | None = None  # an annotation's status once its facts are verified
    victims: list[VictimOutcome] = []
    evidence: list[Evidence]
    needs: list[Need] = []
    trust: Trust
    open: bool  # a finding: an obligation not met or undecided, a divergence, a recommendation not followed


class PenaltySide(BaseModel):
    article: str
    part: str
    item: str | None
    status: str  # in_force | not_in_force | not_encoded | unknown_if_exists | absent
    penalty: object | None = None  # the Penalty as data, "unknown", or None
    max_months: int | str | None = None
    floor_months: int | str | None = None
    grade: Grade | None = None
    sources: list[str] = []
    last_known: list[LastKnown] = []
    conflicts: list[Conflict] = []


class Lighter(BaseModel):
    """A related provision that punishes the same conduct far more lightly than the trafficking one."""

    side: int  # index into `sides`
    max: bool  # a maximum at least a third lower
    floor: bool  # a minimum at most half as high


class ConsistencyRow(BaseModel):
    conduct: str  # ours, in English
    sides: list[PenaltySide]
    status: Literal["comparable", "divergent", "not_comparable"]
    lighter: list[Lighter] = []
    unknown: list[int] = []  # the sides whose penalty is unknown or not in force
    trust: Trust


class Site(BaseModel):
    """Where the Code names the Protocol's means outside the base offence."""

    role: Literal["aggravating", "parallel", "reported", "related"]
    article: str
    part: str | None
    items: list[str]
    means: list[str]  # the Protocol means it bears on
    grade: Grade
    sources: list[str]
    act: str | None = None  # for a reported site: the law it describes, from this act ...
    until: str | None = None  # ... until this one


class BaseMeans(BaseModel):
    victim: Victim
    article: str
    part: str | None
    means: list[str] | Literal["unknown"]  # the means the base offence requires ([]: none)
    act: str | None
    grade: Grade


class Headline(BaseModel):
    """The finding the report opens with, computed from the means rows: is the Protocol's means (Art. 3(a))
    constitutive of the adult offence, or only aggravating, where, on what evidence, at what grade."""

    verdict: Literal["not_constitutive", "constitutive", "partly_constitutive", "unknown"]
    bases: list[BaseMeans]
    constitutive: list[str]  # Protocol means, by the status of their rows
    functional: list[str]
    aggravating: list[str]
    partial: list[str]
    missing: list[str]  # not among the means the offence requires: conduct by it alone is not trafficking
    unnamed: list[str]  # named nowhere, and reached by an offence that needs no means
    unknown: list[str]
    sites: list[Site]  # computed (aggravating, parallel, related) and reported at the point
    former: list[Site]  # reported of an earlier law, ended before the point
    illustrative: list[Evidence]  # the framework law names the means only as examples
    computed_grade: Grade  # of the computed facts it rests on
    reported_grade: Grade | None  # of the reported ones


class Check(BaseModel):
    """A fact whose verification could change a status: one the KB lacks, or one a status rests on at a weak
    grade (inferred, unverified, a last known value, a value in conflict)."""

    reason: Literal["unknown", "unverified", "inferred", "last_known", "conflicting"]
    need: Need | None = None  # one of these three
    evidence: Evidence | None = None
    equivalence: Equivalence | None = None
    rows: list[str]


class Reading(BaseModel):
    point: Point
    finding: Headline
    rows: list[Row]
    consistency: list[ConsistencyRow]
    summary: dict[str, dict[str, int]]  # kind -> status -> rows: the table's own counts
    verify: list[Check]


class RowState(BaseModel):
    kind: RowKind
    status: GapStatus
    grade: Grade


class RowChange(BaseModel):
    id: str
    before: RowState
    after: RowState


class DraftChanges(BaseModel):
    act: str
    file: str
    finding_before: Headline
    changes: list[RowChange]  # rows whose status or kind the draft changes
    regraded: list[str]  # rows whose only change is the grade they rest on


class GapReport(BaseModel):
    on: dt.date  # the date read (for a draft: its entry into force)
    code: str
    standard: str
    ambiguous: bool  # the date falls inside an act's in-force window: one reading per possibility
    readings: list[Reading]
    draft: DraftChanges | None = None
    sources: dict[str, SourceCite]  # every source the report cites
    instruments: dict[str, Text]  # titles of the instruments it cites
    acts: dict[str, ActName]
    labels: dict[str, Text]


# -- the law as the tests read it ----------------------------------------------------------------------------


@dataclass
class Found:
    """A provision at the point with its elements; for a related provision, with the parts it builds on."""

    article: str
    part: str | None
    item: str | None
    slots: dict[str, set[str]]
    versions: list[Versioned]  # the most specific first

    def ids(self) -> set[str]:
        return set().union(*self.slots.values())


@dataclass
class Target:
    id: str
    eqs: dict[str, Equivalent] = field(default_factory=dict)  # national id -> mapping entry

    def ids(self, *degrees: str) -> set[str]:
        out = {self.id} if "full" in degrees else set()
        return out | {n for n, e in self.eqs.items() if e.degree in degrees}


@dataclass
class Outcome:
    status: GapStatus
    evidence: list[Evidence]
    kind: RowKind | None = None  # None: the requirement's own
    needs: list[Need] = field(default_factory=list)
    victims: list[VictimOutcome] = field(default_factory=list)
    would_be: GapStatus | None = None


def _slots(e: Elements) -> dict[str, set[str]]:
    return {s: set(getattr(e, s)) for s in SLOTS}


def _rests(v: Versioned) -> list[str]:
    return [s.ref for s in v.sources if s.role == "rests_on"]


class Law:
    """The law at one point, seen through the mapping's roles."""

    def __init__(self, kb, snap: Snapshot):
        m = kb.mapping
        self.kb, self.snap, self.m = kb, snap, m
        self.roles: dict[str, str] = {"adult": m.roles.adult_offence, "child": m.roles.child_offence}
        self.case_law = kb.instruments.get(m.roles.case_law)
        self.framework = kb.instruments.get(m.roles.framework_law) if m.roles.framework_law else None

    def art(self, victim_or_number: str) -> ArticleAt:
        return self.snap.article(self.roles.get(victim_or_number, victim_or_number))

    def bases(self, victim: str) -> list[Found] | None:
        """The base parts in force (`Part.base`); None when one of them has unknown elements."""
        art, out = self.art(victim), []
        for pa in art.in_force():
            if not pa.part.base:
                continue
            if not isinstance(pa.version.elements, Elements):
                return None
            out.append(Found(art.number, pa.part.id, None, _slots(pa.version.elements), [pa.version]))
        return out or None

    def qualifying(self, number: str) -> list[Found]:
        """Every qualifying part and item in force with known elements, each with its own elements."""
        out = []
        for pa in self.art(number).in_force():
            if pa.part.base:
                continue
            if isinstance(pa.version.elements, Elements):
                out.append(Found(number, pa.part.id, None, _slots(pa.version.elements), [pa.version]))
            for iid, at in pa.items.items():
                v = at.version
                if v is not None and isinstance(v.elements, Elements):
                    out.append(Found(number, pa.part.id, iid, _slots(v.elements), [v, pa.version]))
        return out

    def reach(self, text: str) -> list[Found]:
        """A related provision (`128.1`, `125.3.2`, a whole article) with the elements of the parts it builds on:
        what conduct it punishes."""
        c = parse(text)
        art = self.snap.article(c.article)
        parts = [art.parts[c.part]] if c.part else [pa for pa in art.in_force() if pa.part.base]
        out = []
        for pa in parts:
            if pa.version is None:
                continue
            chain = [pa.version, *(art.parts[b].version for b in pa.part.builds_on
                                   if b in art.parts and art.parts[b].version is not None)]
            if c.item:
                at = pa.items.get(c.item)
                if at is None or at.version is None:
                    continue
                chain.insert(0, at.version)
            slots: dict[str, set[str]] = {s: set() for s in SLOTS}
            used = chain[:1]  # the provision itself, and the parts whose elements it takes
            for v in chain:
                if isinstance(v.elements, Elements) and v.elements.ids():
                    for s, ids in _slots(v.elements).items():
                        slots[s] |= ids
                    used += [v] if v is not chain[0] else []
            out.append(Found(art.number, pa.part.id, c.item, slots, used))
        return out

    def target(self, vid: str) -> Target:
        return Target(vid, {e.national: e for e in self.m.equivalents if e.protocol == vid})

    def rule(self, token: str):
        """The resolution's rule that establishes `token` (one_act_suffices, consent_irrelevant ...)."""
        if self.case_law is None:
            return None
        return next((p for p in self.case_law.provisions if token in p.establishes), None)

    def parts_need(self, number: str) -> Need:
        art = self.snap.article(number)
        s = art.structure_sources()
        return Need(what="parts_not_encoded", article=number,
                    parts=[p for p in art.known_parts if p not in art.parts],
                    grade=s[0] if s else None, sources=s[1] if s else [])

    # -- evidence --------------------------------------------------------------------------------------------

    def ev(self, role: Role, f: Found, ids: Iterable[str] = (), t: Target | None = None, slot: str | None = None,
           victim: Victim | None = None, rests: bool = True) -> Evidence:
        ids = sorted(ids)
        via = [self.equivalence(t.eqs[i]) for i in ids if t is not None and i in t.eqs]
        v = f.versions[0]
        sources = list(dict.fromkeys(r for x in f.versions for r in _rests(x)))
        return Evidence(role=role, article=f.article, part=f.part, item=f.item, slot=slot, ids=ids, act=v.act,
                        when=when(v, self.kb.acts), grade=weakest(*(x.confidence for x in f.versions)),
                        sources=sources, via=via, victim=victim, rests=rests)

    def equivalence(self, e: Equivalent) -> Equivalence:
        return Equivalence(national=e.national, protocol=e.protocol, degree=e.degree, grade=e.confidence,
                           sources=[s.ref for s in e.sources if s.role == "rests_on"])

    def rule_ev(self, rule, rests: bool = True) -> Evidence:
        para = None if rule.paragraph in (None, UNKNOWN) else rule.paragraph
        return Evidence(role="case_law", instrument=self.case_law.id, provision=rule.id, paragraph=para,
                        grade=rule.confidence, sources=[s.ref for s in rule.sources if s.role == "rests_on"],
                        rests=rests)

    def fact_ev(self, role: Role, name: str, v: Versioned, **kw) -> Evidence:
        return Evidence(**{"role": role, "fact": name, "act": v.act, "when": when(v, self.kb.acts),
                           "grade": v.confidence, "sources": _rests(v), **kw})

    def definition(self, t: Target) -> tuple[GapStatus, Evidence | None, Need | None]:
        """Is the form in the Code's definition of exploitation (Art. 3 item 1) at the point: covered, partial (a
        narrower term), missing (known not to be), unknown (the list is partial, or the version not encoded)."""
        at = self.snap.fact("exploitation")
        v = at.version
        if v is None or v.elements == UNKNOWN:
            need = Need(what="fact_unknown", fact="exploitation", grade=v.confidence if v else None,
                        sources=_rests(v) if v else [])
            return "unknown", (self.fact_ev("definition", "exploitation", v, value=UNKNOWN) if v else None), need
        defined = set(v.elements)
        for status, degrees in (("covered", ("full",)), ("partial", ("partial",))):
            hit = defined & t.ids(*degrees)
            if hit:
                via = [self.equivalence(t.eqs[i]) for i in sorted(hit) if i in t.eqs]
                return status, self.fact_ev("definition", "exploitation", v, slot="purposes", ids=sorted(hit),
                                            via=via, exhaustive=v.exhaustive), None
        excluded = bool(set(v.excludes) & t.ids("full"))
        ev = self.fact_ev("definition", "exploitation", v, slot="purposes", ids=[], exhaustive=v.exhaustive)
        if v.exhaustive or excluded:
            return "missing", ev, None
        return "unknown", ev, Need(what="definition_partial", fact="exploitation", grade=v.confidence,
                                   sources=_rests(v))

    def sales(self, victim: str, bases: list[Found]) -> list[Evidence]:
        """Sale and other transactions in a person, which need no purpose (the resolution's rule): they reach a
        purpose the definition leaves out."""
        rule = self.rule("no_purpose_for_transactions")
        if rule is None:
            return []
        acts = set(rule.elements.acts) if rule.elements else {"act.purchase_sale", "act.other_transaction"}
        found = [(f, f.slots["acts"] & acts) for f in bases]
        if not all(h for _, h in found):
            return []
        return [*(self.ev("base", f, h, slot="acts", victim=victim) for f, h in found), self.rule_ev(rule)]


def _grade(evidence: Iterable[Evidence]) -> Grade:
    """The weakest grade the evidence rests on, the mapping's equivalences it was read through included;
    `unverified` when nothing does (a status no fact supports)."""
    grades = [g for e in evidence if e.rests for g in (e.grade, *(v.grade for v in e.via))]
    return weakest(*grades) if grades else "unverified"


def _unknown_base(law: Law, victim: str) -> Outcome:
    number = law.roles[victim]
    parts = [pa for pa in law.art(number).in_force() if pa.part.base]
    needs = [Need(what="elements_unknown", article=number, part=pa.part.id, grade=pa.version.confidence,
                  sources=_rests(pa.version)) for pa in parts] or [law.parts_need(number)]
    return Outcome("unknown", [], needs=needs)


def _combine(statuses: list[GapStatus]) -> GapStatus:
    if all(s == "covered" for s in statuses):
        return "covered"
    if "unknown" in statuses:
        return "unknown"
    return "missing" if all(s == "missing" for s in statuses) else "partial"


# -- the tests ---------------------------------------------------------------------------------------------------


def t_act(law: Law, req: Requirement) -> Outcome:
    bases = law.bases("adult")
    if bases is None:
        return _unknown_base(law, "adult")
    t = law.target(req.elements[0])
    for status, degrees in (("covered", ("full",)), ("partial", ("partial",))):
        hits = [(f, f.slots["acts"] & t.ids(*degrees)) for f in bases]
        if any(h for _, h in hits):
            return Outcome(status, [law.ev("base", f, h, t, "acts") for f, h in hits if h])
    return Outcome("missing", [law.ev("base", f, [], slot="acts") for f in bases])


def t_acts_beyond(law: Law, req: Requirement) -> Outcome:
    bases = law.bases("adult")
    if bases is None:
        return _unknown_base(law, "adult")
    extra = [(f, f.slots["acts"] - set(req.elements)) for f in bases]
    if not any(h for _, h in extra):
        return Outcome("missing", [law.ev("base", f, [], slot="acts") for f in bases])
    return Outcome("broader", [law.ev("base", f, h, slot="acts") for f, h in extra if h])


def _requires_means(bases: list[Found]) -> bool:
    return all(f.slots["means"] for f in bases)


def t_means_required(law: Law, req: Requirement) -> Outcome:
    bases = law.bases("adult")
    if bases is None:
        return _unknown_base(law, "adult")
    ev = [law.ev("base", f, f.slots["means"], slot="means") for f in bases]
    return Outcome("covered" if _requires_means(bases) else "broader", ev)


def _sites(law: Law, t: Target, degrees: tuple[str, ...]) -> list[Evidence]:
    """Where the means sits outside the adult base offence: the adult article's qualifying parts and items, what
    sources report of its aggravated forms, and the child article's items (parallel)."""
    wanted = t.ids(*degrees)
    out = [law.ev("aggravating", f, f.ids() & wanted, t, victim="adult")
           for f in law.qualifying(law.roles["adult"]) if f.ids() & wanted]
    adult = law.art("adult")
    for r in adult.reported:
        hit = set(r.elements.ids()) & wanted if r.elements else set()
        if r.scope == "aggravated" and hit:
            via = [law.equivalence(t.eqs[i]) for i in sorted(hit) if i in t.eqs]
            out.append(Evidence(role="reported", article=adult.number, ids=sorted(hit), slot="means", act=r.act,
                                until=r.until, grade=r.confidence,
                                sources=[s.ref for s in r.sources if s.role == "rests_on"], via=via,
                                victim="adult"))
    return out + [law.ev("parallel", f, f.ids() & wanted, t, victim="child")
                  for f in law.qualifying(law.roles["child"]) if f.ids() & wanted]


def _related(law: Law, t: Target, degrees: tuple[str, ...], rests: bool = True) -> list[Evidence]:
    """The mapping's related provisions (another offence that reaches the conduct, not trafficking)."""
    wanted = t.ids(*degrees)
    return [law.ev("related", f, f.ids() & wanted, t, rests=rests) for text in law.m.roles.related
            for f in law.reach(text) if f.ids() & wanted]


def _framework(law: Law, t: Target) -> list[Evidence]:
    """The framework law names the means only as examples ("including"): context, never coverage."""
    if law.framework is None:
        return []
    return [Evidence(role="framework", instrument=law.framework.id, provision=p.id, slot="means",
                     ids=sorted(set(p.elements.ids()) & t.ids("full")), grade=p.confidence,
                     sources=[s.ref for s in p.sources if s.role == "rests_on"], rests=False)
            for p in law.framework.provisions
            if p.illustrative and p.elements and set(p.elements.ids()) & t.ids("full")]


def t_means(law: Law, req: Requirement) -> Outcome:
    bases = law.bases("adult")
    if bases is None:
        return _unknown_base(law, "adult")
    t = law.target(req.elements[0])
    constitutive = [(f, (f.slots["means"] | f.slots["circumstances"])) for f in bases]
    if _requires_means(bases):  # aligned with the Protocol: a means it lacks is conduct left unpunished
        for status, degrees in (("covered", ("full",)), ("partial", ("partial",))):
            hits = [(f, ids & t.ids(*degrees)) for f, ids in constitutive]
            if all(h for _, h in hits):
                return Outcome(status, [law.ev("base", f, h, t, "means") for f, h in hits], kind="obligation")
        ev = [law.ev("base", f, f.slots["means"], slot="means") for f in bases]
        context = [e.model_copy(update={"rests": False}) for e in _sites(law, t, ("full", "partial"))]
        return Outcome("missing", ev + context, kind="obligation")
    ev = [law.ev("base", f, [], slot="means") for f in bases]
    functional = [(f, f.slots["acts"] & t.ids("functional")) for f in bases]
    if all(h for _, h in functional):  # the base offence reaches the conduct through another of its elements
        return Outcome("covered", ev + [law.ev("base", f, h, t, "acts") for f, h in functional], kind="obligation")
    context = _framework(law, t)
    for status, sites in (("aggravating_only", lambda: _sites(law, t, ("full",))),
                          ("partial", lambda: _sites(law, t, ("partial",))),
                          ("aggravating_only", lambda: _related(law, t, ("full",)))):
        found = sites()
        if found:
            return Outcome(status, ev + found + context, kind="divergence")
    if law.art("adult").whole:
        return Outcome("broader", ev + context, kind="divergence")
    return Outcome("unknown", ev + context, kind="divergence", needs=[law.parts_need(law.roles["adult"])])


def _victim_form(law: Law, victim: Victim, t: Target, definition: tuple) -> tuple[GapStatus, list[Evidence],
                                                                                 list[Need]]:
    """One victim's outcome for a form of exploitation: the base offence names it, or the Code's definition
    includes it, or a qualifying item of the article names it as an aggravating purpose; a form the definition
    leaves out is reached only by sale and transactions, and only if the article's other parts are known."""
    number = law.roles[victim]
    bases = law.bases(victim)
    if bases is None:
        out = _unknown_base(law, victim)
        return out.status, out.evidence, out.needs
    named_ = [(f, f.slots["purposes"] & t.ids("full")) for f in bases]
    if all(h for _, h in named_):
        return "covered", [law.ev("base", f, h, t, "purposes", victim) for f, h in named_], []
    base = [law.ev("base", f, f.slots["purposes"], slot="purposes", victim=victim) for f in bases]
    status, d_ev, d_need = definition
    if status == "covered":
        return "covered", base, []
    sites = [law.ev("aggravating", f, f.ids() & t.ids("full"), t, victim=victim)
             for f in law.qualifying(number) if f.ids() & t.ids("full")]
    if sites:
        return "covered", base + sites, []
    if status in ("partial", "unknown"):
        return status, base, [d_need] if d_need else []
    if not law.art(number).whole:
        return "unknown", [], [law.parts_need(number)]
    sales = law.sales(victim, bases)
    return ("partial" if sales else "missing"), sales, []


def t_purpose_form(law: Law, req: Requirement) -> Outcome:
    t = law.target(req.elements[0])
    definition = law.definition(t)
    evidence = [definition[1]] if definition[1] else []
    victims, needs = [], []
    for victim in ("adult", "child"):
        status, ev, need = _victim_form(law, victim, t, definition)
        victims.append(VictimOutcome(victim=victim, article=law.roles[victim], status=status))
        evidence += ev
        needs += [n for n in need if n not in needs]
    related = _related(law, t, ("full", "partial"), rests=False)
    return Outcome(_combine([v.status for v in victims]), evidence + related, needs=needs, victims=victims)


def t_purpose_beyond(law: Law, req: Requirement) -> Outcome:
    """A form beyond the Protocol's minimum: a national addition when the Code's definition includes it; else
    reached only by sale and transactions, which need no purpose (partial)."""
    t = law.target(req.elements[0])
    status, d_ev, d_need = law.definition(t)
    evidence = [d_ev] if d_ev else []
    context = [law.ev("aggravating", f, f.ids() & t.ids("full"), t, victim=victim, rests=False)
               for victim in ("adult", "child") for f in law.qualifying(law.roles[victim])
               if f.ids() & t.ids("full")]
    context += _related(law, t, ("full", "partial"), rests=False)
    bases = law.bases("adult")
    if bases is None:
        return _unknown_base(law, "adult")
    if status == "covered":
        base = [law.ev("base", f, f.slots["purposes"], slot="purposes") for f in bases]
        return Outcome("broader", evidence + base + context, kind="national_addition")
    if status == "missing":
        sales = law.sales("adult", bases)
        return Outcome("partial" if sales else "missing", evidence + sales + context)
    return Outcome(status, evidence + context, needs=[d_need] if d_need else [])


def t_purpose_intent(law: Law, req: Requirement) -> Outcome:
    bases = law.bases("adult")
    if bases is None:
        return _unknown_base(law, "adult")
    ev = [law.ev("base", f, f.slots["purposes"], slot="purposes") for f in bases]
    if not all(f.slots["purposes"] for f in bases):
        return Outcome("unknown", ev, needs=[Need(what="elements_unknown", article=f.article, part=f.part)
                                             for f in bases if not f.slots["purposes"]])
    rule = law.rule("formal_offence")
    return Outcome("covered", ev + ([law.rule_ev(rule, rests=False)] if rule else []))


def t_transactions_purpose(law: Law, req: Requirement) -> Outcome:
    bases = law.bases("adult")
    if bases is None:
        return _unknown_base(law, "adult")
    rule = law.rule("no_purpose_for_transactions")
    if rule is None:
        return Outcome("unknown", [], needs=[Need(what="rule_not_encoded", fact="no_purpose_for_transactions")])
    sales = law.sales("adult", bases)
    return Outcome("broader", sales) if sales else Outcome("covered", [law.ev("base", f, [], slot="acts")
                                                                       for f in bases])


def t_case_law(law: Law, req: Requirement) -> Outcome:
    rule = law.rule(req.establishes or "")
    if rule is None:
        return Outcome("missing", [])
    return Outcome("case_law", [law.rule_ev(rule)])


def t_child_no_means(law: Law, req: Requirement) -> Outcome:
    bases = law.bases("child")
    if bases is None:
        return _unknown_base(law, "child")
    ev = [law.ev("base", f, f.slots["means"], slot="means", victim="child") for f in bases]
    return Outcome("missing" if _requires_means(bases) else "covered", ev)


def t_child_age(law: Law, req: Requirement) -> Outcome:
    at = law.snap.fact("age_of_majority")
    v = at.version
    if v is None or v.value == UNKNOWN:
        lk = at.last_known("value") if v else None
        ev = [law.fact_ev("fact", "age_of_majority", v, value=UNKNOWN, last_known=lk)] if v else []
        return Outcome("unknown", ev, needs=[Need(what="fact_unknown", fact="age_of_majority",
                                                  sources=_rests(v) if v else [])])
    ev = [law.fact_ev("fact", "age_of_majority", v, value=v.value)]
    return Outcome("covered" if v.value >= 18 else "missing", ev)


def t_general_part(law: Law, req: Requirement) -> Outcome:
    name = req.fact or ""
    v = law.snap.fact(name).version
    if v is None or v.exists == UNKNOWN:
        return Outcome("unknown", [law.fact_ev("general_part", name, v, value=UNKNOWN)] if v else [],
                       needs=[Need(what="rule_not_encoded", fact=name, sources=_rests(v) if v else [])])
    article = None if v.article in (None, UNKNOWN) else v.article
    ev = [law.fact_ev("general_part", name, v, value=v.exists, article=article)]
    return Outcome("covered" if v.exists == req.expect else "missing", ev)


def t_no_element(law: Law, req: Requirement) -> Outcome:
    bases = law.bases("adult")
    if bases is None:
        return _unknown_base(law, "adult")
    wanted = set(req.elements)
    required = [(f, f.ids() & wanted) for f in bases]
    if any(h for _, h in required):
        return Outcome("missing", [law.ev("base", f, h) for f, h in required if h])
    ev = [law.ev("base", f, [], slot="circumstances") for f in bases]
    ev += [law.ev("aggravating", f, f.ids() & wanted, rests=False)
           for f in law.qualifying(law.roles["adult"]) if f.ids() & wanted]
    return Outcome("covered", ev)


def t_anywhere(law: Law, req: Requirement) -> Outcome:
    wanted = set(req.elements)
    for art in law.snap.articles():
        for pa in art.in_force():
            found = [Found(art.number, pa.part.id, None, _slots(pa.version.elements), [pa.version])] \
                if isinstance(pa.version.elements, Elements) else []
            found += [Found(art.number, pa.part.id, i, _slots(at.version.elements), [at.version])
                      for i, at in pa.items.items() if at.version and isinstance(at.version.elements, Elements)]
            hits = [law.ev("base" if pa.part.base else "aggravating", f, f.ids() & wanted) for f in found
                    if f.ids() & wanted]
            if hits:
                return Outcome("covered", hits)
    return t_annotation(law, req) if _annotation(law, req) else Outcome("missing", [])


def t_max_penalty(law: Law, req: Requirement) -> Outcome:
    evidence, statuses, needs = [], [], []
    for victim in ("adult", "child"):
        for pa in law.art(victim).in_force():
            if not pa.part.base:
                continue
            penalty, grade, sources, conflicts = pa.penalty
            top = max_months(penalty)
            lk = next(iter(pa.at.unknowns(("penalty", "penalty.main"))), None)
            evidence.append(Evidence(role="penalty", article=law.roles[victim], part=pa.part.id,
                                     value=top, act=pa.version.act, when=when(pa.version, law.kb.acts), grade=grade,
                                     sources=sources, last_known=lk, conflicts=conflicts, victim=victim))
            if top == UNKNOWN:
                statuses.append("unknown")
                needs.append(Need(what="penalty_unknown", article=law.roles[victim], part=pa.part.id, grade=grade,
                                  sources=sources))
            else:
                statuses.append("covered" if top == "life" or (isinstance(top, int) and
                                                               top >= (req.threshold_months or 0)) else "missing")
    return Outcome(_combine(statuses) if statuses else "unknown", evidence, needs=needs)


def _annotation(law: Law, req: Requirement):
    return next((a for a in law.m.annotations if a.requirement == req.id), None)


def t_annotation(law: Law, req: Requirement) -> Outcome:
    note = _annotation(law, req)
    if note is None:
        return Outcome("unknown", [], needs=[Need(what="no_annotation")])
    ev = [Evidence(role="annotation", grade=note.confidence, note=note.summary,
                   sources=[s.ref for s in note.sources if s.role == "rests_on"])]
    if note.verify:
        needs = [Need(what="annotation_pending", text=t, grade=note.confidence, sources=ev[0].sources)
                 for t in note.verify]
        return Outcome("unknown", ev, needs=needs, would_be=note.status if note.status != "unknown" else None)
    return Outcome(note.status, ev)


TESTS: dict[str, Callable[[Law, Requirement], Outcome]] = {
    "act": t_act, "acts_beyond": t_acts_beyond, "means": t_means, "means_required": t_means_required,
    "purpose_form": t_purpose_form, "purpose_beyond": t_purpose_beyond, "purpose_intent": t_purpose_intent,
    "transactions_purpose": t_transactions_purpose, "case_law": t_case_law, "child_no_means": t_child_no_means,
    "child_age": t_child_age, "general_part": t_general_part, "no_element": t_no_element, "anywhere": t_anywhere,
    "max_penalty": t_max_penalty, "annotation": t_annotation,
}


# -- rows, findings, consistency ----------------------------------------------------------------------------------

# What counts as a finding for the memo, by kind; a national addition never is.
OPEN = {
    "obligation": {"missing", "partial", "unknown", "aggravating_only"},
    "divergence": {"aggravating_only", "broader", "partial", "missing", "unknown"},
    "national_addition": set(),
    "recommendation": {"missing", "partial", "unknown", "aggravating_only"},
}


def trust(evidence: Iterable[Evidence]) -> Trust:
    used = [e for e in evidence if e.rests]
    return Trust(grade=_grade(used),
                 inferred=any(e.grade == "inferred" or any(v.grade == "inferred" for v in e.via) for e in used),
                 last_known=any(e.last_known is not None for e in used),
                 conflicting=any(e.conflicts for e in used))


def row(law: Law, req: Requirement) -> Row:
    out = TESTS[req.test](law, req)
    kind = out.kind or req.kind
    return Row(id=req.id, group=req.group, title=req.title, elements=req.elements,
               basis=[f"{b.instrument} {b.provision}" for b in req.basis], proposed_by=req.proposed_by, kind=kind,
               status=out.status, would_be=out.would_be, victims=out.victims, evidence=out.evidence,
               needs=out.needs, trust=trust(out.evidence), open=out.status in OPEN[kind])


def finding(law: Law, rows: list[Row]) -> Headline:
    """The headline, from the means rows (test `means`) and the rows that read the base offences."""
    by_id = {r.id: r for r in rows}
    means = [r for r in rows if r.group == "means" and r.elements]
    required = next((r for r in rows if r.group == "means" and not r.elements), None)
    bases = []
    for r in (required, by_id.get("child.no_means")):
        for e in (r.evidence if r else []):
            if e.role == "base":
                bases.append(BaseMeans(victim=e.victim or "adult", article=e.article, part=e.part, means=e.ids,
                                       act=e.act, grade=e.grade))
    for victim in ("adult", "child"):
        if not any(b.victim == victim for b in bases):
            bases.append(BaseMeans(victim=victim, article=law.roles[victim], part=None, means=UNKNOWN, act=None,
                                   grade="unverified"))

    def ids(*statuses: str, functional: bool | None = None) -> list[str]:
        return [r.elements[0] for r in means if r.status in statuses and
                (functional is None or functional == any(v.degree == "functional" for e in r.evidence
                                                          for v in e.via))]

    sites: dict[tuple, Site] = {}
    for r in means:
        for e in r.evidence:
            if e.role in ("aggravating", "parallel", "reported", "related") and e.rests:
                key = (e.role, e.article, e.part)
                s = sites.setdefault(key, Site(role=e.role, article=e.article, part=e.part, items=[], means=[],
                                               grade=e.grade, sources=[], act=e.act if e.role == "reported" else None,
                                               until=e.until))
                if e.item and e.item not in s.items:
                    s.items.append(e.item)
                s.means = list(dict.fromkeys([*s.means, *r.elements]))
                s.grade = weakest(s.grade, _grade([e]))
                s.sources = list(dict.fromkeys([*s.sources, *e.sources]))
    former = []
    for victim in ("adult", "child"):
        for rep in law.art(victim).reported_before:
            if rep.scope == "aggravated" and rep.elements and rep.elements.means:
                former.append(Site(role="reported", article=law.roles[victim], part=None, items=[],
                                   means=list(rep.elements.means), grade=rep.confidence,
                                   sources=[s.ref for s in rep.sources if s.role == "rests_on"], act=rep.act,
                                   until=rep.until))
    illustrative: dict[tuple, Evidence] = {}
    for r in means:
        for e in r.evidence:
            if e.role == "framework":
                key = (e.instrument, e.provision)
                first = illustrative.setdefault(key, e)
                first.ids = sorted({*first.ids, *e.ids})
    adult = next(b for b in bases if b.victim == "adult")
    if adult.means == UNKNOWN:
        verdict = "unknown"
    elif not adult.means:
        verdict = "not_constitutive"
    else:
        verdict = "constitutive" if all(r.status == "covered" for r in means) else "partly_constitutive"
    computed = [b.grade for b in bases] + [s.grade for s in sites.values() if s.role != "reported"]
    reported = [s.grade for s in [*sites.values(), *former] if s.role == "reported"]
    return Headline(verdict=verdict, bases=bases, constitutive=ids("covered", functional=False),
                    functional=ids("covered", functional=True), aggravating=ids("aggravating_only"),
                    partial=ids("partial"), missing=ids("missing"), unnamed=ids("broader"), unknown=ids("unknown"),
                    sites=list(sites.values()), former=former, illustrative=list(illustrative.values()),
                    computed_grade=weakest(*computed), reported_grade=weakest(*reported) if reported else None)


def _side(law: Law, text: str) -> PenaltySide:
    c = parse(text)
    art = law.snap.article(c.article)
    status = art.status(c.part or "")
    pa = art.parts.get(c.part or "")
    if status != "in_force" or pa is None:
        return PenaltySide(article=c.article, part=c.part or "", item=c.item, status=status)
    penalty, grade, sources, conflicts = pa.penalty
    value = penalty.model_dump(mode="json") if hasattr(penalty, "model_dump") else penalty
    return PenaltySide(article=c.article, part=c.part, item=c.item, status=status, penalty=value,
                       max_months=max_months(penalty), floor_months=floor_months(penalty), grade=grade,
                       sources=sources, last_known=pa.at.unknowns(("penalty", "penalty.main")), conflicts=conflicts)


def consistency(law: Law) -> list[ConsistencyRow]:
    """The same conduct under a trafficking provision and a related one: is the related one far lighter (a
    maximum a third lower, or a minimum at most half as high)? Unknown penalties cannot be compared."""
    out = []
    for comp in law.m.consistency:
        sides = [_side(law, text) for text in comp.provisions]
        evidence = [Evidence(role="penalty", grade=s.grade or "unverified", sources=s.sources,
                             last_known=s.last_known[0] if s.last_known else None, conflicts=s.conflicts)
                    for s in sides]
        unknown = [i for i, s in enumerate(sides)
                   if not isinstance(s.max_months, int) or not isinstance(s.floor_months, int)]
        if unknown:
            out.append(ConsistencyRow(conduct=comp.conduct, sides=sides, status="not_comparable", unknown=unknown,
                                      trust=trust(evidence)))
            continue
        first, lighter = sides[0], []
        for i, s in enumerate(sides[1:], 1):
            low_max = s.max_months * 3 <= first.max_months * 2
            low_floor = s.floor_months * 2 <= first.floor_months
            if low_max or low_floor:
                lighter.append(Lighter(side=i, max=low_max, floor=low_floor))
        out.append(ConsistencyRow(conduct=comp.conduct, sides=sides, status="divergent" if lighter else "comparable",
                                  lighter=lighter, trust=trust(evidence)))
    return out


def _key(e: Evidence) -> tuple:
    return (e.role if e.role in ("definition", "general_part", "fact", "annotation") else "",
            e.article, e.part, e.item, e.instrument, e.provision, e.fact, e.act)


def verify(rows: list[Row]) -> list[Check]:
    """The facts whose verification could change a status: every fact a row lacks, then the facts rows rest
    on that are unverified, inferred, last known or in conflict (an equivalence of the mapping included)."""
    checks: dict[tuple, Check] = {}

    def add(key: tuple, make: Callable[[], Check], row_id: str) -> None:
        check = checks.setdefault(key, make())
        if row_id not in check.rows:
            check.rows.append(row_id)

    for r in rows:
        for n in r.needs:
            add(("need", n.what, n.article, n.part, n.fact, n.text), lambda: Check(reason="unknown", need=n, rows=[]),
                r.id)
        for e in r.evidence:
            if not e.rests:
                continue
            for v in e.via:
                if v.grade in ("inferred", "unverified"):
                    add(("via", v.national, v.protocol), lambda: Check(reason=v.grade, equivalence=v, rows=[]), r.id)
            own = e.grade
            reason = "conflicting" if e.conflicts else "last_known" if e.last_known else \
                own if own in ("inferred", "unverified") else None
            if reason:
                add((reason, *_key(e)), lambda: Check(reason=reason, evidence=e.model_copy(
                    update={"via": [], "grade": own}), rows=[]), r.id)
    order = ("unknown", "conflicting", "last_known", "unverified", "inferred")
    return sorted(checks.values(), key=lambda c: (order.index(c.reason), -len(c.rows)))


def summary(rows: list[Row]) -> dict[str, dict[str, int]]:
    out: dict[str, dict[str, int]] = {}
    for r in rows:
        counts = out.setdefault(r.kind, {})
        counts[r.status] = counts.get(r.status, 0) + 1
    return out


def reading(kb, point: Point) -> Reading:
    law = Law(kb, Snapshot(kb, point))
    rows = [row(law, req) for req in kb.checklist.requirements]
    return Reading(point=point, finding=finding(law, rows), rows=rows, consistency=consistency(law),
                   summary=summary(rows), verify=verify(rows))


# -- the report ----------------------------------------------------------------------------------------------------


def _require(kb) -> None:
    if kb.mapping is None or kb.checklist is None:
        raise NotFound("this knowledge base has no mappings/checklist.yaml or mappings/kz-cc--un-tip.yaml")


def _finish(kb, report: GapReport) -> GapReport:
    """Name the acts, labels, instruments and sources the report uses, so the JSON stands on its own."""
    refs: set[str] = set()
    instruments: set[str] = set()

    def walk(x) -> None:
        if isinstance(x, dict):
            for k, v in x.items():
                if k in ("sources", "proposed_by") and isinstance(v, list):
                    refs.update(s if isinstance(s, str) else s.get("ref") for s in v
                                if isinstance(s, (str, dict)))
                if k == "instrument" and isinstance(v, str):
                    instruments.add(v)
                if k == "basis" and isinstance(v, list):
                    instruments.update(b.split(" ")[0] for b in v if isinstance(b, str))
                walk(v)
        elif isinstance(x, list):
            for v in x:
                walk(v)

    walk(report.model_dump(mode="json"))
    refs.discard(None)
    sources = {c.ref: c for c in cite(kb, [SourceRef(ref=r) for r in sorted(refs)])}
    titles = {i: kb.instruments[i].title for i in sorted(instruments) if i in kb.instruments}
    return named(kb, report.model_copy(update={"sources": sources, "instruments": titles}))


def report(kb, on: dt.date) -> GapReport:
    """The report for the law in force on `on`: one reading per combination of the windowed acts."""
    _require(kb)
    readings = [reading(kb, p) for p in points(kb, on)]
    return _finish(kb, GapReport(on=on, code=kb.code.id, standard=kb.mapping.standard, ambiguous=len(readings) > 1,
                                 readings=readings, sources={}, instruments={}, acts={}, labels={}))


def _state(r: Row) -> RowState:
    return RowState(kind=r.kind, status=r.status, grade=r.trust.grade)


def draft_report(overlay, act_id: str, file: str) -> GapReport:
    """The Code with the draft against the Code just before it: the draft's report, the rows it changes (side
    effects included) and the finding before."""
    _require(overlay)
    before = reading(overlay, act_point(overlay, act_id, before=True))
    after = reading(overlay, act_point(overlay, act_id))
    old = {r.id: r for r in before.rows}
    changes, regraded = [], []
    for r in after.rows:
        a, b = _state(old[r.id]), _state(r)
        if (a.kind, a.status) != (b.kind, b.status):
            changes.append(RowChange(id=r.id, before=a, after=b))
        elif a.grade != b.grade:
            regraded.append(r.id)
    on = act_when(overlay.acts[act_id]).earliest
    draft = DraftChanges(act=act_id, file=file, finding_before=before.finding, changes=changes, regraded=regraded)
    return _finish(overlay, GapReport(on=on, code=overlay.code.id, standard=overlay.mapping.standard,
                                      ambiguous=False, readings=[after], draft=draft, sources={}, instruments={},
                                      acts={}, labels={}))


FAILING = {"missing", "partial", "aggravating_only"}


def fails(report: GapReport, fail_on: str) -> bool:
    """mandatory: an obligation not met; any: any open row (an undecided obligation, a divergence, a
    recommendation not followed)."""
    rows = [r for rd in report.readings for r in rd.rows]
    if fail_on == "mandatory":
        return any(r.kind == "obligation" and r.status in FAILING for r in rows)
    return any(r.open for r in rows)
