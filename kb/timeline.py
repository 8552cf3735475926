"""Point in time: which version of a provision was in force on a date.

A version starts on its own `from` date, or else when its amending act came into force. An act whose
in-force date is known only as a window makes every date inside that window ambiguous: both readings
are returned, never one chosen silently.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Generic, Sequence, TypeVar

from .errors import BadInput
from .model import UNKNOWN, Act, Versioned, Window

V = TypeVar("V", bound=Versioned)


@dataclass(frozen=True)
class Start:
    earliest: dt.date
    latest: dt.date  # dt.date.max when the end of the window is unknown
    act: str

    @property
    def exact(self) -> bool:
        return self.earliest == self.latest

    def __str__(self) -> str:
        if self.exact:
            return self.earliest.isoformat()
        end = "unknown" if self.latest == dt.date.max else self.latest.isoformat()
        return f"between {self.earliest.isoformat()} and {end}"


def act_start(act: Act) -> Start:
    if isinstance(act.in_force, Window):
        latest = dt.date.max if act.in_force.latest == UNKNOWN else act.in_force.latest
        return Start(act.in_force.earliest, latest, act.id)
    return Start(act.in_force, act.in_force, act.id)


def start(version: Versioned, acts: dict[str, Act]) -> Start:
    if version.from_ is not None:
        return Start(version.from_, version.from_, version.act)
    return act_start(acts[version.act])


@dataclass(frozen=True)
class Reading(Generic[V]):
    """What was in force on a date: one version (or None: not in force) per possible reading."""

    versions: list[V | None]
    pending: list[Start]  # the acts whose uncertain in-force date makes the date ambiguous

    @property
    def ambiguous(self) -> bool:
        return len(self.versions) > 1

    @property
    def current(self) -> V | None:
        """The reading in which every act whose window covers the date is already in force."""
        return self.versions[-1]


def at(versions: Sequence[V], on: dt.date, acts: dict[str, Act]) -> Reading[V]:
    starts = [start(v, acts) for v in versions]
    certain = None
    for i, s in enumerate(starts):
        if s.latest <= on:
            certain = i
    first_possible = 0 if certain is None else certain + 1
    possible = [i for i in range(first_possible, len(versions)) if starts[i].earliest <= on]
    chosen = [certain, *possible]

    def visible(i: int | None) -> V | None:
        return None if i is None or versions[i].repealed else versions[i]

    readings: list[V | None] = []
    for i in chosen:  # identical neighbours (say, "not in force" twice) are one reading
        r = visible(i)
        if not readings or readings[-1] is not r:
            readings.append(r)
    return Reading(readings, [starts[i] for i in possible] if len(readings) > 1 else [])


def pending(versions: Sequence[Versioned], on: dt.date, acts: dict[str, Act]) -> set[str]:
    """The acts that start one of these versions and whose in-force window is still open on `on`."""
    return {s.act for s in (start(v, acts) for v in versions) if s.earliest <= on < s.latest}


def under(versions: Sequence[V], on: dt.date, acts: dict[str, Act], assume: frozenset[str]) -> V | None:
    """The version in force on `on` in one reading of an ambiguous date: the acts in `assume` whose window
    covers the date are taken as in force, every other such act as not yet in force."""
    chosen = None
    for v in versions:
        s = start(v, acts)
        if s.latest <= on or (s.earliest <= on and s.act in assume):
            chosen = v
    return None if chosen is None or chosen.repealed else chosen


def parse_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise BadInput(f"not a valid date: {text!r} (expected YYYY-MM-DD, e.g. 2021-06-01)") from None


def check_on(on: dt.date, acts: dict[str, Act], code_act: str) -> None:
    """Reject dates before the Code came into force: the KB holds no earlier law."""
    begin = act_start(acts[code_act]).earliest
    if on < begin:
        raise BadInput(f"{on.isoformat()} is before {begin.isoformat()}, when the Criminal Code of 2014 came "
                       f"into force; the knowledge base holds no earlier law")
