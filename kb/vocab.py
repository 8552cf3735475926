"""The vocabulary as people type it: one way to fold text, one way to turn a typed term into a vocabulary id
(exactly, then fuzzily with the score echoed back), and one way to find the nearest terms. Facts files,
drafts, search and import all use these."""

from __future__ import annotations

import re
from typing import Literal

from .errors import BadInput
from .record import Data

WORD = re.compile(r"\w+")
CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_KAZAKH = str.maketrans("қәүұіөғңһё", "каууиогнхе")
_LATIN = "aeopcxykmthbi"  # Latin letters that look like Cyrillic ones (their look-alikes below)
_LATIN_LOOKALIKES = str.maketrans(_LATIN, "аеорсхукмтнви")
_LOOKALIKE = re.compile(f"[{_LATIN}]")
LANGS = ("en", "ru", "kk")
SLOTS = {"acts": "act.", "means": "means.", "purposes": "purpose.", "victim": "circ.", "circumstances": "circ."}
CUTOFF = 90  # rapidfuzz WRatio score below which a term is not understood ('deception' ~ 'reception' is 89)


def fold(text: str) -> str:
    """Case, ё, Kazakh letters to their Russian look-alikes, Latin look-alikes inside Cyrillic words to
    Cyrillic; character by character, so offsets in the folded text are offsets in the original."""
    lowered = text.lower()
    if len(lowered) != len(text) or "Σ" in text:  # a letter that lowers to two, or a final sigma: one by one
        lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    lowered = lowered.translate(_KAZAKH)
    if not (CYRILLIC.search(lowered) and _LOOKALIKE.search(lowered)):  # (most text: one script, nothing to do)
        return lowered
    return WORD.sub(lambda m: m.group().translate(_LATIN_LOOKALIKES) if CYRILLIC.search(m.group())
                     else m.group(), lowered)


def key(text: str) -> str:
    """A phrase as compared: folded, hyphens and underscores as spaces, single spaces."""
    return " ".join(fold(text).replace("-", " ").replace("_", " ").split())


class Understood(Data):
    """How a typed term was read: the vocabulary id, and whether by its label, a synonym or fuzzily."""

    slot: str
    term: str
    id: str
    how: Literal["label", "synonym", "fuzzy"]
    score: float | None = None  # for a fuzzy match
    also: list[str] = []  # other ids nearly as close


_CACHE: dict[tuple[int, str], tuple[object, dict]] = {}  # (id of the vocabulary, prefix) -> (it, phrases)


def _phrases(vocabulary, prefix: str) -> dict[str, tuple[str, str]]:
    cached = _CACHE.get((id(vocabulary), prefix))
    if cached is not None and cached[0] is vocabulary:
        return cached[1]
    out: dict[str, tuple[str, str]] = {}
    for vid, t in vocabulary.terms.items():
        if not vid.startswith(prefix):
            continue
        out.setdefault(key(vid.split(".", 1)[1]), (vid, "id"))
        for lang in LANGS:
            label = t.label.get(lang)
            if label not in (None, "unknown"):
                out.setdefault(key(label), (vid, "label"))
            for syn in t.synonyms.get(lang, []):
                out.setdefault(key(syn), (vid, "synonym"))
    _CACHE[id(vocabulary), prefix] = (vocabulary, out)
    return out


def phrases(kb, prefix: str) -> dict[str, tuple[str, str]]:
    """Every id, label and synonym (as `key`s) of the ids under `prefix`: phrase -> (id, 'id'|'label'|'synonym')."""
    return _phrases(kb.vocabulary, prefix)


def resolve(kb, slot: str, term: str) -> tuple[str, Understood | None]:
    """The vocabulary id a term of `slot` stands for, and how it was understood when it was not an id;
    BadInput if none. Exact ids, labels and synonyms first (in this slot, then in the others, which is an
    error); only then a fuzzy match within the slot, with its score and the other near candidates."""
    prefix = SLOTS[slot]
    raw = term.strip()
    if raw in kb.vocabulary.terms and raw.startswith(prefix):
        return raw, None
    mine = phrases(kb, prefix)
    found = mine.get(key(raw))
    if found:
        vid, how = found
        return (vid, None) if how == "id" else (vid, Understood(slot=slot, term=raw, id=vid, how=how))
    for other, other_prefix in SLOTS.items():
        hit = phrases(kb, other_prefix).get(key(raw)) if other_prefix != prefix else None
        if hit:
            raise BadInput(f"{raw!r} is {hit[0]}, one of the {other}, not of the {slot}")
    if raw in kb.vocabulary.terms:
        raise BadInput(f"{raw!r} is not one of the {slot} (their ids start with {prefix!r})")
    hits = nearest(kb, raw, prefix, 10)
    if hits and hits[0][2] >= CUTOFF:
        best = hits[0][0]
        also = [vid for vid, _, score in hits[1:] if score >= hits[0][2] - 5 and vid != best]
        return best, Understood(slot=slot, term=raw, id=best, how="fuzzy", score=round(hits[0][2], 1),
                                also=list(dict.fromkeys(also)))
    near = list(dict.fromkeys(vid for vid, _, _ in hits[:3]))
    raise BadInput(f"cannot understand {raw!r} as one of the {slot}" + (f"; nearest: {', '.join(near)}" if near else ""))


def nearest(kb, text: str, prefix: str = "", n: int = 5) -> list[tuple[str, str, float]]:
    """The vocabulary terms nearest to `text` (id, the phrase that matched, score), best first, one per id."""
    from rapidfuzz import fuzz, process  # imported only when a term is not exact

    table = phrases(kb, prefix)
    if not text.strip() or not table:
        return []
    out: dict[str, tuple[str, str, float]] = {}
    for phrase, score, _ in process.extract(key(text), list(table), scorer=fuzz.WRatio, limit=n * 4):
        vid = table[phrase][0]
        if vid not in out:
            out[vid] = (vid, phrase, score)
    return sorted(out.values(), key=lambda x: -x[2])[:n]
