"""diff and history: each change kind on small hand-made KBs, renumbering, windows; and the shipped KB."""

import json

import pytest

from kb.diff import diff, states
from kb.load import load

from .minikb import write_kb

ART = """
article: "900"
code: kz-cc
titles:
  - {act: law-a, title: {en: Old title, ru: Старое}, sources: [{ref: t1}], confidence: official}
  - {act: law-b, title: {en: New title, ru: Старое}, sources: [{ref: t1}], confidence: official}
parts:
  - id: "1"
    versions:
      - act: law-a
        summary: Recruiting a person for "exploitation".
        text.ru: Вербовка  человека в целях эксплуатации.
        elements: {acts: [act.recruitment], purposes: [purpose.exploitation]}
        penalty:
          main: [{kind: imprisonment, min: 3y, max: 5y}, {kind: fine}]
          additional: [{kind: confiscation, mandatory: false}]
        sources: [{ref: t1}]
        confidence: official
      - act: law-b
        summary: Recruiting   a person for «exploitation».
        text.ru: Вербовка или передача человека в целях эксплуатации.
        elements: {acts: [act.recruitment, act.transfer], purposes: [purpose.exploitation]}
        penalty:
          main: [{kind: imprisonment, min: 4y, max: 7y}, {kind: restriction_of_freedom, max: 3y}]
          additional: [{kind: confiscation, mandatory: true}, {kind: ban, term: 3y, mandatory: true}]
        sources: [{ref: t1}]
        confidence: secondary
  - id: "2"
    builds_on: ["1"]
    versions:
      - {act: law-a, summary: Aggravated., penalty: {main: [{kind: imprisonment, min: 5y, max: 10y}]}, sources: [{ref: t1}], confidence: official}
    items:
      - id: "1"
        versions:
          - {act: law-a, summary: repeatedly, elements: {circumstances: [circ.repeatedly]}, sources: [{ref: t1}], confidence: official}
          - {act: law-b, repealed: true, sources: [{ref: t1}], confidence: official}
      - id: "2"
        versions:
          - {act: law-a, summary: by deception, elements: {means: [means.deception]}, sources: [{ref: t1}], confidence: official}
          - {act: law-b, repealed: true, sources: [{ref: t1}], confidence: official}
      - id: "3"
        versions:
          - {act: law-b, summary: by deception, elements: {means: [means.deception]}, sources: [{ref: t1}], confidence: official}
      - id: "4"
        versions:
          - {act: law-a, summary: by a group, elements: {circumstances: [circ.group_prior_agreement]}, sources: [{ref: t1}], confidence: official}
          - {act: law-b, summary: by a group acting by prior agreement, elements: {circumstances: [circ.group_prior_agreement]}, sources: [{ref: t1}], confidence: official}
      - id: "5"
        versions:
          - {act: law-b, summary: with force, elements: {means: [means.use_of_force]}, sources: [{ref: t1}], confidence: official}
  - id: "3"
    builds_on: ["1"]
    versions:
      - {act: law-a, summary: Old part., penalty: unknown, sources: [{ref: t1}], confidence: official}
      - {act: law-b, repealed: true, sources: [{ref: t1}], confidence: official}
  - id: "3-1"
    builds_on: ["1"]
    versions:
      - {act: law-b, summary: A new part., penalty: {main: [{kind: life_imprisonment}]}, sources: [{ref: t1}], confidence: unverified}
"""

WINDOW = """
article: "901"
code: kz-cc
titles:
  - {act: law-a, title: {en: Windowed}, sources: [{ref: t1}], confidence: official}
parts:
  - id: "1"
    versions:
      - {act: law-a, summary: x, penalty: {main: [{kind: imprisonment, max: 2y}]}, sources: [{ref: t1}], confidence: official}
      - {act: law-w, summary: x, penalty: {main: [{kind: imprisonment, max: 3y}]}, sources: [{ref: t1}], confidence: official}
"""


@pytest.fixture
def mini(tmp_path):
    return load(write_kb(tmp_path, {"900": ART, "901": WINDOW}))


def changes(kb, a, b, article="900"):
    report = diff(kb, states(kb, a), kb, states(kb, b), [article], a, b)
    assert len(report.readings) == 1
    return report.readings[0].articles[0].changes


def headlines(kb, a="2016-01-01", b="2018-06-01"):
    return [c.headline for c in changes(kb, a, b)]


def test_penalty_changes(mini):
    h = headlines(mini)
    assert "900.1: imprisonment 3–5 y → 4–7 y (Law B)" in h
    assert "900.1: main punishment dropped: fine (Law B)" in h
    assert "900.1: main punishment added: restriction of freedom up to 3 y (Law B)" in h
    assert "900.1: confiscation made mandatory (Law B)" in h
    assert "900.1: additional punishment added: ban on posts or activities for 3 y (mandatory) (Law B)" in h
    assert "900.1: category medium → grave (Law B)" in h


def test_elements_title_text_and_formatting(mini):
    h = headlines(mini)
    assert "900.1: acts added: act.transfer (Law B)" in h
    assert "900: title (en) Old title → New title (Law B)" in h
    assert not any("title (ru)" in x for x in h)  # unchanged language is no change
    assert not any("900.1: summary" in x for x in h)  # whitespace and quote style only
    text = next(c for c in changes(mini, "2016-01-01", "2018-06-01") if c.kind == "text")
    assert text.after == "Вербовка {+или передача+} человека в целях эксплуатации."


def test_items_and_parts(mini):
    h = headlines(mini)
    assert "900.2: item 2 renumbered as item 3, same content" in h
    assert not any(x.startswith("900.2.2") or x.startswith("900.2.3") for x in h)  # renumbering is not a change
    assert "900.2.1: item removed" in h
    assert "900.2.5: item added: with force (Law B)" in h
    assert "900.2.4: summary reworded (Law B)" in h
    assert "900.3: part repealed" in h
    assert "900.3-1: part added (Law B)" in h
    confidences = {c.provision: (c.confidence_before, c.confidence_after) for c in changes(mini, "2016-01-01", "2018-06-01")}
    assert confidences["900.1"] == ("official", "secondary")


def test_act_points_and_before(mini):
    report = diff(mini, states(mini, "B", before=True), mini, states(mini, "B"), ["900"], "B", "B")
    assert "900.1: imprisonment 3–5 y → 4–7 y (Law B)" in [c.headline for c in report.readings[0].articles[0].changes]
    assert headlines(mini, "2016-01-01", "2017-06-01") == []  # nothing changed in between


def test_ambiguous_window_shows_both_readings(mini):
    (s1, s2) = states(mini, "2019-06-01")
    assert "had not yet come into force" in s1.label and "had come into force" in s2.label
    report = diff(mini, states(mini, "2018-06-01"), mini, states(mini, "2019-06-01"), ["901"], "a", "b")
    assert report.ambiguous
    first, second = (r.articles[0].changes for r in report.readings)
    assert first == [] and [c.headline for c in second] == ["901.1: imprisonment up to 2 y → up to 3 y (Law W)",
                                                            "901.1: category small → medium (Law W)"]
    assert len(states(mini, "2020-01-01")) == 1  # after the window, certain again


def test_cli_on_the_shipped_kb(tipkb):
    r = tipkb("diff", "--from", "2019-06-01", "--to", "2021-06-01")
    assert r.code == 0
    assert "128.1: imprisonment 3–5 y → 4–7 y (Law 292-VI)" in r.out
    assert "135.1: imprisonment 5–7 y → 5–9 y (Law 292-VI)" in r.out
    same = tipkb("diff", "--from", "292-VI", "--before", "--to", "292-VI", "128", "--json")
    data = json.loads(same.out)
    (art,) = data["readings"][0]["articles"]
    assert art["article"] == "128" and art["changes"][0]["headline"] == "128.1: imprisonment 3–5 y → 4–7 y (Law 292-VI)"
    md = tipkb("diff", "--from", "2019-06-01", "--to", "2021-06-01", "--format", "markdown")
    assert md.out.startswith("# Changes from 2019-06-01 to 2021-06-01")
    uni = tipkb("diff", "--from", "2019-06-01", "--to", "2021-06-01", "128", "--format", "unified")
    assert "-    penalty: imprisonment 3–5 y" in uni.out and "+    penalty: imprisonment 4–7 y" in uni.out
    inside = json.loads(tipkb("diff", "--from", "2020-03-01", "--to", "2021-06-01", "128", "--json").out)
    assert inside["ambiguous"] and len(inside["readings"]) == 2


def test_diff_against_a_draft(tipkb):
    from pathlib import Path
    draft = Path(__file__).parent / "fixtures/draft-128-means.yaml"
    r = tipkb("diff", "--from", "2026-01-01", "--to", str(draft), "128", "--json")
    assert r.code == 0, r.err
    heads = [c["headline"] for c in json.loads(r.out)["readings"][0]["articles"][0]["changes"]]
    assert any("means added: means.abuse_of_trust, means.deception" in h for h in heads)


def test_history(tipkb):
    r = tipkb("history", "134", "--json")
    data = json.loads(r.out)
    part1 = next(line for line in data["lines"] if line["provision"] == "134.1")
    last = part1["entries"][-1]
    assert "purposes added: purpose.other_sexual_services" in last["changes"] and last["window"]
    assert "between 2024-07-05 and 2024-09-30" in last["in_force"]
    table = tipkb("history", "126.2")
    assert "126.2.5" in table.out and "repealed" in table.out and "72-VIII" in table.out


@pytest.mark.parametrize("args, code, message", [
    (["diff", "--from", "999-X", "--to", "2021-01-01"], 4, "no amending act"),
    (["diff", "--from", "2019-02-30", "--to", "2021-01-01"], 1, "not a valid date"),
    (["diff", "--from", "2019-01-01", "--to", "2021-01-01", "999"], 4, "article 999"),
    (["history", "128.9"], 4, "no part 9"),
])
def test_bad_points(tipkb, args, code, message):
    r = tipkb(*args)
    assert r.code == code and message in r.err and "Traceback" not in r.err
