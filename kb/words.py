"""Words as search reads them: folded (kb/vocab.py), lightly stemmed, and as they sound in Latin letters, so
that a Cyrillic word meets its transliteration. kb/search.py compares them; kb/index.py stores them for every
token of its full-text vocabulary."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from .vocab import CYRILLIC, WORD, fold

_TRANSLIT = {**dict(zip("абвгдезийклмнопрстуфыэ", "abvgdeziiklmnoprstufye")),
             "ж": "zh", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ю": "yu", "я": "ya", "ъ": "", "ь": ""}
_RU_SUFFIXES = ("ями ами ыми ими ого его ому ему ать ять ить ов ев ей ой ий ый ая яя ое ее ые ие ую юю ых их ом ем "
                "ам ям ах ях ию ия ью ья а я о е и ы у ю ь").split()
_KK_SUFFIXES = "лар лер дар дер тар тер нын нин дын дин тын тин дан ден тан тен нан нен мен бен пен сы си".split()
_EN_SUFFIXES = ("ing", "ed", "es", "s")
_CYRILLIC_SUFFIXES = sorted(_RU_SUFFIXES + _KK_SUFFIXES, key=len, reverse=True)  # the longest ending first


def _stem(word: str, cyrillic: bool) -> str:
    for suffix in _CYRILLIC_SUFFIXES if cyrillic else _EN_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3 and not (suffix == "s" and word.endswith("ss")):
            return word[: -len(suffix)]
    return word


def _skeleton(word: str) -> str:
    """How a word sounds in Latin letters, loosely: to meet a loanword across scripts."""
    latin = "".join(_TRANSLIT.get(c, c) for c in word)
    latin = latin.replace("ck", "k").replace("c", "k").replace("ph", "f")
    return re.sub(r"(.)\1+", r"\1", latin)


class Word(NamedTuple):  # (a named tuple: search builds one for each word form it scores)
    form: str
    stem: str
    cyrillic: bool
    skeleton: str


@lru_cache(maxsize=16384)
def _word(form: str) -> tuple[str, bool, str]:
    cyrillic = bool(CYRILLIC.search(form))
    return _stem(form, cyrillic), cyrillic, _skeleton(form)


def word(form: str) -> Word:
    """A folded word, analysed once for all the texts it appears in."""
    return Word(form, *_word(form))


def analyse(token: str) -> list[tuple[str, str, str, str, bool]]:
    """A vocabulary token's words as the index stores them for search: (token, form, stem, skeleton,
    cyrillic)."""
    return [(token, w.form, w.stem, w.skeleton, w.cyrillic) for w in split_words(token)]


def split_words(text: str) -> tuple[Word, ...]:
    return tuple(word(m.group()) for m in WORD.finditer(fold(text)))
