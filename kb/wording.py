"""The wording of a part or item, read into vocabulary ids through the ru/kk labels and synonyms.

A phrase of the text is mapped only when it is, word for word after folding (kb/vocab.py `key`), a label or a
synonym of a term in the text's language; the longest such phrase wins. That is an interpretation of the text,
not the text itself, so what it yields is graded `inferred` until a person confirms it. A clause in which no
phrase maps is listed as unmapped, never matched fuzzily; a clause that only refers to other parts ("То же
деяние, совершенное:", "Деяния, предусмотренные частями первой или второй настоящей статьи") is read for the
parts it builds on, not for elements.
"""

from __future__ import annotations

import re

from .record import Data
from .vocab import SLOTS, key

# each id prefix with the slot a wording puts it in ("circ." ids: the circumstances)
PREFIXES = tuple((prefix, slot) for slot, prefix in SLOTS.items() if slot != "victim")


class Mapped(Data):
    id: str
    slot: str  # acts, means, purposes, victim, circumstances
    phrase: str  # as it stands in the text, folded
    how: str  # label | synonym


class Wording(Data):
    """What the wording of one part or item says in vocabulary terms."""

    mapped: list[Mapped] = []
    unmapped: list[str] = []  # clauses in which no phrase maps
    builds_on: list[str] | None = None  # the parts a qualifying part refers to ("частями первой или второй")

    def elements(self, aggravating: bool = False) -> dict[str, list[str]]:
        """The ids by slot. In an item or a qualifying part a condition on the victim is one of the aggravating
        circumstances (as the KB writes it); in a base part it is the victim's."""
        out: dict[str, list[str]] = {}
        for m in self.mapped:
            slot = "circumstances" if aggravating and m.slot == "victim" else m.slot
            ids = out.setdefault(slot, [])
            if m.id not in ids:
                ids.append(m.id)
        return out


def slot_of(vid: str) -> str:
    if vid.startswith("circ.victim_"):
        return "victim"
    return next(slot for prefix, slot in PREFIXES if vid.startswith(prefix))


_TABLES: dict[tuple[int, str], tuple[object, dict, int]] = {}


def _table(vocabulary, lang: str) -> tuple[dict[str, tuple[str, str]], int]:
    """phrase key -> (id, how) for the labels and synonyms in `lang`; and the longest phrase in words."""
    cached = _TABLES.get((id(vocabulary), lang))
    if cached is not None and cached[0] is vocabulary:
        return cached[1], cached[2]
    table: dict[str, tuple[str, str]] = {}
    for vid, term in vocabulary.terms.items():
        if not vid.startswith(tuple(p for p, _ in PREFIXES)):
            continue
        label = term.label.get(lang)
        if label not in (None, "unknown"):
            table.setdefault(key(label), (vid, "label"))
        for syn in term.synonyms.get(lang, []):
            table.setdefault(key(syn), (vid, "synonym"))
    table.pop("", None)
    longest = max((len(k.split()) for k in table), default=0)
    _TABLES[id(vocabulary), lang] = (vocabulary, table, longest)
    return table, longest


# Words that only refer to other parts of the article, name the person acted on, or join words (as `key` folds
# them): left over in a clause, they are not reported as unmapped.
_REFERENCE = {key(w) for w in """
то же та тот те деяние деяния деяний действия совершенное совершенная совершенные совершенных предусмотренные
предусмотренное предусмотренных указанные указанное частью частями части настоящей статьи статьей а равно если
они оно его ее их в во с со и по на для за к от до из о об при лица лицо лиц человека человек
мынадай дәл сол іс әрекет әрекеттер әрекеттері осы баптың бабының бөлігінде бөліктерінде бөлігінің көзделген
көрсетілген жасалған жасалса егер олар адамды адамның адам мен бен пен үшін
""".split()}
_ORDINALS = {
    "ru": [key(o) for o in ("перв", "втор", "трет", "четверт", "пят", "шест", "седьм", "восьм", "девят", "десят")],
    "kk": [key(o) for o in ("бірінші", "екінші", "үшінші", "төртінші", "бесінші", "алтыншы", "жетінші", "сегізінші",
                            "тоғызыншы", "оныншы")],
}
_SPLIT = re.compile(r"[,;:()«»\"]|\s[–—]\s|\s(?:или|либо|а равно|а также|немесе|не|сондаи ак|жане)\s")
# "частями первой или второй"; "бірінші немесе екінші бөліктерінде" (folded: "болик", "болиг")
_PARTS_NAMED = {"ru": re.compile(r"част(?:ью|ями|и)\s+((?:\w+\s+(?:или|и)\s+)*\w+)"),
                "kk": re.compile(r"((?:\w+\s+(?:немесе|не|жане)\s+)*\w+)\s+боли[гк]")}


def _builds_on(folded: str, lang: str) -> list[str] | None:
    """The parts a wording refers to: "частями первой или второй", "осы баптың үшінші бөлігінде", "То же деяние",
    "дәл сол іс-әрекет" (the first part)."""
    m = _PARTS_NAMED[lang].search(folded)
    words = m.group(1).split() if m else []
    found = [str(i) for w in words for i, o in enumerate(_ORDINALS[lang], 1) if w.startswith(o)]
    if found:
        return list(dict.fromkeys(found))
    if re.search(r"(?:^|\s)(?:то же|те же) деяни|дал сол", folded):
        return ["1"]
    return None


GAP = "…"  # in an unmapped clause, where a mapped phrase was


def read_wording(kb, text: str, lang: str) -> Wording:
    """The vocabulary ids the wording's phrases stand for, the clauses that map to nothing, and the parts it
    builds on."""
    table, longest = _table(kb.vocabulary, lang)
    folded = key(text)
    mapped: list[Mapped] = []
    unmapped: list[str] = []
    for clause in _SPLIT.split(f" {folded} "):
        words = re.findall(r"\w+", clause)
        left: list[str] = []  # the words no phrase took
        i = 0
        while i < len(words):
            for n in range(min(longest, len(words) - i), 0, -1):
                phrase = " ".join(words[i:i + n])
                found = table.get(phrase)
                if found:
                    mapped.append(Mapped(id=found[0], slot=slot_of(found[0]), phrase=phrase, how=found[1]))
                    if left and left[-1] != GAP:
                        left.append(GAP)  # the words left are not contiguous in the text: say where one was taken
                    i += n
                    break
            else:
                left.append(words[i])
                i += 1
        if any(w != GAP and w not in _REFERENCE and not w.isdigit() and not any(w.startswith(o) for o in _ORDINALS[lang])
               for w in left):
            unmapped.append(" ".join(left).removesuffix(f" {GAP}"))
    return Wording(mapped=mapped, unmapped=unmapped, builds_on=_builds_on(folded, lang))
