"""Checks beyond the schema: references that do not resolve, versions out of order or overlapping,
items in force while their part is not, min > max. Each finding names its file and line."""

from __future__ import annotations

import datetime as dt
from functools import cache
from typing import Any, Callable, Iterable, Iterator, Sequence, get_type_hints

from .citation import parse as parse_citation
from .errors import BadInput, Finding
from .model import GRADE_RANK, UNKNOWN, Article, Dated, Elements, Graded, Penalty, SourceRef, Versioned, Window, weakest
from .record import Record, fields, records_in
from .timeline import When, code_start, when


class Checker:
    def __init__(self, kb: Any, locate: dict[str, Callable[[], Any]] | None = None):
        """`kb` is kb/load.py's KB; `locate` places findings in inputs that are not KB files (a draft read from
        standard input)."""
        self.kb = kb
        self.findings: list[Finding] = []
        self._locate = locate or {}
        self._locators: dict[str, Any] = {}
        self.code_start = code_start(kb) if kb.code.act in kb.acts else None

    def report(self, file_key: str, loc: tuple, message: str) -> None:
        if file_key not in self._locators:
            locate = self._locate.get(file_key)
            self._locators[file_key] = locate() if locate else self.kb.locator(file_key)
        self.findings.append(self._locators[file_key].finding(loc, message))

    def provenance(self, file_key: str, loc: tuple, node: Record) -> None:
        """Every graded fact under `node`: its sources exist, it rests on at least one, and its grade is not
        above the weakest source it rests on (a corroborating source never lowers it)."""
        registry = self.kb.sources.sources
        for obj, link in _walk(node, loc, (SourceRef, Graded)):
            if isinstance(obj, SourceRef) and obj.ref not in registry:
                self.report(file_key, (*_path(link), "ref"), f"unknown source {obj.ref!r} (not in statutes/sources.yaml)")
            if not isinstance(obj, Graded):
                continue
            rests = [s for s in obj.sources if s.role == "rests_on" and s.ref in registry]
            if not any(s.role == "rests_on" for s in obj.sources):
                self.report(file_key, (*_path(link), "sources"), "rests on no source: every citation only corroborates")
                continue
            if not rests:
                continue
            cap = weakest(*(registry[s.ref].grade for s in rests))
            if GRADE_RANK[obj.confidence] > GRADE_RANK[cap]:
                worst = next(s.ref for s in rests if registry[s.ref].grade == cap)
                self.report(file_key, (*_path(link), "confidence"),
                            f"graded {obj.confidence}, but it rests on {worst}, a {cap} source; a fact is never "
                            f"graded above the weakest source it rests on (cite a stronger source, mark {worst} "
                            f"`role: corroborates`, or lower the grade)")

    def vocab(self, file_key: str, loc: tuple, ids: Iterable[str]) -> None:
        for vid in ids:
            if vid not in self.kb.vocabulary.terms:
                self.report(file_key, loc, f"unknown vocabulary id {vid!r} (not in mappings/vocabulary.yaml)")

    def elements(self, file_key: str, loc: tuple, elements: Elements | str | None) -> None:
        if isinstance(elements, Elements):
            for slot in ("acts", "means", "purposes", "victim", "circumstances"):
                self.vocab(file_key, (*loc, "elements", slot), getattr(elements, slot))

    def penalty(self, file_key: str, loc: tuple, penalty: Penalty | str | None) -> None:
        if not isinstance(penalty, Penalty) or penalty.main == UNKNOWN:
            return
        for i, m in enumerate(penalty.main):
            if isinstance(m.min, int) and isinstance(m.max, int) and m.min > m.max:
                self.report(file_key, (*loc, "penalty", "main", i, "min"), f"min {m.min} months is above max {m.max} months")
            if m.kind == "life_imprisonment" and (m.min is not None or m.max is not None):
                self.report(file_key, (*loc, "penalty", "main", i), "life imprisonment takes no min or max")
        if penalty.additional != UNKNOWN:
            for i, a in enumerate(penalty.additional):
                if a.kind == "confiscation" and a.term is not None:
                    self.report(file_key, (*loc, "penalty", "additional", i, "term"), "confiscation takes no term")

    def versions(self, file_key: str, loc: tuple, versions: Sequence[Versioned]) -> list[When] | None:
        """Acts and sources resolve, starts increase without overlapping; returns the starts."""
        ok = True
        for i, v in enumerate(versions):
            if v.act not in self.kb.acts:
                self.report(file_key, (*loc, i, "act"), f"unknown amending act {v.act!r} (not in amendments.yaml)")
                ok = False
        if not ok:
            return None
        starts = [when(v, self.kb.acts) for v in versions]
        for i, v in enumerate(versions):
            signed = self.kb.acts[v.act].signed
            if v.from_ is not None and v.from_ < signed:
                self.report(file_key, (*loc, i, "from"), f"from {v.from_} is before its act {v.act} was signed "
                            f"({signed})")
        for i, s in enumerate(starts):
            if self.code_start and s.earliest < self.code_start:
                self.report(file_key, (*loc, i), f"starts {said(s)}, before the Code came into force ({self.code_start})")
            if i and not starts[i - 1].until < s.earliest:
                self.report(file_key, (*loc, i), f"overlaps the previous version: it starts {said(s)}, the previous "
                            f"one {said(starts[i - 1])}; versions must follow each other in time")
        return starts

    def article(self, art: Article) -> None:
        key = f"article:{art.article}"
        self.provenance(key, (), art)
        self.versions(key, ("titles",), art.titles)
        structure = self.versions(key, ("structure",), art.structure)
        for i, note in enumerate(art.code_notes):
            self.versions(key, ("code_notes", i, "versions"), note.versions)
        for i, r in enumerate(art.reported):
            for name in ("act", "until"):
                if getattr(r, name) is not None and getattr(r, name) not in self.kb.acts:
                    self.report(key, ("reported", i, name), f"unknown amending act {getattr(r, name)!r}")
            if isinstance(r.min, int) and isinstance(r.max, int) and r.min > r.max:
                self.report(key, ("reported", i, "min"), f"min {r.min} months is above max {r.max} months")
        part_ids = [p.id for p in art.parts]
        spans = {}  # part id -> when each version is certainly in force
        for pi, part in enumerate(art.parts):
            loc = ("parts", pi)
            if part_ids.count(part.id) > 1 and part_ids.index(part.id) != pi:
                self.report(key, (*loc, "id"), f"part {part.id} is defined twice")
            for b in part.builds_on:
                if b not in part_ids or b == part.id:
                    self.report(key, (*loc, "builds_on"), f"builds on part {b!r}, which this article does not have")
            starts = self.versions(key, (*loc, "versions"), part.versions)
            if starts:
                spans[part.id] = _certain(part.versions, starts)
            for vi, v in enumerate(part.versions):
                self.elements(key, (*loc, "versions", vi), v.elements)
                self.penalty(key, (*loc, "versions", vi), v.penalty)
                for ci, c in enumerate(v.conflicts):
                    self.penalty(key, (*loc, "versions", vi, "conflicts", ci), c.penalty)
            item_ids = [it.id for it in part.items]
            for ii, item in enumerate(part.items):
                iloc = (*loc, "items", ii)
                if item_ids.count(item.id) > 1 and item_ids.index(item.id) != ii:
                    self.report(key, (*iloc, "id"), f"item {item.id} is defined twice in part {part.id}")
                istarts = self.versions(key, (*iloc, "versions"), item.versions)
                for vi, v in enumerate(item.versions):
                    self.elements(key, (*iloc, "versions", vi), v.elements)
                if starts and istarts and istarts[0].earliest < starts[0].earliest:
                    self.report(key, (*iloc, "versions", 0), f"item {part.id}.{item.id} starts {said(istarts[0])}, "
                                f"before its part {part.id} exists ({said(starts[0])})")
                if starts and istarts and part.versions[-1].repealed and not item.versions[-1].repealed \
                        and istarts[-1].until < starts[-1].earliest:
                    self.report(key, (*iloc, "versions"), f"item {part.id}.{item.id} stays in force after its part "
                                f"{part.id} is repealed ({said(starts[-1])})")

        if structure:
            self.whole(key, _certain(art.structure, structure), spans)

    def whole(self, key: str, shown: list, spans: dict) -> None:
        """A structure version that shows the whole article lists every part in force while it is: one it omits
        would be read as absent, and its penalty as no part of the article."""
        for si, (s, s_from, s_to, _) in enumerate(shown):
            if s is None or not s.all:
                continue
            for pid, versions in spans.items():
                hit = next((w for v, f, t, w in versions if v is not None and f < (s_to or dt.date.max)
                            and s_from < (t or dt.date.max)), None)
                if pid not in s.parts and hit is not None:
                    self.report(key, ("structure", si, "parts"), f"shows the whole article without part {pid}, "
                                f"which is in force then (from {said(hit)})")

    def acts(self) -> None:
        for i, act in enumerate(self.kb.acts.values()):
            self.provenance("acts", ("acts", i), act)
            w = act.in_force
            first = w.earliest if isinstance(w, Window) else w.date if isinstance(w, Dated) else w
            if first < act.signed:
                self.report("acts", ("acts", i, "in_force"), f"comes into force {first} before it is signed ({act.signed})")
            if isinstance(w, Window) and w.latest != UNKNOWN and w.latest < w.earliest:
                self.report("acts", ("acts", i, "in_force", "latest"), "the window ends before it begins")

    def code(self) -> None:
        code = self.kb.code
        self.provenance("code", (), code)
        if code.act not in self.kb.acts:
            self.report("code", ("act",), f"unknown amending act {code.act!r}")
        for field in ("age_of_majority", "crime_categories", "exploitation"):
            self.versions("code", (field,), getattr(code, field))
        for name, versions in code.general_part.items():
            self.versions("code", ("general_part", name), versions)
        for i, v in enumerate(code.exploitation):
            if v.elements != UNKNOWN:
                self.vocab("code", ("exploitation", i, "elements"), v.elements)


    def instruments(self) -> None:
        for iid, ins in self.kb.instruments.items():
            key = f"instrument:{iid}"
            self.provenance(key, (), ins)
            for i, p in enumerate(ins.provisions):
                self.elements(key, ("provisions", i), p.elements)
                for a in p.applies_to:
                    if a not in self.kb.articles:
                        self.report(key, ("provisions", i, "applies_to"), f"unknown article {a!r}")

    def vocabulary(self) -> None:
        for vid, term in self.kb.vocabulary.terms.items():
            self.vocab("vocabulary", ("terms", vid, "narrower"), term.narrower)

    def mappings(self) -> None:
        kb = self.kb
        if kb.checklist is not None:
            ids = [r.id for r in kb.checklist.requirements]
            for i, r in enumerate(kb.checklist.requirements):
                loc = ("requirements", i)
                if ids.index(r.id) != i:
                    self.report("checklist", (*loc, "id"), f"requirement {r.id} is defined twice")
                self.vocab("checklist", (*loc, "elements"), r.elements)
                for j, ref in enumerate(r.proposed_by):
                    if ref.ref not in kb.sources.sources:
                        self.report("checklist", (*loc, "proposed_by", j, "ref"),
                                    f"unknown source {ref.ref!r} (not in statutes/sources.yaml)")
                for j, b in enumerate(r.basis):
                    ins = kb.instruments.get(b.instrument)
                    if ins is None or ins.provision(b.provision) is None:
                        self.report("checklist", (*loc, "basis", j),
                                    f"no provision {b.provision!r} in instrument {b.instrument!r}")
        if kb.mapping is not None:
            m = kb.mapping
            roles = m.roles
            for name in ("adult_offence", "child_offence"):
                if getattr(roles, name) not in kb.articles:
                    self.report("mapping", ("roles", name), f"unknown article {getattr(roles, name)!r}")
            for name in ("case_law", "framework_law"):
                value = getattr(roles, name)
                if value is not None and value not in kb.instruments:
                    self.report("mapping", ("roles", name), f"unknown instrument {value!r}")
            self.provenance("mapping", (), m)
            for i, e in enumerate(m.equivalents):
                self.vocab("mapping", ("equivalents", i), [e.national, e.protocol])
            known = {r.id for r in kb.checklist.requirements} if kb.checklist else set()
            for i, a in enumerate(m.annotations):
                if a.requirement not in known:
                    self.report("mapping", ("annotations", i, "requirement"), f"unknown requirement {a.requirement!r}")
            for i, text in enumerate(roles.related):
                self.citation("mapping", ("roles", "related", i), text)
            for i, comp in enumerate(m.consistency):
                for j, text in enumerate(comp.provisions):
                    self.citation("mapping", ("consistency", i, "provisions", j), text)

    def citation(self, file_key: str, loc: tuple, text: str) -> None:
        """A citation the mapping relies on names an article, part and item the KB encodes."""
        try:
            c = parse_citation(text)
        except BadInput as e:
            self.report(file_key, loc, str(e))
            return
        art = self.kb.articles.get(c.article)
        part = art.part(c.part) if art and c.part else None
        if art is None or (c.part and part is None) or (c.item and not any(i.id == c.item for i in part.items)):
            self.report(file_key, loc, f"{text!r} is not encoded in the knowledge base")


def _certain(versions: Sequence[Versioned], starts: list[When]) -> list[tuple]:
    """Per version: the version (None when it repeals), the first day every reading has it in force, the first day
    a reading may have the next one instead (None: no next), and when it starts."""
    return [(None if v.repealed else v, w.until, starts[i + 1].earliest if i + 1 < len(starts) else None, w)
            for i, (v, w) in enumerate(zip(versions, starts))]


def said(w: When) -> str:
    if w.exact:
        return w.earliest.isoformat()
    return f"between {w.earliest.isoformat()} and {w.latest.isoformat() if w.latest else 'an unknown date'}"


@cache
def _fields_to(cls: type[Record], kinds: tuple[type[Record], ...]) -> tuple[tuple[str, str], ...]:
    """The fields of a model class that can hold a model of `kinds` at any depth, with the key the file writes
    for each (a whole-Code KB has millions of values, most of them in penalties and elements)."""
    hints = get_type_hints(cls)
    return tuple((name, key) for name, key in fields(cls)
                 if any(issubclass(c, kinds) for c in records_in(hints[name])))


def _walk(node: Any, loc: tuple, kinds: tuple[type[Record], ...]) -> Iterator[tuple[Record, tuple]]:
    """Every model of `kinds` under `node` with where it sits, in document order. Where a model sits is a link
    (parent link, key), made a path of YAML keys (aliases, as the file writes them) and indexes by `_path` only
    when a finding needs it."""
    stack: list[tuple[Any, tuple]] = [(node, (None, loc))]
    while stack:
        node, link = stack.pop()
        if isinstance(node, Record):
            if isinstance(node, kinds):
                yield node, link
            stack.extend((getattr(node, name), (link, key)) for name, key in reversed(_fields_to(type(node), kinds)))
        elif isinstance(node, (list, tuple)):
            stack.extend((node[i], (link, i)) for i in range(len(node) - 1, -1, -1))
        elif isinstance(node, dict):
            stack.extend((x, (link, k)) for k, x in reversed(node.items()))


def _path(link: tuple) -> tuple:
    keys = []
    while link[0] is not None:
        link, key = link
        keys.append(key)
    return (*link[1], *reversed(keys))


def check(kb: Any, locate: dict[str, Callable[[], Any]] | None = None) -> list[Finding]:
    c = Checker(kb, locate)
    c.acts()
    c.code()
    for art in kb.articles.values():
        c.article(art)
    c.instruments()
    c.vocabulary()
    c.mappings()
    return c.findings
