"""Number words in the case forms a sanction uses, and back."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kb.statute_text.numbers import fold, kk_words, parse_number, ru_words


@pytest.mark.parametrize("phrase, value", [
    ("четырех", 4), ("семи", 7), ("двенадцати", 12), ("одного", 1), ("одной", 1), ("двухсот", 200),
    ("трехсот", 300), ("трёхсот", 300), ("пятисот", 500), ("двадцать пять", 25), ("двадцати пяти", 25),
    ("сто пятьдесят", 150), ("ста пятидесяти", 150), ("двухсот сорока", 240), ("двух тысяч", 2000),
    ("одной тысячи пятисот", 1500), ("пятьюдесятью", 50), ("восьмидесяти", 80), ("девяноста", 90),
    ("сорока", 40), ("двумястами", 200), ("четырехстах", 400), ("четырьмястами", 400), ("шестистам", 600), ("тысяча", 1000),
    ("пяти тысяч", 5000), ("120", 120),
])
def test_russian_number_words_in_every_case(phrase, value):
    assert parse_number(phrase, "ru") == value


@pytest.mark.parametrize("phrase, value", [
    ("төрт", 4), ("жеті", 7), ("жетi", 7), ("он екі", 12), ("бір", 1), ("екі жүз", 200), ("жиырма бес", 25),
    ("жүз елу", 150), ("бір мыңнан", 1000), ("екі мың бес жүз", 2500), ("үш жүзден", 300), ("алпыс", 60),
    ("оннан", 10), ("елуге", 50), ("бес мың", 5000),
])
def test_kazakh_number_words_with_and_without_a_case_ending(phrase, value):
    assert parse_number(fold(phrase), "kk") == value


@pytest.mark.parametrize("phrase, lang", [("пятилетний", "ru"), ("онсыз", "kk"), ("бес жыл", "kk"), ("", "ru")])
def test_what_is_not_a_number(phrase, lang):
    assert parse_number(fold(phrase), lang) is None


@given(st.integers(min_value=1, max_value=999_999))
def test_written_numbers_read_back(n):
    assert parse_number(ru_words(n, "gen"), "ru") == n
    assert parse_number(ru_words(n, "nom"), "ru") == n
    assert parse_number(kk_words(n), "kk") == n
    assert parse_number(kk_words(n, ablative=True), "kk") == n


def test_russian_genitive_agrees_with_thousands():
    assert (ru_words(2000), ru_words(1000), ru_words(21), ru_words(2, "nom")) == (
        "двух тысяч", "одной тысячи", "двадцати одного", "два")
