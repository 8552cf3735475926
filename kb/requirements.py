"""How each requirement of mappings/checklist.yaml is computed from the law at a point: the mapping's view of
the Code (`Law`: the roles, `Part.base`, the related provisions, the equivalences, the resolution's rules), and
one test per `GapTest`. A test returns a status and its evidence as data — citations, vocabulary ids, grades —
and kb/gaps.py makes the rows of the report from them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Iterable, Literal

from .category import max_months
from .citation import parse
from .model import (
    SLOTS,
    UNKNOWN,
    Elements,
    Equivalent,
    GapStatus,
    Grade,
    Requirement,
    RowKind,
    Versioned,
    weakest,
)
from .record import Data
from .snapshot import ArticleAt, Conflict, LastKnown, Snapshot
from .timeline import When, when

Victim = Literal["adult", "child"]
# How a piece of evidence bears on a row: the base offence, a qualifying part or item of the same article, a
# figure or element sources report without a part, the other trafficking article, a related article (the
# mapping's `related`), the Code's definition of exploitation, the Supreme Court's rule, the framework law, a
# general-part rule or fact, a base offence's penalty, or the mapping's annotation.
Role = Literal["base", "aggravating", "reported", "parallel", "related", "definition", "case_law", "framework",
               "general_part", "fact", "penalty", "annotation"]


class Equivalence(Data):
    """A national term read as a Protocol term through the mapping, at the mapping entry's grade."""

    national: str
    protocol: str
    degree: Literal["full", "partial", "functional"]
    grade: Grade
    sources: list[str]


class Evidence(Data):
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


class Need(Data):
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


class VictimOutcome(Data):
    victim: Victim
    article: str
    status: GapStatus


class Trust(Data):
    grade: Grade  # the weakest fact the status rests on
    inferred: bool  # some of them is inferred (or read through an inferred equivalence)
    last_known: bool  # some value is unknown at the point and shown as last known
    conflicting: bool  # some source disagrees with a value it rests on


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


def grade_of(evidence: Iterable[Evidence]) -> Grade:
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
        context += _related(law, t, ("full",), rests=False)
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
    kb = law.kb
    for art in (law.snap.article(n) for n in kb.articles if wanted & set(kb.digest(n)["terms"])):
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


