"""Drafts: a drafter's proposed versions, in the statutes/ shape, applied on top of the Code.

A draft file names its own act and lists the general-part facts (`code`: Art. 3 item 1's forms of exploitation,
the age below which a person is a minor, a General Part rule) and the articles' parts and items it changes, with
their new versions; they follow the Code's versions in time. Terms may be written as vocabulary ids, labels or
synonyms in en/ru/kk: they are normalised to ids on load, and a miss says which terms are nearest. The draft is
validated by the same checks as the KB, every finding pointing into the draft file (FILE:LINE:COL).
`template()` writes a draft pre-filled from the law in force, for `tipkb draft new`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import io
import re
import textwrap
from collections import abc
from typing import Annotated, Any

from . import inputs, vocab, yamlio
from .checks import Checker, said
from .citation import parse as parse_citation
from .errors import BadInput, Finding, InvalidKB, NotFound
from .inputs import Input
from .knowledge import KB
from .load import parse
from .model import (
    UNKNOWN,
    Act,
    Article,
    CategoryRulesVersion,
    Date,
    DefinitionVersion,
    FactVersion,
    GeneralRule,
    Item,
    PartId,
    PartVersion,
    RuleVersion,
    Source,
    SourceRef,
    Strict,
    Text,
    TitleVersion,
    format_months,
)
from .record import Field
from .timeline import when

DRAFT_SOURCE = "draft"


class DraftAct(Strict):
    id: str
    title: Text
    in_force: Date | None = None  # default: the date the report is run for
    summary: str | None = None


class PartPatch(Strict):
    id: PartId
    label: str | None = None
    builds_on: list[PartId] | None = None
    versions: list[PartVersion] = []
    items: list[Item] = []


class ArticlePatch(Strict):
    article: str
    titles: list[TitleVersion] = []
    parts: Annotated[list[PartPatch], Field(min_length=1)]


class CodePatch(Strict):
    """New versions of general-part facts."""

    age_of_majority: list[FactVersion] = []
    crime_categories: list[CategoryRulesVersion] = []
    exploitation: list[DefinitionVersion] = []
    general_part: dict[GeneralRule, list[RuleVersion]] = {}


class Draft(Strict):
    draft: DraftAct
    sources: dict[str, Source] = {}
    code: CodePatch | None = None
    articles: list[ArticlePatch] = []

    def __post_init__(self) -> None:
        if self.code is None and not self.articles:
            raise ValueError("a draft changes something: give `articles`, `code` (the general part), or both")


# -- terms as people write them ----------------------------------------------------------------------------------


def _term(kb: KB, slot: str, term: Any) -> tuple[Any, str | None]:
    """The vocabulary id a draft's term stands for, or an error. An id, label or synonym is taken; a near miss is
    not guessed in a legal text: it is an error naming the nearest terms."""
    if not isinstance(term, str):
        return term, None  # the model reports the type
    try:
        vid, how = vocab.resolve(kb, slot, term)
    except BadInput as e:
        near = [v for v, _, _ in vocab.nearest(kb, term, vocab.SLOTS[slot], 3)]
        elsewhere = any(vocab.phrases(kb, p).get(vocab.key(term)) for s, p in vocab.SLOTS.items() if s != slot)
        return term, str(e) if elsewhere or not near else \
            f"unknown term {term!r} among the {slot}; did you mean {_either(near)}?"
    if how is not None and how.how == "fuzzy":
        return term, f"unknown term {term!r} among the {slot}; did you mean {_either([vid, *how.also])}?"
    return vid, None


def _either(ids: list[str]) -> str:
    return ids[0] if len(ids) == 1 else f"{', '.join(ids[:-1])} or {ids[-1]}"


def _normalise(kb: KB, data: Any) -> list[tuple[tuple, str]]:
    """Turn every term of the draft's elements into its id, in place; (location, error) for each that is not."""
    errors: list[tuple[tuple, str]] = []

    def terms(container: Any, key: Any, slot: str, loc: tuple) -> None:
        values = container.get(key) if isinstance(container, dict) else None
        if not isinstance(values, list):
            return
        for i, term in enumerate(values):
            values[i], error = _term(kb, slot, term)
            if error:
                errors.append(((*loc, key, i), error))

    def versions(node: Any, loc: tuple) -> list[tuple[dict, tuple]]:
        vs = node.get("versions") if isinstance(node, dict) else None
        return [(v, (*loc, "versions", i)) for i, v in enumerate(vs) if isinstance(v, dict)] \
            if isinstance(vs, list) else []

    def each(node: Any, key: str, loc: tuple) -> list[tuple[Any, tuple]]:
        xs = node.get(key) if isinstance(node, dict) else None
        return [(x, (*loc, key, i)) for i, x in enumerate(xs)] if isinstance(xs, list) else []

    for art, aloc in each(data, "articles", ()):
        for part, ploc in each(art, "parts", aloc):
            found = versions(part, ploc) + [vv for item, iloc in each(part, "items", ploc) for vv in versions(item, iloc)]
            for v, vloc in found:
                for slot in vocab.SLOTS:
                    terms(v.get("elements"), slot, slot, (*vloc, "elements"))
    code = data.get("code") if isinstance(data, dict) else None
    for v, vloc in each(code, "exploitation", ("code",)):
        for key in ("elements", "excludes"):
            terms(v, key, "purposes", vloc)
    return errors


# -- applying a draft --------------------------------------------------------------------------------------------


def read(kb: KB, source: Input, display: str) -> tuple[Draft, Any]:
    """The draft (a path, `-` for standard input, or bytes; at most inputs.DRAFT bytes read), its terms
    normalised to ids, and its locator; InvalidKB naming the draft's lines."""
    text = inputs.read_text(source, display, inputs.DRAFT)
    locator = functools.cache(lambda: yamlio.Locator(text, display))
    data = yamlio.parse(text, display)
    errors = _normalise(kb, data) if isinstance(data, dict) else []
    terms = [locator().finding(loc, message) for loc, message in errors]
    findings: list[Finding] = []
    draft = parse(Draft, (data, None), display, findings, locator)  # the model's problems, with the terms'
    if draft is None or errors:
        at = {(f.line, f.col) for f in terms}  # a term already refused is not refused again by its shape
        findings = terms + [f for f in findings if (f.line, f.col) not in at]
        raise InvalidKB(sorted(findings, key=lambda f: (f.line or 0, f.col or 0)))
    return draft, locator


def apply(kb: KB, source: Input, on: dt.date, display: str | None = None) -> tuple[KB, str]:
    """The KB with the draft applied, and the draft act's id; InvalidKB naming the draft's lines. Without its own
    `in_force` the draft takes effect on `on`."""
    display = display or inputs.display_name(source)
    try:
        return _apply(kb, source, on, display)
    except InvalidKB as e:
        raise InvalidKB(e.findings, f"the draft {display}") from None


def _apply(kb: KB, source: Input, on: dt.date, display: str) -> tuple[KB, str]:
    draft, locator = read(kb, source, display)
    d = draft.draft
    if d.id in kb.acts:
        raise InvalidKB([locator().finding(("draft", "id"), f"{d.id!r} is already an act of the knowledge base")])
    act = Act(id=d.id, draft=True, number=UNKNOWN, title=d.title, signed=d.in_force or on, in_force=d.in_force or on,
              summary=d.summary, sources=[SourceRef(ref=DRAFT_SOURCE, supports="the draft")], confidence="unverified")
    registry = kb.sources.model_copy(update={"sources": {
        **kb.sources.sources, **draft.sources,
        DRAFT_SOURCE: Source(doc=display, title=f"draft: {d.title.en or d.id}", grade="unverified")}})
    overlay = dataclasses.replace(kb, acts={**kb.acts, act.id: act}, sources=registry, key=None, cache=None)  # not the files
    checker = Checker(overlay, {"draft": locator})
    articles: dict[str, Article] = {}  # the amended ones; the others are read from the KB when asked for
    seen: set[str] = set()
    for ai, patch in enumerate(draft.articles):
        loc = ("articles", ai)
        base = kb.articles.get(patch.article)
        if base is None:
            checker.report("draft", (*loc, "article"), f"article {patch.article} is not in the knowledge base")
            continue
        if patch.article in seen:
            checker.report("draft", (*loc, "article"), f"article {patch.article} is already amended above in "
                           f"this draft; give all its changes in one entry")
            continue
        seen.add(patch.article)
        articles[patch.article] = _merge(checker, overlay, base, patch, loc)
    code = _general(checker, overlay, draft.code) if draft.code else kb.code
    checker.provenance("draft", (), draft)
    if checker.findings:
        raise InvalidKB(checker.findings)
    digests = {n: d for n, d in kb.digests.items() if n not in articles}  # an amended article's is made anew
    return dataclasses.replace(overlay, articles=Amended(kb.articles, articles), code=code, digests=digests), act.id


class Amended(abc.Mapping):
    """The KB's articles with a draft's amended ones in their place, in the KB's order; an article the draft
    leaves alone is read (and validated) only when a command asks for it."""

    def __init__(self, base: abc.Mapping, amended: dict):
        self._base, self._amended = base, amended

    def __getitem__(self, number: str) -> Article:
        return self._amended[number] if number in self._amended else self._base[number]

    def __iter__(self):
        return iter(self._base)

    def __len__(self) -> int:
        return len(self._base)

    def __contains__(self, number: object) -> bool:
        return number in self._base


def _after(checker: Checker, kb: KB, loc: tuple, old: list, new: list) -> list:
    """Check the new versions: they are the draft's own, and they follow the old ones in time."""
    draft = next(a.id for a in kb.acts.values() if a.draft)
    for i, v in enumerate(new):
        if v.act != draft:
            checker.report("draft", (*loc, i, "act"), f"a draft's versions are its own: write act: {draft}")
    if checker.versions("draft", loc, new) and old and new:
        last, first = when(old[-1], kb.acts), when(new[0], kb.acts)
        if not last.until < first.earliest:
            checker.report("draft", (*loc, 0), f"starts {said(first)}, not after the version in force "
                                                f"({said(last)})")
    return [*old, *new]


def _general(checker: Checker, kb: KB, patch: CodePatch):
    code = kb.code
    update: dict[str, Any] = {}
    for name in ("age_of_majority", "crime_categories", "exploitation"):
        new = getattr(patch, name)
        if new:
            update[name] = _after(checker, kb, ("code", name), list(getattr(code, name)), new)
    rules = dict(code.general_part)
    for name, new in patch.general_part.items():
        rules[name] = _after(checker, kb, ("code", "general_part", name), list(rules.get(name, [])), new)
    return code.model_copy(update={**update, "general_part": rules})


def _merge(checker: Checker, kb: KB, base: Article, patch: ArticlePatch, loc: tuple) -> Article:
    parts = list(base.parts)
    titles = _after(checker, kb, (*loc, "titles"), list(base.titles), patch.titles)
    part_ids = [pp.id for pp in patch.parts]
    for pi, pp in enumerate(patch.parts):
        ploc = (*loc, "parts", pi)
        if part_ids.index(pp.id) != pi:
            checker.report("draft", (*ploc, "id"), f"part {pp.id} is already amended above in this draft")
            continue
        for vi, v in enumerate(pp.versions):
            checker.penalty("draft", (*ploc, "versions", vi), v.penalty)
        existing = base.part(pp.id)
        if existing is None and not pp.versions:
            checker.report("draft", ploc, f"new part {pp.id} needs at least one version")
            continue
        old_items = {i.id: i for i in (existing.items if existing else [])}
        items = dict(old_items)
        item_ids = [item.id for item in pp.items]
        for ii, item in enumerate(pp.items):
            if item_ids.index(item.id) != ii:
                checker.report("draft", (*ploc, "items", ii, "id"), f"item {item.id} is already amended above in this "
                               f"draft")
                continue
            old = old_items[item.id].versions if item.id in old_items else []
            items[item.id] = Item(id=item.id, versions=_after(checker, kb, (*ploc, "items", ii, "versions"),
                                                              list(old), item.versions))
        versions = _after(checker, kb, (*ploc, "versions"), list(existing.versions) if existing else [], pp.versions)
        builds_on = pp.builds_on if pp.builds_on is not None else (existing.builds_on if existing else [])
        ids = {p.id for p in parts} | {pp.id}
        for b in builds_on:
            if b not in ids or b == pp.id:
                checker.report("draft", (*ploc, "builds_on"), f"builds on part {b!r}, which article {base.article} does not have")
        merged = {"id": pp.id, "label": pp.label or (existing.label if existing else None), "builds_on": builds_on,
                  "versions": versions, "items": list(items.values())}
        if existing is None:
            parts.append(type(base.parts[0]).model_validate(merged))
        else:
            parts[parts.index(existing)] = existing.model_copy(update=merged)
    return base.model_copy(update={"parts": parts, "titles": titles})


# -- a draft pre-filled from the law in force --------------------------------------------------------------------


def template(kb: KB, subject: str, on: dt.date) -> str:
    """A draft of `subject` (a citation such as 128, 128.1, 135.2.7, or a general-part fact such as exploitation
    or age_of_majority) pre-filled from the version in force on `on`, with vocabulary ids. Where a value is unknown
    on that date, its last known value is filled in and marked; a value never known is written `unknown`."""
    from ruamel.yaml import YAML
    from ruamel.yaml.comments import CommentedMap

    from .snapshot import Snapshot, points

    facts = kb.code.facts()
    slug = subject.strip().replace(".", "-").replace(" ", "-").lower()
    act_id = f"draft-{slug}"
    doc = CommentedMap()
    readings = points(kb, on, [] if subject in facts else [parse_citation(subject).article])
    snap = Snapshot(kb, readings[-1])  # a date inside acts' windows: the reading with all of them in force
    if subject in facts:
        at = snap.fact(subject)
        if at.version is None:
            raise NotFound(f"the general-part fact {subject} is not in force on {on.isoformat()}")
        what = f"the general part ({subject})"
        entry = CommentedMap()
        entry[subject] = [_version(at, act_id)]
        body = CommentedMap(code=entry)
    else:
        c = parse_citation(subject)
        art = snap.article(c.article)
        parts = []
        for pa in art.in_force():
            if c.part and pa.part.id != c.part:
                continue
            part = CommentedMap(id=pa.part.id)
            if not c.item:
                part["versions"] = [_version(pa.at, act_id)]
            items = [(i, at) for i, at in pa.items.items() if at.version is not None and (not c.item or i == c.item)]
            if items:
                part["items"] = [CommentedMap(id=i, versions=[_version(at, act_id)]) for i, at in items]
            if c.item and not items:
                continue
            parts.append(part)
        if not parts:
            from .show import show

            show(kb, c, on)  # says why: not encoded, not in force, or an item the part lacks
            raise NotFound(f"{subject}: nothing of it is in force on {on.isoformat()} (see: tipkb show {c.article})")
        what = f"Art. {c.article}" + (f" part {c.part}" if c.part else "") + (f" item {c.item}" if c.item else "")
        body = CommentedMap(articles=[CommentedMap(article=c.article, parts=parts)])
    doc["draft"] = CommentedMap(id=act_id, title=CommentedMap(en=f"Draft amendment of {what}"))
    doc.update(body)
    out = io.StringIO()
    y = YAML()
    y.width = 72  # (an 80-column terminal shows it whole, indents included)
    y.indent(mapping=2, sequence=4, offset=2)
    y.dump(doc, out)
    paragraphs = [f"A draft of {what}, pre-filled from the law in force on {on.isoformat()}. Edit the versions; "
                  "terms may be vocabulary ids, labels or synonyms (en/ru/kk). A value marked LAST KNOWN is unknown "
                  "on that date: check it before you rely on it. Give the draft a date with `in_force: YYYY-MM-DD` "
                  "under `draft:`; without one it takes effect on the date of the report.",
                  "Try it: tipkb gaps --draft FILE; tipkb diff --to FILE"]
    # the acts whose window covers the date and that made a version of the subject (every fact's acts are read
    # for any date, but only the subject's matter here)
    made = {v.act for v in facts[subject]} if subject in facts else \
        {v.act for versions in kb.articles[parse_citation(subject).article].version_lists() for v in versions}
    windowed = [a.act for a in readings[-1].assumed if a.act in made]
    if windowed:
        acts = ", ".join(_act_name(kb.acts[a]) for a in windowed)
        see = f"tipkb history {subject} shows its versions and their dates" if subject in facts else \
            f"tipkb show {subject} --on {on.isoformat()} shows each reading"
        paragraphs.append(f"{on.isoformat()} lies inside the in-force window of {acts}: pre-filled as if in force "
                          f"by then ({see}).")
    # (code in backticks is kept on one line)
    unbroken = [re.sub(r"`[^`]*`", lambda m: m.group(0).replace(" ", "\u00a0"), p) for p in paragraphs]
    head = "".join(f"# {line}\n".replace("\u00a0", " ") for p in unbroken
                   for line in textwrap.wrap(p, 76, break_on_hyphens=False))
    return head + "".join(line.rstrip() + "\n" for line in out.getvalue().splitlines())  # flow lists wrap after a space


def _act_name(act) -> str:
    return f"Law {act.number}" if act.number != UNKNOWN else act.names[0] if act.names else act.id


def _version(at, act_id: str):
    """The version in force as a draft version of `act_id`: its content, the last known value of an unknown
    field (marked), the draft as its source."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    v = at.version
    out = CommentedMap(act=act_id)
    dump = v.model_dump(mode="json", by_alias=True, exclude_none=True,
                        exclude={"act", "from_", "sources", "confidence", "basis", "note", "repealed",
                                 "penalty_provenance", "conflicts", "text_ru", "text_kk"})
    for name, value in dump.items():
        lk = at.last_known(name) if value == UNKNOWN else None
        if lk is not None:
            value = lk.value
        out[name] = _yaml_value(name, value, CommentedMap, CommentedSeq)
        if lk is not None:
            out.yaml_add_eol_comment(f"LAST KNOWN: {lk.act}, {lk.grade}", name)  # (the head says what it means)
    out["sources"] = [CommentedMap(ref=DRAFT_SOURCE, supports="the proposed wording")]
    out["confidence"] = "unverified"
    return out


def _yaml_value(name: str, value: Any, cmap, cseq) -> Any:
    """Durations back to '4y'; lists of ids on one line."""
    if isinstance(value, dict):
        return cmap((k, _yaml_value(k, v, cmap, cseq)) for k, v in value.items() if v is not None)
    if isinstance(value, list):
        seq = cseq(_yaml_value(name, v, cmap, cseq) for v in value)
        if all(isinstance(v, str) for v in value):
            seq.fa.set_flow_style()
        return seq
    if name in ("min", "max", "term", "max_months") and isinstance(value, int):
        return format_months(value)
    if isinstance(value, str) and len(value) > 60:
        from ruamel.yaml.scalarstring import FoldedScalarString

        return FoldedScalarString(value)  # folded at spaces: no line ends in a space
    return value
