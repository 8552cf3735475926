"""Penalties written in the Code's wording, Russian and Kazakh, read back to the same penalty."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kb.model import Penalty, format_months
from kb.statute_text.numbers import fold
from kb.statute_text.render import render_sanction
from kb.statute_text.sanction import read_sanction

from .texts import fixture, parsed

months = st.integers(min_value=1, max_value=360)
counts = st.integers(min_value=1, max_value=20_000)


@st.composite
def bounds(draw, values, exact=True):
    hi = draw(values)
    lo = draw(st.one_of(st.none(), st.integers(min_value=1, max_value=hi)))
    if lo == hi and not exact:
        lo = None
    return lo, hi


@st.composite
def main_punishment(draw, kind):
    if kind == "life_imprisonment":
        return {"kind": kind}
    unit = {"fine": "mci", "community_service": "hours",
            "correctional_labour": draw(st.sampled_from(["mci", "months"])),
            "arrest": draw(st.sampled_from(["days", "months"]))}.get(kind, "months")
    if unit == "months":
        lo, hi = draw(bounds(months))
        return {"kind": kind, "min": None if lo is None else format_months(lo), "max": format_months(hi)}
    lo, hi = draw(bounds(counts if unit != "days" else st.integers(1, 90), exact=unit != "days"))
    return {"kind": kind, "amount": {"unit": unit, "min": lo, "max": hi}}


@st.composite
def penalties(draw):
    kinds = draw(st.lists(st.sampled_from(["imprisonment", "restriction_of_freedom", "fine", "correctional_labour",
                                           "community_service", "arrest", "life_imprisonment"]),
                          min_size=1, max_size=4, unique=True))
    main = [draw(main_punishment(k)) for k in kinds]
    if draw(st.booleans()) and main[-1].get("max") and main[-1]["kind"] == "restriction_of_freedom":
        main.append({**main[-1], "kind": "imprisonment"})  # "на тот же срок" / "сол мерзімге"
    additional = []
    if draw(st.booleans()):
        additional.append({"kind": "confiscation", "mandatory": draw(st.booleans())})
    if draw(st.booleans()):
        term = draw(st.one_of(st.just("life"), months.map(format_months)))
        additional.append({"kind": "ban", "mandatory": draw(st.booleans()), "term": term})
    return Penalty.model_validate({"main": main, "additional": additional})


@settings(max_examples=300, deadline=None)
@given(penalties(), st.sampled_from(["ru", "kk"]))
def test_a_rendered_penalty_reads_back_the_same(penalty, lang):
    text = render_sanction(penalty, lang)
    back = read_sanction(text, lang)
    assert back.error is None, (text, back.error)
    assert back.penalty == penalty, text


# Where the fixtures word a sanction otherwise than the renderer: optional commas, "сроком" for "на срок", and a
# confiscation written with one alternative only (the model holds additional punishments for the whole part).
VARIANTS = {"ru": {"902.1", "902.2", "902-1.2", "902-1.3"}, "kk": {"902-1.2"}}


@pytest.mark.parametrize("name, lang", [("ru-code.txt", "ru"), ("kk-code.txt", "kk")])
def test_the_renderer_writes_the_codes_wording(name, lang):
    differ = set()
    for article in parsed(fixture(name)).articles:
        for part in article.parts:
            if part.sanction and part.sanction.penalty:
                wording = fold(part.sanction.text).replace("наказываются", "наказывается")
                if fold(render_sanction(part.sanction.penalty, lang)) != wording:
                    differ.add(f"{article.number}.{part.id}")
    assert differ == VARIANTS[lang]


@pytest.mark.parametrize("penalty", [
    {"main": "unknown"},
    {"main": []},
    {"main": [{"kind": "imprisonment", "max": "unknown"}]},
    {"main": [{"kind": "imprisonment", "max": "5y"}], "additional": [{"kind": "confiscation", "mandatory": "unknown"}]},
])
def test_what_has_no_wording(penalty):
    with pytest.raises(ValueError):
        render_sanction(Penalty.model_validate(penalty), "ru")
