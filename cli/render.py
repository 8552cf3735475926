"""Blocks: what every view is built of, rendered the same way as a terminal table or as Markdown, so the
two never drift apart. The views themselves live in cli/views/; JSON is the result object itself."""

from __future__ import annotations

import re
import textwrap
from typing import Any

Block = tuple  # ("title"|"heading"|"text"|"warn"|"field"|"item"|"words"|"table", ...)
NBSP = "\u00a0"  # joins the words of a phrase a table cell keeps on one line


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


def table(headers: list[str], rows: list[list[Any]], hyphens: tuple[int, ...] = ()) -> Block:
    """`hyphens`: the columns whose cells may also wrap after a hyphen (file names)."""
    return ("table", headers, rows, hyphens)


def whole(phrase: str) -> str:
    """A phrase a table cell wraps before or after, never inside (a citation: ст. 135 ч. 2 п. 7)."""
    return phrase.replace(" ", NBSP)


class _Cell:
    """A table cell for rich that wraps at its spaces (and after its hyphens, when asked), never inside a phrase
    joined by NBSP unless `keep` is turned off; only a piece wider than the whole column is folded."""

    def __init__(self, text: str, hyphens: bool):
        self.text, self.hyphens, self.keep = text, hyphens, True

    def _lines(self) -> list[list[tuple[str, bool]]]:
        """Each line's pieces: (text, glued to the piece before, as the rest of a word broken after a hyphen)."""
        out = []
        for line in self.text.split("\n"):
            pieces = []
            for word in re.split(" " if self.keep else f"[ {NBSP}]", line):
                parts = re.split(r"(?<=-)(?=.)", word) if self.hyphens else [word]
                pieces += [(part.replace(NBSP, " "), i > 0) for i, part in enumerate(parts) if part]
            out.append(pieces)
        return out

    def _rows(self, width: int | None) -> list[str]:
        from rich.cells import cell_len

        rows = []
        for pieces in self._lines():
            row = ""
            for piece, glued in pieces:
                joined = row + ("" if glued or not row else " ") + piece
                if row and width is not None and cell_len(joined) > width:
                    rows.append(row)
                    joined = piece
                row = joined
            rows.append(row)
        return rows

    def __rich_measure__(self, console: Any, options: Any) -> Any:
        from rich.cells import cell_len
        from rich.measure import Measurement

        widest = max((cell_len(p) for pieces in self._lines() for p, _ in pieces), default=0)
        return Measurement(widest, max(cell_len(r) for r in self._rows(None))).with_maximum(options.max_width)

    def __rich_console__(self, console: Any, options: Any) -> Any:
        from rich.cells import chop_cells
        from rich.text import Text

        width = options.max_width
        yield Text("\n".join(part for row in self._rows(width) for part in chop_cells(row, width) or [""]))


def _fit(grid: Any, rows: list[list[Any]], console: Any) -> None:
    """Rich narrows the widest columns first, even through a phrase a cell keeps whole. Instead, as a browser
    lays out a table: each column gets at least its widest unbreakable piece, and the width left in proportion
    to how much more it would take. When the phrases kept whole cannot all fit, they are broken between words;
    a table that fits, or still cannot, is left to rich."""
    from rich.measure import Measurement

    room = console.width - 3 * len(rows[0]) - 1  # the borders and a space either side of each cell
    for keep in (True, False):
        for c in (c for row in rows for c in row if isinstance(c, _Cell)):
            c.keep = keep
        lows, highs = [], []
        for cells in zip(*rows):
            sizes = [Measurement.get(console, console.options, c) for c in cells]
            lows.append(max(m.minimum for m in sizes))
            highs.append(max(m.maximum for m in sizes))
        if sum(highs) <= room:
            return
        if sum(lows) <= room:
            slack = [h - low for low, h in zip(lows, highs)]
            widths = [low + (room - sum(lows)) * s // sum(slack) for low, s in zip(lows, slack)]
            widths[slack.index(max(slack))] += room - sum(widths)
            for column, width in zip(grid.columns, widths):
                column.width = width
            return


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
            lines += ["| " + " | ".join(str(c).replace("|", "\\|").replace("\n", "<br>").replace(NBSP, " ")
                                        for c in row) + " |" for row in rows]
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


# What a rich Text changes in a line: the control codes it strips (rich.control.strip_control_codes), and tabs,
# which it expands.
_CONTROL = re.compile("[\x07\x08\x0b\x0c\x0d\t]")


class _Lines:
    """Lines wrapped here, given to rich as segments: a Text makes a Text of each of its lines, and rich strips
    control codes from each again (for a whole-Code diff, a third of the rendering)."""

    def __init__(self, pieces: list[tuple[str, str]]):
        self.pieces = pieces

    def __rich_console__(self, console: Any, options: Any) -> Any:
        from rich.segment import Segment

        for text, style in self.pieces:
            yield Segment(text, console.get_style(style) if style else None)
        yield Segment.line()


def to_console(blocks: list[Block], console: Any) -> None:
    """Fields and items wrap with a hanging indent, so a long value stays readable at 80 columns. The lines
    between two tables go to the console in one print, as segments: a whole-Code diff has thousands of them,
    and each print of rich's asks the terminal its size again."""
    from rich.markup import escape
    from rich.table import Table
    from rich.text import Text as RichText

    width = console.width
    pending: list[tuple[str, str]] = []  # (text, style) of the lines not printed yet

    def line(*parts: str | tuple[str, str]) -> None:
        pending.extend(p if isinstance(p, tuple) else (p, "") for p in parts)
        pending.append(("\n", ""))

    def flush() -> None:
        if pending:
            pending.pop()  # the last line ends below
            if any(_CONTROL.search(t) for t, _ in pending):  # rich strips or expands them, piece by piece
                console.print(RichText.assemble(*pending), soft_wrap=True)
            else:
                console.print(_Lines(pending[:]), soft_wrap=True)
            pending.clear()

    def hanging(indent: int, lead: str, body: str, style: str = "") -> None:
        pad = " " * (2 + 2 * indent)
        lines = _Wrapper(max(20, width - len(pad) - len(lead) - 1), break_on_hyphens=False).wrap(body) or [""]
        line(pad, (lead, style), " " + lines[0])
        for more in lines[1:]:
            line(pad + " " * (len(lead) + 1) + more)

    def para(value: str, style: str = "") -> None:  # wrapped here, so no line ends in a space
        for text in _Wrapper(width, break_on_hyphens=False).wrap(value) or [""]:
            line((text, style))

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
            rows = [[c if isinstance(c, RichText)  # pre-styled
                     else _Cell(c, i in b[3]) if isinstance(c, str) and (NBSP in c or i in b[3])
                     else escape(str(c)) for i, c in enumerate(row)] for row in b[2]]
            for row in rows:
                grid.add_row(*row)
            if any(isinstance(c, _Cell) for row in rows for c in row):
                _fit(grid, [b[1], *rows], console)
            console.print(grid)
    flush()
