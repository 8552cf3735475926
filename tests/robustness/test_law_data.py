"""Inconsistent law data: each problem is named with its file, line and key."""

import datetime as dt

import pytest

from kb.errors import InvalidKB
from kb.load import load

from ..minikb import write_kb

BASE = """
article: "900"
code: kz-cc
titles:
  - {act: law-a, title: {en: T}, sources: [{ref: t1}], confidence: official}
parts:
  - id: "1"
    versions:
      - {act: law-a, summary: s, penalty: {main: [{kind: imprisonment, min: 1y, max: 3y}]}, sources: [{ref: t1}], confidence: official}
  - id: "2"
    builds_on: ["1"]
    versions:
      - {act: law-a, summary: q, sources: [{ref: t1}], confidence: official}
    items:
      - id: "1"
        versions:
          - {act: law-a, summary: i, elements: {circumstances: [circ.repeatedly]}, sources: [{ref: t1}], confidence: official}
"""


def problems(tmp_path, text, extra=None):
    write_kb(tmp_path, {"900": text, **(extra or {})})
    with pytest.raises(InvalidKB) as e:
        load(tmp_path)
    return [str(f) for f in e.value.findings]


def test_overlapping_versions(tmp_path):
    text = BASE.replace("      - {act: law-a, summary: s,",
                        "      - {act: law-b, summary: s0, sources: [{ref: t1}], confidence: official}\n"
                        "      - {act: law-a, summary: s,")
    (msg,) = problems(tmp_path, text)
    assert "art-900.yaml:" in msg and "parts[1].versions[law-a]" in msg and "overlaps the previous version" in msg


def test_part_building_on_a_missing_part(tmp_path):
    (msg,) = problems(tmp_path, BASE.replace('builds_on: ["1"]', 'builds_on: ["4"]'))
    assert "parts[2].builds_on: builds on part '4'" in msg


def test_min_above_max_and_negative_duration(tmp_path):
    out = problems(tmp_path, BASE.replace("min: 1y, max: 3y", "min: 4y, max: 3y"))
    assert any("parts[1].versions[law-a].penalty.main[0].min: min 48 months is above max 36 months" in m for m in out)
    out = problems(tmp_path / "neg", BASE.replace("min: 1y", "min: -1y"))
    assert any("penalty.main[0].min: expected a duration" in m for m in out)


def test_two_articles_with_the_same_number(tmp_path):
    out = problems(tmp_path, BASE, {"900-copy": BASE})
    assert any(":2:1: article: article 900 is already defined in statutes/kz/criminal-code/art-900" in m for m in out)


def test_item_id_collision(tmp_path):
    text = BASE + """      - id: "1"
        versions:
          - {act: law-a, summary: j, sources: [{ref: t1}], confidence: official}
"""
    (msg,) = problems(tmp_path, text)
    assert "items[1].id: item 1 is defined twice in part 2" in msg


def test_unknown_vocabulary_id_and_unknown_act(tmp_path):
    text = BASE.replace("circ.repeatedly", "circ.repeatedy").replace("{act: law-a, summary: q", "{act: law-z, summary: q")
    out = problems(tmp_path, text)
    assert any("items[1].versions[law-a].elements.circumstances: unknown vocabulary id 'circ.repeatedy'" in m for m in out)
    assert any("parts[2].versions[law-z].act: unknown amending act 'law-z'" in m for m in out)


def test_an_item_in_force_before_its_part(tmp_path):
    text = BASE.replace("      - {act: law-a, summary: q,", "      - {act: law-b, summary: q,")
    (msg,) = problems(tmp_path, text)
    assert "item 2.1 starts 2015-01-01, before its part 2 exists (2018-01-01)" in msg


def test_a_future_version_is_prospective_law_not_an_error(tmp_path, tipkb):
    future = (dt.date.today() + dt.timedelta(days=400)).isoformat()
    text = BASE.replace(
        "      - {act: law-a, summary: s, penalty: {main: [{kind: imprisonment, min: 1y, max: 3y}]}, sources: [{ref: t1}], confidence: official}",
        "      - {act: law-a, summary: s, penalty: {main: [{kind: imprisonment, min: 1y, max: 3y}]}, sources: [{ref: t1}], confidence: official}\n"
        f"      - {{act: law-b, from: {future}, summary: later, penalty: {{main: [{{kind: imprisonment, min: 2y, max: 4y}}]}}, sources: [{{ref: t1}}], confidence: official}}")
    write_kb(tmp_path, {"900": text})
    assert load(tmp_path).articles["900"].parts[0].versions[-1].from_.isoformat() == future
    today = tipkb("show", "900.1", "--root", str(tmp_path))
    assert today.code == 0 and "1–3 y" in today.out and "prospective" not in today.out
    later = tipkb("show", "900.1", "--root", str(tmp_path), "--on", future)
    assert later.code == 0 and "2–4 y" in later.out and "prospective" in later.out
    data = tipkb("show", "900.1", "--root", str(tmp_path), "--on", future, "--json").json()
    assert data["parts"][0]["versions"][0]["version"]["prospective"] is True


def test_a_structure_that_shows_the_whole_article_lists_every_part_in_force(tmp_path):
    whole = BASE.replace("parts:\n", 'structure:\n  - {act: law-a, parts: ["1"], all: true, sources: [{ref: t1}], '
                                      'confidence: official}\nparts:\n', 1)
    (msg,) = problems(tmp_path, whole)
    assert "structure[law-a].parts: shows the whole article without part 2, which is in force then (from 2015-01-01)" \
        in msg
    # A part that an act inside a window adds, with the structure that lists it: no reading has one without the other
    windowed = whole.replace('      - {act: law-a, summary: q,', '      - {act: law-w, summary: q,').replace(
        "          - {act: law-a, summary: i,", "          - {act: law-w, summary: i,").replace(
        'confidence: official}\nparts:\n', 'confidence: official}\n  - {act: law-w, parts: ["1", "2"], all: true, '
                                           'sources: [{ref: t1}], confidence: official}\nparts:\n', 1)
    write_kb(tmp_path / "w", {"900": windowed})
    assert load(tmp_path / "w").articles["900"].structure[-1].parts == ["1", "2"]
