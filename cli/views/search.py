"""Views of search hits and of the SQLite index."""

from __future__ import annotations

from typing import Any

from ..phrases import Words
from ..render import Block, heading, item, table, text, title, warn

SOURCE = {"index": "the SQLite index", "yaml": "the YAML files"}
PROBLEM = {"stale": "it was built from another state of the KB; run `tipkb index` to refresh it",
           "not_an_index": "it is not a tipkb index"}


def _excerpt(value: str, start: int, end: int, around: int = 40) -> str:
    """The match in «» with a little context either side, so a long summary fits a table cell."""
    before, after = value[max(0, start - around):start], value[end:end + around]
    return ("…" if start > around else "") + before + "«" + value[start:end] + "»" + after + \
        ("…" if end + around < len(value) else "")


def search(result: Any, lang: str) -> list[Block]:
    w = Words(lang)
    on = result.on.isoformat()
    if not result.hits:
        blocks: list[Block] = [title(w("Search “{query}” — no match in the law in force on {date}",
                                       query=result.query, date=on)),
                               text(f"{result.texts} texts from {SOURCE[result.source]}: "
                                    f"{', '.join(result.searched)}.")]
        if result.suggestions:
            blocks.append(heading(w("Nearest vocabulary terms")))
            blocks += [item(f"{w.label(s.term, result.labels)} ({s.term}), “{s.nearest}”") for s in result.suggestions]
    else:
        shown = f", {len(result.hits)}" if result.total > len(result.hits) else ""
        rows = []
        for h in result.hits:
            via = f"\n({h.field} · {w.label(h.term, result.labels)})" if h.term else f"\n({h.field})"
            name = f"{h.citation} {w.text(h.heading) if h.heading else ''}".strip()
            version = f"{h.act or ''} {w.when(h.when) if h.when else ''}{w.mark(h.grade)}".strip()
            rows.append([f"{h.score:g}", name, _excerpt(h.text, h.match_start, h.match_end) + via, version])
        blocks = [title(w("Search “{query}” — {n} hit(s){shown}, law in force on {date}", query=result.query,
                          n=result.total, shown=shown, date=on)),
                  table(["score", "provision", "match", "version"], rows),
                  text(f"{result.texts} texts from {SOURCE[result.source]}.")]
    if result.index_problem:
        blocks.append(warn(f"Index not used: {PROBLEM[result.index_problem]}."))
    return blocks


def index(result: Any, lang: str) -> list[Block]:
    return [title(f"Indexed the knowledge base into {result.path}"),
            text(f"KB content hash {result.kb_hash[:16]}…, built {result.built_at}; full-text search: "
                 + ", ".join(result.fts) + "."),
            table(["table", "rows"], [[name, rows] for name, rows in result.tables.items()]),
            text(f"Query it with sqlite3 {result.path} \"select …\", or browse it: pip install 'tipkb[web]', "
                 f"then datasette {result.path}.")]
