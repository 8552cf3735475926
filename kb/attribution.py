"""Which act changed what: the amendment notes of an imported text read against the KB's acts.

A note names acts and what it is about (kb/statute_text/notes.py). A footnote on the whole article ("Статья 901 с
изменениями, внесенными законами ...") says of every part only that it was changed by one of the acts it lists;
an in-text note on one part or item names the act for that part or item. A change the text shows is credited to
one act only when exactly one act the notes name for it may have come into force between the KB's version (the
earlier edition) and the text's edition. A commencement rule ("ten calendar days after the first official
publication") becomes a date only with the act's publication date from a source (`--published`); a date a note
states is taken as the act's in-force date. Nothing here is guessed: what cannot be decided is returned as such.
"""

from __future__ import annotations

import calendar
import datetime as dt
from typing import Literal

from .model import UNKNOWN, Act
from .record import Data
from .statute_text.notes import ActRef, AmendmentNote, Commencement
from .statute_text.parse import ParsedArticle
from .timeline import When, act_when


class NamedAct(Data):
    """An act a note names: its number and date, the KB's act it is (None: the KB lacks it), and its
    commencement as the notes state it."""

    number: str
    signed: dt.date
    act: str | None = None
    commencement: Commencement | None = None
    commencement_text: str | None = None
    lines: list[int] = []


class Covered(Data):
    """The acts the notes name for one element of an article (None part: the article as a whole or its title)."""

    article: str
    part: str | None = None
    item: str | None = None
    acts: list[str]  # the act numbers, as the notes write them
    specific: bool  # a note names this element itself (not only the article)


def _same_number(a: str, b: str) -> bool:
    return a.replace(" ", "").upper() == b.replace(" ", "").upper()


def kb_act(kb, ref: ActRef) -> Act | None:
    """The KB's act a note names: the same number, signed the same day."""
    return next((a for a in kb.acts.values() if a.number != UNKNOWN and _same_number(a.number, ref.number)
                 and a.signed == ref.date), None)


def named_acts(kb, notes: list[AmendmentNote]) -> list[NamedAct]:
    """Every act the notes name, once, in the order of the notes."""
    found: dict[tuple[str, dt.date], NamedAct] = {}
    for note in notes:
        for ref in note.acts:
            k = (ref.number.upper(), ref.date)
            entry = found.get(k)
            if entry is None:
                act = kb_act(kb, ref)
                entry = found[k] = NamedAct(number=ref.number, signed=ref.date, act=act.id if act else None)
            if ref.commencement and entry.commencement is None:
                entry.commencement, entry.commencement_text = ref.commencement, ref.commencement_text
            if note.line not in entry.lines:
                entry.lines.append(note.line)
    return list(found.values())


Element = Literal["title", "part", "item", "note"]


def covers(note: AmendmentNote, element: Element, part: str | None = None, item: str | None = None) -> bool | None:
    """Whether a note is about this element: True when it names it, None when it names the whole article (the
    element may be what changed), False when it names something else."""
    t = note.target
    if t.element == "article":
        return None
    if element == "title":
        return True if t.element == "title" else False
    if element == "note":
        return True if t.element == "note" else False
    if t.element == "part" or (t.element == "item" and element == "part"):  # an item's change is its part's
        return True if t.part == part else False
    if t.element == "item":
        return True if element == "item" and (t.part, t.item) == (part, item) else False
    return False


def acts_for(article: ParsedArticle, element: Element, part: str | None = None, item: str | None = None
             ) -> tuple[list[ActRef], bool]:
    """The acts the notes name for an element, and whether some note names the element itself."""
    refs: dict[tuple[str, dt.date], ActRef] = {}
    specific = False
    for note in article.amendments:
        c = covers(note, element, part, item)
        if c is False:
            continue
        specific = specific or bool(c)
        for ref in note.acts:
            refs.setdefault((ref.number.upper(), ref.date), ref)
    return list(refs.values()), specific


def all_acts(article: ParsedArticle) -> list[ActRef]:
    """Every act the article's notes name."""
    refs: dict[tuple[str, dt.date], ActRef] = {}
    for note in article.amendments:
        for ref in note.acts:
            refs.setdefault((ref.number.upper(), ref.date), ref)
    return list(refs.values())


def covered(article: ParsedArticle) -> list[Covered]:
    """Per part (and the title), the acts that may have changed it: "changed by one of {...}"."""
    out = []
    refs, specific = acts_for(article, "title")
    if refs:
        out.append(Covered(article=article.number, acts=[r.number for r in refs], specific=specific))
    for p in article.parts:
        refs, specific = acts_for(article, "part", p.id)
        if refs:
            out.append(Covered(article=article.number, part=p.id, acts=[r.number for r in refs], specific=specific))
    return out


def ref_when(kb, ref: ActRef) -> When:
    """When a named act came into force: the KB's record, else the date its note states, else from its signing."""
    act = kb_act(kb, ref)
    if act is not None:
        return act_when(act)
    c = ref.commencement
    if c is not None and c.kind == "date" and c.date:
        return When(earliest=c.date, latest=c.date)
    return When(earliest=ref.date, latest=None)


def candidates(kb, refs: list[ActRef], after: dt.date, edition: dt.date) -> list[ActRef]:
    """The acts that may have come into force after `after` and by the edition: what may have made a change
    the text shows and the KB's version (in force since `after`) does not."""
    out = []
    for ref in refs:
        w = ref_when(kb, ref)
        if w.earliest <= edition and w.until > after:
            out.append(ref)
    return out


def latest(kb, refs: list[ActRef], edition: dt.date) -> ActRef | None:
    """The act that came into force last by the edition (by its earliest possible date, then its signing)."""
    known = [r for r in refs if ref_when(kb, r).earliest <= edition]
    return max(known, key=lambda r: (ref_when(kb, r).earliest, r.date), default=None)


# -- commencement ---------------------------------------------------------------------------------------------


def _add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def in_force_from(rule: Commencement, published: dt.date | None) -> dt.date | None:
    """The in-force date a commencement rule gives, from the day of first official publication. "По истечении
    десяти календарных дней после дня опубликования": the ten days run from the day after publication, and the
    act is in force on the day after they end (published 30 December, in force 10 January)."""
    if rule.kind == "date":
        return rule.date
    if published is None:
        return None
    if rule.kind == "on_publication":
        return published
    if rule.kind == "after_publication" and rule.days:
        return published + dt.timedelta(days=rule.days + 1)
    if rule.kind == "after_publication" and rule.months:
        return _add_months(published, rule.months) + dt.timedelta(days=1)
    return None
