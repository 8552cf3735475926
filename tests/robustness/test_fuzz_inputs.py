"""Property-based fuzzing of what users type: facts files and drafts. Whatever the bytes, reading them either
succeeds, and then the engines run on the result without error, or fails with findings that name the file;
no other exception. Bounded in the normal run; TIPKB_FUZZ_EXAMPLES=2000 runs longer."""

import datetime as dt
import json
import os

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from kb import diff, draft, facts, gaps, yamlio
from kb.errors import BadInput, InvalidKB
from kb.qualify import Tie, qualify
from kb.snapshot import act_point

from ..conftest import ROOT
from ..statute_text.texts import fixture
from .test_fuzz import mutate

EXAMPLES = int(os.environ.get("TIPKB_FUZZ_EXAMPLES", "25"))
TODAY = dt.date(2026, 11, 21)
ON = dt.date(2021, 6, 1)
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

SCENARIOS = [json.dumps(yamlio.read(p, p.name)["facts"]) for p in sorted((ROOT / "tests/scenarios").glob("*.yaml"))]
DRAFT = (ROOT / "tests/fixtures/draft-128-means.yaml").read_text(encoding="utf-8")

# Values a hostile or careless file might hold: every YAML type, and numbers and strings at the edges.
scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.integers(-2**70, 2**70), st.floats(allow_nan=True),
    st.text(max_size=30), st.sampled_from(["unknown", "2021-06-01", "2014-12-31", "9999-12-31", "2021-02-30",
                                           "4y13m", "600m", "601m", "0m", "-1y", "1e9y", "recruitment", "обман",
                                           "act.recruitment", "", " ", "\u202e", "x" * 300]))
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
    st.text(max_size=8) | st.sampled_from(["id", "act", "from", "summary", "penalty", "main", "kind", "min",
                                            "max", "versions", "items", "elements", "acts", "means"]),
    inner, max_size=4), max_leaves=12)
slot_terms = st.lists(st.sampled_from(["recruitment", "sale", "deception", "вербовка", "exploitation",
                                       "forced labour", "sexual", "act.recruitment", "means.fraud", "zzz"]), max_size=4)


def facts_text(fields: dict) -> bytes:
    return json.dumps(fields, ensure_ascii=False, default=str).encode()  # JSON is YAML


def read_facts(kb, data: bytes) -> None:
    try:
        loaded = facts.read(kb, data, TODAY, "case.yaml")
    except InvalidKB as e:
        assert e.findings and all(f.file == "case.yaml" and f.message for f in e.findings)
        return
    try:
        qualify(kb, facts.to_case(kb, loaded.facts), TODAY)  # whatever read accepted, the engine can answer ...
    except Tie:  # ... or refuses a fuzzy term whose near-tie would change the answer, naming it
        pass


@FUZZ
@given(fields=st.fixed_dictionaries(
    {"date": st.sampled_from(["2021-06-01", "2015-01-01", "2020-03-01", "2014-12-31", "2999-01-01"]) | scalars},
    optional={"victims": st.lists(st.fixed_dictionaries({}, optional={
        "age": st.integers(-5, 200) | scalars, "minor": st.booleans() | scalars, "knew_age": st.booleans(),
        "pregnant": st.booleans(), "count": st.integers(-2, 2**40) | scalars}), max_size=3) | values,
        "acts": slot_terms | values, "means": slot_terms | values, "purposes": slot_terms | values,
        "offenders": st.dictionaries(st.sampled_from(["group_prior_agreement", "criminal_group", "repeatedly",
                                                      "official_position", "bogus"]), st.booleans() | scalars),
        "cross_border": st.booleans() | scalars, "organs_removed": st.booleans(), "note": values,
        "extra": values}))
def test_structured_facts_read_cleanly(kb, fields):
    read_facts(kb, facts_text(fields))


@FUZZ
@given(scenario=st.sampled_from(SCENARIOS),
       op=st.sampled_from(["delete_line", "duplicate_line", "swap_lines", "insert_char", "dedent", "truncate"]),
       at=st.floats(0, 0.999), other=st.floats(0, 0.999),
       char=st.sampled_from([":", "-", " ", "\t", "[", "{", "'", '"', "&", "*", "#", "\n", "\x00", "é", "!", "}"]))
def test_mutated_facts_read_cleanly(kb, scenario, op, at, other, char):
    read_facts(kb, mutate(scenario, op, at, other, char).encode("utf-8", "surrogatepass"))


def apply_draft(kb, data: bytes) -> None:
    try:
        overlay, act = draft.apply(kb, data, ON, "draft.yaml")
    except InvalidKB as e:
        assert e.findings and all(f.file == "draft.yaml" and f.message for f in e.findings)
        return
    except BadInput as e:  # a draft that comes into force after the date of the report
        assert "comes into force" in str(e)
        return
    gaps.draft_report(overlay, act, "draft.yaml")
    diff.diff(overlay, [act_point(overlay, act, before=True)], overlay, [act_point(overlay, act)], None, "a", "b")


@FUZZ
@given(op=st.sampled_from(["delete_line", "duplicate_line", "swap_lines", "insert_char", "dedent", "truncate"]),
       at=st.floats(0, 0.999), other=st.floats(0, 0.999),
       char=st.sampled_from([":", "-", " ", "\t", "[", "{", "'", '"', "&", "*", "#", "\n", "\x00", "é", "!", "}"]))
def test_mutated_drafts_apply_cleanly(kb, op, at, other, char):
    apply_draft(kb, mutate(DRAFT, op, at, other, char).encode("utf-8", "surrogatepass"))


terms = st.sampled_from(["4y", "7y", "4y13m", "50y", "51y", "0m", "18m", "unknown", "-1y", "9" * 30 + "y"]) | scalars
version = st.fixed_dictionaries(
    {"act": st.sampled_from(["draft-x", "kz-law-292-VI", "nope"]),
     "sources": st.just([{"ref": "draft"}]) | values, "confidence": st.sampled_from(["unverified", "official", "x"])},
    optional={"from": st.sampled_from(["2014-01-01", "2021-01-01", "2030-01-01", "bad"]) | scalars,
              "summary": scalars, "repealed": st.booleans() | scalars,
              "elements": st.fixed_dictionaries({}, optional={"acts": st.lists(st.sampled_from(
                  ["act.recruitment", "act.sale", "act.nope", "bad id"]), max_size=3), "means": values}) | values,
              "penalty": st.fixed_dictionaries({"main": st.lists(st.fixed_dictionaries(
                  {"kind": st.sampled_from(["imprisonment", "fine", "life_imprisonment", "x"])},
                  optional={"min": terms, "max": terms}), max_size=3) | values}) | values})


@FUZZ
@given(in_force=st.sampled_from([None, "2021-01-01", "2014-06-01", "2030-01-01"]) | scalars,
       patches=st.lists(st.fixed_dictionaries(
           {"article": st.sampled_from(["128", "135", "309", "999"]) | scalars,
            "parts": st.lists(st.fixed_dictionaries(
                {"id": st.sampled_from(["1", "2", "3-1", "9", "cross-border"]) | scalars},
                optional={"versions": st.lists(version, max_size=2), "builds_on": st.lists(st.sampled_from(
                    ["1", "2", "7"]), max_size=2), "items": st.lists(st.fixed_dictionaries(
                        {"id": st.sampled_from(["1", "2", "3"]), "versions": st.lists(version, max_size=2)}),
                    max_size=2)}), max_size=2)}), max_size=2))
def test_structured_drafts_apply_cleanly(kb, in_force, patches):
    head = {"id": "draft-x", "title": {"en": "fuzz"}, **({"in_force": in_force} if in_force is not None else {})}
    apply_draft(kb, json.dumps({"draft": head, "articles": patches}, default=str).encode())


IMPORT_TEXTS = [fixture(name) for name in ("ru-code.txt", "kk-code.txt")]


@settings(max_examples=max(1, EXAMPLES // 3), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.sampled_from(IMPORT_TEXTS), edits=st.lists(st.tuples(st.integers(0, 3), st.integers(0, 10**6),
                                                                     st.integers(0, 10**6)), min_size=1, max_size=4),
       edition=st.sampled_from([dt.date(2031, 3, 1), dt.date(2028, 5, 1), dt.date(2029, 9, 1), dt.date(2016, 1, 1)]))
# A repeal note moved into an added article: its one version rests on the text at the text's grade, so the
# penalty needs no provenance of its own, on the first import or the second.
@example(text=IMPORT_TEXTS[0], edits=[(3, 598, 65535)], edition=dt.date(2031, 3, 1))
# An article heading moved between a part and its sanction: the sanction reads as the heading's second line and
# the one part left is repealed, so the new article would have no part to write.
@example(text=IMPORT_TEXTS[0], edits=[(3, 516, 3039)], edition=dt.date(2031, 3, 1))
def test_an_import_of_any_text_writes_a_valid_kb_once_or_nothing(tmp_path_factory, text, edits, edition):
    """A Code text with lines dropped, repeated, moved or changed: the import either refuses it (findings, or a
    date it cannot read one way), or writes a KB that validates, and the same import again writes nothing."""
    from kb.importer import compare
    from kb.importwrite import apply
    from kb.load import load, validate

    from ..test_import import make_kb

    lines = text.splitlines()
    for op, i, j in edits:
        i, j = i % len(lines), j % len(lines)
        if op == 0:
            del lines[i]
        elif op == 1:
            lines.insert(i, lines[j])
        elif op == 2:
            lines[i] = lines[i].replace("семи", "восьми").replace("жеті", "сегіз").replace("2", "3")
        else:
            lines[i], lines[j] = lines[j], lines[i]
        if not lines:
            return
    data = "\n".join(lines).encode()
    root = make_kb(tmp_path_factory.mktemp("kb") / "kb")
    try:
        result, parsed, read_kb = compare(load(root), data, "code.txt", edition=edition)
        apply(read_kb, parsed, result, today=TODAY, url=None, add=True)
    except InvalidKB as e:
        assert "would write" not in e.what, e  # the import's own writing is never invalid
        return
    except BadInput:
        return
    assert validate(root).ok
    again, parsed, read_kb = compare(load(root), data, "code.txt", edition=edition)
    assert apply(read_kb, parsed, again, today=TODAY, url=None, add=True).written == []
