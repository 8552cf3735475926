"""Validation refuses nonsense: impossible durations, terms past the sanity bound, versions older than their
act, penalties without a punishment, numbers no integer column can hold, a draft that amends a thing twice."""

import datetime as dt
import sqlite3

import pytest

from kb import draft, facts
from kb.errors import InvalidKB
from kb.index import build_index
from kb.load import load
from kb.model import MAX_TERM_MONTHS

from ..conftest import edit
from ..minikb import write_kb
from .test_law_data import BASE

ON = dt.date(2021, 6, 1)


def findings(tmp_path, text):
    write_kb(tmp_path, {"900": text})
    with pytest.raises(InvalidKB) as e:
        load(tmp_path)
    return [str(f) for f in e.value.findings]


@pytest.mark.parametrize("term, message", [
    ("4y13m", "'4y13m' has 13 months after the years; write whole years in years (5y1m)"),
    ("1y12m", "'1y12m' has 12 months after the years"),
    ("51y", "'51y' is longer than 50 years, the sanity bound on terms"),
    ("601m", "'601m' is longer than 50 years"),
    ("99999999999999999999999999y", "is longer than 50 years"),
    ("9" * 5000 + "m", "is longer than 50 years"),
])
def test_impossible_terms(tmp_path, term, message):
    (msg,) = findings(tmp_path, BASE.replace("max: 3y", f"max: {term}"))
    assert msg.startswith("statutes/kz/criminal-code/art-900.yaml:9:") and \
        "parts[1].versions[law-a].penalty.main[0].max: " in msg and message in msg


@pytest.mark.parametrize("term, months", [("50y", 600), ("18m", 18), ("4y11m", 59)])
def test_terms_up_to_the_bound_load_and_fit_the_index(tmp_path, term, months):
    write_kb(tmp_path, {"900": BASE.replace("max: 3y", f"max: {term}")})
    kb = load(tmp_path)
    assert kb.articles["900"].parts[0].versions[0].penalty.main[0].max == months <= MAX_TERM_MONTHS
    build_index(kb, tmp_path / "x.db")
    with sqlite3.connect(tmp_path / "x.db") as conn:
        assert conn.execute("select max_months from penalties").fetchone() == (months,)
    conn.close()


def test_a_version_cannot_start_before_its_act_was_signed(tmp_path):
    text = BASE.replace("      - {act: law-a, summary: q,", "      - {act: law-b, from: 2017-11-30, summary: q,")
    msgs = findings(tmp_path, text)
    assert any("parts[2].versions[law-b].from: from 2017-11-30 is before its act law-b was signed (2017-12-01)" in m
               for m in msgs), msgs


def test_a_penalty_needs_a_main_punishment(tmp_path):
    (msg,) = findings(tmp_path, BASE.replace("main: [{kind: imprisonment, min: 1y, max: 3y}]", "main: []"))
    assert "parts[1].versions[law-a].penalty.main: a penalty has at least one main punishment" in msg


def test_a_threshold_past_the_bound_is_refused(tipkb, kb_copy):
    edit(kb_copy / "mappings/checklist.yaml", "threshold_months: 48", "threshold_months: 99999999999999999999999")
    r = tipkb("index", "--root", str(kb_copy), "--db", str(kb_copy / "x.db"))
    assert r.code == 2 and "mappings/checklist.yaml:" in r.err and "threshold_months" in r.err
    assert "Traceback" not in r.err and not (kb_copy / "x.db").exists()


def test_an_integer_too_long_for_python_is_a_located_yaml_error(kb):
    with pytest.raises(InvalidKB) as e:
        facts.read(kb, f"date: 2021-06-01\nvictims: [{{age: {'9' * 5000}}}]\n".encode(), ON, "case.yaml")
    assert [str(f) for f in e.value.findings] == ["case.yaml:2:17: YAML: integer too long"]


def test_a_victim_count_past_the_bound(kb):
    with pytest.raises(InvalidKB) as e:
        facts.read(kb, b"date: 2021-06-01\nvictims: [{count: 10000000000}]\n", ON, "case.yaml")
    assert "case.yaml:2:12: victims[0].count: impossible count 10000000000" in str(e.value.findings[0])


VERSION = "{act: d1, summary: s, sources: [{ref: draft}], confidence: unverified}"
ITEM = f"{{id: \"1\", versions: [{VERSION}]}}"


@pytest.mark.parametrize("articles, message", [
    (f"""  - article: "128"
    parts: [{{id: "1", versions: [{VERSION}]}}]
  - article: "128"
    parts: [{{id: "1", versions: [{VERSION}]}}]
""", "case.yaml:5:5: articles[1].article: article 128 is already amended above in this draft"),
    (f"""  - article: "128"
    parts: [{{id: "1", versions: [{VERSION}]}}, {{id: "1", versions: [{VERSION}]}}]
""", "articles[0].parts[1].id: part 1 is already amended above in this draft"),
    (f"""  - article: "135"
    parts: [{{id: "2", items: [{ITEM}, {ITEM}]}}]
""", "articles[0].parts[2].items[1].id: item 1 is already amended above in this draft"),
])
def test_a_draft_amends_each_thing_once(kb, articles, message):
    text = f"draft: {{id: d1, title: {{en: twice}}}}\narticles:\n{articles}"
    with pytest.raises(InvalidKB) as e:
        draft.apply(kb, text.encode(), ON, "case.yaml")
    assert any(message in str(f) for f in e.value.findings), e.value.findings
