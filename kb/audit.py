"""The work list for whoever can read the official texts: every fact the engines rely on that is not yet
`official` — the articles, the general part, the amending acts, Resolution No. 7, Law 110-VIII, the treaties
and the mapping — worst first, with what is unknown in it and the sources to check."""

from __future__ import annotations

from typing import Iterable, Literal

from .diff import slots
from .model import GRADE_RANK, GRADES, UNKNOWN, Data, Graded, Versioned, Window
from .results import SourceCite, cite
from .timeline import When, when


class AuditRow(Data):
    provision: str  # "128.1", "128 title", "128 structure", "exploitation", "kz-law-292-VI", a rule's id ...
    act: str | None  # the act that made the version, for a versioned fact
    when: When | None
    grade: str
    basis: str | None
    unknown: list[str]  # what the fact leaves unknown: "penalty", "title.kk", "in_force (a window)" ...
    sources: list[SourceCite]
    note: str | None = None


class AuditGroup(Data):
    kind: Literal["article", "general", "acts", "instrument", "mapping"]
    name: str  # the article number, the instrument's id ...
    rows: list[AuditRow]


class AuditReport(Data):
    groups: list[AuditGroup]
    total: int
    by_grade: dict[str, int]  # every fact the engines rely on, official included


def _unknown(v: Graded) -> list[str]:
    out = [k for k, val in slots(v).items() if val == UNKNOWN] if isinstance(v, Versioned) else []
    if getattr(v, "summary", None) == UNKNOWN:
        out.append("summary")
    if getattr(v, "items_complete", True) is False:
        out.append("items (only some known)")
    title = getattr(v, "title", None)
    if title is not None and hasattr(title, "get"):
        out += [f"title.{lang}" for lang in ("ru", "kk") if title.get(lang) in (None, UNKNOWN)]
    return list(dict.fromkeys(out))


def _row(kb, provision: str, g: Graded, extra: list[str] = ()) -> AuditRow:
    versioned = isinstance(g, Versioned)
    return AuditRow(provision=provision, act=g.act if versioned else None,
                    when=when(g, kb.acts) if versioned else None, grade=g.confidence, basis=g.basis,
                    unknown=[*_unknown(g), *extra], sources=cite(kb, g.sources), note=getattr(g, "note", None))


def _facts(kb) -> Iterable[tuple[str, str, list[AuditRow]]]:
    """(kind, name, rows) for every group of facts, official ones included."""
    for art in kb.articles.values():
        n = art.article
        rows = [_row(kb, f"{n} title", v) for v in art.titles]
        rows += [_row(kb, f"{n} structure", v) for v in art.structure]
        rows += [_row(kb, f"{n} reported ({r.scope}{' ' + r.part if r.part else ''})", r) for r in art.reported]
        for part in art.parts:
            for v in part.versions:
                rows.append(_row(kb, f"{n}.{part.id}", v))
                if v.penalty_provenance is not None:  # the penalty rests on sources of its own (an imported text)
                    rows.append(_row(kb, f"{n}.{part.id} penalty", v.penalty_provenance))
                rows += [_row(kb, f"{n}.{part.id} (conflicting source)", c) for c in v.conflicts]
            rows += [_row(kb, f"{n}.{part.id}.{item.id}", v) for item in part.items for v in item.versions
                     if not v.repealed]
        rows += [_row(kb, f"{n} note {note.id}", v) for note in art.code_notes for v in note.versions]
        yield "article", n, rows
    yield "general", "Code", [_row(kb, "Code", kb.code)] + [
        _row(kb, name, v) for name, versions in kb.code.facts().items() for v in versions]
    acts = []
    for act in kb.acts.values():
        f = act.in_force
        extra = (["in_force (a window)"] if isinstance(f, Window) else []) + (["number"] if act.number == UNKNOWN else [])
        acts.append(_row(kb, act.id, act, extra))
        if isinstance(f, Graded):
            acts.append(_row(kb, f"{act.id} in force", f))
    yield "acts", "amending acts", acts
    for ins in kb.instruments.values():
        yield "instrument", ins.id, [_row(kb, ins.id, ins)] + [_row(kb, f"{ins.id} {p.id}", p) for p in ins.provisions]
    if kb.mapping is not None:
        m = kb.mapping
        yield "mapping", "equivalents and annotations", [
            *(_row(kb, f"equivalent {e.national} ~ {e.protocol} ({e.degree})", e) for e in m.equivalents),
            *(_row(kb, f"annotation {a.requirement}", a) for a in m.annotations)]


def _worst_first(rows: list[AuditRow]) -> list[AuditRow]:
    return sorted(rows, key=lambda r: (GRADE_RANK[r.grade], -len(r.unknown)))


def audit(kb) -> AuditReport:
    groups, counts = [], dict.fromkeys(GRADES, 0)
    for kind, name, rows in _facts(kb):
        for r in rows:
            counts[r.grade] += 1
        todo = [r for r in rows if r.grade != "official"]
        if todo:
            groups.append(AuditGroup(kind=kind, name=name, rows=_worst_first(todo)))
    groups.sort(key=lambda g: GRADE_RANK[g.rows[0].grade])
    return AuditReport(groups=groups, total=sum(len(g.rows) for g in groups), by_grade=counts)

