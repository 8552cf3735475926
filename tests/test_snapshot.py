"""One view of the law at a point: readings of a date, act points, last known values, conflicts, structure."""

import datetime as dt

import pytest

from kb.errors import BadInput
from kb.load import load
from kb.snapshot import Snapshot, act_point, points
from kb.timeline import check_point, parse_date

from .minikb import ART_500, write_kb

D = dt.date

OTHER = """
article: "600"
code: kz-cc
titles: [{act: law-a, title: {en: other}, sources: [{ref: t1}], confidence: official}]
parts:
  - id: "1"
    versions:
      - {act: law-a, summary: a, penalty: {main: [{kind: imprisonment, max: 2y}]}, sources: [{ref: t1}], confidence: official}
      - {act: law-w, summary: c, penalty: {main: [{kind: imprisonment, max: 4y}]}, sources: [{ref: t1}], confidence: official}
  - id: "2"
    versions:
      - {act: law-a, summary: a, penalty: {main: [{kind: imprisonment, max: 2y}]}, sources: [{ref: t1}], confidence: official}
      - {act: law-v, summary: b, penalty: {main: [{kind: imprisonment, max: 3y}]}, sources: [{ref: t1}], confidence: official}
"""


@pytest.fixture
def kb(tmp_path):
    return load(write_kb(tmp_path, {"500": ART_500, "600": OTHER}))


def penalty_max(snap, article, part="1"):
    v = snap.article(article).parts[part].version
    return None if v is None else v.penalty.main[0].max if v.penalty != "unknown" else "unknown"


def test_a_certain_date_is_one_point(kb):
    [p] = points(kb, D(2018, 6, 1))
    assert p.assumed == ()
    assert penalty_max(Snapshot(kb, p), "500") == 84


def test_version_starts_on_its_first_day(kb):
    assert penalty_max(Snapshot(kb, points(kb, D(2017, 12, 31))[0]), "500") == 60
    assert penalty_max(Snapshot(kb, points(kb, D(2018, 1, 1))[0]), "500") == 84


def test_readings_only_for_windowed_acts_that_touch_what_is_read(kb):
    # 2019-06-01 lies inside the windows of law-w and law-v, which touch only Art. 600
    assert len(points(kb, D(2019, 6, 1), ["500"])) == 1
    readings = points(kb, D(2019, 6, 1), ["600"])
    assert [[(a.act, a.in_force) for a in p.assumed] for p in readings] == [
        [("law-w", False), ("law-v", False)], [("law-w", False), ("law-v", True)],
        [("law-w", True), ("law-v", False)], [("law-w", True), ("law-v", True)]]
    assert [(penalty_max(Snapshot(kb, p), "600"), penalty_max(Snapshot(kb, p), "600", "2")) for p in readings] == [
        (24, 24), (24, 36), (48, 24), (48, 36)]


def test_the_last_day_of_a_window_is_certain(kb):
    assert len(points(kb, D(2019, 12, 31), ["600"])) == 1
    assert len(points(kb, D(2019, 12, 30), ["600"])) == 2


def test_reading_an_undeclared_article_inside_a_window_is_a_bug(kb):
    snap = Snapshot(kb, points(kb, D(2019, 6, 1), ["500"])[0])
    with pytest.raises(AssertionError, match="does not decide"):
        snap.article("600")


def test_act_points_apply_acts_in_order_whatever_their_windows(kb):
    before, with_w = act_point(kb, "law-w", before=True), act_point(kb, "law-w")
    assert "law-w" not in before.applied and "law-w" in with_w.applied and "law-b" in before.applied
    assert penalty_max(Snapshot(kb, with_w), "600") == 48


def test_repealed_item_is_not_in_force(kb):
    snap = Snapshot(kb, points(kb, D(2017, 1, 1))[0])
    assert snap.article("500").parts["2"].items["2"].version is not None
    later = Snapshot(kb, points(kb, D(2018, 1, 1))[0])
    assert later.article("500").parts["2"].items["2"].version is None


def test_unknown_value_comes_with_the_last_known_one(kb):
    [snap] = [Snapshot(kb, p) for p in points(kb, D(2025, 1, 1))]
    part = snap.article("500").parts["1"]
    assert part.version.penalty == "unknown"
    [lk] = part.at.unknowns(("penalty", "penalty.main"))  # the parent says it; no second entry
    assert lk.field == "penalty" and lk.act == "law-b" and lk.value["main"][0]["max"] == 84
    assert lk.since.act == "law-p" and lk.since.latest == D(2024, 9, 30)
    assert lk.known_from.earliest == D(2018, 1, 1) and lk.grade == "official"


def test_a_known_value_has_no_last_known(kb):
    snap = Snapshot(kb, points(kb, D(2018, 6, 1))[0])
    assert snap.article("500").parts["1"].at.unknowns(("penalty", "summary")) == []


def test_conflicting_claim_loses_on_grade_and_is_kept(kb):
    snap = Snapshot(kb, points(kb, D(2025, 1, 1))[0])
    penalty, grade, sources, conflicts = snap.article("500").parts["1"].penalty
    assert penalty == "unknown" and grade == "reported" and sources == ["news"]
    [c] = conflicts
    assert c.won_by == "grade" and c.grade == "inferred" and c.sources == ["news2"]


@pytest.mark.parametrize("claim, winner, reason", [
    # same grade: more independent sources win; a reprint of the same report is not independent, so the date
    # decides between one report and one report
    ("[{ref: news2}, {ref: news2b}]", "theirs", "date"),
    ("[{ref: news2}, {ref: sec}]", "theirs", "independent sources"),
    # same grade and as many sources: the later date wins
    ("[{ref: news2}]", "theirs", "date"),
])
def test_conflict_rule(tmp_path, claim, winner, reason):
    art = ART_500.replace("""            sources: [{ref: news2}]
            confidence: inferred
            basis: the paper restates the law before law-p""", f"""            sources: {claim}
            confidence: reported""")
    kb = load(write_kb(tmp_path, {"500": art}))
    penalty, _, _, [c] = Snapshot(kb, points(kb, D(2025, 1, 1))[0]).article("500").parts["1"].penalty
    assert c.won_by == reason
    assert (penalty == "unknown") == (winner == "mine")


def test_structure_says_what_a_missing_part_is(kb):
    art = Snapshot(kb, points(kb, D(2025, 1, 1))[0]).article("500")
    assert art.status("1") == "in_force" and art.status("3") == "not_encoded"
    assert art.status("9") == "unknown_if_exists" and not art.whole
    early = Snapshot(kb, points(kb, D(2016, 1, 1))[0]).article("600")
    assert early.status("3") == "unknown_if_exists"  # no structure at all: never "absent"


def test_structure_that_shows_the_whole_article_can_exclude_a_part(tmp_path):
    art = ART_500.replace('parts: ["1", "2", "3"], sources', 'parts: ["1", "2"], all: true, sources')
    kb = load(write_kb(tmp_path, {"500": art}))
    a = Snapshot(kb, points(kb, D(2016, 1, 1))[0]).article("500")
    assert a.status("3") == "absent" and a.whole


def test_reported_figures_describe_the_law_from_their_act(kb):
    early = Snapshot(kb, points(kb, D(2018, 1, 1))[0]).article("500")
    late = Snapshot(kb, points(kb, D(2025, 1, 1))[0]).article("500")
    assert [r.scope for r in early.reported] == ["aggravated"]
    assert [r.scope for r in late.reported] == ["article", "aggravated"]


def test_general_part_facts_are_read_alike(kb):
    snap = Snapshot(kb, points(kb, D(2020, 1, 1))[0])
    assert snap.fact("age_of_majority").version.value == 18
    assert snap.fact("no-such-fact").version is None


def test_dates():
    assert parse_date("2021-06-01") == D(2021, 6, 1)
    with pytest.raises(BadInput, match="2021-02-30 is not a day of the calendar"):
        parse_date("2021-02-30")
    for other in ("20210601", "2021-W22-2", "2021-6-1", "٢٠٢١-٠٦-٠١"):  # forms fromisoformat reads, or half of them
        with pytest.raises(BadInput, match="expected a date YYYY-MM-DD"):
            parse_date(other)


def test_dates_before_the_code_are_refused(kb):
    with pytest.raises(BadInput, match="before 2015-01-01"):
        check_point(kb, D(2014, 12, 31))


def test_a_point_serialises_what_it_is_not_its_internal_set(kb):
    p = points(kb, D(2019, 6, 1), ["600"])[1]
    assert p.model_dump(mode="json") == {"kind": "date", "on": "2019-06-01", "act": None, "assumed": [
        {"act": "law-w", "in_force": False}, {"act": "law-v", "in_force": True}]}
