"""The crime category is derived from the maximum through code.yaml's thresholds, never typed."""

import datetime as dt

from kb.category import derive, max_months
from kb.load import load
from kb.model import Penalty

from .conftest import edit

THRESHOLDS = """    categories:
      - {id: small, max_months: 2y}
      - {id: medium, max_months: 5y}
      - {id: grave, max_months: 12y}
      - {id: especially_grave, life: true}
"""


def penalty(*mains):
    return Penalty.model_validate({"main": [dict(m) for m in mains]})


def test_max_months():
    assert max_months(penalty({"kind": "imprisonment", "min": "4y", "max": "7y"})) == 84
    assert max_months(penalty({"kind": "fine"}, {"kind": "imprisonment", "max": "5y"})) == 60
    assert max_months(penalty({"kind": "life_imprisonment"})) == "life"
    assert max_months(penalty({"kind": "imprisonment", "max": "unknown"})) == "unknown"
    assert max_months("unknown") == "unknown"


def rules(kb, on=dt.date(2021, 1, 1)):
    from kb.snapshot import snapshots

    return snapshots(kb, on)[0].fact("crime_categories").version


def test_shipped_thresholds_are_unknown_so_the_category_is(kb):
    cat = derive(rules(kb), penalty({"kind": "imprisonment", "max": "7y"}))
    assert (cat.id, cat.reason) == ("unknown", "thresholds_unknown")


def test_thresholds_drive_the_category(kb_copy):
    edit(kb_copy / "statutes/kz/criminal-code/code.yaml", "    categories: unknown\n", THRESHOLDS)
    kb = load(kb_copy)
    r = rules(kb)

    def cat(months):
        return derive(r, penalty({"kind": "imprisonment", "max": months})).id

    assert cat("2y") == "small"
    assert cat("2y1m") == "medium"
    assert cat("5y") == "medium"
    assert cat("7y") == "grave"
    assert cat("12y") == "grave"
    assert cat("13y") == "especially_grave"
    assert derive(r, penalty({"kind": "life_imprisonment"})).id == "especially_grave"
    unknown = derive(r, penalty({"kind": "imprisonment", "max": "unknown"}))
    assert (unknown.id, unknown.reason) == ("unknown", "maximum_unknown")


def test_category_follows_the_penalty_through_the_cli(kb_copy, tipkb):
    edit(kb_copy / "statutes/kz/criminal-code/code.yaml", "    categories: unknown\n", THRESHOLDS)
    before = tipkb("penalty", "128.1", "--on", "2019-06-01", "--root", str(kb_copy), "--json").json()
    after = tipkb("penalty", "128.1", "--on", "2021-06-01", "--root", str(kb_copy), "--json").json()
    assert before["rows"][0]["penalty"]["category"]["id"] == "medium"  # max 5 years
    assert after["rows"][0]["penalty"]["category"]["id"] == "grave"  # max 7 years
