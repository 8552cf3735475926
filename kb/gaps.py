"""The Protocol compliance report: one row per requirement of mappings/checklist.yaml, each status computed
from the elements encoded for the law in force on a date. Nothing here types a verdict in; change the law
(or overlay a draft) and the rows change with it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Callable

from pydantic import BaseModel

from .category import floor_months, max_months
from .citation import parse
from .errors import NotFound
from .lawview import LawView
from .load import KB
from .lookup import act_name
from .model import CONFIDENCE_RANK, UNKNOWN, Confidence, Elements, GapStatus, Requirement, Versioned
from .timeline import at
from .words import duration, punishment


class Evidence(BaseModel):
    provision: str  # "128.1", "135.2.7", "Art. 3 item 1", "kz-np-7 kz.np7.r04 (para. 2)"
    version: str | None  # the amending act and when it came into force
    confidence: Confidence
    says: str


class GapRow(BaseModel):
    id: str
    group: str
    title: str
    basis: list[str]
    severity: str
    status: GapStatus
    explanation: str
    evidence: list[Evidence]
    confidence: Confidence | None  # the weakest evidence the status rests on
    needs: str | None = None  # for an unknown: the fact the KB lacks


class ProvisionPenalty(BaseModel):
    provision: str
    penalty: str
    max_months: int | str | None
    floor_months: int | str | None  # the lightest sentence allowed, in months of imprisonment
    confidence: Confidence | None


class ConsistencyRow(BaseModel):
    conduct: str
    provisions: list[ProvisionPenalty]
    status: str  # divergent | comparable | unknown
    explanation: str


class RowChange(BaseModel):
    id: str
    title: str
    before: GapStatus
    after: GapStatus
    explanation: str


class GapReport(BaseModel):
    on: dt.date
    code: str
    standard: str
    draft: str | None = None
    ambiguous: list[str]  # acts whose in-force window covers the date: the law is read as amended by them
    summary: dict[str, int]
    rows: list[GapRow]
    consistency: list[ConsistencyRow]
    changes: list[RowChange] | None = None


NOT_GAPS = {"covered", "case_law", "broader", "unknown"}


@dataclass
class Found:
    provision: str
    elements: Elements
    version: Versioned


class Law(LawView):
    """The encoded law on one date, seen through the mapping's roles; a date inside an act's in-force window
    is read as amended by it, and the act is noted."""

    def __init__(self, kb: KB, on: dt.date, lang: str = "en"):
        if kb.mapping is None or kb.checklist is None:
            raise NotFound("this knowledge base has no mappings/checklist.yaml or mappings/kz-cc--un-tip.yaml")
        super().__init__(kb, on, lang)
        self.ambiguous: set[str] = set()

    def current(self, versions):
        r = at(versions, self.on, self.kb.acts)
        if r.ambiguous:
            self.ambiguous.update(s.act for s in r.pending)
        return r.current

    def evidence(self, provision: str, v: Versioned, says: str) -> Evidence:
        return Evidence(provision=provision, version=self.version(v), confidence=v.confidence, says=says)

    def base(self, article: str) -> Found | None:
        """Part 1 of the article as in force; None if unknown or not in force."""
        part = self.kb.articles[article].part("1")
        v = self.current(part.versions) if part else None
        if v is None or not isinstance(v.elements, Elements):
            return None
        return Found(f"{article}.1", v.elements, v)

    def qualifying(self, article: str) -> list[Found]:
        """Every other part and item in force, with its own elements."""
        out = []
        for part in self.kb.articles[article].parts:
            if part.id == "1":
                continue
            v = self.current(part.versions)
            if v is None:
                continue
            if isinstance(v.elements, Elements):
                out.append(Found(f"{article}.{part.id}", v.elements, v))
            for item in part.items:
                iv = self.current(item.versions)
                if iv is not None and isinstance(iv.elements, Elements):
                    out.append(Found(f"{article}.{part.id}.{item.id}", iv.elements, iv))
        return out

    def incomplete(self, *articles: str) -> list[str]:
        return [a for a in articles if not self.kb.articles[a].complete]

    def equivalents(self, target: str, degree: str) -> set[str]:
        return {e.national for e in self.m.equivalents if e.protocol == target and e.degree == degree}

    def equivalence_evidence(self, national: str, target: str) -> Evidence:
        e = next(e for e in self.m.equivalents if e.national == national and e.protocol == target)
        return Evidence(provision="mapping", version=None, confidence=e.confidence,
                        says=f"{self.label(national)} ≈ {self.label(target)} ({e.degree}): {e.note}")

    def rule_evidence(self, rule) -> Evidence:
        para = "para. unknown" if rule.paragraph in (None, UNKNOWN) else f"para. {rule.paragraph}"
        return Evidence(provision=f"{self.m.roles.case_law} {rule.id} ({para})", version=None,
                        confidence=rule.confidence, says=rule.summary)


def _ids(elements: Elements) -> set[str]:
    return set(elements.ids())


def _says(found: Found, law: Law, hits: set[str]) -> str:
    return ", ".join(law.label(h) for h in sorted(hits))


# -- the tests: each returns (status, explanation, evidence, needs) --------------------------------------

Outcome = tuple[GapStatus, str, list[Evidence], str | None]


def _not_encoded(article: str) -> Outcome:
    return "unknown", f"The elements of {article} part 1 on this date are not encoded.", [], f"{article}.1 elements"


@dataclass
class Target:
    """The Protocol element a requirement looks for, and the national terms that stand for it."""

    id: str
    name: str
    full: set[str]  # itself and its full equivalents
    partial: set[str]  # narrower national terms


def _target(law: Law, req: Requirement) -> Target:
    vid = req.elements[0]
    return Target(vid, law.label(vid), {vid} | law.equivalents(vid, "full"), law.equivalents(vid, "partial"))


def _element_test(law: Law, req: Requirement, constitutive: Callable[[Found], set[str]], what: str) -> Outcome:
    """Shared by acts and means: constitutive in the adult base offence, else aggravating, partial, unknown."""
    t = _target(law, req)
    target, name, full, partial = t.id, t.name, t.full, t.partial
    adult, child = law.adult, law.child
    base = law.base(adult)
    if base is None:
        return _not_encoded(adult)
    hit = constitutive(base) & full
    if hit:
        return "covered", f"{name.capitalize()} is an element of the base offence ({adult} part 1).", \
            [law.evidence(base.provision, base.version, _says(base, law, hit))], None
    evidence = [law.evidence(base.provision, base.version, f"no {name} among the elements of the base offence")]
    aggravating = [(f, _ids(f.elements) & full) for art in (adult, child) for f in law.qualifying(art)]
    aggravating = [(f, h) for f, h in aggravating if h]
    if aggravating:
        evidence += [law.evidence(f.provision, f.version, "aggravating: " + _says(f, law, h)) for f, h in aggravating]
        where = ", ".join(f.provision for f, _ in aggravating)
        caveat = "" if not law.incomplete(adult) or any(f.provision.startswith(f"{adult}.") for f, _ in aggravating) \
            else f" {adult}'s own qualifying parts are not encoded; the item found is {child}'s."
        return "aggravating_only", (f"{name.capitalize()} is not an element of the base offence ({adult} part 1); it "
                                    f"appears only as an aggravating item ({where}). The Protocol makes it a "
                                    f"constitutive {what} for adults.{caveat}"), evidence, None
    partial_hits = [(f, _ids(f.elements) & partial) for art in (adult, child)
                    for f in ([law.base(art)] if law.base(art) else []) + law.qualifying(art)]
    partial_hits = [(f, h) for f, h in partial_hits if h]
    if partial_hits:
        for f, h in partial_hits:
            evidence.append(law.evidence(f.provision, f.version, _says(f, law, h)))
            evidence += [law.equivalence_evidence(n, target) for n in sorted(h)]
        where = ", ".join(f"{f.provision} ({_says(f, law, h)})" for f, h in partial_hits)
        return "partial", f"Only a narrower national term covers part of {name}: {where}.", evidence, None
    gaps = law.incomplete(adult, child)
    if gaps:
        return "unknown", (f"{name.capitalize()} is not in the base offence, and parts of {', '.join(gaps)} are not "
                           f"encoded, so whether it appears elsewhere is unknown."), evidence, \
            f"the parts of {', '.join(gaps)} not yet encoded (see: tipkb show {gaps[0]})"
    return "missing", f"{name.capitalize()} appears nowhere in {adult} or {child}.", evidence, None


def t_act(law: Law, req: Requirement) -> Outcome:
    return _element_test(law, req, lambda f: set(f.elements.acts), "act")


def t_means(law: Law, req: Requirement) -> Outcome:
    status, text, evidence, needs = _element_test(
        law, req, lambda f: set(f.elements.means) | set(f.elements.circumstances), "means")
    framework = law.kb.instruments.get(law.m.roles.framework_law or "")
    if framework is not None and status != "covered":
        t = _target(law, req)
        for p in framework.provisions:
            if p.illustrative and p.elements and _ids(p.elements) & t.full:
                evidence.append(Evidence(provision=f"{framework.id} Art. {p.id}", version=None,
                                         confidence=p.confidence, says=f"names {t.name} only as an example ('including')"))
    return status, text, evidence, needs


def t_acts_beyond(law: Law, req: Requirement) -> Outcome:
    adult = law.adult
    base = law.base(adult)
    if base is None:
        return _not_encoded(adult)
    extra = set(base.elements.acts) - set(req.elements)
    if not extra:
        return "covered", "The base offence has exactly the Protocol's acts.", [], None
    names = ", ".join(law.label(a) for a in sorted(extra))
    return "broader", (f"{adult} part 1 also covers {names}, beyond the Protocol's five acts; allowed by UNTOC "
                       f"Art. 34(3)."), [law.evidence(base.provision, base.version, names)], None


def t_means_required(law: Law, req: Requirement) -> Outcome:
    adult = law.adult
    base = law.base(adult)
    if base is None:
        return _not_encoded(adult)
    means = set(base.elements.means)
    if means:
        return "covered", f"{adult} part 1 requires one of its listed means.", \
            [law.evidence(base.provision, base.version, _says(base, law, means))], None
    return "broader", (f"{adult} part 1 requires no means at all, so it reaches conduct the Protocol's adult definition "
                       f"does not (over-inclusive; allowed by UNTOC Art. 34(3), but not the international "
                       f"definition)."), [law.evidence(base.provision, base.version, "no means among the elements")], None


def t_purpose_form(law: Law, req: Requirement) -> Outcome:
    t = _target(law, req)
    target, name, full, partial = t.id, t.name, t.full, t.partial
    adult, child = law.adult, law.child
    base = law.base(adult)
    if base is None:
        return _not_encoded(adult)
    purposes = set(base.elements.purposes)
    if purposes & full:
        return "covered", f"{name.capitalize()} is itself a purpose in {adult} part 1.", \
            [law.evidence(base.provision, base.version, _says(base, law, purposes & full))], None
    evidence = [law.evidence(base.provision, base.version, "purpose: " + _says(base, law, purposes))]
    definition = law.current(law.kb.code.exploitation)
    if definition is None or definition.elements == UNKNOWN:
        if definition is not None:
            evidence.append(law.evidence("Art. 3 item 1", definition, "the definition's content is unknown"))
        return "unknown", (f"Whether the Code's definition of exploitation (Art. 3 item 1) covers {name} on this date "
                           f"is unknown: that version is not encoded."), evidence, "Art. 3 item 1 as in force on the date"
    defined = set(definition.elements)
    if defined & full:
        evidence.append(law.evidence("Art. 3 item 1", definition, _says(base, law, defined & full)))
        return "covered", f"The Code's definition of exploitation (Art. 3 item 1) includes {name}.", evidence, None
    if defined & partial:
        evidence.append(law.evidence("Art. 3 item 1", definition, _says(base, law, defined & partial)))
        evidence += [law.equivalence_evidence(n, target) for n in sorted(defined & partial)]
        return "partial", (f"The Code's definition of exploitation has only a narrower term for {name}: "
                           f"{_says(base, law, defined & partial)}."), evidence, None
    evidence.append(law.evidence("Art. 3 item 1", definition, "defines exploitation as: " + _says(base, law, defined)))
    aggravating = [(f, _ids(f.elements) & full) for art in (adult, child) for f in law.qualifying(art)]
    aggravating = [(f, h) for f, h in aggravating if h]
    if aggravating:
        evidence += [law.evidence(f.provision, f.version, "aggravating: " + _says(f, law, h)) for f, h in aggravating]
        return "aggravating_only", (f"{name.capitalize()} is not in the Code's definition of exploitation; it appears "
                                    f"only as an aggravating purpose ({', '.join(f.provision for f, _ in aggravating)})."), \
            evidence, None
    return "missing", f"{name.capitalize()} is not in the Code's definition of exploitation nor in {adult} or {child}.", \
        evidence, None


def t_purpose_intent(law: Law, req: Requirement) -> Outcome:
    adult = law.adult
    base = law.base(adult)
    if base is None or not base.elements.purposes:
        return "unknown", f"{adult} part 1 has no encoded purpose.", [], f"{adult}.1 purposes"
    evidence = [law.evidence(base.provision, base.version, "for the purpose of " + _says(base, law, set(base.elements.purposes)))]
    rule = law.rule("formal_offence")
    if rule is not None:
        evidence.append(law.rule_evidence(rule))
    return "covered", (f"{adult} part 1 states exploitation as a purpose, not a result"
                       f"{'; the Supreme Court reads the offence as complete when the act is done' if rule else ''}."), \
        evidence, None


def t_transactions_purpose(law: Law, req: Requirement) -> Outcome:
    rule = law.rule("no_purpose_for_transactions")
    if rule is None:
        return "unknown", "No encoded rule says whether sale and other transactions need a purpose.", [], \
            "a case-law rule on the purpose for transactions"
    return "broader", ("Purchase-sale and other transactions in a person need no purpose of exploitation (Supreme "
                       "Court), beyond the Protocol; allowed by UNTOC Art. 34(3)."), [law.rule_evidence(rule)], None


def t_case_law(law: Law, req: Requirement) -> Outcome:
    rule = law.rule(req.establishes or "")
    if rule is None:
        return "missing", f"No encoded provision establishes this ({req.establishes}).", [], None
    para = "paragraph unknown" if rule.paragraph in (None, UNKNOWN) else f"para. {rule.paragraph}"
    return "case_law", f"Set only by the Supreme Court resolution {law.m.roles.case_law} ({para}), not by the Code.", \
        [law.rule_evidence(rule)], None


def t_child_no_means(law: Law, req: Requirement) -> Outcome:
    child = law.child
    base = law.base(child)
    if base is None:
        return _not_encoded(child)
    ev = [law.evidence(base.provision, base.version, "victim: " + _says(base, law, set(base.elements.victim))
                       + "; means: " + (_says(base, law, set(base.elements.means)) or "none"))]
    if base.elements.means:
        return "missing", f"{child} part 1 requires a means even for children.", ev, None
    return "covered", f"{child} part 1 (a minor victim) needs an act and a purpose, no means.", ev, None


def t_child_age(law: Law, req: Requirement) -> Outcome:
    fact = law.current(law.kb.code.age_of_majority)
    if fact is None or fact.value == UNKNOWN:
        ev = [law.evidence("age of majority", fact, "unknown")] if fact else []
        return "unknown", "The Code's definition of a minor is not encoded.", ev, "the age below which a person is a minor"
    ev = [law.evidence("age of majority", fact, f"{fact.value}")]
    if fact.value >= 18:
        return "covered", f"A minor is anyone under {fact.value}.", ev, None
    return "missing", f"A minor is anyone under {fact.value}; the Protocol's child is anyone under 18.", ev, None


def t_general_part(law: Law, req: Requirement) -> Outcome:
    versions = law.kb.code.general_part.get(req.fact or "")
    rule = law.current(versions) if versions else None
    if rule is None or rule.exists == UNKNOWN:
        return "unknown", f"The Code's General Part rule on {req.fact} is not encoded.", [], f"General Part: {req.fact}"
    ev = [law.evidence(f"Art. {rule.article}" if rule.article not in (None, UNKNOWN) else "General Part", rule,
                       rule.summary or req.fact)]
    return ("covered", f"The General Part covers {req.fact}.", ev, None) if rule.exists else \
        ("missing", f"The General Part does not cover {req.fact}.", ev, None)


def t_no_element(law: Law, req: Requirement) -> Outcome:
    adult = law.adult
    base = law.base(adult)
    if base is None:
        return _not_encoded(adult)
    required = _ids(base.elements) & set(req.elements)
    if required:
        return "missing", f"{adult} part 1 requires {_says(base, law, required)}.", \
            [law.evidence(base.provision, base.version, _says(base, law, required))], None
    ev = [law.evidence(base.provision, base.version, "none of: " + ", ".join(law.label(e) for e in req.elements))]
    aggravating = [(f, _ids(f.elements) & set(req.elements)) for f in law.qualifying(adult)]
    ev += [law.evidence(f.provision, f.version, "aggravating: " + _says(f, law, h)) for f, h in aggravating if h]
    return "covered", f"{adult} part 1 requires neither; where they appear they only aggravate.", ev, None


def t_anywhere(law: Law, req: Requirement) -> Outcome:
    targets = set(req.elements)
    for art in law.kb.articles.values():
        for found in ([law.base(art.article)] if law.base(art.article) else []) + law.qualifying(art.article):
            if _ids(found.elements) & targets:
                return "covered", f"Found in {found.provision}.", [law.evidence(found.provision, found.version,
                                                                                 _says(found, law, targets))], None
    names = ", ".join(law.label(t) for t in sorted(targets))
    return "missing", f"Nowhere in the encoded law: {names}.", [], None


def t_max_penalty(law: Law, req: Requirement) -> Outcome:
    evidence, status = [], "covered"
    for art in (law.adult, law.child):
        part = law.kb.articles[art].part("1")
        v = law.current(part.versions)
        if v is None:
            continue
        top = max_months(v.penalty)
        evidence.append(law.evidence(f"{art}.1", v, f"maximum {top} months" if isinstance(top, int) else f"maximum {top}"))
        if top == UNKNOWN:
            status = "unknown"
        elif isinstance(top, int) and top < (req.threshold_months or 0) and status != "unknown":
            status = "missing"
    years = (req.threshold_months or 0) // 12
    text = {"covered": f"The base offences carry a maximum of at least {years} years.",
            "missing": f"A base offence's maximum is below {years} years.",
            "unknown": "A base offence's maximum penalty is unknown."}[status]
    return status, text, evidence, "the maximum penalty of a base offence" if status == "unknown" else None


def t_annotation(law: Law, req: Requirement) -> Outcome:
    note = next((a for a in law.m.annotations if a.requirement == req.id), None)
    if note is None:
        return "unknown", "Not computable from the encoded law, and no annotation is recorded.", [], "an annotation"
    return note.status, note.summary, [Evidence(provision="annotation", version=None, confidence=note.confidence,
                                                says="; ".join(s.supports or s.ref for s in note.sources))], None


TESTS: dict[str, Callable[[Law, Requirement], Outcome]] = {
    "act": t_act, "acts_beyond": t_acts_beyond, "means": t_means, "means_required": t_means_required,
    "purpose_form": t_purpose_form, "purpose_intent": t_purpose_intent,
    "transactions_purpose": t_transactions_purpose, "case_law": t_case_law, "child_no_means": t_child_no_means,
    "child_age": t_child_age, "general_part": t_general_part, "no_element": t_no_element, "anywhere": t_anywhere,
    "max_penalty": t_max_penalty, "annotation": t_annotation,
}


def _describe(penalty) -> str:
    if penalty in (None, UNKNOWN) or penalty.main == UNKNOWN:
        return "unknown"
    return " or ".join(punishment(m.kind, m.min, m.max) for m in penalty.main)


def _consistency(law: Law) -> list[ConsistencyRow]:
    rows = []
    for comp in law.m.consistency:
        sides = []
        for text in comp.provisions:
            cite = parse(text)
            part = law.kb.articles[cite.article].part(cite.part or "1")
            v = law.current(part.versions) if part else None
            if v is None:
                sides.append(ProvisionPenalty(provision=text, penalty="not in force", max_months=None,
                                              floor_months=None, confidence=None))
                continue
            sides.append(ProvisionPenalty(provision=text, penalty=_describe(v.penalty), max_months=max_months(v.penalty),
                                          floor_months=floor_months(v.penalty), confidence=v.confidence))
        unknown = [s.provision for s in sides if not isinstance(s.max_months, int) or not isinstance(s.floor_months, int)]
        if unknown:
            rows.append(ConsistencyRow(conduct=comp.conduct, provisions=sides, status="unknown",
                                       explanation=f"Cannot compare: the penalty of {', '.join(unknown)} is unknown."))
            continue
        first, lighter = sides[0], []
        for s in sides[1:]:  # far lighter: a maximum a third lower, or a floor at most half as high
            why = ([f"max {duration(s.max_months)} against {duration(first.max_months)}"]
                   if s.max_months * 3 <= first.max_months * 2 else [])
            if s.floor_months * 2 <= first.floor_months:
                floor = "no special minimum" if s.floor_months == 0 else f"a minimum of {duration(s.floor_months)}"
                why.append(f"{floor} against {duration(first.floor_months)}")
            if why:
                lighter.append(f"{s.provision} ({'; '.join(why)})")
        if lighter:
            rows.append(ConsistencyRow(conduct=comp.conduct, provisions=sides, status="divergent",
                                       explanation=f"{', '.join(lighter)} punishes the same conduct far more lightly "
                                                   f"than {first.provision}; the lighter article may be charged "
                                                   f"instead."))
        else:
            rows.append(ConsistencyRow(conduct=comp.conduct, provisions=sides, status="comparable",
                                       explanation="Maxima within a third and minima within half of each other."))
    return rows


def _worst(evidence: list[Evidence]) -> Confidence | None:
    return min((e.confidence for e in evidence), key=CONFIDENCE_RANK.__getitem__, default=None)


def report(kb: KB, on: dt.date, lang: str = "en") -> GapReport:
    """The report; `lang` is the language of the vocabulary labels in it (the prose is English)."""
    law = Law(kb, on, lang)
    rows = []
    for req in kb.checklist.requirements:
        status, text, evidence, needs = TESTS[req.test](law, req)
        note = next((a for a in law.m.annotations if a.requirement == req.id), None)
        if note is not None and req.test != "annotation":
            evidence.append(Evidence(provision="annotation", version=None, confidence=note.confidence,
                                     says=note.summary))
        rows.append(GapRow(id=req.id, group=req.group, title=req.title,
                           basis=[f"{b.instrument} Art. {b.provision}" for b in req.basis], severity=req.severity,
                           status=status, explanation=text, evidence=evidence, confidence=_worst(evidence),
                           needs=needs))
    summary = {
        "mandatory_gaps": sum(r.severity == "mandatory" and r.status not in NOT_GAPS for r in rows),
        "divergences": sum(r.status == "broader" for r in rows),
        "unknowns": sum(r.status == "unknown" for r in rows),
        "covered": sum(r.status in ("covered", "case_law") for r in rows),
    }
    consistency = _consistency(law)
    summary["penalty_divergences"] = sum(c.status == "divergent" for c in consistency)
    ambiguous = sorted(f"Law {act_name(kb.acts[a])}" for a in law.ambiguous)
    return GapReport(on=on, code=kb.code.id, standard=kb.mapping.standard, ambiguous=ambiguous, summary=summary,
                     rows=rows, consistency=consistency)


def compare(before: GapReport, after: GapReport, draft: str) -> GapReport:
    """The draft's report, with the rows whose status the draft changes."""
    old = {r.id: r for r in before.rows}
    changes = [RowChange(id=r.id, title=r.title, before=old[r.id].status, after=r.status, explanation=r.explanation)
               for r in after.rows if r.id in old and old[r.id].status != r.status]
    return after.model_copy(update={"draft": draft, "changes": changes})


def fails(report: GapReport, fail_on: str) -> bool:
    if fail_on == "mandatory":
        return report.summary["mandatory_gaps"] > 0
    return any(r.status not in ("covered", "case_law") for r in report.rows)

