"""tipkb qualify: the scenarios of tests/scenarios through --check on the shipped KB; the engine on a mini KB made
for it (tests/minikb.py: an adult offence 700, a child offence 701, related offences 702 and 703, a resolution's
rules); the facts file's errors; a few renderer tests."""

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from kb.facts import Facts, problems, to_case
from kb.knowledge import KB
from kb.load import load
from kb.offence import MINOR
from kb.qualify import Tie, qualify

from .minikb import ADULT, CHILD, ORGANS, PROSTITUTION, write_qualify_kb

SCENARIOS = Path(__file__).parent / "scenarios"
LATER = dt.date(2026, 1, 1)


# -- the scenarios, as data -------------------------------------------------------------------------------------


def test_the_scenarios_answer_as_they_expect(tipkb):
    r = tipkb("qualify", str(SCENARIOS), "--check", "--json")
    data = json.loads(r.out)
    wrong = {c["name"]: c["check"]["mismatches"] for c in data["cases"] if not c["check"]["ok"]}
    assert r.code == 0 and not wrong and not data["invalid"], (wrong, r.err)
    assert len(data["cases"]) == len(list(SCENARIOS.glob("*.yaml"))) >= 25


def test_every_scenario_cites_the_line_it_rests_on():
    for path in SCENARIOS.glob("*.yaml"):
        head = "\n".join(line for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("#"))
        assert re.search(r"[\w/.-]+\.(yaml|md|txt):\d+", head), path.name


def test_check_reports_an_answer_that_differs(tipkb, tmp_path):
    case = tmp_path / "case.yaml"
    case.write_text((SCENARIOS / "child-violence.yaml").read_text(encoding="utf-8").replace('"135.2.3,4"', '"135.2.3"'),
                    encoding="utf-8")
    r = tipkb("qualify", str(case), "--check")
    assert r.code == 3 and "expected 135.2.3, got 135.2.3,4" in r.out
    case.write_text(case.read_text(encoding="utf-8").replace("expect:\n", "expect:\n  count: 2\n", 1), encoding="utf-8")
    r = tipkb("qualify", str(case), "--check")
    assert r.code == 3 and "reading 1, count: expected 2, got 1" in r.out, r.out  # no second count to compare


# -- the engine on a mini KB ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def root(tmp_path_factory) -> Path:
    return write_qualify_kb(tmp_path_factory.mktemp("qualify"))


@pytest.fixture(scope="module")
def kb(root):
    return load(root)


def run(kb, on="2016-06-01", later=LATER, **facts):
    return qualify(kb, to_case(kb, Facts.model_validate({"date": on, **facts})), later)


def only(result):
    [reading] = result.readings
    [count] = reading.counts
    return count


def cites(count) -> list[str]:
    return [count.charge.citation if count.charge else None,
            *(c.charge.citation if c.charge else c.article for c in count.cumulative)]


def test_an_age_decides_who_is_a_minor_through_the_age_of_majority(kb):
    child = run(kb, victims=[{"age": 15, "knew_age": True}], acts=["sale"])
    assert cites(only(child)) == ["701.1"] and child.victims[0].by_age and child.victims[0].majority == 18
    assert cites(only(run(kb, victims=[{"age": 30}], acts=["sale"]))) == ["700.1"]
    unknown = only(run(kb, acts=["sale"]))
    assert cites(unknown) == ["700.1"] and "minor_unknown" in [k.kind for k in unknown.caveats]


def test_the_age_of_majoritys_grade_is_the_charges(tmp_path):
    from .minikb import QUALIFY_CODE

    root = write_qualify_kb(tmp_path)
    code = root / "statutes/kz/criminal-code/code.yaml"
    code.write_text(QUALIFY_CODE.replace("value: 18, sources: [{ref: t1}], confidence: official",
                                         "value: 18, sources: [{ref: sec}], confidence: inferred, basis: test"),
                    encoding="utf-8")
    kb = load(root)
    result = run(kb, victims=[{"age": 15, "knew_age": True}], acts=["sale"])
    assert only(result).charge.grade == "inferred" and result.victims[0].grade == "inferred"


def test_awareness_of_what_the_victim_is_stated_not_to_have_is_an_input_error(kb):
    facts = Facts.model_validate({"date": "2016-06-01", "victims": [
        {"age": 30, "knew_age": True}, {"minor": False, "knew_age": True}, {"pregnant": False, "knew_pregnant": True},
        {"age": 30, "knew_age": False, "pregnant": False, "knew_pregnant": False}]})  # (denials are no contradiction)
    assert [loc for loc, _ in problems(kb, facts, dt.date(2026, 6, 1))] == [
        ("victims", 0, "knew_age"), ("victims", 1, "knew_age"), ("victims", 2, "knew_pregnant")]


def test_an_age_that_contradicts_minor_is_an_input_error(kb, root, tipkb, tmp_path):
    facts = Facts.model_validate({"date": "2016-06-01", "victims": [{"age": 30, "minor": True}]})
    assert [loc for loc, _ in problems(kb, facts, dt.date(2026, 6, 1))] == [("victims", 0, "minor")]
    case = tmp_path / "case.yaml"
    case.write_text("date: 2016-06-01\nacts: [sale]\nvictims:\n  - age: 30\n    minor: true\n", encoding="utf-8")
    r = tipkb("qualify", str(case), "--root", str(root))
    assert r.code == 2 and f"{case}:5:5: victims[0].minor: contradicts the age 30" in r.err
    r = tipkb("qualify", "--root", str(root), "--date", "2016-06-01", "--act", "sale", "--victim-age", "15", "--adult")
    assert r.code == 1 and "contradicts the age 15" in r.err


def test_awareness_not_stated_gives_two_readings_the_child_offence_first(kb):
    result = run(kb, victims=[{"age": 15}], acts=["recruitment"], purposes=["exploitation"])
    first, second = result.readings
    assert [(f.fact, f.value, f.rule) for f in first.facts] == [("knew_age", True, "r5")]
    assert cites(first.counts[0]) == ["701.1"]
    assert [(t.what, t.rule, t.grade) for t in first.counts[0].to_prove] == [("knew_age", "r5", "unverified")]
    assert [f.value for f in second.facts] == [False] and cites(second.counts[0]) == ["700.1"]


def test_not_aware_gives_the_adult_offence_with_that_reason(kb):
    count = only(run(kb, victims=[{"age": 15, "knew_age": False}], acts=["recruitment"], purposes=["exploitation"]))
    assert cites(count) == ["700.1"] and count.charge.grade == "unverified"  # it rests on r5
    assert (count.caveats[0].kind, count.caveats[0].rule) == ("not_aware", "r5")


def test_a_definition_known_in_part_answers_what_it_lists_and_excludes(kb):
    labour = only(run(kb, victims=[{"age": 30}], acts=["recruitment"], purposes=["forced labour"]))
    assert labour.trafficking == "yes" and labour.charge.grade == "inferred"
    begging = only(run(kb, victims=[{"age": 30}], acts=["recruitment"], purposes=["begging"]))
    assert begging.trafficking == "undecided" and cites(begging) == ["700.1"]  # never "no"
    assert [(k.kind, k.reason) for k in begging.caveats][:1] == [("purpose_undecided", "maybe_in_definition")]
    services = only(run(kb, victims=[{"age": 30}], acts=["recruitment"], purposes=["sexual services"]))
    assert services.trafficking == "no" and [d.reason for d in services.reasons] == ["excluded"]


def test_exploitation_as_the_act_needs_no_purpose_but_its_form_is_checked(kb):
    bare = only(run(kb, victims=[{"age": 30}], acts=["exploitation"]))
    assert bare.trafficking == "undecided" and [t.any_of for t in bare.to_prove] == [["purpose.forced_labour"]]
    labour = only(run(kb, victims=[{"age": 30}], acts=["exploitation"], purposes=["forced labour"]))
    assert labour.trafficking == "yes" and labour.charge.grade == "inferred"
    excluded = only(run(kb, victims=[{"age": 30}], acts=["exploitation"], purposes=["sexual services"]))
    assert excluded.trafficking == "no"


def test_a_wider_purpose_leaves_its_narrower_forms_to_prove(kb):
    count = only(run(kb, on="2025-01-10", victims=[{"age": 30}], acts=["recruitment"],
                     purposes=["sexual exploitation"]))
    assert count.trafficking == "undecided" and cites(count) == ["700.1"]
    assert [t.any_of for t in count.to_prove] == [["purpose.prostitution_of_others", "purpose.other_sexual_services"]]


def test_what_the_kb_lacks_is_undecided_what_it_excludes_is_no(kb, tmp_path):
    facts = dict(on="2025-01-10", victims=[{"age": 30}], acts=["recruitment"], purposes=["removal of organs"],
                 organs_removed=True)
    count = only(run(kb, **facts))
    assert count.trafficking == "undecided" and count.charge is None
    assert [(d.reason, d.where) for d in count.reasons] == [("higher_parts", "701.2.2")]
    assert [(c.article, c.charge.citation, c.grade) for c in count.cumulative] == [("702", "702.1", "unverified")]
    whole = ADULT.replace('parts:\n  - id: "1"', 'structure:\n  - {act: law-a, parts: ["1", "2"], all: true, sources: '
                                                 '[{ref: t1}], confidence: official}\nparts:\n  - id: "1"', 1)
    count = only(run(load(write_qualify_kb(tmp_path, a700=whole)), **facts))
    assert count.trafficking == "no" and [d.reason for d in count.reasons] == ["not_in_definition"]
    # A form no encoded part names: still only the article held whole excludes it
    marriage = dict(on="2025-01-10", victims=[{"age": 30}], acts=["recruitment"], purposes=["forced marriage"])
    for root, expected in ((write_qualify_kb(tmp_path / "part"), ("undecided", [("higher_parts", None)])),
                           (write_qualify_kb(tmp_path / "whole", a700=whole), ("no", [("not_in_definition", None)]))):
        vocabulary = root / "mappings/vocabulary.yaml"
        vocabulary.write_text(vocabulary.read_text(encoding="utf-8") + "  purpose.forced_marriage: {label: {en: "
                              "forced marriage}}\n", encoding="utf-8")
        count = only(run(load(root), **marriage))
        assert (count.trafficking, [(d.reason, d.where) for d in count.reasons]) == expected


def test_an_element_no_stated_fact_speaks_to_remains_to_prove_never_no(kb, tmp_path):
    recruited = only(run(kb, victims=[{"age": 30}], acts=["recruitment"]))  # no purpose stated
    assert recruited.trafficking == "undecided" and cites(recruited) == ["700.1"] and recruited.grade is None
    assert [(t.any_of, t.rule) for t in recruited.to_prove] == [(["purpose.exploitation"], "r3")]
    no_act = only(run(kb, victims=[{"age": 30}], purposes=["exploitation"]))
    assert no_act.trafficking == "undecided" and [(t.any_of, t.rule) for t in no_act.to_prove] == [
        (["act.recruitment", "act.purchase_sale", "act.exploitation"], None)]
    other_act = only(run(kb, victims=[{"age": 30}], acts=["involvement"], purposes=["exploitation"]))
    assert other_act.trafficking == "no" and [d.reason for d in other_act.reasons] == ["not_stated"]
    # a circumstance of a base part: to prove unless the facts say it was not so
    repeated = ADULT.replace("{acts: [act.recruitment, act.purchase_sale, act.exploitation], purposes: "
                             "[purpose.exploitation]}", "{acts: [act.recruitment, act.purchase_sale, act.exploitation], "
                             "purposes: [purpose.exploitation], circumstances: [circ.repeatedly]}", 1)
    assert repeated != ADULT
    other = load(write_qualify_kb(tmp_path, a700=repeated))
    facts = dict(victims=[{"age": 30}], acts=["recruitment"], purposes=["exploitation"])
    unstated = only(run(other, **facts))
    assert unstated.trafficking == "undecided" and [t.any_of for t in unstated.to_prove] == [["circ.repeatedly"]]
    denied = only(run(other, offenders={"repeatedly": False}, **facts))
    assert denied.trafficking == "no" and [d.reason for d in denied.reasons] == ["stated_false"]


def test_a_minor_recruited_with_no_purpose_is_read_under_the_child_offence_first(kb):
    result = run(kb, victims=[{"age": 15}], acts=["recruitment"])
    assert [[f.value for f in r.facts] for r in result.readings] == [[True], [False]]
    first, second = (r.counts[0] for r in result.readings)
    assert (first.principal, first.trafficking, cites(first)) == ("701", "undecided", ["701.1"])
    assert [(t.what, t.any_of) for t in first.to_prove] == [("knew_age", []), ("one_of", ["purpose.exploitation"])]
    assert (second.principal, second.trafficking, cites(second)) == ("700", "undecided", ["700.1"])
    # aware, and not made out: still the child offence that is answered
    aware = only(run(kb, victims=[{"age": 15, "knew_age": True}], acts=["recruitment"], purposes=["sexual services"]))
    assert (aware.principal, aware.trafficking) == ("701", "no")


def aggravated_kb(tmp_path, **articles: str) -> KB:
    """The mini KB with items for two or more victims in part 2 of both offences, and for a pregnant victim in
    the child offence's, and an age of majority at a grade below official."""
    aggravated = CHILD.rstrip("\n") + """
      - id: "3"
        versions:
          - {act: law-a, elements: {circumstances: [circ.two_or_more_victims]}, sources: [{ref: t1}], confidence: official}
      - id: "4"
        versions:
          - {act: law-a, elements: {circumstances: [circ.victim_pregnant]}, sources: [{ref: t1}], confidence: official}
"""
    two_adults = ADULT.rstrip("\n") + """
      - id: "2"
        versions:
          - {act: law-a, elements: {circumstances: [circ.two_or_more_victims]}, sources: [{ref: t1}], confidence: official}
"""
    root = write_qualify_kb(tmp_path, **{"a700": two_adults, "a701": aggravated, **articles})
    with (root / "mappings/vocabulary.yaml").open("a", encoding="utf-8") as f:
        f.write("  circ.two_or_more_victims: {label: {en: two or more persons}}\n"
                "  circ.victim_pregnant: {label: {en: a pregnant victim}}\n")
    code = root / "statutes/kz/criminal-code/code.yaml"
    code.write_text(code.read_text(encoding="utf-8").replace(
        "value: 18, sources: [{ref: t1}], confidence: official",
        "value: 18, sources: [{ref: sec}], confidence: inferred, basis: test"), encoding="utf-8")
    return load(root)


def organs_aggravated_by(circumstance: str) -> str:
    """The related offence 702 with a part 2 whose one item is the circumstance."""
    return ORGANS.rstrip("\n") + f"""
  - id: "2"
    builds_on: ["1"]
    versions:
      - {{act: law-a, penalty: unknown, sources: [{{ref: t1}}], confidence: official}}
    items:
      - id: "1"
        versions:
          - {{act: law-a, elements: {{circumstances: [{circumstance}]}}, sources: [{{ref: t1}}], confidence: official}}
"""


def test_victims_are_separate_counts_only_where_the_offence_may_differ(tmp_path):
    kb = aggravated_kb(tmp_path)
    minor = {"knew_age": True}
    # an age and a statement, or one pregnant victim and one not: one offence against both
    stated = only(run(kb, victims=[{"age": 15, **minor}, {"minor": True, **minor}], acts=["sale"]))
    assert (stated.victims, stated.number, cites(stated)) == ([0, 1], 2, ["701.2.3"])
    assert stated.charge.grade == "inferred"  # the age's grade, weaker than a statement
    pregnant = only(run(kb, victims=[{"age": 15, "pregnant": True, "knew_pregnant": True, **minor}, {"age": 16, **minor}],
                        acts=["sale"]))
    assert cites(pregnant) == ["701.2.3,4"]
    # a minor and an adult, or a minor the offender knew of and one he did not: apart
    [reading] = run(kb, victims=[{"age": 15, **minor}, {"age": 30}], acts=["sale"]).readings
    assert [(c.victims, cites(c)) for c in reading.counts] == [([0], ["701.1"]), ([1], ["700.1"])]
    [reading] = run(kb, victims=[{"age": 15, **minor}, {"age": 16, "knew_age": False}], acts=["sale"]).readings
    assert [(c.victims, c.knew_age) for c in reading.counts] == [([0], True), ([1], False)]
    # minority not stated: one count, unless he is stated not to have been aware; aware of it, a minor
    unstated = only(run(kb, victims=[{}, {"count": 2, "pregnant": True}], acts=["sale"]))
    assert (unstated.victims, unstated.number, unstated.minor, cites(unstated)) == ([0, 1], 3, None, ["700.2.2"])
    [reading] = run(kb, victims=[{}, {"knew_age": True}], acts=["sale"]).readings
    assert [(c.victims, c.minor, c.charge.article) for c in reading.counts] == [([0], None, "700"), ([1], True, "701")]
    [reading] = run(kb, victims=[{}, {"knew_age": False}], acts=["sale"]).readings
    assert [(c.victims, c.knew_age) for c in reading.counts] == [([0], None), ([1], False)]
    # "if a minor" is a what-if only where awareness is not denied
    assert [MINOR in {w.add for w in c.what_if} for c in reading.counts] == [True, False]
    # ... read on the count the victim would be in: here with the minor he was aware of (701.2.3, two minors)
    [reading] = run(kb, victims=[{"age": 15, **minor}, {"age": 30}, {}], acts=["sale"]).readings
    assert [w.answer.charge.citation for w in reading.counts[2].what_if if w.add == MINOR] == ["701.2.3"]


def test_counts_under_the_same_trafficking_offence_are_one_offence_against_all_their_victims(tmp_path):
    kb = aggravated_kb(tmp_path)

    def one(count):
        return [(k.article, k.victims) for k in count.caveats if k.kind == "one_offence"]

    # an adult, and a minor the offender was not aware of: both 700, so one offence against two persons
    [reading] = run(kb, victims=[{"age": 30}, {"age": 15, "knew_age": False}], acts=["sale"]).readings
    assert [(c.victims, c.number, cites(c), one(c)) for c in reading.counts] == [
        ([0], 1, ["700.2.2"], [("700", [0, 1])]), ([1], 1, ["700.2.2"], [("700", [0, 1])])]
    # awareness not stated: aware, two offences of one person each; not aware, one offence against both
    aware, unaware = run(kb, victims=[{"age": 30}, {"age": 15}], acts=["sale"]).readings
    assert [(cites(c), one(c)) for c in aware.counts] == [(["700.1"], []), (["701.1"], [])]
    assert [(cites(c), one(c)) for c in unaware.counts] == [(["700.2.2"], [("700", [0, 1])])] * 2
    # ... but only the trafficking offence: 702, here against minors, is against the minor of his count alone
    for_minors = organs_aggravated_by("circ.two_or_more_victims").replace(
        "elements: {acts: [act.organ_removal]}", "elements: {acts: [act.organ_removal], victim: [circ.victim_minor]}")
    kb = aggravated_kb(tmp_path / "organs", a702=for_minors)
    [reading] = run(kb, victims=[{"age": 30}, {"age": 15, "knew_age": False}], acts=["sale"],
                    organs_removed=True).readings
    assert [(cites(c)[0], [o.citation for o in c.other] + cites(c)[1:]) for c in reading.counts] == [
        ("700.2.2", []), ("700.2.2", ["702.1"])]


def test_a_related_offence_that_does_not_turn_on_the_victim_is_one_for_all_the_victims(tmp_path):
    # 702 has no victim element: one offence against the minor and the adult, "two or more persons" (702.2.1)
    # included; 703 has one (a minor), so it is judged per count
    organs = organs_aggravated_by("circ.two_or_more_victims")
    for_minors = PROSTITUTION.replace("purposes: [purpose.prostitution_of_others]",
                                      "purposes: [purpose.prostitution_of_others], victim: [circ.victim_minor]")
    kb = aggravated_kb(tmp_path, a702=organs, a703=for_minors)
    [reading] = run(kb, victims=[{"age": 15, "knew_age": True}, {"age": 30}], acts=["sale", "involvement"],
                    purposes=["prostitution"], organs_removed=True).readings
    charged = [sorted([(x.article, x.charge.citation) for x in c.cumulative if x.charge] +
                      [(o.article, o.citation) for o in c.other]) for c in reading.counts]
    assert charged == [[("702", "702.2.1"), ("703", "703.1")], []]  # 703: against the minor, on the minor's count
    assert [[k.article for k in c.caveats if k.kind == "for_all_victims"] for c in reading.counts] == [["702"], []]


def test_an_offender_not_aware_of_a_minority_is_not_read_under_the_child_offence_when_the_age_is_unstated(kb):
    count = only(run(kb, victims=[{"knew_age": False}], acts=["sale"]))
    assert (count.principal, count.minor, cites(count), count.charge.grade) == ("700", None, ["700.1"], "official")
    assert "minor_unknown" not in [k.kind for k in count.caveats]  # not "if a minor, and aware, 701" ...
    # ... but that he was not aware, of a victim who may not be a minor at all
    assert [k.reason for k in count.caveats if k.kind == "not_aware"] == ["minor_unknown"]
    assert "minor_unknown" in [k.kind for k in only(run(kb, victims=[{}], acts=["sale"])).caveats]


def test_a_victim_whose_minority_is_not_stated_names_the_charge_it_would_be_if_a_minor(kb, tmp_path):
    def child(count):
        return [k.where for k in count.caveats if k.kind == "minor_unknown"]

    assert child(only(run(kb, acts=["sale"]))) == ["701.1"]  # no victim listed: the one the case is about
    assert child(only(run(aggravated_kb(tmp_path), victims=[{}, {}], acts=["sale"]))) == ["701.2.3"]  # both minors
    # a charge that would not be final (a part 701 lacks may cover the crossing): the article alone
    assert child(only(run(kb, acts=["sale"], cross_border=True))) == [None]


def test_an_offence_charged_beside_names_the_facts_a_part_it_lacks_may_cover(kb):
    count = only(run(kb, victims=[{"age": 30}], acts=["sale"], organs_removed=True, cross_border=True))
    assert [(c.article, c.charge.final) for c in count.cumulative] == [("702", False)]
    assert [(k.article, k.ids) for k in count.caveats if k.kind == "open"] == [
        ("700", ["circ.cross_border"]), ("702", ["circ.cross_border"])]


def test_awareness_of_a_minority_or_a_pregnancy_entails_it(tmp_path):
    count = only(run(aggravated_kb(tmp_path), victims=[{"knew_age": True, "knew_pregnant": True}], acts=["sale"]))
    assert (count.minor, cites(count)) == (True, ["701.2.4"])


def test_a_pregnancy_the_offenders_knowledge_of_is_not_stated_names_the_charge_if_he_knew(tmp_path):
    kb = aggravated_kb(tmp_path)
    pregnant = {"age": 15, "knew_age": True, "pregnant": True}
    count = only(run(kb, victims=[pregnant], acts=["sale"]))
    assert cites(count) == ["701.1"]
    assert [(k.kind, k.where) for k in count.caveats if k.changes == "charge"] == [("knew_pregnant_unknown", "701.2.4")]
    knew = only(run(kb, victims=[{**pregnant, "knew_pregnant": True}], acts=["sale"]))
    assert cites(knew) == ["701.2.4"] and "knew_pregnant_unknown" not in [k.kind for k in knew.caveats]
    # the charge it would bring may be a related offence's: 702 has a pregnancy item, the adult offence none
    organs = organs_aggravated_by("circ.victim_pregnant")
    adult = only(run(aggravated_kb(tmp_path / "organs", a702=organs), victims=[{"age": 30, "pregnant": True}],
                     acts=["sale"], organs_removed=True))
    assert [(k.article, k.where) for k in adult.caveats if k.kind == "knew_pregnant_unknown"] == [("702", "702.2.1")]
    # no charge it would bring, but one final now that a part the KB lacks might then cover
    alone = only(run(kb, victims=[{"age": 30, "pregnant": True}], acts=["sale"]))
    assert (cites(alone), alone.charge.final) == (["700.1"], True)
    assert [(k.where, k.reason) for k in alone.caveats if k.kind == "knew_pregnant_unknown"] == [("700.1", "open")]


def test_readings_that_give_the_same_answer_are_one(kb):
    result = run(kb, victims=[{"age": 15}], acts=["recruitment"], purposes=["sexual services"])
    [reading] = result.readings  # "no" whether or not the offender was aware of the age
    [count] = reading.counts
    assert reading.facts == [] and count.knew_age is None and count.trafficking == "no"
    assert "not_aware" not in [k.kind for k in count.caveats]


def test_a_part_whose_elements_are_unknown_is_undecided_never_no(kb, tmp_path):
    unknown = ADULT + """  - id: "3"
    builds_on: ["1"]
    versions:
      - {act: law-a, elements: unknown, penalty: unknown, sources: [{ref: notes}], confidence: unverified}
"""
    count = only(run(load(write_qualify_kb(tmp_path, a700=unknown)), victims=[{"age": 30}], acts=["sale"]))
    parts = {p.part: (p.applies, p.unknown) for p in count.candidates[0].parts}
    assert count.candidates[0].article == "700" and parts == {"1": ("yes", False), "2": ("no", False),
                                                               "3": ("undecided", True)}
    assert cites(count) == ["700.1"]
    child = only(run(kb, victims=[{"age": 15, "knew_age": True}], acts=["sale"]))  # items_complete: false
    assert {p.part: p.applies for p in child.candidates[1].parts} == {"1": "yes", "2": "undecided"}


def test_a_no_is_graded_and_cited_by_what_decides_it(kb, root, tipkb):
    services = only(run(kb, victims=[{"age": 30}], acts=["recruitment"], purposes=["sexual services"]))
    [reason] = services.reasons  # the exclusion (inferred), not the rule that recruitment needs a purpose (r3)
    assert (reason.reason, reason.rule, reason.grade, services.grade) == ("excluded", None, "inferred", "inferred")
    as_act = only(run(kb, victims=[{"age": 30}], acts=["exploitation"], purposes=["sexual services"]))
    [reason] = as_act.reasons  # r4 (official) lets the form be checked; the exclusion decides it
    assert (reason.rule, reason.grade, as_act.grade) == ("r4", "inferred", "inferred")
    r = tipkb("qualify", "--root", str(root), "--date", "2016-06-01", "--victim-age", "30", "--act", "exploitation",
              "--purpose", "sexual services")
    assert "(ст. 700): no ≈" in r.out and "Art. 3 item 1 then ≈ (Resolution No. 99 r4)" in r.out, r.out


def test_the_table_keeps_the_qualifier_and_citations_whole(root, tipkb, tmp_path):
    cases = {"an-adult-deceived-into-recruitment-in-2016": "victims: [{age: 30}]\nmeans: [deception]\n",
             "a-minor-sold-by-a-group-by-prior-agreement": "victims: [{age: 15, knew_age: true}]\n"
                                                           "offenders: {group_prior_agreement: true}\n"}
    for name, facts in cases.items():
        (tmp_path / f"{name}.yaml").write_text(f"date: 2016-06-01\nacts: [recruitment, sale]\n{facts}",
                                               encoding="utf-8")
    r = tipkb("qualify", "--root", str(root), str(tmp_path), width=60)
    cells = [[c.strip() for c in line.split("│")[1:-1]] for line in r.out.splitlines() if line.startswith("│")]
    names, charges = [c[0] for c in cells if c[0]], [c[2] for c in cells if c[2]]
    assert r.code == 0 and all(len(line) <= 60 for line in r.out.splitlines()), r.out
    assert "".join(names) == "".join(sorted(cases)) and len(names) > len(cases)  # wrapped, and only after a hyphen
    assert all(n.endswith("-") or any(name.endswith(n) for name in cases) for n in names), names
    assert "ст. 700 ч. 1 or a higher part not encoded" in " ".join(charges)  # final: false, as in the case view
    assert charges[0] == "ст. 701 ч. 2 п. 1" and charges[1].startswith("ст. 700 ч. 1"), charges


def test_an_article_is_shown_only_when_a_fact_touches_it(kb):
    def shown(**facts):
        return {a.article for a in only(run(kb, victims=[{"age": 30}], acts=["recruitment"], **facts)).candidates}

    assert shown(purposes=["exploitation"]) == {"700", "701"}
    assert shown(purposes=["prostitution"]) == {"700", "701", "703"}
    assert shown(purposes=["exploitation"], organs_removed=True) == {"700", "701", "702"}


def test_what_one_more_fact_would_change_is_read_from_the_parts(kb):
    count = only(run(kb, victims=[{"age": 30}], acts=["sale"]))
    flips = {w.add: w.answer for w in count.what_if}
    assert flips["circ.repeatedly"].charge.citation == "700.2.1"  # the item of part 2
    assert [c.citation for c in flips["act.involvement"].cumulative] == ["703.1"]  # the resolution's rule
    # an adult by age: no "minor" what-if; a fact no element uses changes nothing and is not listed
    assert "circ.victim_minor" not in flips and "circ.criminal_group" not in flips
    assert all(w.answer.charge != count.charge or w.answer.cumulative for w in count.what_if)
    by_age_unknown = only(run(kb, acts=["sale"]))
    assert {w.add: w.answer for w in by_age_unknown.what_if}["circ.victim_minor"].charge.citation == "701.1"


def test_the_what_ifs_are_computed_only_when_asked_for(kb):
    case = to_case(kb, Facts.model_validate({"date": "2016-06-01", "victims": [{"age": 30}], "acts": ["sale"]}))
    whole, short = qualify(kb, case, LATER), qualify(kb, case, LATER, what_if=False)
    assert only(whole).what_if and only(short).what_if is None  # not asked: none, never an empty "nothing"
    for r in (whole, short):
        for reading in r.readings:
            for c in reading.counts:
                c.what_if = None
    assert whole.model_dump() == short.model_dump()


def test_the_resolutions_cumulative_rules_add_offences(kb):
    count = only(run(kb, victims=[{"age": 30}], acts=["recruitment"], purposes=["exploitation"],
                     involved_in_prostitution=True))
    assert cites(count) == ["700.1", "703.1"] and count.cumulative[0].rule == "r7"


def test_a_cumulative_rule_with_no_act_of_its_own_adds_an_offence_only_for_one_of_its_acts(tmp_path):
    organs = ORGANS.replace("elements: {acts: [act.organ_removal]}",
                            "elements: {acts: [act.organ_removal], circumstances: [circ.repeatedly]}")
    root = write_qualify_kb(tmp_path, a702=organs)  # r6 with no acts of its own, as the resolution's r12 is encoded
    rules = root / "statutes/kz/case-law/np-x.yaml"
    rules.write_text(rules.read_text(encoding="utf-8").replace(
        " elements: {acts: [act.organ_removal], purposes: [purpose.organ_removal]},", ""), encoding="utf-8")
    kb = load(root)
    assert only(run(kb, victims=[{"age": 30}])).cumulative == []  # no act stated: each offence undecided
    assert only(run(kb, victims=[{"age": 30}], offenders={"repeatedly": True})).cumulative == []  # shared, not an act
    assert [c.article for c in only(run(kb, victims=[{"age": 30}], organs_removed=True)).cumulative] == ["702"]


def test_a_base_part_with_an_element_left_to_prove_is_no_charge_beside_one_made_out(tmp_path):
    by_deceit = ADULT.replace('  - id: "2"\n', """  - id: "3"
    versions:
      - act: law-a
        elements: {acts: [act.purchase_sale], means: [means.deception]}
        penalty: {main: [{kind: imprisonment, min: 10y, max: 15y}]}
        sources: [{ref: t1}]
        confidence: official
  - id: "4"
    versions:
      - act: law-a
        elements: {acts: [act.purchase_sale], means: [means.fraud], circumstances: [circ.cross_border]}
        penalty: {main: [{kind: imprisonment, min: 12y, max: 15y}]}
        sources: [{ref: t1}]
        confidence: official
  - id: "2"
""", 1)
    kb = load(write_qualify_kb(tmp_path, a700=by_deceit))
    sold = only(run(kb, victims=[{"age": 30}], acts=["sale"]))
    assert (sold.trafficking, sold.charge.citation, sold.to_prove) == ("yes", "700.1", [])
    assert "means.deception" in {w.add for w in sold.what_if}  # what would make it part 3: a what-if
    assert "means.fraud" not in {w.add for w in sold.what_if}  # part 4 lacks two facts: not one more fact away
    deceived = only(run(kb, victims=[{"age": 30}], acts=["sale"], means=["deception"]))
    assert (deceived.trafficking, deceived.charge.citation) == ("yes", "700.3")


def test_draft_new_on_a_date_read_two_ways_says_which_reading_it_took(kb):
    from kb.draft import template

    text = template(kb, "700.1", dt.date(2019, 6, 1))  # inside law-w's window: 3-5 y before it, 4-7 y after
    head = " ".join(line.removeprefix("# ") for line in text.splitlines() if line.startswith("#"))
    assert "max: 7y" in text and "inside the in-force window of Law W: pre-filled as if in force" in head
    assert "window" not in template(kb, "700.1", dt.date(2020, 6, 1))
    assert max(len(line) for line in text.splitlines()) <= 80


def test_draft_new_of_a_fact_names_only_the_windows_of_acts_that_made_its_versions():
    from kb.draft import template

    def head(subject, on):
        text = template(shipped, subject, on)
        return " ".join(line.removeprefix("# ") for line in text.splitlines() if line.startswith("#"))

    shipped = load(None)  # the 2024 package amended Art. 3 item 1 (exploitation), not the age of majority
    assert "window of 2024 package" in head("exploitation", dt.date(2024, 8, 1))
    assert "window" not in head("age_of_majority", dt.date(2024, 8, 1))
    # ... and of an article: 292-VI made versions of Art. 128, none of Art. 126
    assert "window of Law 292-VI" in head("128.1", dt.date(2020, 3, 1))
    assert "window" not in head("126.2", dt.date(2020, 3, 1))
    assert "`in_force: YYYY-MM-DD`" in template(shipped, "126.2", dt.date(2020, 3, 1))  # code stays on one line
    marked = template(shipped, "128.1", dt.date(2026, 1, 1))  # a penalty LAST KNOWN, deep in the draft
    assert "# LAST KNOWN" in marked and max(len(line) for line in marked.splitlines()) <= 80


def test_a_purpose_the_mapping_equates_with_a_national_act_is_not_that_act_done(tmp_path):
    root = write_qualify_kb(tmp_path)
    mapping = root / "mappings/kz-cc--un-tip.yaml"
    mapping.write_text(mapping.read_text(encoding="utf-8") + "  - {national: act.organ_removal, protocol: "
                       "purpose.organ_removal, degree: full, note: test, sources: [{ref: t1}], confidence: official}\n",
                       encoding="utf-8")
    kb = load(root)
    count = only(run(kb, victims=[{"age": 30}], acts=["recruitment"], purposes=["removal of organs"]))
    organs = next(c for c in count.candidates if c.article == "702")
    assert organs.status != "made_out" and "702" not in {c.article for c in [*count.cumulative, *count.other]}
    done = only(run(kb, victims=[{"age": 30}], acts=["recruitment"], purposes=["removal of organs"],
                    organs_removed=True))
    assert "702" in {c.article for c in done.cumulative}


def test_a_fact_that_could_aggravate_is_no_caveat_when_the_offence_is_not_made_out(kb):
    kept_out = only(run(kb, victims=[{"age": 30}], acts=["involvement"], purposes=["exploitation"], means=["deception"]))
    assert kept_out.trafficking == "no" and [k.kind for k in kept_out.caveats if k.kind.startswith("open")] == []
    sold = only(run(kb, victims=[{"age": 30}], acts=["sale"], means=["deception"]))  # made out: it may aggravate
    assert [(k.kind, k.ids) for k in sold.caveats if k.kind == "open"] == [("open", ["means.deception"])]


def test_a_qualifying_part_left_unstated_is_not_one_stated_false(kb, root, tipkb, tmp_path):
    def part2(**facts):
        count = only(run(kb, victims=[{"age": 30}], acts=["sale"], **facts))
        p = next(p for c in count.candidates if c.article == "700" for p in c.parts if p.part == "2")
        return p.applies, p.denied

    assert part2() == ("no", False) and part2(offenders={"repeatedly": False}) == ("no", True)
    facts = tmp_path / "f.yaml"
    facts.write_text("date: 2016-06-01\nvictims: [{age: 30}]\nacts: [sale]\n", encoding="utf-8")
    out = tipkb("qualify", str(facts), "--root", str(root), "--explain").out
    assert "Part 2: not stated" in out


def test_a_charge_shows_the_sources_that_disagree_on_its_penalty(tmp_path, tipkb):
    disputed = ADULT.replace("""        penalty: unknown
        sources: [{ref: news}]""", """        penalty: unknown
        conflicts:
          - {penalty: {main: [{kind: imprisonment, min: 5y, max: 9y}]}, sources: [{ref: t1}], confidence: unverified}
        sources: [{ref: news}]""", 1)
    root = write_qualify_kb(tmp_path, a700=disputed)
    out = tipkb("qualify", "--root", str(root), "--date", "2025-01-10", "--victim-age", "30", "--act", "sale").out
    assert "conflicting source: imprisonment 5–9 y" in " ".join(out.split())


def test_another_offence_the_facts_touch_that_cannot_be_decided_is_said_to_may_apply(tmp_path):
    unknown = ORGANS.replace("elements: {acts: [act.organ_removal]}", "elements: unknown")
    kb = load(write_qualify_kb(tmp_path, a702=unknown))  # r6 names organ removal: a fact of it touches 702
    count = only(run(kb, victims=[{"age": 30}], acts=["sale"], purposes=["removal of organs"]))
    assert count.cumulative == [] and count.other == []
    assert [(k.kind, k.article, k.ids) for k in count.caveats if k.kind == "related_undecided"] == [
        ("related_undecided", "702", ["purpose.organ_removal"])]
    assert "purpose.organ_removal" not in count.unused  # it is what brings 702 in
    bare = only(run(kb, victims=[{"age": 30}], acts=["sale"]))
    assert not [k for k in bare.caveats if k.kind == "related_undecided"]


def test_a_date_inside_a_window_gives_a_reading_for_each_answer(kb):
    result = run(kb, on="2019-06-01", victims=[{"age": 30}], acts=["sale"])
    assert [[(a.act, a.in_force) for a in r.assumed] for r in result.readings] == [[("law-w", False)], [("law-w", True)]]
    assert [r.counts[0].charge.range.max_months for r in result.readings] == [60, 84]


def test_readings_of_a_window_are_one_only_when_their_charges_read_alike(tmp_path):
    # the same part and range either way, but only law-w shows the article whole: before it, a part the KB
    # lacks may cover the crossing of a border
    whole_by_w = ADULT.replace("min: 4y, max: 7y", "min: 3y, max: 5y").replace(
        'parts:\n  - id: "1"', 'structure:\n  - {act: law-w, parts: ["1", "2"], all: true, sources: [{ref: t1}], '
                               'confidence: official}\nparts:\n  - id: "1"', 1)
    result = run(load(write_qualify_kb(tmp_path, a700=whole_by_w)), on="2019-06-01", victims=[{"age": 30}],
                 acts=["sale"], cross_border=True)
    assert [(r.assumed[0].in_force, r.counts[0].charge.citation, r.counts[0].charge.final)
            for r in result.readings] == [(False, "700.1", False), (True, "700.1", True)]


def test_a_later_date_in_the_same_window_is_read_only_as_it_can_follow_the_offence_date(kb):
    # law-w's window covers both dates: in force at the offence, it is in force later too
    result = run(kb, on="2019-06-01", later=dt.date(2019, 9, 1), victims=[{"age": 30}], acts=["sale"])
    before, after = ([(r.now_assumed, r.milder) for r in reading.time] for reading in result.readings)
    assert [(a[0].in_force if a else None, m) for a, m in before] == [(False, "same"), (True, "offence_date")]
    assert after == [([], "same")]
    same_day = run(kb, on="2019-06-01", later=dt.date(2019, 6, 1), victims=[{"age": 30}], acts=["sale"])
    assert [[r.milder for r in reading.time] for reading in same_day.readings] == [["same"], ["same"]]


def test_the_milder_law(kb, root, tmp_path):
    sale = dict(victims=[{"age": 30}], acts=["sale"])
    [row] = run(kb, later=dt.date(2020, 1, 1), **sale).readings[0].time
    assert (row.milder, row.reason) == ("offence_date", "not_lower")
    count = only(run(kb, later=dt.date(2025, 1, 1), **sale))
    assert [(k.kind, k.reason) for k in count.caveats] == [("milder_unknown", "range_unknown")]
    milder = ADULT.replace("min: 4y, max: 7y", "min: 2y, max: 4y")
    result = run(load(write_qualify_kb(tmp_path, a700=milder)), later=dt.date(2020, 1, 1), **sale)
    assert result.readings[0].time[0].milder == "later" and result.milder_law.rule.article == "6"
    assert result.milder_law.comparison.grade == "inferred"
    same = run(kb, on="2025-02-01", later=dt.date(2026, 1, 1), **sale)  # one version, its range unknown, at both
    assert [(r.milder, r.reason) for r in same.readings[0].time] == [("same", "same_law")]
    assert same.readings[0].counts[0].caveats == []


def test_a_later_law_that_leaves_the_offence_undecided_does_not_read_as_not_making_it_out(kb, tmp_path):
    # Then: whether Art. 3 item 1 included organ removal is unknown (a charge if it did). Later: the exhaustive
    # definition lacks it, and only an article held whole says "no" to that
    facts = dict(on="2020-06-01", later=dt.date(2025, 1, 10), victims=[{"age": 30}], acts=["recruitment"],
                 purposes=["removal of organs"])
    rows = run(kb, **facts).readings[0].time
    assert [(r.now, r.milder, r.reason) for r in rows if r.article == "700"] == [(None, "unknown", "undecided_later")]
    whole = ADULT.replace('parts:\n  - id: "1"', 'structure:\n  - {act: law-a, parts: ["1", "2"], all: true, sources: '
                                                 '[{ref: t1}], confidence: official}\nparts:\n  - id: "1"', 1)
    rows = run(load(write_qualify_kb(tmp_path, a700=whole)), **facts).readings[0].time
    assert [(r.now, r.milder, r.reason) for r in rows if r.article == "700"] == [(None, "unknown", "not_made_out_later")]


def test_a_near_tie_that_changes_the_answer_is_refused(kb, root, tipkb, tmp_path):
    with pytest.raises(Tie) as e:
        run(kb, on="2025-01-10", victims=[{"age": 30}], acts=["recruitment"], purposes=["sexual"])
    assert set(e.value.candidates) == {"purpose.other_sexual_services", "purpose.sexual_exploitation_other"}
    args = ("qualify", "--root", str(root), "--date", "2025-01-10", "--act", "recruitment")
    r = tipkb(*args, "--purpose", "sexual")
    assert r.code == 1 and "purpose.sexual_exploitation_other" in r.err and "purpose.other_sexual_services" in r.err
    case = tmp_path / "case.yaml"
    case.write_text("date: 2025-01-10\nacts: [recruitment]\npurposes: [sexual]\n", encoding="utf-8")
    r = tipkb("qualify", "--root", str(root), str(case))
    assert r.code == 2 and f"{case}:3:12: purposes[0]" in r.err and "too close to call" in r.err
    # A near-tie that does not change the answer is no reason to refuse (forced labour decides it).
    case.write_text("date: 2025-01-10\nacts: [recruitment]\npurposes: [forced labour, sexual]\n", encoding="utf-8")
    assert tipkb("qualify", "--root", str(root), str(case)).code == 0


def test_several_files_give_one_result_and_an_invalid_one_is_reported(root, tipkb, tmp_path):
    (tmp_path / "a.yaml").write_text("date: 2016-06-01\nacts: [sale]\nvictims: [{age: 30}]\n", encoding="utf-8")
    (tmp_path / "b.json").write_text('{"date": "2016-06-01", "acts": ["sale"], "victims": [{"age": 12, '
                                     '"knew_age": true}]}', encoding="utf-8")
    (tmp_path / "c.yaml").write_text("date: 2016-06-01\nacts: [teleportation]\n", encoding="utf-8")
    r = tipkb("qualify", "--root", str(root), str(tmp_path), "--json")
    assert r.code == 2 and "c.yaml:2:8: acts[0]: cannot understand 'teleportation'" in r.err
    data = json.loads(r.out)
    assert [c["readings"][0]["counts"][0]["charge"]["citation"] for c in data["cases"]] == ["700.1", "701.1"]
    assert [i["file"] for i in data["invalid"]] == [str(tmp_path / "c.yaml")]
    table = tipkb("qualify", "--root", str(root), str(tmp_path / "a.yaml"), str(tmp_path / "b.json"))
    assert table.code == 0 and "ст. 700 ч. 1" in table.out and "ст. 701 ч. 1" in table.out


def test_a_folder_with_no_facts_file_says_so(root, tipkb, tmp_path):
    r = tipkb("qualify", "--root", str(root), str(tmp_path))
    assert r.code == 1 and f"no facts file (.yaml, .yml, .json) in {tmp_path}" in r.err


def test_the_table_of_several_cases_names_each_case_once_and_the_victims_of_each_count(root, tipkb, tmp_path):
    (tmp_path / "mixed.yaml").write_text("date: 2016-06-01\nacts: [sale]\nvictims: [{age: 15, knew_age: true}, "
                                         "{age: 30}]\n", encoding="utf-8")
    (tmp_path / "one.yaml").write_text("date: 2016-06-01\nacts: [sale]\nvictims: [{age: 30}]\n", encoding="utf-8")
    # counts of one offence that read alike are one row, of all their victims
    (tmp_path / "three.yaml").write_text("date: 2016-06-01\nacts: [sale]\nvictims: [{age: 30}, "
                                         "{age: 15, knew_age: false}, {age: 31}]\n", encoding="utf-8")
    # ... and when their rows differ (703 is charged on the first only), a line under the table says so
    (tmp_path / "apart.yaml").write_text("date: 2016-06-01\nacts: [sale, involvement]\npurposes: [prostitution]\n"
                                         "victims: [{age: 30}, {age: 15, knew_age: false}]\n", encoding="utf-8")
    r = tipkb("qualify", "--root", str(root), str(tmp_path))
    rows = [[cell.strip() for cell in line.split("│")[1:3]] for line in r.out.splitlines()
            if line.startswith("│ ") and line.split("│")[1].strip() + line.split("│")[2].strip()]
    assert r.code == 0 and rows == [["apart", "v1"], ["", "v2"], ["mixed", "v1"], ["", "v2"], ["one", ""],
                                    ["three", "v1,2,3"]], r.out
    assert "• apart: one offence under ст. 700 against victims 1, 2, to be charged once" in r.out
    assert "three: one offence" not in r.out  # one row says it
    # each count of it says so in its heading
    one = tipkb("qualify", "--root", str(root), str(tmp_path / "three.yaml"), width=200).out
    assert one.count("one offence under ст. 700 against victims 1, 2, 3, to be charged once") == 2, one
    assert "v1,2: the victims a count is for" in r.out


def test_a_folder_of_cases_frees_each_case_as_it_goes(root, tipkb, tmp_path):
    """A run of the command does not collect (cli.run), but a folder of cases does: each case leaves snapshots
    behind in cycles, and a thousand cases would keep them all to the end."""
    import gc

    def left_over(n: int) -> int:
        folder = tmp_path / str(n)
        folder.mkdir()
        for i in range(n):
            (folder / f"{i}.yaml").write_text("date: 2016-06-01\nacts: [sale]\nvictims: [{age: 30}]\n",
                                              encoding="utf-8")
        gc.collect()
        gc.disable()  # as cli.run leaves it
        try:
            assert tipkb("qualify", "--root", str(root), str(folder), "--json").code == 0
            return gc.collect()  # the unreachable objects still there
        finally:
            gc.enable()

    left_over(1)  # (the first run imports the engine's modules)
    two, twelve = left_over(2), left_over(12)
    assert twelve - two < 1000  # (without collecting: about 200 more objects for each case)


def test_a_draft_says_which_answers_flip(root, tipkb, tmp_path):
    draft = tmp_path / "draft.yaml"
    draft.write_text("""draft: {id: draft-x, title: {en: raise 700.1}}
articles:
  - article: "700"
    parts:
      - id: "1"
        versions:
          - act: draft-x
            elements: {acts: [act.recruitment, act.purchase_sale], purposes: [purpose.exploitation]}
            penalty: {main: [{kind: imprisonment, min: 6y, max: 12y}]}
            sources: [{ref: draft}]
            confidence: unverified
""", encoding="utf-8")
    r = tipkb("qualify", "--root", str(root), "--date", "2016-06-01", "--act", "sale", "--victim-age", "30",
              "--draft", str(draft), "--json")
    d = r.json()["cases"][0]["draft"]
    assert d["flipped"] and d["on"] == "2026-06-01"
    ranges = [a["counts"][0]["charge"]["range"] for a in (d["before"][0], d["after"][0])]
    assert [(r["max_months"], r["last_known"]) for r in ranges] == [(84, True), (144, False)]


# -- the command line and the renderer ----------------------------------------------------------------------------


def test_json_is_the_same_in_every_language(root, tipkb):
    args = ("qualify", "--root", str(root), "--date", "2016-06-01", "--victim-age", "15", "--act", "sale", "--json")
    outs = {lang: tipkb(*args, "--lang", lang).out for lang in ("en", "ru", "kk")}
    assert outs["en"] == outs["ru"] == outs["kk"] != ""
    data = json.loads(outs["en"])
    assert data["labels"]["act.purchase_sale"]["ru"] == "купля-продажа" and "r5" in data["rules"]


def test_the_charge_in_russian_and_kazakh_forms_within_80_columns(root, tipkb):
    args = ("qualify", "--root", str(root), "--date", "2016-06-01", "--victim-age", "15", "--knew-age", "--act",
            "sale", "--group")
    ru, kk = tipkb(*args, "--lang", "ru"), tipkb(*args, "--lang", "kk", "--explain")
    assert "ст. 701 ч. 2 п. 1" in ru.out and "Торговля несовершеннолетними (тест)" in ru.out
    assert "ҚК-нің 701-бабының 2-бөлігінің 1) тармағы" in kk.out
    for r in (ru, kk, tipkb(*args, "--explain")):
        assert r.code == 0 and all(len(line) <= 80 for line in r.out.splitlines()), r.out


def test_the_default_answer_is_short(root, tipkb):
    r = tipkb("qualify", "--root", str(root), "--date", "2016-06-01", "--victim-age", "30", "--act", "sale",
              "--means", "deception", "--cross-border", "--repeatedly")
    assert r.code == 0, r.err
    charge = [line for line in r.out.splitlines() if line.lstrip().startswith("charge:")]
    assert len(charge) == 1 and "ст. 700 ч. 2 п. 1" in charge[0]
    assert "Element by element" not in r.out and "Element by element" in tipkb(
        "qualify", "--root", str(root), "--date", "2016-06-01", "--act", "sale", "--explain").out


def test_the_explanation_says_why_an_item_is_undecided_when_no_fact_bears_on_it(tipkb, tmp_path):
    unknown_item = ADULT.rstrip("\n") + """
      - id: "2"
        versions:
          - {act: law-a, elements: unknown, sources: [{ref: t1}], confidence: official}
"""
    root = write_qualify_kb(tmp_path, a700=unknown_item)
    out = tipkb("qualify", "--root", str(root), "--date", "2016-06-01", "--victim-age", "30", "--act", "sale",
                "--explain").out
    assert re.search(r"item 2\): undecided — its elements are not known", out), out


def test_the_what_ifs_are_in_the_json_and_the_explanation_not_the_short_table(root, tipkb, monkeypatch):
    from kb import qualify as engine

    args = ("qualify", "--root", str(root), "--date", "2016-06-01", "--victim-age", "30", "--act", "sale")
    asked, real = [], engine._what_if
    monkeypatch.setattr(engine, "_what_if", lambda *a: asked.append(1) or real(*a))
    for short in ((), ("-f", "markdown")):
        assert tipkb(*args, *short).code == 0 and asked == []  # not shown, so not computed
    for as_json in (("--json",), ("-f", "json")):
        [count] = json.loads(tipkb(*args, *as_json).out)["cases"][0]["readings"][0]["counts"]
        assert "circ.repeatedly" in [w["add"] for w in count["what_if"]]
    shown = {extra: tipkb(*args, *extra) for extra in [("--explain",), (), ("-f", "markdown")]}
    assert all(r.code == 0 and "700" in r.out for r in shown.values())
    assert [("What one more fact would change" in r.out) for r in shown.values()] == [True, False, False]


def test_the_schema_documents_the_result(tipkb):
    schema = json.loads(tipkb("schema", "qualify").out)
    assert schema["title"] == "QualifyResult" and {"Charge", "Count", "Reading", "ToProve"} <= set(schema["$defs"])


# -- the facts file --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("text, where", [
    ("date: 2016-06-01\nacts: [sale]\nvictim_age: 16\n", ":3:1: victim_age: unknown key"),
    ("date: 2016-06-01\nacts: [sale]\nvictims:\n  - age: 130\n", ":4:5: victims[0].age: impossible age 130"),
    ("date: 2016-06-01\nvictims:\n  - {count: 0}\n", ":3:6: victims[0].count: impossible count 0"),
    ("date: 2016-06-01\nacts: [sale]\nvictims:\n  - age: true\n", ":4:5: victims[0].age: expected a whole number"),
    ("date: 2016-06-01\nvictims:\n  - {count: true}\n", ":3:6: victims[0].count: expected a whole number"),
    ("date: 2014-12-31\nacts: [sale]\n", ":1:1: date: 2014-12-31 is before 2015-01-01"),
    ("date: 2030-01-01\nacts: [sale]\n", ":1:1: date: 2030-01-01 is in the future"),
    ("date: 2016-06-01\nacts: [deception]\n", ":2:8: acts[0]: 'deception' is means.deception, one of the means"),
    ("facts:\n  date: 2016-06-01\n  acts: [zzzz]\n", ":3:10: facts.acts[0]: cannot understand 'zzzz'"),
    ("acts: [sale]\n", "date: required key is missing"),
    ("facts:\n  date: 2016-06-01\n  acts: [sale]\nexpect:\n  rang: 4y-7y\n", ":5:3: expect.rang: unknown key\ntipkb: "),
    ("facts:\n  date: 2016-06-01\nexpect:\n  - {}\n  - {rang: 4y}\n", ":5:6: expect[1].rang: unknown key\ntipkb: "),
    ("- date: 2016-06-01\n", "expected a mapping"),
])
def test_a_bad_facts_file_exits_2_naming_the_line(root, tipkb, tmp_path, text, where):
    facts = tmp_path / "facts.yaml"
    facts.write_text(text, encoding="utf-8")
    r = tipkb("qualify", "--root", str(root), str(facts))
    assert r.code == 2 and where in r.err and str(facts) in r.err and "Traceback" not in r.err


@pytest.mark.parametrize("args, message", [
    (("--act", "sale"), "give a facts file"),
    (("--date", "2014-05-01", "--act", "sale"), "before 2015-01-01"),
    (("--date", "2016-06-01", "--act", "teleportation"), "cannot understand 'teleportation'"),
    (("--date", "2016-06-01", "--victim-age", "-1"), "impossible age -1"),
    (("--date", "01.06.2016",), "expected a date YYYY-MM-DD"),
    (("--date", "2016-06-01", "--act", "sale", "--compare-on", "2015-06-01"), "before the offence"),
])
def test_a_bad_flag_exits_1(root, tipkb, args, message):
    r = tipkb("qualify", "--root", str(root), *args)
    assert r.code == 1 and message in r.err and "Traceback" not in r.err


def test_flags_add_to_a_file(root, tipkb, tmp_path):
    facts = tmp_path / "f.yaml"
    facts.write_text("date: 2016-06-01\nvictims: [{age: 15}]\nacts: [recruitment]\npurposes: [exploitation]\n",
                     encoding="utf-8")
    before = tipkb("qualify", "--root", str(root), str(facts), "--json").json()
    after = tipkb("qualify", "--root", str(root), str(facts), "--knew-age", "--group", "--json").json()
    assert len(before["cases"][0]["readings"]) == 2
    assert after["cases"][0]["readings"][0]["counts"][0]["charge"]["citation"] == "701.2.1"
