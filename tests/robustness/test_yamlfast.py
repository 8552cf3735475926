"""kb/yamlfast.py reads YAML to exactly the data ruamel's loader gives, or says it is unsure; never other data."""

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kb import yamlfast, yamlio

from ..conftest import ROOT


def typed(data):
    """Data with its types spelled out: True and 1, 1 and 1.0, "1" and 1 compare equal in Python."""
    return json.dumps(data, default=repr, ensure_ascii=False) + repr(type(data)), repr(data)


def ruamel(text):
    """The data of ruamel's C loader: what parse() reads a text with when the fast reader is unsure."""
    return yamlio._yaml(False).load(text)


def same_as_ruamel(text):
    """The fast data equals ruamel's, when the fast reader is sure; returns whether it was."""
    try:
        fast = yamlfast.load(text, yamlio.MAX_DEPTH)
    except yamlfast.Unsure:
        return False
    assert typed(fast) == typed(ruamel(text)), text
    return True


def test_every_yaml_file_of_the_project_reads_alike():
    paths = sorted(p for p in ROOT.rglob("*.yaml") if ".venv" not in p.parts and ".git" not in p.parts)
    assert len(paths) > 30
    assert all(same_as_ruamel(p.read_text(encoding="utf-8")) for p in paths)


# Scalars at the edges of YAML 1.2's implicit types: the fast reader types the common ones itself.
EDGES = ["1", "-1", "+1", "0", "-0", "007", "0o17", "0x1F", "0b101", "1_000", "1.5", "1e3", ".5", "-.inf", ".NaN",
         "1:30", "true", "True", "TRUE", "tRue", "yes", "no", "on", "off", "y", "n", "null", "Null", "NULL", "~", "",
         "2020-01-01", "2020-1-1", "2001-12-14t21:59:43.10-05:00", "12345678901234567890123", "=", "<<x", "- x",
         "'1'", '"true"', "!!str 1", "!!int '12'", "!!float 1", "! 12", "|\n  12", ">\n  true"]


@pytest.mark.parametrize("value", EDGES)
def test_edges_of_implicit_typing(value):
    for text in (f"a: {value}\n", f"- {value}\n", f"{value}\n"):
        same_as_ruamel(text)


@pytest.mark.parametrize("text", [
    "a: 1\na: 2\n",  # a duplicate key: the full reader names it
    "1: a\n01: b\n",  # a duplicate after typing
    "<<: {a: 1}\n",  # a merge key
    "%YAML 1.1\n---\na: yes\n",  # YAML 1.1's booleans: the full reader knows the version
    "a: !!binary aGVsbG8=\n", "a: !!set {x}\n", "!!map {a: 1}\n", "a: !x 1\n",  # tags
    "? [a, b]\n: c\n",  # a key that is not a scalar
    "a: 1\n---\nb: 2\n",  # two documents
    "a: [1\n",  # a syntax error
    "a: " + "9" * 5000 + "\n",  # an integer Python will not convert
    "- [0:0]\n", "{'a':b}\n", '["a":b]\n', "{a:b: 1}\n", "[a?b]\n", "k: [-a?]\n", "[?]\n", "{-:x}\n",
    # (YAML 1.2 flow forms that PyYAML's libyaml 0.2 reads and ruamel's 0.1 refuses)
])
def test_what_the_fast_reader_leaves_to_the_full_one(text):
    with pytest.raises(yamlfast.Unsure):
        yamlfast.load(text, yamlio.MAX_DEPTH)


def test_depth_is_counted_as_the_full_reader_counts_it():
    for style, nest in (("block", lambda d: "a:\n" + "".join("  " * i + "b:\n" for i in range(1, d)) + "  " * d + "x"),
                        ("flow", lambda d: "[" * d + "x" + "]" * d)):
        deepest = nest(yamlio.MAX_DEPTH - 1)
        assert same_as_ruamel(deepest), style
        assert not yamlio._too_deep(yamlfast.load(deepest, yamlio.MAX_DEPTH))
        with pytest.raises(yamlfast.Unsure):
            yamlfast.load(nest(yamlio.MAX_DEPTH), yamlio.MAX_DEPTH)
        assert yamlio._too_deep(ruamel(nest(yamlio.MAX_DEPTH)))


SCALAR = st.text(alphabet="0123456789+-._:eEoxbtrueTRUEfalsFALSnulNUL~ #'\"yYnN!&*<=abc", max_size=12)


@pytest.mark.filterwarnings("ignore::ruamel.yaml.error.ReusedAnchorWarning")  # `&x` twice: ruamel warns, reads it
@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(SCALAR, SCALAR), max_size=4))
def test_random_scalars_read_alike(pairs):
    for key, value in pairs:
        for text in (f"{key}: {value}\n", f"- {value}\n- [{value}, {key}]\n", f"{{{key}: {value}}}\n"):
            if yamlio._needs_strict_path(text):  # an anchor or alias (`{&0: 0:0}`): parse() never asks the fast reader
                continue
            try:
                ruamel(text)
            except Exception:  # ruamel refuses it: the fast reader must not give data
                with pytest.raises(yamlfast.Unsure):
                    yamlfast.load(text, yamlio.MAX_DEPTH)
                continue
            same_as_ruamel(text)


def test_without_libyaml_the_full_reader_reads_everything(monkeypatch):
    import sys

    import kb

    monkeypatch.delattr(kb, "yamlfast")
    monkeypatch.setitem(sys.modules, "kb.yamlfast", None)  # as when PyYAML was built without libyaml
    assert yamlio.parse("a: [1, x, 2020-01-01]\n", "f.yaml", fast=True) == {"a": [1, "x", "2020-01-01"]}


def _outcome(text, fast):
    from kb.errors import InvalidKB

    try:
        return typed(yamlio.parse(text, "f.yaml", fast=fast))
    except InvalidKB as e:
        return [str(f) for f in e.findings]


@pytest.mark.parametrize("text", [
    "a: &x [1]\nb: *x\n", "a: 1\na: 2\n", "a: !!binary aGVsbG8=\n", "a: !!python/object:os.system x\n",
    "x: " + "[" * 44 + "]" * 44 + "\n", "x:\n" + "".join("  " * i + "- \n" for i in range(1, 44)) + "  " * 44 + "- v\n",
    "- " * 3000 + "x\n", "a:\n\t- b\n", "a: [1\n", "\ufeffa: 1\n", "a: " + "9" * 5000 + "\n", "%YAML 1.1\n---\na: yes\n",
    "a: 2020-13-45\nb: '1'\nc: 0x1F\nd: ~\n", "- [0:0]\n", "{'a':b}\n",
])
def test_a_hostile_or_odd_file_reads_the_same_with_the_fast_reader(text):
    """The workers' reading gives the same data, or the same finding at the same position, as ruamel's."""
    assert _outcome(text, fast=True) == _outcome(text, fast=False)
