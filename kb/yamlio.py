"""Reading YAML safely, and finding where in a file a value sits.

The fast path (`read`) builds plain dicts and lists. Only when something must be reported does
`Locator` parse the file again in round-trip mode to recover lines and columns, so a valid KB never
pays for position tracking.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.composer import Composer, ComposerError
from ruamel.yaml.constructor import RoundTripConstructor, SafeConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import AliasEvent
from ruamel.yaml.resolver import VersionedResolver

from .errors import Finding, InvalidKB

try:  # ruamel.yaml's C extension (ruamel.yaml.clib); without it every file takes the pure path
    from ruamel.yaml.main import CParser

    _HAVE_C = CParser is not None
except ImportError:  # pragma: no cover
    _HAVE_C = False

MAX_BYTES = 5_000_000  # the largest shipped file is ~10 kB; a bigger one is a mistake or an attack
MAX_DEPTH = 40  # the deepest shipped nesting is 9 levels


class _NoAliases(Composer):
    """The KB has no use for anchors and aliases, and they are how a 'billion laughs' file explodes.
    Nesting is bounded too, so a hostile file gets a message instead of exhausting the stack."""

    depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.parser.check_event(AliasEvent):
            event = self.parser.get_event()
            raise ComposerError(None, None, "aliases (*name) are not allowed", event.start_mark)
        self.depth += 1
        try:
            if self.depth > MAX_DEPTH:
                mark = self.parser.peek_event().start_mark
                raise ComposerError(None, None, f"nested more than {MAX_DEPTH} levels deep", mark)
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


class _SafeConstructor(SafeConstructor):
    """Dates stay strings so that the model parses them and a bad date gets a line number."""


class _RoundTripConstructor(RoundTripConstructor):
    pass


for _c in (_SafeConstructor, _RoundTripConstructor):
    _c.add_constructor("tag:yaml.org,2002:timestamp", _c.construct_yaml_str)


class _Resolver(VersionedResolver):
    """ruamel looks the YAML version up for every scalar through two caught exceptions when the C
    parser is in use (half the load time of a large KB); the table cannot change within a file."""

    _table = None

    @property
    def versioned_resolver(self) -> Any:
        if self._table is None:
            self._table = VersionedResolver.versioned_resolver.fget(self)
        return self._table


def _yaml(typ: str, pure: bool = True) -> YAML:
    y = YAML(typ=typ, pure=pure)
    if typ == "safe":
        y.Resolver = _Resolver
    if pure:  # setting a Python composer would silently turn the C path back into the pure one
        y.Composer = _NoAliases
    y.Constructor = _SafeConstructor if typ == "safe" else _RoundTripConstructor
    return y


# Where YAML allows an anchor or alias: at the start of a value, an item or a flow entry.
_ALIAS_LIKE = re.compile(r"(?:^|[:\-?]\s|[\[{,])\s*[&*][^\s,\]}]", re.MULTILINE)


def _needs_strict_path(text: str) -> bool:
    """The C parser is ~7x faster but cannot enforce the alias and depth limits. A file that might
    contain an anchor or alias, or nest deeply, takes the pure-Python path, which enforces both."""
    return bool(_ALIAS_LIKE.search(text)) or text.count("[") + text.count("{") > 500 or \
        any(len(line) - len(line.lstrip(" ")) > 120 for line in text.splitlines())


def _text(path: Path, display: str) -> str:
    try:
        if path.is_dir():
            raise InvalidKB([Finding(display, None, None, "", "is a directory, expected a YAML file")])
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise InvalidKB([Finding(display, None, None, "", f"file too large ({size} bytes; limit {MAX_BYTES})")])
        raw = path.read_bytes()
    except OSError as e:
        raise InvalidKB([Finding(display, None, None, "", f"cannot read: {e.strerror or e}")]) from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = raw.count(b"\n", 0, e.start) + 1
        col = e.start - (raw.rfind(b"\n", 0, e.start) + 1) + 1
        raise InvalidKB([Finding(display, line, col, "", "not valid UTF-8")]) from None


def read(path: Path, display: str) -> Any:
    """Parse a YAML file to plain data, or raise InvalidKB with the position of the problem."""
    text = _text(path, display)
    try:
        return _yaml("safe", pure=_needs_strict_path(text) or not _HAVE_C).load(text)
    except MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        message = " ".join(str(x) for x in (e.context, e.problem) if x)
        if "'\\t'" in message:
            message += " (a tab: YAML indents with spaces only)"
        line, col = (mark.line + 1, mark.column + 1) if mark else (None, None)
        raise InvalidKB([Finding(display, line, col, "", f"YAML syntax: {message}")]) from None
    except YAMLError as e:
        raise InvalidKB([Finding(display, None, None, "", f"YAML: {e}")]) from None
    except RecursionError:
        raise InvalidKB([Finding(display, None, None, "", "nested too deeply")]) from None




class Locator:
    """Maps a path of keys and indexes inside a file to its line, column and a readable key."""

    def __init__(self, path: Path, display: str):
        self.display = display
        try:
            self.tree = _yaml("rt").load(_text(path, display))
        except Exception:  # the file parsed once already; positions are a courtesy
            self.tree = None

    def finding(self, loc: tuple, message: str) -> Finding:
        node, line, col, keys = self.tree, None, None, []
        for part in loc:
            if isinstance(node, CommentedMap) and part in node:
                line, col = node.lc.key(part)
                keys.append(str(part))
                node = node[part]
            elif isinstance(node, CommentedSeq) and isinstance(part, int) and 0 <= part < len(node):
                line, col = node.lc.item(part)
                item = node[part]
                label = item.get("id", item.get("act")) if isinstance(item, CommentedMap) else None
                keys.append(f"[{label}]" if label is not None else f"[{part}]")
                node = item
            elif isinstance(node, CommentedMap) and isinstance(part, str) and not part.startswith("~"):
                # ("~..." are the union branch tags of kb/model.py that pydantic puts in an error's path)
                keys.append(part)  # a key that is missing here: point at the mapping that lacks it
                break
        if line is None and isinstance(self.tree, (CommentedMap, CommentedSeq)) and loc:
            line, col = 0, 0
        key = ".".join(keys).replace(".[", "[")
        return Finding(self.display, None if line is None else line + 1, None if col is None else col + 1, key, message)
