"""Bytes in: text in any of its encodings, HTML and .docx all give the same lines; bad files are refused."""

import datetime as dt
import importlib

import pytest

from kb.errors import InvalidKB
from kb.statute_text import parse, read

from .texts import as_docx, as_html, docx_with, fixture, parsed, penalty_rows

RU = fixture("ru-code.txt")
KK = fixture("kk-code.txt")


def texts(doc):
    return [line.text for line in doc.lines]


@pytest.mark.parametrize("encode", [
    lambda t: t.encode("utf-8"),
    lambda t: b"\xef\xbb\xbf" + t.encode("utf-8"),
    lambda t: t.encode("cp1251"),
    lambda t: t.encode("utf-16"),
    lambda t: t.replace("\n", "\r\n").encode("utf-8"),
])
def test_encodings_of_a_russian_text_give_the_same_lines(encode):
    assert texts(read(encode(RU), "ru.txt")) == texts(read(RU.encode("utf-8"), "ru.txt"))


def test_lines_keep_their_numbers_and_lose_blank_lines_and_indentation():
    doc = read(RU.encode("utf-8"), "ru.txt")
    numbered = {line.number: line.text for line in doc.lines}
    assert numbered[10] == "Статья 901. Незаконная добыча редких минералов"
    assert 11 not in numbered  # blank


def test_undecodable_bytes_are_refused_with_the_file_named():
    with pytest.raises(InvalidKB) as e:
        read(b"\x98\x98\x98 \xff\xfe\x00garbage", "bad.txt")
    assert str(e.value).startswith("bad.txt:")


@pytest.mark.parametrize("source", [RU, KK])
def test_an_html_page_reads_as_its_text(source):
    page = as_html(source)
    doc = read(page, "page.html")
    assert doc.format == "html"
    lines = texts(doc)
    assert "Статья 999. Не статья" not in lines and not any("var x" in t for t in lines)  # head and script dropped
    assert penalty_rows(parse(doc)) == penalty_rows(parsed(source))
    assert parse(doc).problems == []


def test_html_entities_breaks_and_source_lines():
    page = ("<html><body>\n<h3>Статья&nbsp;901. Незаконная добыча</h3>\n<div>1. Добыча минералов &ndash;<br>"
            "наказывается лишением свободы на срок до двух лет.</div>\n<p>&laquo;сноска&raquo; &#1089;</p>"
            "</body></html>").encode("utf-8")
    doc = read(page, "a.html")
    assert [(line.number, line.text) for line in doc.lines] == [
        (2, "Статья 901. Незаконная добыча"), (3, "1. Добыча минералов –"),
        (3, "наказывается лишением свободы на срок до двух лет."), (4, "«сноска» с")]


def test_an_html_page_in_cp1251_that_says_so():
    page = '<html><head><meta charset="windows-1251"></head><body><p>Статья 901. Тест</p></body></html>'
    assert texts(read(page.encode("cp1251"), "a.htm")) == ["Статья 901. Тест"]


@pytest.mark.parametrize("source", [RU, KK])
def test_a_docx_reads_as_its_text(source):
    doc = read(as_docx(source), "code.docx")
    assert doc.format == "docx"
    assert penalty_rows(parse(doc)) == penalty_rows(parsed(source))
    heading = next(line for line in doc.lines if line.text.startswith(("Статья 901.", "901-бап.")))
    assert heading.number == 10  # the paragraph's number in the document


def test_a_docx_line_break_splits_a_paragraph():
    xml = ('<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
           '<w:p><w:r><w:t>Статья 901.</w:t><w:tab/><w:t>Тест</w:t><w:br/><w:t>1. Часть</w:t></w:r></w:p>'
           '<w:p><w:r><w:delText>удалено</w:delText></w:r></w:p></w:body></w:document>')
    assert [(line.number, line.text) for line in read(docx_with(xml), "a.docx").lines] == [
        (1, "Статья 901. Тест"), (1, "1. Часть")]


def test_a_zip_bomb_is_refused(monkeypatch):
    monkeypatch.setattr(importlib.import_module("kb.statute_text.read"), "DOCX_LIMIT", 1000)
    with pytest.raises(InvalidKB, match="over the limit"):
        read(as_docx(RU), "big.docx")


@pytest.mark.parametrize("data, message", [
    (docx_with('<!DOCTYPE x [<!ENTITY a "aaaa">]><w:document/>'), "DOCTYPE"),
    (docx_with("<w:document"), "not well-formed"),
    (b"PK\x03\x04 not really a zip", "damaged"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", ".doc file"),
    (b"%PDF-1.7", "PDF"),
    (b"   \n\n", "no text"),
])
def test_files_that_are_not_texts_of_the_code(data, message):
    with pytest.raises(InvalidKB, match=message):
        read(data, "x")


def test_a_zip_that_is_not_a_docx():
    import io
    import zipfile
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("content.xml", "<x/>")
    with pytest.raises(InvalidKB, match="without word/document.xml"):
        read(buffer.getvalue(), "x.docx")


def test_language_is_detected_and_can_be_overridden():
    assert read(RU.encode(), "a").lang == "ru"
    assert read(KK.encode(), "a").lang == "kk"
    # no heading: the Kazakh letters decide
    assert read("мүлкі тәркіленіп, бес жылға дейінгі мерзімге".encode(), "a").lang == "kk"
    assert read("наказывается лишением свободы".encode(), "a").lang == "ru"
    forced = read(RU.encode(), "a", lang="kk")
    assert forced.lang == "kk"
    assert any("heading is Russian in a Kazakh text" in f.message for f in parse(forced).warnings)


@pytest.mark.parametrize("line, date", [
    ("(с изменениями и дополнениями по состоянию на 01.03.2031 г.)", dt.date(2031, 3, 1)),
    ("Уголовный кодекс по состоянию на 5 января 2030 года", dt.date(2030, 1, 5)),
    ("(01.03.2031 жағдай бойынша өзгерістер мен толықтыруларымен)", dt.date(2031, 3, 1)),
    ("(2031.03.01. берілген өзгерістер мен толықтыруларымен)", dt.date(2031, 3, 1)),
    ("2030 жылғы 5 қаңтардағы жағдай бойынша", dt.date(2030, 1, 5)),
])
def test_the_edition_date_from_the_texts_own_words(line, date):
    doc = read(f"Заголовок\n{line}\nСтатья 901. Тест".encode(), "a")
    assert (doc.edition, doc.edition_line) == (date, 2)


def test_no_edition_date_is_invented():
    assert read("Статья 901. Тест\nбез даты".encode(), "a").edition is None
    with pytest.raises(InvalidKB, match="a:2: the text says it is as of «по состоянию на 31.02.2031», which is not a"):
        read("Статья 901. Тест\nпо состоянию на 31.02.2031".encode(), "a")
