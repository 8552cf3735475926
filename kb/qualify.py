"""`qualify`: from the facts of a case to the charge a prosecutor can bring, with what remains to prove.

Each article with a role in the mapping is read against the facts (kb/offence.py) at every reading of the
offence date (kb/snapshot.py: one per combination of the windowed acts that touch those articles); readings
with the same answer are merged. Here the articles are put together: the child offence displaces the adult
one when the victim is a minor the offender was aware of (Resolution No. 7, by its `establishes` token);
when that awareness is not stated the case is read both ways, the child offence first (once, when both ways
give the same answer); the resolution's cumulative rules add offences; victims of different kinds are separate
counts. Then: the caveats that could change the charge or the range, what one more fact would change, and the
law of the offence date against a later one (Art. 6, the milder law). A fuzzy term whose near-tie would change
the answer is refused.
"""

from __future__ import annotations

import datetime as dt
from typing import Collection, Literal, NamedTuple

from . import roles
from .errors import BadInput
from .facts import FLAGS, TERM_SLOTS, Case, Expect, Facts, Term, Victim, flag_value, with_flag
from .model import GRADE_RANK, UNKNOWN, Grade, Text, format_months, weakest
from .offence import EXPLOITATION, MINOR, ArticleCheck, Charge, Decision, Known, Law, Range, Status, check
from .record import Data
from .results import ActName, SourceCite, cite, named
from .snapshot import Assumption, Point, Snapshot, points
from .vocab import Understood

# -- result objects ---------------------------------------------------------------------------------------------


class Cumulative(Data):
    """A second offence a rule of the resolution adds to the trafficking charge."""

    article: str
    rule: str
    status: Literal["made_out", "undecided"]
    charge: Charge | None
    grade: Grade  # the weakest of the rule and the charge


class ToProve(Data):
    what: Literal["knew_age", "one_of"]  # the offender's awareness of the age; one of `any_of`
    article: str
    any_of: list[str] = []
    of: str | None = None  # the wider fact stated
    rule: str | None = None
    grade: Grade | None = None


CaveatKind = Literal[
    "not_aware",  # the victim is a minor, but the offender was not aware of it: the adult offence (`rule`)
    "open_reported",  # facts a source reports among the article's aggravated forms, in a part the KB lacks
    "open",  # facts no encoded element covers, which may belong to a part the KB lacks
    "unranked",  # parts apply whose penalties are unknown, so which is the most serious cannot be computed
    "purpose_undecided",  # whether the purpose counts is undecided (`reason`)
    "minor_unknown",  # the victim's minority is not stated: the child offence (`where`) if a minor and aware
    "knew_pregnant_unknown",  # a victim was pregnant, the offender's knowledge of it not stated: `where` if he knew
    "for_all_victims",  # a related offence judged once for all the case's victims, charged on this count
    "one_offence",  # the trafficking offence of this count and of others: one offence against `victims`
    "cumulative_undecided",  # a second offence whose part cannot be decided
    "related_undecided",  # another offence the facts touch (`ids`), whether made out cannot be decided
    "range_reported",  # the charge's range is unknown; sources report a maximum for the aggravated forms
    "later_milder",  # a later law is milder and applies (Art. 6)
    "milder_unknown",  # whether a later law is milder cannot be computed
]


class Caveat(Data):
    kind: CaveatKind
    changes: Literal["charge", "range"]  # what it could change; these come first
    article: str | None = None
    ids: list[str] = []
    parts: list[str] = []  # unranked: the part ids; later_milder, milder_unknown: the charges, dotted
    where: str | None = None
    victims: list[int] = []  # one_offence: every victim of the offence, by index
    reason: str | None = None
    rule: str | None = None
    grade: Grade | None = None
    max_months: int | None = None


class Brief(Data):
    """A charge as compared: citation and range."""

    article: str
    part: str | None  # None: the article applies, its part undecided
    items: list[str]
    citation: str
    range: Range | None


class AnswerCount(Data):
    trafficking: Status
    charge: Brief | None
    cumulative: list[Brief]
    other: list[Brief]


class WhatIf(Data):
    """One more fact (its vocabulary id) and the answer it would give."""

    add: str
    answer: AnswerCount


class Count(Data):
    victims: list[int]  # indexes into the case's victims
    number: int  # how many victims the count stands for
    minor: bool | None
    knew_age: bool | None
    principal: str | None  # the trafficking offence the count is read under: the adult or the child one
    trafficking: Status
    charge: Charge | None  # the trafficking charge, or the condition's (see `to_prove`, `reasons`)
    grade: Grade | None = None  # of a "no": the weakest of what it rests on (`reasons`)
    reasons: list[Decision]  # the trafficking offence's elements not met, or undecided
    cumulative: list[Cumulative]
    other: list[Charge]  # other offences made out, with no encoded rule on how they combine with it
    to_prove: list[ToProve]
    caveats: list[Caveat]  # those that could change the charge first
    what_if: list[WhatIf] | None = None  # None: not asked for (qualify's `what_if`)
    candidates: list[ArticleCheck]  # every article a fact touches, and the trafficking offences
    unused: list[str]  # facts no element of the charges uses


class FactCondition(Data):
    fact: Literal["knew_age"]
    value: bool
    victims: list[int]
    rule: str | None
    grade: Grade | None


class Side(Data):
    part: str
    items: list[str]
    range: Range | None


class TimeRow(Data):
    """A charge under the law of the offence date against the same facts under a later law (Art. 6)."""

    count: int
    article: str
    then: Side
    now: Side | None  # None: the later law, as encoded, does not make the article out, or leaves it undecided
    now_assumed: list[Assumption]
    milder: Literal["later", "offence_date", "same", "unknown"]
    # same_law: the same version of the same part at both dates, so nothing to weigh even when its range is unknown
    reason: Literal["lower", "not_lower", "same", "same_law", "range_unknown", "not_made_out_later",
                    "undecided_later", "rule_not_encoded"]


class Reading(Data):
    assumed: list[Assumption]  # windowed acts, in force or not, that this reading's answer turns on
    facts: list[FactCondition]  # facts this reading assumes
    counts: list[Count]
    time: list[TimeRow]


class RuleRef(Data):
    article: str | None
    grade: Grade
    sources: list[SourceCite]
    basis: str | None = None


class MilderLaw(Data):
    """Art. 6 (the later milder law applies) and how "milder" is read, as encoded."""

    rule: RuleRef | None
    comparison: RuleRef | None


class VictimView(Data):
    age: int | None
    minor: bool | None
    by_age: bool  # decided by the age against the Code's age of majority
    majority: int | None
    grade: Grade | None  # of that age of majority
    knew_age: bool | None
    count: int


class Mismatch(Data):
    reading: int
    key: str
    expected: str
    got: str


class CheckResult(Data):
    ok: bool
    mismatches: list[Mismatch]


class Answer(Data):
    """A reading reduced to what a prosecutor charges on: compared for draft flips and near-ties."""

    assumed: list[Assumption]
    facts: list[FactCondition]
    counts: list[AnswerCount]


class DraftResult(Data):
    act: str
    on: dt.date  # the cases are read as if committed on this date, with and without the draft
    before: list[Answer]
    after: list[Answer]
    flipped: bool


class CaseResult(Data):
    name: str
    on: dt.date
    compare_on: dt.date
    victims: list[VictimView]
    understood: list[Understood]
    readings: list[Reading]
    milder_law: MilderLaw
    check: CheckResult | None = None
    draft: DraftResult | None = None


class InvalidFile(Data):
    file: str
    findings: list[dict]


class RuleName(Data):
    """A rule of the resolution as cited: its instrument's number, its paragraph when known, our tag (r11)."""

    id: str
    instrument: str
    number: str | None
    paragraph: str | None
    tag: str
    grade: Grade


class QualifyResult(Data):
    cases: list[CaseResult]
    invalid: list[InvalidFile]
    rules: dict[str, RuleName]
    acts: dict[str, ActName]
    labels: dict[str, Text]


class Tie(BadInput):
    """A fuzzy term whose near candidates give different answers."""

    def __init__(self, term: Term, candidates: list[str], labels: dict[str, str]):
        self.term, self.candidates = term, candidates
        named = " and ".join(f"{c} ({labels[c]})" if c in labels else c for c in candidates)
        super().__init__(f"{term.understood.term!r} is too close to call between {named}, which give different "
                         f"answers; write the one meant")


# -- victims and counts ---------------------------------------------------------------------------------------------


class Profile(NamedTuple):
    victims: tuple[int, ...]
    number: int
    minor: bool | None
    minor_grade: str | None
    knew: bool | None
    pregnant: bool  # and the offender knew it


def _majority(snap: Snapshot) -> tuple[int | None, str | None]:
    v = snap.fact("age_of_majority").version
    return (None, None) if v is None or v.value == UNKNOWN else (v.value, v.confidence)


def _profiles(facts: Facts, snap: Snapshot) -> list[Profile]:
    """The counts: victims are apart only where the offence may differ: minors the offender was aware of, was
    not aware of, or whose awareness is not stated; victims whose minority is not stated (apart again when he
    is stated not to have been aware); and adults. Within a count they are one offence against all of them:
    "two or more persons" counts them all, and one pregnant victim the offender knew of aggravates it."""
    limit, grade = _majority(snap)
    if not facts.victims:
        return [Profile((), 1, None, None, None, False)]
    groups: dict[tuple, list[int]] = {}
    by_age: set[int] = set()
    for i, v in enumerate(facts.victims):
        if v.age is not None and limit is not None:
            by_age.add(i)
        minor = v.age < limit if i in by_age else v.minor
        # awareness splits minors; of a victim whose minority is not stated, only its denial matters
        knew = v.knew_age if minor or (minor is None and v.knew_age is False) else None
        groups.setdefault((minor, knew), []).append(i)
    return [Profile(tuple(ix), sum(facts.victims[i].count for i in ix), minor,
                    grade if by_age.intersection(ix) else None, knew,  # (an age's grade is weaker than a statement)
                    any(facts.victims[i].pregnant and facts.victims[i].knew_pregnant for i in ix))
            for (minor, knew), ix in groups.items()]


def _known(case: Case, profile: Profile, offence: Profile | None = None) -> Known:
    """The facts of a count; `offence`: the victims of the one offence it is part of, when that is wider
    (`_one_offence`), whose number and pregnancies are the offence's."""
    f = case.facts
    flags = [fl for fl in FLAGS if flag_value(f, fl) is True]
    circ = {i for fl in flags if not fl.follows for i in fl.ids}
    stated_false = [fl for fl in FLAGS if flag_value(f, fl) is False]
    denied = {i for fl in stated_false if not fl.follows for i in fl.ids}
    whole = offence or profile
    victims = [f.victims[i] for i in whole.victims]
    if whole.pregnant:
        circ.add("circ.victim_pregnant")
    elif victims and all(v.pregnant is False or v.knew_pregnant is False for v in victims):
        denied.add("circ.victim_pregnant")
    if whole.number >= 2:
        circ.add("circ.two_or_more_victims")
    elif victims:  # the victims are listed, and this count stands for one
        denied.add("circ.two_or_more_victims")
    if profile.minor:
        circ.add(MINOR)
    return Known(acts=frozenset(case.ids("acts")), means=frozenset(case.ids("means")),
                 purposes=frozenset(case.ids("purposes")), circumstances=frozenset(circ),
                 later=frozenset(i for fl in flags if fl.follows for i in fl.ids), denied=frozenset(denied),
                 later_denied=frozenset(i for fl in stated_false if fl.follows for i in fl.ids),
                 minor=profile.minor, minor_grade=profile.minor_grade, knew=profile.knew)


def _victim_ok(ac: ArticleCheck) -> bool:
    """The child offence's victim elements are met (a minor, and the offender aware where that is needed)."""
    return any(not p.builds_on and p.decisions and all(d.status == "met" for d in p.decisions if d.slot == "victim")
               for p in ac.parts)


def _count(law: Law, case: Case, profile: Profile,
           shared: dict[str, tuple[ArticleCheck, set[str]]] | None = None, offence: Profile | None = None) -> Count:
    """One count; `shared`: the related offences judged once for all the case's victims (`_shared`); `offence`:
    the victims of the one trafficking offence the count is part of (`_one_offence`), whose facts are read for
    the trafficking offences only: every other offence is against the count's own victims."""
    known = _known(case, profile)
    whole = _known(case, profile, offence) if offence else known
    checks: dict[str, ArticleCheck] = {}
    touched: dict[str, set[str]] = {}  # article -> the facts that touch it
    for number in roles.articles(law.kb):
        ac, hit = (shared or {}).get(number) or check(law, number, whole if number in (law.adult, law.child) else known)
        if ac is not None:
            checks[number] = ac
            if hit:
                touched[number] = hit
    adult, child = checks.get(law.adult or ""), checks.get(law.child or "")
    principal = adult
    if child is not None and _victim_ok(child):  # the child offence is the question, made out or not
        if child.status != "not_made_out":
            principal = child
            if adult is not None:
                adult.status = "displaced"
        elif adult is None or adult.status == "not_made_out":
            principal = child
    trafficking: Status = "no" if principal is None or principal.status == "not_made_out" else \
        "yes" if principal.status == "made_out" else "undecided"
    cumulative = _cumulative(law, checks, principal, known) if trafficking != "no" else []
    combined = {principal.article if principal else None, *(c.article for c in cumulative)}
    other = [ac.charge for n, ac in checks.items() if ac.status == "made_out" and n not in combined
             and n in touched and ac.charge is not None and ac.role == "related"]
    reasons = [d for p in (principal.parts if principal else []) if not p.builds_on for d in p.decisions
               if d.status not in ("met", "not_required")] if trafficking != "yes" else []
    charge = principal.charge if principal and trafficking != "no" else None
    aware = [d for p in (child.parts if child and principal is adult else []) for d in p.decisions
             if d.reason == "did_not_know"]
    if charge is not None and aware and profile.minor:
        # the adult offence for a minor rests on the rule that needs awareness (for a victim whose age is not
        # stated, only if a minor: the caveat names the rule)
        charge = charge.model_copy(update={"grade": weakest(charge.grade, aware[0].grade)})
    shown = [ac for n, ac in checks.items() if n in touched or ac.role != "related"]
    # another offence the facts touch whose answer is undecided (its elements unknown, one left to prove)
    maybe = {n: touched[n] for n, ac in checks.items() if n in touched and n not in combined and ac.role == "related"
             and ac.status == "undecided" and (_acts_stated(ac) or _elements_unknown(ac))}
    caveats = _caveats(principal, child, cumulative, profile.minor) + [
        Caveat(kind="related_undecided", changes="charge", article=n, ids=sorted(f)) for n, f in maybe.items()]
    for beside in [c.charge for c in cumulative if c.charge] + other:  # "or a higher part not encoded": why
        if not beside.final:
            caveats += _open(checks[beside.article])
    return Count(victims=list(profile.victims), number=profile.number, minor=profile.minor, knew_age=profile.knew,
                 principal=principal.article if principal else None, trafficking=trafficking, charge=charge,
                 grade=_no_grade(principal) if principal and trafficking == "no" else None,
                 reasons=reasons, cumulative=cumulative, other=other,
                 to_prove=_to_prove(principal) if charge else [], caveats=caveats, candidates=shown,
                 unused=_unused(known, [principal, *(checks[c.article] for c in cumulative),
                                        *(checks[o.article] for o in other)], set().union(*maybe.values())))


def _shared(law: Law, case: Case, profiles: list[Profile]) -> dict[str, tuple[ArticleCheck, set[str]]]:
    """The related offences whose answer does not turn on who the victim is (no victim element; elements
    encoded), judged once for all the case's victims: one deprivation of liberty of an adult and a minor is one
    offence against two persons, whatever trafficking offence each count is."""
    known = _known(case, _together(profiles))
    out = {}
    for number in law.related:
        ac, hit = check(law, number, known)
        if ac is not None and not _elements_unknown(ac) and not any(
                d.slot == "victim" for p in ac.parts for d in p.decisions):
            out[number] = (ac, hit)
    return out


def _together(profiles: list[Profile]) -> Profile:
    """The victims of several counts as one: a minor if one is, aware if of one minor he was."""
    minors = [p for p in profiles if p.minor]
    return Profile(tuple(sorted(i for p in profiles for i in p.victims)), sum(p.number for p in profiles),
                   True if minors else None if any(p.minor is None for p in profiles) else False,
                   next((p.minor_grade for p in profiles if p.minor_grade), None),  # (one age of majority)
                   True if any(p.knew for p in minors) else None, any(p.pregnant for p in profiles))


def _one_offence(law: Law, case: Case, profiles: list[Profile], counts: list[Count],
                 shared: dict[str, tuple[ArticleCheck, set[str]]]) -> None:
    """Counts read under the same trafficking offence, with the same answer, are one offence against all their
    victims (an adult, and a minor the offender was not aware of, are both trafficking in persons): each is read
    again with the offence's number of victims and pregnancies, and says which victims the offence is against.
    A count the offence's facts would read under another offence, or answer otherwise, stays apart."""
    groups: dict[tuple, list[int]] = {}
    for i, c in enumerate(counts):
        if c.principal is not None and c.trafficking != "no":
            groups.setdefault((c.principal, c.trafficking), []).append(i)
    for (principal, trafficking), ix in groups.items():
        if len(ix) < 2:
            continue
        offence = _together([profiles[i] for i in ix])
        again = {i: _count(law, case, profiles[i], shared, offence) for i in ix}
        if any((c.principal, c.trafficking) != (principal, trafficking) for c in again.values()):
            continue
        for i, c in again.items():
            c.caveats.append(Caveat(kind="one_offence", changes="charge", article=principal,
                                    victims=list(offence.victims)))
            counts[i] = c


def _once(counts: list[Count], shared: set[str]) -> None:
    """A shared offence is given, with its caveats, on one count only: the first that adds it under a
    cumulative rule (with the rule and its grade), else the first that charges it, else the first that names it
    as one that may apply."""
    def rank(c: Count, n: str) -> int | None:
        return 0 if any(x.article == n for x in c.cumulative) else 1 if any(o.article == n for o in c.other) else \
            2 if any(k.article == n and k.kind == "related_undecided" for k in c.caveats) else None

    home = {}
    for n in shared:
        found = [(r, i) for i, c in enumerate(counts) if (r := rank(c, n)) is not None]
        if found:
            home[n] = min(found)[1]
    for i, c in enumerate(counts):
        away = {n for n, h in home.items() if h != i}
        c.cumulative = [x for x in c.cumulative if x.article not in away]
        c.other = [o for o in c.other if o.article not in away]
        c.caveats = [k for k in c.caveats if k.article not in away] + [
            Caveat(kind="for_all_victims", changes="charge", article=n) for n in sorted(home) if home[n] == i]


def _no_grade(ac: ArticleCheck) -> Grade:
    """What a "no" rests on: in each base part, its elements (the part's grade) and the strongest of the
    elements not met, each graded by what decides it (a fact as stated is as strong as the part)."""
    grades = []
    for p in ac.parts:
        if not p.builds_on:
            against = [d.grade or p.grade for d in p.decisions if d.status == "not_met"]
            grades.append(weakest(p.grade, max(against, key=GRADE_RANK.__getitem__) if against else None))
    return weakest(*grades)


def _cumulative(law: Law, checks: dict[str, ArticleCheck], principal: ArticleCheck | None,
                known: Known) -> list[Cumulative]:
    """The second offences the resolution's cumulative rules add, when a fact states the rule's own act
    (involvement, organ removal) or, for a rule that names none, one of the article's acts (kidnapping,
    deprivation of liberty): a circumstance or a purpose it shares with trafficking is no second offence."""
    out: list[Cumulative] = []
    facts = known.ids(False)
    for rule in law.rules:
        if not set(rule.establishes) & set(roles.CUMULATIVE) or principal.article not in rule.applies_to:
            continue
        triggers = rule.elements.acts if rule.elements else []
        if triggers and not any(law.same(f, t) for f in facts for t in triggers):
            continue
        found = []
        for n in rule.applies_to:
            ac = checks.get(n)
            if ac is None or ac.role != "related" or ac.status == "not_made_out" or not (triggers or _acts_stated(ac)):
                continue
            rel = law.related.get(n)
            if rel and rel.part and ac.status == "made_out" and (
                    ac.charge is None or ac.charge.part != rel.part or (rel.item and rel.item not in ac.charge.items)):
                continue  # only a part (and item) of the article is related: 125.3.2
            found.append(ac)
        made = [ac for ac in found if ac.status == "made_out"]
        for ac in made or found:
            grade = weakest(rule.confidence, ac.charge.grade if ac.charge else None)
            out.append(Cumulative(article=ac.article, rule=rule.id, status=ac.status, charge=ac.charge
                                  if ac.status == "made_out" else None, grade=grade))
    return out


def _acts_stated(ac: ArticleCheck) -> bool:
    return any(d.slot == "acts" and d.status == "met" for p in ac.parts if not p.builds_on for d in p.decisions)


def _elements_unknown(ac: ArticleCheck) -> bool:
    return any(d.reason == "elements_unknown" for p in ac.parts if not p.builds_on for d in p.decisions)


def _to_prove(principal: ArticleCheck) -> list[ToProve]:
    """What the conditional charge rests on; nothing beside a charge made out (another base part's element left
    to prove is a what-if)."""
    if principal.status == "made_out":
        return []
    out = []
    for p in principal.parts:
        if p.builds_on:
            continue
        for d in p.decisions:
            if d.status == "to_prove":
                out.append(ToProve(what="one_of", article=principal.article, any_of=d.to_prove, of=d.of, rule=d.rule,
                                   grade=d.grade))
    return out


UNDECIDED_PURPOSE = ("maybe_in_definition", "definition_unknown", "higher_parts")


def _caveats(principal: ArticleCheck | None, child: ArticleCheck | None, cumulative: list[Cumulative],
             minor: bool | None) -> list[Caveat]:
    out: list[Caveat] = []
    if principal is None:
        return out
    n = principal.article
    if principal.role == "adult_offence" and child is not None:
        for p in child.parts:
            for d in p.decisions:
                if d.reason == "did_not_know":  # (of a victim whose minority is not stated: whether or not a minor)
                    out.append(Caveat(kind="not_aware", changes="charge", article=child.article, rule=d.rule,
                                      grade=d.grade, reason="minor_unknown" if minor is None else None))
                elif d.reason == "minor_unknown" and all(x.status != "not_met" for x in p.decisions):
                    # the child offence would be made out if the victim were a minor (and the offender aware)
                    out.append(Caveat(kind="minor_unknown", changes="charge", article=child.article))
    undecided = [d for p in principal.parts if not p.builds_on for d in p.decisions
                 if d.status == "undecided" and d.reason in UNDECIDED_PURPOSE]
    if principal.status != "not_made_out":  # a fact can raise the charge only when there is one to raise
        out += _open(principal, {d.of for d in undecided})
    if principal.charge and principal.charge.unranked:
        out.append(Caveat(kind="unranked", changes="charge", article=n,
                          parts=[principal.charge.part, *principal.charge.unranked]))
    if principal.charge is not None:  # without a charge these are the reasons the count gives
        out += [Caveat(kind="purpose_undecided", changes="charge", article=n, ids=[d.of] if d.of else [],
                       where=d.where, reason=d.reason, grade=d.grade) for d in undecided]
    ch = principal.charge
    if ch and ch.range is None and principal.reported_max and any(p.part == ch.part and p.builds_on
                                                                   for p in principal.parts):
        out.append(Caveat(kind="range_reported", changes="range", article=n, where=ch.citation,
                          max_months=principal.reported_max))
    out += [Caveat(kind="cumulative_undecided", changes="charge", article=c.article, rule=c.rule, grade=c.grade)
            for c in cumulative if c.status == "undecided"]
    return out


def _open(ac: ArticleCheck, skip: Collection[str] = ()) -> list[Caveat]:
    """The facts no encoded element of the article covers, which may belong to a part the KB lacks: those a
    source reports among its aggravated forms, then the rest."""
    out = [Caveat(kind="open_reported", changes="charge", article=ac.article, ids=ac.reported,
                  max_months=ac.reported_max)] if ac.reported else []
    rest = [i for i in ac.open if i not in ac.reported and i not in skip]
    return out + ([Caveat(kind="open", changes="charge", article=ac.article, ids=rest)] if rest else [])


def _unused(known: Known, used_by: list[ArticleCheck | None], touching: set[str]) -> list[str]:
    """The facts no element of the charges uses, nor brings in an offence that may apply (`touching`)."""
    used: set[str] = {MINOR, *touching}
    for ac in used_by:
        if ac is None:
            continue
        used.update(ac.open)
        for p in ac.parts:
            used.update(p.matched)
            for d in p.decisions:
                used.update([*d.matched, *([d.of] if d.of else [])])
            for i in p.items:
                used.update(i.matched)
    return sorted(f for f in known.ids(False) if f not in used)


# -- readings ---------------------------------------------------------------------------------------------------------


class _Point(NamedTuple):
    point: Point
    snap: Snapshot
    law: Law


class _Reader:
    """The law of one date, read at each of its points, for the facts of a case and its variants."""

    def __init__(self, kb, on: dt.date):
        self.kb = kb
        self.points = []
        for p in points(kb, on, roles.articles(kb)):
            snap = Snapshot(kb, p)
            self.points.append(_Point(p, snap, Law(kb, snap)))

    def counts(self, at: _Point, case: Case) -> list[Count]:
        profiles = _profiles(case.facts, at.snap)
        shared = _shared(at.law, case, profiles) if len(profiles) > 1 else {}
        counts = [_count(at.law, case, prof, shared) for prof in profiles]
        _one_offence(at.law, case, profiles, counts, shared)
        _once(counts, set(shared))
        return counts


def _knowledge(reader: _Reader, case: Case) -> list[FactCondition | None]:
    """When a victim is a minor, the offender's awareness of it matters (a rule says so) and is not stated: the
    case is read both ways, aware first."""
    at = reader.points[0]
    rule = at.law.rule("minor_knowledge_required", at.law.child or "")
    unknown = [i for prof in _profiles(case.facts, at.snap) if prof.minor and prof.knew is None for i in prof.victims]
    if rule is None or not unknown:
        return [None]
    return [FactCondition(fact="knew_age", value=v, victims=unknown, rule=rule.id, grade=rule.confidence)
            for v in (True, False)]


def _assume(case: Case, cond: FactCondition | None) -> Case:
    if cond is None:
        return case
    victims = [v.model_copy(update={"knew_age": cond.value}) if i in cond.victims else v
               for i, v in enumerate(case.facts.victims)]
    return case.with_facts(case.facts.model_copy(update={"victims": victims}))


def _range_text(r: Range | None, last: bool = False) -> str:
    if r is None or r.last_known != last:
        return "unknown"
    if r.max_months == "life":
        return "life"
    if UNKNOWN in (r.min_months, r.max_months):
        return "unknown"
    if r.min_months is None:
        return f"up to {format_months(r.max_months)}"
    return f"{format_months(r.min_months)}-{format_months(r.max_months)}"


def _brief(c: Charge) -> Brief:
    return Brief(article=c.article, part=c.part, items=c.items, citation=c.citation, range=c.range)


def _count_key(c: Count) -> AnswerCount:
    cum = [_brief(x.charge) if x.charge else Brief(article=x.article, part=None, items=[], citation=x.article,
                                                   range=None) for x in c.cumulative]
    return AnswerCount(trafficking=c.trafficking, charge=_brief(c.charge) if c.charge else None, cumulative=cum,
                       other=[_brief(o) for o in c.other])


def _group(reader: _Reader, case: Case, only: list[_Point] | None = None
           ) -> list[tuple[list[Assumption], list[_Point], list[Count]]]:
    """The points of the date (or `only` these) grouped by their answer, each group with the assumptions its
    answer turns on."""
    groups: dict[str, tuple[list[_Point], list[Count]]] = {}
    for at in reader.points if only is None else only:
        counts = reader.counts(at, case)
        groups.setdefault(_shown(counts), ([], counts))[0].append(at)
    out = []
    for pts, counts in groups.values():
        if len(groups) == 1:
            out.append(([], pts, counts))
            continue
        first = pts[0].point.assumed
        steady = [a for a in first if all(a in p.point.assumed for p in pts)]
        out.append((steady, pts, counts))
    return out


def answers(readings: list[Reading]) -> list[Answer]:
    return [Answer(assumed=r.assumed, facts=r.facts, counts=[_count_key(c) for c in r.counts]) for r in readings]


def _shown(counts: list[Count]) -> str:
    """What a reading shows of its counts, to tell readings apart: each charge as compared, and whether a part
    the KB lacks, or one it cannot rank, may apply instead."""
    return repr([(_count_key(c), [(x.final, x.unranked) for x in _charges(c).values() if x]) for c in counts])


def _key(groups: list[tuple[list[Assumption], list[_Point], list[Count]]]) -> str:
    return repr([(a, _shown(counts)) for a, _, counts in groups])


def _readings(reader: _Reader, case: Case) -> list[tuple[FactCondition | None, Case, list]]:
    """The case under each answer to the fact it turns on but does not state (`_knowledge`), with the points of
    its date grouped by their answer; a single reading, on the facts as stated, when every answer gives the
    same answer."""
    out = []
    for cond in _knowledge(reader, case):
        assumed = _assume(case, cond)
        out.append((cond, assumed, _group(reader, assumed)))
    if len(out) > 1 and len({_key(groups) for _, _, groups in out}) == 1:
        return [(None, case, _group(reader, case))]
    return out


def _outcome(reader: _Reader, case: Case) -> list[list]:
    """What the case comes to at every reading of its date, for comparing two readings of its terms."""
    return [[cond, _key(groups)] for cond, _, groups in _readings(reader, case)]


# -- one more fact -------------------------------------------------------------------------------------------------


def _flips(case: Case, count: Count) -> list[tuple[str, Case]]:
    """Each fact not stated as true, stated: (its vocabulary id, the case with it)."""
    f = case.facts
    out = [(fl.ids[0], case.with_facts(with_flag(f, fl))) for fl in FLAGS if flag_value(f, fl) is not True]

    def edit(**update) -> Case:
        return _with_victims(case, count.victims, **update)

    if not any(f.victims[i].pregnant and f.victims[i].knew_pregnant for i in count.victims):
        out.append(("circ.victim_pregnant", edit(pregnant=True, knew_pregnant=True)))
    if count.number < 2:
        out.append(("circ.two_or_more_victims", edit(count=2)))
    if count.minor is None and count.knew_age is not False:  # (a minor he was not aware of: no other offence)
        out.append((MINOR, edit(minor=True, knew_age=True, age=None)))
    if count.trafficking != "yes" and EXPLOITATION not in case.ids("purposes"):
        out.append((EXPLOITATION, case.adding("purposes", EXPLOITATION)))
    for vid, slot in _one_short(count):
        if vid not in case.ids(slot) and all(vid != v for v, _ in out):
            out.append((vid, case.adding(slot, vid)))
    return out


def _one_short(count: Count) -> list[tuple[str, str]]:
    """Beside a charge made out: the act, means or purpose that would complete another base part of the offence,
    all of whose other elements are met. (An undecided offence lists what it lacks in `to_prove`.)"""
    out: list[tuple[str, str]] = []
    if count.trafficking != "yes":
        return out
    for ac in count.candidates:
        if ac.article != count.principal:
            continue
        for p in ac.parts:
            pending = [d for d in p.decisions if d.status != "met" and d.status != "not_required"]
            if not p.builds_on and len(pending) == 1 and pending[0].status == "to_prove" and \
                    pending[0].slot in TERM_SLOTS:
                out += [(vid, pending[0].slot) for vid in pending[0].to_prove]
    return out


def _with_victims(case: Case, mine: list[int], **update) -> Case:
    """The case with these victims' facts updated (none listed: the one victim the case is about)."""
    mine = mine or [0]
    edited = [v.model_copy(update=update) if i in mine else v for i, v in enumerate(case.facts.victims or [Victim()])]
    return case.with_facts(case.facts.model_copy(update={"victims": edited}))


def _count_of(counts: list[Count], victims: list[int]) -> Count | None:
    """The count these victims are in (with a fact added, they may have joined another's)."""
    return next((c for c in counts if set(victims or [0]) <= set(c.victims)), None)


def _settled(c: Count, ch: Charge) -> bool:
    """A charge of the count that stands as given: final, and (its trafficking charge) made out."""
    return ch.final and (ch is not c.charge or c.trafficking == "yes")


def _half_stated(reader: _Reader, at: _Point, case: Case, counts: list[Count]) -> None:
    """The charge each half-stated fact would bring, stated whole: a victim whose minority is not stated, if a
    minor the offender was aware of (the `minor_unknown` caveat); a pregnancy, if he knew of it (a charge the
    case does not have yet, trafficking or related; else a charge it has, final now and not then: reason
    `open`). The caveat cites the part when that charge would be settled, else the article."""
    had = {ch.citation for c in counts for ch in _charges(c).values() if ch}
    final = {ch.citation for c in counts for ch in _charges(c).values() if ch and ch.final}
    for count in counts:
        minor = next((k for k in count.caveats if k.kind == "minor_unknown"), None)
        if minor is not None:
            child = _count_of(reader.counts(at, _with_victims(case, count.victims, minor=True, age=None,
                                                              knew_age=True)), count.victims)
            if child is not None and child.charge is not None and child.charge.article == minor.article:
                minor.where = child.charge.citation if _settled(child, child.charge) else None
        pregnant = [j for j in count.victims if case.facts.victims[j].pregnant
                    and case.facts.victims[j].knew_pregnant is None]
        after = reader.counts(at, _with_victims(case, pregnant, knew_pregnant=True)) if pregnant else []
        charges = [(c, ch) for c in after for ch in _charges(c).values() if ch]
        new = next(((c, ch) for c, ch in charges if ch.citation not in had), None)
        opened = next((ch for _, ch in charges if ch.citation in final and not ch.final), None)
        if new is not None:
            count.caveats.append(Caveat(kind="knew_pregnant_unknown", changes="charge", article=new[1].article,
                                        where=new[1].citation if _settled(*new) else None))
        elif opened is not None:
            count.caveats.append(Caveat(kind="knew_pregnant_unknown", changes="charge", article=opened.article,
                                        where=opened.citation, reason="open"))


def _what_if(reader: _Reader, at: _Point, case: Case, counts: list[Count]) -> None:
    for count in counts:
        count.what_if = []
        before = _count_key(count)
        for vid, changed in _flips(case, count):
            after = _count_of(reader.counts(at, changed), count.victims)
            if after is not None and _count_key(after) != before:
                count.what_if.append(WhatIf(add=vid, answer=_count_key(after)))


# -- the law in time --------------------------------------------------------------------------------------------------


def _milder_law(snap: Snapshot) -> MilderLaw:
    def ref(name: str) -> RuleRef | None:
        v = snap.fact(name).version
        if v is None or v.exists is not True:
            return None
        return RuleRef(article=None if v.article in (None, UNKNOWN) else v.article, grade=v.confidence,
                       sources=cite(snap.kb, [s for s in v.sources if s.role == "rests_on"]), basis=v.basis)

    return MilderLaw(rule=ref("milder_law"), comparison=ref("milder_law_comparison"))


def _weight(r: Range | None) -> tuple[int, int] | None:
    if r is None or r.last_known or UNKNOWN in (r.min_months, r.max_months) or r.max_months is None:
        return None
    top = 10**6 if r.max_months == "life" else r.max_months
    return top, 10**6 if r.max_months == "life" else (r.min_months or 0)


def _side(c: Charge) -> Side:
    return Side(part=c.part, items=c.items, range=c.range)


def _charges(c: Count) -> dict[str, Charge | None]:
    out: dict[str, Charge | None] = {}
    if c.charge:
        out[c.charge.article] = c.charge
    for x in c.cumulative:
        out.setdefault(x.article, x.charge)
    for o in c.other:
        out.setdefault(o.article, o)
    return out


def _time(then: list[Count], later: list[tuple[list[Assumption], list[Count]]], law: MilderLaw) -> list[TimeRow]:
    rows = []
    for i, count in enumerate(then):
        for article, charge in _charges(count).items():
            if charge is None:
                continue
            for assumed, counts in later:
                now = _charges(counts[i]).get(article) if i < len(counts) else None
                head = dict(count=i + 1, article=article, then=_side(charge), now=_side(now) if now else None,
                            now_assumed=assumed)
                a, b = _weight(charge.range), _weight(now.range if now else None)
                if law.rule is None or law.comparison is None:
                    rows.append(TimeRow(**head, milder="unknown", reason="rule_not_encoded"))
                elif now is None:
                    undecided = i < len(counts) and any(ac.article == article and ac.status == "undecided"
                                                        for ac in counts[i].candidates)
                    rows.append(TimeRow(**head, milder="unknown",
                                        reason="undecided_later" if undecided else "not_made_out_later"))
                elif (now.part, now.act) == (charge.part, charge.act):
                    rows.append(TimeRow(**head, milder="same", reason="same_law"))
                elif a is None or b is None:
                    rows.append(TimeRow(**head, milder="unknown", reason="range_unknown"))
                else:
                    milder = "later" if b < a else "same" if b == a else "offence_date"
                    rows.append(TimeRow(**head, milder=milder, reason={"later": "lower", "same": "same",
                                                                       "offence_date": "not_lower"}[milder]))
    return rows


def _time_caveats(counts: list[Count], rows: list[TimeRow]) -> None:
    """One caveat per count and kind: the charges whose later law is milder, or cannot be compared."""
    for row in rows:
        if row.milder in ("later", "unknown") and row.reason != "rule_not_encoded":
            kind = "later_milder" if row.milder == "later" else "milder_unknown"
            where = f"{row.article}.{row.then.part}" + (f".{','.join(row.then.items)}" if row.then.items else "")
            caveats = counts[row.count - 1].caveats
            same = next((k for k in caveats if k.kind == kind and k.reason == row.reason), None)
            if same is None:
                caveats.append(Caveat(kind=kind, changes="range", article=row.article, parts=[where], reason=row.reason))
            elif where not in same.parts:
                same.parts.append(where)
    for count in counts:  # those that could change the charge first, then the range (a stable sort)
        count.caveats.sort(key=lambda k: k.changes != "charge")


# -- the case ---------------------------------------------------------------------------------------------------------


def _victims(case: Case, snap: Snapshot) -> list[VictimView]:
    limit, grade = _majority(snap)
    out = []
    for v in case.facts.victims:
        by_age = v.age is not None and limit is not None
        out.append(VictimView(age=v.age, minor=v.age < limit if by_age else v.minor, by_age=by_age,
                              majority=limit if by_age else None, grade=grade if by_age else None,
                              knew_age=v.knew_age, count=v.count))
    return out


def qualify(kb, case: Case, compare_on: dt.date, name: str = "", what_if: bool = True) -> CaseResult:
    """The case on its date; Tie when a fuzzy term's near candidates would give another answer. `what_if`:
    also what one more fact would change (most of the engine's work: the case is read again per fact)."""
    reader = _Reader(kb, case.facts.date)
    later = _Reader(kb, compare_on)
    _refuse_ties(reader, case)
    milder = _milder_law(later.points[0].snap)
    readings = []
    child = reader.points[0].law.child
    for cond, assumed_case, groups in _readings(reader, case):
        for assumed, pts, counts in groups:
            now = [(a, c) for a, _, c in _group(later, assumed_case, _after(later, pts))]
            if cond is not None and cond.value:
                for c in counts:
                    if c.charge and c.charge.article == child and set(c.victims) & set(cond.victims):
                        c.to_prove.insert(0, ToProve(what="knew_age", article=c.charge.article, rule=cond.rule,
                                                     grade=cond.grade))
            _half_stated(reader, pts[0], assumed_case, counts)
            if what_if:
                _what_if(reader, pts[0], assumed_case, counts)
            rows = _time(counts, now, milder)
            _time_caveats(counts, rows)
            readings.append(Reading(assumed=assumed, facts=[cond] if cond else [], counts=counts, time=rows))
    return CaseResult(name=name, on=case.facts.date, compare_on=compare_on, victims=_victims(case, reader.points[0].snap),
                      understood=[t.understood for t in case.terms if t.understood], readings=readings,
                      milder_law=milder)


def _after(later: _Reader, pts: list[_Point]) -> list[_Point]:
    """The points of the later date that can follow one of these (all of them, should none follow)."""
    return [q for q in later.points if any(q.point.follows(p.point) for p in pts)] or later.points


def _refuse_ties(reader: _Reader, case: Case) -> None:
    ties = [t for t in case.terms if t.understood and t.understood.how == "fuzzy" and t.understood.also]
    if not ties:
        return
    base = repr(_outcome(reader, case))
    for t in ties:
        if any(repr(_outcome(reader, case.swap(t, alt))) != base for alt in t.understood.also):
            ids = [t.id, *t.understood.also]
            terms = reader.kb.vocabulary.terms
            raise Tie(t, ids, {i: terms[i].label.pick("en") for i in ids if i in terms and terms[i].label.pick("en")})


def against_draft(kb, drafted, act: str, case: Case) -> DraftResult:
    """The case as if committed when the draft takes effect: the law then, with and without the draft."""
    from .timeline import act_when

    on = act_when(drafted.acts[act]).earliest
    moved = case.with_facts(case.facts.model_copy(update={"date": on}))
    before = qualify(kb, moved, on, what_if=False).readings  # (the answers are compared, not the what-ifs)
    after = qualify(drafted, moved, on, what_if=False).readings
    a, b = answers(before), answers(after)
    key = [[c.model_dump() for c in x.counts] for x in a], [[c.model_dump() for c in x.counts] for x in b]
    return DraftResult(act=act, on=on, before=a, after=b, flipped=key[0] != key[1])


# -- scenarios: --check -------------------------------------------------------------------------------------------


def check_expect(result: CaseResult, expect: list[tuple[Expect, frozenset[str]]]) -> CheckResult:
    """Compare the answer with a scenario's expectations, each with the keys it gives (only those count)."""
    out: list[Mismatch] = []
    if len(expect) != len(result.readings):
        out.append(Mismatch(reading=0, key="readings", expected=str(len(expect)), got=str(len(result.readings))))
    for n, ((want, keys), reading) in enumerate(zip(expect, result.readings), 1):
        if want.count > len(reading.counts):  # a count the reading does not have
            out.append(Mismatch(reading=n, key="count", expected=str(want.count), got=str(len(reading.counts))))
            continue
        got = _observed(reading, want.count)
        for key in sorted(keys - {"count"}):
            expected, actual = _norm(key, getattr(want, key)), got.get(key)
            if expected != actual:
                out.append(Mismatch(reading=n, key=key, expected=str(expected), got=str(actual)))
    return CheckResult(ok=not out, mismatches=out)


def _observed(reading: Reading, count_no: int) -> dict:
    cond = {f.fact: f.value for f in reading.facts} | {a.act: a.in_force for a in reading.assumed}
    c = reading.counts[count_no - 1]
    ch = c.charge
    to_prove = sorted({"knew_age" for f in reading.facts if f.value and set(f.victims) & set(c.victims)}
                      | {i for t in c.to_prove for i in t.any_of})
    return {"condition": cond, "trafficking": c.trafficking, "charge": ch.citation if ch else None,
            "final": ch.final if ch else None, "range": _range_text(ch.range if ch else None),
            "last_known": _range_text(ch.range, last=True) if ch and ch.range and ch.range.last_known else None,
            "grade": ch.grade if ch else c.grade, "to_prove": to_prove,
            "cumulative": sorted(b.citation for b in _count_key(c).cumulative),
            "other": sorted(o.citation for o in c.other)}


def _norm(key: str, value):
    if key in ("to_prove", "cumulative", "other"):
        return sorted(value)
    if key in ("range", "last_known") and isinstance(value, str):  # "4y – 7y" as "4y-7y"
        return " ".join(value.replace("–", "-").replace(" - ", "-").split())
    return value


def report(kb, cases: list[CaseResult], invalid: list[InvalidFile]) -> QualifyResult:
    """The cases with the names of the rules, acts and vocabulary ids they use."""
    used: set[str] = set()

    def walk(x) -> None:
        if isinstance(x, dict):
            used.update(v for k, v in x.items() if k == "rule" and isinstance(v, str))
            for v in x.values():
                walk(v)
        elif isinstance(x, list):
            for v in x:
                walk(v)

    walk([c.model_dump(mode="json") for c in cases])
    names = {}
    ins = kb.instruments.get(kb.mapping.roles.case_law) if kb.mapping else None
    for p in roles.rules(kb):
        if p.id in used:
            names[p.id] = RuleName(id=p.id, instrument=ins.id, number=None if ins.number in (None, UNKNOWN)
                                   else ins.number, paragraph=None if p.paragraph in (None, UNKNOWN) else p.paragraph,
                                   tag=p.id.rsplit(".", 1)[-1].split("_")[0], grade=p.confidence)
    return named(kb, QualifyResult(cases=cases, invalid=invalid, rules=names, acts={}, labels={}))
