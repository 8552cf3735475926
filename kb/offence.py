"""One article against the facts of one count, at one point of the law (a snapshot): is its base offence made
out, element by element; which qualifying parts and items apply; and so its most serious part, the charge.

The special cases come from the data: the Code's definition of exploitation (Art. 3 item 1, with what it is
known to include and exclude), the Supreme Court's rules by what they establish and the articles they apply
to, the vocabulary's narrower terms, the mapping's full equivalents, and whether a source shows the article
whole. "No" is said only of what the encoded law excludes; what it lacks is "undecided", and so is an element
no stated fact speaks to (a fact left out is unknown, not false). kb/qualify.py puts the articles of a case
together.
"""

from __future__ import annotations

from typing import Literal, NamedTuple

from . import roles
from .category import max_months
from .citation import Citation
from .model import GRADE_RANK, UNKNOWN, Elements, Grade, Text, weakest
from .record import Data
from .results import PenaltyData
from .show import penalty_data
from .snapshot import ArticleAt, PartAt, Snapshot
from .vocab import SLOTS

EXPLOITATION = "purpose.exploitation"  # the term the Code's Art. 3 item 1 (`exploitation` in code.yaml) defines
MINOR = "circ.victim_minor"
Status = Literal["yes", "no", "undecided"]
Role = Literal["adult_offence", "child_offence", "related"]
Reason = Literal[
    "stated",  # a fact is the element, or its full equivalent
    "not_stated",  # facts of its kind are stated, and none is the element
    "left_out",  # no fact of its kind is stated (or the circumstance is not): unknown, so to prove
    "stated_false",  # the facts say the circumstance was not so
    "one_act",  # one listed act suffices (`rule`)
    "definition",  # a form of exploitation the Code's Art. 3 item 1 lists
    "named_by_article",  # a purpose the article's own qualifying part or item names (`where`)
    "narrower",  # the fact is wider than the element: one of `to_prove` remains to prove
    "excluded",  # Art. 3 item 1 is known not to include it
    "not_in_definition",  # Art. 3 item 1 lists its forms exhaustively, and not this one
    "maybe_in_definition",  # Art. 3 item 1 is known only in part: whether it includes this is unknown
    "definition_unknown",  # Art. 3 item 1 is not encoded for the date
    "higher_parts",  # not in Art. 3 item 1, but a part the KB lacks may name it (as `where` does, if given)
    "transaction",  # sale and other transactions need no purpose (`rule`)
    "purpose_required",  # the acts stated need the purpose, which is not stated: to prove (`rule`)
    "minor",  # the victim is a minor
    "adult",  # the victim is not a minor
    "minor_unknown",  # whether the victim is a minor is not stated
    "knew",  # the offender was aware the victim was a minor
    "knew_unknown",  # the victim is a minor; whether the offender was aware of it is not stated (`rule`)
    "did_not_know",  # he was not, and the article needs it (`rule`)
    "elements_unknown",  # the part's elements are not encoded
]
CONDITIONAL = ("narrower", "maybe_in_definition", "definition_unknown")  # a charge can be named "if ..."
_KIND = ("acts", "means", "purposes")  # the slots whose facts are stated by kind (vocab.SLOTS: their prefixes)


class Decision(Data):
    """How one slot of a base part (or one victim element) was decided."""

    slot: Literal["acts", "means", "purposes", "victim", "circumstances", "elements"]
    required: list[str]
    status: Literal["met", "to_prove", "undecided", "not_met", "not_required"]
    reason: Reason
    matched: list[str] = []
    to_prove: list[str] = []  # any one of these remains to prove
    of: str | None = None  # the stated fact the proof concerns (a wider term)
    rule: str | None = None  # the Supreme Court's rule it rests on
    grade: Grade | None = None  # of the rule, the definition or the age of majority it rests on
    where: str | None = None  # the provision it points to: "135.2.6"


class ItemCheck(Data):
    id: str
    applies: Status
    matched: list[str] = []
    to_prove: list[str] = []
    grade: Grade


class PartCheck(Data):
    part: str
    label: str | None
    builds_on: list[str]
    act: str  # the version in force
    grade: Grade
    applies: Status
    decisions: list[Decision] = []  # a base part: slot by slot
    matched: list[str] = []  # a qualifying part: its own elements the facts meet
    items: list[ItemCheck] = []
    unknown: bool = False  # a qualifying part: its elements, some items, or the list of items are not known
    denied: bool = False  # a qualifying part that does not apply: the facts state each of its elements was not so
    max_months: int | Literal["life", "unknown"] | None  # of its penalty; None: no imprisonment, or none stated


class Range(Data):
    """Imprisonment, in months; from the last known value when the penalty is unknown at the date."""

    min_months: int | Literal["unknown"] | None  # None: no special minimum ("up to")
    max_months: int | Literal["life", "unknown"] | None
    last_known: bool = False
    grade: Grade


class Charge(Data):
    article: str
    part: str
    part_label: str | None  # a part whose number is not known
    items: list[str]
    citation: str  # 135.2.7; several items: 135.2.1,7
    russian: str  # ст. 135 ч. 2 п. 7
    kazakh: str  # ҚК-нің 135-бабының 2-бөлігінің 7) тармағы
    title: Text | None
    act: str  # the version of the part in force
    grade: Grade  # the weakest fact, definition or rule the qualification rests on
    penalty: PenaltyData | None
    range: Range | None
    final: bool  # false: a part the KB lacks may apply instead (see `open`, `unranked`)
    unranked: list[str] = []  # other parts that apply and cannot be ranked against this one


class ArticleCheck(Data):
    article: str
    title: Text | None
    role: Role
    status: Literal["made_out", "undecided", "not_made_out", "displaced"]
    whole: bool  # a source shows the article whole and every part is encoded
    parts: list[PartCheck]
    open: list[str] = []  # facts no encoded element covers, which may belong to a part the KB lacks
    reported: list[str] = []  # of those, the ones a source reports among its aggravated forms
    reported_max: int | None = None  # the maximum sources report for its aggravated forms, in months
    charge: Charge | None = None  # its most serious part that applies (or would, on a condition)
    conditional: bool = False  # the charge holds only if the undecided decisions go its way


class Known(NamedTuple):
    """The facts of one count as vocabulary ids."""

    acts: frozenset[str]
    means: frozenset[str]
    purposes: frozenset[str]  # stated purposes of the act
    circumstances: frozenset[str]  # flags and what the victims establish (pregnant, two or more)
    later: frozenset[str]  # what followed the act (organs removed, involvement in prostitution)
    denied: frozenset[str]  # circumstances the facts state were not so
    later_denied: frozenset[str]  # what the facts state did not follow the act
    minor: bool | None
    minor_grade: Grade | None  # the age of majority's, when an age decided it
    knew: bool | None

    def ids(self, trafficking: bool) -> frozenset[str]:
        """What an article reads: a trafficking offence not what followed the act."""
        own = self.acts | self.means | self.purposes | self.circumstances
        return own if trafficking else own | self.later

    def not_so(self, trafficking: bool) -> frozenset[str]:
        """What the facts state was not so, as `ids` reads it."""
        return self.denied if trafficking else self.denied | self.later_denied


class Law:
    """What the articles of one count are read against: one snapshot, with the Code's definition of
    exploitation on its date, the resolution's rules and the mapping's roles and equivalents."""

    def __init__(self, kb, snap: Snapshot):
        self.kb, self.snap = kb, snap
        self.adult, self.child = roles.adult(kb), roles.child(kb)
        self.related = roles.related(kb)
        self.rules = roles.rules(kb)
        self.full = roles.full_equivalents(kb)
        self.definition = snap.fact("exploitation").version
        self._static: dict[str, tuple] = {}
        self.aggravating = self._aggravating()

    def static(self, number: str) -> tuple[dict[str, tuple[str, Grade]], set[str]]:
        """What an article says at the point, whatever the facts: the purposes its own qualifying parts and items
        name (each with where and its grade), and every vocabulary id its encoded elements hold."""
        if number not in self._static:
            own: dict[str, tuple[str, Grade]] = {}
            covered: set[str] = set()
            for pa in self.snap.article(number).in_force():
                found = [(f"{number}.{pa.part.id}", pa.version)]
                found += [(f"{number}.{pa.part.id}.{i}", at.version) for i, at in pa.items.items() if at.version]
                for where, v in found:
                    if isinstance(v.elements, Elements):
                        covered.update(v.elements.ids())
                        for p in v.elements.purposes if not pa.part.base else ():
                            own.setdefault(p, (where, v.confidence))
            self._static[number] = (own, covered)
        return self._static[number]

    def role(self, number: str) -> Role:
        return "adult_offence" if number == self.adult else "child_offence" if number == self.child else "related"

    def rule(self, token: str, article: str):
        return next((p for p in self.rules if token in p.establishes
                     and (not p.applies_to or article in p.applies_to)), None)

    def same(self, fact: str, element: str) -> bool:
        """The fact is the element, or its full equivalent of the same kind: a purpose the mapping equates with a
        national act (organ removal, forced marriage) is never that act done."""
        return fact == element or (fact.split(".", 1)[0] == element.split(".", 1)[0]
                                   and frozenset((fact, element)) in self.full)

    def narrower(self, vid: str) -> list[str]:
        term = self.kb.vocabulary.terms.get(vid)
        return list(term.narrower) if term else []

    def _aggravating(self) -> dict[str, str]:
        """Purposes some qualifying part or item of an article with a role names, with where: a purpose the
        definition lacks may still aggravate an article that the KB does not hold whole."""
        out: dict[str, str] = {}
        for number in roles.articles(self.kb):
            for p, (where, _) in self.static(number)[0].items():
                if p != EXPLOITATION:
                    out.setdefault(p, where)
        return out


def _rank(status: str) -> int:
    return {"met": 4, "not_required": 4, "to_prove": 3, "undecided": 2, "not_met": 1}[status]


def _better(a: Decision | None, b: Decision) -> Decision:
    if a is None:
        return b
    ka = (_rank(a.status), GRADE_RANK[a.grade or "official"])
    kb_ = (_rank(b.status), GRADE_RANK[b.grade or "official"])
    return b if kb_ > ka else a


class Check:
    """One article against one count's facts."""

    def __init__(self, law: Law, number: str, known: Known):
        self.law, self.number, self.known = law, number, known
        self.a: ArticleAt = law.snap.article(number)
        self.trafficking = number in (law.adult, law.child)
        self.facts = known.ids(self.trafficking)
        self.purposes = known.purposes if self.trafficking else frozenset(
            f for f in self.facts if f.startswith("purpose."))
        self.own_purposes, self.covered = law.static(number)

    # -- what the article says ----------------------------------------------------------------------------------

    def touching(self) -> set[str]:
        """The facts that match one of the article's elements, the elements of a rule that applies to it, or the
        aggravating elements a source reports of it; a wider fact reaches through its narrower terms."""
        ids = set(self.covered)
        ids |= {i for p in self.law.rules if self.number in p.applies_to and p.elements for i in p.elements.ids()}
        ids |= {i for r in self.a.reported if r.elements for i in r.elements.ids()}
        return {f for f in self.known.ids(False) for g in (f, *self.law.narrower(f))
                if any(self.law.same(g, i) for i in ids)}

    def open(self) -> list[str]:
        """Facts that could aggravate (a means, a circumstance, a purpose some qualifying part names) which no
        encoded element of the article covers, when the article may have parts the KB lacks."""
        if self.a.whole:
            return []
        out = []
        for f in sorted(self.facts):
            could = f.startswith(("means.", "circ.")) and f != MINOR or self.trafficking and f in self.law.aggravating
            if could and not any(self.law.same(f, c) for c in self.covered):
                out.append(f)
        return out

    def reported(self, open_ids: list[str]) -> tuple[list[str], int | None]:
        """Of the open facts, those a source reports among the article's aggravated forms; and the maximum
        sources report for those forms."""
        hits, top = [], None
        for r in self.a.reported:
            if r.elements:
                hits += [f for f in open_ids if any(self.law.same(f, i) for i in r.elements.ids())]
            if r.scope == "aggravated" and isinstance(r.max, int):
                top = max(top or 0, r.max)
        return list(dict.fromkeys(hits)), top

    # -- purposes ---------------------------------------------------------------------------------------------

    def _one(self, element: str, fact: str) -> Decision:
        """Whether one stated purpose meets one purpose element."""
        law, req = self.law, [element]
        head = dict(slot="purposes", required=req)
        if law.same(fact, element):
            return Decision(**head, status="met", reason="stated", matched=[fact])
        if element != EXPLOITATION:
            if any(law.same(n, element) for n in law.narrower(fact)):
                return Decision(**head, status="to_prove", reason="narrower", to_prove=[element], of=fact)
            return Decision(**head, status="not_met", reason="not_stated")
        d = law.definition
        if d is None or d.elements == UNKNOWN:
            return Decision(**head, status="undecided", reason="definition_unknown", of=fact)
        g = d.confidence
        if fact in d.elements:
            return Decision(**head, status="met", reason="definition", matched=[fact], grade=g)
        if fact in self.own_purposes:
            where, grade = self.own_purposes[fact]
            return Decision(**head, status="met", reason="named_by_article", matched=[fact], grade=grade, where=where)
        forms = [n for n in law.narrower(fact) if n in d.elements]
        if forms:
            return Decision(**head, status="to_prove", reason="narrower", to_prove=forms, of=fact, grade=g)
        if fact in d.excludes:
            return Decision(**head, status="not_met", reason="excluded", of=fact, grade=g)
        if not d.exhaustive:
            return Decision(**head, status="undecided", reason="maybe_in_definition", of=fact, grade=g)
        if not self.a.whole:  # a part the KB lacks may name it (`where`: one that does, in an article it has)
            return Decision(**head, status="undecided", reason="higher_parts", of=fact, grade=g,
                            where=law.aggravating.get(fact))
        return Decision(**head, status="not_met", reason="not_in_definition", of=fact, grade=g)

    def _best(self, required: list[str], stated) -> Decision | None:
        best = None
        for e in required:
            for p in sorted(stated):
                best = _better(best, self._one(e, p))
        return best

    def _form(self) -> Decision:
        """Exploitation as the act, its form not stated: which forms of Art. 3 item 1 remain to prove."""
        d = self.law.definition
        if d is None or d.elements == UNKNOWN:
            return Decision(slot="purposes", required=[EXPLOITATION], status="undecided", reason="definition_unknown",
                            of="act.exploitation")
        return Decision(slot="purposes", required=[EXPLOITATION], status="to_prove", reason="narrower",
                        to_prove=list(d.elements), of="act.exploitation", grade=d.confidence)

    def _purposes(self, required: list[str], acts: list[str]) -> Decision:
        law, n = self.law, self.number
        d = self._best(required, self.purposes)
        free = law.rule("no_purpose_for_transactions", n)
        sale = [a for a in acts if free and free.elements and a in free.elements.acts]
        if sale and (d is None or d.status != "met" or GRADE_RANK[free.confidence] > GRADE_RANK[d.grade or "official"]):
            return Decision(slot="purposes", required=required, status="not_required", reason="transaction",
                            matched=sale, rule=free.id, grade=free.confidence)
        as_act = law.rule("exploitation_act_no_purpose", n)
        if as_act and as_act.elements and any(a in as_act.elements.acts for a in acts):
            form = d if d is not None else self._form()  # the form of exploitation is still checked
            return form.model_copy(update={"rule": as_act.id, "grade": weakest(as_act.confidence, form.grade)})
        if d is not None:  # a "no" rests on what decides it (an exclusion from Art. 3 item 1), not on r05
            return d
        need = law.rule("purpose_required_for_other_acts", n)
        if need is not None and need.elements is not None and any(a in need.elements.acts for a in acts):
            return Decision(slot="purposes", required=required, status="to_prove", reason="purpose_required",
                            to_prove=required, rule=need.id, grade=need.confidence)
        return self._absent("purposes", required)

    def _absent(self, slot: str, required: list[str]) -> Decision:
        """No stated fact is the element. A fact left out is unknown, not false: "no" only when facts of its kind
        are stated and none is it, or the circumstance is stated not to be so; else it remains to prove."""
        head = dict(slot=slot, required=required)
        if all(e in self.known.not_so(self.trafficking) for e in required):
            return Decision(**head, status="not_met", reason="stated_false")
        if slot in _KIND and any(f.startswith(SLOTS[slot]) for f in self.facts):
            return Decision(**head, status="not_met", reason="not_stated")
        return Decision(**head, status="to_prove", reason="left_out", to_prove=required)

    # -- the victim -------------------------------------------------------------------------------------------

    def _victim(self, element: str) -> Decision:
        k, head = self.known, dict(slot="victim", required=[element])
        if element != MINOR:
            hit = [f for f in self.facts if self.law.same(f, element)]
            return Decision(**head, status="met", reason="stated", matched=hit) if hit else \
                self._absent("victim", [element])
        if k.minor is False:
            return Decision(**head, status="not_met", reason="adult", grade=k.minor_grade)
        rule = self.law.rule("minor_knowledge_required", self.number)
        if rule is not None and k.knew is False:  # (whether a minor or not, when his age is not stated)
            return Decision(**head, status="not_met", reason="did_not_know", rule=rule.id, grade=rule.confidence)
        if k.minor is None:
            return Decision(**head, status="undecided", reason="minor_unknown")
        if rule is None:
            return Decision(**head, status="met", reason="minor", matched=[MINOR], grade=k.minor_grade)
        if k.knew is None:  # read both ways, unless both ways give the same answer (kb/qualify.py)
            return Decision(**head, status="undecided", reason="knew_unknown", rule=rule.id, grade=rule.confidence)
        return Decision(**head, status="met", reason="knew", matched=[MINOR], grade=k.minor_grade)

    # -- parts --------------------------------------------------------------------------------------------------

    def _head(self, pa: PartAt) -> dict:
        v = pa.version
        penalty = pa.penalty[0] if v.penalty is not None or v.conflicts else None
        return dict(part=pa.part.id, label=pa.part.label, builds_on=pa.part.builds_on, act=v.act, grade=v.confidence,
                    max_months=max_months(penalty) if penalty is not None else None)

    def base(self, pa: PartAt) -> PartCheck:
        el = pa.version.elements
        if not isinstance(el, Elements):
            d = Decision(slot="elements", required=[], status="undecided", reason="elements_unknown")
            return PartCheck(**self._head(pa), applies="undecided", decisions=[d])
        out: list[Decision] = []
        acts = [e for e in el.acts if any(self.law.same(f, e) for f in self.facts)]
        if el.acts and acts:
            one = self.law.rule("one_act_suffices", self.number)
            out.append(Decision(slot="acts", required=el.acts, status="met", reason="one_act" if one else "stated",
                                matched=acts, rule=one.id if one else None, grade=one.confidence if one else None))
        elif el.acts:
            out.append(self._absent("acts", el.acts))
        if el.purposes:
            out.append(self._purposes(el.purposes, acts))
        out += [self._victim(e) for e in el.victim]
        for slot in ("means", "circumstances"):
            required = getattr(el, slot)
            if required:
                hit = [e for e in required if any(self.law.same(f, e) for f in self.facts)]
                out.append(Decision(slot=slot, required=required, status="met", reason="stated", matched=hit) if hit
                           else self._absent(slot, required))
        statuses = {d.status for d in out}
        applies: Status = "no" if "not_met" in statuses else "undecided" if statuses & {"undecided", "to_prove"} \
            else "yes"
        return PartCheck(**self._head(pa), applies=applies, decisions=out)

    def _own(self, el: Elements) -> tuple[list[str], list[str]]:
        """A qualifying part's or item's own elements the facts meet, and those that remain to prove."""
        matched, to_prove = [], []
        for e in el.ids():
            if e.startswith("purpose."):
                d = self._best([e], self.purposes)
                if d and d.status == "met":
                    matched.append(e)
                elif d and d.status == "to_prove":
                    to_prove += d.to_prove
            elif any(self.law.same(f, e) for f in self.facts):
                matched.append(e)
        return matched, to_prove

    def qualifying(self, pa: PartAt) -> PartCheck:
        """Applies when one of its own elements or items is met; undecided when one remains to prove or some
        of its elements are not known (what the KB lacks is never "no")."""
        v = pa.version
        matched, to_prove, unknown = [], [], not v.items_complete
        if isinstance(v.elements, Elements):
            matched, to_prove = self._own(v.elements)
        elif v.elements == UNKNOWN:
            unknown = True
        items = []
        for iid, at in pa.items.items():
            iv = at.version
            if iv is None:
                continue
            if isinstance(iv.elements, Elements):
                m, tp = self._own(iv.elements)
                items.append(ItemCheck(id=iid, applies="yes" if m else "undecided" if tp else "no", matched=m,
                                       to_prove=tp, grade=iv.confidence))
            else:
                unknown = True
                items.append(ItemCheck(id=iid, applies="undecided", grade=iv.confidence))
        if matched or any(i.applies == "yes" for i in items):
            applies: Status = "yes"
        elif to_prove or unknown or any(i.applies == "undecided" for i in items):
            applies = "undecided"
        else:
            applies = "no"
        own = [*(v.elements.ids() if isinstance(v.elements, Elements) else []),
               *(e for at in pa.items.values() if at.version is not None and isinstance(at.version.elements, Elements)
                 for e in at.version.elements.ids())]
        denied = applies == "no" and bool(own) and set(own) <= self.known.not_so(self.trafficking)
        return PartCheck(**self._head(pa), applies=applies, matched=matched, items=items, unknown=unknown,
                         denied=denied)

    # -- the article ----------------------------------------------------------------------------------------------

    def run(self) -> ArticleCheck | None:
        """None when no part of the article is in force at the point."""
        in_force = self.a.in_force()
        if not in_force:
            return None
        open_ids = self.open()
        checks = {pa.part.id: self.base(pa) for pa in in_force if pa.part.base}
        base_status = "yes" if any(c.applies == "yes" for c in checks.values()) else \
            "undecided" if any(c.applies == "undecided" for c in checks.values()) else "no"
        if base_status != "no":
            for pa in in_force:
                if not pa.part.base:
                    checks[pa.part.id] = self.qualifying(pa)
        parts = [checks[pa.part.id] for pa in in_force if pa.part.id in checks]
        reported, top = self.reported(open_ids)
        status = {"yes": "made_out", "undecided": "undecided", "no": "not_made_out"}[base_status]
        title = self.a.title.version.title if self.a.title.version else None
        # When no base part is made out, an undecided one still names a charge if what is undecided is a condition
        # one can state: a form of exploitation to prove, or whether Art. 3 item 1 then included it. (Beside a
        # base part made out it names none: its condition is a what-if, never part of a charge made out.)
        conditional = {c.part for c in parts if not c.builds_on and c.applies == "undecided" and all(
            d.status in ("met", "not_required", "to_prove") or d.reason in CONDITIONAL for d in c.decisions)} \
            if base_status != "yes" else set()
        charge = self.charge(parts, open_ids, conditional) if base_status == "yes" or conditional else None
        return ArticleCheck(article=self.number, title=title, role=self.law.role(self.number), status=status,
                            whole=self.a.whole, parts=parts, open=open_ids, reported=reported, reported_max=top,
                            charge=charge, conditional=base_status == "undecided" and charge is not None)

    def _above(self, upper: str, lower: str, seen: frozenset = frozenset()) -> bool:
        part = self.a.art.part(upper)
        if part is None or upper in seen:
            return False
        return lower in part.builds_on or any(self._above(b, lower, seen | {upper}) for b in part.builds_on)

    def charge(self, parts: list[PartCheck], open_ids: list[str], conditional: set[str]) -> Charge | None:
        applied = [c for c in parts if c.applies == "yes" or c.part in conditional]
        if not applied:
            return None
        top = [c for c in applied if not any(self._above(o.part, c.part) for o in applied if o is not c)]
        chosen, unranked = top[0], []
        if len(top) > 1:
            known = [c for c in top if isinstance(c.max_months, int) or c.max_months == "life"]
            if known:
                chosen = max(known, key=lambda c: 10**6 if c.max_months == "life" else c.max_months)
            unranked = [c.part for c in top if c is not chosen and c not in known]
        items = [i.id for i in chosen.items if i.applies == "yes"]
        bases = [c for c in applied if not c.builds_on]
        grades = [chosen.grade, *(i.grade for i in chosen.items if i.applies == "yes")]
        grades += [d.grade for b in bases for d in b.decisions if d.status != "not_met"]
        cite = Citation(self.number, chosen.part)
        dotted = str(cite) + (f".{','.join(items)}" if items else "")
        title = self.a.title.version.title if self.a.title.version else None
        penalty = penalty_data(self.law.snap, self.a.parts[chosen.part])
        return Charge(article=self.number, part=chosen.part, part_label=chosen.label, items=items, citation=dotted,
                      russian=cite.russian(items), kazakh=cite.kazakh(items), title=title, act=chosen.act,
                      grade=weakest(*grades), penalty=penalty, range=range_of(penalty),
                      final=not open_ids and not unranked, unranked=unranked)


def range_of(p: PenaltyData | None) -> Range | None:
    """Imprisonment (or life) of a penalty, from its last known value when it is unknown; None when neither
    says anything of imprisonment."""
    if p is None:
        return None
    main, last = None, False
    if p.penalty != UNKNOWN and p.penalty.main != UNKNOWN:
        main = [m.model_dump(mode="json") for m in p.penalty.main]
    else:
        lk = next((x for x in p.last_known if x.field in ("penalty", "penalty.main")), None)
        if lk is not None:
            main, last = (lk.value["main"] if lk.field == "penalty" else lk.value), True
            main = None if main == UNKNOWN else main
    if not main:
        return None
    grade = next((x.grade for x in p.last_known), p.grade) if last else p.grade
    if any(m["kind"] == "life_imprisonment" for m in main):
        return Range(min_months=None, max_months="life", last_known=last, grade=grade)
    prison = [m for m in main if m["kind"] == "imprisonment"]
    if not prison:
        return None
    lows = [m.get("min") for m in prison]
    highs = [m.get("max") for m in prison]
    low = UNKNOWN if UNKNOWN in lows else min((x or 0 for x in lows), default=0) or None
    high = UNKNOWN if UNKNOWN in highs or None in highs else max(highs)
    return Range(min_months=low, max_months=high, last_known=last, grade=grade)


def check(law: Law, number: str, known: Known) -> tuple[ArticleCheck | None, set[str]]:
    """The article against the facts, and the facts that touch it (when any, it is worth showing)."""
    c = Check(law, number, known)
    return c.run(), c.touching()
