"""The fast way to read a YAML file that needs nothing unusual: libyaml composes it in C (PyYAML's parser), and
the nodes become plain data here, by exactly the rules of kb/yamlio.py's ruamel loader (YAML 1.2).

What that rule does not cover plainly raises `Unsure`, and the caller reads the text the full way, which gives
the same data or the message with its position: a tag, a merge key, a duplicate key, a `%YAML` directive, a
number in an unusual spelling, a syntax error, and the YAML 1.2 flow forms that PyYAML's libyaml 0.2 reads and
ruamel's libyaml 0.1 refuses (`[0:0]`, `{a:b: 1}`, `[a?b]`, `"a":b`). Tests compare the two on the project's
files and on random texts.

On the x100 benchmark KB this is two to three times faster than ruamel's own C loader, which composes through
Python objects of its own and constructs with generators. Importing PyYAML costs ~25 ms, so kb/load.py uses it
only when it reads many files.
"""

from __future__ import annotations

import functools
import re
from typing import Any

import yaml
from yaml._yaml import CParser
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

# What the resolver below gives a node without a tag, compared by identity: a tag written in the file is never
# one of these objects, so every tag but the non-specific `!` (resolved as ruamel resolves it), even !!str, is
# left to the full reader.
_PLAIN, _QUOTED, _COLLECTION, _TAGGED = "plain", "quoted", "collection", "tagged"
_TEXT = frozenset({None, "tag:yaml.org,2002:str", "tag:yaml.org,2002:timestamp"})  # dates stay text (kb/yamlio.py)
_COMMON = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False,
           "": None, "~": None, "null": None, "Null": None, "NULL": None}


class Unsure(Exception):
    """The text needs the full reader: for its data or for a message with a position."""


class _Composer(CParser):
    """libyaml's composer with the resolution left to `_scalar` (PyYAML's own resolver is YAML 1.1)."""

    def descend_resolver(self, parent: Any, index: Any) -> None:
        pass

    def ascend_resolver(self) -> None:
        pass

    def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
        """Called for a node without a tag, or with the non-specific tag `!` (libyaml then reports a plain scalar
        as quoted-implicit, which ruamel also reads as a string)."""
        if kind is ScalarNode:
            plain, quoted = implicit
            return _PLAIN if plain else _QUOTED if quoted else _TAGGED
        return _COLLECTION if implicit else _TAGGED


@functools.cache
def _implicit() -> tuple[dict, tuple]:
    """ruamel's YAML 1.2 table of implicit types, by first character ('' for the empty scalar), and the
    resolvers tried whatever the first character (none in YAML 1.2)."""
    from ruamel.yaml.resolver import VersionedResolver

    def compiled(resolvers: list) -> tuple:  # (ruamel's patterns are lazy proxies, slow to call)
        return tuple((tag, re.compile(regexp.pattern, regexp.flags)) for tag, regexp in resolvers)

    table = VersionedResolver(version=(1, 2)).versioned_resolver
    anywhere = compiled(table.get(None, []))
    return {first: compiled(resolvers) + anywhere for first, resolvers in table.items() if first is not None}, \
        anywhere


_DECIMAL = re.compile(r"[-+]?(?:0|[1-9][0-9]{0,17})")  # an int ruamel reads as Python's int() does


def _typed(value: str) -> Any:
    """A plain scalar ruamel would type, in a spelling the KB uses: true/false, null, a decimal integer."""
    if value in _COMMON:
        return _COMMON[value]
    if _DECIMAL.fullmatch(value):
        return int(value)
    raise Unsure  # 0x1F, 1.5, .inf, 1_000, a merge key <<…: typed or refused by the full reader


def _scalar(node: ScalarNode) -> Any:
    value, tag = node.value, node.tag
    if tag is _QUOTED:  # quoted, or a block scalar
        return value
    if tag is _PLAIN:  # typed as ruamel's Resolver.resolve types it
        by_first, anywhere = _implicit()
        resolvers = by_first.get(value[:1], anywhere)
        if not resolvers:
            return value
        tag = next((t for t, regexp in resolvers if regexp.match(value)), None)
        return value if tag in _TEXT else _typed(value)
    raise Unsure  # a tag: converted or refused by the full reader


def _data(node: Any, depth: int, deepest: int, flow: bool, text: str) -> Any:
    if depth > deepest:  # counted as kb/yamlio.py's _too_deep counts: every value, the top one at 1
        raise Unsure
    kind = node.__class__
    if kind is ScalarNode:
        if flow and node.tag is _PLAIN:
            _plain_in_flow(node, key=False)
        return _scalar(node)
    if node.tag is not _COLLECTION:  # a tag: !!map, !!set, !!omap…
        raise Unsure
    flow = flow or node.flow_style
    if kind is SequenceNode:
        return [_data(item, depth + 1, deepest, flow, text) for item in node.value]
    if kind is not MappingNode:
        raise Unsure
    out: dict = {}
    for key_node, value_node in node.value:
        if key_node.__class__ is not ScalarNode:
            raise Unsure
        if key_node.tag is _QUOTED and _adjacent(key_node, text):
            raise Unsure
        if flow and key_node.tag is _PLAIN:
            _plain_in_flow(key_node, key=True)
        key = _scalar(key_node)
        if key in out:
            raise Unsure  # the full reader names the duplicate key
        out[key] = _data(value_node, depth + 1, deepest, flow, text)
    return out


def _plain_in_flow(node: ScalarNode, key: bool) -> None:
    """Unsure of a plain scalar inside [ ] or { } that holds `:` or `?` (`[0:0]`, `{a:b: 1}`, `[a?b]`), or of
    an empty plain key there (`[?]`): YAML 1.2 allows them and libyaml 0.2 reads them; ruamel's libyaml
    refuses them."""
    value = node.value
    if ":" in value or "?" in value or (key and not value):
        raise Unsure


def _adjacent(key: ScalarNode, text: str) -> bool:
    """A quoted key followed at once by ':' and its value (`"a":b`): YAML 1.2 and libyaml allow it, ruamel
    does not."""
    at = key.end_mark.index
    return text[at:at + 1] == ":" and text[at + 1:at + 2] not in (" ", "\t", "\r", "\n", "")


def load(text: str, deepest: int) -> Any:
    """The plain data of a one-document YAML text nested at most `deepest` levels, or Unsure. Aliases are not
    looked for: the caller sends a text that may hold one to the full reader."""
    if "%YAML" in text or text.startswith("\ufeff"):  # (a BOM would shift the marks `_adjacent` reads)
        raise Unsure
    try:
        node = _Composer(text).get_single_node()
    except (yaml.YAMLError, UnicodeError):  # (a lone surrogate cannot be encoded for libyaml)
        raise Unsure from None
    return None if node is None else _data(node, 1, deepest, False, text)
