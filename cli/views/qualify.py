"""The view of `qualify`: per reading the charge, its range and category, what remains to prove and at most three
caveats (those that could change the charge or the range first); `--explain` adds the rest. Several cases give
one table."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kb.model import GRADE_RANK

from ..phrases import Words
from ..render import Block, field, heading, item, table, text, title, warn, whole
from .law import LEGEND, conflict, last_known

SHORT = 3  # caveats shown per count without --explain


class _Ctx:
    def __init__(self, result: Any, lang: str):
        self.w = Words(lang)
        self.acts, self.labels, self.rules = result.acts, result.labels, result.rules

    def label(self, vid: str | None) -> str:
        return self.w.label(vid, self.labels) if vid else ""

    def labels_of(self, ids: list[str]) -> str:
        return ", ".join(self.label(i) for i in ids)

    def cite(self, article: str, part: str | None = None, items: list[str] | None = None, one_line: bool = False
             ) -> str:
        said = self.w.cite(article, part, items=items or None)
        return whole(said) if one_line else said

    def rule(self, rid: str | None) -> str:
        if not rid:
            return ""
        r = self.rules.get(rid)
        if r is None:
            return rid
        w = self.w
        name = w("Resolution No. {number}", number=r.number) if r.number else r.instrument
        where = w("para. {p}", p=r.paragraph) if r.paragraph else r.tag
        return f"{name} {where}{w.mark(r.grade)}"


# -- pieces -------------------------------------------------------------------------------------------------------


def _cited(c: _Ctx, ch: Any, one_line: bool = False) -> str:
    """The charge's citation, with the parts it cannot be ranked against, or a higher part the KB lacks."""
    w = c.w
    out = c.cite(ch.article, ch.part, ch.items, one_line)
    if ch.unranked:
        out += " " + w("or") + " " + f" {w('or')} ".join(c.cite(ch.article, p, one_line=one_line) for p in ch.unranked)
    if not ch.final and not ch.unranked:
        out += " " + w("or a higher part not encoded")
    return out


def _charge(c: _Ctx, ch: Any, conditional: bool = False) -> str:
    w = c.w
    name = w.text(ch.title) if ch.title else ""
    return f"{_cited(c, ch)}{w.mark(ch.grade)}" + (f" — {name}" if name else "") + \
        (f" ({w('if made out')})" if conditional else "")


def _range(c: _Ctx, ch: Any, explain: bool = False) -> str:
    w, p = c.w, ch.penalty
    if p is None:
        return w("none stated")
    if p.penalty == "unknown" or p.penalty.main == "unknown":
        lk = next((x for x in p.last_known if x.field in ("penalty", "penalty.main")), None)
        said = last_known(w, lk, c.acts, c.labels) if lk else w("unknown")
    else:
        said = w.penalty(p.penalty) + w.mark(p.grade)
    cat = p.category
    category = f"{w('category')}: {w.category(cat.id)}"
    if explain and cat.reason == "thresholds_unknown":
        category += f" ({w('the crime-category thresholds of Art. 11 are not encoded')})"
    return f"{said}; {category}"


def _to_prove(c: _Ctx, t: Any) -> str:
    w = c.w
    if t.what == "knew_age":
        return w("the offender was aware that the victim was a minor") + f" ({c.rule(t.rule)})"
    if t.of == "act.exploitation":
        return w("the form of exploitation: one of {forms}", forms=c.labels_of(t.any_of)) + w.mark(t.grade)
    if t.of is None:  # an element no stated fact speaks to
        said = c.label(t.any_of[0]) if len(t.any_of) == 1 else w("one of: {forms}", forms=c.labels_of(t.any_of))
        return said + (f" ({c.rule(t.rule)})" if t.rule else w.mark(t.grade))
    forms = f" {w('or')} ".join(c.label(i) for i in t.any_of)
    return w("that “{fact}” was {forms}", fact=c.label(t.of), forms=forms) + w.mark(t.grade)


def _to_prove_short(c: _Ctx, t: Any) -> str:
    w = c.w
    if t.what == "knew_age":
        return w("awareness of the age") + w.mark(t.grade)
    return f" {w('or')} ".join(c.label(i) for i in t.any_of) + w.mark(t.grade)


def _caveat(c: _Ctx, k: Any, case: Any) -> str:
    w = c.w
    art = c.cite(k.article) if k.article else ""
    if k.kind == "not_aware" and k.reason == "minor_unknown":
        return w("whether the victim is a minor is not stated, and the offender was not aware of a minority: {cite} "
                 "does not apply either way ({rule})", cite=art, rule=c.rule(k.rule))
    if k.kind == "not_aware":
        return w("the offender was not aware that the victim was a minor, so {cite} does not apply ({rule})",
                 cite=art, rule=c.rule(k.rule))
    if k.kind == "open_reported":
        top = w("; reported for its aggravated forms: {range}", range=w.span(None, k.max_months)) \
            if k.max_months else ""
        return w("{facts}: sources report these among the aggravated forms of {cite}, in a part the KB does not "
                 "encode{top} ◆", facts=c.labels_of(k.ids), cite=art, top=top)
    if k.kind == "open":
        return w("{facts}: no encoded element of {cite} covers this; it may fall under a part the KB does not encode",
                 facts=c.labels_of(k.ids), cite=art)
    if k.kind == "unranked":
        return w("{parts} apply and a penalty is unknown: which is the most serious cannot be computed",
                 parts=", ".join(c.cite(k.article, p) for p in k.parts))
    if k.kind == "purpose_undecided":
        return _purpose(c, k.reason, c.labels_of(k.ids), k.where, k.article, k.grade)
    if k.kind == "range_reported":
        return w("the range of {cite} is unknown; sources report {range} for the article's aggravated forms ◆",
                 cite=_dotted(c, k.where), range=w.span(None, k.max_months))
    if k.kind == "knew_pregnant_unknown":
        cite = _dotted(c, k.where) if k.where else art
        return w("the victim was pregnant, and whether the offender knew it is not stated: if he knew, {cite}",
                 cite=f"{cite} {w('or a higher part not encoded')}" if k.reason == "open" else cite)
    if k.kind == "minor_unknown":
        return w("the victim's age is not stated: if a minor, and the offender was aware of it, {cite}",
                 cite=_dotted(c, k.where) if k.where else art)
    if k.kind == "for_all_victims":
        return w("{cite} is one offence against all the victims of the case, given on this count only", cite=art)
    if k.kind == "related_undecided":
        return w("{cite} may apply as well ({facts}), but whether it is made out cannot be decided",
                 cite=art, facts=c.labels_of(k.ids))
    if k.kind == "cumulative_undecided":
        return w("{cite} may apply as well ({rule}), but its part cannot be decided", cite=art, rule=c.rule(k.rule))
    date, art = case.compare_on.isoformat(), ", ".join(_dotted(c, x) for x in k.parts) or art
    if k.kind == "later_milder":
        return w("the law in force on {date} is milder for {cite} and applies ({rule})", date=date, cite=art,
                 rule=_art6(c, case))
    if k.reason == "undecided_later":
        return w("whether the law in force on {date}, as encoded, makes out {cite} on these facts is undecided, so "
                 "which law is milder cannot be computed", date=date, cite=art)
    if k.reason == "not_made_out_later":
        return w("the law in force on {date}, as encoded, does not make out {cite} on these facts: a "
                 "decriminalisation or a gap in the encoding, which tipkb does not decide", date=date, cite=art)
    return w("whether the law in force on {date} is milder for {cite} cannot be computed: a range is unknown ({rule})",
             date=date, cite=art, rule=_art6(c, case))


def _purpose(c: _Ctx, reason: str, fact: str, where: str | None, article: str | None, grade: str | None) -> str:
    """Why a stated purpose leaves the offence undecided."""
    w = c.w
    if reason == "maybe_in_definition":
        return w("whether {fact} was a form of exploitation in Art. 3 item 1 then is unknown", fact=fact) + ": " + \
            w("the KB knows only some of its forms") + w.mark(grade)
    if reason == "higher_parts":
        return w("{fact} is not a form of exploitation in Art. 3 item 1{grade}, but the higher parts of {cite} are not "
                 "encoded and may name it", fact=fact, grade=w.mark(grade), cite=c.cite(article) if article else "") + \
            (w(", as {where} does", where=_dotted(c, where)) if where else "")
    return w("Art. 3 item 1 for the date is not encoded")


def _art6(c: _Ctx, case: Any) -> str:
    m = case.milder_law.rule
    if m is None:
        return c.w("the milder-law rule is not encoded")
    return c.w("Art. {article}", article=m.article) + c.w.mark(m.grade)


def _dotted(c: _Ctx, where: str | None) -> str:
    if not where:
        return ""
    article, *rest = where.split(".")
    return c.cite(article, rest[0] if rest else None, rest[1].split(",") if len(rest) > 1 else None)


def _brief(c: _Ctx, b: Any) -> str:
    cite = c.cite(b.article, b.part, b.items) if b.part else c.cite(b.article)
    return f"{cite} ({_short_range(c, b)})"


def _answer(c: _Ctx, a: Any) -> str:
    w = c.w
    parts = []
    if a.charge:
        parts.append(_brief(c, a.charge) + (f" ({w('if made out')})" if a.trafficking == "undecided" else ""))
    else:
        parts.append(w("trafficking: {status}", status=w(a.trafficking)))
    parts += [_brief(c, b) for b in [*a.cumulative, *a.other]]
    return " + ".join(parts)


def _condition(c: _Ctx, reading: Any, split: bool) -> str:
    w, out = c.w, []
    for f in reading.facts:
        out.append(w("if the offender was aware that the victim was a minor") if f.value else
                   w("if the offender was not aware that the victim was a minor") if split else "")
    if reading.assumed:
        out.append(w.condition(reading.assumed, c.acts))
    return "; ".join(x for x in out if x)


def _victims(c: _Ctx, case: Any) -> list[Block]:
    w, out = c.w, []
    for n, v in enumerate(case.victims, 1):
        who = w("victim {n}", n=n) + (f" (×{v.count})" if v.count > 1 else "")
        if v.by_age:
            kind = w("a minor") if v.minor else w("an adult")
            said = w("aged {age} — {kind}{grade} (the Code's age of majority is {majority})", age=v.age, kind=kind,
                     grade=w.mark(v.grade), majority=v.majority)
        elif v.minor is not None:
            said = (w("a minor") if v.minor else w("an adult")) + f" ({w('stated')})"
        else:
            said = (w("aged {age}", age=v.age) + " — " if v.age is not None else "") + w("whether a minor is not stated")
        out.append(field(who, said))
    return out


# -- one count ----------------------------------------------------------------------------------------------------------


def _conflicts(w: Words, charge: Any) -> list[Block]:
    """The sources that disagree on a charge's penalty, as `penalty` lists them."""
    return [item(conflict(w, k)) for k in (charge.penalty.conflicts if charge and charge.penalty else [])]


def _count(c: _Ctx, case: Any, count: Any, explain: bool, many: bool, n: int) -> list[Block]:
    w, out = c.w, []
    one = next((k for k in count.caveats if k.kind == "one_offence"), None)  # said in the heading
    caveats = [k for k in count.caveats if k is not one]
    if many:
        who = ", ".join(str(i + 1) for i in count.victims)
        out.append(heading(w("Count {n} (victims {who})", n=n, who=who) if one is None else w(
            "Count {n} (victims {who}): one offence under {cite} against victims {all}, to be charged once", n=n,
            who=who, cite=c.cite(one.article), all=", ".join(str(i + 1) for i in one.victims))))
    ch = count.charge
    if ch is not None:
        out.append(field(w("charge"), _charge(c, ch, count.trafficking == "undecided")))
        out.append(field(w("range"), _range(c, ch, explain)))
        out += _conflicts(w, ch)
    else:
        name = w("trafficking") + (f" ({c.cite(count.principal)})" if count.principal else "")
        out.append(field(name, w(count.trafficking) + w.mark(count.grade)))
        out += [item(f"{w(d.slot)}: {_reason(c, d, count.principal)}") for d in count.reasons]
    for x in count.cumulative:
        what = f"{_charge(c, x.charge)}; {_short_range(c, x.charge, True)}" if x.charge else \
            c.cite(x.article) + f" ({w('part undecided')})"
        out.append(field("+", f"{what} — {c.rule(x.rule)}"))
        out += _conflicts(w, x.charge)
    for o in count.other:
        out.append(field(w("also made out"), f"{_charge(c, o)}; {_range(c, o)}"))
        out += _conflicts(w, o)
    if count.to_prove:
        out.append(field(w("to prove"), "; ".join(_to_prove(c, t) for t in count.to_prove)))
    shown = caveats if explain else caveats[:SHORT]
    out += [item(_caveat(c, k, case)) for k in shown]
    if len(caveats) > len(shown):
        out.append(item(w("{n} more: --explain", n=len(caveats) - len(shown))))
    if explain:
        out += _explain(c, case, count)
    return out


def _reason(c: _Ctx, d: Any, article: str | None = None) -> str:
    """Why an element was decided as it was (of `article`, when the reason names it)."""
    w = c.w
    rule = f" ({c.rule(d.rule)})" if d.rule else ""
    ruled = c.rules[d.rule].grade if d.rule in c.rules else None  # marked on the rule; the decision's if weaker
    weaker = d.grade is not None and (ruled is None or GRADE_RANK[d.grade] < GRADE_RANK[ruled])
    fact, grade = c.label(d.of), w.mark(d.grade) if weaker else ""
    said = {
        "stated": w("stated"),
        "one_act": w("one act suffices"),
        "transaction": w("sale and other transactions need no purpose"),
        "definition": w("a form of exploitation in Art. 3 item 1"),
        "named_by_article": w("a purpose the article itself names, in {where}", where=_dotted(c, d.where)),
        "purpose_required": w("the purpose of exploitation is required for the acts stated, and none is stated"),
        "not_stated": w("none is among the facts"),
        "left_out": w("not stated: unknown, not false"),
        "stated_false": w("the facts say it was not so"),
        "excluded": w("{fact} is known not to be a form of exploitation in Art. 3 item 1 then", fact=fact),
        "not_in_definition": w("{fact} is not a form of exploitation in Art. 3 item 1 then", fact=fact),
        "maybe_in_definition": _purpose(c, d.reason, fact, d.where, article, d.grade),
        "definition_unknown": _purpose(c, d.reason, fact, d.where, article, d.grade),
        "higher_parts": _purpose(c, d.reason, fact, d.where, article, d.grade),
        "narrower": w("{fact}: one of {forms} remains to prove", fact=fact, forms=c.labels_of(d.to_prove)),
        "minor": w("the victim is a minor"),
        "knew": w("the victim is a minor, and the offender was aware of it"),
        "adult": w("the victim is not a minor"),
        "minor_unknown": w("whether the victim is a minor is not stated"),
        "did_not_know": w("the offender was not aware that the victim was a minor"),
        "knew_unknown": w("the victim is a minor; whether the offender was aware of it is not stated"),
        "elements_unknown": w("the elements of the part are not encoded"),
    }[d.reason]
    if d.reason in ("maybe_in_definition", "definition_unknown", "higher_parts"):
        grade = ""  # marked inside
    return f"{said}{grade}{rule}"


def _explain(c: _Ctx, case: Any, count: Any) -> list[Block]:
    w = c.w
    out = [heading(w("Element by element"))]
    for ac in count.candidates:
        status = w(ac.status.replace("_", " "))
        out.append(text(f"{c.cite(ac.article)} {w.text(ac.title) if ac.title else ''} — {status}"))
        for p in ac.parts:
            name = w("Part {id}", id=p.part) if p.part[0].isdigit() else w("Part ({id})", id=p.part)
            # a qualifying part none of whose elements the facts state: not stated, which is not "no"
            said = w("not stated") if p.builds_on and p.applies == "no" and not p.denied else w(p.applies)
            out.append(field(name, said + w.mark(p.grade)))
            for d in p.decisions:
                got = f" ({c.labels_of(d.matched)})" if d.matched else ""
                out.append(item(f"{w(d.slot)}: {w(d.status.replace('_', ' '))}{got} — {_reason(c, d, ac.article)}", 1))
            if p.matched:
                out.append(item(c.labels_of(p.matched), 1))
            for i in p.items:
                if i.applies != "no":
                    got = c.labels_of(i.matched or i.to_prove) or w("its elements are not known")
                    out.append(item(f"{w('item')} {i.id}): {w(i.applies)}{w.mark(i.grade)} — {got}", 1))
            if p.unknown and p.builds_on:
                out.append(item(w("its elements or items are not all known"), 1))
    if count.what_if:
        out.append(heading(w("What one more fact would change")))
        out += [item(f"{c.label(x.add)} → {_answer(c, x.answer)}") for x in count.what_if]
    if count.unused:
        out.append(field(w("facts not used"), c.labels_of(count.unused)))
    return out


# -- the case ------------------------------------------------------------------------------------------------------------


def _case(c: _Ctx, case: Any, explain: bool) -> list[Block]:
    w = c.w
    head = w("Qualification — offence of {date}", date=case.on.isoformat())
    out: list[Block] = [title(head + (f" — {case.name}" if case.name else ""))]
    out += _victims(c, case)
    shown = case.understood if explain else [u for u in case.understood if u.how == "fuzzy"]
    out += [item(w("understood “{term}” as {label}", term=u.term, label=c.label(u.id))
                 + (f" ({u.score:g})" if u.score else "")) for u in shown]
    split = any(f.fact == "knew_age" for r in case.readings for f in r.facts)
    for n, reading in enumerate(case.readings, 1):
        if len(case.readings) > 1:
            out.append(heading(w("Reading {n} of {total}: {condition}", n=n, total=len(case.readings),
                                 condition=_condition(c, reading, split))))
        for i, count in enumerate(reading.counts, 1):
            out += _count(c, case, count, explain, len(reading.counts) > 1, i)
        if explain and reading.time:
            out += _time(c, case, reading)
    if case.check is not None:
        out += _check(c, case)
    if case.draft is not None:
        out += _draft(c, case)
    return out


def _time(c: _Ctx, case: Any, reading: Any) -> list[Block]:
    w, m = c.w, case.milder_law
    out = [heading(w("The law in time: {date} against {later}", date=case.on.isoformat(),
                     later=case.compare_on.isoformat()))]
    if m.rule:
        src = "; ".join(s.title for s in m.rule.sources)
        out.append(field(w("rule"), w("a later law that is milder applies to earlier acts") +
                         f" — {_art6(c, case)} ({src})"))
    if m.comparison:
        out.append(field(w("milder"), w("a lower maximum; at equal maxima, a lower minimum") + w.mark(m.comparison.grade)))
    for row in reading.time:
        then = f"{c.cite(row.article, row.then.part, row.then.items)} {_short_range(c, row.then)}"
        now = f"{c.cite(row.article, row.now.part, row.now.items)} {_short_range(c, row.now)}" if row.now \
            else w("undecided") if row.reason == "undecided_later" else w("not made out")
        cond = f" [{w.condition(row.now_assumed, c.acts)}]" if row.now_assumed else ""
        applies = {"later": w("the later law applies"), "unknown": w("which law applies cannot be computed")}.get(
            row.milder, w("the law of the offence date applies"))
        out.append(item(f"{then} → {now}{cond}: {w(row.reason.replace('_', ' '))}; {applies}"))
    return out


def _check(c: _Ctx, case: Any) -> list[Block]:
    w = c.w
    if case.check.ok:
        return [field(w("check"), w("as expected"))]
    return [field(w("check"), w("differs from the scenario"))] + [
        item(w("reading {n}, {key}: expected {expected}, got {got}", n=m.reading, key=m.key, expected=m.expected,
               got=m.got)) for m in case.check.mismatches]


def _draft(c: _Ctx, case: Any) -> list[Block]:
    w, d = c.w, case.draft
    out = [heading(w("With the draft {act}, read as in force on {date}", act=w.act(d.act, c.acts),
                     date=d.on.isoformat()))]
    if not d.flipped:
        return out + [text(w("No answer flips."))]
    before = "; ".join(" / ".join(_answer(c, x) for x in a.counts) for a in d.before)
    after = "; ".join(" / ".join(_answer(c, x) for x in a.counts) for a in d.after)
    return out + [field(w("without it"), before), field(w("with it"), after)]


def _table(c: _Ctx, cases: list[Any]) -> list[Block]:
    w, rows, apart = c.w, [], []  # apart: one offence given on several rows (their charges beside it differ)
    for case in cases:
        name = Path(case.name).stem  # on the case's first row only
        for n, reading in enumerate(case.readings, 1):
            # counts that are one offence (`one_offence`) and read alike here are one row, of all their victims
            lines: dict[tuple, list[int]] = {}
            for count in reading.counts:
                ch = count.charge
                one = next((k.victims for k in count.caveats if k.kind == "one_offence"), None)
                line = (_line(c, count), _short_range(c, ch) if ch else "",
                        "; ".join(_to_prove_short(c, t) for t in count.to_prove), tuple(one) if one else id(count))
                lines.setdefault(line, []).extend(count.victims)
            offences = [(k.article, tuple(k.victims)) for count in reading.counts for k in count.caveats
                        if k.kind == "one_offence"]
            apart += [(Path(case.name).stem, n if len(case.readings) > 1 else None, article, victims)
                      for article, victims in dict.fromkeys(offences)
                      if sum(key[3] == victims for key in lines) > 1]
            for (charge, rng, prove, _), victims in lines.items():
                # which reading (several: their conditions follow the table) and, of several counts, which victims
                which = [str(n)] if len(case.readings) > 1 else []
                if len(reading.counts) > 1:
                    which.append("v" + ",".join(str(v + 1) for v in sorted(victims)))
                rows.append([name, " ".join(which), charge, rng, prove])
                name = ""
    out = [table([w("case"), "#", w("charge"), w("range"), w("to prove")], rows, hyphens=(0,))]
    if any(len(r.counts) > 1 for case in cases for r in case.readings):
        out.append(item(w("v1,2: the victims a count is for, by their number in the facts file")))
    for name, n, article, victims in apart:
        out.append(item(f"{name}{f' #{n}' if n else ''}: " + w(
            "one offence under {cite} against victims {all}, to be charged once", cite=c.cite(article),
            all=", ".join(str(i + 1) for i in victims))))
    for case in cases:
        split = any(f.fact == "knew_age" for r in case.readings for f in r.facts)
        if len(case.readings) > 1:
            out += [item(f"{Path(case.name).stem} #{n}: {_condition(c, r, split)}")
                    for n, r in enumerate(case.readings, 1)]
    return out


def _line(c: _Ctx, count: Any) -> str:
    """The charges of a count in a table cell: the trafficking charge (or its status), then the others; a
    citation is never broken across lines."""
    w, ch = c.w, count.charge
    first = _cited(c, ch, one_line=True) + (f" ({w('if made out')})" if count.trafficking == "undecided" else "") \
        if ch else w("trafficking: {status}", status=w(count.trafficking)) + w.mark(count.grade)
    rest = [c.cite(x.charge.article, x.charge.part, x.charge.items, True) if x.charge else c.cite(x.article)
            for x in count.cumulative]
    rest += [c.cite(o.article, o.part, o.items, True) for o in count.other]
    return " ".join([first, *(whole("+ ") + r for r in rest)])


def _short_range(c: _Ctx, ch: Any, named: bool = False) -> str:
    r, w = ch.range, c.w
    if r is None:
        return w("range unknown") if named else w("unknown")
    said = w.span(r.min_months, r.max_months) if r.max_months != "life" else w.kind("life_imprisonment")
    return (w("last known {range}", range=said) if r.last_known else said) + w.mark(r.grade)


def view(result: Any, lang: str, explain: bool = False) -> list[Block]:
    c = _Ctx(result, lang)
    w = c.w
    out: list[Block] = []
    if len(result.cases) == 1 and not result.invalid:
        out += _case(c, result.cases[0], explain)
    elif result.cases:
        out.append(title(w("Qualification — {n} cases", n=len(result.cases))))
        out += _table(c, result.cases)
        for case in result.cases:
            if explain:
                out += _case(c, case, explain)
            else:
                if case.check is not None and not case.check.ok:
                    out += [text(case.name)] + _check(c, case)
                if case.draft is not None and case.draft.flipped:
                    out += [text(case.name)] + _draft(c, case)
    if result.invalid:
        out.append(warn(w("Not read (invalid, see the messages above): {files}",
                          files=", ".join(i.file for i in result.invalid))))
    out.append(text(w(LEGEND)))
    return out
