"""Amendment notes: which acts changed what, and when each act comes into force, as data.

adilet's footnotes — "Сноска. Статья 128 с изменениями, внесенными законами РК от 27.12.2019 № 292-VI
(вводится в действие по истечении десяти календарных дней после дня его первого официального
опубликования); от ...", Kazakh "Ескерту. 128-бапқа өзгеріс енгізілді – ҚР 27.12.2019 № 292-VI (алғашқы
ресми жарияланған күнінен кейін күнтізбелік он күн өткен соң қолданысқа енгізіледі) Заңымен." — and the
in-text style of the code mirrors: "Подпункт 1 изложен в редакции Закона РК от 27.12.19 г. № 292-VI",
"исключен в соответствии с Законом РК от ...", "Часть дополнена пунктом 3 в соответствии с Законом ...".

A commencement rule is kept as the rule ("10 calendar days after first official publication"); it becomes a
date only with a publication date from a source, which is not in these texts.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Literal

from ..record import Data
from .numbers import PATTERN, fold, parse_number

Action = Literal["changed", "new_wording", "repealed", "added"]
Element = Literal["article", "title", "part", "item", "note", "other"]  # other: a chapter, the contents, ...


class Commencement(Data):
    """When an act comes into force, as its note states it."""

    _frozen = True

    kind: Literal["after_publication", "on_publication", "date", "see_article"]
    days: int | None = None  # after_publication: calendar days after the day of first official publication
    months: int | None = None  # after_publication, counted in months
    date: dt.date | None = None  # date: in force from this day
    article: str | None = None  # see_article: the act's own article on its commencement


class ActRef(Data):
    _frozen = True

    date: dt.date  # the act's date (signed)
    number: str  # "292-VI": with its convocation suffix in Latin letters
    commencement: Commencement | None = None
    commencement_text: str | None = None  # the note's own words in parentheses, when it has them


class Target(Data):
    """What a note is about: the most specific element it names, with the levels above from its context."""

    _frozen = True

    element: Element
    article: str | None = None
    part: str | None = None
    item: str | None = None


class AmendmentNote(Data):
    _frozen = True

    line: int
    style: Literal["footnote", "inline"]
    action: Action
    target: Target
    acts: list[ActRef]
    text: str


class NoteProblem(ValueError):
    """A note that names no act, or one whose act or commencement cannot be read."""


FOOTNOTE = re.compile(r"^(?:сноска|ескерту)\s*\.", re.I)
_NUM = r"\d+(?:-\d+)*"
_INLINE = re.compile(
    r"^(?:стать[яи]|част[ьи]|пункт|подпункт|примечани[ея]|абзац|заголовок|наименование)\b.*?"
    r"(?:в редакции|в соответствии с|исключен|дополнен|внесен)", re.I)
# "от 27.12.2019 № 292-VI", "от 27.12.19 г. № 292-VI", "ҚР 27.12.2019 № 292-VI", "ҚР 1997.07.16 N 168"
_ACT = re.compile(
    r"(?:(?<=\s)|^)(?:от\s+|қр\s+)?(?:(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4}|\d{2})|"
    r"(?P<y2>\d{4})\.(?P<m2>\d{1,2})\.(?P<d2>\d{1,2}))\s*(?:г\.|года|ж\.)?\s*[№n]\s*"
    r"(?P<number>\d+(?:\s*-\s*[ivxlcхі]+)?)(?:\s*(?:зрк|қрз))?"
    r"(?:\s*\((?P<paren>[^()]*(?:\([^()]*\)[^()]*)*)\))?", re.I)
_LATIN = str.maketrans({"і": "i", "х": "x", "с": "c"})


def is_note(text: str) -> bool:
    """A line that is an amendment note (a footnote, or an in-text note naming an act), not statute text."""
    if FOOTNOTE.match(text):
        return True
    folded = fold(text)
    return bool(_INLINE.match(folded) and _ACT.search(folded))


def _act_number(raw: str) -> str:
    digits, _, suffix = raw.replace(" ", "").partition("-")
    return f"{digits}-{suffix.translate(_LATIN).upper()}" if suffix else digits


def _date(m: re.Match) -> dt.date:
    year, month, day = (m["y"], m["m"], m["d"]) if m["y"] else (m["y2"], m["m2"], m["d2"])
    y = int(year) + (2000 if len(year) == 2 else 0)
    return dt.date(y, int(month), int(day))


_COMMENCEMENT = {
    "ru": [
        (rf"по истечении (?P<n>{PATTERN['ru']}|\d+) календарных дней после", "days"),
        (rf"по истечении (?P<n>{PATTERN['ru']}|\d+) месяц\w* после", "months"),
        (r"со дня (?:его )?(?:первого )?официального опубликования", "on_publication"),
        (r"(?:вводится в действие|вступает в силу) с (?P<date>\d{1,2}\.\d{1,2}\.\d{4})", "date"),
        (r"(?:порядок )?введени\w+ в действие см\.? (?:ст\.|стать\w+) (?P<art>\d+)", "see_article"),
    ],
    "kk": [
        (rf"(?:күнтізбелік )?(?P<n>{PATTERN['kk']}|\d+) күн өткен соң", "days"),
        (rf"(?P<n>{PATTERN['kk']}|\d+) ай өткен соң", "months"),
        (r"ресми жарияланған күнінен бастап", "on_publication"),
        (r"(?P<date>\d{1,2}\.\d{1,2}\.\d{4}|\d{4}\.\d{1,2}\.\d{1,2}) (?:бастап|жылдан бастап)", "date"),
        (r"қолданысқа енгізілу тәртібін (?P<art>\d+)-баптан қараңыз", "see_article"),
    ],
}
_NOT_COMMENCEMENT = re.compile(r"см\.? ст(?:ар)?\.? ?ред|бұр\.? ?ред|редакциясын қара")


def read_commencement(text: str, lang: str) -> Commencement | None:
    """The rule in a note's parentheses, or None when it states none this reader knows."""
    folded = fold(text)
    for pattern, kind in _COMMENCEMENT[lang]:
        m = re.search(pattern, folded)
        if not m:
            continue
        if kind in ("days", "months"):
            n = parse_number(m["n"], lang)
            return Commencement(kind="after_publication", **{kind: n}) if n else None
        if kind == "date":
            parts = [int(p) for p in m["date"].split(".")]
            day, month, year = parts if parts[2] > 31 else parts[::-1]
            return Commencement(kind="date", date=dt.date(year, month, day))
        if kind == "see_article":
            return Commencement(kind="see_article", article=m["art"])
        return Commencement(kind=kind)
    return None


_ACTIONS = {
    "ru": [(r"исключен|утратил\w* силу", "repealed"), (r"с изменени|изменен", "changed"),
           (r"редакции", "new_wording"), (r"дополнен", "added")],
    "kk": [(r"алып тасталды|күші жойылды", "repealed"), (r"өзгеріс", "changed"),
           (r"жаңа редакцияда|редакцияда жазылды", "new_wording"), (r"толықтырыл|толықтыру", "added")],
}
_RU_ORDINALS = ["перв", "втор", "трет", "четверт", "пят", "шест", "седьм", "восьм", "девят", "десят"]
_KK_ORDINALS = ["бірінші", "екінші", "үшінші", "төртінші", "бесінші", "алтыншы", "жетінші", "сегізінші",
                "тоғызыншы", "оныншы"]
_TARGETS = {
    "ru": {"article": rf"стать\w*\s+({_NUM})", "part": rf"част\w*\s+({_NUM}|(?:{'|'.join(_RU_ORDINALS)})\w*)",
           "item": rf"(?:под)?пункт\w*\s+({_NUM})", "title": r"(заголов|наименовани)", "note": r"(примечани)"},
    "kk": {"article": rf"({_NUM})-бап", "part": rf"({_NUM}|{'|'.join(_KK_ORDINALS)})(?:-| )бөлі", "item": rf"({_NUM})\)?\s*-?тарма[қғ](?!ша)",
           "title": r"(тақырыб)", "note": r"(ескертпе)"},
}


def read_note(text: str, lang: str, line: int, context: Target) -> tuple[AmendmentNote, list[str]]:
    """One note; the list says what in it could not be read (an unknown commencement rule). Raises
    NoteProblem when the note names no act or says nothing this reader knows about what the act did."""
    folded = fold(text)
    acts, unread = [], []
    for m in _ACT.finditer(folded):
        try:
            date = _date(m)
        except ValueError:
            raise NoteProblem(f"the act's date {m.group(0).split('№')[0].strip()} is not a date") from None
        paren = m["paren"]
        original = text[m.start("paren"):m.end("paren")] if paren and len(text) == len(folded) else paren
        commencement = read_commencement(paren, lang) if paren else None
        if paren and commencement is None and not _NOT_COMMENCEMENT.search(paren):
            unread.append(f"act {_act_number(m['number'])}: commencement rule not read: «{original}»")
        acts.append(ActRef(date=date, number=_act_number(m["number"]), commencement=commencement,
                           commencement_text=original if paren and not _NOT_COMMENCEMENT.search(paren) else None))
    if not acts:
        raise NoteProblem("the note names no act (expected 'от DD.MM.YYYY № NNN-X' / 'ҚР DD.MM.YYYY № NNN-X')")
    head = FOOTNOTE.sub("", folded[:_ACT.search(folded).start()]).strip()
    action = next((a for pattern, a in _ACTIONS[lang] if re.search(pattern, head)), None)
    if action is None:
        raise NoteProblem(f"the note does not say what the act did: «{head}»")
    return AmendmentNote(line=line, style="footnote" if FOOTNOTE.match(text) else "inline", action=action,
                         target=_target(head, lang, context), acts=acts, text=text), unread


def _target(head: str, lang: str, context: Target) -> Target:
    """The element a note names; a level it does not name comes from where the note stands."""
    found = {key: m.group(1) for key, p in _TARGETS[lang].items() if (m := re.search(p, head))}
    if "part" in found and not found["part"][0].isdigit():  # "части второй", "екінші бөлігі"
        ordinals = _RU_ORDINALS if lang == "ru" else _KK_ORDINALS
        found["part"] = str(next(i for i, o in enumerate(ordinals, 1) if found["part"].startswith(o)))
    if not found:
        return context
    if "item" in found:
        element = "item"
    elif "part" in found:
        element = "part"
    elif "title" in found or "note" in found:
        element = "title" if "title" in found else "note"
    else:
        element = "article"
    # "Часть дополнена пунктом 3" names the item; the part is the one the note stands in.
    article = found.get("article", context.article)
    part = found.get("part") if "part" in found else (context.part if element == "item" else None)
    return Target(element=element, article=article, part=part if element in ("part", "item") else None,
                  item=found.get("item") if element == "item" else None)
