"""The import report: what a text of the Code confirms, contradicts, adds or lacks, worst first."""

from __future__ import annotations

from typing import Any

from ..phrases import Words
from ..render import Block, heading, item, table, text, title, warn

SECTIONS = {"contradicted": "Contradicted: the KB says one thing, the text another",
            "absent": "Absent: the KB has it, the text does not",
            "new": "New: the text has what the KB does not know",
            "confirmed": "Confirmed"}
KINDS = {"article": "article", "title": "title", "structure": "parts of the article", "part": "part",
         "repealed": "repealed", "penalty": "penalty", "item": "item", "builds_on": "builds on", "elements": "element",
         "text": "official text", "code_note": "note of the Code", "amended_by": "amended by"}
REASONS = {"changed_by_one_of": "changed by one of {acts}: import an edition dated between them to tell which",
           "act_not_in_kb": "the notes name {acts}, which the KB does not have",
           "in_window": "{acts} may not yet be in force on the edition date (its in-force date is a window)",
           "for_a_person": "left for a person to decide",
           "not_attributable": "the notes name no act for the change",
           "unnumbered_twin": "the KB's part {twin}, whose number is unknown, has its penalty: it may be this part, "
                              "to renumber by hand"}


def where(w: Words, f: Any) -> str:
    if f.note is not None:
        return f"{w.cite(f.article)} {w('note')} {f.note}"
    return w.cite(f.article, f.part, f.item)


def _short(value: str, limit: int = 70) -> str:
    return value if len(value) <= limit else value[:limit - 1] + "…"


def value(w: Words, f: Any, side: Any, labels: dict, acts: dict) -> str:
    """One side of a fact in words."""
    if side is None:
        return w("not in the KB") if side is f.kb else "—"
    if side == "unknown":
        return w("unknown")
    if f.kind == "penalty":
        return w.penalty(side)
    if f.kind == "structure":
        parts = ", ".join(side["parts"])
        return w("parts {parts}, whole", parts=parts) if side["all"] else w("parts {parts}", parts=parts)
    if f.kind == "builds_on":
        return w("builds on part {ids}", ids=", ".join(side)) if side else w("a base part")
    if f.kind == "amended_by":
        return w.act(side, acts) if side is f.kb else w("Law {number}", number=side)
    if f.kind == "elements":
        return w.label(side, labels) + (f" «{f.phrase}»" if side is f.text and f.phrase else "")
    if f.kind in ("part", "item", "article", "repealed", "code_note") and isinstance(side, bool):
        if f.kind in ("repealed", "article"):
            return w("repealed") if side else w("in force")
        return w("in force") if side else w("not in force")
    return _short(str(side), 50)


def _rows(w: Words, facts: list, labels: dict, acts: dict) -> list[list[str]]:
    rows = []
    for f in facts:
        kb_side = value(w, f, f.kb, labels, acts) + w.mark(f.kb_grade)
        if f.act and f.kind != "amended_by":
            kb_side += f" ({w.act(f.act, acts)})"
        said = value(w, f, f.text, labels, acts) + w.mark(f.grade)
        what = w(KINDS[f.kind])
        if f.readings:
            what += " " + w("(in some readings)")
        if f.changed_by is not None and f.status != "confirmed":
            said += " — " + (w("changed by one of {acts}", acts=", ".join(f.changed_by)) if len(f.changed_by) > 1
                             else w("changed by {act}", act=f.changed_by[0]) if f.changed_by
                             else w("no act since {date}", date=f.since.isoformat()))
        rows.append([where(w, f), what, kb_side, said, str(f.line or "")])
    return rows


def view(result: Any, lang: str, limit: int | None = None) -> list[Block]:
    w = Words(lang)
    r = result
    blocks: list[Block] = [title(w("Import of {file}: the Code as of {date}", file=r.file, date=r.edition.isoformat())),
                           text(w("{lang} text ({format}), read at grade {grade}; SHA-256 {sha}.",
                                  lang=w("Russian" if r.lang == "ru" else "Kazakh"), format=r.format,
                                  grade=w.grade(r.grade), sha=r.sha256[:16] + "…"))]
    blocks += [warn(x) for x in r.warnings]
    c = r.counts
    blocks.append(text(w("{contradicted} contradicted, {absent} absent, {new} new, {confirmed} confirmed, in {n} "
                         "article(s) of the KB; {outside} article(s) of the text not in the KB.",
                         n=len(r.articles), outside=len(r.outside), **c)))
    if any(f.readings for f in r.facts):
        blocks.append(warn(w("The edition date falls inside an amending act's in-force window: facts marked "
                             "\"in some readings\" hold only if it had, or had not, come into force.")))
    for status, name in SECTIONS.items():
        facts = [f for f in r.facts if f.status == status]
        if not facts:
            continue
        blocks.append(heading(f"{w(name)} ({len(facts)})"))
        shown = facts if limit is None else facts[:limit]
        blocks.append(table([w("provision"), w("fact"), w("knowledge base"), w("text"), w("line")],
                            _rows(w, shown, r.labels, r.acts)))
        if len(shown) < len(facts):
            blocks.append(text(w("… and {n} more; --format markdown lists them all.", n=len(facts) - len(shown))))
    if r.outside:
        blocks.append(heading(w("Articles not in the KB ({n})", n=len(r.outside))))
        shown = r.outside if limit is None else r.outside[:limit]
        blocks += [item(f"{w.cite(o.number)} " + (w("repealed") if o.repealed else o.title) + f" ({w('line')} {o.line})")
                   for o in shown]
        if len(shown) < len(r.outside):
            blocks.append(text(w("… and {n} more; --format markdown lists them all.", n=len(r.outside) - len(shown))))
    if r.unmapped:
        blocks.append(heading(w("Wording no vocabulary term maps ({n} phrases)", n=len(r.unmapped))))
        shown = r.unmapped if limit is None else r.unmapped[:limit]
        blocks += [item(f"{w.cite(u.article, u.part, u.item)}: «{u.phrase}»") for u in shown]
        if len(shown) < len(r.unmapped):
            blocks.append(text(w("… and {n} more; --format markdown lists them all.", n=len(r.unmapped) - len(shown))))
    several = [x for x in r.changed_by if len(x.acts) > 1]
    if several:
        blocks.append(heading(w("Amendment notes")))
        blocks += [item(w("{where}: changed by one of {acts}", where=w.cite(x.article, x.part) if x.part else
                          f"{w.cite(x.article)} {w('title')}", acts=", ".join(x.acts))) for x in several]
    missing = [n for n in r.named_acts if n.act is None]
    if missing:
        blocks.append(heading(w("Acts the notes name that the KB does not have")))
        blocks += [item(w("Law {number} of {date} (line {line})", number=n.number, date=n.signed.isoformat(),
                          line=n.lines[0])) for n in missing]
    if r.act_dates:
        blocks.append(heading(w("In-force dates the notes give")))
    for d in r.act_dates:
        said = w("in force {date}: stated by the note", date=d.date.isoformat()) if d.how == "stated" else \
            w("in force {date}: published {published}, by the rule of its note", date=d.date.isoformat(),
              published=d.published.isoformat())
        blocks.append(item(f"{w.act(d.act, r.acts)}: {said} ({w(d.status)}; {w('knowledge base')}: "
                           f"{w.when(d.kb)})"))
    if r.written is None:
        blocks.append(text(w("Nothing written: give --write to bring the text into the KB.")))
    else:
        if r.written:
            blocks.append(heading(w("Written")))
            blocks += [item(p) for p in r.written]
        else:
            blocks.append(text(w("No file changed.")))
        if r.added:
            blocks.append(text(w("New articles: {numbers}.", numbers=", ".join(r.added))))
        for s in r.skipped:
            reason = w(REASONS[s.reason], acts=", ".join(s.acts) or "—", twin=s.twin or "—")
            blocks.append(item(f"{w('Not written')}: {w.cite(s.article, s.part, s.item)} {w(KINDS.get(s.kind, s.kind))}"
                               f" — {reason}"))
    return blocks
