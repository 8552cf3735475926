"""`tipkb import --write`: what the comparison found, written into the KB's YAML, at the grade of the text.

The text becomes a source in statutes/sources.yaml (its URL or file name, edition, retrieval date, SHA-256) and
what it states comes to rest on it: a confirmed fact gets the source (and its grade where the text states the
whole of it; the older sources stay as `role: corroborates`); a penalty the KB had wrong is replaced and the old
one kept as a `conflicts` claim with its sources and grade; a fact the KB lacked is filled in. A change the KB
does not have becomes a new version when the amendment notes name exactly one act that may have made it
(kb/attribution.py); otherwise it is left for a person, and the report says why. What a mapping of the wording
reads (elements, the parts a part builds on) is graded `inferred`; a version that mixes it with an official
penalty gives the penalty its own `penalty_provenance`.

Every file is rendered first (kb/yamledit.py keeps comments and layout), the KB they make is validated like
`tipkb validate`, and only then are they written: each to a temporary beside it, then each renamed into place.
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import os
from pathlib import Path
from typing import Any, Callable, Literal

from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from . import attribution as attr
from . import inputs
from .errors import BadInput, Finding, InvalidKB, IOFailure
from .importer import Fact, ImportResult, Skipped, item_text, number_key, part_text
from .model import SLOTS, UNKNOWN, Penalty, format_months, weakest
from .outputs import check_target, sweep, temporary
from .statute_text import ParsedArticle, ParsedPart, ParsedText
from .timeline import act_when, when
from .wording import read_wording
from .yamledit import Document, dump, flow, flow_list

LANG_NAMES = {"ru": "Russian", "kk": "Kazakh"}
MAPPED = ("Elements read from the wording of the text through the vocabulary's labels and synonyms (tipkb "
          "import): an interpretation until a person confirms it.")


def source_id(result: ImportResult) -> str:
    return f"text-{result.lang}-{result.edition.isoformat()}-{result.sha256[:8]}"


def ref(sid: str, supports: str | None = None, role: str | None = None) -> CommentedMap:
    items = {"ref": sid}
    if supports:
        items["supports"] = supports
    if role:
        items["role"] = role
    return flow(**items)


def penalty_yaml(p: Penalty) -> CommentedMap:
    def main(m) -> CommentedMap:
        items: dict[str, Any] = {"kind": m.kind}
        if m.amount is not None:
            amount = {"unit": m.amount.unit}
            amount.update({k: getattr(m.amount, k) for k in ("min", "max") if getattr(m.amount, k) is not None})
            items["amount"] = flow(**amount)
        for k in ("min", "max"):
            if getattr(m, k) is not None:
                items[k] = format_months(getattr(m, k))
        if m.note:
            items["note"] = m.note
        return flow(**items)

    def extra(a) -> CommentedMap:
        items: dict[str, Any] = {"kind": a.kind, "mandatory": a.mandatory}
        if a.term is not None:
            items["term"] = a.term if a.term == "life" else format_months(a.term)
        if a.note:
            items["note"] = a.note
        return flow(**items)

    out = CommentedMap([("main", UNKNOWN if p.main == UNKNOWN else flow_list([main(m) for m in p.main]))])
    if p.additional:  # none: the default
        out["additional"] = UNKNOWN if p.additional == UNKNOWN else flow_list([extra(a) for a in p.additional])
    return out


def _q(value: str) -> DoubleQuotedScalarString:
    return DoubleQuotedScalarString(value)


class Lazy:
    """A KB file opened for editing only when something is read from it or changed in it: importing a text
    again opens none."""

    def __init__(self, load: Callable[[], Document]):
        self._load, self._doc = load, None

    @property
    def doc(self) -> Document:
        if self._doc is None:
            self._doc = self._load()
        return self._doc

    @property
    def data(self) -> Any:
        return self.doc.data

    @property
    def changed(self) -> bool:
        return self._doc is not None and self._doc.changed

    def get(self, path: tuple) -> Any:
        return self.doc.get(path)

    def set(self, *args: Any, **kw: Any) -> None:
        self.doc.set(*args, **kw)

    def remove(self, *args: Any) -> None:
        self.doc.remove(*args)

    def insert(self, *args: Any) -> None:
        self.doc.insert(*args)

    def render(self) -> str:
        return self.doc.render()


@dataclasses.dataclass
class Origin:
    act: str | None  # None: the act the notes point to is not in the KB, or may not be in force by the edition
    grade: str
    basis: str | None
    missing: list[str] = dataclasses.field(default_factory=list)  # the acts that stop it, and why:
    why: str = "act_not_in_kb"
    since: bool = False  # in force at least since `act`, which may not have made it


class Writer:
    def __init__(self, kb, text: ParsedText, result: ImportResult, today: dt.date, url: str | None, add: bool):
        self.kb, self.text, self.result, self.today, self.url, self.add = kb, text, result, today, url, add
        self.grade = result.grade
        self.lang = result.lang
        self.edition = result.edition
        self.docs: dict[str, Lazy] = {}
        self.rendered: dict[str, tuple[Path, str]] = {}
        self.new_files: dict[str, tuple[Path, str]] = {}
        self.skipped: list[Skipped] = []
        self.sid = source_id(result)
        self.renewed: set[tuple[str, str]] = set()  # (article, part) given a new version by this import
        self.part_ids: set[str] = set()  # the parts of the article being written
        self.official = self.grade == "official"

    # -- files ------------------------------------------------------------------------------------------------

    def doc(self, key: str) -> Lazy:
        if key not in self.docs:
            path, display = self.kb.files[key], self.kb.display(key)
            self.docs[key] = Lazy(lambda: Document(inputs.read_text(path, display, inputs.KB_FILE)))
        return self.docs[key]

    def done(self, key: str) -> None:
        """A file edited for the last time: rendered now, so that a whole Code's files are not all held at once."""
        doc = self.docs.pop(key, None)
        if doc is not None and doc.changed:
            self.rendered[key] = (self.kb.files[key], doc.render())

    def skip(self, f: Fact | None, reason: str, acts: list[str] = (), **where: Any) -> None:
        if f is not None:
            where = dict(article=f.article, part=f.part, item=f.item, kind=f.kind) | where
        self.skipped.append(Skipped(reason=reason, acts=list(acts), **where))

    # -- sources ----------------------------------------------------------------------------------------------

    def add_sources(self) -> None:
        registry = self.kb.sources.sources
        r = self.result
        if self.sid not in registry:
            entry = CommentedMap()
            entry["url" if self.url else "doc"] = self.url or Path(r.file).name
            entry["title"] = (f"{'Official ' if self.official else ''}{LANG_NAMES[self.lang]} text of the Criminal "
                              f"Code as of {r.edition.isoformat()} (tipkb import)")
            entry["grade"] = self.grade
            entry["date"] = r.edition
            entry["lang"] = self.lang
            entry["retrieved"] = self.today
            entry["sha256"] = r.sha256
            self.doc("sources").set(("sources",), self.sid, entry)
        for d in r.act_dates:
            if d.how == "published" and d.status == "new" and self.published_id(d) not in registry:
                entry = CommentedMap()
                entry["doc"] = "tipkb import --published"
                entry["title"] = f"Law {d.number} was first officially published on {d.published.isoformat()}"
                entry["grade"] = self.grade
                entry["date"] = d.published
                entry["retrieved"] = self.today
                self.doc("sources").set(("sources",), self.published_id(d), entry)

    def cited(self, v) -> bool:
        """The text was brought into this version already (by this import, or an earlier one of the same file)."""
        return any(s.ref == self.sid for s in v.sources)

    @staticmethod
    def published_id(d) -> str:
        return f"published-{d.number}-{d.published.isoformat()}"

    def cite(self, existing: list, supports: str, demote: bool, keep: set[str] = frozenset()) -> list:
        """The text first, then the sources already cited (as corroboration when `demote`, but for those in
        `keep`), written as the file writes that list."""
        out = [ref(self.sid, supports)]
        for s in existing:
            if s["ref"] == self.sid:
                continue
            if demote and s.get("role", "rests_on") == "rests_on" and s["ref"] not in keep:
                copy = CommentedMap(s)
                if s.fa.flow_style():
                    copy.fa.set_flow_style()
                copy["role"] = "corroborates"
                s = copy
            out.append(s)
        return styled(out, existing)

    # -- acts ---------------------------------------------------------------------------------------------------

    def acts(self) -> None:
        index = {a.id: i for i, a in enumerate(self.kb.acts.values())}
        for d in self.result.act_dates:
            if d.status != "new":
                continue
            stated = d.how == "stated"
            node = CommentedMap()
            node["date"] = d.date
            cites = [ref(self.sid, f"the amendment note on line {d.line}: «{d.rule_text}»")]
            if not stated:
                cites.append(ref(self.published_id(d), "the day of first official publication"))
            node["sources"] = cites
            node["confidence"] = self.grade if stated else "inferred"
            if not stated:
                node["basis"] = (f"The rule the note states («{d.rule_text}») applied to the day of first official "
                                 f"publication, {d.published.isoformat()}: the days run from the day after it, and "
                                 f"the act is in force on the day after they end.")
            doc = self.doc("acts")
            doc.set(("acts", index[d.act]), "in_force", node)
            if self.kb.acts[d.act].commencement is None and d.rule_text:
                doc.set(("acts", index[d.act]), "commencement", d.rule_text, before="summary")

    # -- where the text's elements come from ----------------------------------------------------------------------

    def origin(self, a: ParsedArticle, element: attr.Element | Literal["article"], part: str | None = None,
               item: str | None = None) -> Origin:
        """The act from which the text's wording of an element has been in force: the one act a note names for
        it; the latest act the notes name for it (in force at least since then); the Code itself when no note
        names any."""
        refs, specific = attr.acts_for(a, element, part, item) if element != "article" else (attr.all_acts(a), False)
        if not refs:
            return Origin(self.kb.code.act, "inferred", f"The text as of {self.edition.isoformat()} carries no "
                          "amendment note for it, so it is read as the Code's own text.")
        last = attr.latest(self.kb, refs, self.edition)
        act = attr.kb_act(self.kb, last) if last else None
        if act is None:
            return Origin(None, "inferred", None, [r.number for r in refs])
        if not self.certain(act.id):
            return Origin(None, "inferred", None, [last.number], "in_window")
        if specific and len(refs) == 1:
            return Origin(act.id, self.grade, None)
        numbers = ", ".join(r.number for r in refs)
        return Origin(act.id, "inferred", f"The notes of the text as of {self.edition.isoformat()} name {numbers}; "
                      f"the wording has been in force at least since the latest of them, {last.number}, came into "
                      f"force (which of them made it is not known).", since=True)

    def act_of(self, f: Fact) -> tuple[str | None, str | None]:
        """For a fact the KB lacks: the one act that may have made the difference (None, reason otherwise)."""
        if not f.changed_by:
            return None, None
        if len(f.changed_by) > 1:
            return None, "changed_by_one_of"
        named = next(n for n in self.result.named_acts if n.number == f.changed_by[0])
        if named.act is None:
            return None, "act_not_in_kb"
        return (named.act, None) if self.certain(named.act) else (None, "in_window")

    def certain(self, act: str) -> bool:
        """The act is in force by the edition date on every reading: a version it makes is read one way."""
        return act_when(self.kb.acts[act]).certain_by(self.edition)

    def quiet(self, a: ParsedArticle, element: attr.Element, part: str | None, item: str | None,
              since: dt.date) -> bool:
        """No act the notes name for the element may have come into force since `since`: the text's wording is
        the version's."""
        refs, _ = attr.acts_for(a, element, part, item)
        return not attr.candidates(self.kb, refs, since, self.edition)

    # -- articles in the KB ---------------------------------------------------------------------------------------

    def article(self, a: ParsedArticle, facts: list[Fact]) -> None:
        key = f"article:{a.number}"
        art = self.kb.articles[a.number]
        doc = self.doc(key)
        by = lambda kind: [f for f in facts if f.kind == kind]  # noqa: E731
        for f in by("title"):
            self.title(doc, art, a, f)
        for f in by("structure"):
            self.structure(doc, art, a, f)
        parts = {p.id: p for p in a.parts}
        self.part_ids = {q.id for q in art.parts} | {  # the parts the article's file will have
            f.part for f in by("part") if f.status == "new" and self.origin(a, "part", f.part).act is not None}
        for f in by("penalty"):
            self.penalty(doc, art, a, parts[f.part], f)
        for f in by("part"):
            if f.status == "new":
                self.new_part(doc, art, a, parts[f.part])
            elif f.status != "confirmed":
                self.skip(f, "for_a_person")
            elif self.official:
                self.part_text(doc, art, a, parts[f.part], f)
        for f in by("text"):
            self.wording_text(doc, art, a, parts[f.part], f)
        for f in by("repealed"):
            self.repealed(doc, art, a, f)
        for f in by("item"):
            self.item(doc, art, a, parts[f.part], f)
        for f in by("code_note"):
            self.code_note(doc, art, a, f)
        for f in by("article"):
            self.repealed_article(doc, art, a, f)
        for f in facts:
            if f.kind == "builds_on" and f.status == "contradicted":
                self.skip(f, "for_a_person")

    def title(self, doc: Lazy, art, a: ParsedArticle, f: Fact) -> None:
        lang = self.lang
        supports = f"the {LANG_NAMES[lang]} heading"
        if f.kb_version is None:
            return self.skip(f, "not_attributable")
        i = f.kb_version
        v = art.titles[i]
        path = ("titles", i)
        if self.cited(v):
            return
        if f.status == "contradicted":
            act, why = self.act_of(f)
            if why:
                return self.skip(f, why, f.changed_by)
            if act is not None:
                title = CommentedMap([(lang, a.title)] + [(o, UNKNOWN) for o in ("ru", "kk") if o != lang])
                node = CommentedMap([("act", act), ("title", title), ("sources", [ref(self.sid, supports)]),
                                     ("confidence", self.grade)])
                doc.insert(("titles",), i + 1, node)
                return
            note = (f"The {LANG_NAMES[lang]} heading «{f.kb}» given by the earlier sources disagreed with the text as of "
                    f"{self.edition.isoformat()}.")
            doc.set(path, "note", f"{v.note} {note}" if v.note else note)
        if f.status in ("contradicted", "new"):
            doc.set((*path, "title"), lang, a.title)
        registry = self.kb.sources.sources
        known = [o for o in ("ru", "kk") if o != lang and v.title.get(o) not in (None, UNKNOWN)]
        imported = {s.ref for s in v.sources if s.role == "rests_on" and s.ref != self.sid and s.ref in registry
                    and registry[s.ref].sha256}
        existing = doc.get(path)["sources"]
        if all(any(registry[r].lang == o for r in imported) for o in known):  # every heading read in a text
            doc.set(path, "sources", self.cite(existing, supports, demote=True, keep=imported))
            doc.set(path, "confidence", weakest(self.grade, *(registry[r].grade for r in imported)))
            doc.remove(path, "basis")
        else:
            doc.set(path, "sources", self.cite(existing, supports, demote=False))

    def structure(self, doc: Lazy, art, a: ParsedArticle, f: Fact) -> None:
        shown = f.text["parts"]
        if f.status == "contradicted":
            return self.skip(f, "for_a_person")
        # a part the KB knows by name by the edition: which number it is, a person decides (the text's list
        # would drop it)
        if any(not q.id[0].isdigit() and any(act_when(self.kb.acts[v.act]).earliest <= self.edition
                                             for v in q.versions) for q in art.parts):
            return self.skip(f, "for_a_person")
        if f.kb_version is None:  # the KB has no structure for the article
            o = self.origin(a, "article")
            if o.act is None:
                return self.skip(f, o.why, o.missing)
            node = CommentedMap([("act", o.act), ("parts", flow_list([_q(p) for p in shown])), ("all", True),
                                 ("sources", [ref(self.sid, "the parts of the article")]), ("confidence", o.grade)])
            if o.basis:
                node["basis"] = o.basis
            if "structure" in doc.data:
                doc.insert(("structure",), self.position(art.structure, o.act), node)
            else:
                doc.set((), "structure", [node], before="parts" if "reported" not in doc.data else "reported")
            return
        i = f.kb_version
        v = art.structure[i]
        path = ("structure", i)
        if self.cited(v):
            return
        if any(not p[0].isdigit() for p in v.parts):
            return self.skip(f, "for_a_person")
        if f.status == "new" and set(f.kb["parts"]) != set(shown):
            start = when(v, self.kb.acts).earliest
            if not self.quiet(a, "part", None, None, start):
                refs, _ = attr.acts_for(a, "part")
                return self.skip(f, "changed_by_one_of", [r.number for r in attr.candidates(self.kb, refs, start,
                                                                                           self.edition)])
            doc.set(path, "parts", flow_list([_q(p) for p in shown]))
        doc.set(path, "all", True)
        doc.set(path, "sources", self.cite(doc.get(path)["sources"], "the parts of the article", demote=True))
        doc.set(path, "confidence", self.grade)
        doc.remove(path, "basis")

    def position(self, versions, act: str) -> int:
        """Where a version by `act` goes in a list of versions: before the first that begins later."""
        start = act_when(self.kb.acts[act]).earliest
        return next((i for i, v in enumerate(versions) if when(v, self.kb.acts).earliest > start), len(versions))

    # -- parts --------------------------------------------------------------------------------------------------

    def _part_index(self, art, pid: str) -> int:
        return next(i for i, p in enumerate(art.parts) if p.id == pid)

    def penalty(self, doc: Lazy, art, a: ParsedArticle, p: ParsedPart, f: Fact) -> None:
        pi = self._part_index(art, p.id)
        vi = f.kb_version
        v = art.parts[pi].versions[vi]
        path = ("parts", pi, "versions", vi)
        supports = f"the sanction of part {p.id}"
        text_penalty = p.sanction.penalty
        old = v.penalty_provenance or v
        if f.status == "confirmed" and self.cited(old) and (v.penalty_provenance or v.confidence == self.grade):
            return  # the penalty already rests on this text: in its own provenance, or in the version's at its grade
        old_refs = [s for s in doc.get((*path, "penalty_provenance"))["sources"]] if v.penalty_provenance else \
            [s for s in doc.get(path)["sources"]]
        if f.status != "confirmed":
            act, why = self.act_of(f)
            if why:
                return self.skip(f, why, f.changed_by)
            if act is not None:
                return self.new_version(doc, art, a, p, pi, vi, act)
            before = copy.deepcopy(doc.get(path).get("penalty", UNKNOWN))
            doc.set(path, "penalty", penalty_yaml(text_penalty), before="sources")
            if f.status == "contradicted":
                claim = CommentedMap([("penalty", before),
                                      ("sources", [flow(**{k: s[k] for k in s}) for s in old_refs]),
                                      ("confidence", old.confidence)])
                if old.basis:
                    claim["basis"] = old.basis
                claim["note"] = f"What the KB said before the text as of {self.edition.isoformat()} was imported."
                conflicts = list(doc.get(path).get("conflicts", []))
                doc.set(path, "conflicts", [*conflicts, claim], before="sources")
        corroborating = old_refs if f.status == "confirmed" else []
        provenance = CommentedMap([("sources", self.cite(corroborating, supports, demote=True)),
                                   ("confidence", self.grade)])
        doc.set(path, "penalty_provenance", provenance, before="conflicts" if "conflicts" in doc.get(path) else
                "sources")

    def new_version(self, doc: Lazy, art, a: ParsedArticle, p: ParsedPart, pi: int, vi: int, act: str) -> None:
        """A version of the part by `act`, the one act that may have made what the text shows: the whole part as
        the text has it (once, whichever of its facts showed the change)."""
        if (a.number, p.id) in self.renewed:
            return
        self.renewed.add((a.number, p.id))
        v = art.parts[pi].versions[vi]
        w = read_wording(self.kb, p.disposition, self.lang)
        node = CommentedMap([("act", act)])
        if v.summary not in (None, UNKNOWN):
            node["summary"] = v.summary
        if w.mapped and not w.unmapped:
            node["elements"] = elements_yaml(w.elements(bool(art.parts[pi].builds_on)))
            basis = MAPPED
        else:
            node["elements"] = UNKNOWN if v.elements in (None, UNKNOWN) else elements_yaml(
                {slot: getattr(v.elements, slot) for slot in SLOTS})
            basis = f"The elements are carried over from the version before {act}; whether it changed them is not known."
        if p.sanction is not None:
            node["penalty"] = penalty_yaml(p.sanction.penalty)
            node["penalty_provenance"] = CommentedMap([("sources", [ref(self.sid, f"the sanction of part {p.id}")]),
                                                       ("confidence", self.grade)])
        if self.official:
            node["text." + self.lang] = part_text(p)
        node["sources"] = [ref(self.sid, f"part {p.id} as amended")]
        node["confidence"] = "inferred"
        node["basis"] = basis
        doc.insert(("parts", pi, "versions"), vi + 1, node)

    def wording_text(self, doc: Lazy, art, a: ParsedArticle, p: ParsedPart, f: Fact) -> None:
        """A stored official wording the text contradicts: a change by one act is a new version of the part; with no
        act since the wording was stored, the stored one was wrong."""
        if f.status != "contradicted" or (a.number, p.id) in self.renewed:
            return
        act, why = self.act_of(f)
        if why:
            return self.skip(f, why, f.changed_by)
        pi = self._part_index(art, p.id)
        if f.item is None:
            if act is not None:
                return self.new_version(doc, art, a, p, pi, f.kb_version, act)
            path = ("parts", pi, "versions", f.kb_version)
        else:
            if act is not None:
                return self.skip(f, "for_a_person", f.changed_by)
            ii = next(k for k, it in enumerate(art.parts[pi].items) if it.id == f.item)
            path = ("parts", pi, "items", ii, "versions", f.kb_version)
        doc.set(path, "text." + self.lang, f.text)

    def part_text(self, doc: Lazy, art, a: ParsedArticle, p: ParsedPart, f: Fact) -> None:
        pi = self._part_index(art, p.id)
        v = art.parts[pi].versions[f.kb_version]
        if getattr(v, f"text_{self.lang}") is not None:
            return
        if not self.quiet(a, "part", p.id, None, when(v, self.kb.acts).earliest):
            return  # the wording may have changed since the version began: it is not the version's
        path = ("parts", pi, "versions", f.kb_version)
        doc.set(path, "text." + self.lang, part_text(p), before="sources")
        doc.set(path, "sources", self.cite_more(doc.get(path)["sources"], f"the {LANG_NAMES[self.lang]} text of "
                                                                         f"part {p.id}"))

    def cite_more(self, existing: list, supports: str) -> list:
        """The text added to what a fact rests on, when it states only some of the fact."""
        if any(s["ref"] == self.sid for s in existing):
            return existing
        return styled([*existing, ref(self.sid, supports)], existing)

    def new_part(self, doc: Lazy, art, a: ParsedArticle, p: ParsedPart) -> None:
        o = self.origin(a, "part", p.id)
        if o.act is None:
            return self.skip(None, o.why, o.missing, article=a.number, part=p.id, kind="part")
        twin = next((q.id for q in art.parts if not q.id[0].isdigit() and p.sanction is not None
                     and any(v.penalty == p.sanction.penalty for v in q.versions)), None)
        if twin is not None:  # the same part, its number now known: renumbering it is for a person
            return self.skip(None, "unnumbered_twin", article=a.number, part=p.id, kind="part", twin=twin)
        node = self.part_node(a, p, o)
        self.known_before(art, node, p.id, o)
        self.close(art, node, f"part {p.id}")
        for i in node.get("items", []):
            self.close(art, i, f"item {i['id']} of part {p.id}")
        index = next((i for i, q in enumerate(art.parts) if q.id[0].isdigit() and number_key(q.id) > number_key(p.id)),
                     len(art.parts))
        doc.insert(("parts",), index, node)

    def known_before(self, art, node: CommentedMap, pid: str, o: Origin) -> None:
        """A part in force at least since `o.act` that the KB's structure has from an earlier act was not made by
        `o.act`: from that act on, what it said is unknown (not "not in force"), its items too."""
        if not o.since:
            return
        start = act_when(self.kb.acts[o.act]).earliest
        first = next((sv for sv in art.structure if pid in sv.parts and sv.act in self.kb.acts
                      and act_when(self.kb.acts[sv.act]).latest < start), None)
        if first is None:
            return
        version = CommentedMap([("act", first.act), ("elements", UNKNOWN)])
        if "penalty" in node["versions"][0]:
            version["penalty"] = UNKNOWN
        version["items_complete"] = False
        version["sources"] = [ref(s.ref, f"the article's parts include part {pid}") for s in first.sources
                              if s.role == "rests_on"]
        version["confidence"] = weakest(first.confidence, "inferred")
        version["basis"] = f"The KB records part {pid} from {first.act}; the text shows it as of " \
                           f"{self.edition.isoformat()}, in force at least since {o.act}, not what it said before."
        node["versions"].insert(0, version)

    def close(self, art, node: CommentedMap, what: str, field: str = "elements") -> None:
        """End the versions of a part, item or note the KB lacked where the text stops knowing it: from the first
        act the KB records amending the article after the text's edition, what that act made of it is unknown
        (the text is never carried past it), its penalty too when the text states one."""
        acts = {v.act for vs in art.version_lists() for v in vs} | {r.act for r in art.reported if r.act}
        later = [x for x in acts if x in self.kb.acts and act_when(self.kb.acts[x]).earliest > self.edition]
        act = min(later, key=lambda x: act_when(self.kb.acts[x]).earliest, default=None)
        if act is None:
            return
        version = CommentedMap([("act", act), (field, UNKNOWN)])
        if "penalty" in node["versions"][0]:
            version["penalty"] = UNKNOWN
        edition = self.edition.isoformat()
        version["sources"] = [ref(self.sid, f"{what} as of {edition}, before {act}")]
        version["confidence"] = "inferred"
        version["basis"] = f"{act} amended the article after the text's edition ({edition}); what it made of {what} " \
                           "is not known."
        node["versions"].append(version)

    def part_node(self, a: ParsedArticle, p: ParsedPart, o: Origin) -> CommentedMap:
        w = read_wording(self.kb, p.disposition, self.lang)
        on = [b for b in read_wording(self.kb, part_text(p, sanction=False), self.lang).builds_on or []
              if b in self.part_ids and b != p.id]
        node = CommentedMap([("id", _q(p.id))])
        if on:
            node["builds_on"] = flow_list([_q(b) for b in on])
        version = CommentedMap([("act", o.act)])
        grades, bases = [o.grade], [o.basis] if o.basis else []
        if w.mapped and not w.unmapped:
            version["elements"] = elements_yaml(w.elements(bool(on)))
            grades.append("inferred")
            bases.append(MAPPED)
        elif not p.items:
            version["elements"] = UNKNOWN
        confidence = weakest(*grades)
        if p.sanction is not None:
            version["penalty"] = penalty_yaml(p.sanction.penalty)
            if confidence != self.grade:
                version["penalty_provenance"] = CommentedMap([
                    ("sources", [ref(self.sid, f"the sanction of part {p.id}")]), ("confidence", self.grade)])
        if self.official:
            version["text." + self.lang] = part_text(p)
        version["sources"] = [ref(self.sid, f"part {p.id}")]
        version["confidence"] = confidence
        if bases:
            version["basis"] = " ".join(bases)
        node["versions"] = [version]
        items = [self.item_node(a, p, i, o) for i in p.items if not i.repealed]
        if items:
            node["items"] = items
        return node

    def item_node(self, a: ParsedArticle, p: ParsedPart, i, part_origin: Origin) -> CommentedMap:
        o = self.origin(a, "item", p.id, i.id)
        if o.act is None or _later(self.kb, part_origin.act, o.act):
            o = part_origin  # an item is in force no earlier than its part
        w = read_wording(self.kb, i.text, self.lang)
        version = CommentedMap([("act", o.act)])
        grades, bases = [o.grade], [o.basis] if o.basis else []
        if w.mapped and not w.unmapped:
            version["elements"] = elements_yaml(w.elements(aggravating=True))
            grades.append("inferred")
            bases.append(MAPPED)
        else:
            version["elements"] = UNKNOWN
        if self.official:
            version["text." + self.lang] = item_text(i)
        version["sources"] = [ref(self.sid, f"item {i.id} of part {p.id}")]
        version["confidence"] = weakest(*grades)
        if bases:
            version["basis"] = " ".join(bases)
        return CommentedMap([("id", _q(i.id)), ("versions", [version])])

    def repealed(self, doc: Lazy, art, a: ParsedArticle, f: Fact) -> None:
        if f.status != "contradicted":
            return
        act, why = self.act_of(f)
        if why or act is None:
            return self.skip(f, why or "not_attributable", f.changed_by or [])
        pi = self._part_index(art, f.part)
        part = art.parts[pi]
        if f.item is None:
            doc.insert(("parts", pi, "versions"), f.kb_version + 1, self.repeal(act))
            for ii, item in enumerate(part.items):  # its items go with it
                if not item.versions[-1].repealed:
                    doc.insert(("parts", pi, "items", ii, "versions"), len(item.versions), self.repeal(act))
        else:
            ii = next(k for k, it in enumerate(part.items) if it.id == f.item)
            doc.insert(("parts", pi, "items", ii, "versions"), f.kb_version + 1, self.repeal(act))

    def repealed_article(self, doc: Lazy, art, a: ParsedArticle, f: Fact) -> None:
        """A repealed article the KB has in force: every part in force (and its items) repealed by the one act the
        notes name for the repeal."""
        if f.status != "contradicted":
            return
        acts = {(r.number, r.date): r for n in a.amendments if n.action == "repealed" and n.target.element == "article"
                for r in n.acts}
        known = [attr.kb_act(self.kb, r) for r in acts.values()]
        if len(acts) != 1 or known[0] is None or not self.certain(known[0].id):
            why = "not_attributable" if len(acts) != 1 else "act_not_in_kb" if known[0] is None else "in_window"
            return self.skip(f, why, [r.number for r in acts.values()])
        for pi, part in enumerate(art.parts):
            last = part.versions[-1]
            if last.repealed or when(last, self.kb.acts).earliest >= act_when(known[0]).earliest:
                continue
            doc.insert(("parts", pi, "versions"), len(part.versions), self.repeal(known[0].id))
            for ii, item in enumerate(part.items):
                if not item.versions[-1].repealed:
                    doc.insert(("parts", pi, "items", ii, "versions"), len(item.versions), self.repeal(known[0].id))

    def repeal(self, act: str) -> CommentedMap:
        return CommentedMap([("act", act), ("repealed", True), ("sources", [ref(self.sid, "the repeal")]),
                             ("confidence", self.grade)])

    def item(self, doc: Lazy, art, a: ParsedArticle, p: ParsedPart, f: Fact) -> None:
        if f.status == "absent":
            return self.skip(f, "for_a_person")
        pi = self._part_index(art, p.id)
        part = art.parts[pi]
        parsed = next(i for i in p.items if i.id == f.item)
        if f.status == "contradicted" and f.kb is None:  # the KB's list of items was complete without it
            act, why = self.act_of(f)
            if why or act is None:
                return self.skip(f, why or "for_a_person", f.changed_by or [])
            o = Origin(act, self.grade, None)
        elif f.status == "contradicted":
            return self.skip(f, "for_a_person")
        elif f.status == "new":
            o = self.origin(a, "item", p.id, f.item)
            if o.act is None:
                return self.skip(f, o.why, o.missing)
        else:
            ii = next(k for k, it in enumerate(part.items) if it.id == f.item)
            path = ("parts", pi, "items", ii, "versions", f.kb_version)
            v = part.items[ii].versions[f.kb_version]
            supports = f"the wording of item {f.item} of part {p.id}"
            if self.official and getattr(v, f"text_{self.lang}") is None and \
                    self.quiet(a, "item", p.id, f.item, when(v, self.kb.acts).earliest):
                doc.set(path, "text." + self.lang, item_text(parsed), before="sources")
            if not self.cited(v):
                doc.set(path, "sources", self.cite_more(doc.get(path)["sources"], supports))
            return
        first = when(part.versions[0], self.kb.acts)
        if act_when(self.kb.acts[o.act]).earliest < first.earliest:
            o = Origin(part.versions[0].act, "inferred", "The item is read as in force since its part is.")
        node = self.item_node(a, p, parsed, o)
        self.close(art, node, f"item {f.item} of part {p.id}")
        items = doc.get(("parts", pi)).get("items")
        if items is None:
            doc.set(("parts", pi), "items", [node])
        else:
            index = next((k for k, it in enumerate(items) if number_key(str(it["id"])) > number_key(f.item)), len(items))
            doc.insert(("parts", pi, "items"), index, node)

    def code_note(self, doc: Lazy, art, a: ParsedArticle, f: Fact) -> None:
        if not self.official or f.status in ("absent", "contradicted"):
            if f.status == "contradicted":
                self.skip(f, "for_a_person")
            return
        note = next(n for k, n in enumerate(a.notes) if n.line == f.line)
        if f.status == "new":
            o = self.origin(a, "note")
            if o.act is None:
                return self.skip(f, o.why, o.missing)
            taken = {n.id for n in art.code_notes}
            nid = f.note if f.note not in taken else f"{f.note}-{len(taken) + 1}"
            version = CommentedMap([("act", o.act), ("summary", UNKNOWN), ("text." + self.lang, note.text),
                                    ("sources", [ref(self.sid, "the note of the Code")]), ("confidence", o.grade)])
            if o.basis:
                version["basis"] = o.basis
            node = CommentedMap([("id", _q(nid)), ("versions", [version])])
            self.close(art, node, f"note {nid} of the article", "summary")
            if "code_notes" in doc.data:
                doc.insert(("code_notes",), len(doc.data["code_notes"]), node)
            else:
                doc.set((), "code_notes", [node])
            return
        ni = next(k for k, n in enumerate(art.code_notes) if n.id == f.note)
        v = art.code_notes[ni].versions[f.kb_version]
        path = ("code_notes", ni, "versions", f.kb_version)
        if getattr(v, f"text_{self.lang}") is None and self.quiet(a, "note", None, None, when(v, self.kb.acts).earliest):
            doc.set(path, "text." + self.lang, note.text, before="sources")
            doc.set(path, "sources", self.cite_more(doc.get(path)["sources"], "the note of the Code"))

    # -- articles outside the KB (--add) --------------------------------------------------------------------------

    def new_article(self, a: ParsedArticle) -> None:
        shown = [p for p in a.parts if not p.repealed]
        heading, whole = self.origin(a, "title"), self.origin(a, "article")
        parts = {p.id: self.origin(a, "part", p.id) for p in shown}
        stopped = [o for o in (heading, whole, *parts.values()) if o.act is None]
        if stopped:
            return self.skip(None, stopped[0].why, list(dict.fromkeys(n for o in stopped for n in o.missing)),
                             article=a.number, kind="article")
        title = CommentedMap([("act", heading.act), ("title", flow(**{self.lang: a.title})),
                              ("sources", [ref(self.sid, f"the {LANG_NAMES[self.lang]} heading")]),
                              ("confidence", heading.grade)] + ([("basis", heading.basis)] if heading.basis else []))
        structure = CommentedMap([("act", whole.act), ("parts", flow_list([_q(p.id) for p in shown])), ("all", True),
                                  ("sources", [ref(self.sid, "the parts of the article")]),
                                  ("confidence", whole.grade)] + ([("basis", whole.basis)] if whole.basis else []))
        self.part_ids = set(parts)
        data = CommentedMap([("article", _q(a.number)), ("code", self.kb.code.id), ("titles", [title]),
                             ("structure", [structure]), ("parts", [self.part_node(a, p, parts[p.id]) for p in shown])])
        if self.official and a.notes:
            notes = self.origin(a, "note")
            if notes.act is not None:
                data["code_notes"] = [CommentedMap([
                    ("id", _q(n.number or str(k + 1))),
                    ("versions", [CommentedMap([("act", notes.act), ("summary", UNKNOWN), ("text." + self.lang, n.text),
                                                ("sources", [ref(self.sid, "the note of the Code")]),
                                                ("confidence", notes.grade)]
                                               + ([("basis", notes.basis)] if notes.basis else []))])])
                    for k, n in enumerate(a.notes)]
        folder = self.kb.files["code"].parent
        self.new_files[f"article:{a.number}"] = (folder / f"art-{a.number}.yaml", dump(data))

    # -- the whole ----------------------------------------------------------------------------------------------

    def run(self) -> dict[str, tuple[Path, str]]:
        """Every file that changes: key -> (path, new text)."""
        self.add_sources()
        self.acts()
        by_article: dict[str, list[Fact]] = {}
        for f in self.result.facts:
            by_article.setdefault(f.article, []).append(f)
        for number in self.result.articles:
            a = self.text.article(number)
            self.article(a, by_article.get(number, []))
            self.done(f"article:{number}")
        if self.add:
            for out in self.result.outside:
                a = self.text.article(out.number)
                if not a.repealed and a.parts:
                    self.new_article(a)
        for key in list(self.docs):
            self.done(key)
        return {**self.rendered, **self.new_files}


def styled(items: list, like: Any) -> Any:
    """A list of citations written as `like` is: on one line, or one citation a line (block or one-line each)."""
    block_items = bool(like) and not any(getattr(x, "fa", None) and x.fa.flow_style() for x in like)
    out = []
    for x in items:
        if block_items and x.fa.flow_style():
            x = CommentedMap(x)  # (a fresh mapping is written in block style)
        out.append(x)
    return flow_list(out) if getattr(like, "fa", None) and like.fa.flow_style() else out


def _later(kb, a: str | None, b: str | None) -> bool:
    """Whether act `a` comes into force after act `b`."""
    return a is not None and b is not None and act_when(kb.acts[a]).earliest > act_when(kb.acts[b]).earliest


def elements_yaml(elements: dict[str, list[str]]) -> CommentedMap:
    return CommentedMap([(slot, flow_list(ids)) for slot, ids in elements.items() if ids])


# -- checking and writing ---------------------------------------------------------------------------------------


def check(kb, files: dict[str, tuple[Path, str]]) -> None:
    """Load the KB the new files make, as `tipkb validate` would; InvalidKB if it is not valid."""
    from . import yamlio
    from .checks import check as run_checks
    from .load import parse
    from .model import AmendmentFile, Article, SourceRegistry

    findings: list[Finding] = []
    articles = {n: kb.articles[n] for n in kb.articles}
    acts, sources = kb.acts, kb.sources
    locate = {}
    for key, (path, text) in files.items():
        display = str(path.relative_to(kb.root)) if path.is_relative_to(kb.root) else str(path)
        locate[key] = (lambda t=text, d=display: yamlio.Locator(t, d))
        try:
            data = yamlio.parse(text, display)
        except InvalidKB as e:
            findings += e.findings
            continue
        model = {"sources": SourceRegistry, "acts": AmendmentFile}.get(key, Article)
        value = parse(model, (data, None), display, findings, locate[key])
        if value is None:
            continue
        if key == "sources":
            sources = value
        elif key == "acts":
            acts = {act.id: act for act in value.acts}
        else:
            articles[value.article] = value
    if findings:
        raise InvalidKB(findings, "the knowledge base as the import would write it")
    paths = dict(kb.files) | {key: path for key, (path, _) in files.items()}
    # (not the KB's files: nothing cached of theirs, their digests included, describes the new articles)
    new = dataclasses.replace(kb, acts=acts, sources=sources, articles=articles, files=paths, key=None, cache=None,
                              digests={})
    findings = run_checks(new, locate)
    if findings:
        raise InvalidKB(findings, "the knowledge base as the import would write it")


def write(files: dict[str, tuple[Path, str]], new: set[str]) -> None:
    """Every file to a temporary beside it, then every temporary renamed into place: nothing is replaced unless
    every file could be written. A KB file that is a link or not a regular file is never replaced, and a new
    article's file never replaces one that is there."""
    for key, (path, _) in files.items():
        check_target(path, lambda _: key not in new, "a file of the knowledge base")
    made: list[tuple[Path, Path]] = []
    try:
        for path, text in files.values():
            sweep(path.parent, path.name)
            tmp = temporary(path.parent, path.name)
            made.append((tmp, path))
            with open(tmp, "w", encoding="utf-8", newline="\n") as f:
                f.write(text)
                f.flush()
                os.fsync(f.fileno())
    except OSError as e:
        for tmp, _ in made:
            tmp.unlink(missing_ok=True)
        raise IOFailure(f"cannot write {e.filename or 'the knowledge base'}: {e.strerror or e}") from None
    done: list[Path] = []
    for tmp, path in made:
        try:
            os.replace(tmp, path)
        except OSError as e:
            for left, _ in made[len(done):]:
                left.unlink(missing_ok=True)
            replaced = ", ".join(map(str, done)) or "none"
            raise IOFailure(f"cannot replace {path}: {e.strerror or e} (already replaced: {replaced})") from None
        done.append(path)


def apply(kb, text: ParsedText, result: ImportResult, *, today: dt.date, url: str | None, add: bool) -> ImportResult:
    """Write what `result` found into the KB; the result says which files changed and what was left alone."""
    ambiguous = [f for f in result.facts if f.readings]
    if ambiguous:
        acts = sorted({x.act for f in ambiguous for r in f.readings for x in r})
        raise BadInput(f"the edition {result.edition} falls inside the in-force window of {', '.join(acts)}, and the "
                       f"text reads differently against each reading: nothing written (give --published, or import "
                       f"an edition dated outside the window)")
    w = Writer(kb, text, result, today, url, add)
    files = w.run()
    check(kb, files)
    write(files, set(w.new_files))
    root = kb.root
    written = sorted(str(p.relative_to(root)) if p.is_relative_to(root) else str(p) for p, _ in files.values())
    added = sorted(k.split(":", 1)[1] for k in w.new_files)
    return result.model_copy(update={"written": written, "skipped": w.skipped, "added": added})

