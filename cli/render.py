"""Blocks: what every view is built of, rendered the same way as a terminal table or as Markdown, so the
two never drift apart. The views themselves live in cli/views/; JSON is the result object itself."""

from __future__ import annotations

import textwrap
from typing import Any

Block = tuple  # ("title"|"heading"|"text"|"warn"|"field"|"item"|"words"|"table", ...)


def title(text: str) -> Block:
    return ("title", text)


def heading(text: str) -> Block:
    return ("heading", text)


def text(value: str) -> Block:
    return ("text", value)


def warn(value: str) -> Block:
    return ("warn", value)


def field(key: str, value: str, indent: int = 0) -> Block:
    return ("field", key, value, indent)


def item(value: str, indent: int = 0) -> Block:
    return ("item", value, indent)


def words(pairs: list[tuple[str, str]], indent: int = 0) -> Block:
    """A word diff as a list item: (op, text) pairs, op equal, delete or insert (kb/diff.py `words`)."""
    return ("words", pairs, indent)


def wdiff(pairs: list[tuple[str, str]]) -> str:
    """A word diff in wdiff's notation: [-deleted-] {+inserted+}."""
    return " ".join(t if op == "equal" else f"[-{t}-]" if op == "delete" else f"{{+{t}+}}" for op, t in pairs)


def table(headers: list[str], rows: list[list[Any]]) -> Block:
    return ("table", headers, rows)


def to_markdown(blocks: list[Block]) -> str:
    lines: list[str] = []
    for b in blocks:
        kind = b[0]
        if kind in ("text", "warn", "table") and lines and lines[-1]:
            lines.append("")  # a paragraph after a list item is not the item's continuation
        if kind == "title":
            lines += [f"# {b[1]}", ""]
        elif kind == "heading":
            lines += ["", f"## {b[1]}", ""]
        elif kind == "text":
            lines += [b[1], ""]
        elif kind == "warn":
            lines += [f"> {b[1]}", ""]
        elif kind == "field":
            lines.append(f"{'  ' * b[3]}- **{b[1]}:** {b[2]}")
        elif kind == "item":
            lines.append(f"{'  ' * b[2]}- {b[1]}")
        elif kind == "words":
            lines.append(f"{'  ' * b[2]}- {wdiff(b[1])}")
        elif kind == "table":
            headers, rows = b[1], b[2]
            lines += ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
            lines += ["| " + " | ".join(str(c).replace("|", "\\|").replace("\n", "<br>") for c in row) + " |"
                      for row in rows]
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


class _Wrapper(textwrap.TextWrapper):
    """textwrap's, but a URL longer than the line is never cut: it stands whole on a line of its own (wider than
    the terminal, which folds it without a break inside), so it can be copied; other long words are cut."""

    def _handle_long_word(self, reversed_chunks: list[str], cur_line: list[str], cur_len: int, width: int) -> None:
        if "://" not in reversed_chunks[-1]:
            super()._handle_long_word(reversed_chunks, cur_line, cur_len, width)
        elif not cur_line:
            cur_line.append(reversed_chunks.pop())


def to_console(blocks: list[Block], console: Any) -> None:
    """Fields and items wrap with a hanging indent, so a long value stays readable at 80 columns. The lines
    between two tables go to the console as one text: a whole-Code diff has thousands of them, and each print
    of rich's asks the terminal its size again."""
    from rich.markup import escape
    from rich.table import Table
    from rich.text import Text as RichText

    width = console.width
    pending = RichText()

    def line(text: Any) -> None:
        pending.append(text)
        pending.append("\n")

    def flush() -> None:
        nonlocal pending
        if pending:
            pending.right_crop(1)  # print() ends the last line itself
            console.print(pending, soft_wrap=True)
            pending = RichText()

    def hanging(indent: int, lead: str, body: str, style: str = "") -> None:
        pad = " " * (2 + 2 * indent)
        lines = _Wrapper(max(20, width - len(pad) - len(lead) - 1), break_on_hyphens=False).wrap(body) or [""]
        first = RichText(pad)
        first.append(lead, style=style)
        first.append(" " + lines[0])
        line(first)
        for more in lines[1:]:
            line(pad + " " * (len(lead) + 1) + more)

    def para(value: str, style: str = "") -> None:  # wrapped here, so no line ends in a space
        for text in _Wrapper(width, break_on_hyphens=False).wrap(value) or [""]:
            line(RichText(text, style=style))

    for b in blocks:
        kind = b[0]
        if kind == "title":
            para(b[1], "bold")
        elif kind == "heading":
            line("")
            para(b[1], "bold cyan")
        elif kind == "text":
            para(b[1])
        elif kind == "warn":
            para(b[1], "yellow")
        elif kind == "field":
            hanging(b[3], b[1] + ":", str(b[2]), "dim")
        elif kind == "item":
            hanging(b[2], "•", b[1])
        elif kind == "words":
            hanging(b[2], "•", wdiff(b[1]))
        elif kind == "table":
            flush()
            grid = Table(*b[1], show_lines=False, header_style="bold")
            for column in grid.columns:
                column.overflow = "fold"  # a long word (a file name) is folded, never cut off
            for row in b[2]:
                grid.add_row(*(c if isinstance(c, RichText) else escape(str(c)) for c in row))  # pre-styled
            console.print(grid)
    flush()
