"""Whatever the input, reading and parsing end in data or a located InvalidKB, never a traceback."""

from hypothesis import given, settings
from hypothesis import strategies as st

from kb.errors import InvalidKB
from kb.statute_text import parse, read

from .texts import fixture

PIECES = [line for name in ("ru-code.txt", "kk-code.txt") for line in fixture(name).splitlines()] + [
    "1.", "1)", "Статья 9.", "9-бап.", "Сноска.", "Примечание.", "–", "наказывается", "жазаланады.", "", "3-1. ",
    "<p>", "</p>", "&amp;", "\x00", "\ufeff", "от 31.13.2020 № 1-X", "наказывается лишением свободы на срок от",
]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=40)), max_size=40))
def test_shuffled_code_text_never_crashes(lines):
    text = "\n".join(lines)
    try:
        result = parse(read(text.encode("utf-8", "surrogatepass"), "fuzz.txt"))
    except InvalidKB as e:
        assert all(f.file == "fuzz.txt" for f in e.findings)
        return
    assert all(f.file == "fuzz.txt" and f.line is not None for f in result.problems + result.warnings)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300))
def test_any_bytes_are_read_or_refused(data):
    try:
        read(data, "bytes.bin")
    except InvalidKB:
        pass
