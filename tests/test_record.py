"""Records (kb/record.py): dataclasses that pydantic validates only when a file is read, that the cache writes
as tagged JSON and rebuilds without validation, and that a lookup reads without importing pydantic."""

import dataclasses
import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Annotated

import pytest
from pydantic import ValidationError

from kb.model import AdditionalPunishment, Amount, MainPunishment, Months, OrUnknown, Penalty, SourceRef
from kb.record import Check, Data, Field, Foreign, Strict, decoder, encode


def _even(v: int) -> int:
    if v % 2:
        raise ValueError(f"{v} is odd")
    return v


class Box(Strict):
    size: Annotated[int, Field(gt=0)]
    label: str | None = None
    tags: list[str] = []
    term: Months | None = None
    count: OrUnknown(Annotated[int, Check(_even)]) = 2
    from_: dt.date | None = None

    def __post_init__(self) -> None:
        if self.label == "":
            raise ValueError("an empty label")


class Row(Data):
    box: Box
    seen: dict[str, int] = {}


def test_validation_reads_aliases_parses_terms_and_reports_each_problem_at_its_key():
    box = Box.model_validate({"size": 3, "term": "1y6m", "from": "2020-01-02", "count": "unknown"})
    assert (box.term, box.from_, box.count, box.tags) == (18, dt.date(2020, 1, 2), "unknown", [])
    with pytest.raises(ValidationError) as e:
        Box.model_validate({"size": 0, "colour": "red", "count": 3, "term": "5x"})
    where = {(tuple(x["loc"]), x["type"]) for x in e.value.errors()}
    assert {loc for loc, _ in where} == {("size",), ("colour",), ("count", "~known"), ("term",)}
    with pytest.raises(ValidationError, match="an empty label"):  # __post_init__ runs after validation
        Box.model_validate({"size": 1, "label": ""})


def test_records_are_frozen_compared_by_value_and_get_fresh_defaults():
    a, b = Box(size=1), Box(size=1)
    assert a == b and a != Box(size=2) and hash(SourceRef(ref="x")) == hash(SourceRef(ref="x"))
    assert a.tags is not b.tags
    with pytest.raises(dataclasses.FrozenInstanceError):
        a.size = 5
    row = Row(box=a)
    row.seen["x"] = 1  # results are not frozen ...
    assert Row(box=a).seen == {}  # ... and do not share their defaults
    with pytest.raises(TypeError):
        hash(row)


def test_a_record_is_built_alike_before_and_after_its_class_is_made_a_dataclass():
    """Until pydantic needs a class, one initializer builds its records (no code compiled per class); it must do
    what the dataclass's __init__ then does: defaults, fresh copies, InitVars, __post_init__, the same errors."""
    from kb.record import _made

    def build():
        class Base(Data):
            kind: str
            tags: list[str] = []

        class Point(Base):
            _frozen = True
            on: int | None = None
            applied: dataclasses.InitVar[frozenset] = frozenset()

            def __post_init__(self, applied: frozenset) -> None:
                object.__setattr__(self, "applied", applied)
        return Point

    def outcomes(cls):
        out = []
        for kwargs in ({"kind": "date"}, {"kind": "act", "on": 3, "applied": frozenset("a"), "tags": ["x"]},
                       {"on": 3}, {"kind": "date", "colour": 1}, {"kind": "date", "applied": 1, "x": 2}):
            try:
                r = cls(**kwargs)
                out.append((r.__dict__, r.tags is not cls(kind="b").tags))
            except TypeError as e:
                out.append(type(e))
        with pytest.raises(TypeError):
            cls("date")  # keywords only
        return out

    generic, made = build(), build()
    _made(made)
    assert "__dataclass_fields__" not in vars(generic) and dataclasses.is_dataclass(made)
    assert outcomes(generic) == outcomes(made)
    assert outcomes(generic)[:2] == [({"kind": "date", "tags": [], "on": None, "applied": frozenset()}, True),
                                     ({"kind": "act", "tags": ["x"], "on": 3, "applied": frozenset("a")}, True)]
    assert outcomes(generic)[2:] == [TypeError, TypeError, TypeError]


def test_a_dump_is_plain_data_by_field_name_or_by_the_files_key():
    row = Row(box=Box(size=1, from_=dt.date(2020, 1, 2)), seen={"a": 1})
    assert row.model_dump(mode="json") == {"box": {"size": 1, "label": None, "tags": [], "term": None, "count": 2,
                                                   "from_": "2020-01-02"}, "seen": {"a": 1}}
    assert row.model_dump()["box"]["from_"] == dt.date(2020, 1, 2)
    assert Box(size=1).model_dump(by_alias=True, exclude_none=True, exclude={"count"}) == {"size": 1, "tags": []}
    # the options reach the records within (a draft's penalties are written by the files' keys, without nulls);
    # `exclude` names this record's fields only
    nested = Row(box=Box(size=1, count=4, from_=dt.date(2020, 1, 2)), seen={"count": 1})
    assert nested.model_dump(mode="json", by_alias=True, exclude_none=True, exclude={"seen"}) == \
        {"box": {"size": 1, "tags": [], "count": 4, "from": "2020-01-02"}}


def test_a_pydantic_plugin_in_the_environment_does_not_see_the_validators(monkeypatch):
    """As typer does for its own: looking for plugins reads every installed distribution's entry points."""
    from pydantic.plugin import _loader

    seen = []

    class Plugin:
        def new_schema_validator(self, *args, **kwargs):
            seen.append(args)
            return None, None, None

    class Fresh(Strict):  # a class no validator was built for yet
        size: int

    monkeypatch.setattr(_loader, "_plugins", {"a plugin": Plugin()})
    monkeypatch.delenv("PYDANTIC_DISABLE_PLUGINS", raising=False)
    assert Fresh.model_validate({"size": 3}).size == 3
    assert seen == [] and "PYDANTIC_DISABLE_PLUGINS" not in os.environ  # (and the setting is put back)


def test_the_cache_format_rebuilds_records_of_the_given_classes_only():
    penalty = Penalty.model_validate({"main": [{"kind": "imprisonment", "min": "4y", "max": "7y"}]})
    data = {"p": penalty, "on": dt.date(2020, 1, 2), "odd keys": {"~": 1}}
    text = json.dumps(encode(data))
    hook = decoder({c.__name__: c for c in (Penalty, MainPunishment, AdditionalPunishment, Amount)})
    assert json.loads(text, object_hook=hook) == data
    with pytest.raises(Foreign):
        json.loads(text, object_hook=decoder({"Penalty": Penalty}))  # its punishments' class is not allowed
    with pytest.raises(Foreign):
        json.loads('{"~": "Penalty", "main": [], "additional": [], "extra": 1}', object_hook=hook)


def test_a_lookup_from_the_cache_runs_without_pydantic(kb_copy, tmp_path):
    """The library's read path: once the cache is written, pydantic cannot even be imported and the answer
    is the same."""
    env = {"TIPKB_CACHE_DIR": str(tmp_path / "cache"), "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
    script = (f"import sys, json, datetime as dt\n"
              f"if sys.argv[1] == 'bare': sys.modules['pydantic'] = None\n"
              f"from pathlib import Path\nfrom kb.load import load\nfrom kb.show import penalty\nfrom kb.citation import parse\n"
              f"r = penalty(load(Path({str(kb_copy)!r})), parse('128'), dt.date(2021, 6, 1), dt.date(2026, 1, 1))\n"
              f"print(json.dumps(r.model_dump(mode='json')))\n")
    first = subprocess.run([sys.executable, "-c", script, "warm"], env=env, capture_output=True, text=True)
    bare = subprocess.run([sys.executable, "-c", script, "bare"], env=env, capture_output=True, text=True)
    assert first.returncode == 0 and bare.returncode == 0, bare.stderr
    assert bare.stdout == first.stdout and '"max": 84' in bare.stdout
