"""A penalty written as the Code writes a sanction, in Russian or Kazakh; `sanction.read_sanction` reads it back.

Russian: "наказывается ограничением свободы на срок до трех лет либо лишением свободы на тот же срок, с
конфискацией имущества." Kazakh: "мүлкі тәркіленіп, үш жылға дейінгі мерзімге бас бостандығын шектеуге не
сол мерзімге бас бостандығынан айыруға жазаланады." An additional punishment is written with all the
alternatives (Russian: after the last, behind a comma; Kazakh: before the first), as the model holds it.
"""

from __future__ import annotations

from ..model import UNKNOWN, AdditionalPunishment, MainPunishment, Penalty
from .numbers import kk_words, ru_agreement, ru_words

_RU_NOUNS = {  # unit: (singular, 2-4 in the nominative, plural), genitive singular, genitive plural
    "years": (("год", "года", "лет"), "года", "лет"),
    "months": (("месяц", "месяца", "месяцев"), "месяца", "месяцев"),
    "hours": (("час", "часа", "часов"), "часа", "часов"),
    "days": (None, "суток", "суток"),
    "mci": (None, "месячного расчетного показателя", "месячных расчетных показателей"),
}
_RU_BAN = "лишением права занимать определенные должности или заниматься определенной деятельностью"
_KK_BAN = "белгілі бір лауазымдарды атқару немесе белгілі бір қызметпен айналысу құқығынан"
_KK_NOUNS = {"years": ("жыл", "жылдан", "жылға"), "months": ("ай", "айдан", "айға"),
             "hours": ("сағат", "сағаттан", "сағатқа"), "days": ("тәулік", "тәуліктен", "тәулікке"),
             "mci": ("айлық есептік көрсеткіш", "айлық есептік көрсеткіштен", "айлық есептік көрсеткішке")}


def _pieces(value: int, unit: str) -> list[tuple[int, str]]:
    """A term in months as the Code counts it: years, months, or years and months."""
    if unit != "months":
        return [(value, unit)]
    years, months = divmod(value, 12)
    return [(n, u) for n, u in ((years, "years"), (months, "months")) if n] or [(0, "months")]


def _known(value):
    if value == UNKNOWN:
        raise ValueError("an unknown figure has no wording")
    return value


# -- Russian ---------------------------------------------------------------------------------------------

def _ru_quantity(value: int, unit: str, case: str) -> str:
    words = []
    for n, u in _pieces(value, unit):
        forms, gen_sg, gen_pl = _RU_NOUNS[u]
        if case == "gen":
            noun = gen_sg if ru_agreement(n, "gen") == "sg" else gen_pl
        elif forms is None:
            raise ValueError(f"no wording for exactly {n} {u}")
        else:
            noun = forms[("sg", "few", "pl").index(ru_agreement(n, "nom"))]
        number = ru_words(n, case)
        if u == "days" and number.endswith("одного"):  # сутки has no singular: "до одних суток"
            number = number[: -len("одного")] + "одних"
        words.append(f"{number} {noun}")
    return " ".join(words)


def _ru_span(lo: int | None, hi: int, unit: str, exact_case: str = "nom") -> str:
    if lo is None:
        return f"до {_ru_quantity(hi, unit, 'gen')}"
    if lo == hi:
        return _ru_quantity(hi, unit, exact_case)
    same_unit = len(_pieces(lo, unit)) == len(_pieces(hi, unit)) == 1 and _pieces(lo, unit)[0][1] == _pieces(hi, unit)[0][1]
    low = ru_words(_pieces(lo, unit)[0][0], "gen") if same_unit else _ru_quantity(lo, unit, "gen")
    return f"от {low} до {_ru_quantity(hi, unit, 'gen')}"


def _measure(m: MainPunishment) -> tuple[str, int | None, int]:
    if m.amount is not None:
        return m.amount.unit, _known(m.amount.min), _known(m.amount.max)
    if m.max is None:
        raise ValueError(f"{m.kind} without a maximum has no wording")
    return "months", _known(m.min), _known(m.max)


def _same(m: MainPunishment, previous: MainPunishment | None) -> bool:
    """The Code says "на тот же срок" / "в том же размере" when a term or amount repeats the previous one."""
    if previous is None:
        return False
    if m.amount is not None:
        return m.amount == previous.amount and m.amount.unit == "mci"
    return m.max is not None and previous.amount is None and (m.min, m.max) == (previous.min, previous.max)


def _ru_main(m: MainPunishment, previous: MainPunishment | None) -> str:
    if m.kind == "life_imprisonment":
        return "пожизненным лишением свободы"
    unit, lo, hi = _measure(m)
    same = _same(m, previous)
    if m.kind in ("imprisonment", "restriction_of_freedom") and unit == "months":
        head = "лишением свободы" if m.kind == "imprisonment" else "ограничением свободы"
        return f"{head} на тот же срок" if same else f"{head} на срок {_ru_span(lo, hi, unit)}"
    if m.kind == "fine" and unit == "mci":
        return f"штрафом в размере {_ru_span(lo, hi, unit, 'gen')}"
    if m.kind == "correctional_labour":
        if unit == "mci":
            return ("исправительными работами в том же размере" if same else
                    f"исправительными работами в размере {_ru_span(lo, hi, unit, 'gen')}")
        return f"исправительными работами на срок {_ru_span(lo, hi, unit)}"
    if m.kind == "community_service" and unit == "hours":
        return f"привлечением к общественным работам на срок {_ru_span(lo, hi, unit)}"
    if m.kind == "arrest" and unit in ("days", "months"):
        return f"арестом на срок {_ru_span(lo, hi, unit)}"
    raise ValueError(f"no wording for {m.kind} in {unit}")


def _ru_additional(a: AdditionalPunishment) -> str:
    mandatory = _known(a.mandatory)
    if a.kind == "confiscation":
        return "с конфискацией имущества" + ("" if mandatory else " или без таковой")
    if a.term == "life":
        text = f"с пожизненным {_RU_BAN}"
    elif a.term is None:
        text = f"с {_RU_BAN}"
    else:
        text = f"с {_RU_BAN} на срок до {_ru_quantity(_known(a.term), 'months', 'gen')}"
    return text + ("" if mandatory else " или без такового")


def _ru(penalty: Penalty) -> str:
    mains = [_ru_main(m, penalty.main[i - 1] if i else None) for i, m in enumerate(penalty.main)]
    text = mains[0] + "".join((" либо " if i == 1 else ", либо ") + m for i, m in enumerate(mains[1:], 1))
    additions = [_ru_additional(a) for a in penalty.additional]
    if additions:
        text += (", " if len(mains) > 1 else " ") + ", ".join(additions)
    return f"наказывается {text}."


# -- Kazakh ----------------------------------------------------------------------------------------------

def _kk_quantity(value: int, unit: str, case: int) -> str:
    """case: 0 bare, 1 ablative (-дан), 2 dative (-ға); the ending goes on the last noun."""
    pieces = _pieces(value, unit)
    words = [f"{kk_words(n)} {_KK_NOUNS[u][0]}" for n, u in pieces[:-1]]
    n, u = pieces[-1]
    return " ".join(words + [f"{kk_words(n)} {_KK_NOUNS[u][case]}"])


def _kk_span(lo: int | None, hi: int, unit: str) -> str:
    if lo is None:
        return f"{_kk_quantity(hi, unit, 2)} дейінгі"
    if lo == hi:
        return _kk_quantity(hi, unit, 0)
    if unit == "mci":  # "бір мыңнан екі мың айлық есептік көрсеткішке": the noun once
        return f"{kk_words(lo, ablative=True)} {_kk_quantity(hi, unit, 2)} дейінгі"
    return f"{_kk_quantity(lo, unit, 1)} {_kk_quantity(hi, unit, 2)} дейінгі"


def _kk_main(m: MainPunishment, previous: MainPunishment | None) -> str:
    if m.kind == "life_imprisonment":
        return "өмір бойына бас бостандығынан айыруға"
    heads = {"imprisonment": "бас бостандығынан айыруға", "restriction_of_freedom": "бас бостандығын шектеуге",
             "fine": "айыппұл салуға", "correctional_labour": "түзеу жұмыстарына",
             "community_service": "қоғамдық жұмыстарға тартуға", "arrest": "қамаққа алуға"}
    unit, lo, hi = _measure(m)
    if _same(m, previous):
        return f"{'сол мөлшерде' if unit == 'mci' else 'сол мерзімге'} {heads[m.kind]}"
    if unit == "mci":
        return f"{_kk_span(lo, hi, unit)} {'мөлшерінде' if lo == hi else 'мөлшерде'} {heads[m.kind]}"
    return f"{_kk_span(lo, hi, unit)} мерзімге {heads[m.kind]}"


def _kk_additional(a: AdditionalPunishment) -> str:
    optional = "" if _known(a.mandatory) else " немесе онсыз"
    if a.kind == "confiscation":
        return f"мүлкі тәркіленіп{optional}"
    if a.term is None:
        raise ValueError("a Kazakh ban is written with its term")
    term = "өмір бойына" if a.term == "life" else f"{_kk_span(None, _known(a.term), 'months')} мерзімге"
    return f"{_KK_BAN} {term} айыра отырып{optional}"


def _kk(penalty: Penalty) -> str:
    mains = [_kk_main(m, penalty.main[i - 1] if i else None) for i, m in enumerate(penalty.main)]
    additions = "".join(f"{_kk_additional(a)}, " for a in penalty.additional)
    return f"{additions}{' не '.join(mains)} жазаланады."


def render_sanction(penalty: Penalty, lang: str) -> str:
    """The sanction's wording; ValueError for what has none (an unknown figure, an empty penalty)."""
    if penalty.main == UNKNOWN or penalty.additional == UNKNOWN or not penalty.main:
        raise ValueError("a penalty with unknown or no main punishments has no wording")
    return _ru(penalty) if lang == "ru" else _kk(penalty)
