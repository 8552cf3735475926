"""A punishment counted in MCI, hours or days (kb.model.Amount): it loads, and a wrong one is a located error."""

import pytest

from kb.errors import InvalidKB
from kb.load import load
from kb.model import MainPunishment

from .minikb import write_kb

ARTICLE = """
article: "900"
code: kz-cc
titles:
  - {act: law-a, title: {en: T}, sources: [{ref: t1}], confidence: official}
parts:
  - id: "1"
    versions:
      - act: law-a
        summary: s
        penalty:
          main:
            - {kind: fine, amount: {unit: mci, min: 300, max: 500}}
            - {kind: correctional_labour, amount: {unit: mci, max: 500}}
            - {kind: community_service, amount: {unit: hours, max: 240}}
            - {kind: arrest, amount: {unit: days, max: 50}}
            - {kind: restriction_of_freedom, max: 1y}
        sources: [{ref: t1}]
        confidence: official
"""


def test_amounts_load(tmp_path):
    write_kb(tmp_path, {"900": ARTICLE})
    main = load(tmp_path).articles["900"].parts[0].versions[0].penalty.main
    assert [(m.kind, m.amount and (m.amount.unit, m.amount.min, m.amount.max), m.max) for m in main] == [
        ("fine", ("mci", 300, 500), None), ("correctional_labour", ("mci", None, 500), None),
        ("community_service", ("hours", None, 240), None), ("arrest", ("days", None, 50), None),
        ("restriction_of_freedom", None, 12)]


@pytest.mark.parametrize("bad, message", [
    ("{kind: fine, amount: {unit: hours, max: 500}}", "fine is not counted in hours"),
    ("{kind: imprisonment, amount: {unit: days, max: 5}}", "imprisonment is not counted in days"),
    ("{kind: fine, max: 2y, amount: {unit: mci, max: 500}}", "either a term in months (min, max) or an amount"),
    ("{kind: fine, amount: {unit: mci, min: 600, max: 500}}", "min 600 mci is above max 500 mci"),
    ("{kind: fine, amount: {unit: mci, max: 0}}", "greater than 0"),
    ("{kind: fine, amount: {unit: tenge, max: 5}}", "'mci', 'hours' or 'days'"),
])
def test_a_wrong_amount_is_a_located_error(tmp_path, bad, message):
    write_kb(tmp_path, {"900": ARTICLE.replace("{kind: fine, amount: {unit: mci, min: 300, max: 500}}", bad)})
    with pytest.raises(InvalidKB) as e:
        load(tmp_path)
    (finding,) = [f for f in e.value.findings if message in f.message]
    assert finding.file.endswith("art-900.yaml") and finding.line == 13
    assert "penalty.main[0]" in finding.key


def test_unknown_figures_in_an_amount():
    m = MainPunishment.model_validate({"kind": "fine", "amount": {"unit": "mci", "max": "unknown"}})
    assert m.amount.max == "unknown"
