"""The searchable entries: one per version of every article title, part and item, treaty provision and
vocabulary term, with its texts, its elements and the dates it may be in force. `search` ranks them; `index`
stores them in SQLite."""

from __future__ import annotations

import datetime as dt
from typing import Literal, NamedTuple

from .knowledge import KB
from .model import UNKNOWN, Elements, Text
from .snapshot import spans
from .timeline import When
from .vocab import LANGS


class Entry(NamedTuple):
    """One searchable version: an article's title, a part, an item, a treaty provision or a vocabulary term.
    (A named tuple: a whole-Code KB has 25,000 of them, and a tuple is built and read fastest.)"""

    kind: Literal["article", "part", "item", "provision", "term"]
    citation: str  # "128", "128.1", "135.2.7", "un-tip-protocol 3(a)", or the term's id
    seq: int  # which version of it (0 when unversioned)
    order: int  # KB order, to break ties
    texts: tuple[tuple[str, str], ...]  # (field, text): ("summary", …), ("title.ru", …), ("synonym.kk", …)
    elements: tuple[str, ...] = ()  # vocabulary ids, sorted
    act: str | None = None  # the amending act, or the instrument
    when: When | None = None  # when the version came into force
    grade: str | None = None
    earliest: dt.date | None = None  # in force, in some reading, from this date …
    superseded: dt.date | None = None  # … until a later version is certainly in force (snapshot.spans)

    def active(self, on: dt.date) -> bool:
        """In force on `on` in some reading; kb/index.py states the same test in SQL."""
        return (self.earliest is None or self.earliest <= on) and (self.superseded is None or on < self.superseded)


class Candidates(NamedTuple):
    """What `search` ranks: the entries that can match (with every vocabulary term, and the article titles
    their headings need) and, of all the entries in force, how many texts and which treaties were searched."""

    entries: list[Entry]
    texts: int
    instruments: list[str]

    @classmethod
    def of(cls, active: list[Entry]) -> Candidates:
        """Every entry in force: read from the YAML, all of them can match."""
        return cls(active, sum(len(e.texts) for e in active), sorted({e.act for e in active if e.kind == "provision"}))


def _known(value: str | None) -> bool:
    return value not in (None, UNKNOWN) and bool(value.strip())


def _titles(versions: list, v) -> list[tuple[str, str]]:
    """A title version's texts; a language it leaves unknown is searched in its last known form."""
    out = _langs("title", v.title)
    for lang in LANGS:
        if not _known(v.title.get(lang)):
            earlier = versions[:versions.index(v)]
            last = next((e.title.get(lang) for e in reversed(earlier) if _known(e.title.get(lang))), None)
            if last:
                out.append((f"title.{lang}.last_known", last))
    return out


def _langs(prefix: str, text: Text) -> list[tuple[str, str]]:
    return [(f"{prefix}.{lang}", text.get(lang)) for lang in LANGS if _known(text.get(lang))]


def entries(kb: KB) -> list[Entry]:
    """Every searchable version in the KB, in force or not; `Entry.active` picks a date."""
    out: list[Entry] = []

    def add(kind, citation, versions, texts, elements=lambda v: ()):
        for seq, (v, (start, earliest, superseded)) in enumerate(zip(versions, spans(versions, kb.acts))):
            if v.repealed:  # nothing to find, and the previous version ends here all the same
                continue
            out.append(Entry(kind, citation, seq, len(out), tuple(texts(v)), tuple(sorted(set(elements(v)))),
                             v.act, start, v.confidence, earliest, superseded))

    def body(extra):
        def texts(v):
            found = [("summary", v.summary), ("text.ru", v.text_ru), ("text.kk", v.text_kk), *extra]
            return [(f, t) for f, t in found if _known(t)]
        return texts

    def elements(v):
        return v.elements.ids() if isinstance(v.elements, Elements) else ()  # not None, nor unknown

    for art in kb.articles.values():
        add("article", art.article, art.titles, lambda v: _titles(art.titles, v))
        for part in art.parts:
            label = [("label", part.label)] if part.label else []
            add("part", f"{art.article}.{part.id}", part.versions, body(label), elements)
            for item in part.items:
                add("item", f"{art.article}.{part.id}.{item.id}", item.versions, body([]), elements)

    rank = {"treaty": 0, "law": 1, "case_law": 2, "soft_law": 3}
    for inst in sorted(kb.instruments.values(), key=lambda i: (rank[i.kind], i.id)):
        begins = next((d for d in (inst.in_force, inst.adopted) if isinstance(d, dt.date)), None)
        said = When(earliest=inst.in_force, latest=inst.in_force) if isinstance(inst.in_force, dt.date) else \
            When(earliest=begins, latest=None) if begins else None  # in force at an unknown date after adoption
        for p in inst.provisions:
            out.append(Entry("provision", f"{inst.id} {p.id}", 0, len(out), (("title", p.title), ("summary", p.summary)),
                             tuple(sorted(set(p.elements.ids()))) if p.elements else (), inst.id, said,
                             p.confidence, begins, None))

    for vid, term in kb.vocabulary.terms.items():
        synonyms = [(f"synonym.{lang}", s) for lang in LANGS for s in term.synonyms.get(lang, []) if _known(s)]
        out.append(Entry("term", vid, 0, len(out), tuple(_langs("label", term.label) + synonyms)))
    return out
