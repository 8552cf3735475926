"""The work list for whoever can read the official texts: every fact not checked against one."""

from __future__ import annotations

from pydantic import BaseModel

from .load import KB
from .lookup import SourceCite, act_name, cite, version_info
from .model import CONFIDENCE_RANK, UNKNOWN, Confidence, Versioned, Window


class AuditRow(BaseModel):
    provision: str  # "128.1", "128 title", "135.2.7", "Art. 3 item 1", "Law 292-VI"
    version: str  # the amending act and when it came into force
    confidence: Confidence
    unknown: list[str]  # fields written as unknown in this version
    sources: list[SourceCite]
    note: str | None = None


class AuditGroup(BaseModel):
    group: str  # "Art. 128", "Code (general part)", "Amending acts"
    rows: list[AuditRow]


class AuditReport(BaseModel):
    groups: list[AuditGroup]
    total: int
    by_confidence: dict[str, int]


def _unknown_fields(v: Versioned) -> list[str]:
    fields = []
    for name in ("summary", "elements", "penalty", "categories", "value", "number"):
        value = getattr(v, name, None)
        if value == UNKNOWN:
            fields.append(name)
        elif name == "penalty" and value is not None and value != UNKNOWN:
            fields += [f"penalty.{k}" for k in ("main", "additional") if getattr(value, k) == UNKNOWN]
    if getattr(v, "items_complete", True) is False:
        fields.append("items (incomplete)")
    title = getattr(v, "title", None)
    if title is not None:
        fields += [f"title.{lang}" for lang in ("ru", "kk", "en") if title.get(lang) in (None, UNKNOWN)]
    return fields


def _row(kb: KB, provision: str, v: Versioned) -> AuditRow:
    info = version_info(kb, v)
    return AuditRow(provision=provision, version=f"Law {info.act_number}, in force {info.in_force}",
                    confidence=v.confidence, unknown=_unknown_fields(v), sources=info.sources, note=v.note)


def _worst_first(rows: list[AuditRow]) -> list[AuditRow]:
    return sorted(rows, key=lambda r: (CONFIDENCE_RANK[r.confidence], -len(r.unknown)))


def audit(kb: KB) -> AuditReport:
    groups: list[AuditGroup] = []
    for art in kb.articles.values():
        rows = [_row(kb, f"{art.article} title", v) for v in art.titles if v.confidence != "official"]
        for part in art.parts:
            rows += [_row(kb, f"{art.article}.{part.id}", v) for v in part.versions if v.confidence != "official"]
            for item in part.items:
                rows += [_row(kb, f"{art.article}.{part.id}.{item.id}", v)
                         for v in item.versions if v.confidence != "official" and not v.repealed]
        if rows:
            groups.append(AuditGroup(group=f"Art. {art.article}", rows=_worst_first(rows)))
    code = kb.code
    general = [("age of majority", code.age_of_majority), ("Art. 11 crime categories", code.crime_categories),
               ("Art. 3 item 1 exploitation", code.exploitation)]
    rows = [_row(kb, name, v) for name, versions in general for v in versions if v.confidence != "official"]
    if rows:
        groups.append(AuditGroup(group="Code (general part)", rows=_worst_first(rows)))
    acts = []
    for act in kb.acts.values():
        unknown = (["in_force (a window)"] if isinstance(act.in_force, Window) else []) + \
                  (["number"] if act.number == UNKNOWN else [])
        if act.confidence != "official" or unknown:
            acts.append(AuditRow(provision=f"Law {act_name(act)}", version=f"signed {act.signed}",
                                 confidence=act.confidence, unknown=unknown, sources=cite(kb, act.sources),
                                 note=act.note))
    if acts:
        groups.append(AuditGroup(group="Amending acts", rows=_worst_first(acts)))
    groups.sort(key=lambda g: CONFIDENCE_RANK[g.rows[0].confidence])
    every = [r for g in groups for r in g.rows]
    counts = {c: sum(r.confidence == c for r in every) for c in ("unverified", "secondary")}
    return AuditReport(groups=groups, total=len(every), by_confidence=counts)
