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
    from rich.text import Text as RichText

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
                table.add_row(*(c if isinstance(c, RichText) else escape(str(c)) for c in row))  # pre-styled
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
            future = " (prospective: not yet in force today)" if v.prospective else ""
            blocks.append(("field", "version", f"Law {v.act_number}, in force {v.in_force}{future}{mark(v.confidence)}"))
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
            for a in r.ambiguous_items:
                blocks.append(("item", f"item {a.id}: changed by {a.pending}; on this date the change may or may "
                                       f"not have taken effect (see: tipkb history {view.article}.{part.id})", 1))
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


# -- search and index -------------------------------------------------------------------------------------

SOURCE = {"index": "the SQLite index", "yaml": "the YAML files"}


def _excerpt(text: str, start: int, end: int, around: int = 45) -> tuple[str, str, str]:
    """The match with a little context either side, so a long summary fits in a table cell."""
    before, after = text[max(0, start - around):start], text[end:end + around]
    return ("…" if start > around else "") + before, text[start:end], after + ("…" if end + around < len(text) else "")


def _via(hit) -> str:
    return f"{hit.field} of {hit.term} ({hit.term_label})" if hit.term else hit.field


def _version(hit) -> str:
    v = hit.version
    law = f"Law {v.act_number}" if v.act_number else v.act
    return f"{law}, in force {v.in_force}{mark(hit.confidence) if hit.confidence else ''}"


def _search_blocks(result, highlight) -> list[Block]:
    on = result.on.isoformat()
    if not result.hits:
        blocks: list[Block] = [("title", f"Search “{result.query}” — no match in the law in force on {on}"),
                               ("text", f"Searched {result.texts} texts from {SOURCE[result.source]}: "
                                        + "; ".join(result.searched) + ".")]
        if result.suggestions:
            blocks.append(("heading", "Nearest vocabulary terms"))
            blocks += [("item", f"{s.label} ({s.term}), nearest form “{s.nearest}”", 0) for s in result.suggestions]
    else:
        shown = f", the first {len(result.hits)}" if result.total > len(result.hits) else ""
        blocks = [("title", f"Search “{result.query}” — {result.total} hit(s){shown}, law in force on {on}"),
                  ("table", ["score", "provision", "match", "version"],
                   [[f"{h.score:g}", f"{h.citation} {h.heading or ''}".strip(), highlight(h), _version(h)]
                    for h in result.hits]),
                  ("text", f"Searched {result.texts} texts from {SOURCE[result.source]}. Marks: ◇ secondary source, "
                           f"⚠ unverified.")]
    if result.note:
        blocks.append(("warn", f"Index not used: {result.note}."))
    return blocks


def _rich_match(hit):
    from rich.text import Text as RichText

    before, match, after = _excerpt(hit.text, hit.match_start, hit.match_end)
    cell = RichText(before)
    cell.append(match, style="bold yellow")
    cell.append(after)
    cell.append(f"\n{_via(hit)}", style="dim")
    return cell


def _md_match(hit) -> str:
    before, match, after = _excerpt(hit.text, hit.match_start, hit.match_end)
    return f"{before}**{match}**{after} ({_via(hit)})"


def search(result, console) -> None:
    to_console(_search_blocks(result, _rich_match), console)


def search_md(result) -> str:
    return to_markdown(_search_blocks(result, _md_match))


def _index_blocks(result) -> list[Block]:
    return [("title", f"Indexed the knowledge base into {result.path}"),
            ("text", f"KB content hash {result.kb_hash[:16]}…, built {result.built_at}; full-text search: "
                     + ", ".join(result.fts) + "."),
            ("table", ["table", "rows"], [[name, rows] for name, rows in result.tables.items()]),
            ("text", f"Query it with sqlite3 {result.path} \"select …\", or browse it: pip install 'tipkb[web]', "
                     f"then datasette {result.path}.")]


index, index_md = _both(_index_blocks)


# -- qualify -------------------------------------------------------------------------------------------------

TRI = {True: "yes", False: "no", "unknown": "cannot tell"}
CANDIDATE = {"made_out": "made out", "not_made_out": "not made out", "unknown": "cannot tell",
             "displaced": "displaced"}


def _ids_text(labels: Labels, matched: list[str]) -> str:
    """'act.recruitment ← acts: act.recruitment' as 'recruitment ← acts: act.recruitment'."""
    return "; ".join(f"{labels(m.split(' ← ')[0])} ← {m.split(' ← ', 1)[1]}" if " ← " in m else labels(m)
                     for m in matched)


def _chosen_blocks(q, labels: Labels, indent: int = 0) -> list[Block]:
    where = f"part ? — {q.part_label}" if q.part_label else ""
    head = f"{q.russian}{' (' + where + ')' if where else ''} — {q.title or 'Art. ' + q.article}{mark(q.confidence)}"
    blocks: list[Block] = [("item", head, indent),
                           ("item", f"range: {q.range}; additional: {q.additional}"
                                    + ("" if q.final else " — the range of this part; a higher part's is unknown"),
                            indent + 1),
                           ("item", f"category: {q.category} ({q.category_basis}); {q.version}", indent + 1)]
    if not q.final:
        blocks.append(("item", "NOT FINAL: " + (
            f"{', '.join(labels(o) for o in q.open_facts)} may fall under a part the knowledge base does not "
            f"encode, whose range is unknown" if q.open_facts else "parts that cannot be ranked apply"), indent + 1))
    blocks += [("item", note, indent + 1) for note in q.notes]
    return blocks


def _count_blocks(count, labels: Labels, explain: bool, many: bool, n: int) -> list[Block]:
    blocks: list[Block] = []
    if many:
        blocks.append(("heading", f"Count {n} — {count.victims}"))
    else:
        blocks.append(("field", "victims", count.victims))
    blocks.append(("field", "trafficking", TRI[count.trafficking]))
    blocks.append(("field", "qualification", count.summary))
    for q in count.qualification:
        blocks += _chosen_blocks(q, labels, 1)
    for c in count.cumulative:
        blocks.append(("item", f"cumulative: {c.russian} — {c.why} ({c.rule}{mark(c.confidence)})", 1))
    for note in count.notes:
        blocks.append(("text", f"Note: {note}"))
    for cand in count.candidates:
        if cand.incomplete and any(q.article == cand.article for q in count.qualification):
            blocks.append(("warn", f"Art. {cand.article} is incomplete in the knowledge base: {cand.incomplete}"))
    rows, no_act = [], []
    for cand in count.candidates:
        if cand.status == "not_made_out" and "acts" in cand.missing:
            no_act.append(cand.article)
            continue
        part = cand.chosen.headline if cand.chosen else "—"
        rng = cand.chosen.range if cand.chosen else "—"
        rows.append([str(len(rows) + 1), cand.article, CANDIDATE[cand.status], part, rng, cand.why])
    blocks.append(("heading", "Candidates, ranked" + (f" (count {n})" if many else "")))
    if rows:
        blocks.append(("table", ["#", "art.", "status", "most serious part", "range", "why"], rows))
    if no_act:
        blocks.append(("text", f"Not made out, none of their acts among the facts: Art. {', '.join(no_act)}."))
    if count.unused:
        blocks.append(("heading", "Facts not used" + (f" (count {n})" if many else "")))
        blocks += [("item", f"{u.fact}: {u.why}", 0) for u in count.unused]
    if explain:
        blocks += _explain_blocks(count, labels)
    return blocks


def _explain_blocks(count, labels: Labels) -> list[Block]:
    blocks: list[Block] = [("heading", "Element by element")]
    for cand in count.candidates:
        if not cand.parts:
            continue
        blocks.append(("item", f"Art. {cand.article} {cand.title or ''}: {CANDIDATE[cand.status]} — {cand.why}", 0))
        for p in cand.parts:
            name = f"part {p.part}" if p.part[0].isdigit() else f"part ? ({p.label or p.part})"
            blocks.append(("item", f"{name}: {TRI[p.applies]} — {p.why} [{p.version}{mark(p.confidence)}; "
                                   f"penalty {p.penalty}]", 1))
            for e in p.elements:
                rule = f" [{e.rule}{mark(e.confidence) if e.confidence else ''}]" if e.rule else ""
                basis = mark(e.confidence) if e.confidence and not e.rule else ""
                got = f" ← {_ids_text(labels, e.matched)}" if e.matched else ""
                blocks.append(("item", f"{e.slot} ({', '.join(labels(r) for r in e.required)}): {e.status}{got}. "
                                       f"{e.why}{rule}{basis}", 2))
            for item in p.items:
                if item.applies is not False:
                    got = f" ← {_ids_text(labels, item.matched)}" if item.matched else ""
                    blocks.append(("item", f"item {item.id}) {item.summary or 'unknown'}: {TRI[item.applies]}{got}"
                                           f"{mark(item.confidence)}", 2))
        if cand.open_facts:
            blocks.append(("item", "open: " + ", ".join(labels(o) for o in cand.open_facts)
                           + " (no encoded element covers them)", 1))
    return blocks


def _qualify_blocks(result, labels: Labels, explain: bool = False) -> list[Block]:
    blocks: list[Block] = [("title", f"Qualification — offence of {result.on.isoformat()}"),
                           ("text", "Marks: ◇ secondary source, ⚠ unverified; unmarked facts are checked against the "
                                    "official text. The confidence shown is the weakest the choice rests on.")]
    blocks += [("item", str(u), 0) for u in result.understood]
    if result.ambiguous:
        blocks.append(("warn", "The offence date falls inside an amending act's in-force window: one reading per "
                               "possibility follows, none is chosen."))
    for reading in result.readings:
        if reading.condition:
            blocks.append(("heading", f"Reading: {reading.condition}"))
        many = len(reading.counts) > 1
        for n, count in enumerate(reading.counts, 1):
            blocks += _count_blocks(count, labels, explain, many, n)
        blocks.append(("heading", f"Which law applies: the offence date against {result.today.isoformat()}"))
        blocks.append(("text", result.milder_law))
        for t in reading.time:
            when = f" ({t.now_condition})" if t.now_condition else ""
            blocks.append(("item", f"Art. {t.article}: on the offence date {t.then}, {t.then_range}; on "
                                   f"{result.today.isoformat()}{when} {t.now}, {t.now_range}", 0))
            blocks.append(("item", f"applies: {t.applies} — {t.why}", 1))
        if not reading.time:
            blocks.append(("text", "No offence to compare."))
        if reading.what_if:
            blocks.append(("heading", "What one more fact would change"))
            blocks += [("item", str(w), 0) for w in reading.what_if]
        if reading.rules:
            blocks.append(("heading", "Rules of Supreme Court Resolution No. 7 applied"))
            blocks += [("item", f"{r.id} (para. {r.paragraph}){mark(r.confidence)}: {'; '.join(r.effects)}", 0)
                       for r in reading.rules]
        blocks += [("text", note) for note in reading.notes]
    blocks += [("text", note) for note in result.notes]
    return blocks


qualification, qualification_md = _both(_qualify_blocks)
