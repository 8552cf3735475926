"""tipkb search: the way people type (typos, case endings, Kazakh look-alikes, English for Russian), in force only."""

import datetime as dt
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cli.phrases import Words
from cli.views.search import SOURCE
from kb.search import search
from kb.vocab import fold

from .conftest import TODAY
from .minikb import ART_500, write_kb


@pytest.fixture(autouse=True)
def _no_stray_index(tmp_path, monkeypatch):
    """`tipkb search` reads ./tipkb.db when present: run where there is none."""
    monkeypatch.chdir(tmp_path)


def top2(kb, query, on=TODAY):
    return [h.citation for h in search(kb, query, on).hits[:2]]


@pytest.mark.parametrize("query, provision", [
    ("trafficing", "128"),  # typo
    ("трафикинг", "128"),  # the Russian loanword meets the English title
    ("вербовкa", "128.1"),  # Latin a inside a Cyrillic word
    ("BEPБOBKA", "128.1"),  # Latin capitals that look Cyrillic
    ("вербовки", "128.1"),  # case endings
    ("вербовкой", "128.1"),
    ("вербовку", "135.1"),
    ("перевез", "128.1"),  # ё typed as е: перевёз
    ("сводничеством", "309.1"),
    ("женгетайлык", "309.1"),  # Kazakh typed with Russian letters: жеңгетайлық
    ("камелетке толмагандар саудасы", "135"),  # кәмелетке толмағандар саудасы
    ("жезокшеликпен", "309"),  # жезөкшелікпен, a case form, with ө and і typed as о and и
    ("recruitment", "128.1"),  # English finds the Russian provision through the vocabulary
    ("recruitment", "135.1"),
    ("harbouring", "128.1"),
    ("pimping", "309.1"),
])
def test_finds_the_provision_first_or_second(kb, query, provision):
    assert provision in top2(kb, query)


def test_the_match_is_marked_in_the_original_text(kb):
    hit = search(kb, "вербовкой", TODAY).hits[0]
    assert (hit.citation, hit.term, hit.field) == ("128.1", "act.recruitment", "label.ru")
    assert hit.text[hit.match_start:hit.match_end] == "вербовка"
    title = search(kb, "trafficing", TODAY).hits[0]
    assert title.kind == "article" and title.text[title.match_start:title.match_end] == "Trafficking"
    assert 80 <= title.score < 100  # a near miss scores below an exact match


@given(st.text())
def test_folding_keeps_offsets(text):
    assert len(fold(text)) == len(text)


@given(st.text(st.sampled_from("aeopcxykmthbiAEOPZ аеорсхукмтнвиқәЁ_-1")) | st.text())
def test_latin_look_alikes_turn_cyrillic_only_inside_a_cyrillic_word(text):
    """fold skips the word-by-word pass when the text cannot need it; what it gives is the pass's answer."""
    from kb.vocab import _KAZAKH, _LATIN_LOOKALIKES, CYRILLIC, WORD

    lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in text).translate(_KAZAKH)
    expected = WORD.sub(lambda m: m.group().translate(_LATIN_LOOKALIKES) if CYRILLIC.search(m.group())
                        else m.group(), lowered)
    assert fold(text) == expected
    assert fold("kopпус вербoвка") == "корпус вербовка" and fold("kop вербoвка") == "kop вербовка"


def test_only_versions_in_force_are_searched(kb):
    before, after = (search(kb, "recruitment", dt.date(y, 6, 1)) for y in (2019, 2021))
    assert before.hits[0].act == "kz-law-226-V" and after.hits[0].act == "kz-law-292-VI"
    law_2024 = "kz-law-110-VIII-text 1(1)"
    assert law_2024 not in [h.citation for h in before.hits]
    assert law_2024 in [h.citation for h in search(kb, "recruitment", dt.date(2025, 1, 1)).hits]


def test_a_multi_word_query_can_be_met_across_the_vocabulary(kb):
    assert top2(kb, "вербовка несовершеннолетних")[0] == "135.1"


def test_empty_result_says_what_was_searched_and_suggests_terms(kb, tipkb):
    result = search(kb, "organ sale", dt.date(2021, 6, 1))
    assert result.hits == [] and result.total == 0
    assert "vocabulary" in result.searched and "un-tip-protocol" in result.searched
    assert {"act.purchase_sale", "act.organ_removal"} <= {s.term for s in result.suggestions}
    r = tipkb("search", "organ sale", "--on", "2021-06-01")
    assert r.code == 0 and "no match" in r.out and "2021-06-01" in r.out and "Nearest vocabulary terms" in r.out


def test_json_shape(tipkb):
    r = tipkb("search", "вербовки", "--json", "--limit", "3")
    assert r.code == 0, r.err
    data = json.loads(r.out)
    assert data["query"] == "вербовки" and data["on"] == TODAY.isoformat() and data["source"] == "yaml"
    assert data["total"] >= 3 and len(data["hits"]) == 3 and data["suggestions"] == []
    hit = data["hits"][0]
    assert set(hit) == {"citation", "kind", "heading", "field", "text", "match_start", "match_end", "term",
                        "summary", "act", "when", "grade", "score"}
    assert hit["citation"] == "128.1" and hit["grade"] == "inferred" and hit["score"] == 100
    assert data["labels"]["act.recruitment"]["ru"] == "вербовка"


def test_renderings_highlight_the_match(tipkb):
    r = tipkb("search", "вербовки", "--format", "markdown", "--lang", "ru")
    assert r.code == 0 and "«вербовка»" in r.out and "Торговля людьми" in r.out
    r = tipkb("search", "вербовки", "--on", "2021-06-01")
    assert r.code == 0 and "128.1" in r.out and "292-VI" in r.out and "◆" in r.out
    assert all(len(line) <= 80 for line in r.out.splitlines())


def test_the_table_is_worded_in_the_language(tipkb, tmp_path):
    """Column headings, the count ("N hits, K shown"), the act by its name and the footer, in every language."""
    twin = ART_500.replace('article: "500"', 'article: "501"')
    root = str(write_kb(tmp_path / "kb", {"500": ART_500, "501": twin}))
    args = ("search", "recruitment", "--limit", "1", "--root", root)
    data = tipkb(*args, "--json").json()
    assert data["total"] > 1 and data["hits"][0]["act"] == "law-p" and data["acts"]["law-p"]["number"] is None
    for lang in ("en", "ru", "kk"):
        w = Words(lang)
        r = tipkb(*args, "--lang", lang)
        lines = r.out.splitlines()
        assert r.code == 0 and [c.strip() for c in lines[2].strip("┃").split("┃")] == \
            [w("score"), w("provision"), w("match"), w("version")]
        said = " ".join(r.out.split())
        assert said.startswith(w("Search “{query}” — {n} hits, {shown} shown, law in force on {date}",
                                 query="recruitment", n=data["total"], shown=1, date=TODAY.isoformat()))
        assert said.endswith(w(SOURCE["yaml"], n=data["texts"]))
        assert "law-p" not in r.out  # the act as people name it: “spring package” (law of 2024-07-05)


@pytest.mark.parametrize("args", [("search", "  "), ("search", "x", "--limit", "0"),
                                  ("search", "x", "--db", "missing.db"), ("search", "x", "--on", "2001-01-01")])
def test_bad_input_exits_1_without_a_traceback(tipkb, args):
    r = tipkb(*args)
    assert r.code == 1 and "Traceback" not in r.err and r.err


def test_a_folder_or_device_given_as_the_index_is_not_advised_to_be_built(tipkb, tmp_path):
    for path in (tmp_path, "/dev/null"):
        r = tipkb("search", "x", "--db", str(path))
        assert r.code == 1 and f"{path} is not a file" in r.err and "build it" not in r.err
