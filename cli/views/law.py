"""Views of the law itself: show, penalty, history, diff, act, audit."""

from __future__ import annotations

from typing import Any

from kb.model import UNKNOWN

from ..phrases import Words
from ..render import Block, field, heading, item, table, text, title, warn, words

LEGEND = "Marks: ◇ secondary source, ◆ reported, ≈ inferred, ⚠ unverified; unmarked: read in the official text."
SLOT_NAMES = ("acts", "means", "purposes", "victim", "circumstances")
# The general-part facts and rules (kb.model.Code.facts()), named in words.
FACTS = {"age_of_majority": "age of majority", "crime_categories": "Art. 11 (crime categories)",
         "exploitation": "Art. 3 item 1 (exploitation)", "milder_law": "milder law",
         "milder_law_comparison": "milder law: comparing penalties", "reconciliation": "reconciliation",
         "attempt": "attempt", "complicity": "complicity", "organising": "organising"}


def _elements(w: Words, elements: Any, labels: dict, indent: int = 0) -> list[Block]:
    if elements is None:
        return []
    if elements == "unknown":
        return [field(w("elements"), w("unknown"), indent)]
    return [field(w(slot), ", ".join(w.label(v, labels) for v in getattr(elements, slot)), indent)
            for slot in SLOT_NAMES if getattr(elements, slot)]


def _value(w: Words, field_name: str, value: Any, labels: dict) -> str:
    """A slot's value in words: a penalty, a punishment, a list of ids, a text."""
    if value in (None, "unknown"):
        return w("unknown") if value == "unknown" else w("none")
    if field_name.startswith("includes."):
        return w("yes") if value else w("no")
    if field_name == "summary":  # our words for a note of the Code (diff.slots)
        return f"“{w.prose(value)}”"
    if field_name == "includes":
        return ", ".join(w.label(v, labels) for v in value["elements"]) + ("" if value["exhaustive"] else " …")
    if field_name == "penalty.main":
        return f" {w.either()} ".join(w.punishment(m) for m in value) or w("none")
    if field_name == "penalty.additional":
        return "; ".join(w.additional(a) for a in value) or w("none")
    if field_name == "elements":
        return "; ".join(f"{w(k)}: {', '.join(w.label(v, labels) for v in ids)}" for k, ids in value.items() if ids)
    if isinstance(value, bool):
        return w("yes") if value else w("no")
    if field_name.startswith("penalty.main."):  # the slot is named by the kind: say only the measure
        kind = field_name.rsplit(".", 1)[1]
        return w.punishment({"kind": kind, **value}).removeprefix(w.kind(kind)).strip() or w.kind(kind)
    if field_name.startswith("penalty.additional."):
        return w.additional({"kind": field_name.rsplit(".", 1)[1], **value})
    if field_name == "penalty.category":
        return w.category(value)
    if field_name.startswith("penalty") or (isinstance(value, dict) and "main" in value):
        return w.penalty(value)
    if isinstance(value, list):
        return ", ".join(w.label(v, labels) if isinstance(v, str) else str(v) for v in value) or w("none")
    if hasattr(value, "model_dump"):
        return w.penalty(value) if hasattr(value, "main") else str(value.model_dump(mode="json"))
    return str(value)


def last_known(w: Words, lk: Any, acts: dict, labels: dict) -> str:
    return w("unknown since {act}, {came}; last known {value}, {since}{grade}", act=w.act(lk.since.act, acts),
             came=w.in_force(lk.since), when=w.when(lk.since), value=_value(w, lk.field, lk.value, labels),
             since=w.in_force(lk.known_from), grade=w.mark(lk.grade))


def conflict(w: Words, c: Any) -> str:
    return w("conflicting source: {value} ({sources}{grade}), outweighed by {reason}", value=w.penalty(c.penalty),
             sources=", ".join(c.sources), grade=w.mark(c.grade), reason=w(c.won_by))


def _range(w: Words, lo: Any, hi: Any) -> str:
    return w.span(lo, hi)


def reported(w: Words, r: Any, acts: dict, labels: dict) -> str:
    """What a source reports of the article, and the readings of the date it holds in, when not all."""
    when = " / ".join(w.condition(c, acts) for c in r.readings)
    return _reported(w, r, labels) + (f" — {when}" if when else "")


def _reported(w: Words, r: Any, labels: dict) -> str:
    sources = ", ".join(s.ref for s in r.sources)
    figure = _range(w, r.min_months, r.max_months) if r.max_months is not None else ""
    if r.scope == "article":
        return w("reported for the article: {range} ({sources}{grade})", range=figure, sources=sources,
                 grade=w.mark(r.grade))
    what = "; ".join(x for x in (figure, ", ".join(w.label(v, labels) for v in
                                                   (r.elements.ids() if r.elements else []))) if x)
    if r.scope == "aggravated" and figure and not r.elements:
        return w("reported for its aggravated forms: {range} ({sources}{grade})", range=figure, sources=sources,
                 grade=w.mark(r.grade))
    if r.scope == "aggravated":
        return w("reported of its aggravated forms: {what} ({sources}{grade})", what=what, sources=sources,
                 grade=w.mark(r.grade))
    return w("reported of part {part}: {what} ({sources}{grade})", part=r.part, what=what, sources=sources,
             grade=w.mark(r.grade))


def _version(w: Words, v: Any, acts: dict) -> str:
    future = f" ({w('prospective: not yet in force today')})" if v.prospective else ""
    return f"{w.act(v.act, acts)}, {w.in_force(v.when)}{future}{w.mark(v.grade)}"


def penalty_lines(w: Words, p: Any, acts: dict, labels: dict, indent: int = 0) -> list[Block]:
    out = [field(w("penalty"), w.penalty(p.penalty) + w.mark(p.grade), indent)]
    out += [item(last_known(w, lk, acts, labels), indent + 1) for lk in p.last_known]
    out += [item(conflict(w, c), indent + 1) for c in p.conflicts]
    cat = p.category
    reason = {"thresholds_unknown": "the crime-category thresholds of Art. 11 are not encoded",
              "maximum_unknown": "the maximum penalty is unknown"}.get(cat.reason)
    out.append(field(w("category"), w.category(cat.id) + (f" ({w(reason)})" if reason else ""), indent))
    return out


def article(view: Any, lang: str) -> list[Block]:
    w = Words(lang)
    acts, labels = view.acts, view.labels
    blocks: list[Block] = [title(f"{w.cite(view.article)} — {_title(w, view.titles)}"),
                           text(w("As in force on {date}.", date=str(view.on)) + " " + w(LEGEND))]
    lines = []
    for t in view.titles:
        if not _same_title(w, view.titles):  # a title that reads otherwise by reading: each with its condition
            lines.append(warn(w("Reading: {condition}", condition=" / ".join(
                w.condition(c, acts) for c in t.readings))))
            lines.append(field(w("title"), w.text(t.text) + w.mark(t.version.grade)))
        lines += [item(f"{slot_name(w, lk.field, labels)}: {last_known(w, lk, acts, labels)}")
                  for lk in t.last_known]
    blocks += list(dict.fromkeys(lines))  # (a language unknown in one reading is said once)
    if not view.whole:
        blocks.append(warn(w("The knowledge base may lack parts of this article: no source shows it whole.")))
    for part in view.parts:
        name = w("Part {id}", id=part.id) if part.id[0].isdigit() else w("Part ? — {label}", label=part.label)
        if part.builds_on:
            name += f" ({w('builds on part {ids}', ids=', '.join(part.builds_on))})"
        blocks.append(heading(name))
        for r in part.versions:
            if r.readings:
                blocks.append(warn(w("Reading: {condition}", condition=" / ".join(
                    w.condition(c, acts) for c in r.readings))))
            blocks.append(field(w("version"), _version(w, r.version, acts)))
            if r.summary:
                blocks.append(field(w("summary"), w("unknown") if r.summary == "unknown" else w.prose(r.summary)))
            blocks += _elements(w, r.elements, labels)
            blocks += [item(f"{slot_name(w, lk.field, labels)}: {last_known(w, lk, acts, labels)}", 1)
                       for lk in r.last_known]
            if r.penalty is not None:
                blocks += penalty_lines(w, r.penalty, acts, labels)
            for i in r.items:
                els = "; ".join(f"{w(s)}: {', '.join(w.label(v, labels) for v in getattr(i.elements, s))}"
                                for s in SLOT_NAMES if i.elements not in (None, "unknown") and getattr(i.elements, s))
                summary = w("unknown") if i.summary in (None, "unknown") else w.prose(i.summary)
                blocks.append(item(f"{i.id}) {summary}{' — ' + els if els else ''}{w.mark(i.version.grade)}", 1))
            if not r.items_complete:
                blocks.append(item(w("… further items not known"), 1))
            if r.version.note:
                blocks.append(field(w("note"), w.prose(r.version.note)))
            blocks.append(field(w("sources"), ", ".join(s.ref for s in r.version.sources)))
    tail: list[Block] = []
    for ne in view.not_encoded:
        tail.append(text(_not_encoded(w, ne, acts)))
    tail += [text(_sentence(reported(w, r, acts, labels))) for r in view.reported]
    for n in view.code_notes:
        when = f" [{' / '.join(w.condition(c, acts) for c in n.readings)}]" if n.readings else ""
        summary = w("unknown") if n.summary == UNKNOWN else w.prose(n.summary)
        tail.append(field(w("Note of the Code {id}", id=n.id) + when, summary + w.mark(n.version.grade)))
        tail += [item(last_known(w, lk, acts, labels)) for lk in n.last_known]
    if tail:
        blocks.append(heading(w("Beyond the encoded parts")))
        blocks += tail
    if view.notes:
        blocks.append(heading(w("Our notes (English)")))
        blocks += [item(n) for n in view.notes]
    return blocks


def article_lines(view: Any, lang: str) -> list[str]:
    """An article as stable plain lines, for ordinary line-diff tools (`diff --format unified`)."""
    w = Words(lang)
    acts, labels = view.acts, view.labels
    lines = [f"{w.cite(view.article)}. {' / '.join(w.text(t.text) for t in view.titles) or w('unknown')}"]
    for part in view.parts:
        for r in part.versions:
            lines.append(f"  {w('Part {id}', id=part.id)} [{w.act(r.version.act, acts)}{w.mark(r.version.grade)}]")
            lines += [f"    {b[1]}: {b[2]}" for b in _elements(w, r.elements, labels)]
            if r.penalty is not None:
                lines.append(f"    {w('penalty')}: {w.penalty(r.penalty.penalty)}{w.mark(r.penalty.grade)}")
            for i in r.items:
                ids = ", ".join(w.label(v, labels) for v in i.elements.ids()) if i.elements not in (None, "unknown") \
                    else w("unknown")
                lines.append(f"    {i.id}) {ids}{w.mark(i.version.grade)}")
    return lines


def _sentence(value: str) -> str:
    return value[:1].upper() + value[1:]


def _not_encoded(w: Words, ne: Any, acts: dict) -> str:
    said = w("Not encoded in the knowledge base: part {parts} (the Code has it: {sources}{grade}).",
             parts=ne.part, sources=", ".join(ne.sources), grade=w.mark(ne.grade))
    when = " / ".join(w.condition(c, acts) for c in ne.readings)
    return f"{said.removesuffix('.')} — {when}." if when else said  # (as a reported figure says it)


def _same_title(w: Words, titles: list) -> bool:
    """The title reads the same, at the same grade, in every reading (in this language)."""
    return len({(w.text(t.text), t.version.grade) for t in titles}) <= 1


def _title(w: Words, titles: list) -> str:
    """An article's title for a heading: its text and grade; when it reads otherwise by reading, the
    conditions follow the heading, and the heading says so."""
    if not titles:
        return w("unknown")
    if not _same_title(w, titles):
        return w("its title depends on the reading")
    return w.text(titles[0].text) + w.mark(titles[0].version.grade)


def penalties(result: Any, lang: str) -> list[Block]:
    w = Words(lang)
    acts, labels = result.acts, result.labels
    blocks: list[Block] = [title(w("Penalties — {citation} {title}, on {date}", citation=w.cite(result.article),
                                   title=_title(w, result.titles) if _same_title(w, result.titles) else
                                   f"({_title(w, result.titles)})", date=result.on.isoformat()))]
    rows, notes = [], []
    seen: dict[str, int] = {}
    for row in result.rows:
        p, numbered = row.penalty, row.part[0].isdigit()
        part = row.part if numbered else f"? ({row.part})"
        reading = ""
        if row.readings:  # a part read two ways (a date in a window): "1 [1]", "1 [2]", each condition below
            seen[row.part] = seen.get(row.part, 0) + 1
            reading = f" [{seen[row.part]}]"
        rows.append([part + reading, w.penalty(p.penalty) + w.mark(p.grade), w.category(p.category.id),
                     w.act(row.version.act, acts)])
        tag = (w.cite(result.article, row.part) if numbered else part) + reading
        notes += [item(f"{tag}: {w.condition(c, acts)}") for c in row.readings if c]
        if not numbered and row.version.note:  # what the "?" stands for: why its number is not known
            notes.append(item(f"{tag}: {w.prose(row.version.note)}"))
        notes += [item(f"{tag}: {last_known(w, lk, acts, labels)}") for lk in p.last_known]
        notes += [item(f"{tag}: {conflict(w, c)}") for c in p.conflicts]
    blocks.append(table([w("part"), w("penalty"), w("category"), w("version")], rows))
    if not _same_title(w, result.titles):
        blocks += [item(f"{w('title')} [{' / '.join(w.condition(c, acts) for c in t.readings)}]: "
                        f"{w.text(t.text)}{w.mark(t.version.grade)}") for t in result.titles]
    blocks += notes
    blocks += [item(reported(w, r, acts, labels)) for r in result.reported]
    for ne in result.not_encoded:
        blocks.append(item(_not_encoded(w, ne, acts)))
    if not result.whole:
        blocks.append(warn(w("The knowledge base may lack parts of this article: no source shows it whole.")))
    why = {r.penalty.category.reason for r in result.rows if r.penalty.category.id == "unknown"}
    if "thresholds_unknown" in why:
        blocks.append(text(w("Category unknown: {why}.",
                             why=w("the crime-category thresholds of Art. 11 are not encoded"))))
    blocks.append(text(w(LEGEND)))
    return blocks


AUDITED = {"title": "title", "structure": "parts of the article", "penalty": "penalty",
           "conflict": "conflicting source", "in_force": "in-force date"}
REPORTED = {"article": "reported for the article", "aggravated": "reported for its aggravated forms",
            "part": "reported for the part"}
# Slots only the audit names; the rest are diff's (slot_name).
AUDIT_SLOTS = {"items": "items (only some known)", "in_force": "in-force date (a window)"}
GROUPS = {"general": "General part", "acts": "Amending acts", "mapping": "The mapping: equivalents and annotations"}


def _audited(w: Words, row: Any) -> str:
    """What an audit row is about: '128.1', '128: title', 'Art. 3 item 1 (exploitation)', 'kz-law-292-VI'."""
    p, d = row.provision, row.detail
    if row.kind in ("part", "item", "act", "instrument"):
        return p
    if row.kind == "fact":
        return fact_name(w, p)
    if row.kind == "code":
        return w("the Criminal Code")
    if row.kind == "note":
        return f"{p}: {w('Note of the Code {id}', id=d)}"
    if row.kind == "reported":
        return f"{p}: {w(REPORTED[d])}"
    if row.kind == "provision":
        return f"{p} {d}"
    if row.kind == "equivalent":
        return f"{w('equivalent')}: {p} ({w(d)})"
    if row.kind == "annotation":
        return f"{w('annotation')}: {p}"
    return f"{p}: {w(AUDITED[row.kind])}"


def audit(report: Any, lang: str) -> list[Block]:
    w = Words(lang)
    counts = ", ".join(f"{w.grade(g)} {n}" for g, n in report.by_grade.items())
    blocks: list[Block] = [title(w("Audit — {n} facts not checked against the official text", n=report.total)),
                           text(w("By grade: {counts}", counts=counts))]
    for group in report.groups:
        name = w.cite(group.name) if group.kind == "article" else w(GROUPS[group.kind]) if group.kind in GROUPS \
            else group.name
        blocks.append(heading(name))
        for row in group.rows:
            slots = ", ".join(w(AUDIT_SLOTS[u]) if u in AUDIT_SLOTS else slot_name(w, u, {}) for u in row.unknown)
            unknown = f" — {w('unknown: {what}', what=slots)}" if row.unknown else ""
            when = f" ({w.when(row.when)})" if row.when else ""
            blocks.append(item(f"{_audited(w, row)}{when} [{w.grade(row.grade)}]{unknown}"))
            if row.basis:
                blocks.append(item(f"{w('basis')}: {w.prose(row.basis)}", 1))
            for s in row.sources:
                where = f" <{s.url}>" if s.url else ""  # never broken across lines (cli/render.py), to be copied
                role = f" ({w('corroborates')})" if s.role == "corroborates" else ""
                blocks.append(item(f"{s.ref}{role}: {w.prose(s.supports or s.title)}{where}", 1))
    return blocks


# -- changes ---------------------------------------------------------------------------------------------------


def fact_name(w: Words, name: str) -> str:
    """A general-part fact or rule in words: 'exploitation' as 'Art. 3 item 1 (exploitation)'."""
    return w(FACTS[name]) if name in FACTS else name.replace("_", " ")


def where(w: Words, wh: Any) -> str:
    if wh.kind == "fact":
        return fact_name(w, wh.name)
    if wh.kind == "title":
        return f"{w.cite(wh.article)} ({w('title')})"
    if wh.kind == "note":
        return f"{w.cite(wh.article)} — {w('Note of the Code {id}', id=wh.name)}"
    return w.cite(wh.article, wh.part, wh.item)


def _side(w: Words, s: Any) -> str:
    """A side's grade and sources, compactly ('◆ kz-S2, kz-S10'); --json has its act and dates too."""
    if s is None or s.act is None:
        return ""
    return (w.mark(s.grade).strip() + " " + ", ".join(s.sources)).strip()


def credit(w: Words, act_id: str | None, acts: dict) -> str:
    """'Law 292-VI, in force from 2020-01-01': the act a change is credited to, with its date or window."""
    if not act_id:
        return ""
    a = acts.get(act_id)
    return f"{w.act(act_id, acts)}, {w.in_force(a.when)}" if a else w.act(act_id, acts)


def change(w: Words, c: Any, acts: dict, labels: dict, credited: bool = True) -> str:
    """One change; `credited=False` where a heading already names the act that made it."""
    slot = c.slot
    credit_ = f" — {credit(w, c.credited, acts)}" if c.credited and credited else ""
    provenance = f" [{_side(w, c.before)} → {_side(w, c.after)}]" if c.before and c.after else ""
    if c.kind in ("entered_into_force", "repealed"):
        verb = w("in force") if c.kind == "entered_into_force" else w("repealed")
        return f"{verb}{credit_}"
    if c.kind == "renumbered":
        return f"{c.before.value} → {c.after.value}{credit_}"
    if c.added or c.removed:
        changes = [*(f"+{w.label(v, labels)}" for v in c.added), *(f"−{w.label(v, labels)}" for v in c.removed)]
        return f"{slot_name(w, slot, labels)}: {', '.join(changes)}{credit_}{provenance}"
    before = _value(w, slot, c.before.value if c.before else None, labels)
    after = _value(w, slot, c.after.value if c.after else None, labels)
    return f"{slot_name(w, slot, labels)}: {before} → {after}{credit_}{provenance}"


def slot_name(w: Words, slot: str, labels: dict) -> str:
    """'penalty.main.imprisonment' as 'imprisonment', 'title.kk' as 'title (kk)', in the language."""
    head, _, rest = slot.partition(".")
    if head == "includes" and rest:
        return w("includes {form}", form=w.label(rest, labels))
    if slot == "penalty.category":
        return w("category")
    if head == "penalty" and rest.startswith(("main.", "additional.")):
        return w.kind(rest.split(".", 1)[1])
    if head == "penalty" and rest:
        return w("penalty") + ": " + w("main punishment" if rest == "main" else "additional")
    if head in ("title", "text") and rest:
        return f"{w(head)} ({rest})"
    if head == "elements" and rest:
        return w(rest)
    return w(head) if not rest else slot


def unknown(w: Words, u: Any, acts: dict, labels: dict) -> str:
    if u.slot == "in_force":  # an item of a part whose list of items the sources show only some of
        return w("in force; whether it was before is not known") if u.before.value == UNKNOWN else \
            w("in force before; whether it still is is not known")
    if u.before.act is None and u.before.value is None:  # a first version: only what it leaves unknown
        return f"{slot_name(w, u.slot, labels)}: {w('unknown')}"
    if u.last_known is not None and u.last_known.value == u.before.value:
        return f"{slot_name(w, u.slot, labels)}: {last_known(w, u.last_known, acts, labels)}"
    before = _value(w, u.slot, u.before.value, labels)
    after = _value(w, u.slot, u.after.value, labels)
    if u.before.value == UNKNOWN and u.after.value != UNKNOWN:  # known again: not a change from "unknown"
        line = f"{slot_name(w, u.slot, labels)}: {w('{value} (unknown before)', value=after)}"
    else:
        line = f"{slot_name(w, u.slot, labels)}: {before} → {after}"
    if u.last_known is not None:
        line += f"; {last_known(w, u.last_known, acts, labels)}"
    return line


def _changes(w: Words, art: Any, acts: dict, labels: dict, credited: bool = True) -> list[Block]:
    blocks: list[Block] = []
    for c in art.changes:
        blocks.append(item(f"{where(w, c.where)}: {change(w, c, acts, labels, credited)}"))
        if c.words:
            blocks.append(words(c.words, 1))
    return blocks


def diff(report: Any, lang: str) -> list[Block]:
    w = Words(lang)
    acts, labels = report.acts, report.labels
    a, b = report.from_point, report.to_point
    # From the Code just before an act (--before, or a draft's default): the readings' points say so, as data.
    head = w("Changes from just before {a} to {b}", a=a, b=b) if report.readings[0].before.kind == "before" else \
        w("Changes from {a} to {b}", a=a, b=b)
    blocks: list[Block] = [title(head), text(w(LEGEND))]
    for r in report.readings:
        if report.ambiguous:
            cond = " / ".join(x for x in (w.condition(r.before.assumed, acts), w.condition(r.after.assumed, acts)) if x)
            blocks.append(heading(w("Reading: {condition}", condition=cond)))
        quiet, unknowns = [], []
        # Changes all made by one act (a reviewer's diff of one law): the act is said once, not on every line.
        by = {c.credited for a in [r.general, *r.articles] for c in a.changes}
        if len(by) == 1 and None not in by:
            blocks.append(text(w("Every change below was made by {act}.", act=credit(w, next(iter(by)), acts))))
        for art in [r.general, *r.articles]:
            name = w("General part") if not art.article else f"{w.cite(art.article)} {w.text(art.title)}"
            if art.changes:
                blocks.append(heading(name))
                blocks += _changes(w, art, acts, labels, credited=len(by) != 1)
            elif art.article:
                quiet.append(art.article)
            unknowns += [(name, u) for u in art.unknowns]
        if quiet:
            blocks.append(text(w("No change recorded: {articles}.", articles=", ".join(quiet))))
        if not any(a.changes for a in [r.general, *r.articles]) and not quiet:
            blocks.append(text(w("No change recorded.")))
        if unknowns:
            blocks.append(heading(w("What the knowledge base does not know about this period")))
            blocks += [item(f"{where(w, u.where)}: {unknown(w, u, acts, labels)}") for _, u in unknowns]
    return blocks


def history(report: Any, lang: str) -> list[Block]:
    w = Words(lang)
    acts, labels = report.acts, report.labels
    name = w.text(report.title) if report.title else ""
    # A citation, or a general-part fact's name, or "general" (every fact): the last two in words.
    subject = w("General part") if report.subject == "general" else \
        fact_name(w, report.subject) if report.title is None else report.subject
    blocks: list[Block] = [title(w("History — {subject} {title}", subject=subject, title=name).rstrip()),
                           text(w(LEGEND))]
    for line in report.lines:
        if line.label and not (line.where.part or "")[:1].isdigit():  # a part known by name: the label names it
            blocks.append(heading(f"{w.cite(line.where.article)} — {w.prose(line.label)}"))
        else:
            blocks.append(heading(where(w, line.where) + (f" ({line.label})" if line.label else "")))
        for e in line.entries:
            # a repeal has no period of its own: "2024-06-16 · Law 72-VIII · repealed"
            span = w.when(e.version.when) + ("" if e.repealed else
                                             f" → {w.when(e.until) if e.until else w('in force')}")
            blocks.append(item(f"{span} · {w.act(e.version.act, acts)}{w.mark(e.version.grade)}"
                               f"{' · ' + w('repealed') if e.repealed else ''}"))
            blocks += [item(change(w, c, acts, labels, credited=c.credited != e.version.act), 1) for c in e.changes]
            blocks += [item(unknown(w, u, acts, labels), 1) for u in e.unknowns]
    return blocks


def act(report: Any, lang: str) -> list[Block]:
    w = Words(lang)
    acts, labels = report.acts, report.labels
    name = w.act(report.id, acts)
    blocks: list[Block] = [title(f"{name} — {w.text(report.title)}{w.mark(report.grade)}"),
                           field(w("signed"), report.signed.isoformat()),
                           field(w("comes into force"), w.when(report.in_force) + w.mark(report.in_force_grade))]
    if report.in_force_basis:
        blocks.append(field(w("basis"), w.prose(report.in_force_basis), 1))
    if report.commencement:
        blocks.append(field(w("commencement"), w.prose(report.commencement)))
    if report.names:
        blocks.append(field(w("also called"), ", ".join(report.names)))
    if report.summary:
        blocks.append(field(w("summary"), w.prose(report.summary)))
    if report.amends_elsewhere:
        blocks.append(field(w("also amends (outside the KB)"), ", ".join(report.amends_elsewhere)))
    blocks.append(field(w("sources"), ", ".join(s.ref for s in report.sources)))
    if report.amends_nothing:
        blocks.append(warn(w("No version in the knowledge base is this act's: it amends nothing the KB encodes.")))
    unknowns = []
    for art in [report.general, *report.articles]:
        unknowns += [item(f"{where(w, u.where)}: {unknown(w, u, acts, labels)}") for u in art.unknowns]
        if art.changes:
            blocks.append(heading(w("General part") if not art.article else
                                  f"{w.cite(art.article)} {w.text(art.title)}"))
            blocks += _changes(w, art, acts, labels, credited=False)
    if unknowns:
        blocks.append(heading(w("What the knowledge base does not know about this act's changes")))
        blocks += unknowns
    if report.note:
        blocks.append(text(w.prose(report.note)))
    return blocks
