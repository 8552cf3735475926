"""Bad command-line input: one clean message, the right exit code, and no slow path without a bound."""

import time

import pytest


def test_a_pasted_paragraph_is_refused_quickly(tipkb):
    started = time.monotonic()
    r = tipkb("search", "вербовка " * 2500)
    assert r.code == 1 and "the search text is too long" in r.err and "Traceback" not in r.err
    assert time.monotonic() - started < 10  # the unbounded path took ~25 s


def test_limit_must_be_positive(tipkb):
    r = tipkb("search", "recruitment", "--limit", "0")
    assert r.code == 1 and "Invalid value for '--limit'" in r.err and "Traceback" not in r.err


def test_a_facts_file_with_hundreds_of_terms_is_refused(tipkb, tmp_path):
    facts = tmp_path / "facts.yaml"
    facts.write_text("date: 2021-06-01\nacts: [" + ", ".join(["recruitment"] * 500) + "]\n", encoding="utf-8")
    r = tipkb("qualify", str(facts))
    assert r.code == 2 and f"{facts}:2:" in r.err and "acts" in r.err and "Traceback" not in r.err


@pytest.mark.parametrize("args", [
    ["diff", "--from", "2014-01-01", "--to", "2021-06-01", "128"],
    ["diff", "--from", "2019-01-01", "--to", "2014-12-31"],
    ["show", "128", "--on", "2014-12-31"],
    ["penalty", "128", "--on", "2014-12-31"],
    ["gaps", "--on", "2014-12-31"],
    ["search", "recruitment", "--on", "2014-12-31"],
    ["qualify", "--date", "2014-12-31", "--act", "recruitment"],
])
def test_every_point_before_the_code_is_refused(tipkb, args):
    r = tipkb(*args)
    assert r.code == 1 and r.out == "" and "before 2015-01-01, when the Criminal Code of 2014 came into force" in r.err
