"""The shipped KB says what the research says, at the grade it supports (issue 12's checks on the real data;
the rules behind them are tested on mini KBs in test_snapshot, test_show, test_diff and test_provenance)."""

import datetime as dt

import pytest

from kb.acts import resolve
from kb.audit import audit
from kb.citation import Citation
from kb.diff import diff
from kb.errors import NotFound
from kb.show import penalty, show

D = dt.date


def part(kb, article, on, pid="1"):
    return [r for r in penalty(kb, Citation(article), on).rows if r.part == pid]


def imprisonment(row):
    (m,) = [m for m in row.penalty.penalty.main if m.kind == "imprisonment"]
    return m.min, m.max


def test_128_part1_before_and_after_292_VI(kb):
    (row,) = part(kb, "128", D(2019, 6, 1))
    assert imprisonment(row) == (36, 60) and row.version.act == "kz-law-226-V" and row.penalty.grade == "reported"
    (row,) = part(kb, "128", D(2021, 6, 1))
    assert imprisonment(row) == (48, 84) and row.version.act == "kz-law-292-VI" and row.penalty.grade == "reported"


def test_135_part1_before_and_after_292_VI(kb):
    assert imprisonment(part(kb, "135", D(2019, 6, 1))[0]) == (60, 84)
    assert imprisonment(part(kb, "135", D(2021, 6, 1))[0]) == (60, 108)


def test_inside_the_292_VI_window_both_readings(kb):
    rows = part(kb, "128", D(2020, 3, 1))
    assert [imprisonment(r) for r in rows] == [(36, 60), (48, 84)]
    assert [[(a.act, a.in_force) for a in r.readings[0]] for r in rows] == [
        [("kz-law-292-VI", False)], [("kz-law-292-VI", True)]]


def test_128_part1_is_unknown_since_the_2024_package_with_its_last_known_range(kb):
    result = penalty(kb, Citation("128"), D(2026, 6, 1))
    (row,) = [r for r in result.rows if r.part == "1"]
    p = row.penalty
    assert p.penalty == "unknown" and p.grade == "reported" and p.sources == ["kz-S43"]
    (lk,) = p.last_known
    assert lk.act == "kz-law-292-VI" and lk.since.act == "kz-law-2024-package"
    assert (lk.value["main"][0]["min"], lk.value["main"][0]["max"]) == (48, 84)
    (conflict,) = p.conflicts  # seed 003's 4-7 y, which describes the law before the package
    assert conflict.sources == ["zhetpisbaev-2025"] and conflict.won_by == "grade"
    article = [r for r in result.reported if r.scope == "article"]
    assert [(r.min_months, r.max_months, [s.ref for s in r.sources]) for r in article] == [(48, 180, ["kz-S18"])]


def test_134_shows_its_last_known_range(kb):
    (row,) = part(kb, "134", D(2026, 6, 1))
    assert row.penalty.penalty == "unknown"
    (lk,) = row.penalty.last_known
    assert (lk.value["main"][0]["min"], lk.value["main"][0]["max"]) == (36, 72)


def test_the_2024_package_reports_no_unknown_as_a_change(kb):
    ka, before, _ = resolve(kb, "kz-law-2024-package", True, D(2026, 6, 1), None)
    kb_, after, _ = resolve(kb, "kz-law-2024-package", False, D(2026, 6, 1), None)
    reading = diff(ka, before, kb_, after, None, "a", "b").readings[0]
    for art in [reading.general, *reading.articles]:
        for c in art.changes:
            assert "unknown" not in (c.before.value if c.before else None, c.after.value if c.after else None), c
    unknown = {(u.where.article, u.where.part, u.slot) for a in reading.articles for u in a.unknowns}
    assert ("128", "1", "penalty") in unknown and ("135", "1", "penalty") in unknown
    general = {c.slot: c for c in reading.general.changes}
    sexual = general["includes.purpose.other_sexual_services"]  # Art. 3 item 1, with its sources
    assert sexual.before.value is False and sexual.after.value is True and sexual.after.sources


def test_128_part_2_is_not_encoded_but_known(kb):
    with pytest.raises(NotFound, match="Art. 128 part 2 is not encoded in the knowledge base; the Code has it"):
        show(kb, Citation("128", "2"), D(2021, 6, 1))


def test_135_part2_items_in_2018_map_to_vocabulary(kb):
    (p,) = show(kb, Citation("135", "2"), D(2018, 1, 1)).parts
    (reading,) = p.versions
    ids = {vid for item in reading.items for vid in item.elements.ids()}
    assert {"means.deception", "means.abuse_of_trust", "means.violence_dangerous", "means.dependency",
            "circ.official_position"} <= ids
    assert reading.items_complete is False  # the source breaks off after item 11


def test_126_item_5_deleted_by_72_VIII(kb):
    def items(on):
        (p,) = show(kb, Citation("126", "2"), on).parts
        return [i.id for r in p.versions for i in r.items]

    assert "5" in items(D(2023, 1, 1)) and "5" not in items(D(2026, 1, 1))


def test_general_part_facts(kb):
    from kb.snapshot import snapshots

    (snap,) = snapshots(kb, D(2021, 1, 1))
    age = snap.fact("age_of_majority").version
    assert age.value == 18 and age.confidence == "inferred" and age.basis
    pre = snap.fact("exploitation").version
    assert pre.exhaustive is False and "purpose.forced_labour" in pre.elements and pre.confidence == "inferred"
    assert snap.fact("reconciliation").version.exists is False
    assert snap.fact("milder_law").version.article == "6"


def test_readme_states_the_audit_counts(kb):
    from kb.load import default_root

    counts = audit(kb).by_grade
    readme = (default_root() / "README.md").read_text(encoding="utf-8")
    line = ", ".join(f"{n} {g}" for g, n in counts.items())
    assert f"Facts by grade: {line}." in readme, f"README should say: Facts by grade: {line}."
