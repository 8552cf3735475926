"""Reading YAML safely, and finding where in a file a value sits.

The fast path (`parse`) builds plain dicts and lists with ruamel's C parser. Only when something must be
reported does `Locator` compose the text again into nodes to recover lines and columns, so a valid KB never
pays for position tracking. Reading the bytes (size limits, devices, FIFOs) is kb/inputs.py's job.
"""

from __future__ import annotations

import re
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.composer import Composer, ComposerError
from ruamel.yaml.constructor import ConstructorError, SafeConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import AliasEvent, CollectionEndEvent, CollectionStartEvent, NodeEvent
from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode
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

    nesting = 0  # (not `depth`: ruamel's own Composer counts in that name too, which doubled the count)

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.parser.check_event(AliasEvent):
            event = self.parser.get_event()
            raise ComposerError(None, None, "aliases (*name) are not allowed", event.start_mark)
        self.nesting += 1
        try:
            if self.nesting > MAX_DEPTH:
                mark = self.parser.peek_event().start_mark
                raise ComposerError(None, None, f"nested more than {MAX_DEPTH} levels deep", mark)
            return super().compose_node(parent, index)
        finally:
            self.nesting -= 1


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
_SafeConstructor.add_constructor("tag:yaml.org,2002:timestamp", _SafeConstructor.construct_yaml_str)
for _tag in ("binary", "set", "omap", "pairs"):
    _SafeConstructor.add_constructor(f"tag:yaml.org,2002:{_tag}", _refuse_tag)
_SafeConstructor.add_constructor(None, _refuse_tag)  # any tag not named above


class _Resolver(VersionedResolver):
    """ruamel looks the YAML version up for every scalar through two caught exceptions when the C
    parser is in use (half the load time of a large KB); the table cannot change within a file."""

    _table = None

    @property
    def versioned_resolver(self) -> Any:
        if self._table is None:
            self._table = VersionedResolver.versioned_resolver.fget(self)
        return self._table


def _yaml(pure: bool) -> YAML:
    y = YAML(typ="safe", pure=pure)
    y.Resolver = _Resolver
    if pure:  # setting a Python composer would silently turn the C path back into the pure one
        y.Composer = _NoAliases
    y.Constructor = _SafeConstructor
    return y


# Where YAML allows an anchor or alias: at the start of a value, an item or a flow entry.
_ALIAS_LIKE = re.compile(r"(?:^|[:\-?]\s|[\[{,])\s*[&*][^\s,\]}]", re.MULTILINE)
# Below these bounds a file nests at most ~2,500 levels, which the C parser's recursion survives: every level
# is a flow bracket, a deeper indent, or an indicator (- ? :) on the same line.
_DEEP_INDENT = re.compile(r"^ {400}", re.MULTILINE)
_LONG_LINE = re.compile(r"^.{500,}", re.MULTILINE)  # only such a line can hold 500 indicators


def _needs_strict_path(text: str) -> bool:
    """The C parser is ~7x faster but cannot refuse aliases, and it accepts tabs that the pure parser (which
    locates every problem) refuses: a file that might contain either takes the pure-Python path."""
    if not _HAVE_C or "\t" in text:
        return True
    if "&" not in text and "*" not in text:
        return False
    # (a line break the pattern's ^ does not know could hide an alias at the start of a line)
    return bool(_ALIAS_LIKE.search(text)) or any(c in text for c in "\r\x85\u2028\u2029")


def _maybe_very_deep(text: str) -> bool:
    return text.count("[") + text.count("{") > 1000 or (" " * 400 in text and bool(_DEEP_INDENT.search(text))) or \
        any(line.count("?") + line.count(":") + line.count("-") >= 500 for line in _LONG_LINE.findall(text))


def _too_deep_at(text: str) -> Any:
    """Where the first node nested past MAX_DEPTH starts, or None, read from the C parser's events (no
    recursion) and stopping there: a hostile file costs what its first levels cost."""
    depth = 0
    try:
        for event in _yaml(False).parse(text):
            if isinstance(event, NodeEvent) and depth >= MAX_DEPTH:
                return event.start_mark
            if isinstance(event, CollectionStartEvent):
                depth += 1
            elif isinstance(event, CollectionEndEvent):
                depth -= 1
    except YAMLError:  # a syntax error before any level too deep: the load reports it
        pass
    return None


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


_UNSURE = object()


def _fast(text: str) -> Any:
    """The data kb/yamlfast.py reads, in half the time or less (it measures the depth itself), or _UNSURE."""
    try:
        from . import yamlfast
    except ImportError:  # PyYAML built without libyaml
        return _UNSURE
    try:
        return yamlfast.load(text, MAX_DEPTH)
    except (yamlfast.Unsure, RecursionError):
        return _UNSURE


def parse(text: str, display: str, fast: bool = False) -> Any:
    """Parse YAML text to plain data, or raise InvalidKB with the position of the problem. `fast` reads a text
    that needs nothing unusual with kb/yamlfast.py: it pays for importing PyYAML once many files are read."""
    strict = _needs_strict_path(text)
    try:
        if strict:  # its composer refuses aliases and nesting past MAX_DEPTH, with their position
            return _yaml(True).load(text)
        # The C parser's composer recurses once per level and crashes the process somewhere past 50,000
        # levels, so a file that might nest that deep is measured first; any other is measured once built.
        mark = _too_deep_at(text) if _maybe_very_deep(text) else None
        if mark is None:
            data = _fast(text) if fast else _UNSURE
            if data is not _UNSURE:
                return data
            data = _yaml(False).load(text)
            if not _too_deep(data):
                return data
            mark = _too_deep_at(text)
        raise ComposerError(None, None, f"nested more than {MAX_DEPTH} levels deep", mark)
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
    except TypeError as e:  # a key that holds a mapping (`{[{}]: 1}`) cannot be a Python key
        if "unhashable" not in str(e):
            raise
        raise InvalidKB([Finding(display, None, None, "", "YAML: a key that holds a mapping is not allowed; "
                                                           "keys are plain words")]) from None


def read(source: inputs.Input, display: str, limit: int = inputs.KB_FILE, fast: bool = False) -> Any:
    """Read and parse a YAML input (a file, `-`, or bytes) to plain data, or raise InvalidKB."""
    return parse(inputs.read_text(source, display, limit), display, fast)


class Locator:
    """Maps a path of keys and indexes inside a file to its line, column and a readable key.

    It composes the text into YAML nodes, which carry their positions, without constructing values: with the
    C parser that is ~30 times faster than a round-trip load, so even a large file is located quickly."""

    def __init__(self, text: str | None, display: str):
        self.display = display
        try:
            pure = text is None or _needs_strict_path(text)
            self.tree = None if text is None else _yaml(pure).compose(text)
        except Exception:  # the text parsed once already; positions are a courtesy
            self.tree = None

    @classmethod
    def of(cls, source: inputs.Input, display: str, limit: int = inputs.KB_FILE) -> Locator:
        try:
            return cls(inputs.read_text(source, display, limit), display)
        except InvalidKB:  # the file was read once already; positions are a courtesy
            return cls(None, display)

    def finding(self, loc: tuple, message: str) -> Finding:
        node, mark, keys = self.tree, None, []
        for part in loc:
            if isinstance(node, MappingNode):
                pair = _entry(node, str(part))
                if pair is not None:
                    mark, node = pair[0].start_mark, pair[1]
                    keys.append(str(part))
                elif isinstance(part, str) and not part.startswith("~"):
                    # ("~..." are the union branch tags of kb/model.py that pydantic puts in an error's path)
                    keys.append(part)  # a key that is missing here: point at the mapping that lacks it
                    break
            elif isinstance(node, SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
                node = node.value[part]
                mark = node.start_mark
                label = next((v for k in ("id", "act") if (v := _scalar(node, k)) is not None), None)
                keys.append(f"[{label}]" if label is not None else f"[{part}]")
        line, col = (mark.line, mark.column) if mark else (0, 0) if self.tree is not None and loc else (None, None)
        key = ".".join(keys).replace(".[", "[")
        return Finding(self.display, None if line is None else line + 1, None if col is None else col + 1, key, message)


def _entry(node: MappingNode, key: str) -> tuple[Any, Any] | None:
    return next(((k, v) for k, v in node.value if isinstance(k, ScalarNode) and k.value == key), None)


def _scalar(node: Any, key: str) -> str | None:
    """The plain value under `key` when `node` is a mapping (how a list item is named: its id or act)."""
    pair = _entry(node, key) if isinstance(node, MappingNode) else None
    return pair[1].value if pair and isinstance(pair[1], ScalarNode) else None
