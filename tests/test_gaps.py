"""The compliance report on the shipped KB, across time, and under a draft overlay."""

import json
import shutil
from pathlib import Path

from .conftest import edit

DRAFT = Path(__file__).parent / "fixtures" / "draft-128-means.yaml"


def rows(tipkb, *args):
    r = tipkb("gaps", "--json", *args)
    assert r.code == 0, r.err
    data = json.loads(r.out)
    return data, {row["id"]: row for row in data["rows"]}


def test_headline_means_are_aggravating_only_with_the_items_as_evidence(tipkb):
    _, by_id = rows(tipkb, "--on", "2025-01-01")
    for means in ("means.deception", "means.threat_of_force", "means.fraud"):
        row = by_id[means]
        assert row["status"] == "aggravating_only"
        provisions = [e["provision"] for e in row["evidence"]]
        assert "128.1" in provisions and any(p.startswith("135.2.") for p in provisions)
        assert all(e["confidence"] for e in row["evidence"]) and row["confidence"] == "secondary"
    assert "135's" in by_id["means.deception"]["explanation"]  # says 128's own part 2 is not encoded
    assert by_id["means.required"]["status"] == "broader"
    assert by_id["means.abuse_of_vulnerability"]["status"] == "partial"
    assert {"135.2.10", "135.2.7"} <= {e["provision"] for e in by_id["means.abuse_of_vulnerability"]["evidence"]}


def test_legal_persons_missing_child_rule_covered(tipkb):
    _, by_id = rows(tipkb)
    assert by_id["untoc.legal_persons"]["status"] == "missing"
    assert by_id["untoc.legal_persons"]["confidence"] == "secondary"  # the annotation's source
    child = by_id["child.no_means"]
    assert child["status"] == "covered" and child["evidence"][0]["provision"] == "135.1"
    assert by_id["consent.irrelevant"]["status"] == "case_law"
    assert by_id["crim.attempt"]["status"] == "unknown" and by_id["crim.attempt"]["needs"]


def test_2019_and_2025_differ_where_the_definition_of_exploitation_changed(tipkb):
    _, before = rows(tipkb, "--on", "2019-06-01")
    _, after = rows(tipkb, "--on", "2025-01-01")
    assert before["purpose.sexual_exploitation_other"]["status"] == "unknown"
    assert "not encoded" in before["purpose.sexual_exploitation_other"]["explanation"]
    assert after["purpose.sexual_exploitation_other"]["status"] == "partial"
    says = " ".join(e["says"] for e in after["purpose.sexual_exploitation_other"]["evidence"])
    assert "other sexual services" in says
    assert after["purpose.prostitution_of_others"]["status"] == "covered"


def test_draft_turns_the_means_it_makes_constitutive_to_covered(tipkb):
    data, by_id = rows(tipkb, "--draft", str(DRAFT), "--on", "2026-01-01")
    changes = {c["id"]: (c["before"], c["after"]) for c in data["changes"]}
    assert changes["means.deception"] == ("aggravating_only", "covered")
    assert changes["means.other_coercion"] == ("unknown", "covered")
    assert changes["means.fraud"] == ("aggravating_only", "covered")  # deception stands for fraud (mapping)
    assert changes["means.required"] == ("broader", "covered")
    assert "means.abduction" not in changes and by_id["means.abduction"]["status"] == "unknown"
    assert by_id["means.deception"]["evidence"][0]["confidence"] == "unverified"


def test_draft_in_a_temp_dir_and_its_errors(tipkb, tmp_path):
    draft = tmp_path / "draft.yaml"
    shutil.copy(DRAFT, draft)
    edit(draft, "means.deception,", "means.decieve,")
    edit(draft, "min: 4y, max: 7y", "min: 8y, max: 7y")
    r = tipkb("gaps", "--draft", str(draft))
    assert r.code == 2 and "Traceback" not in r.err
    assert f"{draft}:" in r.err and "unknown vocabulary id 'means.decieve'" in r.err
    assert "min 96 months is above max 84 months" in r.err
    later = tmp_path / "later.yaml"
    shutil.copy(DRAFT, later)
    edit(later, "  id: draft-128-means\n", "  id: draft-128-means\n  in_force: 2030-01-01\n")
    r = tipkb("gaps", "--draft", str(later), "--on", "2026-01-01")
    assert r.code == 1 and "run with --on 2030-01-01" in r.err


def test_a_self_contradicting_draft_is_refused(tipkb, tmp_path):
    draft = tmp_path / "draft.yaml"
    text = DRAFT.read_text(encoding="utf-8")
    version = text[text.index("          - act: draft-128-means"):]
    draft.write_text(text + version, encoding="utf-8")  # two versions from the same day
    r = tipkb("gaps", "--draft", str(draft), "--on", "2026-01-01")
    assert r.code == 2 and "overlaps the previous version" in r.err


def test_fail_on_and_formats(tipkb):
    assert tipkb("gaps", "--fail-on", "mandatory").code == 3
    assert tipkb("gaps", "--fail-on", "any").code == 3
    md = tipkb("gaps", "--format", "markdown", "--on", "2025-01-01")
    assert md.code == 0 and md.out.startswith("# Protocol gaps") and "## Art. 3(a) means (adults)" in md.out
    assert "**aggravating only** — Deception" in md.out
    table = tipkb("gaps")
    assert table.code == 0 and "Mandatory gaps:" in table.out


def test_statuses_follow_the_encoded_law(tipkb, kb_copy):
    """Computed, not typed: give 128 part 1 a means in the KB itself and the row turns."""
    edit(kb_copy / "statutes/kz/criminal-code/art-128.yaml",
         "          purposes: [purpose.exploitation]\n        penalty:\n          main:\n            - kind: imprisonment\n              min: 4y",
         "          purposes: [purpose.exploitation]\n          means: [means.abduction]\n        penalty:\n          main:\n            - kind: imprisonment\n              min: 4y")
    _, by_id = rows(tipkb, "--root", str(kb_copy), "--on", "2025-01-01")
    assert by_id["means.abduction"]["status"] == "covered"
    assert by_id["means.required"]["status"] == "covered"


def test_no_mapping_is_a_clean_not_found(tipkb, kb_copy):
    (kb_copy / "mappings/kz-cc--un-tip.yaml").unlink()
    r = tipkb("gaps", "--root", str(kb_copy))
    assert r.code == 4 and "no mappings" in r.err


def test_lang_sets_the_language_of_labels(tipkb):
    _, by_id = rows(tipkb, "--lang", "ru", "--on", "2025-01-01")
    assert "обман" in " ".join(e["says"] for e in by_id["means.deception"]["evidence"])
    history = json.loads(tipkb("history", "135", "--lang", "kk", "--json").out)
    assert history["title"] == "Кәмелетке толмағандар саудасы"


def test_consistency_flags_a_far_lighter_related_article(tipkb):
    data, _ = rows(tipkb, "--on", "2019-06-01")
    by_conduct = {c["provisions"][1]["provision"]: c for c in data["consistency"]}
    den = by_conduct["309.1"]  # up to 5 y, no special minimum, against 128.1's 3-5 y
    assert den["status"] == "divergent" and "no special minimum against 3 y" in den["explanation"]
    assert by_conduct["134.1"]["status"] == "comparable"  # 3-6 y against 135.1's 5-7 y
    assert by_conduct["308.1"]["status"] == "unknown"  # Art. 308 is not encoded
    assert data["summary"]["penalty_divergences"] == 2
