"""The work list for whoever can read the official texts: every fact the engines rely on that is not yet
`official` — the articles, the general part, the amending acts, Resolution No. 7, Law 110-VIII, the treaties
and the mapping — worst first, with what is unknown in it and the sources to check."""

from __future__ import annotations

from typing import Iterable, Literal

from .diff import slots
from .model import GRADE_RANK, GRADES, UNKNOWN, Graded, Versioned, Window
from .record import Data
from .results import SourceCite, cite
from .timeline import When, when


class AuditRow(Data):
    kind: Literal["part", "item", "penalty", "conflict", "title", "structure", "reported", "note", "code", "fact", "act",
                  "in_force", "instrument", "provision", "equivalent", "annotation"]
    # What the fact is about, by id: "128.1" (a part, its penalty or a losing source), "128.1.2", "128" (its title,
    # structure, reports, notes), a general-part fact's name, the Code's, an act's or an instrument's id,
    # "NATIONAL ~ PROTOCOL" (an equivalent), a requirement (an annotation).
    provision: str
    detail: str | None = None  # a note's or treaty provision's id, a report's scope, an equivalent's degree
    act: str | None  # the act that made the version, for a versioned fact
    when: When | None
    grade: str
    basis: str | None
    unknown: list[str]  # slots the fact leaves unknown: "penalty", "title.kk", "items" (only some known), "in_force"
    # (a window), "number" ...
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
        out.append("items")
    title = getattr(v, "title", None)
    if title is not None and hasattr(title, "get"):
        out += [f"title.{lang}" for lang in ("ru", "kk") if title.get(lang) in (None, UNKNOWN)]
    return list(dict.fromkeys(out))


def _row(kb, kind: str, provision: str, g: Graded, extra: list[str] = (), detail: str | None = None) -> AuditRow:
    versioned = isinstance(g, Versioned)
    return AuditRow(kind=kind, provision=provision, detail=detail, act=g.act if versioned else None,
                    when=when(g, kb.acts) if versioned else None, grade=g.confidence, basis=g.basis,
                    unknown=[*_unknown(g), *extra], sources=cite(kb, g.sources), note=getattr(g, "note", None))


def _facts(kb) -> Iterable[tuple[str, str, list[AuditRow]]]:
    """(kind, name, rows) for every group of facts, official ones included."""
    for art in kb.articles.values():
        n = art.article
        rows = [_row(kb, "title", n, v) for v in art.titles]
        rows += [_row(kb, "structure", n, v) for v in art.structure]
        rows += [_row(kb, "reported", f"{n}.{r.part}" if r.part else n, r, detail=r.scope) for r in art.reported]
        for part in art.parts:
            for v in part.versions:
                rows.append(_row(kb, "part", f"{n}.{part.id}", v))
                if v.penalty_provenance is not None:  # the penalty rests on sources of its own (an imported text)
                    rows.append(_row(kb, "penalty", f"{n}.{part.id}", v.penalty_provenance))
                rows += [_row(kb, "conflict", f"{n}.{part.id}", c) for c in v.conflicts]
            rows += [_row(kb, "item", f"{n}.{part.id}.{item.id}", v) for item in part.items for v in item.versions
                     if not v.repealed]
        rows += [_row(kb, "note", n, v, detail=note.id) for note in art.code_notes for v in note.versions]
        yield "article", n, rows
    yield "general", "Code", [_row(kb, "code", kb.code.id, kb.code)] + [
        _row(kb, "fact", name, v) for name, versions in kb.code.facts().items() for v in versions]
    acts = []
    for act in kb.acts.values():
        f = act.in_force
        extra = (["in_force"] if isinstance(f, Window) else []) + (["number"] if act.number == UNKNOWN else [])
        acts.append(_row(kb, "act", act.id, act, extra))
        if isinstance(f, Graded):
            acts.append(_row(kb, "in_force", act.id, f))
    yield "acts", "amending acts", acts
    for ins in kb.instruments.values():
        yield "instrument", ins.id, [_row(kb, "instrument", ins.id, ins)] + [
            _row(kb, "provision", ins.id, p, detail=p.id) for p in ins.provisions]
    if kb.mapping is not None:
        m = kb.mapping
        yield "mapping", "equivalents and annotations", [
            *(_row(kb, "equivalent", f"{e.national} ~ {e.protocol}", e, detail=e.degree) for e in m.equivalents),
            *(_row(kb, "annotation", a.requirement, a) for a in m.annotations)]


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

