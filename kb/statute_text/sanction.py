"""A part's sanction, in Russian or Kazakh, read into the penalty model (kb.model.Penalty).

The wording is read from left to right against the phrases the Code uses; anything else stops the reading
and is reported with the words where it stopped, never guessed. What the model holds once per part
(additional punishments) is read wherever the wording places it; where it places it is kept in `attached`.

Russian: "наказывается штрафом в размере до двух тысяч месячных расчетных показателей либо исправительными
работами в том же размере, либо ограничением свободы на срок до двух лет, либо лишением свободы на тот же
срок, с конфискацией имущества или без таковой." Alternatives are joined by "либо"/"или"; an additional
punishment follows the alternative it goes with, or all of them behind a comma.

Kazakh: "мүлкі тәркіленіп, бес жылдан жеті жылға дейінгі мерзімге бас бостандығынан айыруға жазаланады."
The measure comes before the punishment, an additional punishment before the alternative it goes with (before
the first: with all of them), alternatives are joined by "не"/"немесе", and the verb closes the sentence.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from ..model import AdditionalPunishment, MainPunishment, Penalty, format_months
from ..record import Data
from .numbers import PATTERN, fold, parse_number

YEAR, MONTH = 12, 1


class Sanction(Data):
    """What a sanction says, or why it could not be read (then `penalty` is None and `error` says where)."""

    _frozen = True

    text: str
    penalty: Penalty | None = None
    attached: list[int | None] = []  # per additional punishment: the alternative it is written with; None: all
    error: str | None = None


class _Unread(Exception):
    """The reading stopped: the message says what was expected."""


@dataclass
class _Main:
    kind: str
    months: tuple[int | None, int | None] | None = None
    amount: tuple[str, int | None, int | None] | None = None  # unit, min, max

    def punishment(self) -> MainPunishment:
        """Validated as a KB file is (a term past the sanity bound is a ValueError)."""
        if self.amount:
            unit, lo, hi = self.amount
            return MainPunishment.model_validate({"kind": self.kind, "amount": {"unit": unit, "min": lo, "max": hi}})
        lo, hi = self.months or (None, None)
        return MainPunishment.model_validate({"kind": self.kind, "min": None if lo is None else format_months(lo),
                                              "max": None if hi is None else format_months(hi)})


_compiled = functools.lru_cache(maxsize=None)(re.compile)


class _Cursor:
    def __init__(self, text: str):
        self.text, self.pos = text, 0

    def take(self, pattern: str) -> re.Match | None:
        m = _compiled(pattern).match(self.text, self.pos)
        if m:
            self.pos = m.end()
        return m

    def need(self, pattern: str, what: str) -> re.Match:
        m = self.take(pattern)
        if not m:
            raise _Unread(what)
        return m

    def at_end(self) -> bool:
        return self.pos >= len(self.text)


# -- Russian ---------------------------------------------------------------------------------------------

_RU_N = PATTERN["ru"]
_RU_UNITS = [  # pattern, unit, factor
    (r"(?:лет|года|год|году|годом)", "months", YEAR),
    (r"месяц(?:а|ев|ам|ами|ах)?", "months", MONTH),
    (r"час(?:а|ов|ам|ами|ах)?", "hours", 1),
    (r"(?:суток|сутки|суткам|сутками)", "days", 1),
    (r"(?:месячн\w+ расчетн\w+ показател\w*)", "mci", 1),
]


def _ru_unit(c: _Cursor) -> tuple[str, int] | None:
    for pattern, unit, factor in _RU_UNITS:
        if c.take(rf" {pattern}(?![\w-])"):
            return unit, factor
    return None


def _months(c: _Cursor, m: re.Match, lang: str) -> int:
    """The months written after the years (`m`): 1 to 11, as in a KB file, which refuses 4y13m too."""
    n = parse_number(m.group(1), lang)
    if not 0 < n < 12:
        c.pos = m.start()
        raise _Unread("from one to eleven months after the years")
    return n


def _ru_quantity(c: _Cursor) -> tuple[int, str | None, int]:
    """'двух лет', 'одного года шести месяцев', 'двухсот часов': value, unit, factor of its first word.
    A bare number ('от четырех') has no unit."""
    n = parse_number(c.need(rf" ?({_RU_N})", "a number").group(1), "ru")
    unit = _ru_unit(c)
    if unit is None:
        return n, None, 1
    value = n * unit[1]
    if unit == ("months", YEAR):
        save = c.pos
        m = c.take(rf" ({_RU_N}) месяц(?:а|ев)?(?![\w-])")
        if m:
            value += _months(c, m, "ru")
        else:
            c.pos = save
    return value, unit[0], unit[1]


def _ru_span(c: _Cursor, units: set[str]) -> tuple[str, int | None, int]:
    """'от четырех до семи лет', 'до двенадцати лет', 'пять лет': (unit, min, max)."""
    if c.take(r" ?от "):
        lo, lo_unit, _ = _ru_quantity(c)
        c.need(r" до ", "'до'")
        hi, unit, factor = _ru_quantity(c)
        if lo_unit is None:
            lo *= factor  # "от четырех до семи лет": the lower figure counts in the upper one's unit
        elif lo_unit != unit:
            raise _Unread(f"one unit for both bounds, not {lo_unit} and {unit}")
    elif c.take(r" ?до "):
        lo, (hi, unit, _) = None, _ru_quantity(c)
    else:
        hi, unit, _ = _ru_quantity(c)
        lo = hi
    if unit not in units:
        raise _Unread(f"a term in {' or '.join(sorted(units))}")
    return unit, lo, hi


_TERM = r"(?:на срок|сроком)"
_RU_BAN = r"лишением права занимать определенные должности или заниматься определенной деятельностью"


def _ru_main(c: _Cursor, previous: _Main | None) -> _Main:
    if c.take(r" ?пожизненным лишением свободы"):
        return _Main("life_imprisonment")
    for kind, head in (("imprisonment", "лишением свободы"), ("restriction_of_freedom", "ограничением свободы")):
        if c.take(rf" ?{head} (?=на |сроком)"):
            if c.take(r"на тот же срок"):
                return _Main(kind, months=_same_term(previous))
            c.need(_TERM, "'на срок'")
            _, lo, hi = _ru_span(c, {"months"})
            return _Main(kind, months=(lo, hi))
    if c.take(r" ?штрафом в размере"):
        unit, lo, hi = _ru_span(c, {"mci"})
        return _Main("fine", amount=(unit, lo, hi))
    if c.take(r" ?исправительными работами"):
        if c.take(r" в том же размере"):
            return _Main("correctional_labour", amount=_same_amount(previous))
        if c.take(r" в размере"):
            return _Main("correctional_labour", amount=_ru_span(c, {"mci"}))
        c.need(rf" {_TERM}", "'в том же размере', 'в размере' or 'на срок'")
        _, lo, hi = _ru_span(c, {"months"})
        return _Main("correctional_labour", months=(lo, hi))
    if c.take(rf" ?привлечением к общественным работам {_TERM}"):
        return _Main("community_service", amount=_ru_span(c, {"hours"}))
    if c.take(rf" ?арестом {_TERM}"):
        unit, lo, hi = _ru_span(c, {"days", "months"})
        return _Main("arrest", months=(lo, hi)) if unit == "months" else _Main("arrest", amount=(unit, lo, hi))
    if c.take(r" ?(?=смертной казнью)"):
        raise _Unread("a punishment the penalty model has (it has no death penalty)")
    raise _Unread("a punishment")


def _ru_addition(c: _Cursor) -> tuple[AdditionalPunishment, bool] | None:
    """', с конфискацией имущества или без таковой' ...: the punishment, and whether a comma set it apart."""
    start = c.pos
    m = c.take(r"(,)? (?:и )?с (?=конфискацией|пожизненным лишением права|лишением права)")
    if not m:
        return None
    comma = bool(m.group(1))
    if c.take(r"конфискацией имущества"):
        optional = bool(c.take(r",? (?:или|либо) без таковой"))
        return AdditionalPunishment(kind="confiscation", mandatory=not optional), comma
    life = bool(c.take(r"пожизненным "))
    c.need(_RU_BAN, "the wording of a ban on posts or activities")
    term: int | str | None = "life" if life else None
    if not life and c.take(rf" {_TERM}"):
        _, lo, hi = _ru_span(c, {"months"})
        if lo is not None:
            c.pos = start
            raise _Unread("a ban for one term (the penalty model holds no range for it)")
        term = format_months(hi)
    optional = bool(c.take(r",? (?:или|либо) без такового"))
    return AdditionalPunishment.model_validate({"kind": "ban", "mandatory": not optional, "term": term}), comma


def _read_ru(c: _Cursor) -> tuple[list[_Main], list[tuple[AdditionalPunishment, int | None]]]:
    c.need(r" ?наказыва(?:ется|ются) ", "'наказывается'")
    mains: list[_Main] = []
    placed: list[tuple[AdditionalPunishment, int, bool]] = []
    while True:
        mains.append(_ru_main(c, mains[-1] if mains else None))
        while (found := _ru_addition(c)) is not None:
            placed.append((found[0], len(mains) - 1, found[1]))
        if c.take(r",? (?:либо|или) (?!без )"):
            continue
        if c.take(r" ?[.;]? ?$"):
            break
        raise _Unread("'либо', 'или', an additional punishment or the end of the sentence")
    last = len(mains) - 1
    return mains, [(a, None if comma and i == last and last > 0 else i) for a, i, comma in placed]


# -- Kazakh ----------------------------------------------------------------------------------------------

_KK_N = PATTERN["kk"]
_KK_UNITS = {"жыл": ("months", YEAR), "ай": ("months", MONTH), "сағат": ("hours", 1), "тәулік": ("days", 1),
             "айлық есептік көрсеткіш": ("mci", 1)}
_KK_UNIT = r" (айлық есептік көрсеткіш|жыл|ай|сағат|тәулік)(дан|ден|тан|тен|нан|нен|ға|ге|қа|ке)?(?![\w-])"
_ABLATIVE = ("дан", "ден", "тан", "тен", "нан", "нен")
_KK_BAN = r"белгілі бір лауазымдарды атқару немесе белгілі бір қызметпен айналысу құқығынан "


def _kk_quantity(c: _Cursor) -> tuple[int, str | None, str]:
    """'бес жылдан', 'жеті жылға', 'бір жыл алты айға', 'бір мыңнан': value, unit or None, case (abl/dat/'')."""
    phrase = c.need(rf" ?({_KK_N})", "a number").group(1)
    n = parse_number(phrase, "kk")
    m = c.take(_KK_UNIT)
    if not m:
        last = phrase.split()[-1]
        return n, None, "abl" if last.endswith(_ABLATIVE) and parse_number(last, "kk") else ""
    unit, factor = _KK_UNITS[m.group(1)]
    value, case = n * factor, m.group(2) or ""
    if m.group(1) == "жыл" and not case:
        save = c.pos
        more = c.take(rf" ({_KK_N}) ай(дан|ға)?(?![\w-])")
        if more:
            value, case = value + _months(c, more, "kk"), more.group(2) or ""
        else:
            c.pos = save
    return value, unit, "abl" if case in _ABLATIVE else "dat" if case else ""


def _kk_span(c: _Cursor) -> tuple[str, int | None, int, bool]:
    """'бес жылдан жеті жылға дейінгі', 'екі жүз сағатқа дейін', 'жүз': (unit, min, max, exact)."""
    lo, lo_unit, case = _kk_quantity(c)
    if case == "abl":
        hi, unit, hi_case = _kk_quantity(c)
        if hi_case != "dat":
            raise _Unread("the upper bound ('... жылға дейінгі')")
        if lo_unit not in (None, unit):
            raise _Unread(f"one unit for both bounds, not {lo_unit} and {unit}")
    elif case == "dat":
        lo, hi, unit = None, lo, lo_unit
    else:
        hi, unit = lo, lo_unit
        return unit or "", lo, hi, True
    c.need(r" дейін(?:гі)?", "'дейінгі'")
    return unit or "", lo, hi, False


def _kk_main(c: _Cursor, previous: _Main | None) -> _Main:
    if c.take(r" ?өмір бойына бас бостандығынан айыруға"):
        return _Main("life_imprisonment")
    if c.take(r" ?(?=өлім жазасына)"):
        raise _Unread("a punishment the penalty model has (it has no death penalty)")
    months = amount = None
    if c.take(r" ?сол мерзімге"):
        months = _same_term(previous)
    elif c.take(r" ?сол мөлшерде"):
        amount = _same_amount(previous)
    else:
        unit, lo, hi, exact = _kk_span(c)
        if unit == "mci":
            c.need(r" мөлшерінде" if exact else r" мөлшерде", "'мөлшерде'")
            amount = (unit, lo, hi)
        else:
            c.need(r" мерзімге", "'мерзімге'")
            if unit == "months":
                months = (lo, hi)
            elif unit:
                amount = (unit, lo, hi)
            else:
                raise _Unread("a unit (жыл, ай, сағат, тәулік, айлық есептік көрсеткіш)")
    heads = (("imprisonment", "бас бостандығынан айыруға"), ("restriction_of_freedom", "бас бостандығын шектеуге"),
             ("fine", "айыппұл салуға"), ("correctional_labour", "түзеу жұмыстарына"),
             ("community_service", "қоғамдық жұмыстарға тартуға"), ("arrest", "қамаққа алуға"))
    for kind, head in heads:
        if c.take(rf" {head}"):
            main = _Main(kind, months=months, amount=amount)
            _check_measure(main)
            return main
    raise _Unread("a punishment")


def _kk_addition(c: _Cursor) -> AdditionalPunishment | None:
    if c.take(r" ?мүлкі тәркіленіп"):
        optional = bool(c.take(r" немесе онсыз"))
        c.take(r",")
        return AdditionalPunishment(kind="confiscation", mandatory=not optional)
    if not c.take(rf" ?{_KK_BAN}"):
        return None
    term: str | None = "life"
    if not c.take(r"өмір бойына"):
        start = c.pos
        unit, lo, hi, _ = _kk_span(c)
        c.need(r" мерзімге", "'мерзімге'")
        if unit != "months" or lo is not None:
            c.pos = start
            raise _Unread("a ban for one term in years or months")
        term = format_months(hi)
    c.need(r" айыра отырып", "'айыра отырып'")
    optional = bool(c.take(r" немесе онсыз"))
    c.take(r",")
    return AdditionalPunishment.model_validate({"kind": "ban", "mandatory": not optional, "term": term})


def _read_kk(c: _Cursor) -> tuple[list[_Main], list[tuple[AdditionalPunishment, int | None]]]:
    verb = re.search(r" ?жазаланады ?[.;]? ?$", c.text)
    if not verb:
        raise _Unread("the verb 'жазаланады' at the end")
    c.text = c.text[:verb.start()]
    mains: list[_Main] = []
    placed: list[tuple[AdditionalPunishment, int]] = []
    while True:
        while (found := _kk_addition(c)) is not None:
            placed.append((found, len(mains)))
        mains.append(_kk_main(c, mains[-1] if mains else None))
        if c.at_end():
            break
        c.need(r",? (?:не|немесе) ", "'не', 'немесе' or 'жазаланады'")
    return mains, [(a, None if i == 0 and len(mains) > 1 else i) for a, i in placed]


# -- shared ----------------------------------------------------------------------------------------------

def _same_term(previous: _Main | None) -> tuple[int | None, int | None]:
    if previous is None or previous.months is None:
        raise _Unread("a term before 'the same term' to refer to")
    return previous.months


def _same_amount(previous: _Main | None) -> tuple[str, int | None, int | None]:
    if previous is None or previous.amount is None or previous.amount[0] != "mci":
        raise _Unread("an amount in MCI before 'the same amount' to refer to")
    return previous.amount


def _check_measure(main: _Main) -> None:
    allowed = {"imprisonment": {"months"}, "restriction_of_freedom": {"months"}, "fine": {"mci"},
               "correctional_labour": {"mci", "months"}, "community_service": {"hours"},
               "arrest": {"days", "months"}}[main.kind]
    unit = main.amount[0] if main.amount else "months"
    if unit not in allowed:
        raise _Unread(f"{main.kind} counted in {' or '.join(sorted(allowed))}, not {unit}")


def read_sanction(text: str, lang: str) -> Sanction:
    """The penalty a sanction states (`text` from 'наказывается' to the full stop, or the Kazakh clause)."""
    plain = re.sub(r"\s+", " ", text).strip()
    folded = fold(plain)
    quote = plain if len(folded) == len(plain) else folded
    c = _Cursor(folded)
    try:
        mains, additions = (_read_ru if lang == "ru" else _read_kk)(c)
        c.pos = 0  # what is wrong now is the whole sanction's
        for main in mains:
            lo, hi = main.amount[1:] if main.amount else main.months or (None, None)
            if lo is not None and hi is not None and lo > hi:
                raise _Unread("a lower bound no higher than the upper bound")
        kinds = [a.kind for a, _ in additions]
        if len(set(kinds)) < len(kinds):
            raise _Unread("each additional punishment once (the penalty model holds one of each kind per part)")
        penalty = Penalty(main=[m.punishment() for m in mains], additional=[a for a, _ in additions])
        return Sanction(text=plain, penalty=penalty, attached=[i for _, i in additions])
    except _Unread as e:
        return Sanction(text=plain, error=f"cannot read the sanction at «{_short(quote[c.pos:])}»: expected {e}")
    except ValueError as e:  # the model's own bounds (a term past 50 years): pydantic's ValidationError
        why = e.errors()[0]["msg"].removeprefix("Value error, ") if hasattr(e, "errors") else str(e)
        return Sanction(text=plain, error=f"cannot take the sanction «{_short(plain)}»: {why}")


def _short(text: str) -> str:
    text = text.strip()
    return (text if len(text) <= 80 else text[:77] + "...") or "the end"
