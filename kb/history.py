"""The timeline of an article or part: each version, when it was in force, what made it, what changed."""

from __future__ import annotations

from pydantic import BaseModel

from .citation import Citation
from .diff import Side, act_state, version_changes
from .errors import NotFound
from .load import KB
from .lookup import act_name, article
from .model import Versioned
from .timeline import start


class Entry(BaseModel):
    act: str
    act_number: str
    in_force: str  # a date, or "between A and B" when only the window is known
    window: bool
    until: str | None  # when the next version took over; None while in force
    repealed: bool
    confidence: str
    changes: list[str]  # headlines against the previous version; empty for the first


class Line(BaseModel):
    provision: str  # "134 title", "134.1", "126.2.5"
    label: str | None = None
    entries: list[Entry]


class History(BaseModel):
    citation: str
    title: str
    lines: list[Line]


def _line(kb: KB, provision: str, versions: list[Versioned], label: str | None = None) -> Line:
    entries = []
    for i, v in enumerate(versions):
        s = start(v, kb.acts)
        nxt = str(start(versions[i + 1], kb.acts)) if i + 1 < len(versions) else None
        changes: list[str] = []
        if i and v.repealed:
            changes = ["repealed"]
        elif i and hasattr(v, "title"):
            prev = versions[i - 1]
            changes = [f"title ({lang}): {prev.title.get(lang) or 'none'} → {v.title.get(lang) or 'none'}"
                       for lang in ("ru", "kk", "en") if prev.title.get(lang) != v.title.get(lang)]
        elif i:
            before = Side(kb, act_state(kb, versions[i - 1].act))
            after = Side(kb, act_state(kb, v.act))
            changes = [c.headline.removesuffix(f" ({c.act})").split(": ", 1)[1] for c in
                       version_changes(provision.split(".")[0], provision, versions[i - 1], v, before, after)]
        entries.append(Entry(act=v.act, act_number=act_name(kb.acts[v.act]), in_force=str(s), window=not s.exact,
                             until=nxt, repealed=v.repealed, confidence=v.confidence, changes=changes))
    return Line(provision=provision, label=label, entries=entries)


def history(kb: KB, cite: Citation, lang: str = "en") -> History:
    art = article(kb, cite.article)
    parts = art.parts
    if cite.part is not None:
        parts = [p for p in art.parts if p.id == cite.part]
        if not parts:
            raise NotFound(f"article {art.article} has no part {cite.part}")
    lines = [] if cite.part else [_line(kb, f"{art.article} title", art.titles)]
    for part in parts:
        lines.append(_line(kb, f"{art.article}.{part.id}", part.versions, part.label))
        lines += [_line(kb, f"{art.article}.{part.id}.{item.id}", item.versions) for item in part.items
                  if cite.item in (None, item.id) and len(item.versions) > 1 or cite.item == item.id]
    return History(citation=str(cite), title=art.titles[-1].title.pick(lang) or "", lines=lines)
