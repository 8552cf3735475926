"""Point-in-time selection at version boundaries, windows and repeals."""

import datetime as dt

import pytest

from kb.errors import BadInput
from kb.model import Act, ItemVersion, SourceRef
from kb.timeline import at, check_on, parse_date

SRC = [SourceRef(ref="x")]


def act(id_, in_force):
    return Act(id=id_, number=id_, title={"en": id_}, signed=dt.date(2014, 1, 1), in_force=in_force,
               sources=SRC, confidence="official")


ACTS = {
    "base": act("base", dt.date(2015, 1, 1)),
    "exact": act("exact", dt.date(2020, 1, 10)),
    "window": act("window", {"earliest": "2020-01-01", "latest": "2020-06-30", "basis": "test"}),
}


def v(act_id, **kw):
    return ItemVersion(act=act_id, sources=SRC, confidence="official", summary=act_id, **kw)


D = dt.date


def test_exact_boundary():
    versions = [v("base"), v("exact")]
    assert at(versions, D(2020, 1, 9), ACTS).versions == [versions[0]]
    assert at(versions, D(2020, 1, 10), ACTS).versions == [versions[1]]  # in force on its first day
    assert at(versions, D(2014, 12, 31), ACTS).versions == [None]


def test_window_is_ambiguous_inside_and_plain_outside():
    versions = [v("base"), v("window")]
    assert at(versions, D(2019, 12, 31), ACTS).versions == [versions[0]]
    inside = at(versions, D(2020, 3, 1), ACTS)
    assert inside.ambiguous and inside.versions == versions
    assert [s.act for s in inside.pending] == ["window"]
    assert at(versions, D(2020, 6, 30), ACTS).versions == [versions[1]]  # the latest day is certain


def test_repealed_version_means_not_in_force():
    versions = [v("base"), v("exact", repealed=True)]
    assert at(versions, D(2021, 1, 1), ACTS).versions == [None]
    r = at([v("base"), v("window", repealed=True)], D(2020, 2, 1), ACTS)
    assert r.ambiguous and r.versions[1] is None


def test_explicit_from_overrides_the_act():
    versions = [v("base"), v("exact", **{"from": "2020-02-01"})]
    assert at(versions, D(2020, 1, 15), ACTS).versions == [versions[0]]
    assert at(versions, D(2020, 2, 1), ACTS).versions == [versions[1]]


def test_dates():
    assert parse_date("2021-06-01") == D(2021, 6, 1)
    with pytest.raises(BadInput, match="not a valid date"):
        parse_date("2021-02-30")
    with pytest.raises(BadInput, match="before 2015-01-01"):
        check_on(D(2014, 12, 31), ACTS, "base")
