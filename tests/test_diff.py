"""diff, history and act as data: a change only between two known values, credited to the act that made the
later value; unknowns listed apart with the last known value; the general part included; acts named as people
write them."""

import datetime as dt
import json

import pytest

from cli.phrases import Words
from kb.acts import act_report, find_act, resolve
from kb.diff import diff
from kb.errors import BadInput, NotFound
from kb.history import history
from kb.load import load

from .conftest import edit
from .minikb import ART_500, CODE, write_kb

TODAY = dt.date(2026, 6, 1)

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
    return load(write_kb(tmp_path, {"900": ART, "901": WINDOW, "500": ART_500}))


def report(kb, a, b, articles=("900",), before=False):
    arts = list(articles) if articles else None
    ka, pa, _ = resolve(kb, a, before, TODAY, arts)
    kb_, pb, _ = resolve(kb, b, False, TODAY, arts)
    return diff(ka, pa, kb_, pb, arts, a, b)


def changes(kb, a, b, article="900", **kw):
    r = report(kb, a, b, (article,), **kw)
    assert len(r.readings) == 1
    return r.readings[0].articles[0].changes


def by_slot(cs, where_part="1"):
    return {c.slot: c for c in cs if c.where.part == where_part and c.where.kind == "part"}


def test_penalty_changes_are_structured(mini):
    cs = by_slot(changes(mini, "2016-01-01", "2018-06-01"))
    imp = cs["penalty.main.imprisonment"]
    assert imp.kind == "changed" and imp.before.value == {"min": 36, "max": 60} and imp.after.value == {"min": 48, "max": 84}
    assert imp.credited == "law-b" and imp.before.grade == "official" and imp.after.grade == "secondary"
    assert cs["penalty.main.fine"].kind == "removed" and cs["penalty.main.restriction_of_freedom"].kind == "added"
    conf = cs["penalty.additional.confiscation"]
    assert conf.before.value["mandatory"] is False and conf.after.value["mandatory"] is True
    assert cs["penalty.additional.ban"].after.value == {"mandatory": True, "term": 36}
    assert cs["penalty.category"].before.value == "medium" and cs["penalty.category"].after.value == "grave"


def test_elements_titles_and_texts(mini):
    cs = changes(mini, "2016-01-01", "2018-06-01")
    acts = by_slot(cs)["elements.acts"]
    assert acts.added == ["act.transfer"] and acts.removed == []
    titles = [c for c in cs if c.where.kind == "title"]
    assert [c.slot for c in titles] == ["title.en"]  # an unchanged language is no change
    text = by_slot(cs)["text.ru"]
    assert ("insert", "или передача") in text.words
    assert "summary" not in by_slot(cs)  # our own summaries are not the law


def test_an_official_wording_the_kb_does_not_store_is_no_change(tmp_path):
    stored_once = ART.replace("        text.ru: Вербовка или передача человека в целях эксплуатации.\n", "", 1)
    kb = load(write_kb(tmp_path, {"900": stored_once}))
    cs = changes(kb, "2016-01-01", "2018-06-01")
    assert "text.ru" not in by_slot(cs) and "elements.acts" in by_slot(cs)  # the law's change is still there


def test_items_parts_and_renumbering(mini):
    cs = changes(mini, "2016-01-01", "2018-06-01")
    kinds = {(c.where.part, c.where.item, c.kind) for c in cs if c.where.kind in ("item", "part") and
             c.slot in ("in_force", "number")}
    assert ("2", "1", "repealed") in kinds and ("2", "5", "entered_into_force") in kinds
    assert ("2", "3", "renumbered") in kinds  # item 2 became item 3 with the same content
    assert ("3", None, "repealed") in kinds and ("3-1", None, "entered_into_force") in kinds


def test_unknown_is_not_a_change(mini):
    r = report(mini, "law-p", "law-p", ("500",), before=True)
    art = r.readings[0].articles[0]
    assert art.changes == []
    [u] = art.unknowns
    assert u.slot == "penalty" and u.after.value == "unknown" and u.last_known.act == "law-b"


def test_a_change_up_to_the_last_known_value_is_still_reported(mini):
    art = report(mini, "2016-01-01", "2025-06-01", ("500",)).readings[0].articles[0]
    imp = by_slot(art.changes)["penalty.main.imprisonment"]
    assert imp.before.value == {"min": 36, "max": 60} and imp.after.value == {"min": 48, "max": 84}
    assert imp.credited == "law-b"
    assert [u.slot for u in art.unknowns] == ["penalty"]


def test_a_date_in_a_window_gives_each_reading(mini):
    r = report(mini, "2018-06-01", "2019-06-01", ("901",))
    assert r.ambiguous and len(r.readings) == 2
    assert [len(x.articles[0].changes) > 0 for x in r.readings] == [False, True]


def test_two_dates_in_one_window_pair_only_readings_that_can_follow_each_other(mini, tipkb, tmp_path):
    # law-w in force on an unknown day of 2019: not yet at both, not yet then in force, in force at both; never
    # in force at the earlier date and not yet at the later (a penalty cut back that no law made)
    r = report(mini, "2019-03-01", "2019-09-01", ("901",))
    assert [([a.in_force for a in x.before.assumed], [a.in_force for a in x.after.assumed]) for x in r.readings] == [
        ([False], [False]), ([False], [True]), ([True], [True])]
    assert [[c.after.value for c in x.articles[0].changes if c.slot == "penalty.main.imprisonment"]
            for x in r.readings] == [[], [{"max": 36}], []]
    # the same day: each reading is itself
    assert [(x.before.assumed, x.after.assumed) == (x.after.assumed, x.before.assumed)
            for x in report(mini, "2019-03-01", "2019-03-01", ("901",)).readings] == [True, True]
    # an act's point against a date in its window: only the reading with the act in force follows it
    [after] = report(mini, "W", "2019-06-01", ("901",)).readings
    assert [a.in_force for a in after.after.assumed] == [True] and after.articles[0].changes == []
    root = str(write_kb(tmp_path / "kb", {"901": WINDOW}))
    unified = tipkb("diff", "--from", "2019-03-01", "--to", "2019-09-01", "901", "-f", "unified", "--root", root).out
    assert unified.count("# Reading: ") == 3 and unified.count("+++ art-901") == 1, unified


PROVENANCE = """
article: "902"
code: kz-cc
titles:
  - {act: law-a, title: {en: Own provenance}, sources: [{ref: t1}], confidence: official}
parts:
  - id: "1"
    versions:
      - act: law-a
        summary: x
        penalty: {main: [{kind: imprisonment, max: 2y}]}
        sources: [{ref: sec}]
        confidence: secondary
      - act: law-b
        summary: x
        penalty: {main: [{kind: imprisonment, max: 5y}]}
        penalty_provenance: {sources: [{ref: t1}], confidence: official}
        sources: [{ref: sec}]
        confidence: secondary
      - act: law-v
        summary: x
        penalty: {main: [{kind: imprisonment, max: 6y}]}
        conflicts:
          - {penalty: {main: [{kind: imprisonment, max: 8y}]}, sources: [{ref: t1}], confidence: official}
        sources: [{ref: news}]
        confidence: reported
"""


def test_a_penalty_is_compared_as_its_own_sources_give_it(tmp_path):
    # the grade and sources of a penalty with provenance of its own, and the value that outranks a weaker claim
    kb = load(write_kb(tmp_path, {"902": PROVENANCE}))
    [change] = [c for c in report(kb, "2016-01-01", "2019-01-01", ("902",)).readings[0].articles[0].changes
                if c.slot == "penalty.main.imprisonment"]
    assert (change.before.grade, change.after.grade, change.after.sources) == ("secondary", "official", ["t1"])
    [change] = [c for c in report(kb, "2019-01-01", TODAY.isoformat(), ("902",)).readings[-1].articles[0].changes
                if c.slot == "penalty.main.imprisonment"]
    assert (change.after.value, change.after.grade) == ({"max": 96}, "official")


def test_an_item_the_kb_records_repealed_stays_repealed_in_a_list_not_known_whole(tmp_path):
    partial = ART.replace("Aggravated., penalty:", "Aggravated., items_complete: false, penalty:", 1)
    kb = load(write_kb(tmp_path, {"900": partial}))
    art = report(kb, "2016-01-01", "2019-01-01").readings[0].articles[0]
    # item 1's repeal is recorded (item 2 is renumbered 3); item 5, new, may have been there before
    assert [c.where.item for c in art.changes if c.kind == "repealed" and c.where.kind == "item"] == ["1"]
    assert [(u.where.item, u.slot) for u in art.unknowns] == [("5", "in_force")]


def test_a_note_given_its_text_is_not_a_summary_removed(tmp_path):
    noted = ART.replace("parts:\n", "code_notes:\n  - id: n1\n    versions:\n"
                        "      - {act: law-a, summary: An exemption., sources: [{ref: t1}], confidence: official}\n"
                        "      - {act: law-b, summary: An exemption., text.ru: Освобождается., sources: [{ref: t1}], "
                        "confidence: official}\n"
                        "parts:\n", 1)
    kb = load(write_kb(tmp_path, {"900": noted}))
    art = report(kb, "2016-01-01", "2019-01-01").readings[0].articles[0]
    assert [c.slot for c in art.changes if c.where.kind == "note"] == []


def test_history_heads_a_part_known_by_name_with_its_label_once(tmp_path, tipkb):
    named = WINDOW.replace('  - id: "1"', '  - id: abroad\n    label: across a border', 1)
    root = str(write_kb(tmp_path, {"901": named}))
    out = tipkb("history", "901", "--root", root).out
    assert "ст. 901 — across a border" in out and "(abroad) (" not in out, out


def test_acts_are_named_as_people_write_them(mini):
    for name in ("77-VII", "77", "law 77-vii", "Law No. 77-VII", "law-b", "LAW-B"):
        assert find_act(mini, name).id == "law-b", name
    for name in ("spring package", "Spring-Package", "law-p"):
        assert find_act(mini, name).id == "law-p", name
    with pytest.raises(NotFound) as e:
        find_act(mini, "999-IX")
    listed = str(e.value).split("It has: ")[1]
    for form in [x.split(" (signed")[0].strip('"') for x in listed.split("; ")]:
        assert find_act(mini, form)  # every act is listed in a form the command accepts
    with pytest.raises(NotFound, match="Did you mean 77-VII"):
        find_act(mini, "78-VII")
    with pytest.raises(NotFound, match='Did you mean "spring package"'):
        find_act(mini, "sprng package")


def test_a_bare_date_stays_a_date(mini):
    _, [point], _ = resolve(mini, "2018-01-01", False, TODAY, ["900"])
    assert point.kind == "date"
    with pytest.raises(BadInput, match="before 2015-01-01"):
        resolve(mini, "2014-01-01", False, TODAY, ["900"])


def test_act_report_lists_what_it_changed(mini):
    r = act_report(mini, "77")
    assert r.number == "77-VII" and not r.amends_nothing
    assert {a.article for a in r.articles} == {"500", "900"}
    assert all(c.credited == "law-b" for a in r.articles for c in a.changes)


def test_an_act_that_amends_nothing_says_so(mini):
    assert act_report(mini, "V").amends_nothing  # law-v: no version of these articles is its


def test_history_changes_and_unknowns(mini):
    h = history(mini, "500.1")
    [line] = h.lines
    first, second, third = line.entries
    assert first.changes == [] and second.changes[0].slot == "penalty.main.imprisonment"
    assert third.changes == [] and [u.slot for u in third.unknowns] == ["penalty"]
    assert third.unknowns[0].last_known.act == "law-b"


def test_the_history_view_says_a_change_of_category(tipkb, tmp_path):
    r = tipkb("history", "500.1", "--root", str(write_kb(tmp_path, {"500": ART_500})))
    assert r.code == 0 and "category: medium gravity → grave" in r.out


# -- the general part --------------------------------------------------------------------------------------------

EXPLOITATION = CODE.replace(
    "exploitation:\n  - {act: law-a, summary: forced labour, elements: [purpose.forced_labour], sources: [{ref: t1}], "
    "confidence: official}",
    """exploitation:
  - {act: law-a, summary: at least forced labour, elements: [purpose.forced_labour], exhaustive: false,
     excludes: [purpose.other_sexual_services], sources: [{ref: sec}], confidence: inferred, basis: test}
  - {act: law-p, summary: the new definition, elements: [purpose.forced_labour, purpose.other_sexual_services,
     purpose.begging], sources: [{ref: t1}], confidence: official}""")
VOCAB_EXTRA = ["purpose.other_sexual_services", "purpose.begging"]


def general_root(tmp_path):
    from . import minikb

    vocab = minikb.VOCABULARY + "".join(f"  {v}: {{label: {{en: {v.split('.')[1]}}}}}\n" for v in VOCAB_EXTRA)
    root = write_kb(tmp_path, {"500": ART_500}, code=EXPLOITATION)
    (root / "mappings/vocabulary.yaml").write_text(vocab, encoding="utf-8")
    return root


@pytest.fixture
def general(tmp_path):
    return load(general_root(tmp_path))


def test_the_general_part_is_diffed_with_the_same_rule(general):
    r = report(general, "law-p", "law-p", None, before=True)
    g = r.readings[0].general
    changed = {c.slot: c for c in g.changes}
    unknown = {u.slot: u for u in g.unknowns}
    assert changed["includes.purpose.other_sexual_services"].before.value is False
    assert changed["includes.purpose.other_sexual_services"].after.value is True
    assert changed["includes.purpose.other_sexual_services"].credited == "law-p"
    assert unknown["includes.purpose.begging"].before.value == "unknown"  # not known to have been excluded
    assert "includes.purpose.forced_labour" not in changed and "includes.purpose.forced_labour" not in unknown


def test_history_of_a_general_part_fact(general):
    h = history(general, "exploitation")
    [line] = h.lines
    assert line.where.kind == "fact" and len(line.entries) == 2
    assert [c.slot for c in line.entries[1].changes] == ["includes.purpose.other_sexual_services"]
    with pytest.raises(BadInput, match="not a citation or a general-part fact"):
        history(general, "no-such-fact")


def test_general_part_facts_are_named_in_words_in_every_language(tipkb, tmp_path):
    """History and diff name a general-part fact in words ("Art. 3 item 1 (exploitation)"), never by its id."""
    kb = general_root(tmp_path)
    root = str(kb)
    assert history(load(kb), "Age-of-Majority").subject == "age_of_majority"  # the fact's id, however typed
    for lang in ("en", "ru", "kk"):
        w = Words(lang)
        out = tipkb("history", "general", "--root", root, "--lang", lang).out
        assert out.splitlines()[0] == w("History — {subject} {title}", subject=w("General part"), title="").strip()
        headings = [w("age of majority"), w("Art. 11 (crime categories)"), w("Art. 3 item 1 (exploitation)")]
        assert [line for line in out.splitlines() if line and not line.startswith(" ")][-3:] == headings
        assert "age_of_majority" not in out and "crime_categories" not in out
        changed = tipkb("diff", "--from", "spring package", "--before", "--to", "spring package", "--root", root,
                        "--lang", lang).out
        assert f"• {w('Art. 3 item 1 (exploitation)')}: " in changed
        if lang != "en":
            assert "exploitation" not in out + changed and "general" not in out


def test_just_before_an_act_is_data_and_the_view_words_it(tipkb, tmp_path):
    root = str(write_kb(tmp_path, {"500": ART_500}))
    args = ("diff", "--from", "spring package", "--before", "--to", "spring package", "--root", root)
    data = json.loads(tipkb(*args, "--json").out)
    assert data["from_point"] == "spring package" and data["readings"][0]["before"]["kind"] == "before"
    for lang in ("en", "ru", "kk"):
        out = " ".join(tipkb(*args, "--lang", lang).out.split())
        w = Words(lang)
        assert out.startswith(w("Changes from just before {a} to {b}", a="spring package", b="spring package"))
        assert lang == "en" or "just before" not in out
    dated = " ".join(tipkb("diff", "--from", "2016-01-01", "--to", "spring package", "--root", root).out.split())
    assert dated.startswith("Changes from 2016-01-01 to spring package")


def test_cli_diff_needs_from_unless_the_target_is_a_draft(tipkb, tmp_path):
    root = write_kb(tmp_path, {"500": ART_500})
    assert tipkb("diff", "--to", "2020-01-01", "--root", str(root)).code == 1
    r = tipkb("diff", "--from", "spring package", "--before", "--to", "spring package", "--root", str(root))
    assert r.code == 0 and "unchanged" not in r.out.lower() and "No change recorded" in r.out
    assert all(len(line) <= 80 for line in r.out.splitlines())
    outs = {lang: tipkb("diff", "--from", "2016-01-01", "--to", "2025-01-01", "--root", str(root), "--json",
                        "--lang", lang).out for lang in ("en", "ru", "kk")}
    assert outs["en"] == outs["ru"] == outs["kk"] != ""


def test_unified_format_is_a_plain_line_diff(tipkb, tmp_path):
    root = write_kb(tmp_path, {"500": ART_500})
    r = tipkb("diff", "--from", "2016-01-01", "--to", "2018-06-01", "500", "--root", str(root), "-f", "unified")
    assert r.code == 0 and r.out.startswith("--- art-500 (before)\n+++ art-500 (after)\n")
    assert "-    penalty: imprisonment 3–5 y" in r.out and "+    penalty: imprisonment 4–7 y" in r.out


def test_a_diff_names_the_forms_a_definition_includes(general):
    r = report(general, "law-p", "law-p", None, before=True)
    assert {"purpose.begging", "purpose.other_sexual_services"} <= set(r.labels)


FIRST_KNOWN = """
article: "902"
code: kz-cc
titles:
  - {act: law-a, title: {en: First known later}, sources: [{ref: t1}], confidence: official}
parts:
  - id: "1"
    versions:
      - {act: law-a, summary: x, penalty: unknown, sources: [{ref: t1}], confidence: official}
      - {act: law-b, summary: x, penalty: {main: [{kind: imprisonment, max: 3y}]}, sources: [{ref: t1}], confidence: official}
"""


def test_the_act_of_a_one_act_diff_is_said_once_and_a_first_known_value_is_no_change(tipkb, tmp_path):
    root = write_kb(tmp_path, {"900": ART, "902": FIRST_KNOWN})
    one = tipkb("diff", "--from", "law-b", "--before", "--to", "law-b", "900", "902", "--root", str(root)).out
    assert one.count("Law 77-VII") == 1 and "Every change below was made by Law 77-VII, in force from 2018" in one
    assert "penalty: imprisonment up to 3 y (unknown before)" in " ".join(one.split())
    many = tipkb("diff", "--from", "2010-01-01", "--to", "law-b", "900", "--root", str(root)).out
    assert "Every change below" not in many  # law-a and law-b both made changes: each line names its act


def test_a_backward_diff_a_date_with_before_and_a_folder_as_a_draft_are_refused(tipkb, tmp_path):
    root = str(write_kb(tmp_path / "kb", {"900": ART}))
    back = tipkb("diff", "--from", "2020-01-01", "--to", "2016-01-01", "--root", root)
    assert back.code == 1 and "later than --to" in back.err
    assert tipkb("diff", "--from", "law-b", "--to", "law-a", "--root", root).code == 1
    assert tipkb("diff", "--from", "2016-01-01", "--before", "--to", "2020-01-01", "--root", root).code == 1
    folder = tipkb("diff", "--from", "2016-01-01", "--to", str(tmp_path), "--root", root)
    assert folder.code == 2 and "is a directory" in folder.err
    assert tipkb("diff", "--from", "2016-01-01", "--to", "no-such-act", "--root", root).code == 4


def test_an_absent_item_is_explained_alike_by_show_penalty_history_and_draft_new(tmp_path):
    from kb.citation import parse
    from kb.draft import template
    from kb.show import penalty, show

    kb = load(write_kb(tmp_path / "a", {"900": ART}))
    on = dt.date(2020, 1, 1)  # after law-b, which repealed items 1 and 2
    for run in (lambda c: show(kb, parse(c), on), lambda c: penalty(kb, parse(c), on),
                lambda c: history(kb, c), lambda c: template(kb, c, on)):
        with pytest.raises(NotFound, match="holds all of the part's items"):
            run("900.2.9")
    for run in (lambda c: show(kb, parse(c), on), lambda c: penalty(kb, parse(c), on),
                lambda c: template(kb, c, on)):
        with pytest.raises(NotFound, match="item 1 was not in force on 2020-01-01"):
            run("900.2.1")
    partial = load(write_kb(tmp_path / "b", {"900": ART.replace("summary: Aggravated.,",
                                                                "summary: Aggravated., items_complete: false,")}))
    with pytest.raises(NotFound, match="does not know whether item 9 exists"):
        show(partial, parse("900.2.9"), on)
    with pytest.raises(NotFound, match="does not know whether item 9 exists"):
        history(partial, "900.2.9")


def test_a_part_read_two_ways_is_numbered_in_the_penalty_table(tipkb, tmp_path):
    root = str(write_kb(tmp_path, {"901": WINDOW}))
    out = tipkb("penalty", "901", "--on", "2019-06-01", "--root", root).out
    assert "│ 1 [1]" in out and "│ 1 [2]" in out
    assert "ст. 901 ч. 1 [1]: if" in out and "ст. 901 ч. 1 [2]: if" in " ".join(out.split())


BETWEEN = """
article: "903"
code: kz-cc
titles:
  - {act: law-a, title: {en: Unknown for a while}, sources: [{ref: t1}], confidence: official}
parts:
  - id: "1"
    versions:
      - {act: law-a, summary: x, penalty: {main: [{kind: imprisonment, max: 2y}]}, sources: [{ref: t1}], confidence: official}
      - {act: law-b, summary: x, penalty: unknown, sources: [{ref: t1}], confidence: official}
      - {act: law-w, summary: x, penalty: {main: [{kind: imprisonment, max: 3y}]}, sources: [{ref: t1}], confidence: official}
"""


def test_a_value_known_again_keeps_the_last_known_before_it(tipkb, tmp_path):
    root = str(write_kb(tmp_path, {"903": BETWEEN}))
    out = " ".join(tipkb("diff", "--from", "2018-06-01", "--to", "2020-06-01", "903", "--root", root).out.split())
    assert "imprisonment up to 3 y (unknown before); unknown since Law 77-VII" in out and "last known imprisonment up to 2 y" in out


# -- a whole-KB diff is kept in the KB's cache ----------------------------------------------------------------


@pytest.fixture
def cached(tmp_path, monkeypatch):
    monkeypatch.delenv("TIPKB_NO_CACHE", raising=False)
    monkeypatch.setenv("TIPKB_CACHE_DIR", str(tmp_path / "cache"))
    return write_kb(tmp_path / "kb", {"900": ART, "901": WINDOW, "500": ART_500})


def kept(tmp_path):
    return sorted(p.name for p in (tmp_path / "cache").glob("kb-*/diff-*.json"))


def test_a_whole_kb_diff_is_kept_and_read_back_as_computed(cached, tmp_path, monkeypatch):
    import kb.diff

    first = report(load(cached), "2016-01-01", "2019-06-01", articles=None)
    assert len(kept(tmp_path)) == 1 and len(first.readings) > 1  # (a date in the windows of law-w and law-v)
    monkeypatch.setattr(kb.diff, "_article", lambda *a: pytest.fail("computed again"))
    again = report(load(cached), "2016-01-01", "2019-06-01", articles=None)
    assert again.model_dump(mode="json") == first.model_dump(mode="json")
    assert [(r.before, r.after) for r in again.readings] == [(r.before, r.after) for r in first.readings]
    assert again.readings[1].after.applied == first.readings[1].after.applied  # the points as given
    # the same points, asked for in other words: the labels are the new ones
    assert report(load(cached), " 2016-01-01", "2019-06-01", articles=None).from_point == " 2016-01-01"


def test_a_kept_diff_is_never_stale_nor_shared_with_other_points_or_drafts(cached, tmp_path):
    from kb.draft import apply

    kb = load(cached)
    raised = by_slot(report(kb, "2016-01-01", "2019-01-01", articles=None).readings[0].articles[1].changes)
    assert raised["penalty.main.imprisonment"].after.value == {"min": 48, "max": 84}
    report(kb, "2016-01-01", "2018-06-01", articles=None)
    assert len(kept(tmp_path)) == 2  # other points, another result
    report(kb, "2016-01-01", "2019-01-01", articles=["900"])
    assert len(kept(tmp_path)) == 2  # one article's diff is cheap: not kept
    edit(cached / "statutes/kz/criminal-code/art-900.yaml", "min: 4y, max: 7y", "min: 4y, max: 8y")
    raised = by_slot(report(load(cached), "2016-01-01", "2019-01-01", articles=None).readings[0].articles[1].changes)
    assert raised["penalty.main.imprisonment"].after.value == {"min": 48, "max": 96}  # the edit, not the kept 84
    draft = tmp_path / "draft.yaml"
    draft.write_text(DRAFT_900, encoding="utf-8")
    kb = load(cached)
    overlay, _ = apply(kb, draft, TODAY)
    assert overlay.cache is None and kb.cache is not None  # a draft's law is not the KB's: computed every time
    before = kept(tmp_path)
    r = report(kb, "2019-01-01", str(draft), articles=None)
    assert by_slot(r.readings[0].articles[1].changes)["penalty.main.imprisonment"].after.value == {"min": 48,
                                                                                                  "max": 120}
    assert kept(tmp_path) == before


DRAFT_900 = """
draft: {id: draft-900, title: {en: a test draft}, summary: raises the maximum}
articles:
  - article: "900"
    parts:
      - id: "1"
        versions:
          - act: draft-900
            summary: Recruiting a person for exploitation.
            elements: {acts: [act.recruitment, act.transfer], purposes: [purpose.exploitation]}
            penalty: {main: [{kind: imprisonment, min: 4y, max: 10y}]}
            sources: [{ref: draft, supports: the draft}]
            confidence: unverified
"""


def test_a_damaged_kept_diff_is_computed_again_and_only_the_newest_are_kept(cached, tmp_path, monkeypatch):
    from kb import cache

    kb = load(cached)
    good = report(kb, "2016-01-01", "2019-01-01", articles=None).model_dump(mode="json")
    (path,) = (tmp_path / "cache").glob("kb-*/diff-*.json")
    path.write_bytes(path.read_bytes()[:-40])  # truncated: its checksum fails
    assert report(kb, "2016-01-01", "2019-01-01", articles=None).model_dump(mode="json") == good
    assert report(load(cached), "2016-01-01", "2019-01-01", articles=None).model_dump(mode="json") == good
    monkeypatch.setattr(cache, "RESULTS_KEPT", 2)
    for on in ("2018-06-01", "2020-06-01"):
        report(kb, "2016-01-01", on, articles=None)
    assert len(kept(tmp_path)) == 2 and path.name not in kept(tmp_path)  # the least recently used went


def test_without_the_cache_a_whole_kb_diff_is_computed_and_not_kept(cached, tmp_path, monkeypatch):
    monkeypatch.setenv("TIPKB_NO_CACHE", "1")
    kb = load(cached)
    assert kb.cache is None and report(kb, "2016-01-01", "2019-01-01", articles=None).readings
    assert kept(tmp_path) == []


def test_a_kept_diff_is_served_only_for_its_own_kb_and_points(cached, tmp_path):
    import shutil

    kb = load(cached)
    good = report(kb, "2016-01-01", "2019-01-01", articles=None).model_dump(mode="json")
    (path,) = (tmp_path / "cache").glob("kb-*/diff-*.json")
    # the file of other points, under these points' name
    report(kb, "2016-01-01", "2018-06-01", articles=None)
    (other,) = set(path.parent.glob("diff-*.json")) - {path}
    shutil.copyfile(other, path)
    assert report(load(cached), "2016-01-01", "2019-01-01", articles=None).model_dump(mode="json") == good
    # the file of the same points in another KB (its Art. 900 otherwise punished), under this KB's name
    shutil.copytree(cached, tmp_path / "kb2")
    edit(tmp_path / "kb2/statutes/kz/criminal-code/art-900.yaml", "min: 4y, max: 7y", "min: 4y, max: 8y")
    report(load(tmp_path / "kb2"), "2016-01-01", "2019-01-01", articles=None)
    (theirs,) = set((tmp_path / "cache").glob("kb-*/diff-*.json")) - set(path.parent.glob("diff-*.json"))
    shutil.copyfile(theirs, path)
    assert report(load(cached), "2016-01-01", "2019-01-01", articles=None).model_dump(mode="json") == good


def test_kept_diffs_survive_what_else_the_cache_folder_holds(cached, tmp_path, monkeypatch):
    import os

    from kb import cache

    kb = load(cached)
    good = report(kb, "2016-01-01", "2019-01-01", articles=None).model_dump(mode="json")
    (path,) = (tmp_path / "cache").glob("kb-*/diff-*.json")
    folder = path.parent
    # a folder where a result belongs is left as it is, the result computed every time; a dangling link and a
    # dead run's temporary do not stop the rest
    path.unlink()
    (path / "inside").mkdir(parents=True)
    (path / "inside/mine.txt").write_text("not tipkb's")
    (folder / f"diff-{'0' * 32}.json").symlink_to(tmp_path / "nowhere")
    dead = folder / f".diff-{'1' * 32}.json-999999999-abcdefgh.tmp"
    dead.write_bytes(b"half")
    for _ in range(2):
        assert report(load(cached), "2016-01-01", "2019-01-01", articles=None).model_dump(mode="json") == good
    assert (path / "inside/mine.txt").read_text() == "not tipkb's" and not dead.exists()
    # the most recently used are kept: a result read is renewed
    monkeypatch.setattr(cache, "RESULTS_KEPT", 2)

    def keep(on: str, at: int | None = None) -> set:
        before = set(folder.glob("diff-*.json"))
        report(load(cached), "2016-01-01", on, articles=None)
        made = set(folder.glob("diff-*.json")) - before
        for p in made if at else ():
            os.utime(p, ns=(at, at))  # (as if used long ago, in this order)
        return made

    x, y = keep("2018-06-01", 10**18), keep("2020-06-01", 12 * 10**17)  # (2001 and 2008)
    assert x and y and not keep("2018-06-01")  # read back, not made again: x is now the newest used
    z = keep("2021-06-01")
    results = {p for p in folder.glob("diff-*.json") if p.is_file() and not p.is_symlink()}
    assert results == x | z  # y went, the least recently used; the link and the folder are not results
    assert (folder / f"diff-{'0' * 32}.json").is_symlink() and (path / "inside/mine.txt").exists()
