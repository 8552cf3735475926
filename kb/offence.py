"""One article against the facts of a case: is its base offence made out, element by element; which of its
qualifying parts and items apply; and so its most serious part, with the range and category of that part.

`Law` is the encoded law on one date in one reading (an act whose in-force window covers the date is taken
as in force or not, as the reading says) together with the Supreme Court resolution's rules, found by their
`establishes` tokens. `ArticleCheck` reads one article through it. The engine that puts the articles of a
case together is kb/qualify.py.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel

from .category import max_months
from .citation import Citation
from .lawview import LawView
from .load import KB
from .lookup import PenaltyView, penalty_view
from .model import CONFIDENCE_RANK, UNKNOWN, Article, Confidence, Elements, Part, PartVersion, Provision
from .timeline import under
from .words import additional, punishment

Tri = bool | Literal["unknown"]
MINOR = "circ.victim_minor"
EXPLOITATION = "purpose.exploitation"


# -- result objects for one article ------------------------------------------------------------------------------


class RuleUse(BaseModel):
    id: str
    paragraph: str
    confidence: Confidence
    effects: list[str]  # what it decided here


class ElementCheck(BaseModel):
    slot: str
    required: list[str]
    matched: list[str]  # "id ← the fact that gave it"
    status: Literal["met", "not_met", "not_required", "unknown"]
    why: str
    rule: str | None = None
    confidence: Confidence | None = None  # of the rule or definition the decision rests on


class ItemCheck(BaseModel):
    id: str
    summary: str | None
    applies: Tri
    matched: list[str]
    confidence: Confidence


class PartCheck(BaseModel):
    part: str
    label: str | None
    builds_on: list[str]
    version: str
    confidence: Confidence
    applies: Tri
    why: str
    elements: list[ElementCheck] = []  # a base part: slot by slot
    matched: list[str] = []  # a qualifying part: its own elements that the facts meet
    items: list[ItemCheck] = []
    penalty: str
    max_months: int | str | None


class Chosen(BaseModel):
    """The most serious applicable part of one article, with its range."""

    article: str
    title: str | None
    part: str
    part_label: str | None
    items: list[str]
    citation: str  # 135.2.7; several items: 135.2.1,7
    russian: str  # ст. 135 ч. 2 п. 7
    version: str
    penalty: PenaltyView | Literal["unknown"] | None
    range: str
    additional: str
    category: str
    category_basis: str
    confidence: Confidence  # the weakest fact or rule the choice rests on
    final: bool  # False: facts may fall under a part the KB does not encode
    open_facts: list[str] = []
    also_applies: list[str] = []  # parts that apply too and could not be ranked against this one
    notes: list[str] = []

    @property
    def headline(self) -> str:
        """The citation, with what keeps it from being final."""
        out = self.russian
        if self.also_applies:
            out += " or " + " or ".join(Citation(*a.split(".", 1)).russian() for a in self.also_applies) + \
                " (cannot be ranked)"
        if self.open_facts:
            out += " or a higher part not encoded"
        return out


class Candidate(BaseModel):
    article: str
    title: str | None
    role: str | None  # "adult trafficking offence", "child trafficking offence"
    status: Literal["made_out", "not_made_out", "unknown", "displaced"]
    why: str
    missing: list[str] = []  # the base part's slots not met: "acts", "purposes", "victim" ...
    displaced_by: str | None = None
    incomplete: str | None = None  # the article's `missing` note when the KB lacks parts of it
    open_facts: list[str] = []
    chosen: Chosen | None = None
    parts: list[PartCheck] = []

# -- the law on one date, in one reading --------------------------------------------------------------------


@dataclass(frozen=True)
class Use:
    id: str
    fact: str
    trafficking: bool = True  # False: may not serve as the purpose of a trafficking offence


@dataclass(frozen=True)
class Profile:
    label: str
    minor: bool | None
    knew: bool | None
    pregnant: bool | None  # pregnant and known to be
    count: int | None
    ages: tuple[int, ...]


def weakest(*confs: Confidence | None) -> Confidence:
    known = [c for c in confs if c]
    return min(known, key=CONFIDENCE_RANK.__getitem__) if known else "official"


class Law(LawView):
    """The encoded law on `on`, with the acts in `assume` read as in force where their window is open."""

    def __init__(self, kb: KB, on: dt.date, assume: frozenset[str] = frozenset()):
        super().__init__(kb, on)
        self.assume = assume
        m = self.m
        self.full = {frozenset((e.national, e.protocol)) for e in (m.equivalents if m else []) if e.degree == "full"}
        self.used: dict[str, RuleUse] = {}
        self.general: set[str] = set()

    def v(self, versions):
        return under(versions, self.on, self.kb.acts, self.assume)

    def provision(self, rule_id: str) -> Provision | None:
        return self.case_law.provision(rule_id) if self.case_law else None

    def use(self, rule: Provision, effect: str, scoped: bool = False) -> str:
        """Record that a rule was applied; unscoped uses (not tied to one article's check) are always shown."""
        if not scoped:
            self.general.add(rule.id)
        para = "unknown" if rule.paragraph in (None, UNKNOWN) else rule.paragraph
        known = self.used.setdefault(rule.id, RuleUse(id=rule.id, paragraph=para, confidence=rule.confidence,
                                                      effects=[]))
        if effect not in known.effects:
            known.effects.append(effect)
        return rule.id

    def majority(self) -> tuple[int | None, str, Confidence | None]:
        """The age below which a victim is a minor, and where that comes from. Only the Code's own definition
        counts; where it is not encoded an age decides nothing and the facts must say `minor`."""
        fact = self.v(self.kb.code.age_of_majority)
        if fact is not None and fact.value != UNKNOWN:
            return fact.value, f"the Code's age of majority ({self.version(fact)})", fact.confidence
        return None, ("the Code's definition of a minor is not encoded, so an age alone does not decide it; "
                      "state minor: true (--minor) when it is established"), None

    def same(self, fact: str, element: str) -> bool:
        return fact == element or frozenset((fact, element)) in self.full

# -- one article ---------------------------------------------------------------------------------------------


def _penalty_text(penalty) -> tuple[str, str]:
    if penalty is None:
        return "none stated", "none stated"
    if penalty == UNKNOWN:
        return "unknown", "unknown"
    main = "unknown" if penalty.main == UNKNOWN else \
        " or ".join(punishment(m.kind, m.min_months, m.max_months) for m in penalty.main) or "none"
    extra = "unknown" if penalty.additional == UNKNOWN else \
        "; ".join(additional(a.kind, a.mandatory, a.term_months) for a in penalty.additional) or "none"
    return main, extra


class ArticleCheck:
    def __init__(self, law: Law, art: Article, uses: dict[str, Use], profile: Profile, aggravating: set[str]):
        self.law, self.art, self.uses, self.profile = law, art, uses, profile
        self.number = art.article
        self.trafficking = self.number in (law.adult, law.child)
        self.parts = [(p, law.v(p.versions)) for p in art.parts]
        self.parts = [(p, v) for p, v in self.parts if v is not None]
        self.aggravating = aggravating
        self.consumed: set[str] = set()
        self.rules: set[str] = set()  # the resolution's rules this article's check relied on
        self.undecided: list[str] = []  # stated purposes whose status as exploitation is unknown on the date

    def use(self, rule: Provision, effect: str) -> str:
        self.rules.add(self.law.use(rule, effect, scoped=True))
        return rule.id

    # matching

    def meet(self, element: str) -> tuple[list[Use], str, Confidence | None, str | None]:
        """The facts that meet one element: (uses, why, confidence, rule) - purposes through `purpose`."""
        if element.startswith("purpose."):
            return self.purpose(element)
        return [u for u in self.uses.values() if self.law.same(u.id, element)], "", None, None

    def hits(self, required: list[str]) -> list[tuple[str, Use]]:
        return [(e, u) for e in required for u in self.meet(e)[0]]

    def own_purposes(self) -> dict[str, tuple[str, Confidence]]:
        """Purposes the article's own qualifying parts and items name: each is a purpose of its acts."""
        out = {}
        for part, v in self.parts:
            if not part.builds_on:
                continue
            if isinstance(v.elements, Elements):
                for p in v.elements.purposes:
                    out.setdefault(p, (f"{self.number}.{part.id}", v.confidence))
            for item in part.items:
                iv = self.law.v(item.versions)
                if iv is not None and isinstance(iv.elements, Elements):
                    for p in iv.elements.purposes:
                        out.setdefault(p, (f"{self.number}.{part.id}.{item.id}", iv.confidence))
        return out

    def purpose(self, element: str) -> tuple[list[Use], str, Confidence | None, str | None]:
        """Which facts meet a purpose element: (uses, why, confidence, rule). A purpose stated in the facts
        meets itself; a specific form meets the umbrella 'purpose of exploitation' through the Code's
        definition on the date, else through a purpose the article itself names. Where the definition for
        the date is not encoded, a form it does not otherwise reach is undecided (`self.undecided`), not
        refused. Involvement in prostitution that followed the act is not read back as its purpose."""
        law = self.law
        purposes = [u for u in self.uses.values() if u.id.startswith("purpose.")]
        direct = [u for u in purposes if law.same(u.id, element)]
        if direct:
            return direct, "stated in the facts", None, None
        candidates = [u for u in purposes if u.trafficking]
        if element != EXPLOITATION or not candidates:
            return [], "", None, None
        definition = law.v(law.kb.code.exploitation)
        known = definition is not None and definition.elements != UNKNOWN
        if known:
            hit = [u for u in candidates if u.id in definition.elements]
            if hit:
                return hit, f"a form of exploitation in the Code's definition (Art. 3 item 1, {law.version(definition)})", \
                    definition.confidence, None
        own = self.own_purposes()
        hit = [u for u in candidates if u.id in own]
        if hit:
            where = ", ".join(own[u.id][0] for u in hit)
            return hit, f"the article itself names it as an aggravated purpose of its acts ({where})", \
                weakest(*(own[u.id][1] for u in hit)), None
        stated = ", ".join(law.label(u.id) for u in candidates)
        if known:
            return [], f"{stated}: not a form of exploitation in the Code's definition ({law.version(definition)})", \
                None, None
        self.undecided = [u.id for u in candidates]
        return [], (f"whether {stated} was a form of exploitation on this date is unknown: the Code's definition "
                    f"(Art. 3 item 1) for the date is not encoded; if it is established, state the purpose as "
                    f"'exploitation'"), None, None

    # the base part

    def base(self, part: Part, v: PartVersion) -> PartCheck:
        law, checks = self.law, []
        main, _ = _penalty_text(penalty_view(law.kb, v.penalty, law.on))
        head = dict(part=part.id, label=part.label, builds_on=part.builds_on, version=law.version(v),
                    confidence=v.confidence, penalty=main, max_months=max_months(v.penalty))
        if not isinstance(v.elements, Elements):
            return PartCheck(**head, applies="unknown", why="the elements of this part are not encoded")
        el = v.elements
        acts = self.hits(el.acts)
        matched_acts = {e for e, _ in acts}
        self.consumed.update(u.id for _, u in acts)
        if el.acts:
            checks.append(ElementCheck(
                slot="acts", required=el.acts, matched=[f"{e} ← {u.fact}" for e, u in acts],
                status="met" if acts else "not_met",
                why=("one act suffices" if acts else "none of the part's acts is among the facts")))
            if acts and self.trafficking and (rule := law.rule("one_act_suffices")):
                checks[-1].rule = self.use(rule, "one listed act is enough for part 1")
                checks[-1].confidence = rule.confidence
        if el.purposes:
            checks.append(self._purpose_check(el.purposes, matched_acts))
        if el.victim:
            checks.append(self._victim_check(el.victim))
        for slot in ("means", "circumstances"):
            required = getattr(el, slot)
            if required:
                h = self.hits(required)
                self.consumed.update(u.id for _, u in h)
                checks.append(ElementCheck(slot=slot, required=required, matched=[f"{e} ← {u.fact}" for e, u in h],
                                           status="met" if h else "not_met",
                                           why="one suffices" if h else "none is among the facts"))
        statuses = {c.status for c in checks}
        applies: Tri = False if "not_met" in statuses else ("unknown" if "unknown" in statuses else True)
        missing = [f"{c.slot}: {c.why}" for c in checks if c.status in ("not_met", "unknown")]
        why = "every element is met" if applies is True else "; ".join(missing)
        return PartCheck(**head, applies=applies, why=why, elements=checks)

    def _purpose_check(self, required: list[str], matched_acts: set[str]) -> ElementCheck:
        law = self.law
        uses, why, conf, rule_id = self._any_purpose(required)
        matched = [f"{u.id} ← {u.fact}" for u in uses]
        self.consumed.update(u.id for u in uses)
        no_purpose = law.rule("no_purpose_for_transactions") if self.trafficking else None
        free = sorted(matched_acts & set(no_purpose.elements.acts if no_purpose and no_purpose.elements else []))
        # A sale needs no purpose: take that route unless the purpose is met on firmer ground.
        if free and (not uses or CONFIDENCE_RANK[no_purpose.confidence] > CONFIDENCE_RANK[conf or "official"]):
            self.use(no_purpose, "sale and other transactions need no purpose of exploitation")
            also = f"; the facts also state a purpose ({why})" if uses else ""
            return ElementCheck(slot="purposes", required=required, matched=matched, status="not_required",
                                rule=no_purpose.id, confidence=no_purpose.confidence,
                                why=f"no purpose needs to be proved for {', '.join(law.label(a) for a in free)}{also}")
        if uses:
            return ElementCheck(slot="purposes", required=required, matched=matched, status="met", why=why,
                                rule=rule_id, confidence=conf)
        if self.trafficking:
            need = law.rule("purpose_required_for_other_acts")
            bound = sorted(matched_acts & set(need.elements.acts if need and need.elements else []))
            if bound:
                self.use(need, "recruitment, transportation, transfer, harbouring, receipt and other acts need "
                              "the purpose of exploitation")
                reason = why or "no purpose stated in the facts"
                return ElementCheck(
                    slot="purposes", required=required, matched=[], rule=need.id,
                    status="unknown" if self.undecided else "not_met",
                    confidence=need.confidence,
                    why=f"the purpose of exploitation is required for {', '.join(law.label(a) for a in bound)}; "
                        f"{reason}")
        return ElementCheck(slot="purposes", required=required, matched=[],
                            status="unknown" if self.undecided else "not_met",
                            why=why or "no purpose stated in the facts")

    def _any_purpose(self, required: list[str]):
        reasons = []
        for element in required:
            found = self.purpose(element)
            if found[0]:
                return found
            reasons.append(found[1])
        return [], "; ".join(r for r in reasons if r), None, None

    def _victim_check(self, required: list[str]) -> ElementCheck:
        law, p = self.law, self.profile
        matched, status, why, rule_id, conf = [], "met", [], None, None
        for element in required:
            if element != MINOR:
                h = self.hits([element])
                if h:
                    self.consumed.update(u.id for _, u in h)
                    matched += [f"{e} ← {u.fact}" for e, u in h]
                else:
                    status, why = "not_met", why + [f"{law.label(element)}: not among the facts"]
                continue
            _, basis, basis_conf = law.majority()
            if p.minor is None:
                status = "unknown" if status == "met" else status
                why.append(f"whether the victim is a minor is not stated ({basis})")
                continue
            if p.minor is False:
                status, why = "not_met", why + [f"the victim is not a minor, {basis}"]
                continue
            conf = basis_conf
            knowledge = law.rule("minor_knowledge_required") if self.number == law.child else None
            if knowledge is not None:
                rule_id = self.use(knowledge, "Art. 135 only if the offender knew the victim was a minor; else Art. 128")
                conf = weakest(conf, knowledge.confidence)
                if p.knew is True:
                    matched.append(f"{MINOR} ← {p.label}, and the offender knew")
                    why.append(f"the victim is a minor and the offender knew it ({basis})")
                elif p.knew is False:
                    status, why = "not_met", why + ["the victim is a minor but the offender did not know it"]
                else:
                    status = "unknown" if status == "met" else status
                    why.append("the victim is a minor, but that the offender knew it is not established")
            else:
                matched.append(f"{MINOR} ← {p.label}")
                why.append(f"the victim is a minor ({basis})")
        return ElementCheck(slot="victim", required=required, matched=matched, status=status, why="; ".join(why),
                            rule=rule_id, confidence=conf)

    # a qualifying part

    def qualifying(self, part: Part, v: PartVersion, open_ids: set[str]) -> PartCheck:
        law = self.law
        main, _ = _penalty_text(penalty_view(law.kb, v.penalty, law.on))
        head = dict(part=part.id, label=part.label, builds_on=part.builds_on, version=law.version(v),
                    confidence=v.confidence, penalty=main, max_months=max_months(v.penalty))
        matched, unknown, uses = [], [], []
        if isinstance(v.elements, Elements):
            own = self.hits(v.elements.ids())
            matched, uses = [f"{e} ← {u.fact}" for e, u in own], [u for _, u in own]
        elif v.elements == UNKNOWN:
            unknown.append("its elements are not encoded")
        items = []
        for item in part.items:
            iv = law.v(item.versions)
            if iv is None:
                continue
            if isinstance(iv.elements, Elements):
                h = self.hits(iv.elements.ids())
                uses += [u for _, u in h]
                items.append(ItemCheck(id=item.id, summary=iv.summary, applies=bool(h),
                                       matched=[f"{e} ← {u.fact}" for e, u in h], confidence=iv.confidence))
            else:
                unknown.append(f"the content of item {item.id} is not encoded")
                items.append(ItemCheck(id=item.id, summary=iv.summary, applies="unknown", matched=[],
                                       confidence=iv.confidence))
        if not v.items_complete:
            unknown.append("its list of items is incomplete")
        hit_items = [i for i in items if i.applies is True]
        if matched or hit_items:
            applies: Tri = True
            why = "met by " + "; ".join([*matched, *(f"item {i.id}: {', '.join(i.matched)}" for i in hit_items)])
            self.consumed.update(u.id for u in uses)
        elif unknown and open_ids:
            applies = "unknown"
            why = (f"may apply: {'; '.join(unknown)}, and the facts include "
                   f"{', '.join(law.label(o) for o in sorted(open_ids))}, which no encoded element covers")
        else:
            applies = False
            why = "none of its elements or items is among the facts"
        return PartCheck(**head, applies=applies, why=why, matched=matched, items=items)

    def known_ids(self) -> set[str]:
        """Every vocabulary id an encoded part or item of the article (in force) names."""
        out: set[str] = set()
        for part, v in self.parts:
            if isinstance(v.elements, Elements):
                out.update(v.elements.ids())
            for item in part.items:
                iv = self.law.v(item.versions)
                if iv is not None and isinstance(iv.elements, Elements):
                    out.update(iv.elements.ids())
        return out

    def run(self) -> Candidate:
        law, art = self.law, self.art
        title_v = law.v(art.titles)
        title = title_v.title.en if title_v and title_v.title.en not in (None, UNKNOWN) else None
        role = {law.adult: "adult trafficking offence", law.child: "child trafficking offence"}.get(self.number)
        head = dict(article=self.number, title=title, role=role,
                    incomplete=None if art.complete else art.missing)
        if not self.parts:
            return Candidate(**head, status="not_made_out", why="no part of the article was in force on the date")
        known = self.known_ids()
        facts_known = {u.id for u in self.uses.values()}
        open_ids = {i for i in facts_known if i in self.aggravating
                    and not any(self.law.same(i, k) for k in known)}
        checks: dict[str, PartCheck] = {}
        for part, v in self.parts:
            if not part.builds_on:
                checks[part.id] = self.base(part, v)
        base_ok: Tri = True if any(c.applies is True for c in checks.values()) else \
            ("unknown" if any(c.applies == "unknown" for c in checks.values()) else False)
        if base_ok is not False:
            for part, v in self.parts:  # in file order, so a part's foundations come first
                if part.builds_on:
                    reached = [checks.get(b) for b in part.builds_on]
                    if any(c is not None and c.applies is not False for c in reached):
                        checks[part.id] = self.qualifying(part, v, open_ids)
        ordered = [checks[p.id] for p, _ in self.parts if p.id in checks]
        if base_ok is False:
            base = next(iter(checks.values()), None)
            missing = [e.slot for e in base.elements if e.status == "not_met"] if base else []
            return Candidate(**head, status="not_made_out", why=f"base offence not made out — {base.why if base else ''}",
                             missing=missing, parts=ordered)
        may = any(c.applies == "unknown" for c in ordered)
        open_list = sorted(open_ids) if (open_ids and (not art.complete or may)) else []
        if base_ok == "unknown":
            base = next(iter(checks.values()))
            return Candidate(**head, status="unknown", why=f"base offence not established — {base.why}", parts=ordered,
                             open_facts=open_list)
        chosen = self.choose(ordered, open_list)
        return Candidate(**head, status="made_out", why="the base offence is made out", parts=ordered,
                         open_facts=open_list, chosen=chosen)

    # the most serious part

    def _above(self, upper: str, lower: str) -> bool:
        part = self.art.part(upper)
        if part is None:
            return False
        return lower in part.builds_on or any(self._above(b, lower) for b in part.builds_on if b != upper)

    def choose(self, checks: list[PartCheck], open_list: list[str]) -> Chosen:
        law = self.law
        applied = [c for c in checks if c.applies is True]
        top = [c for c in applied if not any(self._above(o.part, c.part) for o in applied if o is not c)]
        notes: list[str] = []
        also: list[str] = []
        if len(top) > 1:
            known = [c for c in top if isinstance(c.max_months, int) or c.max_months == "life"]
            unknown = [c for c in top if c not in known]

            def weight(c: PartCheck) -> int:
                return 10**6 if c.max_months == "life" else c.max_months

            if unknown:
                pick = max(known, key=weight) if known else top[0]
                also = [f"{self.number}.{c.part}" for c in top if c is not pick]
                notes.append(f"parts {', '.join(c.part for c in top)} apply and none builds on another; the "
                             f"penalty of part {', '.join(c.part for c in unknown)} is unknown, so which is the "
                             f"most serious cannot be computed")
            else:
                pick = max(top, key=weight)
                notes.append(f"parts {', '.join(c.part for c in top)} apply; part {pick.part} has the highest "
                             f"maximum")
            chosen = pick
        else:
            chosen = top[0]
        part = self.art.part(chosen.part)
        v = law.v(part.versions)
        items = [i.id for i in chosen.items if i.applies is True]
        pv = penalty_view(law.kb, v.penalty, law.on)
        main, extra = _penalty_text(pv)
        category, basis = (pv.category, pv.category_basis) if isinstance(pv, PenaltyView) else ("unknown", "no penalty")
        confs = [v.confidence, *(i.confidence for i in chosen.items if i.applies is True)]
        for c in checks:
            if c.applies is True:
                confs += [e.confidence for e in c.elements]
        cite = Citation(self.number, chosen.part)
        russian = cite.russian() + (f" п. {', '.join(items)}" if items else "")
        dotted = str(cite) + (f".{','.join(items)}" if items else "")
        if pv == UNKNOWN or (isinstance(pv, PenaltyView) and pv.main == UNKNOWN):
            lower = [c for c in applied if c is not chosen and c.penalty not in ("unknown", "none stated")]
            if lower:
                notes.append(f"the penalty of part {chosen.part} is not encoded; for reference only, part "
                             f"{lower[-1].part}, which it aggravates, carries {lower[-1].penalty}")
        return Chosen(article=self.number, title=None, part=chosen.part, part_label=part.label, items=items,
                      citation=dotted, russian=russian, version=law.version(v), penalty=pv, range=main,
                      additional=extra, category=category, category_basis=basis, confidence=weakest(*confs),
                      final=not open_list and not also, open_facts=open_list, also_applies=also, notes=notes)
