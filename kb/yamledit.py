"""Editing a KB file in place: only what changes is written again, so comments and layout elsewhere stay as
they are.

The file is loaded with ruamel's round-trip loader, which keeps comments and the line every key and list item
starts on. An edit names a key of a mapping (set or add it) or a list (add an item); when the file is rendered,
each edited key is dumped alone at its column in place of its old lines, each new item or key is inserted, and
every other line is copied as it was. (ruamel writing the whole file would re-wrap every long line of it.) A
mapping written on one line (`- {act: law-a, ...}`) is dumped again whole, still on one line.
"""

from __future__ import annotations

import io
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

WIDTH = 4096  # never wrap: a line is as long as its value, as the files write long values


def _yaml() -> YAML:
    y = YAML(typ="rt")
    y.indent(mapping=2, sequence=4, offset=2)
    y.width = WIDTH
    y.preserve_quotes = True
    y.brace_single_entry_mapping_in_flow_sequence = True  # [{ref: t1}], as the files write it
    return y


def flow(**items: Any) -> CommentedMap:
    """A small mapping written on one line: {ref: t1, supports: ...}."""
    m = CommentedMap(items)
    m.fa.set_flow_style()
    return m


def flow_list(values: list) -> CommentedSeq:
    s = CommentedSeq(values)
    s.fa.set_flow_style()
    return s


def dump(value: Any) -> str:
    out = io.StringIO()
    _yaml().dump(value, out)
    return out.getvalue()


def _flow(node: Any) -> bool:
    return isinstance(node, (CommentedMap, CommentedSeq)) and node.fa.flow_style()


class Document:
    """One YAML file loaded for editing. Paths are tuples of keys and indexes from the top."""

    def __init__(self, text: str):
        self.lines = text.splitlines(keepends=True)
        if self.lines and not self.lines[-1].endswith("\n"):
            self.lines[-1] += "\n"
        self.data = _yaml().load(text)
        self.edits: list[tuple[str, tuple, Any]] = []  # ("key", path of a key, before) / ("item", path, index)
        self.dirty: set[tuple] = set()  # list items written on one line and edited: dumped again whole
        self.changed = False

    def get(self, path: tuple) -> Any:
        node = self.data
        for k in path:
            node = node[k]
        return node

    # -- edits ------------------------------------------------------------------------------------------------

    def set(self, path: tuple, key: str, value: Any, before: str | None = None) -> None:
        """Set `key` of the mapping at `path` (a new key goes before `before`, else at the end)."""
        mapping = self.get(path)
        if key in mapping and mapping[key] == value:
            return
        self.changed = True
        if key in mapping:
            mapping[key] = value
        else:
            keys = list(mapping)
            mapping.insert(keys.index(before) if before in keys else len(keys), key, value)
        owner = self._one_line_owner(path)
        if owner is not None:
            self.dirty.add(owner)
        else:
            self.edits.append(("key", (*path, key), before))

    def remove(self, path: tuple, key: str) -> None:
        mapping = self.get(path)
        if key not in mapping:
            return
        self.changed = True
        owner = self._one_line_owner(path)
        if owner is not None:
            del mapping[key]
            self.dirty.add(owner)
        else:
            self.edits.append(("drop", (*path, key), None))

    def insert(self, path: tuple, index: int, item: Any) -> None:
        """A new item in the list at `path`, before the item now at `index` (its length: at the end). A list the
        file has is changed only when the file is rendered, so the paths of its items stay valid meanwhile."""
        self.changed = True
        seq = self.get(path)
        if isinstance(seq, CommentedSeq) and len(seq) and seq.lc.data and not _flow(seq):
            self.edits.append(("item", path, (index, item)))
            return
        seq.insert(index, item)  # a list this session made, or one written on one line: dumped again whole
        owner = self._one_line_owner(path)
        if owner is not None:
            self.dirty.add(owner)
        elif not any(kind == "key" and p == path for kind, p, _ in self.edits):
            self.edits.append(("key", path, None))

    def _one_line_owner(self, path: tuple) -> tuple | None:
        """The outermost node on the way to `path` that is written in flow style (on one line), if any."""
        for depth in range(len(path) + 1):
            if _flow(self.get(path[:depth])):
                return path[:depth]
        return None

    # -- where things are ---------------------------------------------------------------------------------------

    def _pos(self, path: tuple) -> tuple[int, int]:
        """The line and column (0-based) the item or key at `path` starts at."""
        parent = self.get(path[:-1])
        k = path[-1]
        return parent.lc.item(k) if isinstance(parent, CommentedSeq) else parent.lc.key(k)

    def _start(self, path: tuple) -> int:
        return self._pos(path)[0]

    def _column(self, path: tuple) -> int:
        return self._pos(path)[1]

    @staticmethod
    def _keys(mapping: CommentedMap) -> list:
        """The keys the file has (not those added since it was loaded)."""
        return [k for k in mapping if k in mapping.lc.data]

    def _next_start(self, path: tuple) -> int:
        """The first line after the node at `path`: where its next sibling, or an ancestor's, starts."""
        for depth in range(len(path), 0, -1):
            parent, k = self.get(path[:depth - 1]), path[depth - 1]
            if isinstance(parent, CommentedSeq):
                if k + 1 < len(parent):
                    return parent.lc.item(k + 1)[0]
            else:
                keys = self._keys(parent)
                i = keys.index(k)
                if i + 1 < len(keys):
                    return parent.lc.key(keys[i + 1])[0]
        return len(self.lines)

    def _end(self, path: tuple) -> int:
        """The line after the last line of the node at `path` (blank and comment lines that follow it belong to
        what comes next)."""
        start, end = self._start(path), self._next_start(path)
        while end - 1 > start and (not self.lines[end - 1].strip() or self.lines[end - 1].lstrip().startswith("#")):
            end -= 1
        return end

    # -- rendering ----------------------------------------------------------------------------------------------

    @staticmethod
    def _at(text: str, column: int) -> str:
        """Dumped text at a column, without the blank and comment lines ruamel writes after it: those stand after
        the node in the file, which keeps them."""
        lines = text.splitlines(keepends=True)
        while lines and (not lines[-1].strip() or lines[-1].lstrip().startswith("#")):
            lines.pop()
        return "".join(" " * column + line if line.strip() else line for line in lines)

    @staticmethod
    def _dedent(text: str, dash: int) -> str:
        """ruamel writes a list's dash at column 2 (offset 2); move it to `dash`."""
        lines = [line[2:] if line.startswith("  ") else line for line in text.splitlines(keepends=True)]
        return Document._at("".join(lines), dash)

    def render(self) -> str:
        """The file with every edit applied."""
        if not self.changed:
            return "".join(self.lines)
        # (first line, line after the last, depth, order, new text). Of what goes in at one line, the deeper
        # comes first: the end of an inner list before the next item of the list around it.
        spans: list[tuple[int, int, int, int, str]] = []
        for n, (kind, path, extra) in enumerate(self.edits):
            if any(path[:len(d)] == d for d in self.dirty):
                continue
            if kind == "drop":
                spans.append((self._start(path), self._end(path), len(path), n, ""))
                continue
            if kind == "item":
                index, item = extra
                seq = self.get(path)
                if not len(seq):
                    raise ValueError(f"cannot add to the empty list at {path}")
                near = (*path, min(index, len(seq) - 1))
                at = self._start(near) if index < len(seq) else self._end(near)
                spans.append((at, at, len(path) + 1, n, self._dedent(dump([item]), self._column(near) - 2)))
                continue
            mapping, key = self.get(path[:-1]), path[-1]
            text = dump(CommentedMap([(key, mapping[key])]))
            keys = self._keys(mapping)
            if key in keys:
                column = self._column(path)
                spans.append((self._start(path), self._end(path), len(path), n, self._at(text, column)))
            else:
                column = self._column((*path[:-1], keys[0]))
                at = self._start((*path[:-1], extra)) if extra in keys else self._end((*path[:-1], keys[-1]))
                spans.append((at, at, len(path), n, self._at(text, column)))
        for path in self.dirty:
            if any(path[:len(d)] == d and path != d for d in self.dirty):
                continue
            # a one-line node: its whole line(s) hold it and what leads to it ("- " or "key: ")
            start, end = self._start(path), self._end(path)
            head = self.lines[start][:self._column(path)]
            node = self.get(path)
            body = dump([node]).split("- ", 1)[1] if isinstance(self.get(path[:-1]), CommentedSeq) else \
                dump(CommentedMap([(path[-1], node)])).split(": ", 1)[1]
            head = head if isinstance(self.get(path[:-1]), CommentedSeq) else head + f"{path[-1]}: "
            spans.append((start, end, len(path), -1, head + self._at(body, 0)))
        lines = list(self.lines)
        for start, end, _, _, text in sorted(spans, key=lambda s: (s[0], s[1], -s[2], s[3]), reverse=True):
            lines[start:end] = [text]
        return "".join(lines)
