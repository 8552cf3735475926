"""Records: the KB's models and the engines' results as standard-library dataclasses.

A lookup builds and reads records without importing pydantic (importing it and building its validators was
most of what a lookup paid beyond typer and rich). Pydantic is imported only to validate a file (a KB file, a
facts file, a draft) and to describe a result's JSON Schema: it validates the dataclasses as they are. What it
checks beyond a field's type is written in the annotations with the markers below, which build their pydantic
part only when a validator is built. `model_dump` writes a record as plain data itself.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import os
import typing
from enum import Enum
from typing import Annotated, Any, Callable, ClassVar, Collection, Iterator, Literal, Union


def _frozen_setattr(self: Record, name: str, value: Any) -> None:
    if name in self.__dict__:  # (a field is set once, by __init__)
        raise dataclasses.FrozenInstanceError(f"cannot assign to field {name!r}")
    object.__setattr__(self, name, value)


def _frozen_delattr(self: Record, name: str) -> None:
    raise dataclasses.FrozenInstanceError(f"cannot delete field {name!r}")


class Record:
    """A dataclass with keyword-only fields; `[]` and `{}` defaults become fresh copies for each record.
    A class that sets `_frozen = True` is frozen (and hashable when its fields are).

    `dataclasses` compiles code for every class it makes (~0.5 ms each: a command that builds a few dozen
    kinds of result paid tens of ms), so a class is made a dataclass only when pydantic first validates a
    type that may hold it (`_made`). Until then one initializer, `_init`, serves every class, as the
    dataclass's would; a record the cache decodes needs neither. Equality, hashing, freezing and repr are the
    methods below, written once, rather than generated for each class."""

    __pydantic_config__: ClassVar[dict] = {}
    _frozen: ClassVar[bool] = False

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if cls._frozen:  # (on these classes only: a result's every field would pay for the check)
            cls.__setattr__, cls.__delattr__ = _frozen_setattr, _frozen_delattr
        if cls.__module__ != __name__:  # (the bases below hold no fields)
            cls.__init__ = _init  # its own, so that a made base's __init__ is not used instead
            cls._own_defaults = {name: cls.__dict__[name] for name in cls.__dict__.get("__annotations__", {})
                                 if name in cls.__dict__}  # (read before `_made` turns them into fields)
            _PENDING.append(cls)

    def __eq__(self, other: object) -> bool:
        return self.__class__ is other.__class__ and self.__dict__ == other.__dict__

    def __hash__(self) -> int:
        if not self._frozen:
            raise TypeError(f"unhashable type: {type(self).__name__!r}")
        return hash(tuple(self.__dict__.values()))

    def __repr__(self) -> str:
        return f"{type(self).__name__}({', '.join(f'{k}={v!r}' for k, v in self.__dict__.items())})"

    @classmethod
    def model_validate(cls, data: Any) -> Any:
        """A record from plain data (a parsed file), or pydantic's ValidationError."""
        return adapter(cls).validate_python(data)

    def model_dump(self, mode: Literal["python", "json"] = "python", *, exclude: Collection[str] = (),
                   exclude_none: bool = False, by_alias: bool = False) -> dict[str, Any]:
        """The record as a mapping of its fields, records within as mappings too; in `json` mode, dates as
        ISO strings and tuples and sets as lists. `exclude` names fields of this record, `exclude_none`
        drops every record's fields that are None."""
        return _dump(self, (mode == "json", exclude_none, by_alias), exclude)

    def model_copy(self, update: dict[str, Any] | None = None) -> Any:
        return type(self)(**{**self.__dict__, **(update or {})})

    @classmethod
    def model_json_schema(cls, **kwargs: Any) -> dict:
        return adapter(cls).json_schema(**kwargs)


class Data(Record):
    """The base of the engines' results."""


_ALIASES = {"from_": "from", "text_ru": "text.ru", "text_kk": "text.kk"}  # keys a Python name cannot spell


class Strict(Record):
    """The base of what a file states: frozen, and a key the model does not know is an error."""

    __pydantic_config__ = {"extra": "forbid", "validate_by_name": True, "validate_by_alias": True,
                           "alias_generator": lambda name: _ALIASES.get(name, name)}
    _frozen = True


_PENDING: list[type] = []  # record classes not yet made dataclasses, in the order they were defined


def _made(cls: type) -> None:
    """Make `cls` and its bases dataclasses, bases first."""
    for c in [c for c in reversed(cls.__mro__) if c in _PENDING]:
        for name in c.__dict__.get("__annotations__", {}):
            default = c.__dict__.get(name)
            if isinstance(default, (list, dict)):
                setattr(c, name, dataclasses.field(default_factory=_copies(default)))
        if c.__doc__ is None:
            c.__doc__ = ""  # or dataclasses computes a signature to write one
        if c.__dict__.get("__init__") is _init:
            del c.__init__  # (dataclasses writes no __init__ over one the class has)
        dataclasses.dataclass(kw_only=True, eq=False, repr=False, match_args=False)(c)
        _PENDING.remove(c)


def _copies(default: list | dict) -> Callable[[], list | dict]:
    """A default factory. (A function of no arguments, not functools.partial(list, default): pydantic reads a
    factory's signature, and that of a builtin is parsed from text with the tokenize module, whose patterns
    take 5-10 ms to compile.)"""
    def copy() -> list | dict:
        return type(default)(default)
    return copy


def _init(self: Record, **kwargs: Any) -> None:
    """What the dataclass's __init__ does: keyword-only fields, defaults (a fresh copy of a `[]` or `{}`), then
    __post_init__ with the InitVars; a TypeError for an unknown keyword, then for a missing one. (Written for
    speed: a whole-Code diff builds tens of thousands of records.)"""
    cls = type(self)
    defaults, init_vars, special, post = _signature(cls)
    values = defaults.copy()  # in the fields' order
    values.update(kwargs)
    if len(values) != len(defaults):  # a keyword that is no field: an InitVar, or unknown
        for name in kwargs:
            if name not in defaults:
                if name not in init_vars:
                    raise TypeError(f"{cls.__name__}.__init__() got an unexpected keyword argument {name!r}")
                del values[name]
    for name in special:  # a field that is required, or whose default is a `[]` or `{}` to copy
        if values[name] is defaults[name]:
            values[name] = _default(cls, name, defaults[name])
    object.__setattr__(self, "__dict__", values)
    if post is not None:
        post(self, *[kwargs[name] if name in kwargs else _default(cls, name, default)
                     for name, default in init_vars.items()])


def _default(cls: type, name: str, default: Any) -> Any:
    if default is _REQUIRED:
        raise TypeError(f"{cls.__name__}.__init__() missing 1 required keyword-only argument: {name!r}")
    return type(default)(default) if isinstance(default, (list, dict)) else default


class _Required:
    """The default of a field that has none."""


_REQUIRED = _Required()
_SPECIAL = frozenset({_Required, list, dict})  # a default `_default` must see


@functools.cache
def _signature(cls: type) -> tuple[dict[str, Any], dict[str, Any], tuple[str, ...], Callable | None]:
    """Each field's default (or _REQUIRED) in the dataclass's order, each InitVar's, the fields whose default
    `_default` must see, and the class's __post_init__."""
    own: dict[str, Any] = {}
    for c in reversed(cls.__mro__):
        own.update(c.__dict__.get("_own_defaults", {}))
    names, init_vars = _declared(cls)
    defaults = {name: own.get(name, _REQUIRED) for name in names}
    special = tuple(name for name, default in defaults.items() if default.__class__ in _SPECIAL)
    return defaults, {name: own.get(name, _REQUIRED) for name in init_vars}, special, \
        getattr(cls, "__post_init__", None)


@functools.cache  # (asked for every record a dump or the cache writes)
def _names(cls: type) -> tuple[str, ...]:
    """A record class's field names in the dataclass's order, read from the annotations (it need not be made)."""
    return _declared(cls)[0]


@functools.cache
def _declared(cls: type) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """A record class's field names and InitVar names, bases first, from the annotations."""
    names: dict[str, None] = {}
    init_vars: dict[str, None] = {}
    for c in reversed(cls.__mro__):
        if issubclass(c, Record) and c.__module__ != __name__:
            for name, tp in c.__dict__.get("__annotations__", {}).items():
                if str(tp).startswith(("InitVar", "dataclasses.InitVar")):
                    init_vars.setdefault(name)
                elif not str(tp).startswith(("ClassVar", "typing.ClassVar")):
                    names.setdefault(name)
    return tuple(names), tuple(init_vars)


def fields(cls: type) -> tuple[tuple[str, str], ...]:
    """A record class's field names, each with the key a file writes for it."""
    return tuple((name, _ALIASES.get(name, name)) for name in _names(cls))


_ATOMS = frozenset({str, int, float, bool, type(None)})  # (most values: one test before the isinstance chain)


def _dump(record: Record, how: tuple[bool, bool, bool], exclude: Collection[str] = ()) -> dict[str, Any]:
    """model_dump's work; the records within are dumped by it directly, not through their model_dump."""
    _, exclude_none, by_alias = how
    fields_ = record.__dict__
    out = {}
    for k in _names(record.__class__):
        v = fields_[k]
        if not (exclude_none and v is None) and k not in exclude:
            out[_ALIASES.get(k, k) if by_alias else k] = v if v.__class__ in _ATOMS else _plain(v, how)
    return out


def _plain(value: Any, how: tuple[bool, bool, bool]) -> Any:
    if value.__class__ in _ATOMS:
        return value
    if isinstance(value, Record):
        return _dump(value, how)
    if isinstance(value, dict):
        return {k: _plain(v, how) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        out = [_plain(v, how) for v in value]
        return out if how[0] or isinstance(value, list) else type(value)(out)
    if how[0] and isinstance(value, (dt.date, Enum)):
        return value.isoformat() if isinstance(value, dt.date) else value.value
    return value


def items(value: Any) -> Iterator[tuple[Any, Any]]:
    """Every (key, value) pair inside records (by field name), mappings and lists (key None): what a walk
    over the record's dump would meet, without dumping it."""
    stack = [value]
    while stack:
        node = stack.pop()
        if isinstance(node, Record):
            pairs: Any = node.__dict__.items()  # its fields, in order (and what __post_init__ added)
        elif isinstance(node, dict):
            pairs = node.items()
        else:
            pairs = [(None, v) for v in node]
        for pair in pairs:
            yield pair
            if isinstance(pair[1], (Record, dict, list, tuple)):
                stack.append(pair[1])


@functools.cache
def adapter(tp: Any) -> Any:
    from pydantic import TypeAdapter

    for cls in records_in(tp):  # pydantic reads nested records as dataclasses
        _made(cls)
    # Built without pydantic's plugins, as typer builds its own: looking for one reads the entry points of every
    # installed distribution (2-3 ms of a qualify run), and tipkb's validators are nothing for a plugin to watch.
    before = os.environ.get(_PLUGINS)
    os.environ[_PLUGINS] = "__all__"
    try:
        return TypeAdapter(tp)
    finally:
        if before is None:
            del os.environ[_PLUGINS]
        else:
            os.environ[_PLUGINS] = before


_PLUGINS = "PYDANTIC_DISABLE_PLUGINS"


def records_in(tp: Any, seen: set[type] | None = None) -> set[type]:
    """The record classes a type refers to, through its fields' types."""
    seen = set() if seen is None else seen
    if isinstance(tp, type) and issubclass(tp, Record):
        if tp in seen:
            return seen
        seen.add(tp)
        for hint in typing.get_type_hints(tp).values():
            records_in(hint, seen)
    for arg in typing.get_args(tp):
        records_in(arg, seen)
    return seen


# -- what pydantic checks beyond a field's type: markers for `Annotated`, read only when a validator is built ----


class Field:
    """Pydantic's `Field` constraints (pattern, min_length, gt, strict ...)."""

    def __init__(self, **constraints: Any):
        self.constraints = constraints

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        from pydantic import Field as PydanticField

        return handler.generate_schema(Annotated[source, PydanticField(**self.constraints)])


class Parsed:
    """A value read by `parse` (which raises ValueError) instead of by its type, and written by `dump`; its JSON
    Schema is `reads` for what a file may hold, `writes` for what the JSON output holds."""

    def __init__(self, parse: Callable[[Any], Any], dump: Callable[[Any], Any], reads: dict, writes: dict):
        self.parse, self.dump, self.reads, self.writes = parse, dump, reads, writes

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        from pydantic import PlainSerializer, PlainValidator, WithJsonSchema

        return handler.generate_schema(Annotated[source, PlainValidator(self.parse), PlainSerializer(self.dump),
                                                 WithJsonSchema(self.reads, mode="validation"),
                                                 WithJsonSchema(self.writes, mode="serialization")])


class Check:
    """A test run on the value once its type is validated: it returns the value or raises ValueError."""

    def __init__(self, test: Callable[[Any], Any]):
        self.test = test

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        from pydantic_core import core_schema

        # handler(source): the schema with the annotations before this one (Field(strict=True) refusing `true`
        # as 1), which generating the schema of `source` afresh would drop
        return core_schema.no_info_after_validator_function(self.test, handler(source))


class OneOf:
    """A union whose branch `pick` chooses from the value, so that a value failing its branch reports only
    that branch's errors. The branch's tag (a string starting with ~) appears in an error's path."""

    def __init__(self, pick: Callable[[Any], str], **branches: Any):
        self.pick, self.branches = pick, branches

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        from pydantic import Discriminator, Tag

        tagged = tuple(Annotated[tp, Tag(tag)] for tag, tp in self.branches.items())
        return handler.generate_schema(Annotated[Union[tagged], Discriminator(self.pick)])

    def __get_pydantic_json_schema__(self, schema: Any, handler: Any) -> Any:
        out = handler(schema)  # anyOf: a value may fit more than one branch ("unknown" is a string too)
        if "oneOf" in out:
            out["anyOf"] = out.pop("oneOf")
        return out


def one_of(pick: Callable[[Any], str], **branches: Any) -> Any:
    """The type `Union[*branches]`, validated by `OneOf`."""
    return Annotated[Union[tuple(branches.values())], OneOf(pick, **{f"~{k}": v for k, v in branches.items()})]


# -- the cache's format: records as JSON, each tagged with its class (data, never code) --------------------------


def encode(value: Any) -> Any:
    """Plain JSON data for records, dates, lists and mappings; decode() with the same classes reverses it."""
    if value.__class__ in _ATOMS:
        return value
    if isinstance(value, Record):
        out = {"~": type(value).__name__}
        fields_ = value.__dict__
        for k in _names(type(value)):
            v = fields_[k]
            out[k] = v if v.__class__ in _ATOMS else encode(v)
        return out
    if isinstance(value, (list, tuple)):
        return [v if v.__class__ in _ATOMS else encode(v) for v in value]
    if isinstance(value, dict):
        if any(isinstance(k, str) and k.startswith("~") for k in value):
            return {"~map": [[k, encode(v)] for k, v in value.items()]}
        return {k: v if v.__class__ in _ATOMS else encode(v) for k, v in value.items()}
    if isinstance(value, dt.date):
        return {"~date": value.isoformat()}
    return value


class Foreign(ValueError):
    """Cached data that names a class it may not, or lacks or adds a field."""


def decoder(classes: dict[str, type]) -> Callable[[dict], Any]:
    """The object hook for json.loads that rebuilds what encode() wrote, for these record classes only. A
    record is rebuilt without validation: it was validated before it was encoded."""
    known = {name: (cls, frozenset(_names(cls))) for name, cls in classes.items()}
    new, set_dict = object.__new__, object.__setattr__

    def hook(d: dict) -> Any:
        if "~" in d:
            name = d.pop("~")
            cls, names = known.get(name, (None, None)) if isinstance(name, str) else (None, None)
            if names != d.keys():
                raise Foreign(f"unexpected record {name!r}")
            obj = new(cls)
            set_dict(obj, "__dict__", d)  # the decoded mapping is the record's own, not a copy
            return obj
        if "~date" in d:
            return dt.date.fromisoformat(d["~date"])
        if "~map" in d:
            return dict(d["~map"])
        return d

    return hook
