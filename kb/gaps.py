"""The Protocol compliance report: one row per requirement of mappings/checklist.yaml (computed by
kb/requirements.py from the law at a point, kb/snapshot.py); the headline finding computed from the rows; penalty
consistency; and what to verify. Results are data — statuses, kinds, evidence as ids, citations and grades — and
cli/views/gaps.py writes the memo. Nothing here types a verdict in: change the law, or apply a draft, and the
rows change."""

from __future__ import annotations

import datetime as dt
from typing import Callable, Iterable, Literal

from .category import floor_months, max_months
from .citation import parse
from .errors import NotFound
from .model import UNKNOWN, Basis, GapStatus, Grade, Requirement, RowGroup, RowKind, SourceRef, Text, weakest
from .record import Data, items
from .requirements import TESTS, Equivalence, Evidence, Law, Need, Trust, Victim, VictimOutcome, grade_of
from .results import ActName, SourceCite, cite, named
from .snapshot import Conflict, LastKnown, Point, Snapshot, act_point, points
from .timeline import act_when


class Row(Data):
    id: str
    group: RowGroup
    title: str  # ours, in English
    elements: list[str]
    basis: list[Basis]  # the instruments' provisions it comes from
    proposed_by: list[SourceRef]
    kind: RowKind
    status: GapStatus
    would_be: GapStatus | None = None  # an annotation's status once its facts are verified
    victims: list[VictimOutcome] = []
    evidence: list[Evidence]
    needs: list[Need] = []
    trust: Trust
    open: bool  # a finding: an obligation not met or undecided, a divergence, a recommendation not followed


class PenaltySide(Data):
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
    last_known_max_months: int | str | None = None  # of the last known penalty, when today's is unknown
    last_known_floor_months: int | str | None = None
    conflicts: list[Conflict] = []


class Lighter(Data):
    """A related provision that punishes the same conduct far more lightly than the trafficking one."""

    side: int  # index into `sides`
    max: bool  # a maximum at least a third lower
    floor: bool  # a minimum at most half as high


class ConsistencyRow(Data):
    conduct: str  # ours, in English
    sides: list[PenaltySide]
    status: Literal["comparable", "divergent", "not_comparable"]
    lighter: list[Lighter] = []
    unknown: list[int] = []  # the sides whose penalty is unknown or not in force
    # not_comparable, but every unknown side has a last known penalty: the comparison on those values
    last_known_status: Literal["comparable", "divergent"] | None = None
    last_known_lighter: list[Lighter] = []
    trust: Trust


class Site(Data):
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


class BaseMeans(Data):
    victim: Victim
    article: str
    part: str | None
    means: list[str] | Literal["unknown"]  # the means the base offence requires ([]: none)
    act: str | None
    grade: Grade


class Headline(Data):
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


class Check(Data):
    """A fact whose verification could change a status: one the KB lacks, or one a status rests on at a weak
    grade (inferred, unverified, a last known value, a value in conflict)."""

    reason: Literal["unknown", "unverified", "inferred", "last_known", "conflicting"]
    need: Need | None = None  # one of these three
    evidence: Evidence | None = None
    equivalence: Equivalence | None = None
    rows: list[str]


class Reading(Data):
    point: Point
    finding: Headline
    rows: list[Row]
    consistency: list[ConsistencyRow]
    summary: dict[str, dict[str, int]]  # kind -> status -> rows: the table's own counts
    verify: list[Check]


class RowState(Data):
    kind: RowKind
    status: GapStatus
    grade: Grade


class RowChange(Data):
    id: str
    before: RowState
    after: RowState


class DraftChanges(Data):
    act: str
    file: str
    finding_before: Headline
    changes: list[RowChange]  # rows whose status or kind the draft changes
    regraded: list[str]  # rows whose only change is the grade they rest on


class GapReport(Data):
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
    return Trust(grade=grade_of(used),
                 inferred=any(e.grade == "inferred" or any(v.grade == "inferred" for v in e.via) for e in used),
                 last_known=any(e.last_known is not None for e in used),
                 conflicting=any(e.conflicts for e in used))


def row(law: Law, req: Requirement) -> Row:
    out = TESTS[req.test](law, req)
    kind = out.kind or req.kind
    return Row(id=req.id, group=req.group, title=req.title, elements=req.elements,
               basis=req.basis, proposed_by=req.proposed_by, kind=kind,
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
                s.grade = weakest(s.grade, grade_of([e]))
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
    last = pa.at.unknowns(("penalty", "penalty.main"))
    old = next(filter(None, map(pa.at.last_known_version, ("penalty", "penalty.main"))), None)
    before = old.penalty if old else None  # the last known penalty as the model (its JSON counts months)
    return PenaltySide(article=c.article, part=c.part, item=c.item, status=status, penalty=value,
                       max_months=max_months(penalty), floor_months=floor_months(penalty), grade=grade,
                       sources=sources, last_known=last, conflicts=conflicts,
                       last_known_max_months=max_months(before) if before else None,
                       last_known_floor_months=floor_months(before) if before else None)


def _lighter(maxes: list, floors: list) -> list[Lighter] | None:
    """Which of the related sides (1, 2 ...) is far lighter than the trafficking side (0): a maximum a third
    lower, or a minimum at most half as high. None when a figure is not known."""
    if not all(isinstance(x, int) for x in (*maxes, *floors)):
        return None
    out = []
    for i in range(1, len(maxes)):
        low_max, low_floor = maxes[i] * 3 <= maxes[0] * 2, floors[i] * 2 <= floors[0]
        if low_max or low_floor:
            out.append(Lighter(side=i, max=low_max, floor=low_floor))
    return out


def consistency(law: Law) -> list[ConsistencyRow]:
    """The same conduct under a trafficking provision and a related one: is the related one far lighter (a
    maximum a third lower, or a minimum at most half as high)? Unknown penalties cannot be compared."""
    out = []
    for comp in law.m.consistency:
        sides = [_side(law, text) for text in comp.provisions]
        evidence = [Evidence(role="penalty", grade=s.grade or "unverified", sources=s.sources,
                             last_known=s.last_known[0] if s.last_known else None, conflicts=s.conflicts)
                    for s in sides]
        lighter = _lighter([s.max_months for s in sides], [s.floor_months for s in sides])
        if lighter is not None:
            out.append(ConsistencyRow(conduct=comp.conduct, sides=sides, trust=trust(evidence), lighter=lighter,
                                      status="divergent" if lighter else "comparable"))
            continue
        unknown = [i for i, s in enumerate(sides)
                   if not isinstance(s.max_months, int) or not isinstance(s.floor_months, int)]
        then = _lighter([s.max_months if i not in unknown else s.last_known_max_months for i, s in enumerate(sides)],
                        [s.floor_months if i not in unknown else s.last_known_floor_months
                         for i, s in enumerate(sides)])
        out.append(ConsistencyRow(conduct=comp.conduct, sides=sides, status="not_comparable", unknown=unknown,
                                  last_known_status=None if then is None else "divergent" if then else "comparable",
                                  last_known_lighter=then or [], trust=trust(evidence)))
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
    for k, v in items(report):
        if k in ("sources", "proposed_by") and isinstance(v, list):
            refs.update(s if isinstance(s, str) else getattr(s, "ref", None) for s in v)
        if k == "instrument" and isinstance(v, str):
            instruments.add(v)
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
