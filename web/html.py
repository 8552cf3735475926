"""Blocks (cli/render.py) as HTML: the views the terminal and Markdown show, with every string escaped.

The only markup taken from a view's text is what its Markdown already means: `**strong**` (the memo's row
names) and `<https://…>` (a source's address, made a link; no other scheme is). Everything else is text.
"""

from __future__ import annotations

import re
from typing import Any

from markupsafe import Markup, escape

from cli.render import Block

_INLINE = re.compile(r"\*\*(.+?)\*\*|<(https?://[^\s<>\"]+)>")


def inline(value: Any) -> Markup:
    text, out, at = str(value), [], 0
    for m in _INLINE.finditer(text):
        out.append(escape(text[at:m.start()]))
        if m.group(1) is not None:
            out.append(Markup("<strong>%s</strong>") % m.group(1))
        else:
            out.append(Markup('<a href="%s" rel="noreferrer">%s</a>') % (m.group(2), m.group(2)))
        at = m.end()
    out.append(escape(text[at:]))
    return Markup("").join(out)


def _cell(value: Any) -> Markup:
    return Markup("<br>").join(inline(line) for line in str(value).split("\n"))


def _words(pairs: list[tuple[str, str]]) -> Markup:
    tags = {"equal": "%s", "delete": "<del>%s</del>", "insert": "<ins>%s</ins>"}
    return Markup(" ").join(Markup(tags[op]) % t for op, t in pairs)


class _Lists:
    """Fields, items and word diffs nest by their indent as lists inside list items."""

    def __init__(self, out: list[Markup]):
        self.out, self.open = out, []  # per open <ul>: whether an <li> in it is open

    def add(self, indent: int, cls: str, content: Markup) -> None:
        if not self.open:
            self.out.append(Markup('<ul class="blocks">'))
            self.open.append(False)
        while len(self.open) - 1 > indent:
            self._close_one()
        while len(self.open) - 1 < indent:
            if not self.open[-1]:
                self.out.append(Markup('<li class="nest">'))
                self.open[-1] = True
            self.out.append(Markup("<ul>"))
            self.open.append(False)
        if self.open[-1]:
            self.out.append(Markup("</li>"))
        self.out.append(Markup('<li class="%s">') % cls + content)
        self.open[-1] = True

    def _close_one(self) -> None:
        if self.open.pop():
            self.out.append(Markup("</li>"))
        self.out.append(Markup("</ul>"))

    def close(self) -> None:
        while self.open:
            self._close_one()


def to_html(blocks: list[Block], depth: int = 0) -> Markup:
    """The blocks as HTML; `depth` moves the headings down (a view shown under another's title)."""
    out: list[Markup] = []
    lists = _Lists(out)
    for b in blocks:
        kind = b[0]
        if kind == "field":
            lists.add(b[3], "field", Markup('<span class="key">%s:</span> ') % b[1] + inline(b[2]))
            continue
        if kind == "item":
            lists.add(b[2], "item", inline(b[1]))
            continue
        if kind == "words":
            lists.add(b[2], "item words", _words(b[1]))
            continue
        lists.close()
        if kind in ("title", "heading"):
            level = min(6, depth + (1 if kind == "title" else 2))
            out.append(Markup("<h%d>%s</h%d>") % (level, inline(b[1]), level))
        elif kind == "text":
            out.append(Markup("<p>%s</p>") % inline(b[1]))
        elif kind == "warn":
            out.append(Markup('<p class="warn">%s</p>') % inline(b[1]))
        elif kind == "table":
            headers, rows = b[1], b[2]
            head = Markup("").join(Markup('<th scope="col">%s</th>') % h for h in headers)
            body = Markup("").join(
                Markup("<tr>%s</tr>") % Markup("").join(Markup('<td data-label="%s">%s</td>') % (h, _cell(c))
                                                        for h, c in zip(headers, row))
                for row in rows)
            out.append(Markup('<div class="table"><table><thead><tr>%s</tr></thead><tbody>%s</tbody></table></div>')
                       % (head, body))
        else:
            raise ValueError(f"unknown block {kind!r}")
    lists.close()
    return Markup("\n").join(out)
