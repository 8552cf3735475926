"""`qualify`: from the facts of a case to article, part and items, the range that applies and why.

For each of the eight articles, against the law in force on the offence date (kb/offence.py): is the base
offence made out, which qualifying parts and items apply, and so the most serious part, its penalty and
crime category. Here the articles are put together: the child offence displaces the adult one, the
resolution's rules on cumulative qualification add offences, victims of different kinds become separate
counts. Nothing is guessed: a part whose elements or penalty are unknown is reported as unknown, and facts
that may fall under a part the KB does not have are listed as open.

Time: a date inside an amending act's in-force window gives one reading per possibility. The law of the
offence date is compared with the law in force on `today` (milder law); which applies is said, with the
caveat that the General Part rule behind it is not encoded. What one more fact would change is computed by
flipping each unknown or false fact and running the case again.
"""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import replace
from typing import Literal

from pydantic import BaseModel

from .facts import Case, Understood, Victim
from .load import KB
from .lookup import PenaltyView, act_name
from .model import UNKNOWN, Confidence, Elements
from .offence import EXPLOITATION, MINOR, ArticleCheck, Candidate, Chosen, Law, Profile, RuleUse, Tri, Use, weakest
from .timeline import act_start, pending

# The facts' flags and the vocabulary ids they establish.
FLAGS = {
    "group_prior_agreement": "circ.group_prior_agreement", "criminal_group": "circ.criminal_group",
    "official_position": "circ.official_position", "parent_or_educator": "circ.parent_or_educator",
    "repeatedly": "circ.repeatedly", "mercenary_motive": "circ.mercenary_motive", "cross_border": "circ.cross_border",
    "death_by_negligence": "circ.death_by_negligence", "grave_consequences": "circ.grave_consequences",
}
MILDER_LAW_NOTE = (
    "Retroactivity of the milder law is a rule of the Code's General Part that the knowledge base does not yet "
    "encode (confidence: unverified): tipkb compares the law of the offence date with the law in force on the "
    "comparison date only, and cites no article for the rule.")


# -- result objects --------------------------------------------------------------------------------------


class Cumulative(BaseModel):
    citations: list[str]
    russian: str
    rule: str
    confidence: Confidence
    why: str


class Unused(BaseModel):
    fact: str
    why: str


class TimeRow(BaseModel):
    count: int
    article: str
    then: str
    then_range: str
    now: str
    now_range: str
    now_condition: str | None
    milder: Literal["offence_date", "today", "same", "unknown"]
    applies: str
    why: str


class WhatIf(BaseModel):
    facts: list[str]  # any one of them would make the change
    before: str
    after: str

    def __str__(self) -> str:
        return f"if {' or '.join(self.facts)}: {self.after} instead of {self.before}"


class CountResult(BaseModel):
    victims: str
    trafficking: Tri
    qualification: list[Chosen]  # the principal offence first, then the cumulative ones
    summary: str  # "ст. 128 ч. 1 + ст. 308", or why nothing applies
    candidates: list[Candidate]  # ranked
    cumulative: list[Cumulative]
    also_made_out: list[str]  # made out too, with no encoded rule on how they combine
    unused: list[Unused]
    rules: list[str]  # ids of the resolution's rules this count relied on
    notes: list[str]


class ReadingResult(BaseModel):
    condition: str | None  # which reading, when the offence date falls in an act's in-force window
    counts: list[CountResult]
    rules: list[RuleUse]
    time: list[TimeRow]
    what_if: list[WhatIf]
    notes: list[str]


class QualifyResult(BaseModel):
    on: dt.date
    today: dt.date
    understood: list[Understood]
    ambiguous: bool
    readings: list[ReadingResult]
    milder_law: str
    notes: list[str]

# -- victims ------------------------------------------------------------------------------------------------


def _is_minor(v: Victim, threshold: int | None) -> bool | None:
    if v.age is not None and threshold is not None:
        return v.age < threshold
    return v.minor


def profiles(case: Case, law: Law) -> list[Profile]:
    """The victims, grouped by what decides the article: minor or not, and whether the offender knew."""
    threshold, _, _ = law.majority()
    if not case.victims:
        return [Profile("victim not described", None, None, None, None, ())]
    groups: dict[tuple, list[Victim]] = {}
    for v in case.victims:
        minor = _is_minor(v, threshold)
        groups.setdefault((minor, v.knew_age if minor else None), []).append(v)
    out = []
    for (minor, knew), vs in groups.items():
        count = sum(v.count for v in vs)
        ages = tuple(v.age for v in vs if v.age is not None)
        preg = [v.pregnant and v.knew_pregnant for v in vs if v.pregnant]
        pregnant = True if any(p is True for p in preg) else (None if preg else False)
        kind = {True: "minor", False: "adult", None: "whether a minor is not established"}[minor]
        who = f"{count} victims" if count > 1 else "1 victim"
        age = f", aged {', '.join(map(str, ages))}" if ages else ""
        out.append(Profile(f"{who} ({kind}{age})", minor, knew, pregnant, count, ages))
    return out


def established(case: Case, profile: Profile) -> dict[str, Use]:
    out: dict[str, Use] = {}
    for slot in ("acts", "means", "purposes"):
        for vid in getattr(case, slot):
            out[vid] = Use(vid, f"{slot}: {vid}")
    for name, vid in FLAGS.items():
        if getattr(case, name) is True:
            out.setdefault(vid, Use(vid, name))
    if case.organs_removed:
        out.setdefault("act.organ_removal", Use("act.organ_removal", "organs_removed"))
    if case.involved_in_prostitution:
        out.setdefault("act.involvement", Use("act.involvement", "involved_in_prostitution"))
        out.setdefault("purpose.prostitution_of_others",
                       Use("purpose.prostitution_of_others", "involved_in_prostitution", trafficking=False))
    if profile.pregnant:
        out["circ.victim_pregnant"] = Use("circ.victim_pregnant", "victims: pregnant, known to the offender")
    if profile.count and profile.count >= 2:
        out["circ.two_or_more_victims"] = Use("circ.two_or_more_victims", f"victims: {profile.count}")
    if profile.minor:
        out[MINOR] = Use(MINOR, f"victims: {profile.label}")
    return out

# -- one count: the victims of one kind ------------------------------------------------------------------------


def _aggravating(kb: KB) -> set[str]:
    """Ids that can aggravate: every means and circumstance, and the purposes a qualifying part names."""
    out = {vid for vid in kb.vocabulary.terms if vid.startswith(("means.", "circ.")) and vid != MINOR}
    for art in kb.articles.values():
        for part in art.parts:
            if not part.builds_on:
                continue
            for v in [*part.versions, *(iv for item in part.items for iv in item.versions)]:
                if isinstance(v.elements, Elements):
                    out.update(v.elements.purposes)
    return out


def _max(chosen: Chosen | None) -> int | None:
    if chosen is None or not isinstance(chosen.penalty, PenaltyView) or chosen.penalty.main == UNKNOWN:
        return None
    tops = [m.max_months for m in chosen.penalty.main if m.kind == "imprisonment"]
    if any(m.kind == "life_imprisonment" for m in chosen.penalty.main):
        return 10**6
    return max(tops) if tops and all(isinstance(t, int) for t in tops) else None


def _count(law: Law, case: Case, profile: Profile, aggravating: set[str]) -> CountResult:
    uses = established(case, profile)
    checks = {n: ArticleCheck(law, art, uses, profile, aggravating) for n, art in law.kb.articles.items()}
    cands = {n: c.run() for n, c in checks.items()}
    for n, cand in cands.items():
        if cand.chosen:
            cand.chosen.title = cand.title
    notes: list[str] = []
    adult, child = cands.get(law.adult or ""), cands.get(law.child or "")
    principal = None
    if child and child.status == "made_out":
        principal = child
        if adult and adult.status == "made_out":
            rule = law.rule("minor_knowledge_required")
            adult.status, adult.displaced_by = "displaced", child.article
            adult.why = (f"displaced by Art. {child.article}, the offence against a minor"
                         + (f" ({rule.id})" if rule else ""))
    elif adult and adult.status == "made_out":
        principal = adult
        rule = law.rule("minor_knowledge_required")
        if profile.minor and rule is not None and adult.chosen is not None:
            law.use(rule, "Art. 135 only if the offender knew the victim was a minor; else Art. 128")
            adult.chosen.confidence = weakest(adult.chosen.confidence, rule.confidence)
            adult.chosen.notes.append(f"Art. {law.adult} rather than {law.child} for a minor victim rests on {rule.id}")
    trafficking: Tri = True if principal else (
        "unknown" if any(c and c.status == "unknown" for c in (adult, child)) else False)

    qualification: list[Chosen] = [principal.chosen] if principal else []
    cumulative: list[Cumulative] = []
    covered = {principal.article} if principal else set()

    heads: list[str] = [principal.chosen.headline] if principal else []
    extra_used: set[str] = set()

    def add(rule_token: str, target: Candidate | None, why: str, effect: str, facts: tuple[str, ...] = ()) -> None:
        rule = law.rule(rule_token)
        if rule is None or target is None or principal is None:
            return
        law.use(rule, effect)
        covered.add(target.article)
        extra_used.update(facts)
        if target.chosen:
            qualification.append(target.chosen)
            tail, tail_ru = target.chosen.citation, target.chosen.russian
            heads.append(target.chosen.headline)
        else:
            tail = f"{target.article} (part unknown: {target.why})"
            tail_ru = f"ст. {target.article}"
            heads.append(f"ст. {target.article} (part unknown)")
        first = principal.chosen
        cites = [first.citation, tail] if rule_token != "cumulative_kidnapping_trafficking" else [tail, first.citation]
        rus = [first.russian, tail_ru] if rule_token != "cumulative_kidnapping_trafficking" else [tail_ru, first.russian]
        cumulative.append(Cumulative(citations=cites, russian=" + ".join(rus), rule=rule.id,
                                     confidence=rule.confidence, why=why))

    if principal is not None:
        if case.involved_in_prostitution:
            target = cands.get("134") if principal.article == law.child else cands.get("308")
            add("cumulative_trafficking_prostitution", target,
                "the victim was then involved in prostitution", "trafficking, then involvement in prostitution: both",
                ("act.involvement", "purpose.prostitution_of_others"))
        for number in ("125", "126"):
            cand = cands.get(number)
            if cand and cand.status == "made_out" and cand.chosen and cand.chosen.part == "3" \
                    and "2" in cand.chosen.items:
                add("cumulative_kidnapping_trafficking", cand,
                    f"Art. {number} part 3 item 2 (for the purpose of exploitation), then trafficking",
                    "kidnapping or deprivation of liberty for exploitation, then trafficking: both")
        if case.organs_removed:
            add("cumulative_organs", cands.get("116"), "organs were removed (or removal was coerced)",
                "trafficking for organs, then removal: Art. 116 as well", ("act.organ_removal",))
    ranked = _rank(cands, principal)
    also_made_out = [c.chosen.citation for c in ranked if c.status == "made_out" and c.article not in covered]
    if principal is None:
        made = [c for c in ranked if c.status == "made_out"]
        qualification = [c.chosen for c in made]
        if len(made) > 1:
            notes.append("several articles are made out and no encoded rule says how they combine; all are listed")
        also_made_out = []
    elif also_made_out:
        notes.append(f"also made out: {', '.join(also_made_out)}; no encoded rule says whether it is charged "
                     f"together with Art. {principal.article} or absorbed by it")
    if not qualification:
        undecided = [c.article for c in ranked if c.status == "unknown"]
        summary = (f"cannot tell: whether Art. {', '.join(undecided)} is made out depends on law the KB does not "
                   f"encode (see the notes)") if undecided else "no offence among the eight is made out on these facts"
        for c in ranked:
            if c.status == "unknown":
                notes.append(f"Art. {c.article} cannot be checked: {c.why}")
    else:
        summary = " + ".join(heads if principal else [q.headline for q in qualification])
    used = extra_used.union(*(checks[q.article].consumed for q in qualification))
    unused = _unused(law, uses, used, principal, profile, ranked)
    relevant = {law.adult, law.child, *(q.article for q in qualification)}
    rules = sorted(set().union(*(checks[a].rules for a in relevant if a in checks)))
    return CountResult(victims=profile.label, trafficking=trafficking, qualification=qualification, summary=summary,
                       candidates=ranked, cumulative=cumulative, also_made_out=also_made_out, unused=unused,
                       rules=rules, notes=notes)


def _rank(cands: dict[str, Candidate], principal: Candidate | None) -> list[Candidate]:
    order = {"made_out": 0, "unknown": 1, "displaced": 2, "not_made_out": 3}

    def key(c: Candidate):
        top = _max(c.chosen)
        return (c is not principal, order[c.status], top is None, -(top or 0), int(c.article.split("-")[0]))

    return sorted(cands.values(), key=key)


def _unused(law: Law, uses: dict[str, Use], used: set[str], principal: Candidate | None,
            profile: Profile, ranked: list[Candidate]) -> list[Unused]:
    out = []
    open_ids = set(principal.open_facts) if principal else set()
    for use in uses.values():
        if use.id in used or use.id == MINOR:
            continue
        if use.id in open_ids:
            why = f"may fall under a part of Art. {principal.article} the knowledge base does not encode"
        else:
            failed = [c for c in ranked if c.status == "not_made_out" and any(
                use.id in e.required or any(m.startswith(f"{use.id} ") for m in e.matched)
                for p in c.parts for e in p.elements)]
            why = "; ".join(f"Art. {c.article}: {c.why}" for c in failed) or \
                "no encoded element of the applicable articles uses it"
        out.append(Unused(fact=f"{use.fact} ({law.label(use.id)})", why=why))
    if profile.minor and profile.knew is not True and principal and principal.article == law.adult:
        out.append(Unused(fact="the victim is a minor",
                          why="the offender's knowledge of the age is not established, so Art. "
                              f"{law.child} does not apply"))
    return out

# -- readings, time, what-if -------------------------------------------------------------------------------------


def _acts_pending(kb: KB, on: dt.date) -> list[str]:
    found: set[str] = set()
    code = kb.code
    for versions in (code.age_of_majority, code.crime_categories, code.exploitation):
        found |= pending(versions, on, kb.acts)
    for art in kb.articles.values():
        for part in art.parts:
            found |= pending(part.versions, on, kb.acts)
            for item in part.items:
                found |= pending(item.versions, on, kb.acts)
    return sorted(found, key=lambda a: (act_start(kb.acts[a]).earliest, a))


def _describe(kb: KB, act: str, state: bool) -> str:
    when = act_start(kb.acts[act])
    return f"Law {act_name(kb.acts[act])} (in force {when}) {'had' if state else 'had not yet'} come into force"


def _assumptions(kb: KB, on: dt.date) -> tuple[list[str], list[tuple[bool, ...]]]:
    """The acts whose in-force window is open on the date, and every combination of their states."""
    acts = _acts_pending(kb, on)
    return acts, list(itertools.product((False, True), repeat=len(acts)))


def _condition(kb: KB, acts: list[str], members: list[tuple[bool, ...]]) -> str:
    """'if Law X had come into force', naming only the acts whose state makes a difference to this reading."""
    group = set(members)
    relevant = [i for i in range(len(acts))
                if not all((*m[:i], not m[i], *m[i + 1:]) in group for m in group)]
    combos = sorted({tuple(m[i] for i in relevant) for m in group})
    return ", or ".join("if " + " and ".join(_describe(kb, acts[i], c[j]) for j, i in enumerate(relevant))
                        for c in combos)


def _readings(kb: KB, case: Case, on: dt.date, aggravating: set[str]):
    """One (condition, law, counts) per distinct outcome on `on`; the condition is None when there is one."""
    acts, combos = _assumptions(kb, on)
    groups: dict[tuple, list] = {}
    for states in combos:
        assume = frozenset(a for a, st in zip(acts, states) if st)
        law, counts = _evaluate(kb, case, on, assume, aggravating)
        groups.setdefault(_key(counts), [law, counts, []])[2].append(states)
    single = len(groups) == 1
    return [(None if single else _condition(kb, acts, members), law, counts) for law, counts, members in groups.values()]


def _evaluate(kb: KB, case: Case, on: dt.date, assume: frozenset[str], aggravating: set[str]):
    law = Law(kb, on, assume)
    counts = [_count(law, case, p, aggravating) for p in profiles(case, law)]
    return law, counts


def _key(counts: list[CountResult]) -> tuple:
    return tuple((c.trafficking, c.summary, tuple((q.citation, q.range) for q in c.qualification)) for c in counts)


def _summary(counts: list[CountResult]) -> str:
    return "; ".join(c.summary for c in counts)


def _flips(case: Case, law: Law) -> list[tuple[str, Case]]:
    out: list[tuple[str, Case]] = []
    threshold, _, _ = law.majority()
    victims = list(case.victims)
    minors = [v for v in victims if _is_minor(v, threshold)]
    if minors and any(v.knew_age is not True for v in minors):
        ages = sorted({v.age for v in minors if v.age is not None})
        was = f"was {', '.join(map(str, ages))}" if ages else "was a minor"
        out.append((f"the offender knew the victim {was}",
                    replace(case, victims=tuple(v.model_copy(update={"knew_age": True}) if v in minors else v
                                                for v in victims))))
    if not victims or all(_is_minor(v, threshold) is None for v in victims):
        base = victims or [Victim()]
        out.append(("the victim was a minor and the offender knew it",
                    replace(case, victims=tuple(v.model_copy(update={"minor": True, "knew_age": True, "age": None})
                                                for v in base))))
    if victims and not any(v.pregnant and v.knew_pregnant for v in victims):
        out.append(("the victim was pregnant and the offender knew it",
                    replace(case, victims=(victims[0].model_copy(update={"pregnant": True, "knew_pregnant": True}),
                                           *victims[1:]))))
    if sum(v.count for v in victims) < 2:
        base = victims[0] if victims else Victim()
        out.append(("there were two or more victims",
                    replace(case, victims=(base.model_copy(update={"count": 2}), *victims[1:]))))
    words = {
        "group_prior_agreement": "it was done by a group of persons by prior agreement",
        "criminal_group": "it was done by a criminal group", "official_position": "an official used his position",
        "parent_or_educator": "the offender was a parent or educator of the minor",
        "repeatedly": "it was a repeated offence", "mercenary_motive": "the motive was mercenary",
        "cross_border": "the victim was taken across the border",
        "death_by_negligence": "the victim died through negligence",
        "grave_consequences": "it had other grave consequences",
        "organs_removed": "organs were removed", "involved_in_prostitution": "the victim was then involved in prostitution",
    }
    for name, text in words.items():
        if getattr(case, name) is not True:
            out.append((text, replace(case, **{name: True})))
    if EXPLOITATION not in case.purposes:
        out.append(("the purpose of exploitation is proved", replace(case, purposes=(*case.purposes, EXPLOITATION))))
    return out


def _what_if(kb: KB, case: Case, on: dt.date, assume: frozenset[str], aggravating: set[str],
             before: list[CountResult], law: Law) -> list[WhatIf]:
    changes: dict[str, list[str]] = {}
    for text, changed in _flips(case, law):
        _, after = _evaluate(kb, changed, on, assume, aggravating)
        if _key(after) != _key(before):
            changes.setdefault(_summary(after), []).append(text)
    return [WhatIf(facts=texts, before=_summary(before), after=after) for after, texts in changes.items()]


def _range_key(chosen: Chosen) -> tuple[int, int] | None:
    pv = chosen.penalty
    if not isinstance(pv, PenaltyView) or pv.main == UNKNOWN:
        return None
    if any(m.kind == "life_imprisonment" for m in pv.main):
        return (10**6, 10**6)
    prison = [m for m in pv.main if m.kind == "imprisonment"]
    if not prison or any(m.max_months in (None, UNKNOWN) or m.min_months == UNKNOWN for m in prison):
        return None
    return max(m.max_months for m in prison), min(m.min_months or 0 for m in prison)


def _time(then: list[CountResult], now: list[tuple[str | None, list[CountResult]]]) -> list[TimeRow]:
    rows = []
    for i, count in enumerate(then):
        for q in count.qualification:
            for condition, counts in now:
                later = counts[i] if i < len(counts) else None
                cand = next((c for c in later.candidates if c.article == q.article), None) if later else None
                head = dict(count=i + 1, article=q.article, then=q.russian, then_range=q.range,
                            now_condition=condition)
                if cand is None or cand.status == "not_made_out":
                    rows.append(TimeRow(**head, now="not made out", now_range="—", milder="unknown",
                                        applies="the law of the offence date",
                                        why=f"the later law, as encoded, does not make out Art. {q.article} on these "
                                            f"facts ({cand.why if cand else 'not in the KB'}); whether that is a "
                                            f"decriminalisation or a gap in the encoding is not computed"))
                    continue
                if cand.chosen is None:
                    rows.append(TimeRow(**head, now=f"ст. {q.article} ({cand.status})", now_range="unknown",
                                        milder="unknown", applies="the law of the offence date",
                                        why=f"today's qualification under Art. {q.article} cannot be computed: "
                                            f"{cand.why}"))
                    continue
                a, b = _range_key(q), _range_key(cand.chosen)
                head |= dict(now=cand.chosen.russian, now_range=cand.chosen.range)
                if a is None or b is None:
                    which = "the offence date's" if a is None else "today's"
                    rows.append(TimeRow(**head, milder="unknown", applies="the law of the offence date",
                                        why=f"cannot compare: {which} imprisonment range is unknown; the law of the "
                                            f"offence date applies unless a later law is milder, which cannot be "
                                            f"computed here"))
                elif b < a:
                    rows.append(TimeRow(**head, milder="today", applies="the later law",
                                        why="the later law is milder (a lower maximum, or the same maximum and a "
                                            "lower minimum), so it applies retroactively"))
                elif b == a:
                    rows.append(TimeRow(**head, milder="same", applies="the law of the offence date",
                                        why="the same range then and now"))
                else:
                    rows.append(TimeRow(**head, milder="offence_date", applies="the law of the offence date",
                                        why="the later law is not milder, so the law of the offence date applies"))
    return rows


def qualify(kb: KB, case: Case, today: dt.date) -> QualifyResult:
    aggravating = _aggravating(kb)
    now = [(condition, counts) for condition, _, counts in _readings(kb, case, today, aggravating)]
    readings: list[ReadingResult] = []
    for condition, law, counts in _readings(kb, case, case.date, aggravating):
        what_if = _what_if(kb, case, case.date, law.assume, aggravating, counts, law)
        notes = []
        _, basis, _ = law.majority()
        if "not encoded" in basis:
            notes.append(f"Who is a minor: {basis}.")
        wanted = law.general | {r for c in counts for r in c.rules}
        rules = [r for r in law.used.values() if r.id in wanted]
        readings.append(ReadingResult(condition=condition, counts=counts, rules=rules, time=_time(counts, now),
                                      what_if=what_if, notes=notes))
    notes = []
    if today != dt.date.today():
        notes.append(f"The later law is read as in force on {today.isoformat()}.")
    return QualifyResult(on=case.date, today=today, understood=list(case.understood), ambiguous=len(readings) > 1,
                         readings=readings, milder_law=MILDER_LAW_NOTE, notes=notes)
