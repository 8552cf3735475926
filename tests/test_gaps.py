"""The compliance report on a mini KB (tests/minikb.py, articles 700-702): statuses, kinds and evidence as data,
the headline computed from the rows, trust and what to verify, drafts (the general part, terms as labels, side
effects, `draft new`), the draft's diff, and a few renderer checks."""

import ast
import datetime as dt
import json
from pathlib import Path

import pytest

from kb import gaps
from kb.diff import diff
from kb.draft import apply, template
from kb.errors import InvalidKB
from kb.load import load
from kb.snapshot import act_point, points

from .minikb import DRAFT as WEB_DRAFT
from .minikb import GAPS_ADULT, GAPS_CODE, write_gaps_kb

D2016, D2018, D2025 = dt.date(2016, 1, 1), dt.date(2018, 6, 1), dt.date(2025, 1, 1)


@pytest.fixture
def root(tmp_path):
    return write_gaps_kb(tmp_path / "kb")


@pytest.fixture
def kb(root):
    return load(root)


def rows(report, reading=0):
    return {r.id: r for r in report.readings[reading].rows}


def roles(row):
    return {(e.role, ".".join(x for x in (e.article, e.part, e.item) if x)) for e in row.evidence if e.rests}


# -- rows --------------------------------------------------------------------------------------------------------


def test_means_rows_are_divergences_when_the_base_offence_needs_no_means(kb):
    r = rows(gaps.report(kb, D2016))
    assert (r["means.required"].kind, r["means.required"].status) == ("divergence", "broader")
    deception = r["means.deception"]
    assert (deception.kind, deception.status) == ("divergence", "aggravating_only")
    assert roles(deception) == {("base", "700.1"), ("aggravating", "700.2.1")}
    assert deception.trust.grade == "secondary"  # the item's grade
    # named nowhere in 700 (whole) or 701 before law-b: reached by the base offence, not a gap
    assert (r["means.use_of_force"].kind, r["means.use_of_force"].status) == ("divergence", "broader")
    assert not any(x.kind == "obligation" and x.status == "missing" for x in r.values())


def test_a_reported_aggravating_means_counts_at_its_grade_from_its_act(kb):
    force = rows(gaps.report(kb, D2018))["means.use_of_force"]
    assert force.status == "aggravating_only" and force.trust.grade == "reported"
    [rep] = [e for e in force.evidence if e.role == "reported"]
    assert (rep.article, rep.part, rep.act, rep.ids) == ("700", None, "law-b", ["means.use_of_force"])


def test_abduction_rests_on_the_related_item_through_the_mapping(kb):
    row = rows(gaps.report(kb, D2016))["means.abduction"]
    assert row.status == "aggravating_only"
    [rel] = [e for e in row.evidence if e.role == "related"]
    assert (rel.article, rel.part, rel.item) == ("702", "2", "1") and rel.ids == ["act.kidnapping"]
    assert rel.grade == "reported"  # the item; its part 1 (official) adds the act
    assert [v.degree for v in rel.via] == ["full"] and row.trust.grade == "inferred" and row.trust.inferred


def test_payment_to_a_controller_is_reached_by_function(kb):
    row = rows(gaps.report(kb, D2016))["means.payment_to_controller"]
    assert (row.kind, row.status) == ("obligation", "covered")
    [acts] = [e for e in row.evidence if e.slot == "acts"]
    assert acts.ids == ["act.purchase_sale"] and acts.via[0].degree == "functional"
    assert row.trust.grade == "inferred"  # the mapping's reading, not the Code's words


def test_forms_of_exploitation_per_victim(kb):
    organs = rows(gaps.report(kb, D2016))["purpose.organ_removal"]
    assert {v.victim: v.status for v in organs.victims} == {"adult": "partial", "child": "covered"}
    assert organs.status == "partial"
    assert ("aggravating", "701.2.1") in roles(organs) and ("case_law", "") in roles(organs)  # sale needs no purpose


def test_an_article_not_known_whole_leaves_a_form_unknown(tmp_path):
    kb = load(write_gaps_kb(tmp_path, {"700": GAPS_ADULT.replace("all: true, ", "")}))
    organs = rows(gaps.report(kb, D2016))["purpose.organ_removal"]
    assert {v.victim: v.status for v in organs.victims} == {"adult": "unknown", "child": "covered"}
    assert organs.status == "unknown"
    assert [(n.what, n.article) for n in organs.needs] == [("parts_not_encoded", "700")]


def test_forms_beyond_the_protocol(tmp_path, kb):
    r = rows(gaps.report(kb, D2016))
    begging, adoption = r["beyond.begging"], r["beyond.illegal_adoption"]
    assert (begging.kind, begging.status) == ("national_addition", "partial")  # only a sale reaches it
    assert (adoption.kind, adoption.status) == ("recommendation", "partial")
    assert [p.ref for p in adoption.proposed_by] == ["news"] and adoption.open
    partial = GAPS_CODE.replace("elements: [purpose.forced_labour], sources",
                                "elements: [purpose.forced_labour], exhaustive: false, sources")
    r = rows(gaps.report(load(write_gaps_kb(tmp_path / "open", code=partial)), D2016))
    assert r["beyond.begging"].status == "unknown"
    assert [n.what for n in r["beyond.begging"].needs] == ["definition_partial"]


def test_general_part_and_annotation_rows(kb):
    before, after = rows(gaps.report(kb, D2016)), rows(gaps.report(kb, D2018))
    assert before["crim.no_reconciliation"].status == "missing" and after["crim.no_reconciliation"].status == "covered"
    attempt = before["crim.attempt"]
    assert attempt.status == "unknown" and [n.what for n in attempt.needs] == ["rule_not_encoded"]
    comp = before["victims.compensation"]
    assert (comp.status, comp.would_be) == ("unknown", "covered")  # not covered while its scope is unverified
    assert [n.text for n in comp.needs] == ["the fund's scope"]
    assert before["consent.irrelevant"].status == "case_law" and before["consent.irrelevant"].trust.grade == "unverified"


def test_trust_last_known_and_conflict_feed_what_to_verify(kb):
    report = gaps.report(kb, D2025)
    serious = rows(report)["untoc.serious_crime"]
    assert serious.status == "unknown" and serious.trust.last_known and serious.trust.conflicting
    [pen] = [e for e in serious.evidence if e.article == "700"]
    assert pen.last_known.value["main"][0]["max"] == 84 and pen.conflicts
    checks = report.readings[0].verify
    reasons = {c.reason for c in checks}
    assert {"unknown", "conflicting", "inferred", "unverified"} <= reasons
    [conflict] = [c for c in checks if c.reason == "conflicting"]
    assert conflict.evidence.article == "700" and conflict.rows == ["untoc.serious_crime"]
    assert [c.reason for c in checks] == sorted((c.reason for c in checks), key=[
        "unknown", "conflicting", "last_known", "unverified", "inferred"].index)


def test_a_date_in_a_window_gives_one_reading_each(kb):
    report = gaps.report(kb, dt.date(2024, 8, 1))
    assert report.ambiguous and len(report.readings) == 2
    statuses = {rd.point.assumed[0].in_force: rows(report, i)["untoc.serious_crime"].status
                for i, rd in enumerate(report.readings)}
    assert statuses == {False: "covered", True: "unknown"}


def test_counts_are_the_table_s_own(kb):
    for rd in gaps.report(kb, D2016).readings:
        assert sum(n for counts in rd.summary.values() for n in counts.values()) == len(rd.rows)
        for kind, counts in rd.summary.items():
            for status, n in counts.items():
                assert n == sum(r.kind == kind and r.status == status for r in rd.rows)


def test_consistency_compares_like_with_like_or_says_it_cannot(kb):
    [then] = gaps.report(kb, D2016).readings[0].consistency
    assert [(s.article, s.part, s.item) for s in then.sides] == [("700", "1", None), ("702", "2", "1")]
    assert then.status == "divergent" and then.lighter[0].max and then.lighter[0].floor  # up to 3 y against 3-5 y
    [now] = gaps.report(kb, D2025).readings[0].consistency
    assert now.status == "not_comparable" and now.unknown == [0] and now.trust.last_known
    # today's 700.1 is unknown; on its last known 4-7 y the related part is still far lighter
    assert (now.sides[0].last_known_max_months, now.sides[0].last_known_floor_months) == (84, 48)
    assert now.last_known_status == "divergent" and now.last_known_lighter[0].max


def test_the_headline_is_computed_from_the_rows(kb):
    f2016, f2018 = gaps.report(kb, D2016).readings[0].finding, gaps.report(kb, D2018).readings[0].finding
    assert f2016.verdict == "not_constitutive"
    assert [(b.victim, b.article, b.means) for b in f2016.bases] == [("adult", "700", []), ("child", "701", [])]
    assert set(f2016.aggravating) == {"means.deception", "means.abduction"}
    assert f2016.functional == ["means.payment_to_controller"] and f2016.unnamed == ["means.use_of_force"]
    assert {(s.role, s.article, s.part, tuple(s.items)) for s in f2016.sites} == {
        ("aggravating", "700", "2", ("1",)), ("related", "702", "2", ("1",))}
    assert f2016.reported_grade is None and f2016.computed_grade == "inferred"
    assert ("reported", "700", "law-b") in {(s.role, s.article, s.act) for s in f2018.sites}
    assert f2018.reported_grade == "reported" and "means.use_of_force" in f2018.aggravating


def test_the_report_needs_a_mapping(tmp_path, tipkb):
    root = write_gaps_kb(tmp_path)
    (root / "mappings/kz-cc--un-tip.yaml").unlink()
    r = tipkb("gaps", "--root", str(root))
    assert r.code == 4 and "no mappings" in r.err


# -- drafts --------------------------------------------------------------------------------------------------------

# The mini KB's draft (the web pages' too), here also amending the general part (the forms of exploitation);
# a blank first line, so that its lines are numbered as the findings below expect.
DRAFT = "\n" + WEB_DRAFT.replace("articles:\n", """code:
  exploitation:
    - act: draft-means
      summary: forced labour and begging
      elements: [forced labour, попрошайничество]
      sources: [{ref: draft}]
      confidence: unverified
articles:
""")


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_a_draft_changes_rows_and_the_finding_side_effects_included(kb, tmp_path):
    overlay, act = apply(kb, write(tmp_path / "d.yaml", DRAFT), D2025)
    report = gaps.draft_report(overlay, act, "d.yaml")
    changes = {c.id: ((c.before.kind, c.before.status), (c.after.kind, c.after.status)) for c in report.draft.changes}
    assert changes["means.required"] == (("divergence", "broader"), ("divergence", "covered"))
    assert changes["means.deception"] == (("divergence", "aggravating_only"), ("obligation", "covered"))
    # side effects: a means the draft leaves out, and a sale by no means, stop being trafficking
    assert changes["means.abduction"][1] == ("obligation", "missing")
    assert changes["means.payment_to_controller"] == (("obligation", "covered"), ("obligation", "missing"))
    assert changes["beyond.begging"] == (("national_addition", "partial"), ("national_addition", "broader"))
    assert report.draft.finding_before.verdict == "not_constitutive"
    after = report.readings[0].finding
    assert after.verdict == "partly_constitutive" and after.missing == ["means.abduction", "means.payment_to_controller"]
    assert "acts.recruitment" in report.draft.regraded  # now rests on the draft (unverified)
    assert report.on == D2025 and report.acts[act].draft


def test_draft_terms_become_ids_and_a_miss_says_what_was_meant(kb, tmp_path):
    overlay, _ = apply(kb, write(tmp_path / "d.yaml", DRAFT), D2025)
    [v] = [x for x in overlay.articles["700"].part("1").versions if x.act == "draft-means"]
    assert v.elements.means == ["means.use_of_force", "means.deception"] and "act.purchase_sale" in v.elements.acts
    assert overlay.code.exploitation[-1].elements == ["purpose.forced_labour", "purpose.begging"]
    bad = write(tmp_path / "bad.yaml", DRAFT.replace("обман]", "decieve]").replace("[exploitation]", "[recruitment]"))
    with pytest.raises(InvalidKB) as e:
        apply(kb, bad, D2025)
    text = [str(f) for f in e.value.findings]
    assert any(t.startswith(f"{bad}:19:") and "did you mean means.deception" in t for t in text), text
    assert any("act.recruitment, one of the acts, not of the purposes" in t for t in text), text
    worse = write(tmp_path / "worse.yaml", DRAFT.replace("обман]", "decieve]").replace("confidence: unverified",
                                                                                      "confidence: sure", 1))
    with pytest.raises(InvalidKB) as e:  # a bad term and a bad grade, reported together, the term once
        apply(kb, worse, D2025)
    text = [str(f) for f in e.value.findings]
    assert sum("decieve" in t for t in text) == 1 and any("confidence" in t for t in text), text


def test_a_draft_is_validated_like_the_kb(kb, tmp_path):
    late = DRAFT.replace("  id: draft-means\n", "  id: draft-means\n  in_force: 2016-06-01\n")
    with pytest.raises(InvalidKB) as e:
        apply(kb, write(tmp_path / "late.yaml", late), D2025)
    assert any("not after the version in force" in str(f) for f in e.value.findings)
    foreign = DRAFT.replace("          - act: draft-means\n            summary: Recruiting",
                            "          - act: law-b\n            summary: Recruiting")
    with pytest.raises(InvalidKB) as e:
        apply(kb, write(tmp_path / "foreign.yaml", foreign), D2025)
    assert any("a draft's versions are its own" in str(f) for f in e.value.findings)


def test_draft_new_prefills_the_last_known_value_and_loads_back(kb, root, tmp_path, tipkb):
    text = template(kb, "700.1", D2025)
    assert "LAST KNOWN" in text and "min: 4y" in text and "max: 7y" in text
    assert "act.purchase_sale" in text  # ids, not labels
    out = tmp_path / "new.yaml"
    r = tipkb("draft", "new", "700.1", "--on", "2025-01-01", "--root", str(root), "-o", str(out))
    assert r.code == 0 and out.read_text(encoding="utf-8") == text
    overlay, act = apply(kb, out, D2025)
    [v] = [x for x in overlay.articles["700"].part("1").versions if x.act == act]
    assert v.penalty.main[0].min == 48 and v.penalty.main[0].max == 84
    again = tipkb("draft", "new", "700.1", "--root", str(root), "-o", str(out))
    assert again.code == 5 and "not overwritten" in again.err and out.read_text(encoding="utf-8") == text
    assert "exploitation:" in template(kb, "exploitation", D2025)


def test_the_draft_s_diff_credits_only_what_the_draft_changed(kb, tmp_path):
    for in_force in ("", "  in_force: 2030-01-01\n"):
        path = write(tmp_path / "d.yaml", DRAFT.replace("  id: draft-means\n", "  id: draft-means\n" + in_force))
        overlay, act = apply(kb, path, D2025)
        report = diff(kb, points(kb, D2016, ["700"]), overlay, [act_point(overlay, act)], ["700"], "2016", "draft")
        art = report.readings[0].articles[0]
        credited = {c.slot: c.credited for c in art.changes}
        assert credited["penalty.main.imprisonment"] == "law-b"  # 3-5 -> 4-7 was law-b's, not the draft's
        assert credited["elements.means"] == act
        assert [(u.slot, u.before.act) for u in art.unknowns] == [("penalty", "law-p")]  # unknown in between


# -- the command and the renderer ----------------------------------------------------------------------------------


def test_json_is_the_same_in_every_language(root, tipkb):
    outs = {lang: tipkb("gaps", "--root", str(root), "--on", "2018-06-01", "--json", "--lang", lang).out
            for lang in ("en", "ru", "kk")}
    assert outs["en"] == outs["ru"] == outs["kk"] != ""
    data = json.loads(outs["en"])
    assert data["labels"]["means.deception"]["ru"] == "обман" and "np" in data["instruments"]
    assert "news" in data["sources"] and "law-b" in data["acts"]


def test_fail_on_keeps_exit_3(root, tipkb):
    assert tipkb("gaps", "--root", str(root), "--on", "2016-01-01").code == 0
    assert tipkb("gaps", "--root", str(root), "--on", "2016-01-01", "--fail-on", "mandatory").code == 3  # organs
    assert tipkb("gaps", "--root", str(root), "--fail-on", "any").code == 3
    assert "<" not in tipkb("gaps", "-h").out


def test_the_table_fits_80_columns_with_a_legend(root, tipkb):
    r = tipkb("gaps", "--root", str(root), "--on", "2018-06-01")
    assert r.code == 0 and all(len(line) <= 80 for line in r.out.splitlines())
    assert "◆ reported" in r.out and "↺" in r.out


def test_the_memo_reads_in_the_drafter_s_order(root, tipkb, tmp_path):
    md = tipkb("gaps", "--root", str(root), "--on", "2018-06-01", "--format", "markdown").out
    order = ["Finding", "Obligations not met or not known to be met", "Divergences", "National additions", "Recommendations",
             "Penalty consistency", "What to verify", "Sources"]
    headings = [line[3:] for line in md.splitlines() if line.startswith("## ")]
    assert headings == order
    draft = write(tmp_path / "d.yaml", DRAFT)
    md = tipkb("gaps", "--root", str(root), "--draft", str(draft), "--format", "markdown").out
    assert [line[3:] for line in md.splitlines() if line.startswith("## ")][:2] == ["Finding", "What the draft changes"]


def test_what_to_verify_names_its_rows_as_the_table_does(root, tipkb):
    md = tipkb("gaps", "--root", str(root), "--on", "2018-06-01", "--format", "markdown").out
    verify = md.split("## What to verify")[1].split("## ")[0]
    assert "rows: Abduction" in verify and "rows: means." not in verify, verify


@pytest.mark.parametrize("lang, words", [("ru", ["Вывод", "Расхождения", "Что проверить"]),
                                         ("kk", ["Қорытынды", "Алшақтықтар", "Нені тексеру керек"])])
def test_the_memo_in_russian_and_kazakh(root, tipkb, lang, words):
    md = tipkb("gaps", "--root", str(root), "--on", "2018-06-01", "--format", "markdown", "--lang", lang).out
    assert all(f"## {w}" in md for w in words) and "Obligations not" not in md


def test_every_phrase_of_the_view_is_translated():
    from cli import phrases
    from cli.views import gaps as view

    tree = ast.parse(Path(view.__file__).read_text(encoding="utf-8"))
    used = {n.args[0].value for n in ast.walk(tree) if isinstance(n, ast.Call) and getattr(n.func, "id", "") == "w"
            and n.args and isinstance(n.args[0], ast.Constant)}
    for table in (view.STATUS, view.ANY_STATUS, view.HEADINGS, view.TABLE_HEADINGS, view.VERDICT, view.ROLES,
                  view.SITE_ROLES, view.KIND_NAMES, view.VICTIMS, view.REASONS, view.COMPARISON, view.SIDE,
                  view.FACTS, view.DEGREES, view.TAGS, dict(view.LISTS)):
        used |= set(table.values())
    used.add(view.LEGEND)
    assert sorted(p for p in used if p not in phrases.PHRASES) == []


def test_schema(tipkb):
    data = json.loads(tipkb("schema", "gaps").out)
    assert "readings" in data["properties"] and "Headline" in data["$defs"]


def test_a_draft_can_amend_the_definition_of_a_minor(kb, tmp_path):
    minor = """
draft:
  id: draft-minor
  title: {en: a minor is under 16}
code:
  age_of_majority:
    - {act: draft-minor, value: 16, sources: [{ref: draft}], confidence: unverified}
"""
    overlay, act = apply(kb, write(tmp_path / "m.yaml", minor), D2025)
    [change] = gaps.draft_report(overlay, act, "m.yaml").draft.changes
    assert (change.id, change.before.status, change.after.status) == ("child.age18", "covered", "missing")
