"""The timeline of an article, a part, or a general-part fact: each version, when it was in force, the act
that made it, its grade and sources, and what it changed against the version before — a change only between
two known values; a value the version leaves unknown is listed apart, with the last known one."""

from __future__ import annotations

from typing import Sequence

from .citation import Citation
from .diff import Change, Unknown, Where, _Compare
from .errors import BadInput, NotFound
from .model import Text, Versioned
from .record import Data
from .results import ActName, VersionRef, named, version_ref
from .show import absent_item
from .snapshot import At, Snapshot, act_point, not_held
from .timeline import When, when


class Entry(Data):
    version: VersionRef
    until: When | None  # when the next version took over; None while in force
    repealed: bool
    changes: list[Change]  # against the previous version; empty for the first
    unknowns: list[Unknown]  # slots this version leaves unknown (with the last known value)


class Line(Data):
    where: Where
    label: str | None = None
    entries: list[Entry]


class History(Data):
    subject: str  # the citation, or "general" / a fact's name
    title: Text | None
    lines: list[Line]
    acts: dict[str, ActName]
    labels: dict[str, Text]


def _rules(kb, v: Versioned):
    """The crime-category thresholds in force with the act that made `v` (to derive categories alike)."""
    return Snapshot(kb, act_point(kb, v.act)).fact("crime_categories").version


def _line(kb, where: Where, versions: Sequence[Versioned], label: str | None = None) -> Line:
    entries = []
    for i, v in enumerate(versions):
        nxt = when(versions[i + 1], kb.acts) if i + 1 < len(versions) else None
        before = versions[i - 1] if i else None
        compare = _Compare(kb, where, At(versions, i - 1 if i else None, kb.acts), At(versions, i, kb.acts),
                           _rules(kb, before) if before else None, _rules(kb, v))
        changes, unknowns = compare.run()
        if v.repealed:
            changes, unknowns = [], []
        entries.append(Entry(version=version_ref(kb, v), until=nxt, repealed=v.repealed,
                             changes=changes if i else [], unknowns=unknowns))
    return Line(where=where, label=label, entries=entries)


def _fact_id(name: str) -> str:
    """'Age of majority', 'age-of-majority' -> 'age_of_majority'."""
    return name.strip().lower().replace("-", "_").replace(" ", "_")


def facts(kb, name: str) -> list[str]:
    names = list(kb.code.facts())
    wanted = _fact_id(name)
    if wanted == "general":
        return names
    if wanted in names:
        return [wanted]
    raise BadInput(f"not a citation or a general-part fact: {name!r}; the facts are general (all), "
                   + ", ".join(names))


def history(kb, subject: str) -> History:
    from .citation import parse

    try:
        cite = parse(subject)
    except BadInput:
        cite = None
    if cite is None:
        lines = [_line(kb, Where(kind="fact", name=n), kb.code.facts()[n]) for n in facts(kb, subject)
                 if kb.code.facts()[n]]
        return named(kb, History(subject=_fact_id(subject), title=None, lines=lines, acts={}, labels={}))
    return _article(kb, cite)


def _article(kb, cite: Citation) -> History:
    art = kb.articles.get(cite.article)
    if art is None:
        raise not_held(kb, cite.article)
    parts = art.parts
    if cite.part is not None:
        parts = [p for p in art.parts if p.id == cite.part]
        if not parts:
            raise NotFound(f"Art. {art.article} part {cite.part} is not encoded in the knowledge base (whether the "
                           f"Code has it on a date: tipkb show {art.article}.{cite.part} --on DATE)")
    lines = [] if cite.part else [_line(kb, Where(kind="title", article=art.article), art.titles)]
    for part in parts:
        if cite.item is None:
            lines.append(_line(kb, Where(kind="part", article=art.article, part=part.id), part.versions, part.label))
        for item in part.items:
            if cite.item in (None, item.id) and (len(item.versions) > 1 or cite.item == item.id):
                lines.append(_line(kb, Where(kind="item", article=art.article, part=part.id, item=item.id),
                                   item.versions))
    if cite.item is not None and not any(line.where.item == cite.item for line in lines):
        raise absent_item(cite, parts[0])
    if cite.part is None:
        lines += [_line(kb, Where(kind="note", article=art.article, name=n.id), n.versions) for n in art.code_notes]
    return named(kb, History(subject=str(cite), title=art.titles[-1].title, lines=lines, acts={}, labels={}))
