"""Reading YAML safely, and finding where in a file a value sits.

The fast path (`parse`) builds plain dicts and lists with ruamel's C parser. Only when something must be
reported does `Locator` parse the text again in round-trip mode to recover lines and columns, so a valid KB
never pays for position tracking. Reading the bytes (size limits, devices, FIFOs) is kb/inputs.py's job.
"""

from __future__ import annotations

import re
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.composer import Composer, ComposerError
from ruamel.yaml.constructor import ConstructorError, RoundTripConstructor, SafeConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import AliasEvent
from ruamel.yaml.resolver import VersionedResolver

from . import inputs
from .errors import Finding, InvalidKB

try:  # ruamel.yaml's C extension (ruamel.yaml.clib); without it every file takes the pure path
    from ruamel.yaml.main import CParser

    _HAVE_C = CParser is not None
except ImportError:  # pragma: no cover
    _HAVE_C = False

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


def _refuse_tag(self: SafeConstructor, node: Any) -> Any:
    tag = str(getattr(node.tag, "value", node.tag)).replace("tag:yaml.org,2002:", "!!")
    raise ConstructorError(None, None, f"the tag {tag} is not allowed; write plain YAML (strings, numbers, "
                                       f"true/false, lists, mappings)", node.start_mark)


class _SafeConstructor(SafeConstructor):
    """Dates stay strings so that the model parses them and a bad date gets a line number. Only the plain
    types are built: !!binary, !!set, !!omap, !!pairs and unknown tags are refused, not decoded."""

    def construct_yaml_int(self, node: Any) -> Any:
        try:
            return super().construct_yaml_int(node)
        except ValueError:  # Python refuses to convert integers of more than 4300 digits
            raise ConstructorError(None, None, "integer too long", node.start_mark) from None


_SafeConstructor.add_constructor("tag:yaml.org,2002:int", _SafeConstructor.construct_yaml_int)


for _tag in ("binary", "set", "omap", "pairs"):
    _SafeConstructor.add_constructor(f"tag:yaml.org,2002:{_tag}", _refuse_tag)
_SafeConstructor.add_constructor(None, _refuse_tag)


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
# The C parser recurses once per level of nesting and crashes the process somewhere past 50,000 levels.
# These bounds keep what reaches it below ~2,500 levels: every level is a flow bracket, a deeper indent,
# or an indicator (- ? :) on the same line. The exact limit (MAX_DEPTH) is checked after parsing.
_DEEP_INDENT = re.compile(r"^ {400}", re.MULTILINE)
_MANY_INDICATORS = re.compile(r"^(?:[^\n?:-]*[?:-]){500}", re.MULTILINE)


def _needs_strict_path(text: str) -> bool:
    """The C parser is ~7x faster but cannot enforce the alias and depth limits, and it accepts tabs that
    the pure parser (which locates every problem) refuses. A file that might contain an anchor or alias,
    a tab, or nesting deep enough to endanger the C parser takes the pure-Python path."""
    return "\t" in text or bool(_ALIAS_LIKE.search(text)) or text.count("[") + text.count("{") > 1000 or \
        bool(_DEEP_INDENT.search(text)) or bool(_MANY_INDICATORS.search(text))


def _too_deep(data: Any) -> bool:
    """Whether plain data nests more than MAX_DEPTH levels, counted as the strict composer counts them."""
    stack = [(data, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_DEPTH:
            return True
        children = node.values() if isinstance(node, dict) else node if isinstance(node, list) else ()
        for child in children:
            if depth + 1 > MAX_DEPTH:
                return True
            if isinstance(child, (dict, list)):
                stack.append((child, depth + 1))
    return False


def _tab_hint(text: str, line: int, col: int) -> bool:
    """A tab where the parser stopped, or in the indentation of that line or the one before."""
    lines = text.split("\n")
    near = [lines[i] for i in (line - 1, line) if 0 <= i < len(lines)]
    at = lines[line][col:col + 1] if 0 <= line < len(lines) else ""
    return at == "\t" or any("\t" in x[: len(x) - len(x.lstrip(" \t"))] for x in near)


def parse(text: str, display: str) -> Any:
    """Parse YAML text to plain data, or raise InvalidKB with the position of the problem."""
    strict = _needs_strict_path(text) or not _HAVE_C
    try:
        try:
            data = _yaml("safe", pure=strict).load(text)
            if strict or not _too_deep(data):
                return data
        except RecursionError:
            if strict:
                raise
        return _yaml("safe", pure=True).load(text)  # too deep for the fast path: the strict one says where
    except MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        message = " ".join(str(x) for x in (e.context, e.problem) if x)
        line, col = (mark.line, mark.column) if mark else (None, None)
        if "'\\t'" in message or "tab character" in message or (mark and _tab_hint(text, line, col)):
            message += " (a tab: YAML indents with spaces only)"
        kind = "YAML" if isinstance(e, ConstructorError) else "YAML syntax"
        raise InvalidKB([Finding(display, None if line is None else line + 1, None if col is None else col + 1,
                                 "", f"{kind}: {message}")]) from None
    except YAMLError as e:
        raise InvalidKB([Finding(display, None, None, "", f"YAML: {e}")]) from None
    except RecursionError:
        raise InvalidKB([Finding(display, None, None, "", "nested too deeply")]) from None


def read(source: inputs.Input, display: str, limit: int = inputs.KB_FILE) -> Any:
    """Read and parse a YAML input (a file, `-`, or bytes) to plain data, or raise InvalidKB."""
    return parse(inputs.read_text(source, display, limit), display)


class Locator:
    """Maps a path of keys and indexes inside a file to its line, column and a readable key."""

    def __init__(self, text: str | None, display: str):
        self.display = display
        try:
            self.tree = None if text is None else _yaml("rt").load(text)
        except Exception:  # the text parsed once already; positions are a courtesy
            self.tree = None

    @classmethod
    def of(cls, source: inputs.Input, display: str, limit: int = inputs.KB_FILE) -> Locator:
        try:
            return cls(inputs.read_text(source, display, limit), display)
        except InvalidKB:  # the file was read once already; positions are a courtesy
            return cls(None, display)

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
