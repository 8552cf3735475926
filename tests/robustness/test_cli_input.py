"""Bad command-line input: one clean message, the right exit code, and no slow path without a bound."""

import time


def test_a_pasted_paragraph_is_refused_quickly(tipkb):
    started = time.monotonic()
    r = tipkb("search", "вербовка " * 2500)
    assert r.code == 1 and "the search text is too long" in r.err and "Traceback" not in r.err
    assert time.monotonic() - started < 10  # the unbounded path took ~25 s


def test_limit_must_be_positive(tipkb):
    r = tipkb("search", "recruitment", "--limit", "0")
    assert r.code == 1 and "Invalid value for '--limit'" in r.err and "Traceback" not in r.err
