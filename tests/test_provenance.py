"""Five grades: a fact is never graded above the weakest source it rests on; corroboration never lowers it."""

import pytest

from kb.load import validate

from .minikb import ART_500, write_kb

VERSION = "        sources: [{ref: t1}]\n        confidence: official\n      - act: law-b"


def findings(tmp_path, article: str) -> list[str]:
    return [f["text"] for f in validate(write_kb(tmp_path, {"500": article})).findings]


def test_the_reference_article_is_valid(tmp_path):
    assert findings(tmp_path, ART_500) == []


def test_news_cannot_carry_a_secondary_fact(tmp_path):
    art = ART_500.replace(VERSION, "        sources: [{ref: news}]\n        confidence: secondary\n      - act: law-b", 1)
    [finding] = findings(tmp_path, art)
    assert "art-500.yaml:" in finding and "parts[1].versions[law-a].confidence" in finding
    assert "rests on news, a reported source" in finding


def test_a_corroborating_source_never_lowers_the_grade(tmp_path):
    art = ART_500.replace(VERSION, "        sources: [{ref: t1}, {ref: news, role: corroborates}]\n"
                                   "        confidence: official\n      - act: law-b", 1)
    assert findings(tmp_path, art) == []


def test_the_weakest_source_rested_on_caps_the_grade(tmp_path):
    art = ART_500.replace(VERSION, "        sources: [{ref: t1}, {ref: sec}]\n        confidence: official\n"
                                   "      - act: law-b", 1)
    assert "rests on sec, a secondary source" in findings(tmp_path, art)[0]


def test_a_fact_must_rest_on_something(tmp_path):
    art = ART_500.replace(VERSION, "        sources: [{ref: t1, role: corroborates}]\n        confidence: official\n"
                                   "      - act: law-b", 1)
    assert "rests on no source" in findings(tmp_path, art)[0]


@pytest.mark.parametrize("basis, ok", [("", False), ("        basis: the figure follows from ...\n", True)])
def test_an_inferred_fact_needs_its_basis(tmp_path, basis, ok):
    art = ART_500.replace(VERSION, f"        sources: [{{ref: sec}}]\n        confidence: inferred\n{basis}"
                                   "      - act: law-b", 1)
    found = findings(tmp_path, art)
    assert (found == []) is ok
    if not ok:
        assert "inferred fact needs a `basis`" in found[0]


def test_conflicting_claims_and_reported_figures_are_graded_too(tmp_path):
    art = ART_500.replace("            confidence: inferred\n            basis: the paper restates the law before law-p",
                          "            confidence: secondary")
    assert "rests on news2, a reported source" in findings(tmp_path, art)[0]


def test_unknown_source_is_named(tmp_path):
    art = ART_500.replace("sources: [{ref: news}], confidence: reported}", "sources: [{ref: nope}], confidence: reported}", 1)
    assert "unknown source 'nope'" in findings(tmp_path, art)[0]


# -- the audit: every fact not yet official, said as data and worded in each language ---------------------------

LONG_URL = "https://example.org/" + "a-long-path-segment/" * 4 + "news-item.html"  # wider than a line


def audit_kb(tmp_path):
    """ART_500 with a secondary title missing its Kazakh, corroborated by the news item, which has a long URL."""
    from .minikb import SOURCES

    art = ART_500.replace("kk: unknown}, sources: [{ref: t1}], confidence: official}",
                          "kk: unknown}, sources: [{ref: sec}, {ref: news, role: corroborates}], confidence: secondary}")
    root = write_kb(tmp_path, {"500": art})
    (root / "statutes/sources.yaml").write_text(
        SOURCES.replace("date: 2024-07-08}", f"date: 2024-07-08, url: '{LONG_URL}'}}"), encoding="utf-8")
    return root


def test_the_audit_says_what_each_row_is_about_as_data(tmp_path):
    from kb.audit import audit
    from kb.load import load

    rows = {(r.kind, r.provision, r.detail): r for g in audit(load(audit_kb(tmp_path))).groups for r in g.rows}
    assert rows["title", "500", None].unknown == ["title.kk"] and rows["title", "500", None].grade == "secondary"
    assert {("reported", "500", "article"), ("reported", "500", "aggravated"), ("structure", "500", None),
            ("conflict", "500.1", None)} <= set(rows)
    assert rows["part", "500.1", None].unknown == ["penalty"]


def test_the_audit_is_worded_in_every_language_and_a_url_is_never_broken(tipkb, tmp_path):
    from cli.phrases import Words

    root = str(audit_kb(tmp_path))
    for lang in ("en", "ru", "kk"):
        w = Words(lang)
        r = tipkb("audit", "--root", root, "--lang", lang)
        said = " ".join(r.out.split())
        assert r.code == 0, r.err
        assert f"500: {w('title')} (" in said and f"{w('title')} (kk)" in said and "title.kk" not in said
        assert f"500: {w('reported for its aggravated forms')}" in said and "(aggravated)" not in said
        assert f"500.1: {w('conflicting source')}" in said and f"news ({w('corroborates')}): " in said
        assert f"{w('basis')}: " in said
        assert f"<{LONG_URL}>" in [line.strip() for line in r.out.splitlines()]  # whole, on a line of its own
