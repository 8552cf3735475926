"""show and penalty as data: the last known value beside an unknown one, conflicts, reported figures, and
"not encoded" never said as "no such part"."""

import datetime as dt
import re

import pytest

from kb.acts import resolve
from kb.citation import parse
from kb.diff import diff
from kb.errors import NotFound
from kb.load import load
from kb.show import penalty, show

from .minikb import ART_500, write_kb

D = dt.date


@pytest.fixture
def root(tmp_path):
    return write_kb(tmp_path, {"500": ART_500})


@pytest.fixture
def kb(root):
    return load(root)


def test_unknown_penalty_shows_the_last_known_and_the_conflict(kb):
    r = penalty(kb, parse("500"), D(2025, 1, 1))
    row = next(x for x in r.rows if x.part == "1")
    assert row.penalty.penalty == "unknown" and row.penalty.grade == "reported" and row.version.act == "law-p"
    [lk] = row.penalty.last_known
    assert {k: lk.value["main"][0][k] for k in ("kind", "min", "max")} == {"kind": "imprisonment", "min": 48, "max": 84}
    assert lk.act == "law-b" and lk.since.act == "law-p"
    [c] = row.penalty.conflicts
    assert c.sources == ["news2"] and c.won_by == "grade"
    assert [(x.scope, x.min_months, x.max_months) for x in r.reported] == [("article", 48, 180), ("aggravated", None, None)]
    assert r.acts["law-p"].names == ["spring package"] and r.acts["law-p"].number is None


def test_known_penalty_has_no_last_known(kb):
    row = penalty(kb, parse("500.1"), D(2018, 6, 1)).rows[0]
    assert row.penalty.penalty.main[0].max == 84 and row.penalty.last_known == [] and row.penalty.conflicts == []
    assert row.penalty.category.id == "grave" and row.penalty.category.max_months == 84  # medium ends at 5 y


def test_category_is_derived_from_the_thresholds(kb):
    rows = {r.part: r.penalty.category for r in penalty(kb, parse("500"), D(2016, 1, 1)).rows}
    assert rows["1"].id == "medium" and rows["1"].reason == "maximum"  # 5 y
    assert rows["2"].id == "grave"  # 9 y


def test_not_encoded_is_never_no_such_part(kb):
    with pytest.raises(NotFound, match="part 3 is not encoded in the knowledge base; the Code has it"):
        show(kb, parse("500.3"), D(2020, 1, 1))
    with pytest.raises(NotFound, match="does not know whether part 9 exists"):
        show(kb, parse("500.9"), D(2020, 1, 1))
    view = show(kb, parse("500"), D(2020, 1, 1))
    assert [n.part for n in view.not_encoded] == ["3"] and view.not_encoded[0].grade == "secondary"
    assert not view.whole


def test_a_part_the_whole_article_lacks_is_refused_as_absent(tmp_path):
    art = ART_500.replace('parts: ["1", "2", "3"], sources', 'parts: ["1", "2"], all: true, sources')
    kb = load(write_kb(tmp_path, {"500": art}))
    with pytest.raises(NotFound, match="has no part 3 .* shows the whole article"):
        show(kb, parse("500.3"), D(2020, 1, 1))


def test_repealed_item(kb):
    assert [i.id for i in show(kb, parse("500.2"), D(2017, 1, 1)).parts[0].versions[0].items] == ["1", "2"]
    with pytest.raises(NotFound, match="item 2 was not in force on 2018-01-01"):
        show(kb, parse("500.2.2"), D(2018, 1, 1))


def test_a_date_in_a_window_shows_each_version_with_its_reading(kb):
    view = show(kb, parse("500.1"), D(2024, 8, 1))
    assert view.ambiguous
    [part] = view.parts
    assert [(r.version.act, [[(a.act, a.in_force) for a in c] for c in r.readings]) for r in part.versions] == [
        ("law-b", [[("law-p", False)]]), ("law-p", [[("law-p", True)]])]


def test_a_reported_figure_says_which_readings_of_the_date_it_holds_in(kb, tipkb, root):
    view = show(kb, parse("500"), D(2024, 8, 1))  # inside law-p's window
    holds = {r.describes: [[(a.act, a.in_force) for a in c] for c in r.readings] for r in view.reported}
    assert holds == {"law-a": [], "law-p": [[("law-p", True)]]}  # law-a's holds in both readings
    assert all(r.readings == [] for r in show(kb, parse("500"), D(2025, 1, 1)).reported)
    out = tipkb("penalty", "500", "--on", "2024-08-01", "--root", str(root)).out
    assert re.search(r"reported for the article: 4–15 y \(news ◆\) — if .* had come into force", " ".join(out.split()))


def test_a_part_no_reading_changes_holds_in_every_reading(tmp_path):
    added = ART_500 + """  - id: "4"
    versions:
      - {act: law-p, summary: new, penalty: unknown, sources: [{ref: t1}], confidence: official}
"""
    kb = load(write_kb(tmp_path, {"500": added}))
    view = show(kb, parse("500"), D(2024, 8, 1))  # inside law-p's window, which changes part 1 and adds part 4
    assert {p.id: [[[a.in_force for a in c] for c in r.readings] for r in p.versions] for p in view.parts} == {
        "1": [[[False]], [[True]]], "2": [[]], "4": [[[True]]]}


def test_the_title_keeps_its_last_known_language(tmp_path):
    art = ART_500.replace(
        "titles:\n", "titles:\n  - {act: law-b, title: {en: Trafficking (new), ru: unknown}, sources: [{ref: t1}], "
                     "confidence: official}\n", 1)
    art = art.replace("  - {act: law-b, title", "  - {act: law-a, title: {en: Trafficking (test), ru: Торговля (тест)}, "
                      "sources: [{ref: t1}], confidence: official}\n  - {act: law-b, title", 1)
    art = art.replace("  - {act: law-a, title: {en: Trafficking (test), ru: Торговля (тест), kk: unknown}, sources: "
                      "[{ref: t1}], confidence: official}\n", "", 1)
    kb = load(write_kb(tmp_path, {"500": art}))
    [title] = show(kb, parse("500"), D(2020, 1, 1)).titles
    [lk] = title.last_known
    assert lk.field == "title.ru" and lk.value == "Торговля (тест)"


def test_a_note_of_the_code_that_becomes_unknown_keeps_its_last_known_words_in_show_and_diff(tmp_path):
    noted = ART_500.replace("parts:\n", "code_notes:\n  - id: n1\n    versions:\n"
                            "      - {act: law-a, summary: An exemption., sources: [{ref: sec}], confidence: secondary}\n"
                            "      - {act: law-b, summary: unknown, sources: [{ref: news}], confidence: reported}\n"
                            "parts:\n", 1)
    kb = load(write_kb(tmp_path, {"500": noted}))
    [note] = show(kb, parse("500"), D(2020, 1, 1)).code_notes
    [lk] = note.last_known
    assert (note.summary, lk.field, lk.value, lk.act, lk.grade) == ("unknown", "summary", "An exemption.", "law-a",
                                                                     "secondary")
    _, before, _ = resolve(kb, "law-b", True, D(2026, 1, 1), ["500"])
    _, after, _ = resolve(kb, "law-b", False, D(2026, 1, 1), ["500"])
    [art] = diff(kb, before, kb, after, ["500"], "a", "b").readings[0].articles
    assert [(u.where.kind, u.slot, u.last_known.value) for u in art.unknowns if u.where.kind == "note"] == [
        ("note", "summary", "An exemption.")]


def test_a_date_in_a_window_gives_the_title_notes_and_parts_not_encoded_of_each_reading(tmp_path, tipkb):
    renamed = ART_500.replace("parts:\n", "code_notes:\n  - id: n1\n    versions:\n"
                              "      - {act: law-a, summary: Before., sources: [{ref: t1}], confidence: official}\n"
                              "      - {act: law-p, summary: After., sources: [{ref: t1}], confidence: official}\n"
                              "parts:\n", 1).replace(
        "structure:", "  - {act: law-p, title: {en: Renamed (test)}, sources: [{ref: t1}], confidence: official}\n"
                      "structure:", 1).replace(
        "reported:", "  - {act: law-p, parts: ['1', '2', '3'], sources: [{ref: t1}], confidence: official}\nreported:", 1)
    root = write_kb(tmp_path, {"500": renamed})
    view = show(load(root), parse("500"), D(2024, 8, 1))  # inside law-p's window
    by_reading = lambda views: [(v.version.act, [[a.in_force for a in c] for c in v.readings]) for v in views]  # noqa: E731
    assert by_reading(view.titles) == by_reading(view.code_notes) == [("law-a", [[False]]), ("law-p", [[True]])]
    assert by_reading(show(load(root), parse("500"), D(2025, 1, 1)).titles) == [("law-p", [])]
    # the part the KB lacks, on the word of each reading's structure
    assert [(n.part, n.grade, [[a.in_force for a in c] for c in n.readings]) for n in view.not_encoded] == [
        ("3", "secondary", [[False]]), ("3", "official", [[True]])]
    out = tipkb("penalty", "500.1", "--on", "2024-08-01", "--root", str(root)).out
    assert "its title depends on the reading" in out and "Renamed (test)" in out and "Trafficking (test)" in out


def test_a_title_that_reads_alike_in_every_reading_heads_the_article(tmp_path, tipkb):
    renamed_in_ru = ART_500.replace("structure:", "  - {act: law-p, title: {en: Trafficking (test), ru: Иное (тест)}, "
                                                  "sources: [{ref: t1}], confidence: official}\nstructure:", 1)
    root = write_kb(tmp_path, {"500": renamed_in_ru})
    args = ("show", "500", "--on", "2024-08-01", "--root", str(root))  # inside law-p's window
    assert tipkb(*args).out.splitlines()[0] == "ст. 500 — Trafficking (test)"
    assert "its title depends on the reading" not in tipkb(*args).out
    ru = tipkb(*args, "--lang", "ru").out
    assert "Торговля (тест)" in ru and "Иное (тест)" in ru and "Торговля (тест)" not in ru.splitlines()[0]


def test_penalty_says_why_a_part_has_no_number(tmp_path, tipkb):
    unnumbered = ART_500.rstrip("\n") + """
  - id: aggravated
    label: aggravated; part number not retrieved
    builds_on: ["1"]
    versions:
      - {act: law-a, penalty: unknown, sources: [{ref: t1}], confidence: official, note: Its number is not known.}
"""
    root = write_kb(tmp_path, {"500": unnumbered})
    out = tipkb("penalty", "500", "--on", "2020-01-01", "--root", str(root)).out
    assert "? (aggravated): Its number is not known." in out, out


def test_cli_exit_codes_and_json(tipkb, root):
    assert tipkb("show", "500.3", "--root", str(root)).code == 4
    r = tipkb("show", "500.9", "--root", str(root))
    assert r.code == 4 and r.out == "" and r.err.startswith("tipkb: ") and len(r.err.splitlines()) == 1
    assert tipkb("show", "500", "--on", "2014-12-31", "--root", str(root)).code == 1
    assert tipkb("show", "5x", "--root", str(root)).code == 1
    data = tipkb("penalty", "500.1", "--on", "2025-01-01", "--root", str(root), "--json").json()
    assert data["rows"][0]["penalty"]["penalty"] == "unknown"
    assert data["rows"][0]["penalty"]["last_known"][0]["value"]["main"][0]["max"] == 84


@pytest.mark.parametrize("command", [("show", "500"), ("penalty", "500"), ("history", "500")])
def test_json_is_the_same_in_every_language(tipkb, root, command):
    outs = {lang: tipkb(*command, "--on", "2025-01-01", "--root", str(root), "--json", "--lang", lang).out
            for lang in ("en", "ru", "kk")} if command[0] != "history" else \
        {lang: tipkb(*command, "--root", str(root), "--json", "--lang", lang).out for lang in ("en", "ru", "kk")}
    assert outs["en"] and outs["en"] == outs["ru"] == outs["kk"]


def test_rendering_states_the_unknown_and_the_last_known(tipkb, root):
    r = tipkb("penalty", "500", "--on", "2025-01-01", "--root", str(root))
    assert r.code == 0 and all(len(line) <= 80 for line in r.out.splitlines())
    said = " ".join(r.out.split())
    assert "unknown since “spring package” (law of 2024-07-05), in force from a date between" in said
    assert "last known imprisonment 4–7 y" in said
    ru = tipkb("penalty", "500", "--on", "2025-01-01", "--root", str(root), "--lang", "ru")
    assert "лишение свободы от 4 до 7 лет" in ru.out and "ст. 500 ч. 1" in ru.out
    kk = tipkb("penalty", "500", "--on", "2025-01-01", "--root", str(root), "--lang", "kk")
    assert "4 жылдан 7 жылға дейін" in kk.out and "ҚК-нің 500-бабының 1-бөлігі" in kk.out


def test_an_article_before_its_first_version_is_not_in_force(tmp_path, tipkb):
    later = """article: "501"
code: kz-cc
titles:
  - {act: law-b, title: {en: A new offence}, sources: [{ref: t1}], confidence: official}
parts:
  - id: "1"
    versions:
      - {act: law-b, elements: {acts: [act.recruitment]}, penalty: unknown, sources: [{ref: t1}], confidence: official}
"""
    root = write_kb(tmp_path, {"500": ART_500, "501": later})
    kb = load(root)
    assert [t.text.en for t in show(kb, parse("501"), D(2018, 1, 1)).titles] == ["A new offence"]
    for cite in ("501", "501.1"):
        with pytest.raises(NotFound, match="Art. 501 was not in force on 2017-12-31"):
            show(kb, parse(cite), D(2017, 12, 31))
    r = tipkb("show", "501", "--on", "2017-12-31", "--root", str(root))
    assert r.code == 4 and "not in force" in r.err and not r.out
