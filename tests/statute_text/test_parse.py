"""Articles, parts, items, sanctions and notes, each where the text has it; bad input as located problems."""

import datetime as dt

import pytest

from kb.model import Penalty

from .texts import fixture, parsed, penalty_rows

RU = fixture("ru-code.txt")
KK = fixture("kk-code.txt")


def penalty(main, additional=()):
    return Penalty.model_validate({"main": main, "additional": list(additional)})


@pytest.fixture(scope="module")
def ru():
    return parsed(RU, "ru-code.txt")


def test_the_articles_of_a_whole_code_text(ru):
    assert ru.problems == [] and ru.warnings == []
    assert (ru.lang, ru.edition, ru.edition_line) == ("ru", dt.date(2031, 3, 1), 2)
    assert [(a.number, a.line, a.repealed) for a in ru.articles] == [
        ("901", 10, False), ("902", 31, False), ("902-1", 40, False), ("903", 53, False), ("904", 58, True)]
    assert ru.article("902").title == "Нарушение правил учета редких минералов, совершенное лицом, ответственным за их хранение"


def test_parts_items_and_what_is_repealed(ru):
    a = ru.article("901")
    assert [(p.id, p.line, p.repealed) for p in a.parts] == [
        ("1", 14, False), ("2", 16, False), ("3", 22, False), ("3-1", 24, False), ("4", 26, True)]
    part2 = a.part("2")
    assert part2.disposition == "То же деяние, совершенное:"
    assert [(i.id, i.line, i.repealed) for i in part2.items] == [
        ("1", 17, False), ("2", 18, False), ("3", 19, True), ("4", 20, False)]
    assert part2.items[3].text == "с использованием служебного положения"  # the dash before the sanction is gone
    assert (part2.sanction_line, part2.sanction.text) == (
        21, "наказывается лишением свободы на срок до двенадцати лет с конфискацией имущества или без таковой.")
    assert a.part("1").disposition == ("Добыча редких минералов без разрешения уполномоченного органа, "
                                       "совершенная в целях сбыта")
    assert a.part("4").sanction is None


def test_sanctions_become_penalties(ru):
    a = ru.article("901")
    assert a.part("1").sanction.penalty == penalty([{"kind": "imprisonment", "min": "4y", "max": "7y"}],
                                                   [{"kind": "confiscation", "mandatory": True}])
    assert a.part("3").sanction.penalty == penalty(
        [{"kind": "restriction_of_freedom", "max": "5y"}, {"kind": "imprisonment", "max": "5y"}],
        [{"kind": "ban", "mandatory": False, "term": "3y"}])
    assert a.part("3-1").sanction.penalty.additional[0].term == "life"
    assert ru.article("902").part("1").sanction.penalty == penalty([
        {"kind": "fine", "amount": {"unit": "mci", "max": 200}},
        {"kind": "correctional_labour", "amount": {"unit": "mci", "max": 200}},
        {"kind": "community_service", "amount": {"unit": "hours", "max": 200}},
        {"kind": "arrest", "amount": {"unit": "days", "max": 50}}])
    assert ru.article("902-1").part("2").sanction.attached == [1]  # confiscation only with the term


def test_an_unnumbered_article_is_one_part(ru):
    (part,) = ru.article("903").parts
    assert (part.id, part.numbered, part.line, part.sanction_line) == ("1", False, 55, 56)


def test_article_notes(ru):
    assert [(n.line, n.number) for n in ru.article("901").notes] == [(28, "1"), (29, "2")]
    (note,) = ru.article("902").notes
    assert note.number is None and note.text.startswith("Крупным ущербом")


def test_the_kazakh_text_says_what_the_russian_says():
    kk = parsed(KK, "kk-code.txt")
    assert kk.problems == [] and kk.warnings == []
    assert (kk.lang, kk.edition) == ("kk", dt.date(2031, 3, 1))
    assert penalty_rows(kk) == penalty_rows(parsed(RU))
    assert [n.number for n in kk.article("901").notes] == ["1", "2"]
    assert kk.article("902").title == "Сирек минералдарды есепке алу қағидаларын оларды сақтауға жауапты адамның бұзуы"


def test_amendment_notes_are_attached_to_their_article(ru):
    notes = ru.article("901").amendments
    assert [(n.line, n.style, n.action, n.target.element, n.target.part, n.target.item) for n in notes] == [
        (12, "footnote", "changed", "article", None, None), (19, "inline", "repealed", "item", "2", "3"),
        (26, "inline", "repealed", "part", "4", None)]
    assert [a.number for a in notes[0].acts] == ["999-IX", "997-IX"]
    (chapter,) = ru.amendments
    assert (chapter.action, chapter.target.article) == ("added", "902-1")
    assert [(n.action, n.target.element, n.target.part) for n in ru.article("902-1").amendments] == [
        ("added", "article", None), ("new_wording", "part", "2"), ("added", "part", "3")]
    (repeal,) = ru.article("904").amendments
    assert (repeal.action, repeal.acts[0].commencement.days) == ("repealed", 10)


def test_junk_after_the_last_sanction_is_ignored_with_a_warning():
    text = parsed(RU + "\n© Институт законодательства, все права защищены\nКарта сайта\n")
    assert text.problems == []
    assert [f.line for f in text.warnings] == [60, 61]
    assert text.article("904").repealed


@pytest.mark.parametrize("text", [
    "905-бап. Тест\n1. Адамды заңсыз ұстау – бір жылға дейінгі мерзімге бас бостандығын шектеуге жазаланады.",
    "905-бап. Тест\n1. Адамды заңсыз ұстау, -\nбір жылға дейінгі мерзімге бас бостандығын шектеуге жазаланады.",
    "905-бап. Тест\n1. Адамды\nзаңсыз ұстау -\nбір жылға дейінгі мерзімге\nбас бостандығын шектеуге жазаланады.",
    "Статья 905. Тест\n1. Незаконное удержание – наказывается ограничением свободы на срок до одного года.",
    "Статья 905. Тест\n1. Незаконное\nудержание, -\nнаказывается ограничением свободы\nна срок до одного года.",
])
def test_the_sanction_on_the_same_line_wrapped_or_after_a_hyphen(text):
    (part,) = parsed(text).article("905").parts
    assert part.disposition in ("Адамды заңсыз ұстау", "Незаконное удержание")
    assert part.sanction.penalty == penalty([{"kind": "restriction_of_freedom", "max": "1y"}])


BAD = [
    ("no heading", "Вымышленный текст без заголовков статей.\nНаказывается всё.\n",
     "text.txt:1: no article heading"),
    ("truncated", "Статья 905. Тест\n1. Деяние –\nнаказывается лишением свободы на срок до двух лет.\n2. То же деяние",
     "text.txt:4: 905.2: the part has no sanction"),
    ("cut mid-sentence", "Статья 905. Тест\n1. Деяние –\nнаказывается лишением свободы на срок до",
     "text.txt:3: 905: the text ends mid-sentence"),
    ("sanction", "Статья 905. Тест\n1. Деяние –\nнаказывается лишением свободы на срок до двух лет и выговором.",
     "text.txt:3: 905.1: cannot read the sanction at «и выговором.»"),
    ("kazakh sanction", "905-бап. Тест\n1. Әрекет –\nбес жылға дейінгі мерзімге сөгіс жариялауға жазаланады.",
     "text.txt:3: 905.1: cannot read the sanction at «сөгіс жариялауға жазаланады.»"),
    ("no empty article", "Статья 905. Тест\nСтатья 906. Тест\n1. Деяние –\nнаказывается арестом на срок до десяти суток.",
     "text.txt:1: 905: the article has no text"),
    ("parts out of order", "Статья 905. Тест\n2. Деяние –\nнаказывается арестом на срок до десяти суток.\n"
     "1. Деяние –\nнаказывается арестом на срок до десяти суток.", "text.txt:4: 905.1: part 1 comes after part 2"),
    ("part twice", "Статья 905. Тест\n1. Деяние –\nнаказывается арестом на срок до десяти суток.\n"
     "1. Деяние –\nнаказывается арестом на срок до десяти суток.", "text.txt:4: 905.1: part 1 appears twice"),
    ("items out of order", "Статья 905. Тест\n1. Деяние, совершенное:\n2) дважды;\n1) группой, –\n"
     "наказывается арестом на срок до десяти суток.", "text.txt:4: 905.1.1: item 1 comes after item 2"),
    ("article twice", "Статья 905. Тест\nДеяние –\nнаказывается арестом на срок до десяти суток.\n"
     "Статья 905. Тест\nДеяние –\nнаказывается арестом на срок до десяти суток.",
     "text.txt:4: 905: article 905 appears twice"),
    ("footnote of another article", "Статья 905. Тест\nСноска. Статья 906 с изменением, внесенным Законом РК от "
     "01.02.2029 № 997-IX.\nДеяние –\nнаказывается арестом на срок до десяти суток.",
     "text.txt:2: 905: the note names article 906 but stands under the heading of article 905"),
    ("kazakh dash", "905-бап. Тест\n1. Әрекет бес жылға дейінгі мерзімге бас бостандығынан айыруға жазаланады.",
     "text.txt:2: 905.1: cannot tell where the disposition ends"),
    ("only repealed parts", "Статья 905. Тест\nнаказывается арестом на срок до десяти суток.\n"
     "2. Исключена Законом РК от 01.02.2029 № 997-IX.", "text.txt:1: 905: every part of the article is repealed"),
]


@pytest.mark.parametrize("case, text, message", BAD, ids=[b[0] for b in BAD])
def test_bad_input_is_a_located_problem(case, text, message):
    problems = [str(f) for f in parsed(text).problems]
    assert any(p.startswith(message) for p in problems), problems


def test_the_file_name_names_the_article():
    text = "Статья 901. Тест\nДеяние –\nнаказывается арестом на срок до десяти суток."
    assert parsed(text, "art-901.txt").problems == []
    assert parsed(text, "901.htm").problems == []
    (problem,) = parsed(text, "art-905.txt").problems
    assert str(problem) == "art-905.txt:1: 905: the file is for article 905 but its heading says article 901"
    assert parsed(text, "K1400000226.txt").problems == []  # a whole-Code file names no article
    assert parsed(text, "2031-03-01.txt").problems == []  # nor does a date


def test_an_unread_commencement_rule_is_a_warning_not_a_guess():
    text = parsed("Статья 905. Тест\nСноска. Статья 905 с изменением, внесенным Законом РК от 01.02.2029 № 997-IX "
                  "(вводится в действие, когда наступит весна).\nДеяние –\nнаказывается арестом на срок до десяти суток.")
    assert text.problems == []
    (warning,) = text.warnings
    assert "commencement rule not read" in str(warning) and str(warning).startswith("text.txt:2: 905:")
    (note,) = text.article("905").amendments
    assert note.acts[0].commencement is None
    assert note.acts[0].commencement_text == "вводится в действие, когда наступит весна"
