"""Views of search hits and of the SQLite index."""

from __future__ import annotations

from typing import Any

from ..phrases import Words
from ..render import Block, heading, item, table, text, title, warn

SOURCE = {"index": "{n} texts compared, read from the SQLite index.",
          "yaml": "{n} texts compared, read from the YAML files."}
SEARCHED = {"titles": "titles", "summaries": "summaries", "texts": "texts", "vocabulary": "vocabulary"}
PROBLEM = {"stale": "Index not used: it was built from another state of the KB; run `tipkb index` to refresh it.",
           "not_an_index": "Index not used: it is not a tipkb index."}
FIELDS = {"summary": "summary", "title": "title", "text": "text", "label": "term", "synonym": "synonym"}


def _excerpt(value: str, start: int, end: int, around: int = 40) -> str:
    """The match in «» with a little context either side, so a long summary fits a table cell."""
    before, after = value[max(0, start - around):start], value[end:end + around]
    return ("…" if start > around else "") + before + "«" + value[start:end] + "»" + after + \
        ("…" if end + around < len(value) else "")


def _field(w: Words, name: str) -> str:
    """Where a hit matched in words: 'summary', 'title.ru' as 'title, ru', 'title.kk.last_known'."""
    head, *rest = name.split(".")
    said = [w(FIELDS[head]) if head in FIELDS else head, *rest]
    return ", ".join(w("last known") if x == "last_known" else x for x in said)


def search(result: Any, lang: str) -> list[Block]:
    w = Words(lang)
    on = result.on.isoformat()
    compared = w(SOURCE[result.source], n=result.texts)
    if not result.hits:
        searched = ", ".join(w(SEARCHED[s]) if s in SEARCHED else s for s in result.searched)
        blocks: list[Block] = [title(w("Search “{query}” — no match in the law in force on {date}",
                                       query=result.query, date=on)),
                               text(f"{compared} {w('Searched: {fields}.', fields=searched)}")]
        if result.suggestions:
            blocks.append(heading(w("Nearest vocabulary terms")))
            blocks += [item(f"{w.label(s.term, result.labels)} ({s.term}), “{s.nearest}”") for s in result.suggestions]
    else:
        rows = []
        for h in result.hits:
            via = f"\n({_field(w, h.field)} · {w.label(h.term, result.labels)})" if h.term else \
                f"\n({_field(w, h.field)})"
            name = f"{h.citation} {w.text(h.heading) if h.heading else ''}".strip()
            act = w.act(h.act, result.acts) if h.act and h.kind != "provision" else ""  # a treaty's id leads its citation
            version = ", ".join(x for x in (act, w.when(h.when) if h.when else "") if x) + w.mark(h.grade)
            rows.append([f"{h.score:g}", name, _excerpt(h.text, h.match_start, h.match_end) + via, version])
        if result.total > len(result.hits):
            head = w("Search “{query}” — {n} hits, {shown} shown, law in force on {date}", query=result.query,
                     n=result.total, shown=len(result.hits), date=on)
        else:
            head = w("Search “{query}” — {n} hit(s), law in force on {date}", query=result.query, n=result.total,
                     date=on)
        blocks = [title(head), table([w("score"), w("provision"), w("match"), w("version")], rows), text(compared)]
    if result.index_problem:
        blocks.append(warn(w(PROBLEM[result.index_problem])))
    return blocks


def index(result: Any, lang: str) -> list[Block]:
    return [title(f"Indexed the knowledge base into {result.path}"),
            text(f"KB content hash {result.kb_hash[:16]}…, built {result.built_at}; full-text search: "
                 + ", ".join(result.fts) + "."),
            table(["table", "rows"], [[name, rows] for name, rows in result.tables.items()]),
            text(f"Query it with sqlite3 {result.path} \"select …\", or browse it: pip install 'tipkb[web]', "
                 f"then datasette {result.path}.")]
