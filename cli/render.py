"""Turn result objects into what a person reads: a terminal rendering or Markdown.

Each view is built once as a list of blocks; `to_markdown` and `to_console` render the same blocks, so
the terminal and the Markdown report never drift apart. JSON is the result object itself (see app.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kb.model import UNKNOWN, Elements, Text, Vocabulary
from kb.words import additional, punishment

Block = tuple  # ("title"|"heading"|"text"|"warn"|"field"|"item"|"table", ...)

MARK = {"official": "", "secondary": "◇ secondary", "unverified": "⚠ unverified"}


def mark(confidence: str) -> str:
    return f" [{MARK[confidence]}]" if MARK[confidence] else ""


def text(value: Text | None, lang: str) -> str:
    if value is None:
        return "unknown"
    chosen = value.get(lang)
    if chosen in (None, UNKNOWN) and lang != "en":
        fallback = value.get("en")
        return f"{fallback} ({lang}: unknown)" if fallback not in (None, UNKNOWN) else "unknown"
    return chosen or "unknown"


@dataclass
class Labels:
    vocabulary: Vocabulary
    lang: str

    def __call__(self, vid: str) -> str:
        term = self.vocabulary.terms.get(vid)
        if term is None:
            return vid
        label = term.label.get(self.lang)
        return label if label not in (None, UNKNOWN) else (term.label.en or vid)

    def elements(self, elements: Elements | str | None) -> list[tuple[str, str]]:
        if elements is None:
            return []
        if elements == UNKNOWN:
            return [("elements", "unknown")]
        slots = ("acts", "means", "purposes", "victim", "circumstances")
        return [(slot, ", ".join(self(v) for v in getattr(elements, slot))) for slot in slots
                if getattr(elements, slot)]


def main_text(main: Any) -> str:
    if main == UNKNOWN:
        return "unknown"
    return " or ".join(punishment(m.kind, m.min_months, m.max_months) for m in main) or "none"


def additional_text(items: Any) -> str:
    if items == UNKNOWN:
        return "unknown"
    return "; ".join(additional(a.kind, a.mandatory, a.term_months) for a in items) or "none"


# -- rendering blocks -------------------------------------------------------------------------------------


def to_markdown(blocks: list[Block]) -> str:
    lines: list[str] = []
    for b in blocks:
        kind = b[0]
        if kind == "title":
            lines += [f"# {b[1]}", ""]
        elif kind == "heading":
            lines += ["", f"## {b[1]}", ""]
        elif kind == "text":
            lines += [b[1], ""]
        elif kind == "warn":
            lines += [f"> {b[1]}", ""]
        elif kind == "field":
            lines.append(f"{'  ' * b[3] if len(b) > 3 else ''}- **{b[1]}:** {b[2]}")
        elif kind == "item":
            lines.append(f"{'  ' * b[2]}- {b[1]}")
        elif kind == "table":
            headers, rows = b[1], b[2]
            lines += ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
            lines += ["| " + " | ".join(str(c).replace("|", "\\|") for c in row) + " |" for row in rows]
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def to_console(blocks: list[Block], console: Any) -> None:
    from rich.markup import escape

    for b in blocks:
        kind = b[0]
        if kind == "title":
            console.print(f"[bold]{escape(b[1])}[/bold]")
        elif kind == "heading":
            console.print(f"\n[bold cyan]{escape(b[1])}[/bold cyan]")
        elif kind == "text":
            console.print(escape(b[1]))
        elif kind == "warn":
            console.print(f"[yellow]{escape(b[1])}[/yellow]")
        elif kind == "field":
            indent = "  " * (b[3] if len(b) > 3 else 0)
            console.print(f"{indent}  [dim]{escape(b[1])}:[/dim] {escape(str(b[2]))}")
        elif kind == "item":
            console.print(f"{'  ' * b[2]}  • {escape(b[1])}")
        elif kind == "table":
            from rich.table import Table

            table = Table(*b[1], show_lines=False, header_style="bold")
            for row in b[2]:
                table.add_row(*(escape(str(c)) for c in row))
            console.print(table)


def _both(build):
    """Make the (console, markdown) pair of renderers from one block builder."""

    def console_renderer(result, console, **kw):
        to_console(build(result, **kw), console)

    def markdown_renderer(result, **kw):
        return to_markdown(build(result, **kw))

    return console_renderer, markdown_renderer


# -- views ------------------------------------------------------------------------------------------------


def _article_blocks(view, labels: Labels) -> list[Block]:
    title = text(view.title, labels.lang)
    tv = view.title_version
    blocks: list[Block] = [("title", f"Art. {view.article} — {title}{mark(tv.confidence) if tv else ''}"),
                           ("text", f"As in force on {view.on.isoformat()}. Marks: ◇ secondary source, "
                                    f"⚠ unverified; unmarked facts are checked against the official text.")]
    if not view.complete:
        blocks.append(("warn", f"Incomplete: {view.missing}"))
    for note in view.notes:
        blocks.append(("text", f"Note: {note}"))
    for part in view.parts:
        name = f"Part {part.id}" if part.id[0].isdigit() else f"Part ? — {part.label}"
        if part.builds_on:
            name += f" (builds on part {', '.join(part.builds_on)})"
        blocks.append(("heading", name))
        if part.in_force == "ambiguous":
            blocks.append(("warn", "Ambiguous on this date: an amending act's in-force date is known only as a "
                                   "window, so both readings follow."))
        for r in part.readings:
            v = r.version
            if r.condition:
                blocks.append(("warn", f"Reading: {r.condition}"))
            blocks.append(("field", "version", f"Law {v.act_number}, in force {v.in_force}{mark(v.confidence)}"))
            blocks.append(("field", "summary", r.summary or "—"))
            for slot, value in labels.elements(r.elements):
                blocks.append(("field", slot, value))
            if r.penalty is not None:
                p = r.penalty
                pen = "unknown" if p == UNKNOWN else f"{main_text(p.main)}; additional: {additional_text(p.additional)}"
                blocks.append(("field", "penalty", pen))
                if p != UNKNOWN:
                    blocks.append(("field", "category", f"{p.category} ({p.category_basis})"))
            if v.note:
                blocks.append(("field", "note", v.note))
            for item in r.items:
                els = "; ".join(f"{slot}: {value}" for slot, value in labels.elements(item.elements))
                blocks.append(("item", f"item {item.id}) {item.summary or 'unknown'}"
                                       f"{' — ' + els if els else ''}{mark(item.version.confidence)}", 1))
            if not r.items_complete:
                blocks.append(("item", "… further items not known", 1))
            for item_id in r.ambiguous_items:
                blocks.append(("item", f"item {item_id}: its own change of version falls in an act's in-force "
                                       f"window; on this date it may or may not be in force", 1))
            blocks.append(("field", "sources", "; ".join(s.ref for s in v.sources)))
    return blocks


article, article_md = _both(_article_blocks)


def _penalty_blocks(result, lang: str) -> list[Block]:
    blocks: list[Block] = [("title", f"Penalties — Art. {result.citation} {text(result.title, lang)}, "
                                     f"on {result.on.isoformat()}")]
    rows = []
    for row in result.parts:
        part = row.part if row.part[0].isdigit() else f"? ({row.part})"
        rows.append([part, main_text(row.main), additional_text(row.additional), row.category,
                     f"{row.version.act_number} {MARK[row.confidence] or 'official'}"])
    blocks.append(("table", ["part", "main punishment", "additional", "category", "law, confidence"], rows))
    for row in result.parts:
        if row.condition:
            blocks.append(("warn", f"Part {row.part}, Law {row.version.act_number}: {row.condition}."))
    categories = {row.category_basis for row in result.parts if row.category == UNKNOWN}
    if categories:
        blocks.append(("text", "Category unknown: " + "; ".join(sorted(categories)) + "."))
    if not result.complete:
        blocks.append(("warn", f"Incomplete: {result.missing}"))
    return blocks


penalties, penalties_md = _both(_penalty_blocks)


def _audit_blocks(report) -> list[Block]:
    blocks: list[Block] = [("title", f"Audit — {report.total} facts not checked against the official text"),
                           ("text", ", ".join(f"{n} {c}" for c, n in report.by_confidence.items()))]
    for group in report.groups:
        blocks.append(("heading", group.group))
        for row in group.rows:
            unknown = f" — unknown: {', '.join(row.unknown)}" if row.unknown else ""
            blocks.append(("item", f"{row.provision} ({row.version}) [{row.confidence}]{unknown}", 0))
            for s in row.sources:
                where = f" <{s.url}>" if s.url else ""
                blocks.append(("item", f"{s.ref}: {s.supports or s.title}{where}", 1))
    return blocks


audit, audit_md = _both(_audit_blocks)


STATUS = {"covered": "covered", "case_law": "case law", "broader": "broader", "partial": "partial",
          "aggravating_only": "aggravating only", "missing": "MISSING", "unknown": "unknown"}


def _gaps_head(report) -> list[Block]:
    s = report.summary
    title = f"Protocol gaps — {report.code} against {report.standard}, on {report.on.isoformat()}"
    blocks: list[Block] = [("title", title + (f", with draft {report.draft}" if report.draft else "")),
                           ("text", f"Mandatory gaps: {s['mandatory_gaps']} · divergences (broader): {s['divergences']}"
                                    f" · unknowns: {s['unknowns']} · covered: {s['covered']}"
                                    f" · penalty divergences: {s['penalty_divergences']}")]
    if report.ambiguous:
        blocks.append(("warn", f"On this date the in-force window of {', '.join(report.ambiguous)} is open; the law is "
                               f"read as amended by it."))
    if report.changes is not None:
        blocks.append(("heading", "What the draft changes"))
        if not report.changes:
            blocks.append(("text", "No row changes."))
        blocks += [("item", f"{c.id}: {STATUS[c.before]} → {STATUS[c.after]} — {c.explanation}", 0)
                   for c in report.changes]
    return blocks


def _gaps_tail(report) -> list[Block]:
    rows = [[c.conduct, " vs ".join(f"{p.provision}: {p.penalty}" for p in c.provisions), c.status, c.explanation]
            for c in report.consistency]
    return [("heading", "Penalty consistency across the related articles"),
            ("table", ["conduct", "penalties", "status", "why"], rows)]


def _groups(rows):
    out: dict[str, list] = {}
    for row in rows:
        out.setdefault(row.group, []).append(row)
    return out.items()


def _gaps_table(report) -> list[Block]:
    """The terminal view: one table per Protocol article; `--format markdown` has the full evidence."""
    blocks = _gaps_head(report)
    for group, rows in _groups(report.rows):
        blocks.append(("heading", group))
        table = [[f"{row.title} ({row.severity})\n{row.explanation}", STATUS[row.status],
                  ", ".join(dict.fromkeys(e.provision for e in row.evidence)) or "—",
                  MARK[row.confidence] or "official" if row.confidence else "—"] for row in rows]
        blocks.append(("table", ["requirement", "status", "evidence", "confidence"], table))
    return blocks + _gaps_tail(report)


def _gaps_markdown(report) -> list[Block]:
    blocks = _gaps_head(report)
    for group, rows in _groups(report.rows):
        blocks.append(("heading", group))
        for row in rows:
            conf = mark(row.confidence) if row.confidence else ""
            blocks.append(("item", f"**{STATUS[row.status]}** — {row.title} ({row.severity}){conf}. {row.explanation}", 0))
            for e in row.evidence:
                version = f", {e.version}" if e.version else ""
                blocks.append(("item", f"{e.provision}{version}{mark(e.confidence)}: {e.says}", 1))
            if row.needs:
                blocks.append(("item", f"needs: {row.needs}", 1))
    return blocks + _gaps_tail(report)


def gaps(report, console) -> None:
    to_console(_gaps_table(report), console)


def gaps_md(report) -> str:
    return to_markdown(_gaps_markdown(report))




def _diff_blocks(report) -> list[Block]:
    blocks: list[Block] = [("title", f"Changes from {report.from_point} to {report.to_point}")]
    if report.ambiguous:
        blocks.append(("warn", "A point falls inside an act's in-force window: each reading is shown."))
    for reading in report.readings:
        if report.ambiguous:
            blocks.append(("heading", f"Reading: {reading.from_state} → {reading.to_state}"))
        changed = [a for a in reading.articles if a.changes]
        if not changed:
            blocks.append(("text", "No changes."))
        for art in changed:
            blocks.append(("heading", f"Art. {art.article} — {art.title}"))
            for c in art.changes:
                conf = f" [{c.confidence_before or '—'} → {c.confidence_after or '—'}]"
                blocks.append(("item", c.headline + conf, 0))
                if c.kind in ("summary", "text") and c.after:
                    blocks.append(("item", c.after, 1))
        unchanged = [a.article for a in reading.articles if not a.changes]
        if changed and unchanged:
            blocks.append(("text", f"Unchanged: {', '.join(unchanged)}."))
    return blocks


diff, diff_md = _both(_diff_blocks)


def _history_blocks(report) -> list[Block]:
    blocks: list[Block] = [("title", f"History — Art. {report.citation} {report.title}")]
    for line in report.lines:
        blocks.append(("heading", line.provision + (f" ({line.label})" if line.label else "")))
        for e in line.entries:
            what = "repealed" if e.repealed else "" if e.changes else "first version"
            blocks.append(("item", f"{e.in_force} → {e.until or 'in force'} · Law {e.act_number}"
                                   f"{mark(e.confidence)}{' · ' + what if what else ''}", 0))
            blocks += [("item", c, 1) for c in e.changes if not e.repealed]
    if any(e.window for line in report.lines for e in line.entries):
        blocks.append(("text", "\"between A and B\": the act's in-force date is known only as that window."))
    return blocks


history, history_md = _both(_history_blocks)


def _validation_blocks(report) -> list[Block]:
    if report.ok:
        return [("text", f"OK: {report.articles} articles in {report.files} files, no problems ({report.root})")]
    return [("text", f["text"]) for f in report.findings] + [("text", f"{len(report.findings)} problem(s) found")]


validation, validation_md = _both(_validation_blocks)
