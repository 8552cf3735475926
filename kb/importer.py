"""`tipkb import`: a text of the Code (kb/statute_text) compared, fact by fact, with the KB's snapshot at the text's
edition date.

Every fact of every article in the text — its title, which parts it has, each part's penalty, items, repealed
parts and items, the Code's notes to it, the official wording, and the elements its wording maps to — is
confirmed, contradicted (the KB says one thing, the text another: both are kept, worst first), new (the KB has it
unknown or does not encode it) or absent (the KB has it, the text does not). A date inside an act's in-force
window is read every way and a fact that holds only in some readings says which. Elements and the parts a part
builds on come from mapping the wording to the vocabulary (kb/wording.py): an interpretation, graded `inferred`.
Which act made a difference comes from the amendment notes (kb/attribution.py). Writing is kb/importwrite.py's.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import re
from typing import Any, Literal

from . import attribution as attr
from .diff import GROUPS, penalty_slots
from .errors import BadInput, InvalidKB
from .model import SLOTS, UNKNOWN, Dated, Elements, Penalty, Text
from .record import Data, Record
from .results import ActName, act_names, labels
from .snapshot import ArticleAt, Assumption, Point, Snapshot, points
from .statute_text import ParsedArticle, ParsedPart, ParsedText, parse, read
from .statute_text.notes import Commencement
from .statute_text.numbers import fold
from .timeline import When, act_when, check_point
from .wording import Wording, read_wording

Status = Literal["confirmed", "contradicted", "new", "absent"]
Kind = Literal["article", "title", "structure", "part", "repealed", "penalty", "item", "builds_on", "elements",
               "text", "code_note", "amended_by"]
STATUS_ORDER = ("contradicted", "absent", "new", "confirmed")
KIND_ORDER = ("penalty", "repealed", "part", "article", "item", "structure", "title", "code_note", "amended_by", "text",
              "builds_on", "elements")


class Fact(Data):
    """One fact of the text against the KB. `kb` and `text` are the two values (JSON); None: that side does not
    have it; "unknown": the KB has it as unknown."""

    article: str
    part: str | None = None
    item: str | None = None
    note: str | None = None  # a note of the Code: its number in the text, or the KB's id
    kind: Kind
    slot: str | None = None  # title, text: the language; elements: acts, means ...; article: "repealed"
    status: Status
    kb: Any = None
    text: Any = None
    differs: list[str] = []  # for a penalty: the slots that differ ("penalty.main.imprisonment")
    phrase: str | None = None  # for a mapped element: the words of the text it was read from
    grade: str  # what the text's side is worth: the import's grade; `inferred` for what a mapping reads
    kb_grade: str | None = None
    act: str | None = None  # the KB's version in force: the act that made it ... (amended_by: the act named)
    kb_version: int | None = None  # ... and its index in the list of versions
    kb_sources: list[str] = []
    line: int | None = None
    changed_by: list[str] | None = None  # contradicted or new: the acts (numbers) that may have made the difference,
    since: dt.date | None = None  # ... coming into force after this date (when the KB's value is known from)
    readings: list[list[Assumption]] = []  # the readings of the edition date it holds in; empty: in all


class Outside(Data):
    number: str
    title: str
    line: int
    repealed: bool = False


class Unmapped(Data):
    article: str
    part: str | None
    item: str | None = None
    line: int
    phrase: str


class ActDate(Data):
    """An in-force date the text gives an act: stated by a note, or from its commencement rule and the
    publication date given with --published."""

    act: str
    number: str
    kb: When
    date: dt.date
    how: Literal["stated", "published"]
    rule: Commencement
    rule_text: str | None = None
    published: dt.date | None = None
    status: Status
    line: int


class Skipped(Data):
    """A fact --write did not write, and why."""

    article: str
    part: str | None = None
    item: str | None = None
    kind: str
    reason: Literal["changed_by_one_of", "act_not_in_kb", "in_window", "for_a_person", "not_attributable",
                    "unnumbered_twin"]
    acts: list[str] = []
    twin: str | None = None  # unnumbered_twin: the KB's part whose number is unknown that may be this one


class ImportResult(Data):
    file: str
    sha256: str
    format: str
    lang: Literal["ru", "kk"]
    grade: Literal["official", "secondary"]
    edition: dt.date
    text_edition: dt.date | None  # what the text itself says it is as of
    articles: list[str]  # in the text and in the KB: compared
    outside: list[Outside]  # in the text, not in the KB
    added: list[str] = []  # imported with --add
    counts: dict[str, int]  # facts by status
    facts: list[Fact]  # worst first
    unmapped: list[Unmapped]  # clauses whose words map to no vocabulary term
    changed_by: list[attr.Covered]  # per part: the acts that may have changed it
    named_acts: list[attr.NamedAct]  # every act the notes name (act None: the KB lacks it)
    act_dates: list[ActDate]
    warnings: list[str]  # FILE:LINE: key: message
    written: list[str] | None = None  # --write: the files replaced (none when nothing changed); None without it
    skipped: list[Skipped] = []  # --write: what it left for a person, and why
    acts: dict[str, ActName] = {}
    labels: dict[str, Text] = {}


# -- comparing values ----------------------------------------------------------------------------------------------


def same_words(a: str | None, b: str | None) -> bool:
    """Two wordings alike but for case, ё, spacing and the closing full stop."""
    def norm(s: str) -> str:
        return re.sub(r"\s+", " ", fold(s)).strip().rstrip(".;").replace(" –", " -").replace(" —", " -")
    return a is not None and b is not None and norm(a) == norm(b)


def compare_penalties(kb_value: Penalty | str | None, text: Penalty) -> tuple[Status, list[str]]:
    """confirmed, contradicted (with the slots that differ) or new (the KB has it, or part of it, unknown)."""
    if kb_value is None or kb_value == UNKNOWN:
        return "new", []
    mine, theirs = penalty_slots(kb_value), penalty_slots(text)
    unknown = [g for g in ("penalty.main", "penalty.additional") if mine[g] == UNKNOWN]
    differs = sorted(s for s in mine.keys() | theirs.keys() if s not in GROUPS
                     and not any(s.startswith(g) for g in unknown) and mine.get(s) != theirs.get(s))
    if differs:
        return "contradicted", differs
    return ("new" if unknown else "confirmed"), []


def item_text(i) -> str:
    """An item's own words, without the semicolon that ends it in the list."""
    return i.text.rstrip().removesuffix(";").rstrip()


def part_text(p: ParsedPart, sanction: bool = True) -> str:
    """A part's wording as the Code has it: the disposition, its items, the sanction."""
    body = " ".join([p.disposition, *(f"{i.id}) {item_text(i)}" + (";" if n < len(p.items) - 1 else "")
                                      for n, i in enumerate(p.items))]).strip()
    return f"{body} – {p.sanction.text}" if p.sanction and sanction else body


# -- one article at one reading ----------------------------------------------------------------------------------


@dataclasses.dataclass
class _Context:
    kb: Any
    text: ParsedText
    grade: str
    edition: dt.date
    wordings: dict[str, Wording] = dataclasses.field(default_factory=dict)

    def wording(self, words: str) -> Wording:
        if words not in self.wordings:
            self.wordings[words] = read_wording(self.kb, words, self.text.lang)
        return self.wordings[words]


def _rests(g) -> list[str]:
    return [s.ref for s in g.sources if s.role == "rests_on"]


def known_since(kb, at_when: When, refs: list[str], edition: dt.date) -> dt.date:
    """When the KB's value is known from: its version's start, or a later edition of the Code it was imported from."""
    registry = kb.sources.sources
    dates = [registry[r].date for r in refs if r in registry and registry[r].sha256 and registry[r].date
             and registry[r].date <= edition]
    return max([at_when.earliest, *dates])


class _Article:
    """The facts of one article of the text against one reading of the KB."""

    def __init__(self, ctx: _Context, a: ParsedArticle, art: ArticleAt):
        self.ctx, self.a, self.art = ctx, a, art
        self.facts: list[Fact] = []

    def add(self, kind: Kind, status: Status, **kw: Any) -> Fact:
        kw.setdefault("grade", self.ctx.grade)
        f = Fact(article=self.a.number, kind=kind, status=status, **kw)
        self.facts.append(f)
        return f

    def attribute(self, f: Fact, element: attr.Element, since: dt.date) -> None:
        """For a fact the KB does not have as the text has it: the acts that may have made the difference."""
        if f.status not in ("contradicted", "new"):
            return
        refs, _ = attr.acts_for(self.a, element, f.part, f.item)
        # not the act the KB's value is from: what the text shows of it says the KB recorded that act wrongly
        f.changed_by = [r.number for r in attr.candidates(self.ctx.kb, refs, since, self.ctx.edition)
                        if f.act is None or getattr(attr.kb_act(self.ctx.kb, r), "id", None) != f.act]
        f.since = since

    def run(self) -> list[Fact]:
        a, art = self.a, self.art
        if a.repealed:
            alive = [p.part.id for p in art.in_force()]
            self.add("article", "contradicted" if alive else "confirmed", slot="repealed", kb=not alive, text=True,
                     line=a.line)
            return self.facts
        self.title()
        self.structure()
        for p in a.parts:
            self.part(p)
        numbered = {p.id for p in a.parts}
        for pa in art.in_force():
            if pa.part.id not in numbered and pa.part.id[0].isdigit():
                self.add("part", "absent", part=pa.part.id, kb=True, **self.kb_side(pa.at))
        self.code_notes()
        self.amended_by()
        return self.facts

    def amended_by(self) -> None:
        """The acts the article's notes name against the acts the KB's versions of it come from: an act the notes
        name that made no version the KB has is new; an act the KB credits that a footnote of the text (which
        lists every act that amended the article) does not name is absent."""
        kb, art = self.ctx.kb, self.art.art
        credited = {v.act for versions in art.version_lists() for v in versions} - {kb.code.act}
        credited = {a for a in credited if act_when(kb.acts[a]).earliest <= self.ctx.edition and not kb.acts[a].draft}
        named = attr.all_acts(self.a)
        for ref in named:
            act = attr.kb_act(kb, ref)
            status: Status = "confirmed" if act is not None and act.id in credited else "new"
            self.add("amended_by", status, kb=act.id if act is not None and act.id in credited else None,
                     text=ref.number, act=act.id if act is not None else None,
                     line=next(n.line for n in self.a.amendments if ref in n.acts))
        if any(n.style == "footnote" for n in self.a.amendments):
            found = {a.id for r in named if (a := attr.kb_act(kb, r)) is not None}
            for act_id in sorted(credited - found):
                self.add("amended_by", "absent", kb=act_id, text=None, act=act_id)

    def kb_side(self, at, refs: list[str] | None = None, grade: str | None = None) -> dict:
        v = at.version
        if v is None:
            return {}
        return {"kb_grade": grade or v.confidence, "act": v.act, "kb_version": at.index,
                "kb_sources": refs if refs is not None else _rests(v)}

    def title(self) -> None:
        at = self.art.title
        lang = self.ctx.text.lang
        mine = at.version.title.get(lang) if at.version else None
        if mine in (None, UNKNOWN):
            status: Status = "new"
        else:
            status = "confirmed" if same_words(mine, self.a.title) else "contradicted"
        f = self.add("title", status, slot=lang, kb=mine, text=self.a.title, line=self.a.line, **self.kb_side(at))
        if at.version is not None:
            self.attribute(f, "title", known_since(self.ctx.kb, at.when, f.kb_sources, self.ctx.edition))

    def structure(self) -> None:
        shown = [p.id for p in self.a.parts if not p.repealed]
        at = self.art.structure
        sv = at.version if at else None
        if sv is None:
            self.add("structure", "new", kb=None, text={"parts": shown, "all": True}, line=self.a.line)
            return
        listed = [p for p in sv.parts if p[0].isdigit()]
        if set(listed) == set(shown):
            status: Status = "confirmed" if sv.all else "new"
        elif set(listed) < set(shown) and not sv.all and len(listed) == len(sv.parts):
            status = "new"
        else:
            status = "contradicted"
        self.add("structure", status, kb={"parts": sv.parts, "all": sv.all}, text={"parts": shown, "all": True},
                 line=self.a.line, **self.kb_side(at))

    def part(self, p: ParsedPart) -> None:
        art, pid = self.art, p.id
        state = art.status(pid)
        pa = art.parts.get(pid)
        if p.repealed:
            if state == "in_force":
                f = self.add("repealed", "contradicted", part=pid, kb=False, text=True, line=p.line,
                             **self.kb_side(pa.at))
                self.attribute(f, "part", pa.at.when.earliest)
            elif state == "not_in_force" and self.last_begun(pa.part.versions) is not None:
                self.add("repealed", "confirmed" if self.last_begun(pa.part.versions).repealed else "contradicted",
                         part=pid, kb=self.last_begun(pa.part.versions).repealed, text=True, line=p.line)
            else:
                self.add("repealed", "new", part=pid, kb=None, text=True, line=p.line)
            return
        if state != "in_force":
            status: Status = "new" if state in ("not_encoded", "unknown_if_exists") else "contradicted"
            self.add("part", status, part=pid, kb=None if status == "new" else False, text=True, line=p.line)
            return
        self.add("part", "confirmed", part=pid, kb=True, text=True, line=p.line, **self.kb_side(pa.at))
        v = pa.version
        if p.sanction is not None and p.sanction.penalty is not None:
            penalty, grade, refs, _ = pa.penalty
            status, differs = compare_penalties(penalty, p.sanction.penalty)
            f = self.add("penalty", status, part=pid, kb=_json(penalty), text=_json(p.sanction.penalty),
                         differs=differs, line=p.sanction_line, **self.kb_side(pa.at, refs, grade))
            self.attribute(f, "part", known_since(self.ctx.kb, pa.at.when, refs, self.ctx.edition))
        self.wording(pid, None, p.disposition, p.line, v.elements, pa, whole=part_text(p, sanction=False))
        self.official_text(pid, None, part_text(p), p.line, v, pa.at)
        for i in p.items:
            self.item(pa, p, i)
        shown = {i.id for i in p.items}
        for iid, at in pa.items.items():
            if at.version is not None and iid not in shown:
                self.add("item", "absent", part=pid, item=iid, kb=True, **self.kb_side(at))

    def last_begun(self, versions):
        """The last version that has begun at the point (in force, or a repeal)."""
        begun = [v for v in versions if self.art.snap.point.holds(v)]
        return begun[-1] if begun else None

    def item(self, pa, p: ParsedPart, i) -> None:
        at = pa.items.get(i.id)
        pid = p.id
        if at is None:
            if i.repealed:
                self.add("repealed", "new", part=pid, item=i.id, kb=None, text=True, line=i.line)
                return
            complete = pa.version.items_complete and bool(pa.part.items)
            f = self.add("item", "contradicted" if complete else "new", part=pid, item=i.id, kb=None, text=True,
                         line=i.line)
            self.attribute(f, "item", pa.at.when.earliest)
            return
        if at.version is None:
            last = self.last_begun(at.versions)
            repealed_in_kb = bool(last and last.repealed)
            if i.repealed:
                self.add("repealed", "confirmed" if repealed_in_kb else "new", part=pid, item=i.id,
                         kb=repealed_in_kb or None, text=True, line=i.line)
            else:
                self.add("item", "contradicted", part=pid, item=i.id, kb=False, text=True, line=i.line)
            return
        if i.repealed:
            f = self.add("repealed", "contradicted", part=pid, item=i.id, kb=False, text=True, line=i.line,
                         **self.kb_side(at))
            self.attribute(f, "item", at.when.earliest)
            return
        self.add("item", "confirmed", part=pid, item=i.id, kb=True, text=True, line=i.line, **self.kb_side(at))
        self.wording(pid, i.id, i.text, i.line, at.version.elements, pa, item_at=at)
        self.official_text(pid, i.id, item_text(i), i.line, at.version, at)

    def wording(self, pid: str, iid: str | None, words: str, line: int, elements, pa, item_at=None,
                whole: str | None = None) -> None:
        """The elements a part's or item's own words map to; for a part, also the parts its whole wording (a
        Kazakh part says "дәл сол іс-әрекет" after its items) refers to."""
        w = self.ctx.wording(words)
        at = item_at or pa.at
        side = self.kb_side(at)
        found = {vid: slot for slot, ids in w.elements(bool(iid or pa.part.builds_on)).items() for vid in ids}
        known = isinstance(elements, Elements)
        mine = {vid: slot for slot in SLOTS for vid in getattr(elements, slot)} if known else {}
        phrases = {m.id: m.phrase for m in w.mapped}
        for vid, slot in found.items():  # compared as ids: a victim condition may be written in either slot
            self.add("elements", "confirmed" if vid in mine else "new", part=pid, item=iid, slot=mine.get(vid, slot),
                     kb=vid if vid in mine else elements if elements == UNKNOWN else None, text=vid,
                     phrase=phrases[vid], grade="inferred", line=line, **side)
        if not w.unmapped:  # (an unmapped clause may say in other words what the KB has)
            for vid, slot in mine.items():
                if vid not in found:
                    self.add("elements", "absent", part=pid, item=iid, slot=slot, kb=vid, text=None,
                             grade="inferred", line=line, **side)
        on = self.ctx.wording(whole).builds_on if whole is not None else None
        if on is not None:
            mine_on = pa.part.builds_on
            status = "confirmed" if set(mine_on) == set(on) else "contradicted"
            self.add("builds_on", status, part=pid, kb=mine_on, text=on, grade="inferred", line=line)

    def official_text(self, pid: str, iid: str | None, words: str, line: int, v, at) -> None:
        """The KB's stored official wording in the text's language, where it has one."""
        mine = v.text_ru if self.ctx.text.lang == "ru" else v.text_kk
        if mine is None:
            return
        f = self.add("text", "confirmed" if same_words(mine, words) else "contradicted", part=pid, item=iid,
                     slot=self.ctx.text.lang, kb=mine, text=words, line=line, **self.kb_side(at))
        self.attribute(f, "item" if iid else "part", known_since(self.ctx.kb, at.when, f.kb_sources, self.ctx.edition))

    def code_notes(self) -> None:
        """The Code's notes to the article, matched by number, else in order when as many are left on both sides."""
        lang = self.ctx.text.lang
        mine = {n.id: at for n in self.art.art.code_notes if (at := self.art.snap.at(n.versions)).version is not None}
        texts = self.a.notes
        numbers = [n.number or str(i + 1) for i, n in enumerate(texts)]
        match = {i: number if number in mine else None for i, number in enumerate(numbers)}
        free = [i for i, k in match.items() if k is None]
        left = [k for k in mine if k not in match.values()]
        if len(free) == len(left):
            match.update(zip(free, left))
            left = []
        for i, n in enumerate(texts):
            kb_id = match[i]
            if kb_id is None:
                self.add("code_note", "new", note=numbers[i], kb=None, text=n.text, line=n.line)
                continue
            at = mine[kb_id]
            stored = at.version.text_ru if lang == "ru" else at.version.text_kk
            status: Status = "confirmed" if stored is None or same_words(stored, n.text) else "contradicted"
            self.add("code_note", status, note=kb_id, kb=True if stored is None else stored, text=n.text, line=n.line,
                     **self.kb_side(at))
        for kb_id in left:
            self.add("code_note", "absent", note=kb_id, kb=True, **self.kb_side(mine[kb_id]))


def _json(value: Any) -> Any:
    return value.model_dump(mode="json") if isinstance(value, Record) else value


def _merge(per_reading: list[tuple[Point, list[Fact]]]) -> list[Fact]:
    """One fact per distinct fact, with the readings it holds in (none listed: it holds in all)."""
    seen: dict[str, tuple[Fact, list[Point]]] = {}
    for point, facts in per_reading:
        for f in facts:
            k = json.dumps(f.model_dump(mode="json", exclude={"readings"}), sort_keys=True, ensure_ascii=False)
            seen.setdefault(k, (f, []))[1].append(point)
    n = len(per_reading)
    return [f if len(ps) == n else f.model_copy(update={"readings": [list(p.assumed) for p in ps]})
            for f, ps in seen.values()]


def number_key(number: str | None) -> tuple[int, ...]:
    """128 < 128-1 < 129; a part without a number last."""
    return tuple(int(x) for x in number.split("-")) if number and number[0].isdigit() else (10**9,)


def _order(f: Fact) -> tuple:
    return (STATUS_ORDER.index(f.status), KIND_ORDER.index(f.kind), number_key(f.article), number_key(f.part),
            number_key(f.item), f.slot or "")


# -- the import --------------------------------------------------------------------------------------------------


def read_text(data: bytes, name: str, lang: str | None) -> ParsedText:
    """The parsed text, or InvalidKB with every located problem (nothing can be compared from a text that does
    not parse)."""
    text = parse(read(data, name, lang=lang), name)
    if text.problems:
        raise InvalidKB(text.problems, what=f"the text {name}")
    return text


def _edition(text: ParsedText, given: dt.date | None, warnings: list[str]) -> dt.date:
    if given is None and text.edition is None:
        raise BadInput(f"{text.file}: the text does not say as of when it is (no 'по состоянию на'); give --edition")
    if given is not None and text.edition is not None and given != text.edition:
        warnings.append(f"{text.file}:{text.edition_line}: edition: the text says it is as of {text.edition}; "
                        f"read as of {given} (--edition)")
    return given or text.edition


def act_dates(kb, text: ParsedText, named_acts: list[attr.NamedAct], published: dict[str, dt.date]
              ) -> list[ActDate]:
    """The in-force dates the text (with --published) gives the KB's acts, against what the KB has."""
    from .acts import find_act

    wanted: dict[str, dt.date] = {}
    for name, day in published.items():
        match = [n for n in named_acts if attr._same_number(n.number, name)]
        act_id = match[0].act if match else find_act(kb, name).id
        if act_id is None:
            raise BadInput(f"--published {name}: the knowledge base has no act {name}; add it to amendments.yaml first")
        wanted[act_id] = day
    out = []
    for n in named_acts:
        if n.act is None or n.commencement is None:
            continue
        rule, day = n.commencement, wanted.pop(n.act, None)
        if rule.kind != "date" and day is None:
            continue
        date = attr.in_force_from(rule, day)
        if date is None:
            raise BadInput(f"--published {n.number}: the notes' commencement rule for it gives no date "
                           f"({n.commencement_text or rule.kind})")
        current = act_when(kb.acts[n.act])
        if current.exact:
            status: Status = "confirmed" if current.earliest == date else "contradicted"
        else:
            status = "new" if current.earliest <= date <= current.until else "contradicted"
        out.append(ActDate(act=n.act, number=n.number, kb=current, date=date, how="stated" if rule.kind == "date"
                           else "published", rule=rule, rule_text=n.commencement_text, published=day, status=status,
                           line=n.lines[0]))
    for act_id in wanted:
        raise BadInput(f"--published {kb.acts[act_id].number}: no note in {text.file} states when that act comes "
                       f"into force, so its publication date gives no date")
    return out


def with_dates(kb, dates: list[ActDate]):
    """The KB with the new in-force dates applied (in memory), so every date is read with them."""
    acts = dict(kb.acts)
    for d in dates:
        if d.status == "new":
            act = acts[d.act]
            acts[d.act] = act.model_copy(update={"in_force": Dated(date=d.date, sources=act.sources,
                                                                   confidence=act.confidence)})
    return dataclasses.replace(kb, acts=acts, key=None, cache=None)  # (its acts are not the files': nothing cached applies)


def compare(kb, data: bytes, name: str, *, edition: dt.date | None = None, grade: str = "official",
            lang: str | None = None, published: dict[str, dt.date] | None = None) -> tuple[ImportResult, ParsedText, Any]:
    """The report, the parsed text and the KB as the report reads it (with the in-force dates the text gives)."""
    text = read_text(data, name, lang)
    warnings = [str(w) for w in text.warnings]
    on = check_point(kb, _edition(text, edition, warnings))
    notes = [n for a in text.articles for n in a.amendments] + list(text.amendments)
    named_acts = attr.named_acts(kb, notes)
    for n in named_acts:
        near = [a for a in kb.acts.values() if a.number != UNKNOWN and attr._same_number(a.number, n.number)]
        if n.act is None and near:
            warnings.append(f"{name}:{n.lines[0]}: {n.number}: the notes date this act {n.signed}; the knowledge "
                            f"base's act {near[0].id} of that number was signed {near[0].signed}")
    dates = act_dates(kb, text, named_acts, published or {})
    kb = with_dates(kb, dates)
    ctx = _Context(kb, text, grade, on)
    inside = [a for a in text.articles if a.number in kb.articles]
    facts: list[Fact] = []
    for a in inside:
        readings = points(kb, on, [a.number])
        per_reading = [(point, _Article(ctx, a, Snapshot(kb, point).article(a.number)).run()) for point in readings]
        facts += per_reading[0][1] if len(readings) == 1 else _merge(per_reading)
    facts.sort(key=_order)
    counts = {s: sum(f.status == s for f in facts) for s in STATUS_ORDER}
    unmapped = []
    for a in text.articles:
        if a.repealed:
            continue
        for p in a.parts:
            if p.repealed:
                continue
            for phrase in ctx.wording(p.disposition).unmapped:
                unmapped.append(Unmapped(article=a.number, part=p.id, line=p.line, phrase=phrase))
            for i in p.items:
                if not i.repealed:
                    unmapped += [Unmapped(article=a.number, part=p.id, item=i.id, line=i.line, phrase=phrase)
                                 for phrase in ctx.wording(i.text).unmapped]
    result = ImportResult(
        file=name, sha256=hashlib.sha256(data).hexdigest(), format=text.format, lang=text.lang, grade=grade,
        edition=on, text_edition=text.edition, articles=[a.number for a in inside],
        outside=[Outside(number=a.number, title=a.title, line=a.line, repealed=a.repealed) for a in text.articles
                 if a.number not in kb.articles],
        counts=counts, facts=facts, unmapped=unmapped,
        changed_by=[c for a in text.articles for c in attr.covered(a)], named_acts=named_acts, act_dates=dates,
        warnings=warnings)
    ids = {f.act for f in facts if f.act} | {n.act for n in named_acts if n.act} | {d.act for d in dates}
    vocab = {v for f in facts if f.kind == "elements" for v in (f.kb, f.text) if v in kb.vocabulary.terms}
    return result.model_copy(update={"acts": act_names(kb, ids), "labels": labels(kb, vocab)}), text, kb
