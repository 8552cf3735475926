"""Amending acts: naming one as people write it, turning a diff point (a date, an act, a draft file) into
snapshot points, and `tipkb act`: an act's record and everything it changed in the KB."""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

from .diff import ArticleDiff, DiffReport, diff
from .errors import BadInput, NotFound
from .model import UNKNOWN, Act, Text
from .record import Data
from .results import ActName, SourceCite, cite
from .snapshot import act_point, points
from .timeline import When, act_when, check_point

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_NOISE = re.compile(r"^(?:the\s+)?(?:law|закон|заңы)\s+|\s*(?:№|no\.?)\s*", re.IGNORECASE)


def _key(text: str) -> str:
    text = _NOISE.sub(" ", text.strip()).casefold()
    return re.sub(r"[\s_\-]+", "-", text).strip("-").removeprefix("kz-law-")


def _keys(act: Act) -> set[str]:
    keys = {_key(act.id), *(_key(n) for n in act.names)}
    if act.number != UNKNOWN:
        keys |= {_key(act.number), _key(act.number.split("-")[0])}  # with or without the convocation suffix
    return keys


def spoken(act: Act) -> str:
    """How to name the act on the command line: its number, else its first short name, else its id."""
    if act.number != UNKNOWN:
        return act.number
    return f'"{act.names[0]}"' if act.names else act.id


def find_act(kb, text: str) -> Act:
    wanted = _key(text)
    found = [a for a in kb.acts.values() if wanted in _keys(a)]
    if len(found) == 1:
        return found[0]
    listing = "; ".join(f"{spoken(a)} (signed {a.signed.isoformat()})" for a in kb.acts.values())
    if found:
        raise BadInput(f"{text!r} names several acts: {', '.join(a.id for a in found)}; give the full number or id")
    from rapidfuzz import fuzz, process  # only for a name that is not exact

    keys = {k: a for a in kb.acts.values() for k in _keys(a)}
    near = process.extractOne(wanted, list(keys), scorer=fuzz.ratio, score_cutoff=75) if wanted else None
    hint = f" Did you mean {spoken(keys[near[0]])}?" if near else ""
    raise NotFound(f"no amending act {text!r} in the knowledge base.{hint} It has: {listing}")


def resolve(kb, text: str, before: bool, today: dt.date, articles: list[str] | None, files: bool = True):
    """A diff point as (the KB to read, its points, the draft act's id or None). `files=False` for a front end
    whose input must never name a file (the web application, whose drafts are uploads)."""
    text = text.strip()
    if not text:
        raise BadInput("an empty point: give a date (2021-06-01), an amending act (292-VI) or a draft file")
    if _DATE.fullmatch(text):
        from .timeline import parse_date

        if before:
            raise BadInput(f"--before reads the Code just before an act or a draft, not before a date ({text})")
        return kb, points(kb, check_point(kb, parse_date(text)), articles), None
    if not (text.endswith((".yaml", ".yml", ".json")) or text == "-"):
        try:
            return kb, [act_point(kb, find_act(kb, text).id, before)], None
        except NotFound:
            if not (files and os.path.lexists(text)):  # a folder or a device in place of a draft: say so below
                raise
    if not files:
        raise BadInput(f"{text!r} names a file; give a date or an amending act, or upload the draft")
    from .draft import apply

    overlay, act_id = apply(kb, Path(text) if text != "-" else text, today)
    return overlay, [act_point(overlay, act_id, before)], act_id


def check_order(froms: list, tos: list, from_text: str, to_text: str, before: bool = False) -> None:
    """Refuse a diff that runs backwards: every reading of --from holds acts that --to lacks, or a later date."""
    from_text += " (just before)" if before else ""
    def later(a, b) -> bool:
        if a.on is not None and b.on is not None:
            return a.on > b.on
        return b.applied < a.applied

    if all(later(f, t) for f in froms for t in tos):
        raise BadInput(f"--from {from_text} is later than --to {to_text}: give the earlier point as --from")


class ActReport(Data):
    id: str
    number: str | None
    names: list[str]
    title: Text
    signed: dt.date
    in_force: When
    in_force_grade: str
    in_force_basis: str | None
    commencement: str | None
    summary: str | None
    note: str | None
    grade: str
    sources: list[SourceCite]
    amends_elsewhere: list[str]
    amends_nothing: bool  # no version in the KB is this act's
    general: ArticleDiff
    articles: list[ArticleDiff]  # only articles it touched
    acts: dict[str, ActName]
    labels: dict[str, Text]


def act_report(kb, text: str) -> ActReport:
    """The act's record, and what it changed: the Code just before it against the Code with it."""
    act = find_act(kb, text)
    report: DiffReport = diff(kb, [act_point(kb, act.id, before=True)], kb, [act_point(kb, act.id)], None,
                              f"before {act.id}", act.id)
    reading = report.readings[0]
    touched = [a for a in reading.articles if a.changes or a.unknowns]
    f = act.in_force
    grade = getattr(f, "confidence", None) or act.confidence
    basis = getattr(f, "basis", None)
    return ActReport(
        id=act.id, number=None if act.number == UNKNOWN else act.number, names=act.names, title=act.title,
        signed=act.signed, in_force=act_when(act), in_force_grade=grade, in_force_basis=basis,
        commencement=act.commencement, summary=act.summary, note=act.note, grade=act.confidence,
        sources=cite(kb, act.sources), amends_elsewhere=act.amends_elsewhere,
        amends_nothing=act.id not in kb.referenced_acts(), general=reading.general, articles=touched,
        acts=report.acts, labels=report.labels)

