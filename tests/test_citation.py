"""Citations in the dotted, Russian and Kazakh forms; hyphenated articles told apart from hyphenated parts."""

import pytest

from kb.citation import Citation, parse
from kb.errors import BadInput


@pytest.mark.parametrize("text, expected", [
    ("128", Citation("128")),
    ("135.2.7", Citation("135", "2", "7")),
    ("125-1", Citation("125-1")),
    ("125-1.2", Citation("125-1", "2")),
    ("120.3-1", Citation("120", "3-1")),
    ("128.cross-border", Citation("128", "cross-border")),
    ("ст. 125-1 ч. 2", Citation("125-1", "2")),
    ("ст. 135 ч. 2 п. 7", Citation("135", "2", "7")),
    ("статья 128, часть 1", Citation("128", "1")),
    ("п. 7 ч. 2 ст. 135 УК РК", Citation("135", "2", "7")),
    ("ч. 3-1 ст. 120", Citation("120", "3-1")),
    ("135-бабының 2-бөлігінің 7) тармағы", Citation("135", "2", "7")),
    ("ҚК-нің 128-бабы", Citation("128")),
])
def test_parse(text, expected):
    assert parse(text) == expected


@pytest.mark.parametrize("text", ["", "128.", "ст.", "art 128", "128.2.3.4", "abc"])
def test_refused(text):
    with pytest.raises(BadInput, match="not a citation"):
        parse(text)


def test_forms():
    c = Citation("135", "2", "7")
    assert c.russian() == "ст. 135 ч. 2 п. 7" and str(c) == "135.2.7"
    assert c.kazakh() == "ҚК-нің 135-бабының 2-бөлігінің 7) тармағы"
    assert Citation("135", "2").russian(["1", "7"]) == "ст. 135 ч. 2 п. 1, 7"
    assert Citation("135", "2").kazakh(["1", "7"]) == "ҚК-нің 135-бабының 2-бөлігінің 1), 7) тармақтары"
    assert Citation("128", "1").kazakh() == "ҚК-нің 128-бабының 1-бөлігі"
    assert Citation("125-1").kazakh() == "ҚК-нің 125-1-бабы"
    for c in (Citation("125-1", "2"), Citation("120", "3-1"), Citation("135", "2", "7")):
        assert parse(c.russian()) == c and parse(str(c)) == c and parse(c.kazakh()) == c
