"""One way to read any input (kb/inputs.py): every reader refuses what is not a regular file before reading
it, reads no further than its limit, and says so in one located message with exit 2."""

import datetime as dt
import io
import json
import os
import signal
import socket
import sys

import pytest

from kb import draft, facts, inputs
from kb.errors import InvalidKB

from ..conftest import ROOT

DRAFT = ROOT / "tests/fixtures/draft-128-means.yaml"
TODAY = dt.date(2026, 11, 21)


@pytest.fixture(autouse=True)
def no_hang():
    """A FIFO that is opened or read would block forever: fail the test instead of hanging the suite."""

    def hung(*_):
        raise TimeoutError("blocked on an input")

    old = signal.signal(signal.SIGALRM, hung)
    signal.alarm(20)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, old)


def readers(root):
    """Every command that reads a file named by the user, with the argument list for a file at PATH."""
    return {
        "qualify": lambda p: ["qualify", str(p)],
        "gaps --draft": lambda p: ["gaps", "--draft", str(p)],
        "diff --to": lambda p: ["diff", "--from", "2021-06-01", "--to", str(p)],
        "a KB file": lambda p: ["show", "128", "--root", str(root)],
    }


def place(kind, tmp_path, kb_copy, reader):
    """Make a hostile input of `kind` where `reader` will read it; return its path."""
    path = kb_copy / "statutes/kz/criminal-code/art-999.yaml" if reader == "a KB file" else tmp_path / "in.yaml"
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "directory":
        path.mkdir()
    elif kind == "socket":
        s = socket.socket(socket.AF_UNIX)
        s.bind(str(path))
        s.close()
    elif kind == "device":
        os.symlink("/dev/zero", path)  # a link to a device is still a device once followed
    elif kind == "too large":
        with open(path, "wb") as f:
            f.truncate(inputs.KB_FILE + 1)
    return path


KINDS = [("fifo", "is a FIFO (named pipe), not a regular file"),
         ("directory", "is a directory, not a regular file"),
         ("socket", "is a socket, not a regular file"),
         ("device", "is a character device, not a regular file"),
         ("too large", "file too large")]


@pytest.mark.parametrize("reader", ["qualify", "gaps --draft", "diff --to", "a KB file"])
def test_every_reader_refuses_what_is_not_a_readable_file(tipkb, tmp_path, kb_copy, reader):
    """Every command that reads a file goes through kb/inputs.py: a FIFO neither hangs it nor passes."""
    path = place("fifo", tmp_path, kb_copy, reader)
    r = tipkb(*readers(kb_copy)[reader](path))
    assert r.code == 2, r
    named = "statutes/kz/criminal-code/art-999.yaml" if reader == "a KB file" else str(path)
    first, *_ = r.err.splitlines()
    assert first == f"{named}: is a FIFO (named pipe), not a regular file", r.err
    assert "Traceback" not in r.err and r.out == ""


@pytest.mark.parametrize("kind, message", KINDS)
@pytest.mark.parametrize("limit", [inputs.FACTS, inputs.DRAFT, inputs.KB_FILE])
def test_every_kind_of_non_file_is_refused_unread(tmp_path, kb_copy, kind, message, limit):
    path = place(kind, tmp_path, kb_copy, "qualify")
    with pytest.raises(InvalidKB) as e:
        inputs.read_bytes(path, "in.yaml", limit)
    (finding,) = e.value.findings
    assert str(finding).startswith(f"in.yaml: {message}")


class Endless(io.RawIOBase):
    """Standard input that never ends (`yes | tipkb qualify -`), counting what was taken from it."""

    taken = 0

    def readable(self):
        return True

    def readinto(self, buffer):
        self.taken += len(buffer)
        buffer[:] = b"a" * len(buffer)
        return len(buffer)


@pytest.mark.parametrize("limit", [inputs.FACTS, inputs.DRAFT, inputs.KB_FILE])
def test_the_bound_is_enforced_while_reading(monkeypatch, limit):
    stream = Endless()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BufferedReader(stream, 4096)))
    with pytest.raises(InvalidKB, match="file too large"):
        inputs.read_bytes("-", "<stdin>", limit)
    assert stream.taken <= limit + 1 + 4096


def test_a_proc_file_whose_size_says_zero_is_read_within_the_bound():
    text = inputs.read_text("/proc/self/status", "status", inputs.FACTS)
    assert text.startswith("Name:")  # a regular file that reports 0 bytes is read, but never past the limit
    with pytest.raises(InvalidKB, match="file too large"):
        inputs.read_bytes("/proc/self/status", "status", 10)


def test_a_huge_facts_file_is_refused_before_it_is_parsed(tipkb, tmp_path, monkeypatch):
    from kb import yamlio

    parsed = []
    monkeypatch.setattr(yamlio, "parse", lambda *a: parsed.append(a))
    path = tmp_path / "facts.yaml"
    path.write_text("date: 2021-06-01\nacts:\n" + "  - recruitment\n" * 370_000, encoding="utf-8")  # 4.8 MB
    r = tipkb("qualify", str(path))
    assert r.code == 2 and f"{path}: file too large" in r.err and parsed == []


def test_terms_beyond_the_schema_bound_are_not_matched(kb, monkeypatch):
    """Within the size limit a file may still list thousands of terms: one finding, and only as many fuzzy
    matches as the schema allows (matching all of them took 75 s)."""
    calls = []
    real = facts.resolve
    monkeypatch.setattr(facts, "resolve", lambda *a: calls.append(a) or real(*a))
    text = "date: 2021-06-01\nacts: [" + ", ".join(["recruitment"] * 4000) + "]\n"
    with pytest.raises(InvalidKB) as e:
        facts.read(kb, text.encode(), TODAY, "case.yaml")
    assert [str(f) for f in e.value.findings] == [
        "case.yaml:2:1: acts: at most 50 entries"]
    assert len(calls) == facts.MAX_TERMS


def test_standard_input_and_bytes_read_like_a_file(tipkb, kb, monkeypatch):
    text = DRAFT.read_bytes()
    from_file = json.loads(tipkb("gaps", "--draft", str(DRAFT), "--json").out)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text)))
    from_stdin = json.loads(tipkb("gaps", "--draft", "-", "--json").out)
    assert from_stdin["draft"]["changes"]
    assert from_stdin["readings"] == from_file["readings"]
    on = dt.date(2026, 6, 1)
    assert draft.apply(kb, text, on, "upload.yaml")[0].articles["128"] == draft.apply(kb, DRAFT, on)[0].articles["128"]
    case = b"date: 2021-06-01\nacts: [recruitment]\npurposes: [exploitation]\n"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(case)))
    assert tipkb("qualify", "-").code == 0
    assert facts.to_case(kb, facts.read(kb, case, TODAY, "upload.yaml").facts).ids("acts") == ("act.recruitment",)


def test_bytes_too_large_and_invalid_utf8_name_the_upload(kb):
    with pytest.raises(InvalidKB) as e:
        facts.read(kb, b"x" * (inputs.FACTS + 1), TODAY, "upload.yaml")
    assert str(e.value.findings[0]).startswith("upload.yaml: file too large") and "facts file" in e.value.what
    with pytest.raises(InvalidKB) as e:
        draft.apply(kb, b"draft:\n  id: \xff\n", dt.date(2021, 6, 1), "upload.yaml")
    assert str(e.value.findings[0]) == "upload.yaml:2:7: not valid UTF-8" and e.value.what == "the draft upload.yaml"


def test_a_fifo_swapped_in_after_the_check_is_caught_when_opened(tmp_path, monkeypatch):
    """Between the check and the open another process may put a FIFO in place: the open does not block
    (O_NONBLOCK) and what was opened is checked again."""
    fifo, regular = tmp_path / "f.yaml", tmp_path / "r.yaml"
    os.mkfifo(fifo)
    regular.write_text("a: 1\n", encoding="utf-8")
    real = os.stat
    monkeypatch.setattr(os, "stat", lambda path, *a, **k: real(regular if str(path) == str(fifo) else path, *a, **k))
    with pytest.raises(InvalidKB, match="is a FIFO"):
        inputs.read_bytes(fifo, "f.yaml", inputs.FACTS)
