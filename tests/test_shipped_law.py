"""The shipped KB says what the dossier says: figures, dates, items, and their confidence."""

import datetime as dt

from kb.citation import Citation
from kb.lookup import penalty, show

D = dt.date


def part1(kb, article, on):
    (row,) = [r for r in penalty(kb, Citation(article, "1"), on).parts]
    (main,) = row.main
    return (main.kind, main.min_months, main.max_months), [(a.kind, a.mandatory) for a in row.additional], row


def test_128_part1_before_and_after_292_VI(kb):
    main, additional, row = part1(kb, "128", D(2019, 6, 1))
    assert main == ("imprisonment", 36, 60) and additional == [("confiscation", True)]
    assert row.confidence == "secondary" and row.version.act == "kz-law-226-V"
    main, additional, row = part1(kb, "128", D(2021, 6, 1))
    assert main == ("imprisonment", 48, 84) and additional == [("confiscation", True)]
    assert row.version.act == "kz-law-292-VI" and {s.ref for s in row.sources} >= {"kz-S2"}


def test_135_part1_before_and_after_292_VI(kb):
    assert part1(kb, "135", D(2019, 6, 1))[0] == ("imprisonment", 60, 84)
    assert part1(kb, "135", D(2021, 6, 1))[0] == ("imprisonment", 60, 108)


def test_inside_the_292_VI_window_both_readings(kb):
    rows = penalty(kb, Citation("128", "1"), D(2020, 3, 1)).parts
    assert [(r.main[0].min_months, r.main[0].max_months) for r in rows] == [(36, 60), (48, 84)]
    assert "292-VI" in rows[0].condition and "not yet" in rows[0].condition


def test_135_part2_items_in_2018_map_to_vocabulary(kb):
    (part,) = show(kb, Citation("135", "2"), D(2018, 1, 1)).parts
    (reading,) = part.readings
    ids = {vid for item in reading.items for vid in item.elements.ids()}
    assert {"means.deception", "means.abuse_of_trust", "means.violence_dangerous", "means.dependency",
            "circ.official_position"} <= ids
    assert reading.items_complete is False  # the source breaks off after item 11
    assert all(item.version.confidence == "secondary" for item in reading.items)


def test_126_item_5_deleted_by_72_VIII(kb):
    def items(on):
        (part,) = show(kb, Citation("126", "2"), on).parts
        return part.readings[0]

    assert "5" in [i.id for i in items(D(2023, 1, 1)).items]
    later = items(D(2026, 1, 1))
    assert "5" not in [i.id for i in later.items] and not later.ambiguous_items
    (pending,) = items(D(2025, 1, 1)).ambiguous_items  # inside 72-VIII's window
    assert pending.id == "5" and "Law 72-VIII, in force between 2024-06-14 and 2025-12-31" in pending.pending


def test_unknowns_stay_unknown(kb):
    rows = penalty(kb, Citation("308"), D(2021, 1, 1)).parts
    assert rows[0].main == "unknown" and rows[0].confidence == "unverified"
    assert not kb.articles["128"].complete and "Parts 2, 3 and 4" in kb.articles["128"].missing
