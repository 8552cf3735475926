"""What changed in the Code between two points: dates, amending acts, or a draft overlay.

A point is turned into a *state*: the set of amending acts applied. "292-VI" is the Code with every act up
to and including Law 292-VI; with `before`, every act before it. A date applies the acts certainly in
force on it; when an act's in-force window covers the date there are two states, and both readings are
reported rather than one chosen. Comparing states, not dates, makes an act-to-act diff exact even when
the act's own in-force date is known only as a window.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from pydantic import BaseModel

from . import category
from .errors import NotFound
from .load import KB
from .lookup import act_name
from .model import UNKNOWN, Article, Elements, Penalty, Versioned
from .timeline import act_start, check_on, parse_date
from .words import KIND, additional, punishment

SLOTS = ("acts", "means", "purposes", "victim", "circumstances")


@dataclass(frozen=True)
class State:
    label: str
    acts: frozenset[str]
    on: dt.date | None = None  # a date point: versions with their own `from` must have started

    def pick(self, versions: Sequence[Versioned]) -> Versioned | None:
        chosen = None
        for v in versions:
            if v.act in self.acts and (v.from_ is None or self.on is None or v.from_ <= self.on):
                chosen = v
        return None if chosen is None or chosen.repealed else chosen


def find_act(kb: KB, text: str):
    wanted = text.strip().lower().removeprefix("law ").removeprefix("kz-law-")
    for act in kb.acts.values():
        if wanted in (str(act.number).lower(), act.id.lower().removeprefix("kz-law-")):
            return act
    raise NotFound(f"no amending act {text!r}; the KB has {', '.join(act_name(a) for a in kb.acts.values())}")


def states(kb: KB, point: str, before: bool = False) -> list[State]:
    """One state, or two when a date falls inside an act's in-force window."""
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", point.strip()):
        on = parse_date(point.strip())
        check_on(on, kb.acts, kb.code.act)  # before the Code there is no law in the KB to compare
        possible = frozenset(a.id for a in kb.acts.values() if act_start(a).earliest <= on)
        used = kb.referenced_acts()  # an act no version refers to changes nothing, in force or not
        certain = frozenset(a for a in possible if act_start(kb.acts[a]).latest <= on or a not in used)
        if certain == possible:
            return [State(on.isoformat(), certain, on)]
        pending = ", ".join(f"Law {act_name(kb.acts[a])}" for a in sorted(possible - certain))
        return [State(f"{on} if {pending} had not yet come into force", certain, on),
                State(f"{on} if {pending} had come into force", possible, on)]
    return [act_state(kb, find_act(kb, point).id, before)]


def act_state(kb: KB, act_id: str, before: bool = False) -> State:
    """The Code with every act up to this one (or, `before`, up to the one before it) applied."""
    order = sorted(kb.acts.values(), key=lambda a: (act_start(a).earliest, act_start(a).latest, a.id))
    act = kb.acts[act_id]
    upto = order[: order.index(act) + (0 if before else 1)]
    label = f"just before Law {act_name(act)}" if before else f"with Law {act_name(act)}"
    return State(label, frozenset(a.id for a in upto))


class Change(BaseModel):
    article: str
    provision: str  # "128", "128.1", "135.2.7"
    kind: str  # penalty, category, elements, summary, text, title, part_added, part_repealed, item_added,
    #            item_removed, item_renumbered, builds_on
    headline: str
    before: str | None = None
    after: str | None = None
    act: str | None = None  # the act behind the later version
    confidence_before: str | None = None
    confidence_after: str | None = None


class ArticleDiff(BaseModel):
    article: str
    title: str
    changes: list[Change]


class DiffReading(BaseModel):
    from_state: str
    to_state: str
    articles: list[ArticleDiff]


class DiffReport(BaseModel):
    from_point: str
    to_point: str
    ambiguous: bool
    readings: list[DiffReading]


# -- normalising: formatting is not a change ---------------------------------------------------------------

_QUOTES = str.maketrans({"«": '"', "»": '"', "“": '"', "”": '"', "„": '"', "‘": "'", "’": "'"})


def norm(text: str | None) -> str | None:
    return None if text is None else " ".join(text.translate(_QUOTES).split())


def word_diff(old: str | None, new: str | None) -> str:
    a, b = (norm(old) or "").split(), (norm(new) or "").split()
    out = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(" ".join(a[i1:i2]))
        else:
            if i2 > i1:
                out.append("[-" + " ".join(a[i1:i2]) + "-]")
            if j2 > j1:
                out.append("{+" + " ".join(b[j1:j2]) + "+}")
    return " ".join(out)


# -- comparing versions ------------------------------------------------------------------------------------


def _mains(p: Penalty | str | None) -> dict[str, str] | str | None:
    if p is None or p == UNKNOWN or p.main == UNKNOWN:
        return None if p is None else UNKNOWN
    return {m.kind: punishment(m.kind, m.min, m.max) for m in p.main}


def _additionals(p: Penalty | str | None) -> dict[str, str] | str | None:
    if p is None or p == UNKNOWN or p.additional == UNKNOWN:
        return None if p is None else UNKNOWN
    return {a.kind: additional(a.kind, a.mandatory, a.term) for a in p.additional}


def penalty_changes(old: Penalty | str | None, new: Penalty | str | None) -> list[tuple[str, str | None, str | None]]:
    """(headline, before, after) for each difference in the main and additional punishments."""
    out = []
    for what, get in (("main", _mains), ("additional", _additionals)):
        a, b = get(old), get(new)
        if a == b:
            continue
        if not isinstance(a, dict) or not isinstance(b, dict):
            text = lambda x: "unknown" if x == UNKNOWN else "none" if x is None else "; ".join(x.values())  # noqa: E731
            out.append((f"{what} punishment {text(a)} → {text(b)}", text(a), text(b)))
            continue
        for kind in sorted(a.keys() | b.keys()):
            if kind not in a:
                out.append((f"{what} punishment added: {b[kind]}", None, b[kind]))
            elif kind not in b:
                out.append((f"{what} punishment dropped: {a[kind]}", a[kind], None))
            elif a[kind].replace("(optional)", "(mandatory)") == b[kind]:
                out.append((f"{a[kind].removesuffix(' (optional)')} made mandatory", a[kind], b[kind]))
            elif a[kind].replace("(mandatory)", "(optional)") == b[kind]:
                out.append((f"{a[kind].removesuffix(' (mandatory)')} made optional", a[kind], b[kind]))
            elif a[kind] != b[kind]:
                out.append((f"{a[kind]} → {b[kind].removeprefix(KIND[kind] + ' ')}", a[kind], b[kind]))
    return out


def _elements(e: Elements | str | None) -> dict[str, set[str]] | None:
    return {s: set(getattr(e, s)) for s in SLOTS} if isinstance(e, Elements) else None


def _content(v: Versioned) -> tuple:
    """What a version says, formatting aside: equal tuples are the same provision."""
    e = getattr(v, "elements", None)
    return (norm(getattr(v, "summary", None)), tuple(sorted(e.ids())) if isinstance(e, Elements) else e,
            norm(getattr(v, "text_ru", None)))


@dataclass
class Side:
    kb: KB
    state: State

    def title(self, art: Article):
        return self.state.pick(art.titles)

    def parts(self, art: Article) -> dict[str, tuple]:
        out = {}
        for part in art.parts:
            v = self.state.pick(part.versions)
            if v is not None:
                items = {i.id: iv for i in part.items if (iv := self.state.pick(i.versions)) is not None}
                out[part.id] = (v, items)
        return out

    def category(self, v) -> str:
        return category.derive_with(self.state.pick(self.kb.code.crime_categories), v.penalty)[0]


def version_changes(art: str, prov: str, a, b, sa: Side, sb: Side) -> list[Change]:
    act = f"Law {act_name(sb.kb.acts[b.act])}"
    common = dict(article=art, provision=prov, act=act, confidence_before=a.confidence, confidence_after=b.confidence)
    out = []
    if hasattr(a, "penalty"):
        for headline, before, after in penalty_changes(a.penalty, b.penalty):
            out.append(Change(kind="penalty", headline=f"{prov}: {headline} ({act})", before=before, after=after,
                              **common))
        ca, cb = sa.category(a), sb.category(b)
        if ca != cb:
            out.append(Change(kind="category", headline=f"{prov}: category {ca} → {cb} ({act})", before=ca,
                              after=cb, **common))
    ea, eb = _elements(getattr(a, "elements", None)), _elements(getattr(b, "elements", None))
    if ea is None or eb is None:
        if getattr(a, "elements", None) != getattr(b, "elements", None):
            show = lambda e: "unknown" if e == UNKNOWN else "none" if e is None else ", ".join(sorted(e.ids()))  # noqa: E731
            out.append(Change(kind="elements", headline=f"{prov}: elements {show(a.elements)} → {show(b.elements)} ({act})",
                              before=show(a.elements), after=show(b.elements), **common))
    else:
        for slot in SLOTS:
            added, removed = sorted(eb[slot] - ea[slot]), sorted(ea[slot] - eb[slot])
            if added:
                out.append(Change(kind="elements", headline=f"{prov}: {slot} added: {', '.join(added)} ({act})",
                                  after=", ".join(added), **common))
            if removed:
                out.append(Change(kind="elements", headline=f"{prov}: {slot} removed: {', '.join(removed)} ({act})",
                                  before=", ".join(removed), **common))
    for field, kind in (("summary", "summary"), ("text_ru", "text")):
        x, y = getattr(a, field, None), getattr(b, field, None)
        if norm(x) != norm(y):
            words = word_diff(x, y) if x and y and UNKNOWN not in (x, y) else y
            out.append(Change(kind=kind, headline=f"{prov}: {'official text' if kind == 'text' else 'summary'} "
                                                  f"reworded ({act})", before=x, after=words, **common))
    return out


def article_changes(art: Article, sa: Side, sb: Side) -> list[Change]:
    out: list[Change] = []
    ta, tb = sa.title(art), sb.title(art)
    if ta is not None and tb is not None and ta is not tb:
        for lang in ("ru", "kk", "en"):
            x, y = ta.title.get(lang), tb.title.get(lang)
            if norm(x) != norm(y):
                act = f"Law {act_name(sb.kb.acts[tb.act])}"
                out.append(Change(article=art.article, provision=art.article, kind="title",
                                  headline=f"{art.article}: title ({lang}) {x or 'none'} → {y or 'none'} ({act})",
                                  before=x, after=y, act=act, confidence_before=ta.confidence,
                                  confidence_after=tb.confidence))
    pa, pb = sa.parts(art), sb.parts(art)
    for pid in [p.id for p in art.parts]:
        prov = f"{art.article}.{pid}"
        if pid not in pa and pid not in pb:
            continue
        if pid not in pa:
            v, _ = pb[pid]
            act = f"Law {act_name(sb.kb.acts[v.act])}"
            out.append(Change(article=art.article, provision=prov, kind="part_added", act=act,
                              headline=f"{prov}: part added ({act})", after=v.summary, confidence_after=v.confidence))
            continue
        if pid not in pb:
            out.append(Change(article=art.article, provision=prov, kind="part_repealed",
                              headline=f"{prov}: part repealed", before=pa[pid][0].summary,
                              confidence_before=pa[pid][0].confidence))
            continue
        (va, ia), (vb, ib) = pa[pid], pb[pid]
        if va is not vb:
            out += version_changes(art.article, prov, va, vb, sa, sb)
        out += _item_changes(art.article, prov, ia, ib, sa, sb)
    return out


def _item_changes(art: str, prov: str, ia: dict, ib: dict, sa: Side, sb: Side) -> list[Change]:
    out: list[Change] = []
    gone = {i: v for i, v in ia.items() if i not in ib}
    new = {i: v for i, v in ib.items() if i not in ia}
    # Renumbering: an item that vanished under one number and appears, unchanged, under another.
    for old_id, v in list(gone.items()):
        match = next((nid for nid, nv in new.items() if _content(nv) == _content(v)), None)
        if match is not None:
            out.append(Change(article=art, provision=f"{prov}.{match}", kind="item_renumbered",
                              headline=f"{prov}: item {old_id} renumbered as item {match}, same content",
                              before=old_id, after=match))
            del gone[old_id], new[match]
    for iid, v in gone.items():
        out.append(Change(article=art, provision=f"{prov}.{iid}", kind="item_removed",
                          headline=f"{prov}.{iid}: item removed", before=v.summary, confidence_before=v.confidence))
    for iid, v in new.items():
        act = f"Law {act_name(sb.kb.acts[v.act])}"
        out.append(Change(article=art, provision=f"{prov}.{iid}", kind="item_added", act=act,
                          headline=f"{prov}.{iid}: item added: {v.summary} ({act})", after=v.summary,
                          confidence_after=v.confidence))
    for iid in ia.keys() & ib.keys():
        if ia[iid] is not ib[iid] and _content(ia[iid]) != _content(ib[iid]):
            out += version_changes(art, f"{prov}.{iid}", ia[iid], ib[iid], sa, sb)
    return out


def resolve(kb: KB, point: str, before: bool = False) -> tuple[KB, list[State]]:
    """A point (a date, an act, or a draft file, `-` for standard input) as the KB to read and its state(s)."""
    if point == "-" or point.endswith((".yaml", ".yml", ".json")):
        from .draft import apply

        overlay = apply(kb, Path(point), dt.date.today())
        return overlay, [State(f"with draft {point}", frozenset(overlay.acts))]
    return kb, states(kb, point, before)


def diff(kb_from: KB, froms: list[State], kb_to: KB, tos: list[State], articles: list[str] | None,
         from_point: str, to_point: str, lang: str = "en") -> DiffReport:
    wanted = articles or list(kb_to.articles)
    for a in wanted:
        if a not in kb_to.articles:
            raise NotFound(f"article {a} is not in the knowledge base; it holds {', '.join(kb_to.articles)}")
    readings = []
    for sa in froms:
        for sb in tos:
            arts = []
            for number in wanted:
                art_to = kb_to.articles[number]
                changes = article_changes(art_to, Side(kb_from, sa), Side(kb_to, sb)) if number in kb_from.articles \
                    else []
                title = sb.pick(art_to.titles)
                name = (title.title.pick(lang) if title else None) or ""
                arts.append(ArticleDiff(article=number, title=name, changes=changes))
            readings.append(DiffReading(from_state=sa.label, to_state=sb.label, articles=arts))
    return DiffReport(from_point=from_point, to_point=to_point, ambiguous=len(readings) > 1, readings=readings)


def article_text(kb: KB, art: Article, state: State) -> list[str]:
    """A plain, stable rendering of an article in one state, for ordinary line-diff tools."""
    side = Side(kb, state)
    title = side.title(art)
    lines = [f"Art. {art.article}. {title.title.en if title else 'unknown'}"]
    for pid, (v, items) in side.parts(art).items():
        lines.append(f"  Part {pid} [Law {act_name(kb.acts[v.act])}; {v.confidence}]")
        lines.append(f"    summary: {norm(v.summary) or '-'}")
        e = _elements(v.elements)
        lines += [f"    {slot}: {', '.join(sorted(e[slot]))}" for slot in SLOTS if e and e[slot]]
        if v.elements == UNKNOWN:
            lines.append("    elements: unknown")
        main, extra = _mains(v.penalty), _additionals(v.penalty)
        if main is not None:
            lines.append(f"    penalty: {main if main == UNKNOWN else ' or '.join(main.values())}")
            lines.append(f"    additional: {extra if extra == UNKNOWN else '; '.join(extra.values()) or 'none'}")
        for iid, iv in items.items():
            ie = _elements(iv.elements)
            ids = ", ".join(sorted(set().union(*ie.values()))) if ie else "unknown"
            lines.append(f"    item {iid}) {norm(iv.summary) or '-'} [{ids}; {iv.confidence}]")
    return lines


def unified(kb_from: KB, kb_to: KB, report: DiffReport, from_states: list[State], to_states: list[State]) -> str:
    out = []
    for sa in from_states:
        for sb in to_states:
            for a in report.readings[0].articles:
                old = article_text(kb_from, kb_from.articles[a.article], sa) if a.article in kb_from.articles else []
                new = article_text(kb_to, kb_to.articles[a.article], sb)
                out += difflib.unified_diff(old, new, f"art-{a.article} ({sa.label})", f"art-{a.article} ({sb.label})",
                                            lineterm="")
    return "\n".join(out) + ("\n" if out else "")
