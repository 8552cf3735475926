"""When a version comes into force: on its own `from` date, or when its amending act does. An act whose
in-force date was not retrieved has a window: every date inside it is ambiguous (kb/snapshot.py reads both
ways). `When` is also what every result says about a date in force."""

from __future__ import annotations

import datetime as dt

from .errors import BadInput
from .model import UNKNOWN, Act, Dated, Versioned, Window, iso_date
from .record import Data


class When(Data):
    """A date in force: exact (`earliest == latest`), or a window whose end may be unknown (`latest` None)."""

    _frozen = True

    earliest: dt.date
    latest: dt.date | None
    act: str | None = None  # the act that brings it into force

    @property
    def exact(self) -> bool:
        return self.earliest == self.latest

    @property
    def until(self) -> dt.date:
        """The last day it may still be pending (date.max when the window has no known end)."""
        return self.latest or dt.date.max

    def certain_by(self, on: dt.date) -> bool:
        return self.until <= on

    def possible_by(self, on: dt.date) -> bool:
        return self.earliest <= on


_ACT_WHEN: dict[int, tuple[Act, When]] = {}  # by the act's identity: asked once per version of a whole-Code KB


def act_when(act: Act) -> When:
    known = _ACT_WHEN.get(id(act))
    if known is None or known[0] is not act:
        known = _ACT_WHEN[id(act)] = (act, _act_when(act))
    return known[1]


def _act_when(act: Act) -> When:
    f = act.in_force
    if isinstance(f, Window):
        return When(earliest=f.earliest, latest=None if f.latest == UNKNOWN else f.latest, act=act.id)
    day = f.date if isinstance(f, Dated) else f
    return When(earliest=day, latest=day, act=act.id)


def when(version: Versioned, acts: dict[str, Act]) -> When:
    if version.from_ is not None:
        return When(earliest=version.from_, latest=version.from_, act=version.act)
    return act_when(acts[version.act])


def act_order(acts: dict[str, Act]) -> list[Act]:
    """The acts in the order they came into force (by window, then id, when only windows are known)."""
    return sorted(acts.values(), key=lambda a: (act_when(a).earliest, act_when(a).until, a.id))


def parse_date(text: str) -> dt.date:
    try:
        return iso_date(text.strip())
    except ValueError as e:
        raise BadInput(f"not a valid date: {e}") from None


def code_start(kb) -> dt.date:
    return act_when(kb.acts[kb.code.act]).earliest


def check_point(kb, on: dt.date) -> dt.date:
    """Refuse dates before the Code came into force: the KB holds no earlier law."""
    begin = code_start(kb)
    if on < begin:
        raise BadInput(f"{on.isoformat()} is before {begin.isoformat()}, when the Criminal Code of 2014 came "
                       f"into force; the knowledge base holds no earlier law")
    return on
