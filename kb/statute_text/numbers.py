"""Number words of the Code's sanctions, Russian and Kazakh, read and written.

Russian numerals decline ("от четырех до семи лет", "двухсот часов", "двумястами"), so every case form of
every component is listed. Kazakh numerals do not; a case suffix lands on the last word when the noun is left
out ("бір мыңнан екі мың айлық есептік көрсеткішке"), so a known stem with a case suffix is a number too.
Texts are matched after `fold`: lower case, ё as е, and the Latin i that old Kazakh texts use for і.
"""

from __future__ import annotations

import re

_RU_UNITS = {
    1: "один одного одному одним одном одна одной одну одно одни одних одними",
    2: "два две двух двум двумя",
    3: "три трех трем тремя",
    4: "четыре четырех четырем четырьмя",
    5: "пять пяти пятью",
    6: "шесть шести шестью",
    7: "семь семи семью",
    8: "восемь восьми восемью восьмью",
    9: "девять девяти девятью",
    40: "сорок сорока",
    90: "девяносто девяноста",
    100: "сто ста",
}
_RU_SOFT = {  # nominative in -ь, genitive/dative/prepositional in -и, instrumental in -ью
    10: "десять", 11: "одиннадцать", 12: "двенадцать", 13: "тринадцать", 14: "четырнадцать",
    15: "пятнадцать", 16: "шестнадцать", 17: "семнадцать", 18: "восемнадцать", 19: "девятнадцать",
    20: "двадцать", 30: "тридцать",
}
_RU_TENS = {50: ("пять", "пяти"), 60: ("шесть", "шести"), 70: ("семь", "семи"), 80: ("восемь", "восьми")}
_RU_HUNDREDS = {  # nominative, genitive, stem of the oblique cases (-стам, -стами, -стах)
    200: ("двести", "двухсот", "дву"), 300: ("триста", "трехсот", "тре"), 400: ("четыреста", "четырехсот", "четыре"),
    500: ("пятьсот", "пятисот", "пяти"), 600: ("шестьсот", "шестисот", "шести"), 700: ("семьсот", "семисот", "семи"),
    800: ("восемьсот", "восьмисот", "восьми"), 900: ("девятьсот", "девятисот", "девяти"),
}
_RU_THOUSAND = "тысяча тысячи тысяче тысячу тысячей тысячью тысяч тысячам тысячами тысячах".split()


def _ru_words() -> dict[str, int]:
    words = {w: n for n, forms in _RU_UNITS.items() for w in forms.split()}
    for n, nom in _RU_SOFT.items():
        words.update({nom: n, nom[:-1] + "и": n, nom + "ю": n})
    for n, (nom, gen) in _RU_TENS.items():
        words.update({nom + "десят": n, gen + "десяти": n, nom + "юдесятью": n, gen[:-1] + "ьюдесятью": n})
    for n, (nom, gen, stem) in _RU_HUNDREDS.items():
        oblique = {"дву": ("двум", "двумя", "двух"), "тре": ("трем", "тремя", "трех"),
                   "четыре": ("четырем", "четырьмя", "четырех")}.get(stem, (stem, stem[:-1] + "ью", stem))
        words.update({nom: n, gen: n, oblique[0] + "стам": n, oblique[1] + "стами": n, oblique[2] + "стах": n})
    words["восемьюстами"] = 800
    return words


RU_WORDS = _ru_words()

KK_WORDS = {
    "бір": 1, "екі": 2, "үш": 3, "төрт": 4, "бес": 5, "алты": 6, "жеті": 7, "сегіз": 8, "тоғыз": 9,
    "он": 10, "жиырма": 20, "отыз": 30, "қырық": 40, "елу": 50, "алпыс": 60, "жетпіс": 70, "сексен": 80,
    "тоқсан": 90, "жүз": 100, "мың": 1000,
}
# The case endings a Kazakh number word takes when its noun is left out: ablative, dative, locative, accusative.
_KK_SUFFIX = "(?:нан|нен|дан|ден|тан|тен|ға|ге|қа|ке|на|не|а|е|нда|нде|да|де|та|те|ны|ні|ды|ді|ты|ті)"
_KK_ABLATIVE = {
    "бір": "бірден", "екі": "екіден", "үш": "үштен", "төрт": "төрттен", "бес": "бестен", "алты": "алтыдан",
    "жеті": "жетіден", "сегіз": "сегізден", "тоғыз": "тоғыздан", "он": "оннан", "жиырма": "жиырмадан",
    "отыз": "отыздан", "қырық": "қырықтан", "елу": "елуден", "алпыс": "алпыстан", "жетпіс": "жетпістен",
    "сексен": "сексеннен", "тоқсан": "тоқсаннан", "жүз": "жүзден", "мың": "мыңнан",
}


_SPACES = re.compile(r"\s\s|[^\S ]")


def fold(text: str) -> str:
    """Lower case, ё as е, Latin i and ı as Kazakh і, one space for any run of white space."""
    text = text.lower().replace("ё", "е").replace("i", "і").replace("ı", "і")
    return re.sub(r"\s+", " ", text) if _SPACES.search(text) else text


def _alternation(words) -> str:
    return "|".join(sorted(map(re.escape, words), key=len, reverse=True))


_RU_WORD = rf"(?:{_alternation(RU_WORDS)}|{_alternation(_RU_THOUSAND)})"
_KK_WORD = rf"(?:{_alternation(KK_WORDS)})"
PATTERN = {  # a number phrase in folded text: digits, or number words in a row (in Kazakh, a case ending ends it)
    "ru": rf"(?:\d+|{_RU_WORD}(?:\s+{_RU_WORD})*)(?![\w-])",
    "kk": rf"(?:\d+|(?:{_KK_WORD}\s+)*{_KK_WORD}{_KK_SUFFIX}?)(?![\w-])",
}


def _kk_value(token: str) -> int | None:
    if token in KK_WORDS:
        return KK_WORDS[token]
    m = re.fullmatch(rf"({_alternation(KK_WORDS)}){_KK_SUFFIX}", token)
    return KK_WORDS[m.group(1)] if m else None


def parse_number(phrase: str, lang: str) -> int | None:
    """The value of a number phrase ("двухсот сорока", "екі жүз қырық", "бір мыңнан", "25"), or None."""
    tokens = fold(phrase).split()
    if len(tokens) == 1 and tokens[0].isdigit():
        return int(tokens[0])
    total = current = 0
    for token in tokens:
        if lang == "ru":
            if token in _RU_THOUSAND:
                total, current = total + (current or 1) * 1000, 0
                continue
            value = RU_WORDS.get(token)
        else:
            value = _kk_value(token)
            if value == 1000:
                total, current = total + (current or 1) * 1000, 0
                continue
            if value == 100:
                current = (current or 1) * 100
                continue
        if value is None:
            return None
        current += value
    return total + current or None


# -- writing numbers, for the renderer -------------------------------------------------------------------

_RU_NOM = {n: forms.split()[0] for n, forms in _RU_UNITS.items()} | _RU_SOFT | {
    n: nom + "десят" for n, (nom, _) in _RU_TENS.items()} | {n: v[0] for n, v in _RU_HUNDREDS.items()}
_RU_GEN = {1: "одного", 2: "двух", 3: "трех", 4: "четырех", 5: "пяти", 6: "шести", 7: "семи", 8: "восьми",
           9: "девяти", 40: "сорока", 90: "девяноста", 100: "ста"} | {
    n: nom[:-1] + "и" for n, nom in _RU_SOFT.items()} | {n: gen + "десяти" for n, (_, gen) in _RU_TENS.items()} | {
    n: v[1] for n, v in _RU_HUNDREDS.items()}


def _ru_below_thousand(n: int, case: str, feminine: bool) -> list[str]:
    table = _RU_GEN if case == "gen" else _RU_NOM
    out = []
    for step in (100, 10):
        if n >= step and not (step == 10 and n < 20):
            head = n - n % step if step == 100 else n - n % 10
            out.append(table[head])
            n -= head
    if n:
        word = table[n]
        if feminine and n in (1, 2):
            word = {("gen", 1): "одной", ("nom", 1): "одна", ("nom", 2): "две"}.get((case, n), word)
        out.append(word)
    return out


def ru_words(n: int, case: str = "gen") -> str:
    """`n` in Russian words, nominative ("nom") or genitive ("gen"), for a masculine noun: "двухсот сорока"."""
    if not 0 < n < 1_000_000:
        raise ValueError(f"no Russian words for {n}")
    thousands, rest = divmod(n, 1000)
    out = []
    if thousands:
        out += _ru_below_thousand(thousands, case, feminine=True)
        last = thousands % 100
        if case == "gen":
            out.append("тысячи" if last % 10 == 1 and last != 11 else "тысяч")
        else:
            out.append("тысяча" if last % 10 == 1 and last != 11 else
                       "тысячи" if last % 10 in (2, 3, 4) and last not in (12, 13, 14) else "тысяч")
    if rest:
        out += _ru_below_thousand(rest, case, feminine=False)
    return " ".join(out)


def ru_agreement(n: int, case: str) -> str:
    """Which noun form follows `n`: "sg" (одного года, один год), "few" (два года) or "pl" (пяти лет)."""
    last, tens = n % 10, n % 100
    if last == 1 and tens != 11:
        return "sg"
    if case == "nom" and last in (2, 3, 4) and tens not in (12, 13, 14):
        return "few"
    return "pl"


def kk_words(n: int, ablative: bool = False) -> str:
    """`n` in Kazakh words ("екі жүз қырық", "бір мың"); with `ablative` the last word takes -нан/-ден ...."""
    if not 0 < n < 1_000_000:
        raise ValueError(f"no Kazakh words for {n}")
    by_value = {v: w for w, v in KK_WORDS.items()}
    out: list[str] = []

    def below_thousand(m: int, leading_one: bool) -> None:
        hundreds, rest = divmod(m, 100)
        if hundreds:
            out.extend(([by_value[hundreds]] if hundreds > 1 else []) + ["жүз"])
        tens, units = divmod(rest, 10)
        if tens:
            out.append(by_value[tens * 10])
        if units:
            out.append(by_value[units])
        if leading_one and m == 1:
            out[-1:] = ["бір"]

    thousands, rest = divmod(n, 1000)
    if thousands:
        below_thousand(thousands, leading_one=True)
        out.append("мың")
    if rest:
        below_thousand(rest, leading_one=False)
    if ablative:
        out[-1] = _KK_ABLATIVE[out[-1]]
    return " ".join(out)
