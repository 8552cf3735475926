"""The facts of a case, as a prosecutor states them: a YAML or JSON file (or command-line flags).

The file is validated like the KB: unknown keys, impossible values and dates outside the Code's life are
reported with file, line, column and key. Acts, means and purposes may be written as vocabulary ids
(`act.recruitment`), as short ids (`recruitment`), or as a label or synonym in en/ru/kk from
mappings/vocabulary.yaml (`вербовка`); anything not an id is matched fuzzily and echoed back, so the user
sees what was understood. A fact left out is unknown, not false: the engine says what it would change.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field
from typing import Annotated

from pydantic import Field, field_validator

from . import inputs, yamlio
from .errors import BadInput, Finding, InvalidKB
from .inputs import Input
from .knowledge import KB
from .load import parse
from .model import Date, Strict
from .timeline import act_when
from .vocab import SLOTS, Understood, resolve

Count = Annotated[int, Field(strict=True)]
Flag = Annotated[bool, Field(strict=True)]


MAX_VICTIMS = 1_000_000  # in one entry: a sanity bound far above any case, so a typo cannot pass as a fact


class Victim(Strict):
    age: Count | None = None  # in whole years, at the time of the offence
    minor: Flag | None = None  # when the exact age is not known
    knew_age: Flag | None = None  # the offender knew the victim was a minor
    pregnant: Flag | None = None
    knew_pregnant: Flag | None = None  # the offender knew of the pregnancy
    count: Count = 1  # how many victims this entry stands for

    @field_validator("age")
    @classmethod
    def _age(cls, v: int | None) -> int | None:
        if v is not None and not 0 <= v <= 120:
            raise ValueError(f"impossible age {v}: an age is between 0 and 120")
        return v

    @field_validator("count")
    @classmethod
    def _count(cls, v: int) -> int:
        if not 1 <= v <= MAX_VICTIMS:
            raise ValueError(f"impossible count {v}: an entry stands for at least one victim and at most "
                             f"{MAX_VICTIMS:,}")
        return v


class Offenders(Strict):
    group_prior_agreement: Flag | None = None
    criminal_group: Flag | None = None  # organised group, criminal organisation, community ...
    official_position: Flag | None = None  # an official using his position
    parent_or_educator: Flag | None = None  # a parent, teacher or other person charged with raising the minor
    repeatedly: Flag | None = None  # a second or later offence under the same article
    mercenary_motive: Flag | None = None


class Consequences(Strict):
    death_by_negligence: Flag | None = None
    grave_consequences: Flag | None = None


# A case has a handful of each; the bounds keep a hostile file from running the fuzzy matcher for minutes.
MAX_TERMS, MAX_TERM_LENGTH = 50, 200
Terms = Annotated[list[Annotated[str, Field(max_length=MAX_TERM_LENGTH)]], Field(max_length=MAX_TERMS)]


class Facts(Strict):
    date: Date  # of the offence
    victims: Annotated[list[Victim], Field(max_length=1000)] = []
    acts: Terms = []
    means: Terms = []
    purposes: Terms = []  # the purpose, or the exploitation that took place
    offenders: Offenders = Offenders()
    cross_border: Flag | None = None  # out of, into or through Kazakhstan
    consequences: Consequences = Consequences()
    organs_removed: Flag | None = None  # removal (or coercion to removal) actually took place
    involved_in_prostitution: Flag | None = None  # the offender then involved the victim in prostitution
    note: str | None = None


# -- vocabulary: kb/vocab.py ----------------------------------------------------------------------------

SLOTS = {slot: prefix for slot, prefix in SLOTS.items() if slot in ("acts", "means", "purposes")}


# -- the case: facts resolved against the vocabulary ---------------------------------------------------------


@dataclass(frozen=True)
class Case:
    """What the engine reads: facts with every term resolved to a vocabulary id."""

    date: dt.date
    victims: tuple[Victim, ...] = ()
    acts: tuple[str, ...] = ()
    means: tuple[str, ...] = ()
    purposes: tuple[str, ...] = ()
    group_prior_agreement: bool | None = None
    criminal_group: bool | None = None
    official_position: bool | None = None
    parent_or_educator: bool | None = None
    repeatedly: bool | None = None
    mercenary_motive: bool | None = None
    cross_border: bool | None = None
    death_by_negligence: bool | None = None
    grave_consequences: bool | None = None
    organs_removed: bool | None = None
    involved_in_prostitution: bool | None = None
    understood: tuple[Understood, ...] = field(default=(), compare=False)


def to_case(kb: KB, facts: Facts) -> Case:
    """Resolve every term (BadInput for one that matches nothing)."""
    ids: dict[str, list[str]] = {}
    understood: list[Understood] = []
    for slot in SLOTS:
        ids[slot] = []
        for term in getattr(facts, slot):
            vid, u = resolve(kb, slot, term)
            if vid not in ids[slot]:
                ids[slot].append(vid)
            if u is not None:
                understood.append(u)
    o, c = facts.offenders, facts.consequences
    return Case(
        date=facts.date, victims=tuple(facts.victims), acts=tuple(ids["acts"]), means=tuple(ids["means"]),
        purposes=tuple(ids["purposes"]), group_prior_agreement=o.group_prior_agreement,
        criminal_group=o.criminal_group, official_position=o.official_position,
        parent_or_educator=o.parent_or_educator, repeatedly=o.repeatedly, mercenary_motive=o.mercenary_motive,
        cross_border=facts.cross_border, death_by_negligence=c.death_by_negligence,
        grave_consequences=c.grave_consequences, organs_removed=facts.organs_removed,
        involved_in_prostitution=facts.involved_in_prostitution, understood=tuple(understood))


def check_date(kb: KB, on: dt.date, today: dt.date) -> str | None:
    """Why a date cannot be an offence date under the encoded Code, or None."""
    begin = act_when(kb.acts[kb.code.act]).earliest
    if on < begin:
        return (f"{on.isoformat()} is before {begin.isoformat()}, when the Criminal Code of 2014 came into force; "
                f"the knowledge base holds no earlier law")
    if on > today:
        return f"{on.isoformat()} is in the future (today is {today.isoformat()})"
    return None


def read(kb: KB, source: Input, today: dt.date, display: str | None = None) -> tuple[Facts, Case]:
    """Load and check a facts file (a path, `-` for standard input, or the bytes of an upload); InvalidKB lists
    every problem of the file at once, each with file, line, column and key: schema errors, a date outside
    the Code's life, terms that match nothing. At most FACTS bytes are read."""
    display = display or inputs.display_name(source)
    try:
        return _read(kb, inputs.read_text(source, display, inputs.FACTS), display, today)
    except InvalidKB as e:
        raise InvalidKB(e.findings, f"the facts file {display}") from None


def _read(kb: KB, text: str, display: str, today: dt.date) -> tuple[Facts, Case]:
    from .model import _date

    raw = yamlio.parse(text, display)
    findings: list[Finding] = []
    locator = functools.cache(lambda: yamlio.Locator(text, display))
    facts = parse(Facts, (raw, None), display, findings, locator)
    if isinstance(raw, dict):
        try:
            on = facts.date if facts else _date(raw.get("date"))
        except ValueError:  # reported by the schema
            on = None
        problem = check_date(kb, on, today) if on else None
        if problem:
            findings.append(locator().finding(("date",), problem))
        for slot in SLOTS:
            values = raw.get(slot)
            # only as many terms as the schema allows, each no longer: the rest is already one finding, and
            # matching thousands of terms fuzzily would cost minutes
            for i, term in enumerate(values[:MAX_TERMS] if isinstance(values, list) else []):
                if isinstance(term, str) and len(term) <= MAX_TERM_LENGTH:
                    try:
                        resolve(kb, slot, term)
                    except BadInput as e:
                        findings.append(locator().finding((slot, i), str(e)))
    if findings or facts is None:
        raise InvalidKB(findings)
    return facts, to_case(kb, facts)
