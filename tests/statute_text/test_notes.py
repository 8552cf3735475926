"""Amendment notes: the acts, what they did and to what, and each act's commencement rule as data."""

import datetime as dt

import pytest

from kb.statute_text.notes import Commencement, NoteProblem, Target, is_note, read_commencement, read_note

HERE = Target(element="article", article="901", part="2")


def note(text, lang="ru", context=HERE):
    result, unread = read_note(text, lang, 7, context)
    assert unread == []
    return result


def test_a_russian_footnote_with_two_acts():
    n = note("Сноска. Статья 901 с изменениями, внесенными законами РК от 15.03.2028 № 999-IX (вводится в действие "
             "по истечении десяти календарных дней после дня его первого официального опубликования); от 01.02.2029 "
             "№ 997-IX (вводится в действие с 01.07.2029).")
    assert (n.line, n.style, n.action, n.target) == (7, "footnote", "changed", Target(element="article", article="901"))
    assert [(a.date, a.number, a.commencement) for a in n.acts] == [
        (dt.date(2028, 3, 15), "999-IX", Commencement(kind="after_publication", days=10)),
        (dt.date(2029, 2, 1), "997-IX", Commencement(kind="date", date=dt.date(2029, 7, 1)))]


def test_a_kazakh_footnote_with_two_acts():
    n = note("Ескерту. 901-бапқа өзгерістер енгізілді – ҚР 15.03.2028 № 999-ІX (алғашқы ресми жарияланған күнінен "
             "кейін күнтізбелік он күн өткен соң қолданысқа енгізіледі); 01.02.2029 № 997-IX (01.07.2029 бастап "
             "қолданысқа енгізіледі) Заңдарымен.", "kk")
    assert (n.action, n.target.article) == ("changed", "901")
    assert [(a.number, a.commencement) for a in n.acts] == [
        ("999-IX", Commencement(kind="after_publication", days=10)),  # a Cyrillic І in the numeral, read as Latin
        ("997-IX", Commencement(kind="date", date=dt.date(2029, 7, 1)))]


@pytest.mark.parametrize("lang, text, action, target", [
    ("ru", "Сноска. Статья 901 в редакции Закона РК от 01.02.2029 № 997-IX.", "new_wording",
     Target(element="article", article="901")),
    ("ru", "Сноска. Статья 904 исключена Законом РК от 01.02.2029 № 997-IX.", "repealed",
     Target(element="article", article="904")),
    ("ru", "Сноска. Заголовок статьи 901 в редакции Закона РК от 01.02.2029 № 997-IX.", "new_wording",
     Target(element="title", article="901")),
    ("ru", "Сноска. Статья 901 с изменениями и дополнениями, внесенными Законом РК от 01.02.2029 № 997-IX.", "changed",
     Target(element="article", article="901")),
    ("ru", "Часть 3 изложена в редакции Закона РК от 20.06.30 г. № 995-IX (см. стар. ред.)", "new_wording",
     Target(element="part", article="901", part="3")),
    ("ru", "Подпункт 1 изложен в редакции Закона РК от 27.12.29 г. № 995-IX (см. стар. ред.)", "new_wording",
     Target(element="item", article="901", part="2", item="1")),
    ("ru", "Часть дополнена пунктом 5 в соответствии с Законом РК от 30.12.30 г. № 996-IX", "added",
     Target(element="item", article="901", part="2", item="5")),
    ("ru", "Статья дополнена частью 3-2 в соответствии с Законом РК от 27.12.29 г. № 995-IX", "added",
     Target(element="part", article="901", part="3-2")),
    ("ru", "Примечание изложено в редакции Закона РК от 01.02.2029 № 997-IX", "new_wording",
     Target(element="note", article="901")),
    ("kk", "Ескерту. 901-баптың 2-бөлігі жаңа редакцияда – ҚР 01.02.2029 № 997-IX Заңымен.", "new_wording",
     Target(element="part", article="901", part="2")),
    ("kk", "Ескерту. 901-баптың 2-бөлігінің 3) тармағы алып тасталды – ҚР 01.02.2029 № 997-IX Заңымен.", "repealed",
     Target(element="item", article="901", part="2", item="3")),
    ("kk", "Ескерту. 901-бап 3-1-бөлікпен толықтырылды – ҚР 01.02.2029 № 997-IX Заңымен.", "added",
     Target(element="part", article="901", part="3-1")),
    ("kk", "Ескерту. 901-баптың тақырыбы жаңа редакцияда – ҚР 01.02.2029 № 997-IX Заңымен.", "new_wording",
     Target(element="title", article="901")),
])
def test_what_each_note_did_and_to_what(lang, text, action, target):
    n = note(text, lang)
    assert (n.action, n.target) == (action, target)


def test_an_items_own_note_takes_the_item_from_where_it_stands():
    here = Target(element="item", article="901", part="2", item="3")
    n = note("исключен в соответствии с Законом РК от 30.12.30 г. № 996-IX (см. стар. ред.)", context=here)
    assert (n.action, n.target, n.acts[0].date, n.acts[0].commencement_text) == (
        "repealed", here, dt.date(2030, 12, 30), None)


@pytest.mark.parametrize("lang, text, expected", [
    ("ru", "вводится в действие по истечении шестидесяти календарных дней после дня его первого официального "
           "опубликования", Commencement(kind="after_publication", days=60)),
    ("ru", "вводится в действие по истечении шести месяцев после дня его первого официального опубликования",
     Commencement(kind="after_publication", months=6)),
    ("ru", "вводится в действие со дня его первого официального опубликования", Commencement(kind="on_publication")),
    ("ru", "порядок введения в действие см. ст. 2", Commencement(kind="see_article", article="2")),
    ("kk", "алғашқы ресми жарияланған күнінен кейін күнтізбелік алпыс күн өткен соң қолданысқа енгізіледі",
     Commencement(kind="after_publication", days=60)),
    ("kk", "алғашқы ресми жарияланғанынан кейiн күнтiзбелiк он күн өткен соң қолданысқа енгiзiледi",
     Commencement(kind="after_publication", days=10)),
    ("kk", "алғашқы ресми жарияланған күнінен кейін алты ай өткен соң қолданысқа енгізіледі",
     Commencement(kind="after_publication", months=6)),
    ("kk", "алғашқы ресми жарияланған күнінен бастап қолданысқа енгізіледі", Commencement(kind="on_publication")),
    ("kk", "2016.01.01 бастап қолданысқа енгізіледі", Commencement(kind="date", date=dt.date(2016, 1, 1))),
    ("kk", "қолданысқа енгізілу тәртібін 2-баптан қараңыз", Commencement(kind="see_article", article="2")),
    ("ru", "вводится в действие, когда наступит весна", None),
])
def test_commencement_rules(lang, text, expected):
    assert read_commencement(text, lang) == expected


def test_old_style_act_references():
    n = note("Ескерту. 901-бапқа өзгеріс енгізілді - ҚР 2011.11.09 N 490-IV Заңымен.", "kk")
    assert (n.acts[0].date, n.acts[0].number) == (dt.date(2011, 11, 9), "490-IV")


@pytest.mark.parametrize("text, message", [
    ("Сноска. Статья 901 с изменениями.", "names no act"),
    ("Сноска. Статья 901 от 31.02.2029 № 997-IX.", "is not a date"),
    ("Сноска. Смотри Закон РК от 01.02.2029 № 997-IX.", "does not say what the act did"),
])
def test_notes_that_cannot_be_read(text, message):
    with pytest.raises(NoteProblem, match=message):
        read_note(text, "ru", 1, HERE)


@pytest.mark.parametrize("text, expected", [
    ("Сноска. Статья 901 с изменениями", True),
    ("Ескерту. 901-бапқа өзгеріс енгізілді", True),
    ("Часть 3 изложена в редакции Закона РК от 20.06.30 г. № 995-IX", True),
    ("Часть третья настоящей статьи применяется к лицам ...", False),
    ("1) в отношении двух или более лиц;", False),
])
def test_which_lines_are_notes(text, expected):
    assert is_note(text) is expected


@pytest.mark.parametrize("lang, text, part", [
    ("ru", "Часть вторая статьи 901 изложена в редакции Закона РК от 01.02.2029 № 997-IX", "2"),
    ("ru", "Абзац первый части третьей исключен Законом РК от 01.02.2029 № 997-IX", "3"),
    ("kk", "Ескерту. 901-баптың екінші бөлігі жаңа редакцияда – ҚР 01.02.2029 № 997-IX Заңымен.", "2"),
])
def test_parts_named_by_ordinal_words(lang, text, part):
    assert note(text, lang).target.part == part


def test_a_note_outside_any_article_names_no_article():
    n = note("Сноска. Оглавление исключено Законом РК от 02.07.2031 № 998-IX.", context=Target(element="other"))
    assert (n.action, n.target) == ("repealed", Target(element="other"))
