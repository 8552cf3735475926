"""tipkb import: a text of the Code against a mini KB, fact by fact, as data; --write and what it leaves alone.

The texts are written for these tests in the Code's drafting style, with fictitious articles (901-905) and acts
(995-IX to 999-IX); tests/fixtures/statute_text/ holds the parser's whole-Code fixtures, reused here.
"""

import datetime as dt
import io
import json
import sys
from pathlib import Path

import pytest

from kb.importer import compare
from kb.load import load

from .conftest import run
from .minikb import ACTS, write_kb
from .statute_text.texts import FIXTURES

RU_CODE = FIXTURES / "ru-code.txt"
KK_CODE = FIXTURES / "kk-code.txt"

TEST_ACTS = ACTS + """\
  - {id: law-999, number: 999-IX, title: {en: a fictitious act}, signed: 2028-03-15, in_force: {earliest: 2028-03-15, latest: 2028-06-30, basis: test}, sources: [{ref: t1}], confidence: official}
  - {id: law-997, number: 997-IX, title: {en: another fictitious act}, signed: 2029-02-01, in_force: 2029-07-01, sources: [{ref: t1}], confidence: official}
"""

VOCABULARY = """terms:
  act.recruitment: {label: {en: recruitment, ru: вербовка, kk: азғырып көндіру}}
  act.transfer: {label: {en: transfer, ru: передача, kk: беру}}
  purpose.exploitation:
    label: {en: exploitation, ru: эксплуатация, kk: қанау}
    synonyms: {ru: [в целях эксплуатации], kk: [қанау мақсатында]}
  circ.repeatedly: {label: {en: repeatedly, ru: неоднократно, kk: бірнеше рет}}
  circ.group_prior_agreement:
    label: {en: by a group by prior agreement, ru: группой лиц по предварительному сговору, kk: адамдар тобының алдын ала сөз байласуымен}
  circ.official_position: {label: {en: using an official position, ru: с использованием служебного положения}}
  purpose.forced_labour: {label: {en: forced labour}}
"""

# Art. 901 as a code mirror once gave it: part 1 with the wrong minimum, parts 3 and up missing, a comment to keep.
ART_901 = """\
# Art. 901, from a code mirror (test)
article: "901"
code: kz-cc
titles:
  - {act: law-a, title: {en: Unlawful mining of rare minerals, ru: Незаконная добыча редких минералов}, sources: [{ref: sec}], confidence: secondary}
structure:
  - {act: law-a, parts: ["1", "2"], sources: [{ref: sec}], confidence: secondary}
parts:
  - id: "1"
    versions:
      - act: law-a  # the Code
        summary: Mining rare minerals without a permit, to sell them.
        penalty: {main: [{kind: imprisonment, min: 3y, max: 7y}], additional: [{kind: confiscation, mandatory: true}]}
        sources: [{ref: sec}]
        confidence: secondary
  - id: "2"
    builds_on: ["1"]
    versions:
      - act: law-a
        summary: The same, aggravated.
        penalty: {main: [{kind: imprisonment, max: 12y}], additional: [{kind: confiscation, mandatory: false}]}
        sources: [{ref: sec}]
        confidence: secondary
    items:
      - id: "1"
        versions:
          - {act: law-a, summary: by a group, elements: {circumstances: [circ.group_prior_agreement]}, sources: [{ref: sec}], confidence: secondary}
      - id: "2"
        versions:
          - {act: law-a, summary: repeatedly, elements: {circumstances: [circ.repeatedly]}, sources: [{ref: sec}], confidence: secondary}
"""

ART_905 = """\
article: "905"
code: kz-cc
titles:
  - {act: law-a, title: {en: Recruiting for mining (test), ru: Вербовка для добычи редких минералов}, sources: [{ref: sec}], confidence: secondary}
parts:
  - id: "1"
    versions:
      - act: law-a
        elements: {acts: [act.recruitment, act.transfer], purposes: [purpose.exploitation]}
        penalty: {main: [{kind: imprisonment, min: 3y, max: 7y}]}
        sources: [{ref: sec}]
        confidence: secondary
  - id: "2"
    builds_on: ["1"]
    versions:
      - {act: law-a, penalty: {main: [{kind: imprisonment, min: 5y, max: 10y}]}, sources: [{ref: sec}], confidence: secondary}
    items:
      - id: "1"
        versions:
          - {act: law-a, elements: {circumstances: [circ.group_prior_agreement]}, sources: [{ref: sec}], confidence: secondary}
      - id: "2"
        versions:
          - {act: law-a, elements: {circumstances: [circ.repeatedly]}, sources: [{ref: sec}], confidence: secondary}
"""

FOOTNOTE = ("Сноска. Статья 905 с изменениями, внесенными законами РК от 15.03.2028 № 999-IX (вводится в действие по "
            "истечении десяти календарных дней после дня его первого официального опубликования); от 01.02.2029 "
            "№ 997-IX (вводится в действие с 01.07.2029).")


def text_905(edition: str, low: str = "трех", notes: str = "", more: str = "") -> bytes:
    """Art. 905 as of `edition` (DD.MM.YYYY), part 1's minimum in words."""
    return f"""(по состоянию на {edition})
Статья 905. Вербовка для добычи редких минералов
      {notes}
      1. Вербовка или передача лица в целях эксплуатации –
      наказывается лишением свободы на срок от {low} до семи лет.
      2. То же деяние, совершенное:
      1) группой лиц по предварительному сговору;
      2) неоднократно –
      наказывается лишением свободы на срок от пяти до десяти лет.
{more}""".encode()


KK_905 = """(01.01.2028 жағдай бойынша)
905-бап. Сирек минералдарды өндіру үшін азғырып көндіру
      1. Қанау мақсатында адамды азғырып көндіру немесе беру –
      үш жылдан жеті жылға дейінгі мерзімге бас бостандығынан айыруға жазаланады.
      2. Мынадай:
      1) адамдар тобының алдын ала сөз байласуымен;
      2) бірнеше рет жасалған дәл сол іс-әрекет –
      бес жылдан он жылға дейінгі мерзімге бас бостандығынан айыруға жазаланады.
""".encode()


def make_kb(root: Path, articles: dict[str, str] | None = None) -> Path:
    write_kb(root, articles if articles is not None else {"901": ART_901, "905": ART_905}, acts=TEST_ACTS)
    (root / "mappings/vocabulary.yaml").write_text(VOCABULARY, encoding="utf-8")
    return root


@pytest.fixture
def kb_root(tmp_path) -> Path:
    return make_kb(tmp_path / "kb")


def files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def imported(root: Path, data: bytes, name: str = "text.txt", **kw):
    result, _, _ = compare(load(root), data, name, **kw)
    return result


def facts(result, **where) -> list:
    return [f for f in result.facts if all(getattr(f, k) == v for k, v in where.items())]


def one(result, **where):
    (f,) = facts(result, **where)
    return f


def write_text(tmp_path: Path, data: bytes, name: str = "text.txt") -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


# -- the comparison, as data ---------------------------------------------------------------------------------


def test_every_fact_is_confirmed_contradicted_new_or_absent(kb_root):
    r = imported(kb_root, RU_CODE.read_bytes(), "ru-code.txt")
    assert (r.lang, r.edition, r.text_edition, r.grade) == ("ru", dt.date(2031, 3, 1), dt.date(2031, 3, 1), "official")
    assert r.articles == ["901"] and [(o.number, o.repealed) for o in r.outside] == [
        ("902", False), ("902-1", False), ("903", False), ("904", True)]
    worst = r.facts[0]  # worst first: the wrong penalty
    assert (worst.status, worst.kind, worst.part, worst.differs) == (
        "contradicted", "penalty", "1", ["penalty.main.imprisonment"])
    assert worst.kb["main"][0] == {"kind": "imprisonment", "min": 36, "max": 84, "amount": None, "note": None}
    assert worst.text["main"][0]["min"] == 48 and worst.line == 15
    assert (worst.kb_grade, worst.act, worst.kb_sources, worst.grade) == ("secondary", "law-a", ["sec"], "official")
    assert worst.changed_by == ["999-IX", "997-IX"] and worst.since == dt.date(2015, 1, 1)
    assert one(r, kind="penalty", part="2").status == "confirmed"
    assert one(r, kind="title").status == "confirmed"
    assert one(r, kind="structure").status == "new"  # the KB listed parts 1 and 2, not as the whole article
    assert {f.part: f.status for f in facts(r, kind="part")} == {"1": "confirmed", "2": "confirmed", "3": "new",
                                                                  "3-1": "new"}
    assert {(f.part, f.item): f.status for f in facts(r, kind="repealed")} == {("2", "3"): "new", ("4", None): "new"}
    # the KB's items of part 2 were complete: the text's item 4 contradicts it
    assert one(r, kind="item", item="4").status == "contradicted"
    assert one(r, kind="builds_on", part="2").status == "confirmed"
    assert [f.status for f in facts(r, kind="code_note")] == ["new", "new"]
    assert r.counts == {s: len(facts(r, status=s)) for s in ("contradicted", "absent", "new", "confirmed")}


def test_what_the_kb_has_and_the_text_lacks_is_absent(tmp_path):
    art = ART_905.replace('      - id: "2"\n        versions:\n          - {act: law-a, elements: {circumstances: '
                          '[circ.repeatedly]}', '      - id: "3"\n        versions:\n          - {act: law-a, '
                          'elements: {circumstances: [circ.official_position]}')
    root = make_kb(tmp_path / "kb", {"905": art})
    r = imported(root, text_905("01.01.2028"))
    assert one(r, kind="item", item="3").status == "absent"
    assert one(r, kind="item", item="2").status == "contradicted"  # the KB's items were complete without it


def test_a_structure_with_a_part_known_by_name_is_left_for_a_person(tmp_path):
    named = ART_905.replace("parts:\n", """structure:
  - {act: law-a, parts: ["1", "2", "abroad"], sources: [{ref: sec}], confidence: secondary}
parts:
  - id: "abroad"
    label: across a border
    builds_on: ["1"]
    versions:
      - {act: law-a, elements: {circumstances: [circ.repeatedly]}, penalty: unknown, sources: [{ref: sec}], confidence: secondary}
""", 1)
    root = make_kb(tmp_path / "kb", {"905": named})
    assert one(imported(root, text_905("01.01.2028")), kind="structure").status == "new"  # "abroad" may be part 2
    res = run("import", write_text(tmp_path, text_905("01.01.2028")), "--root", str(root), "--write")
    assert res.code == 0 and "Not written: ст. 905 parts of the article" in res.out
    assert load(root).articles["905"].structure[-1].parts == ["1", "2", "abroad"]  # left for a person to decide


def test_a_new_part_is_unknown_from_the_first_act_that_amended_the_article_after_the_edition(tmp_path):
    art = ART_905.split('  - id: "2"')[0].replace("parts:\n", "  - {act: law-997, title: {en: Recruiting (test), ru: "
                                                  "Вербовка}, sources: [{ref: sec}], confidence: secondary}\nparts:\n", 1)
    root = make_kb(tmp_path / "kb", {"905": art})
    noted = text_905("01.01.2028", more="      Примечание. Лицо, добровольно освободившее потерпевшего, освобождается "
                                        "от уголовной ответственности.\n")
    assert run("import", write_text(tmp_path, noted), "--root", str(root), "--write").code == 0
    kb = load(root)
    assert [(v.act, v.summary) for v in kb.articles["905"].code_notes[0].versions][1:] == [("law-997", "unknown")]
    first, later = kb.articles["905"].part("2").versions
    assert (first.act, first.penalty.main[0].max) == ("law-a", 120)
    assert (later.act, later.penalty, later.elements, later.confidence) == ("law-997", "unknown", "unknown", "inferred")
    assert [[(v.act, v.elements == "unknown") for v in i.versions] for i in kb.articles["905"].part("2").items] == [
        [("law-a", False), ("law-997", True)]] * 2  # its items too
    shown = run("penalty", "905.2", "--on", "2030-01-01", "--root", str(root), "--json").json()["rows"][0]
    assert shown["penalty"]["penalty"] == "unknown" and shown["penalty"]["last_known"][0]["value"]["main"][0]["max"] == 120
    assert run("validate", "--root", str(root)).code == 0
    one_item = ART_905.split('      - id: "2"\n        versions:\n          - {act: law-a, elements: {circumstances: '
                             '[circ.repeatedly]}')[0].replace("parts:\n", "  - {act: law-997, title: {en: Recruiting "
                             "(test), ru: Вербовка}, sources: [{ref: sec}], confidence: secondary}\nparts:\n", 1).replace(
        "max: 10y}]}, sources", "max: 10y}]}, items_complete: false, sources")  # so item 2 is new, not a contradiction
    root = make_kb(tmp_path / "kb2", {"905": one_item})
    assert run("import", write_text(tmp_path, text_905("01.01.2028")), "--root", str(root), "--write").code == 0
    item = load(root).articles["905"].part("2").items[1]
    assert (item.id, [v.act for v in item.versions], item.versions[-1].elements) == ("2", ["law-a", "law-997"], "unknown")


def test_a_new_part_in_force_at_least_since_an_act_is_unknown_before_it_where_the_kb_has_it_earlier(tmp_path):
    # the notes name 999-IX and 997-IX: the part has been in force at least since 997-IX, which may not have made
    # it; the KB's structure has it from the Code, so before 997-IX what it said is unknown, never "not in force"
    art = ART_905.split('  - id: "2"')[0].replace("parts:\n", "structure:\n  - {act: law-a, parts: ['1', '2'], "
                                                  "sources: [{ref: sec}], confidence: secondary}\nparts:\n", 1)
    root = make_kb(tmp_path / "kb", {"905": art})
    text = write_text(tmp_path, text_905("01.01.2030", notes=FOOTNOTE))
    assert run("import", text, "--root", str(root), "--write").code == 0
    first, then = load(root).articles["905"].part("2").versions
    assert (first.act, first.elements, first.penalty, first.items_complete, first.confidence) == (
        "law-a", "unknown", "unknown", False, "inferred")
    assert (then.act, then.penalty.main[0].max) == ("law-997", 120)
    assert run("show", "905.2", "--on", "2028-01-01", "--root", str(root)).code == 0
    changed = run("diff", "--from", "997-IX", "--before", "--to", "997-IX", "905", "--root", str(root), "--json").json()
    [art_diff] = changed["readings"][0]["articles"]
    assert [c for c in art_diff["changes"] if c["slot"] == "in_force"] == []  # its items: not known to be new
    assert {u["where"]["item"] for u in art_diff["unknowns"] if u["slot"] == "in_force"} == {"1", "2"}


def test_a_new_numbered_part_with_the_penalty_of_a_part_whose_number_is_unknown_is_left_for_a_person(tmp_path):
    art = ART_905.split('  - id: "2"')[0] + """  - id: "aggravated"
    label: the aggravated part
    builds_on: ["1"]
    versions:
      - {act: law-a, penalty: {main: [{kind: imprisonment, min: 5y, max: 10y}]}, sources: [{ref: sec}], confidence: secondary}
"""
    root = make_kb(tmp_path / "kb", {"905": art})
    res = run("import", write_text(tmp_path, text_905("01.01.2028")), "--root", str(root), "--write", "--json")
    assert res.code == 0
    assert [(s["part"], s["reason"], s["twin"]) for s in res.json()["skipped"] if s["kind"] == "part"] == [
        ("2", "unnumbered_twin", "aggravated")]
    assert [p.id for p in load(root).articles["905"].parts] == ["1", "aggravated"]
    # a part known by name only from an act after the edition does not stop the text's structure
    later = ART_905.replace("parts:\n", "structure:\n  - {act: law-a, parts: ['1', '2'], sources: [{ref: sec}], "
                            "confidence: secondary}\n  - {act: law-997, parts: ['1', '2', 'aggravated'], sources: "
                            "[{ref: sec}], confidence: secondary}\nparts:\n", 1) + """\
  - id: "aggravated"
    label: the aggravated part
    builds_on: ["1"]
    versions:
      - {act: law-997, penalty: {main: [{kind: imprisonment, min: 8y, max: 12y}]}, sources: [{ref: sec}], confidence: secondary}
"""
    root = make_kb(tmp_path / "kb2", {"905": later})
    res = run("import", write_text(tmp_path, text_905("01.01.2028")), "--root", str(root), "--write", "--json")
    assert res.code == 0 and [s["kind"] for s in res.json()["skipped"]] == [], res.err
    assert [(v.act, v.all) for v in load(root).articles["905"].structure] == [("law-a", True), ("law-997", False)]


def test_elements_are_read_through_the_vocabulary_and_graded_inferred(kb_root):
    r = imported(kb_root, text_905("01.01.2028"))
    found = {(f.part, f.item, f.text): (f.status, f.grade, f.phrase) for f in facts(r, kind="elements")}
    assert found == {
        ("1", None, "act.recruitment"): ("confirmed", "inferred", "вербовка"),
        ("1", None, "act.transfer"): ("confirmed", "inferred", "передача"),
        ("1", None, "purpose.exploitation"): ("confirmed", "inferred", "в целях эксплуатации"),
        ("2", "1", "circ.group_prior_agreement"): ("confirmed", "inferred", "группой лиц по предварительному сговору"),
        ("2", "2", "circ.repeatedly"): ("confirmed", "inferred", "неоднократно")}
    assert r.unmapped == []  # "лица" sits in a clause that maps; "То же деяние, совершенное" only refers


def test_a_phrase_it_cannot_map_is_listed_never_guessed(kb_root):
    r = imported(kb_root, text_905("01.01.2028").replace("неоднократно".encode(), "неоднократно или повторно".encode()))
    assert [(u.part, u.item, u.phrase) for u in r.unmapped] == [("2", "2", "повторно")]
    assert one(r, kind="elements", item="2").text == "circ.repeatedly"
    # words left on both sides of a phrase that maps are quoted with the gap between them
    from kb.wording import read_wording

    assert read_wording(load(kb_root), "повторно неоднократно один раз", "ru").unmapped == ["повторно … один раз"]


def test_an_element_the_kb_has_and_the_wording_does_not_map_is_absent_only_when_all_of_it_maps(kb_root):
    r = imported(kb_root, text_905("01.01.2028").replace("Вербовка или передача".encode(), "Вербовка".encode()))
    assert one(r, kind="elements", kb="act.transfer").status == "absent"
    r = imported(kb_root, text_905("01.01.2028").replace("Вербовка или передача".encode(), "Вербовка или наем".encode()))
    assert facts(r, kind="elements", kb="act.transfer") == []  # "наем" may say it: unmapped, not absent


def test_a_kazakh_text_is_compared_like_a_russian_one(kb_root):
    ru, kk = imported(kb_root, text_905("01.01.2028")), imported(kb_root, KK_905)
    assert kk.lang == "kk" and kk.edition == dt.date(2028, 1, 1)
    same = lambda r: {(f.kind, f.part, f.item, f.status, str(f.text)) for f in r.facts if f.kind != "title"}  # noqa: E731
    assert same(kk) == same(ru)
    assert (one(kk, kind="title").status, one(kk, kind="title").slot) == ("new", "kk")  # the KB has no Kazakh title
    whole_ru, whole_kk = imported(kb_root, RU_CODE.read_bytes()), imported(kb_root, KK_CODE.read_bytes())
    assert {(f.part, f.status, json.dumps(f.text)) for f in facts(whole_ru, kind="penalty")} == \
        {(f.part, f.status, json.dumps(f.text)) for f in facts(whole_kk, kind="penalty")}


def test_the_edition_comes_from_the_text_unless_given_and_a_disagreement_is_a_warning(kb_root):
    r = imported(kb_root, text_905("01.01.2028"), edition=dt.date(2028, 2, 1))
    assert (r.edition, r.text_edition) == (dt.date(2028, 2, 1), dt.date(2028, 1, 1))
    assert r.warnings == ["text.txt:1: edition: the text says it is as of 2028-01-01; read as of 2028-02-01 (--edition)"]
    bare = text_905("01.01.2028").split(b"\n", 1)[1]
    assert imported(kb_root, bare, edition=dt.date(2028, 1, 1)).warnings == []
    with pytest.raises(Exception, match="give --edition"):
        imported(kb_root, bare)


def amended_905(act: str) -> str:
    """Art. 905 with a second version of part 1 by `act`: 4-7 years for recruitment or transfer."""
    return ART_905.replace("""        confidence: secondary
  - id: "2\"""", f"""        confidence: secondary
      - act: {act}
        elements: {{acts: [act.recruitment, act.transfer], purposes: [purpose.exploitation]}}
        penalty: {{main: [{{kind: imprisonment, min: 4y, max: 7y}}]}}
        sources: [{{ref: sec}}]
        confidence: secondary
  - id: "2\"""", 1)


def test_a_date_inside_an_acts_window_is_read_both_ways(tmp_path):
    art = amended_905("law-999")
    root = make_kb(tmp_path / "kb", {"905": art})
    r = imported(root, text_905("01.05.2028", low="четырех"))  # law-999: in force between 15.03 and 30.06.2028
    penalty = facts(r, kind="penalty", part="1")
    assert sorted((f.status, [a.in_force for a in f.readings[0]]) for f in penalty) == [
        ("confirmed", [True]), ("contradicted", [False])]
    assert one(r, kind="penalty", part="2").readings == []  # the same in both readings
    before = files(root)
    res = run("import", write_text(tmp_path, text_905("01.05.2028", low="четырех")), "--root", str(root), "--write")
    assert res.code == 1 and "window of law-999" in res.err and files(root) == before


# -- amendment notes ------------------------------------------------------------------------------------------


def test_a_footnote_listing_several_acts_says_changed_by_one_of(kb_root):
    r = imported(kb_root, text_905("01.03.2031", low="пяти", notes=FOOTNOTE))
    assert [(c.part, c.acts, c.specific) for c in r.changed_by] == [
        (None, ["999-IX", "997-IX"], False), ("1", ["999-IX", "997-IX"], False), ("2", ["999-IX", "997-IX"], False)]
    assert one(r, kind="penalty", part="1").changed_by == ["999-IX", "997-IX"]
    assert [(n.number, n.act) for n in r.named_acts] == [("999-IX", "law-999"), ("997-IX", "law-997")]
    (date,) = r.act_dates  # 997-IX's note states the day the KB has
    assert (date.act, date.date, date.status, date.how) == ("law-997", dt.date(2029, 7, 1), "confirmed", "stated")


def test_acts_the_notes_name_that_the_kb_lacks_are_reported(kb_root):
    r = imported(kb_root, RU_CODE.read_bytes())
    assert [(n.number, n.signed, n.act) for n in r.named_acts if n.act is None] == [("995-IX", dt.date(2030, 6, 20), None)]


def test_a_change_is_credited_to_one_act_only_by_editions_on_either_side_of_it(kb_root, tmp_path):
    """Part 1's minimum went 3 → 4 (999-IX) → 5 years (997-IX). The text of 2031 alone cannot tell which act made
    what; editions imported for 2028-01-01 and 2029-01-01 can."""
    def do(data, *args):
        res = run("import", write_text(tmp_path, data), "--root", str(kb_root), "--write", "--json", *args)
        return res.json()

    late = text_905("01.03.2031", low="пяти", notes=FOOTNOTE)
    first = do(late)
    assert [(s["part"], s["kind"], s["reason"], s["acts"]) for s in first["skipped"]] == [
        ("1", "penalty", "changed_by_one_of", ["999-IX", "997-IX"])]
    assert do(text_905("01.01.2028"))["written"]  # the law before both: 3-7 years confirmed, officially
    middle = text_905("01.01.2029", low="четырех", notes=FOOTNOTE.split(";")[0] + ".")
    assert one_json(do(middle), "penalty", "1")["changed_by"] == ["999-IX"]
    again = do(late)
    assert one_json(again, "penalty", "1")["changed_by"] == ["997-IX"] and again["skipped"] == []
    kb = load(kb_root)
    versions = kb.articles["905"].parts[0].versions
    assert [(v.act, v.penalty.main[0].min, (v.penalty_provenance or v).confidence) for v in versions] == [
        ("law-a", 36, "official"), ("law-999", 48, "official"), ("law-997", 60, "official")]
    assert [v.confidence for v in versions[1:]] == ["inferred", "inferred"]  # elements read from the wording
    assert run("validate", "--root", str(kb_root)).code == 0
    assert one_json(do(late), "penalty", "1")["status"] == "confirmed"


def one_json(result: dict, kind: str, part: str) -> dict:
    (f,) = [f for f in result["facts"] if f["kind"] == kind and f["part"] == part]
    return f


def test_a_commencement_rule_gives_a_date_only_with_the_publication_date(kb_root, tmp_path):
    data = text_905("01.01.2030", notes=FOOTNOTE)
    assert [d.act for d in imported(kb_root, data).act_dates] == ["law-997"]  # no date guessed for 999-IX
    r = imported(kb_root, data, published={"999-IX": dt.date(2028, 3, 20)})
    d = next(d for d in r.act_dates if d.act == "law-999")
    assert (d.date, d.how, d.status, d.published) == (dt.date(2028, 3, 31), "published", "new", dt.date(2028, 3, 20))
    res = run("import", write_text(tmp_path, data), "--root", str(kb_root), "--write", "--published", "999-IX=2028-03-20")
    assert res.code == 0, res.err
    act = load(kb_root).acts["law-999"]
    assert (act.in_force.date, act.in_force.confidence) == (dt.date(2028, 3, 31), "inferred")
    assert [s.ref for s in act.in_force.sources][1] == "published-999-IX-2028-03-20"
    assert act.commencement.startswith("вводится в действие по истечении десяти")
    assert "published-999-IX-2028-03-20" in load(kb_root).sources.sources
    for bad, code in ((["--published", "999-IX"], 1), (["--published", "123-IX=2028-01-01"], 4),
                      (["--published", "999-IX=March"], 1)):
        assert run("import", write_text(tmp_path, data), "--root", str(kb_root), *bad).code == code, bad


# -- --write --------------------------------------------------------------------------------------------------


def test_write_keeps_comments_passes_validate_and_a_second_import_changes_nothing(kb_root, tmp_path):
    path = write_text(tmp_path, RU_CODE.read_bytes(), "ru-code.txt")
    before = files(kb_root)
    first = run("import", path, "--root", str(kb_root), "--write", "--source", "https://example.test/code", "--json").json()
    assert first["written"] == ["statutes/kz/criminal-code/art-901.yaml", "statutes/sources.yaml"]
    art = (kb_root / "statutes/kz/criminal-code/art-901.yaml").read_text(encoding="utf-8")
    assert art.startswith("# Art. 901, from a code mirror (test)\n") and "      - act: law-a  # the Code\n" in art
    unchanged = [k for k, v in files(kb_root).items() if before[k] == v]
    assert "statutes/kz/criminal-code/art-905.yaml" in unchanged
    assert run("validate", "--root", str(kb_root)).code == 0
    kb = load(kb_root)
    sid = f"text-ru-2031-03-01-{first['sha256'][:8]}"
    src = kb.sources.sources[sid]
    assert (src.url, src.date, src.retrieved, src.sha256, src.grade, src.lang) == (
        "https://example.test/code", dt.date(2031, 3, 1), dt.date(2026, 6, 1), first["sha256"], "official", "ru")
    title = kb.articles["901"].titles[0]
    assert title.confidence == "official" and [(s.ref, s.role) for s in title.sources] == [
        (sid, "rests_on"), ("sec", "corroborates")]
    part2 = kb.articles["901"].parts[1].versions[0]
    assert part2.penalty_provenance.confidence == "official" and part2.confidence == "secondary"
    new = kb.articles["901"].part("3-1")  # the whole of a new part, from the text
    assert new.builds_on == ["3"] and new.versions[0].act == "law-997"  # the latest act the notes name
    assert new.versions[0].confidence == "inferred" and new.versions[0].penalty_provenance.confidence == "official"
    assert new.versions[0].text_ru.startswith("Деяния, предусмотренные частью третьей")
    assert kb.acts["law-999"].in_force.latest == dt.date(2028, 6, 30)  # a rule without --published: still a window
    after = files(kb_root)
    second = run("import", path, "--root", str(kb_root), "--write", "--source", "https://example.test/code", "--json")
    assert second.json()["written"] == [] and files(kb_root) == after


def test_a_contradicted_penalty_is_replaced_and_the_old_value_kept_as_a_conflict(kb_root, tmp_path):
    data = text_905("01.01.2028", low="четырех")  # no amendment note: the KB's 3-7 years was wrong
    r = imported(kb_root, data)
    assert (one(r, kind="penalty", part="1").status, one(r, kind="penalty", part="1").changed_by) == ("contradicted", [])
    assert run("import", write_text(tmp_path, data), "--root", str(kb_root), "--write").code == 0
    v = load(kb_root).articles["905"].parts[0].versions[0]
    assert v.penalty.main[0].min == 48 and v.penalty_provenance.confidence == "official"
    (claim,) = v.conflicts
    assert (claim.penalty.main[0].min, claim.confidence, [s.ref for s in claim.sources]) == (36, "secondary", ["sec"])
    shown = run("penalty", "905.1", "--on", "2028-01-01", "--root", str(kb_root), "--json").json()
    row = shown["rows"][0]["penalty"]
    assert (row["grade"], row["conflicts"][0]["grade"], row["conflicts"][0]["won_by"]) == ("official", "secondary", "grade")


def test_a_penalty_the_kb_has_from_the_act_the_note_names_was_recorded_wrongly_not_changed_again(tmp_path):
    # the KB has part 1 from 999-IX at 3-7 years; the text, whose note names only 999-IX, says 4-7
    art = ART_905.replace('        confidence: secondary\n  - id: "2"', '        confidence: secondary\n      - {act: '
                          'law-999, penalty: {main: [{kind: imprisonment, min: 3y, max: 7y}]}, sources: [{ref: sec}], '
                          'confidence: secondary}\n  - id: "2"', 1)
    root = make_kb(tmp_path / "kb", {"905": art})
    note = "Сноска. Статья 905 с изменениями, внесенными Законом РК от 15.03.2028 № 999-IX."
    data = text_905("01.01.2029", low="четырех", notes=note)
    f = one(imported(root, data), kind="penalty", part="1")
    assert (f.status, f.act, f.changed_by) == ("contradicted", "law-999", [])
    assert run("import", write_text(tmp_path, data), "--root", str(root), "--write").code == 0
    versions = load(root).articles["905"].parts[0].versions
    assert [v.act for v in versions] == ["law-a", "law-999"]
    assert versions[1].penalty.main[0].min == 48 and versions[1].conflicts[0].penalty.main[0].min == 36


def test_a_secondary_text_writes_at_secondary_and_stores_no_official_wording(kb_root, tmp_path):
    path = write_text(tmp_path, RU_CODE.read_bytes(), "mirror.txt")
    assert run("import", path, "--root", str(kb_root), "--write", "--grade", "secondary").code == 0
    kb = load(kb_root)
    assert kb.articles["901"].parts[1].versions[0].penalty_provenance.confidence == "secondary"
    assert kb.articles["901"].part("3").versions[0].text_ru is None and not kb.articles["901"].code_notes
    assert run("validate", "--root", str(kb_root)).code == 0


def test_add_imports_the_articles_the_kb_lacks(kb_root, tmp_path):
    path = write_text(tmp_path, RU_CODE.read_bytes(), "ru-code.txt")
    assert run("import", path, "--root", str(kb_root), "--add").code == 1  # only with --write
    r = run("import", path, "--root", str(kb_root), "--write", "--add", "--json").json()
    assert r["added"] == ["902", "903"]  # 902-1's parts 2 and 3 are 995-IX's, which the KB lacks; 904 is repealed
    assert {(s["article"], s["reason"], tuple(s["acts"])) for s in r["skipped"] if s["kind"] == "article"} == {
        ("902-1", "act_not_in_kb", ("997-IX", "995-IX"))}
    assert run("validate", "--root", str(kb_root)).code == 0
    kb = load(kb_root)
    a902 = kb.articles["902"]
    assert a902.titles[0].title.ru.startswith("Нарушение правил учета") and a902.structure[0].all
    assert a902.parts[0].versions[0].act == "law-a"  # no amendment note: the Code's own text, inferred
    assert a902.parts[0].versions[0].elements == "unknown" and a902.parts[0].versions[0].confidence == "inferred"
    assert a902.parts[0].versions[0].penalty.main[3].amount.max == 50 and a902.code_notes[0].versions[0].text_ru
    again = files(kb_root)
    assert run("import", path, "--root", str(kb_root), "--write", "--add", "--json").json()["written"] == []
    assert files(kb_root) == again


def test_a_new_part_mapped_in_full_gets_its_elements_inferred_and_its_penalty_official(tmp_path):
    art = ART_905.split('  - id: "2"')[0]
    root = make_kb(tmp_path / "kb", {"905": art})
    assert run("import", write_text(tmp_path, text_905("01.01.2028")), "--root", str(root), "--write").code == 0
    part = load(root).articles["905"].part("2")
    v = part.versions[0]
    assert part.builds_on == ["1"] and [i.id for i in part.items] == ["1", "2"]
    assert (v.act, v.confidence, v.penalty_provenance.confidence) == ("law-a", "inferred", "official")
    assert "no amendment note" in v.basis and v.elements is None  # its own words only refer to part 1
    item = part.items[0].versions[0]
    assert item.elements.circumstances == ["circ.group_prior_agreement"] and item.confidence == "inferred"
    assert "vocabulary" in item.basis and item.text_ru == "группой лиц по предварительному сговору"


def test_standard_input(kb_root, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text_905("01.01.2028"))))
    r = run("import", "-", "--root", str(kb_root), "--json").json()
    assert r["file"] == "<stdin>" and r["counts"]["contradicted"] == 0 and r["counts"]["confirmed"] > 5


# -- bad input ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name, data, message", [
    ("notes.txt", "Пояснительная записка\nК проекту закона о минералах.\n".encode(), "notes.txt:1: no article heading"),
    ("cut.txt", text_905("01.01.2028").rsplit(b"\n", 2)[0] + "\n      наказывается лишением свободы на срок".encode(),
     "cut.txt:9: 905: the text ends mid-sentence (is it cut off?)"),
    ("bad.txt", text_905("01.01.2028").replace("от трех до семи лет".encode(), "от трех до семи суток лет".encode()),
     "bad.txt:5: 905.1: cannot read the sanction"),
    ("art-903.txt", text_905("01.01.2028"), "art-903.txt:2: 903: the file is for article 903 but its heading says"),
    ("empty.txt", b"", "empty.txt: the file has no text"),
    ("feb30.txt", text_905("30.02.2028"), "feb30.txt:1: the text says it is as of «по состоянию на 30.02.2028», which"),
])
def test_bad_input_is_a_located_message_exit_2_and_nothing_written(kb_root, tmp_path, name, data, message):
    before = files(kb_root)
    res = run("import", write_text(tmp_path, data, name), "--root", str(kb_root), "--write", "--add")
    assert res.code == 2 and res.out == "" and message in res.err and "Traceback" not in res.err
    assert res.err.endswith("see above\n") and "tipkb: the text " in res.err  # the text is invalid, not the KB
    assert files(kb_root) == before


def test_a_folder_or_a_device_in_place_of_the_text_is_refused_as_the_text(kb_root, tmp_path):
    for path in (tmp_path, "/dev/null"):
        res = run("import", str(path), "--root", str(kb_root), "--edition", "2026-01-01")
        assert res.code == 2 and res.err.endswith(f"tipkb: the text {path} is invalid (1 problem); see above\n")



def test_an_interrupted_write_leaves_the_old_files(kb_root, tmp_path, monkeypatch):
    from kb import importwrite

    made = []
    real = importwrite.temporary

    def failing(directory, name, folder=False):
        if made:
            raise OSError(28, "No space left on device", str(directory / name))
        made.append(real(directory, name, folder))
        return made[-1]

    monkeypatch.setattr(importwrite, "temporary", failing)
    before = files(kb_root)
    res = run("import", write_text(tmp_path, RU_CODE.read_bytes()), "--root", str(kb_root), "--write")
    assert res.code == 5 and "No space left on device" in res.err
    assert files(kb_root) == before and not made[0].exists()


def test_a_write_the_checks_refuse_writes_nothing(kb_root, tmp_path, monkeypatch):
    from kb import importwrite

    monkeypatch.setattr(importwrite.Writer, "origin", lambda self, *a, **k: importwrite.Origin("law-z", "official", None))
    before = files(kb_root)
    res = run("import", write_text(tmp_path, RU_CODE.read_bytes()), "--root", str(kb_root), "--write")
    assert res.code == 2 and "unknown amending act 'law-z'" in res.err
    assert "statutes/kz/criminal-code/art-901.yaml:" in res.err and "as the import would write it" in res.err
    assert files(kb_root) == before


# -- the view -----------------------------------------------------------------------------------------------------


def test_the_report_in_three_languages_and_the_json_is_the_same_in_each(kb_root, tmp_path):
    path = write_text(tmp_path, RU_CODE.read_bytes(), "ru-code.txt")
    en = run("import", path, "--root", str(kb_root))
    assert en.code == 0 and all(len(line) <= 80 for line in en.out.splitlines())
    assert "Contradicted: the KB says one thing, the text another (2)" in en.out
    assert "changed by one of 999-IX, 997-IX" in en.out and "Nothing written: give --write" in en.out
    ru = run("import", path, "--root", str(kb_root), "--lang", "ru").out
    assert "Противоречия: в базе знаний одно, в тексте другое (2)" in ru and "ст. 901 ч. 1" in ru
    kk = run("import", path, "--root", str(kb_root), "--lang", "kk", "--format", "markdown").out
    assert "## Қайшылықтар" in kk and "901-бабының 1-бөлігі" in kk
    jsons = {run("import", path, "--root", str(kb_root), "--json", "--lang", lang).out for lang in ("en", "ru", "kk")}
    assert len(jsons) == 1
    assert json.loads(run("schema", "import").out)["title"] == "ImportResult"


def test_a_kb_file_that_is_a_symbolic_link_is_never_replaced(kb_root, tmp_path):
    art = kb_root / "statutes/kz/criminal-code/art-901.yaml"
    elsewhere = tmp_path / "art-901-elsewhere.yaml"
    art.rename(elsewhere)
    art.symlink_to(elsewhere)
    before = files(kb_root)
    res = run("import", write_text(tmp_path, RU_CODE.read_bytes()), "--root", str(kb_root), "--write")
    assert res.code == 1 and "is a symbolic link" in res.err
    assert files(kb_root) == before and art.is_symlink()


def test_a_repeal_is_credited_to_the_act_its_note_names(kb_root, tmp_path):
    gone = text_905("01.01.2030").split("      2. То же".encode())[0] + \
        "      2. Исключена Законом РК от 01.02.2029 № 997-IX (вводится в действие с 01.07.2029).\n".encode()
    r = imported(kb_root, gone)
    f = one(r, kind="repealed", part="2")
    assert (f.status, f.kb, f.text, f.changed_by) == ("contradicted", False, True, ["997-IX"])
    assert run("import", write_text(tmp_path, gone), "--root", str(kb_root), "--write").code == 0
    part = load(kb_root).articles["905"].part("2")
    assert [(v.act, v.repealed) for v in part.versions] == [("law-a", False), ("law-997", True)]
    assert all(i.versions[-1].repealed for i in part.items)
    assert run("show", "905.2", "--on", "2030-01-01", "--root", str(kb_root)).code == 4
    whole = "(по состоянию на 01.01.2030)\nСтатья 905. Исключена Законом РК от 01.02.2029 № 997-IX.\n".encode()
    assert one(imported(kb_root, whole), kind="article").status == "contradicted"
    assert run("import", write_text(tmp_path, whole), "--root", str(kb_root), "--write").code == 0
    assert load(kb_root).articles["905"].parts[0].versions[-1].repealed
    assert run("validate", "--root", str(kb_root)).code == 0


def test_an_html_page_and_a_docx_file_say_what_the_plain_text_says(kb_root):
    from .statute_text.texts import as_docx, as_html

    plain = imported(kb_root, RU_CODE.read_bytes())
    for data, fmt in ((as_html(RU_CODE.read_text(encoding="utf-8")), "html"),
                      (as_docx(RU_CODE.read_text(encoding="utf-8")), "docx")):
        r = imported(kb_root, data, "code." + fmt)
        assert r.format == fmt
        assert [(f.kind, f.part, f.item, f.status) for f in r.facts] == \
            [(f.kind, f.part, f.item, f.status) for f in plain.facts]


def test_the_benchmarks_whole_code_text_imports_cleanly(tmp_path):
    """benchmarks/codetext.py writes a KB out as the Code's text: every article parses, and what the KB knows comes
    back confirmed."""
    sys.path.insert(0, str(Path(__file__).parent.parent / "benchmarks"))
    try:
        from codetext import render
    finally:
        sys.path.pop(0)
    from .minikb import ART_500

    root = write_kb(tmp_path / "kb", {"500": ART_500})
    text = render(root, dt.date(2026, 6, 1)).encode()
    r = imported(root, text)
    assert r.edition == dt.date(2026, 6, 1) and r.articles == ["500"]
    assert one(r, kind="penalty", part="2").status == "confirmed"
    assert one(r, kind="penalty", part="1").status == "new"  # unknown in the KB since law-p: a placeholder sanction
    assert {f.status for f in facts(r, kind="item")} == {"confirmed"}


def test_the_acts_a_footnote_names_against_the_acts_the_kb_credits(tmp_path):
    art = amended_905("law-997")
    root = make_kb(tmp_path / "kb", {"905": art})
    note = "Сноска. Статья 905 с изменениями, внесенными Законом РК от 15.03.2028 № 999-IX."
    r = imported(root, text_905("01.01.2030", low="четырех", notes=note))
    assert {(f.status, f.kb, f.text) for f in facts(r, kind="amended_by")} == {
        ("new", None, "999-IX"),  # the notes name it; no version in the KB comes from it
        ("absent", "law-997", None)}  # the KB credits it; the footnote, which lists them all, does not
    assert facts(imported(root, text_905("01.01.2030", low="четырех")), kind="amended_by") == []  # no notes at all


def test_a_penalty_is_compared_slot_by_slot_as_diff_compares_it():
    from kb.importer import compare_penalties
    from kb.model import UNKNOWN, AdditionalPunishment, MainPunishment, Penalty

    def pen(lo, hi, note=None, additional=()):
        return Penalty(main=[MainPunishment(kind="imprisonment", min=lo, max=hi, note=note)], additional=list(additional))

    ban = AdditionalPunishment(kind="ban", mandatory=True, term=36)
    assert compare_penalties(pen(36, 60, note="ours"), pen(36, 60)) == ("confirmed", [])  # a note is not the law
    assert compare_penalties(pen(36, 60), pen(48, 84, additional=[ban])) == (
        "contradicted", ["penalty.additional.ban", "penalty.main.imprisonment"])
    assert compare_penalties(Penalty(main=UNKNOWN), pen(36, 60)) == ("new", [])
    assert compare_penalties(Penalty(main=[MainPunishment(kind="imprisonment", min=36, max=60)], additional=UNKNOWN),
                             pen(36, 60, additional=[ban])) == ("new", [])
    assert compare_penalties(Penalty(main=[MainPunishment(kind="imprisonment", min=36, max=72)], additional=UNKNOWN),
                             pen(36, 60)) == ("contradicted", ["penalty.main.imprisonment"])
    assert compare_penalties(UNKNOWN, pen(36, 60)) == compare_penalties(None, pen(36, 60)) == ("new", [])
