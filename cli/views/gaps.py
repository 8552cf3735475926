"""The compliance report in words: an 80-column table view, and a drafter's memo (--format markdown) in the order
finding; what a draft changes; obligations not met; divergences; national additions; recommendations; penalty
consistency; what to verify; sources. Every sentence is built here from the result's data."""

from __future__ import annotations

from typing import Any

from ..phrases import Words
from ..render import Block, heading, item, table, text, title, warn
from .law import last_known

KINDS = ("obligation", "divergence", "national_addition", "recommendation")
HEADINGS = {"obligation": "Obligations not met or not known to be met", "divergence": "Divergences",
            "national_addition": "National additions", "recommendation": "Recommendations"}
TABLE_HEADINGS = {"obligation": "Obligations (the Protocol, UNTOC)", "divergence": "Divergences from the Protocol",
                  "national_addition": "National additions", "recommendation": "Recommendations"}
# A status in words, by what the row is.
STATUS = {
    ("obligation", "covered"): "met", ("obligation", "missing"): "not met",
    ("divergence", "covered"): "aligned", ("divergence", "broader"): "over-inclusive",
    ("divergence", "missing"): "narrower",
    ("national_addition", "broader"): "in the Code", ("national_addition", "missing"): "not in the Code",
    ("national_addition", "covered"): "in the Code",
    ("recommendation", "covered"): "followed", ("recommendation", "missing"): "not followed",
    ("recommendation", "broader"): "followed",
}
ANY_STATUS = {"partial": "partly", "unknown": "unknown", "aggravating_only": "aggravating only",
              "case_law": "case law only", "broader": "broader", "covered": "met", "missing": "not met"}
LEGEND = ("Marks: the weakest fact a row rests on — ◇ secondary source, ◆ reported, ≈ inferred, ⚠ unverified; "
          "unmarked: official. ↺ rests on a last known value; ⇄ sources disagree. Citations: 128.1.2 is Art. 128 "
          "part 1 item 2.")
# Words the view picks by the data: every one is a phrase of cli/phrases.py.
ROLES = {"base": "base offence", "aggravating": "aggravating", "parallel": "the child offence's item",
         "related": "related offence, not trafficking"}
SITE_ROLES = {"aggravating": "aggravating items", "parallel": "items of the child offence",
              "related": "a related offence, not trafficking"}
KIND_NAMES = {"obligation": "obligation", "divergence": "divergence", "national_addition": "national addition",
              "recommendation": "recommendation"}
VICTIMS = {"adult": "adults", "child": "minors"}
REASONS = {"unknown": "not known", "unverified": "unverified", "inferred": "inferred",
           "last_known": "a last known value", "conflicting": "sources disagree"}
COMPARISON = {"comparable": "comparable", "not_comparable": "cannot be compared: a penalty is unknown"}
SIDE = {"not_in_force": "not in force", "not_encoded": "not encoded", "unknown_if_exists": "unknown if it exists",
        "absent": "absent"}
FACTS = {"attempt": "attempt", "complicity": "complicity", "organising": "organising",
         "reconciliation": "reconciliation", "age_of_majority": "age of majority", "exploitation": "exploitation",
         "milder_law": "milder law", "milder_law_comparison": "comparing penalties", "crime_categories":
         "crime categories"}
DEGREES = {"full": "full", "partial": "partial", "functional": "functional"}
TAGS = {"definition": "definition", "annotation": "annotation"}
LISTS = (("constitutive", "constitutive"), ("functional", "reached through sale and other transactions"),
         ("aggravating", "aggravating only"), ("partial", "partly, by a narrower term"),
         ("missing", "not among the means it requires"), ("unnamed", "named nowhere, and reached without a means"),
         ("unknown", "unknown"))


def status(w: Words, kind: str, s: str) -> str:
    return w(STATUS.get((kind, s)) or ANY_STATUS[s])


def marks(w: Words, trust: Any) -> str:
    out = w.mark(trust.grade).strip()
    if trust.inferred and trust.grade != "inferred":
        out += "≈"
    return out + ("↺" if trust.last_known else "") + ("⇄" if trust.conflicting else "")


def name(w: Words, row: Any, labels: dict) -> str:
    """A row by its element's label (translated) where it has one, else by its title (ours, English)."""
    if len(row.elements) != 1 or row.group not in ("acts", "means", "purposes", "beyond"):
        return w.prose(row.title)
    label = w.label(row.elements[0], labels)
    if row.group == "beyond":  # the row asks whether the Code's definition has the form
        label = w("{form} as a form of exploitation", form=label)
    return label[:1].upper() + label[1:]


def dotted(e: Any) -> str:
    return ".".join(x for x in (e.article, e.part, e.item) if x)


def cite(w: Words, e: Any) -> str:
    return w.cite(e.article, e.part, e.item)


def ids(w: Words, xs: list[str], labels: dict) -> str:
    return ", ".join(w.label(x, labels) for x in xs) or w("none")


def instrument(w: Words, report: Any, e: Any) -> str:
    name_ = w.text(report.instruments[e.instrument]) if e.instrument in report.instruments else e.instrument
    para = f", {w('para. {n}', n=e.paragraph)}" if e.paragraph else ""
    return f"{name_} ({e.provision}{para})"


def via(w: Words, e: Any, labels: dict) -> str:
    return "".join(f" ({w('read as {term}: {degree} equivalent', term=w.label(v.protocol, labels), degree=w(DEGREES[v.degree]))}"
                   f"{w.mark(v.grade)})" for v in e.via)


def period(w: Words, x: Any, acts: dict) -> str:
    """The law a reported fact describes: from an act's entry into force, until another's."""
    if x.until:
        return w("the law from {a} until {b}", a=w.act(x.act, acts), b=w.act(x.until, acts))
    return w("the law from {a}", a=w.act(x.act, acts))


def evidence(w: Words, report: Any, e: Any) -> str:
    """One piece of evidence in words: where, what it holds, at what grade."""
    labels, acts = report.labels, report.acts
    held = ids(w, e.ids, labels) + via(w, e, labels)
    mark = w.mark(e.grade)
    slot = f"{w(e.slot)}: " if e.slot else ""
    if e.role in ("base", "aggravating", "parallel", "related"):
        return f"{cite(w, e)} ({w(ROLES[e.role])}): {slot}{held}{mark}"
    if e.role == "reported":
        return (f"{w.cite(e.article)}: {w('reported of its aggravated forms, no part named')} "
                f"({period(w, e, acts)}): {held} [{', '.join(e.sources)}]{mark}")
    if e.role == "definition":
        if e.value == "unknown":
            return f"{w('Art. 3 item 1 (definition of exploitation)')}: {w('unknown')}{mark}"
        if e.ids:
            return f"{w('Art. 3 item 1 (definition of exploitation)')}: {w('includes')} {held}{mark}"
        closed = w("its list is closed") if e.exhaustive else w("its list is open: other forms unknown")
        return f"{w('Art. 3 item 1 (definition of exploitation)')}: {w('does not list it')}; {closed}{mark}"
    if e.role == "case_law":
        return f"{instrument(w, report, e)}{mark}"
    if e.role == "framework":
        return f"{instrument(w, report, e)}: {w('names as examples only (“including”): {what}', what=held)}{mark}"
    if e.role == "general_part":
        where = f" ({w('Art. {n}', n=e.article)})" if e.article else ""
        value = {True: w("yes"), False: w("no")}.get(e.value, w("unknown"))
        return f"{w('General Part')}: {w(FACTS[e.fact])}{where}: {value}{mark}"
    if e.role == "fact":
        value = w("unknown") if e.value == "unknown" else str(e.value)
        return f"{w('age of majority')}: {value}{mark}"
    if e.role == "annotation":
        return f"{w('the mapping’s annotation')}: {w.prose(e.note)} [{', '.join(e.sources)}]{mark}"
    if e.role == "penalty":
        top = w("unknown") if e.value in (None, "unknown") else w("life imprisonment") if e.value == "life" \
            else w.duration(e.value)
        line = f"{cite(w, e)}: {w('maximum')} {top}{mark}"
        if e.last_known:
            line += f"; {last_known(w, e.last_known, acts, labels)}"
        if e.conflicts:
            line += f"; {w('{n} conflicting source(s)', n=len(e.conflicts))}"
        return line
    raise ValueError(e.role)


def fact(w: Words, report: Any, e: Any) -> str:
    """The fact a piece of evidence rests on, for what to verify: where, which version, its sources."""
    sources = f" [{', '.join(e.sources)}]" if e.sources else ""
    version = f" ({w.act(e.act, report.acts)})" if e.act else ""
    if e.article and e.role not in ("general_part",):
        where = w.cite(e.article, e.part, e.item) if e.part else w.cite(e.article)
    elif e.role == "definition":
        where = w("Art. 3 item 1 (definition of exploitation)")
    elif e.role == "case_law" or e.role == "framework":
        where = instrument(w, report, e)
    elif e.role == "general_part":
        where = f"{w('General Part')}: {w(FACTS[e.fact])}"
    elif e.role == "fact":
        where = w("age of majority")
    else:
        where = f"{w('the mapping’s annotation')}: {w.prose(e.note)}"
    return f"{where}{version}{w.mark(e.grade)}{sources}"


def equivalence(w: Words, v: Any, labels: dict) -> str:
    read = w("{national} read as {protocol}", national=w.label(v.national, labels), protocol=w.label(v.protocol, labels))
    return f"{w('the mapping')}: {read} ({w(DEGREES[v.degree])}){w.mark(v.grade)} [{', '.join(v.sources)}]"


def need(w: Words, n: Any, report: Any) -> str:
    sources = f" [{', '.join(n.sources)}]" if n.sources else ""
    grade = w.mark(n.grade)
    if n.what == "parts_not_encoded":
        parts = ", ".join(n.parts)
        return (w("Art. {a}: parts not encoded ({parts})", a=n.article, parts=parts) if parts else
                w("whether Art. {a} has parts the KB does not encode", a=n.article)) + grade + sources
    if n.what == "elements_unknown":
        return w("the elements of {c}", c=w.cite(n.article, n.part)) + grade + sources
    if n.what == "definition_partial":
        return w("whether Art. 3 item 1 lists further forms of exploitation") + grade + sources
    if n.what == "fact_unknown":
        return w("the General Part fact: {f}", f=w(FACTS[n.fact])) + grade + sources
    if n.what == "rule_not_encoded":
        return w("the General Part rule on {f} (not encoded)", f=w(FACTS.get(n.fact, n.fact))) + sources
    if n.what == "penalty_unknown":
        return w("the penalty of {c}", c=w.cite(n.article, n.part)) + grade + sources
    if n.what == "annotation_pending":
        return w.prose(n.text) + grade + sources
    return w("an annotation in the mapping")


def _victims(w: Words, row: Any, kind: str) -> str:
    return "; ".join(f"{w(VICTIMS[v.victim])} ({w.cite(v.article)}): {status(w, kind, v.status)}" for v in row.victims)


def _row_blocks(w: Words, report: Any, row: Any) -> list[Block]:
    """A row in the memo: its name and status, then where it comes from, per victim, evidence and needs."""
    labels = report.labels
    head = f"**{name(w, row, labels)}** — {status(w, row.kind, row.status)}"
    if row.would_be:
        head += f" ({w('the sources say: {s}, once verified', s=status(w, row.kind, row.would_be))})"
    head += f" {marks(w, row.trust)}".rstrip()
    out = [item(head)]
    origin = [*(f"{b.instrument} {b.provision}" for b in row.basis),
              *(f"{p.ref} — {w.prose(p.supports)}" if p.supports else p.ref for p in row.proposed_by)]
    out.append(item(f"{w('from')}: {'; '.join(origin)}", 1))
    if row.victims:
        out.append(item(_victims(w, row, row.kind), 1))
    out += [item(evidence(w, report, e) + ("" if e.rests else f" ({w('context')})"), 1) for e in row.evidence]
    out += [item(f"{w('to decide it')}: {need(w, n, report)}", 1) for n in row.needs]
    return out


# -- the finding -------------------------------------------------------------------------------------------------


VERDICT = {
    "not_constitutive": "The Code treats the Protocol's means as aggravating, not constitutive: the adult offence "
                        "requires none, so it punishes more than the Protocol (a divergence, not a gap).",
    "constitutive": "The adult offence requires the Protocol's means, all of them.",
    "partly_constitutive": "The adult offence requires a means, but not every means of the Protocol: conduct by a "
                           "means it leaves out is no longer trafficking (a gap).",
    "unknown": "Whether the adult offence requires a means is unknown: its elements are not encoded.",
}


def rows_verdict(report: Any) -> str:
    return report.readings[0].finding.verdict


def finding(w: Words, report: Any, f: Any) -> list[Block]:
    labels, acts = report.labels, report.acts
    out: list[Block] = [heading(w("Finding")), text(w(VERDICT[f.verdict]))]
    out.append(text(w("Computed from the encoded law ({grade}):", grade=w.grade(f.computed_grade))))
    for b in f.bases:
        who = w(VICTIMS[b.victim])
        means = w("requires: {means}", means=w("unknown")) if b.means == "unknown" else \
            w("requires: {means}", means=ids(w, b.means, labels)) if b.means else w("requires no means")
        out.append(item(f"{w.cite(b.article, b.part)} ({who}): {means}{w.mark(b.grade)}"))
    for attr, label in LISTS:
        xs = getattr(f, attr)
        if xs:
            out.append(item(f"{w(label)}: {ids(w, xs, labels)}"))
    for s in f.sites:
        if s.role == "reported":
            continue
        out.append(item(f"{w.cite(s.article, s.part, items=s.items)} ({w(SITE_ROLES[s.role])}): {ids(w, s.means, labels)}"
                        f"{w.mark(s.grade)}"))
    out += [item(evidence(w, report, e)) for e in f.illustrative]
    reported = [s for s in f.sites if s.role == "reported"] + f.former
    if reported:
        out.append(text(w("Reported only, not encoded ({grade}):", grade=w.grade(f.reported_grade))))
    for s in reported:
        tail = "" if s in f.sites else f"; {w('not reported since')}"
        listed = w("its aggravated forms list: {what}", what=ids(w, s.means, labels))
        out.append(item(f"{w.cite(s.article)}: {listed} ({period(w, s, acts)}{tail}) [{', '.join(s.sources)}]"
                        f"{w.mark(s.grade)}"))
    return out


# -- the views -------------------------------------------------------------------------------------------------------


def _summary(w: Words, summary: dict) -> str:
    parts = []
    for kind in KINDS:
        counts = summary.get(kind, {})
        if counts:
            detail = ", ".join(f"{status(w, kind, s)} {n}" for s, n in sorted(counts.items(), key=lambda x: -x[1]))
            parts.append(f"{w(TABLE_HEADINGS[kind])}: {sum(counts.values())} ({detail})")
    return ". ".join(parts) + "."


def _draft(w: Words, report: Any, rows: list) -> list[Block]:
    d = report.draft
    by_id = {r.id: r for r in rows}
    out: list[Block] = [heading(w("What the draft changes")),
                        text(w("Against the law just before it, {draft} changes {n} row(s).",
                               draft=w.act(d.act, report.acts), n=len(d.changes)))]
    if d.finding_before.verdict != rows_verdict(report):
        out.append(text(w("Before it: {verdict}", verdict=w(VERDICT[d.finding_before.verdict]))))
    if d.changes:
        out.append(table([w("requirement"), w("before"), w("after")],
                         [[name(w, by_id[c.id], report.labels),
                           f"{w(KIND_NAMES[c.before.kind])}: {status(w, c.before.kind, c.before.status)}",
                           f"{w(KIND_NAMES[c.after.kind])}: {status(w, c.after.kind, c.after.status)}"]
                          for c in d.changes]))
    if d.regraded:
        out.append(text(w("Other rows keeping their status, now resting on the draft (⚠ unverified): {n}.",
                          n=len(d.regraded))))
    return out


def _consistency(w: Words, reading: Any) -> list[Block]:
    rows = []
    for c in reading.consistency:
        sides = []
        for s in c.sides:
            if s.status != "in_force":
                pen = w(SIDE[s.status])
            else:
                pen = w.penalty(s.penalty) + w.mark(s.grade)
                if s.last_known:  # an unknown penalty with the main punishments last known beside it
                    lk = s.last_known[0]
                    main = lk.value["main"] if lk.field == "penalty" else lk.value
                    pen += " " + w("(last known {value})", value=w.penalty({"main": main, "additional": []}))
            sides.append(f"{'.'.join(x for x in (s.article, s.part, s.item) if x)}: {pen}")
        if c.status == "divergent":
            verdict = f"{w('divergent')}: {_lighter(w, c, c.lighter)}"
        else:
            verdict = w(COMPARISON[c.status])
            if c.last_known_status == "divergent":
                verdict += "; " + w("on the last known values: {why}", why=_lighter(w, c, c.last_known_lighter))
            elif c.last_known_status == "comparable":
                verdict += "; " + w("comparable on the last known values")
        rows.append([w.prose(c.conduct), "\n".join(sides), verdict])
    return [heading(w("Penalty consistency")), table([w("conduct"), w("penalties"), w("comparison")], rows)]


def _lighter(w: Words, c: Any, lighter: list) -> str:
    """'308.1 far lighter (maximum, minimum)' for each related side that is."""
    return "; ".join(
        f"{'.'.join(x for x in (c.sides[lt.side].article, c.sides[lt.side].part) if x)} " + w("far lighter")
        + f" ({', '.join(w(k) for k, on in (('maximum', lt.max), ('minimum', lt.floor)) if on)})" for lt in lighter)


def _verify(w: Words, report: Any, reading: Any, limit: int | None = None) -> list[Block]:
    checks = reading.verify[:limit] if limit else reading.verify
    out: list[Block] = [heading(w("What to verify"))]
    by_id = {r.id: r for r in reading.rows}
    for c in checks:
        what = need(w, c.need, report) if c.need else equivalence(w, c.equivalence, report.labels) \
            if c.equivalence else fact(w, report, c.evidence)
        rows = ", ".join(name(w, by_id[r], report.labels) if r in by_id else r for r in c.rows[:6]) + \
            (" …" if len(c.rows) > 6 else "")
        out.append(item(f"{w(REASONS[c.reason])}: {what} — {w('rows')}: {rows}"))
    if limit and len(reading.verify) > limit:
        out.append(text(w("… and {n} more; --format markdown lists them all.", n=len(reading.verify) - limit)))
    return out


def _reading_head(w: Words, report: Any, reading: Any) -> list[Block]:
    if not report.ambiguous:
        return []
    return [heading(w("Reading: {condition}", condition=w.condition(reading.point.assumed, report.acts)))]


def report(result: Any, lang: str) -> list[Block]:
    """The table view (80 columns): the finding, one table per kind of row, consistency, what to verify."""
    w = Words(lang)
    blocks: list[Block] = [_title(w, result)]
    if result.ambiguous:
        blocks.append(warn(w("The date falls inside an amending act's in-force window: one report per reading.")))
    for rd in result.readings:
        blocks += _reading_head(w, result, rd)
        blocks += finding(w, result, rd.finding)
        if result.draft:
            blocks += _draft(w, result, rd.rows)
        blocks.append(text(_summary(w, rd.summary)))
        for kind in KINDS:
            rows = [r for r in rd.rows if r.kind == kind]
            if not rows:
                continue
            blocks.append(heading(w(TABLE_HEADINGS[kind])))
            blocks.append(table([w("requirement"), w("status"), w("evidence"), ""],
                                [[name(w, r, result.labels), status(w, r.kind, r.status),
                                  _where(w, r), marks(w, r.trust)] for r in rows]))
        blocks += _consistency(w, rd)
        blocks += _verify(w, result, rd, limit=8)
    blocks.append(text(w(LEGEND)))
    return blocks


def _where(w: Words, row: Any) -> str:
    """The provisions a row rests on, short: 128.1, 135.2.7, definition, np-7 r04 ..."""
    out = []
    for e in row.evidence:
        if not e.rests:
            continue
        if e.article and e.role != "general_part":
            tag = dotted(e)
        elif e.role == "case_law":  # kz-np-7, kz.np7.r04_sale_no_purpose -> np-7 r04
            tag = f"{e.instrument.removeprefix('kz-')} {e.provision.rsplit('.', 1)[-1].split('_')[0]}"
        elif e.role in ("definition", "annotation"):
            tag = w(TAGS[e.role])
        else:
            tag = w(FACTS[e.fact]) if e.fact else ""
        if tag and tag not in out:
            out.append(tag)
    return ", ".join(out) or "—"


def _title(w: Words, result: Any) -> Block:
    when = result.on.isoformat()
    if result.draft:
        return title(w("Protocol compliance with {draft}, in force {date}", draft=w.act(result.draft.act, result.acts),
                       date=when))
    return title(w("Protocol compliance — the Criminal Code as in force on {date}", date=when))


def memo(result: Any, lang: str) -> list[Block]:
    """The drafter's memo: finding; what a draft changes; obligations not met; divergences; national additions;
    recommendations; penalty consistency; what to verify; sources."""
    w = Words(lang)
    blocks: list[Block] = [_title(w, result), text(w(LEGEND))]
    for rd in result.readings:
        blocks += _reading_head(w, result, rd)
        blocks += finding(w, result, rd.finding)
        if result.draft:
            blocks += _draft(w, result, rd.rows)
        blocks.append(text(_summary(w, rd.summary)))
        for kind in KINDS:
            rows = [r for r in rd.rows if r.kind == kind]
            shown = [r for r in rows if r.open or kind == "national_addition"]
            blocks.append(heading(w(HEADINGS[kind])))
            if not shown:
                blocks.append(text(w("None.")))
            decided = [r for r in shown if r.status != "unknown"]
            for r in decided:
                blocks += _row_blocks(w, result, r)
            if len(decided) < len(shown):
                blocks.append(text(w("Undecided: the knowledge base lacks a fact that would decide these.")))
            for r in shown:
                if r.status == "unknown":
                    blocks += _row_blocks(w, result, r)
            rest = [r for r in rows if r not in shown]
            if rest:
                blocks.append(text(f"{w('Met or aligned')}: " + "; ".join(
                    f"{name(w, r, result.labels)} ({status(w, r.kind, r.status)}{marks(w, r.trust)})" for r in rest)))
        blocks += _consistency(w, rd)
        blocks += _verify(w, result, rd)
    blocks.append(heading(w("Sources")))
    for ref, s in result.sources.items():
        where = f" <{s.url}>" if s.url else ""
        blocks.append(item(f"{ref}: {w.prose(s.title)}{where}{w.mark(s.grade)}"))
    return blocks
