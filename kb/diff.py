"""What changed between two points of legal time: dates, amending acts, or a draft overlay.

Every versioned fact the engines read is compared — the articles' titles, parts, items and notes, and the
general part (Art. 3 item 1, the age of majority, Art. 11, the milder-law and reconciliation rules) — slot by
slot. A change is reported only between two known values, and credited to the act that made the later
value (so a draft is not credited with what an earlier law changed). A slot that is unknown on either side
is listed apart, with its last known value: "not known to have changed" never looks like a change.
"""

from __future__ import annotations

import difflib
from typing import Any, Literal, Sequence

from . import category
from .cache import remembered
from .model import (
    SLOTS,
    UNKNOWN,
    CategoryRulesVersion,
    DefinitionVersion,
    Elements,
    FactVersion,
    ItemVersion,
    NoteVersion,
    PartVersion,
    Penalty,
    RuleVersion,
    Text,
    TitleVersion,
    Versioned,
)
from .record import Data, encode
from .results import ActName, named
from .snapshot import At, LastKnown, Point, Snapshot, resolve
from .timeline import When, when


class Where(Data):
    """Which provision: a general-part fact, or an article's title, part, item or note."""

    kind: Literal["fact", "title", "part", "item", "note"]
    article: str | None = None
    part: str | None = None
    item: str | None = None
    name: str | None = None  # the fact's name, or the note's id


class Side(Data):
    value: Any  # the slot's value (json): a string, ids, a punishment, a number; "unknown"; None when absent
    act: str | None = None
    when: When | None = None
    grade: str | None = None
    sources: list[str] = []


class Change(Data):
    where: Where
    slot: str  # "title.ru", "elements.means", "penalty.main.imprisonment", "text.ru", "includes.purpose.begging" ...
    kind: Literal["changed", "added", "removed", "renumbered", "entered_into_force", "repealed"]
    before: Side | None = None
    after: Side | None = None
    credited: str | None = None  # the act that made the later value
    added: list[str] = []  # for a set of ids: what the later value adds ...
    removed: list[str] = []  # ... and drops
    words: list[tuple[Literal["equal", "delete", "insert"], str]] = []  # for an official text: the word diff


class Unknown(Data):
    """A slot the KB does not know on one side: not a change."""

    where: Where
    slot: str
    before: Side
    after: Side
    last_known: LastKnown | None = None  # of the unknown side, when a value was known earlier


class ArticleDiff(Data):
    article: str
    title: Text | None
    changes: list[Change]
    unknowns: list[Unknown]
    not_encoded: list[str]  # parts the article is known to have and the KB lacks


class Reading(Data):
    before: Point
    after: Point
    general: ArticleDiff  # the general part, as a pseudo-article ""
    articles: list[ArticleDiff]


class DiffReport(Data):
    from_point: str  # as given; a reading's `before.kind` "before" says it is the Code just before that act
    to_point: str
    ambiguous: bool
    readings: list[Reading]
    acts: dict[str, ActName]
    labels: dict[str, Text]


# -- slots: what a version says, one comparable value per slot -------------------------------------------------


# Slots that stand for a group of finer ones: compared only when one side is unknown as a whole.
GROUPS = ("penalty", "penalty.main", "penalty.additional", "elements")


def penalty_slots(p: Penalty | str | None, rules: CategoryRulesVersion | None = None) -> dict[str, Any]:
    """A penalty as comparable slots: the whole, each group (main, additional), each punishment by kind with
    what it states, and the category under `rules` when it can be derived."""
    if p is None:
        return {}
    if p == UNKNOWN:
        return {"penalty": UNKNOWN}
    out: dict[str, Any] = {"penalty": p.model_dump(mode="json")}  # written once; the finer slots are its parts
    for group in ("main", "additional"):
        punishments = out["penalty"][group]
        out[f"penalty.{group}"] = punishments
        if punishments == UNKNOWN:
            continue
        for x in punishments:
            out[f"penalty.{group}.{x['kind']}"] = _stated({k: v for k, v in x.items() if k not in ("kind", "note")})
    cat = category.derive(rules, p)
    if cat.id != UNKNOWN:  # an unknown category says nothing the unknown penalty or thresholds do not
        out["penalty.category"] = cat.id
    return out


def _stated(d: dict) -> dict:
    """The mapping without its None values, at every depth (what a punishment states)."""
    return {k: _stated(v) if isinstance(v, dict) else v for k, v in d.items() if v is not None}


def slots(v: Versioned, rules=None, kb=None) -> dict[str, Any]:
    """The comparable content of a version. Our English summaries are not the law and are left out, but for a
    note of the Code whose text the KB lacks: there the summary is all it says of the note. With `kb`,
    a part's penalty is the one its sources give after weighing those that disagree (snapshot.resolve), as
    `penalty` and `show` give it."""
    out: dict[str, Any] = {}
    if isinstance(v, TitleVersion):
        out.update({f"title.{lang}": v.title.get(lang) for lang in ("ru", "kk", "en") if v.title.get(lang)})
    if isinstance(v, (PartVersion, ItemVersion)):
        if v.elements == UNKNOWN:
            out["elements"] = UNKNOWN
        elif isinstance(v.elements, Elements):
            out["elements"] = v.elements.model_dump(mode="json")
            out.update({f"elements.{s}": sorted(getattr(v.elements, s)) for s in SLOTS})
    if isinstance(v, (PartVersion, ItemVersion, NoteVersion)):
        out.update({f"text.{lang}": t for lang in ("ru", "kk") if (t := getattr(v, f"text_{lang}"))})
    if isinstance(v, NoteVersion) and not (v.text_ru or v.text_kk):
        out["summary"] = v.summary
    if isinstance(v, PartVersion):
        weighed = kb is not None and (v.conflicts or v.penalty_provenance)  # (else the version's own)
        out.update(penalty_slots(resolve(kb, v)[0] if weighed else v.penalty, rules))
    if isinstance(v, DefinitionVersion):  # per form: included, excluded, or (a partial list) unknown
        if v.elements == UNKNOWN:
            out["includes"] = UNKNOWN
        else:
            out["includes"] = {"elements": sorted(v.elements), "exhaustive": v.exhaustive}
            out.update({f"includes.{i}": True for i in v.elements})
            out.update({f"includes.{i}": False for i in v.excludes})
    if isinstance(v, FactVersion):
        out["value"] = v.value
    if isinstance(v, RuleVersion):
        out.update({"exists": v.exists, "article": v.article})
    if isinstance(v, CategoryRulesVersion):
        out["categories"] = v.categories if v.categories == UNKNOWN else [c.model_dump(mode="json") for c in v.categories]
    return out


def _get(slots_: dict[str, Any], slot: str) -> Any:
    """A slot's value; a form a definition does not list is excluded if the list is exhaustive, else unknown."""
    if slot in slots_ or not slot.startswith("includes.") or not isinstance(slots_.get("includes"), dict):
        return slots_.get(slot)
    return False if slots_["includes"]["exhaustive"] else UNKNOWN


def _prefixes(slot: str) -> list[str]:
    """'penalty.main.imprisonment' -> ['penalty', 'penalty.main', 'penalty.main.imprisonment']."""
    parts = slot.split(".")
    return [".".join(parts[:i]) for i in range(1, len(parts) + 1)]


def _unknown_parent(slots_: dict[str, Any], slot: str) -> bool:
    """A group the slot belongs to is unknown ('penalty.main' for 'penalty.main.fine')."""
    dot = slot.find(".")
    while dot != -1:
        if slots_.get(slot[:dot]) == UNKNOWN:
            return True
        dot = slot.find(".", dot + 1)
    return False


def words(old: str, new: str) -> list[tuple[str, str]]:
    a, b = old.split(), new.split()
    out = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(("equal", " ".join(a[i1:i2])))
            continue
        if i2 > i1:
            out.append(("delete", " ".join(a[i1:i2])))
        if j2 > j1:
            out.append(("insert", " ".join(b[j1:j2])))
    return out


def _same(x: Any, y: Any) -> bool:
    if isinstance(x, str) and isinstance(y, str):
        return " ".join(x.split()) == " ".join(y.split())  # whitespace is not a change
    return x == y


# -- comparing one provision ------------------------------------------------------------------------------------


class _Compare:
    def __init__(self, kb, where: Where, a: At, b: At, rules_a, rules_b):
        self.kb, self.where, self.a, self.b = kb, where, a, b
        self.rules_a, self.rules_b = rules_a, rules_b
        self.passed: dict[str, int] = {}  # slot -> a version between the sides that leaves it unknown
        self._slots: dict[tuple[int, int], dict[str, Any]] = {}

    def slots(self, v: Versioned, rules) -> dict[str, Any]:
        """slots(v), once per version: crediting a change reads the versions between the sides once per slot."""
        key = (id(v), id(rules))
        if key not in self._slots:
            self._slots[key] = slots(v, rules, self.kb)
        return self._slots[key]

    def side(self, v: Versioned | None, value: Any, slot: str = "") -> Side:
        """A side's value, with the act, grade and sources it rests on: a penalty's own (snapshot.resolve)."""
        if v is None:
            return Side(value=value)
        if slot.startswith("penalty") and isinstance(v, PartVersion) and (v.conflicts or v.penalty_provenance):
            _, grade, sources, _ = resolve(self.kb, v)
        else:
            grade, sources = v.confidence, [s.ref for s in v.sources if s.role == "rests_on"]
        return Side(value=value, act=v.act, when=when(v, self.kb.acts), grade=grade, sources=sources)

    def _start(self) -> int:
        """The index, in the `after` side's versions, of the `before` side's version (-1: none)."""
        return next((i for i, v in enumerate(self.b.versions) if v is self.a.version), -1)

    def credit(self, slot: str, final: Any, upto: int) -> str | None:
        """The act of the earliest version, after the `before` side's and up to `upto`, from which the slot has
        held its final value. A version that leaves the slot unknown is looked past: it is not known to have
        changed it, so the value the act before it made is not credited to a later act (a draft) restating it."""
        versions, start, k = self.b.versions, self._start(), upto
        for j in range(upto - 1, start, -1):
            sj = self.slots(versions[j], self.rules_b)
            value = _get(sj, slot)
            if value == UNKNOWN or _unknown_parent(sj, slot):
                root = next(p for p in _prefixes(slot) if _get(sj, p) == UNKNOWN)
                self.passed.setdefault(root, j)  # listed apart: unknown there, known on both sides
                continue
            if not _same(value, final):
                break
            k = j
        return versions[k].act

    def run(self) -> tuple[list[Change], list[Unknown]]:
        va, vb = self.a.version, self.b.version
        if va is vb:
            return [], []
        sa, sb = self.slots(va, self.rules_a) if va else {}, self.slots(vb, self.rules_b) if vb else {}
        changes: list[Change] = []
        unknowns: list[Unknown] = []
        for slot in dict.fromkeys([*sa, *sb]):
            x, y = _get(sa, slot), _get(sb, slot)
            group = slot in GROUPS or slot == "includes"
            if _same(x, y) or _unknown_parent(sa, slot) or _unknown_parent(sb, slot) or \
                    (group and UNKNOWN not in (x, y)) or (slot.startswith(("text.", "summary")) and None in (x, y)):
                continue  # (an official wording the KB does not store is not a wording removed or added; nor is
                # a note's summary, which stands for it only where the KB has no text of the note)
            if UNKNOWN in (x, y):
                lk = (self.b if y == UNKNOWN else self.a).last_known(slot)
                unknowns.append(Unknown(where=self.where, slot=slot, before=self.side(va, x, slot),
                                        after=self.side(vb, y, slot), last_known=lk))
                if y == UNKNOWN and x not in (None, UNKNOWN):
                    changes += self._up_to_last_known(slot, sa, va)
                continue
            changes.append(self.change(slot, x, y, va, vb, self.credit(slot, y, self.b.index)))
        for root, j in self.passed.items():
            if not any(u.slot == root for u in unknowns):
                between = self.b.versions[j]
                unknowns.append(Unknown(where=self.where, slot=root, before=self.side(between, UNKNOWN, root),
                                        after=self.side(vb, _get(sb, root), root),
                                        last_known=At(self.b.versions, j, self.kb.acts).last_known(root)))
        return changes, unknowns

    def _up_to_last_known(self, slot: str, sa: dict, va) -> list[Change]:
        """When the later value is unknown: the changes from the earlier value to the last known one, if that
        came after the earlier version (a change between two known values all the same)."""
        versions, start = self.b.versions, self._start()
        k = next((j for j in range(self.b.index - 1, start, -1)
                  if _get(self.slots(versions[j], self.rules_b), slot) not in (None, UNKNOWN)), None)
        if k is None:
            return []
        sk = self.slots(versions[k], self.rules_b)
        out = []
        for sub in dict.fromkeys([*sa, *sk]):
            if sub != slot and not sub.startswith(slot + "."):
                continue
            x, y = _get(sa, sub), _get(sk, sub)
            if sub in GROUPS or _same(x, y) or UNKNOWN in (x, y):
                continue
            out.append(self.change(sub, x, y, va, versions[k], self.credit(sub, y, k)))
        return out

    def change(self, slot: str, x: Any, y: Any, va, vb, credited: str | None) -> Change:
        kind = "added" if x is None else "removed" if y is None else "changed"
        c = Change(where=self.where, slot=slot, kind=kind, before=self.side(va, x, slot) if x is not None else None,
                   after=self.side(vb, y, slot) if y is not None else Side(value=y, act=credited), credited=credited)
        if isinstance(x, list) and isinstance(y, list) and all(isinstance(i, str) for i in x + y):
            c.added, c.removed = sorted(set(y) - set(x)), sorted(set(x) - set(y))
        if slot.startswith("text.") and isinstance(x, str) and isinstance(y, str):
            c.words = words(x, y)
        return c


def _article(kb, number: str, sa: Snapshot, sb: Snapshot) -> ArticleDiff:
    a, b = sa.article(number), sb.article(number)
    ra, rb = sa.fact("crime_categories").version, sb.fact("crime_categories").version
    changes, unknowns = [], []

    def compare(where: Where, x: At, y: At) -> None:
        c, u = _Compare(kb, where, x, y, ra, rb).run()
        changes.extend(c)
        unknowns.extend(u)

    compare(Where(kind="title", article=number), a.title, b.title)
    for pid, pb in b.parts.items():
        pa = a.parts.get(pid)
        where = Where(kind="part", article=number, part=pid)
        va, vb = pa.version if pa else None, pb.version
        if va is None and vb is None:
            continue
        if va is None or vb is None:
            v = vb or va
            changes.append(Change(where=where, slot="in_force", kind="entered_into_force" if vb else "repealed",
                                  before=None if vb else _Compare(kb, where, pa.at, pb.at, ra, rb).side(va, "in force"),
                                  after=_Compare(kb, where, pa.at if pa else pb.at, pb.at, ra, rb).side(vb, "in force")
                                  if vb else None, credited=v.act if vb else pb.at.versions[-1].act))
            continue
        compare(where, pa.at, pb.at)
        _items(kb, number, pid, pa, pb, ra, rb, changes, unknowns)
    for note in b.art.code_notes:
        x, y = sa.at(note.versions), sb.at(note.versions)
        compare(Where(kind="note", article=number, name=note.id), x, y)
    not_encoded = [p for p in b.known_parts if p not in b.parts]
    title = b.title.version.title if b.title.version else None
    return ArticleDiff(article=number, title=title, changes=changes, unknowns=unknowns, not_encoded=not_encoded)


def _items(kb, number, pid, pa, pb, ra, rb, changes, unknowns) -> None:
    ia = {i: at for i, at in pa.items.items() if at.version is not None}
    ib = {i: at for i, at in pb.items.items() if at.version is not None}
    gone = {i: at for i, at in ia.items() if i not in ib}
    new = {i: at for i, at in ib.items() if i not in ia}
    for old_id, at in list(gone.items()):  # the same content under another number is a renumbering
        match = next((n for n, nat in new.items() if slots(nat.version, rb, kb) == slots(at.version, ra, kb)), None)
        if match is not None:
            changes.append(Change(where=Where(kind="item", article=number, part=pid, item=match), slot="number",
                                  kind="renumbered", before=Side(value=old_id), after=Side(value=match),
                                  credited=new[match].version.act))
            del gone[old_id], new[match]
    for iid, at in gone.items():
        where = Where(kind="item", article=number, part=pid, item=iid)
        side = _Compare(kb, where, at, at, ra, rb).side(at.version, "in force")
        # of a list the sources show only some of, an item not listed is not known to be repealed (unless the KB
        # records the repeal), nor one listed to have come into force
        repealed = iid in pb.items and any(v.repealed for v in pb.items[iid].versions)
        if not pb.version.items_complete and not repealed:
            unknowns.append(Unknown(where=where, slot="in_force", before=side,
                                    after=_Compare(kb, where, pb.at, pb.at, ra, rb).side(pb.version, UNKNOWN)))
            continue
        gone_by = pb.items[iid].versions[-1].act if iid in pb.items else None
        changes.append(Change(where=where, slot="in_force", kind="repealed", credited=gone_by, before=side))
    for iid, at in new.items():
        where = Where(kind="item", article=number, part=pid, item=iid)
        side = _Compare(kb, where, at, at, ra, rb).side(at.version, "in force")
        if not pa.version.items_complete:
            unknowns.append(Unknown(where=where, slot="in_force", after=side,
                                    before=_Compare(kb, where, pa.at, pa.at, ra, rb).side(pa.version, UNKNOWN)))
            continue
        changes.append(Change(where=where, slot="in_force", kind="entered_into_force", credited=at.version.act,
                              after=side))
    for iid in ia.keys() & ib.keys():
        c, u = _Compare(kb, Where(kind="item", article=number, part=pid, item=iid), ia[iid], ib[iid], ra, rb).run()
        changes.extend(c)
        unknowns.extend(u)


def _general(kb, sa: Snapshot, sb: Snapshot) -> ArticleDiff:
    ra, rb = sa.fact("crime_categories").version, sb.fact("crime_categories").version
    changes, unknowns = [], []
    for name in kb.code.facts():
        c, u = _Compare(kb, Where(kind="fact", name=name), sa.fact(name), sb.fact(name), ra, rb).run()
        changes += c
        unknowns += u
    return ArticleDiff(article="", title=None, changes=changes, unknowns=unknowns, not_encoded=[])


def pairs(froms: Sequence[Point], tos: Sequence[Point]) -> list[tuple[Point, Point]]:
    """The readings of the two points to compare: each pair in which the later can follow the earlier (two dates
    inside one act's window: not in force, then in force, but never the reverse); every pair, should none."""
    every = [(a, b) for a in froms for b in tos]
    return [(a, b) for a, b in every if b.follows(a)] or every


def diff(kb_from, froms: Sequence[Point], kb_to, tos: Sequence[Point], articles: list[str] | None,
         from_label: str, to_label: str) -> DiffReport:
    """Compare every pair of readings that can follow each other (`pairs`). `articles` None or empty: every
    article and the general part; that result reads every version of every article, and is kept in the KB's
    cache."""
    articles = articles or None
    for number in articles or []:
        Snapshot(kb_to, tos[0]).article(number)  # NotFound for an article the KB does not hold
    readings = pairs(froms, tos)
    # (two KBs are a draft's overlay against the law as encoded: an overlay is never cached, nor its results)
    if articles is not None or kb_from is not kb_to:
        report = _diff(kb_from, kb_to, readings, articles)
    else:
        request = [[[encode(p), sorted(p.applied)] for p in pair] for pair in readings]
        report = remembered(kb_to, "diff", request, DiffReport, lambda: _diff(kb_from, kb_to, readings, None))
        # (the points as given: a kept result's were rebuilt from JSON, without the acts they read as in force)
        report = report.model_copy(update={"readings": [
            r.model_copy(update={"before": a, "after": b}) for r, (a, b) in zip(report.readings, readings, strict=True)]})
    return report.model_copy(update={"from_point": from_label, "to_point": to_label})


def _diff(kb_from, kb_to, readings: list[tuple[Point, Point]], articles: list[str] | None) -> DiffReport:
    out = []
    for pa, pb in readings:
        sa, sb = Snapshot(kb_from, pa), Snapshot(kb_to, pb)
        general = _general(kb_to, sa, sb) if not articles else ArticleDiff(article="", title=None, changes=[],
                                                                             unknowns=[], not_encoded=[])
        arts = [_article(kb_to, n, sa, sb) for n in articles or kb_to.articles if n in kb_from.articles]
        out.append(Reading(before=pa, after=pb, general=general, articles=arts))
    # (a single reading is still one on a condition when a date lies in an act's window)
    ambiguous = len(out) > 1 or any(r.before.assumed or r.after.assumed for r in out)
    return named(kb_to, DiffReport(from_point="", to_point="", ambiguous=ambiguous, readings=out, acts={}, labels={}))
