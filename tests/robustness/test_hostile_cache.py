"""A cache that cannot run code: entries are checksummed JSON of kb/model.py's records; whatever happens to them (planted, truncated,
deleted, written by another version) the next command rebuilds them, with one note, and answers correctly."""

import hashlib
import json
import pickle
import shutil
import sys

import pytest

from kb import cache, notes
from kb.load import load

from ..conftest import ROOT


@pytest.fixture(scope="module")
def shared(tmp_path_factory):
    """One KB copy and cache folder for the module: every test leaves the cache whole again."""
    root = tmp_path_factory.mktemp("kb")
    for folder in ("statutes", "mappings"):
        shutil.copytree(ROOT / folder, root / folder)
    return root, tmp_path_factory.mktemp("cache")


@pytest.fixture
def cached_kb(shared, monkeypatch):
    """The shared KB with its cache written, and the notes the library gives."""
    root, cache_dir = shared
    monkeypatch.delenv("TIPKB_NO_CACHE", raising=False)
    monkeypatch.setenv("TIPKB_CACHE_DIR", str(cache_dir))
    load(root)
    said: list[str] = []
    monkeypatch.setattr(notes, "show", said.append)
    return root, cache.folder(root), said


class Planted:
    """Unpickling this runs code: it leaves a file behind."""

    def __init__(self, marker):
        self.marker = marker

    def __reduce__(self):
        return (open, (str(self.marker), "w"))


def max_128_1(root) -> int:
    return load(root).articles["128"].parts[0].versions[1].penalty.main[0].max


DAMAGES = ["pickle", "truncated", "deleted", "foreign", "altered", "not valid data", "not a model class",
           "a field too many", "a tag that is no name", "a date that is no text"]


def entry(data) -> bytes:
    """A cache entry with a valid checksum over this JSON, written as is."""
    body = json.dumps(data).encode()
    return cache.FORMAT + b" " + hashlib.sha256(body).hexdigest().encode() + b"\n" + body


@pytest.mark.parametrize("name, damage", [("art-128.json", d) for d in DAMAGES]
                         + [("art-128.json", "a directory")]
                         + [("core.json", d) for d in ("pickle", "deleted", "not valid data", "not a model class",
                                                       "a directory")])
def test_a_damaged_entry_is_rebuilt_with_one_note(cached_kb, tmp_path, name, damage):
    root, folder, said = cached_kb
    path = folder / name
    marker = tmp_path / "planted-code-ran"
    if damage == "pickle":
        path.write_bytes(pickle.dumps(Planted(marker)))
    elif damage == "truncated":
        path.write_bytes(path.read_bytes()[:200])
    elif damage == "deleted":
        path.unlink()
    elif damage == "a directory":
        path.unlink()
        (path / "inside").mkdir(parents=True)
    elif damage == "foreign":
        path.write_bytes(b"tipkb-cache 0 " + path.read_bytes().partition(b" ")[2].partition(b" ")[2])
    elif damage == "altered":  # one bit flipped in the middle
        raw = path.read_bytes()
        path.write_bytes(raw[:len(raw) // 2] + bytes([raw[len(raw) // 2] ^ 1]) + raw[len(raw) // 2 + 1:])
    elif damage == "not a model class":  # the tag names a class the cache may not build
        path.write_bytes(entry({"~": "Popen", "args": ["touch", str(marker)]}))
    elif damage == "a tag that is no name":
        path.write_bytes(entry({"~": ["Article"]}))
    elif damage == "a date that is no text":
        path.write_bytes(entry({"~date": 5}))
    elif damage == "a field too many":
        data = json.loads(path.read_bytes().partition(b"\n")[2])
        path.write_bytes(entry({**data, "__class__": "x"}))
    else:  # a valid checksum over data that is not the KB's
        path.write_bytes(cache._encode({"articles": 1} if name == "core.json" else ["not", "an", "article"]))
    assert max_128_1(root) == 84
    assert not marker.exists()
    assert len(said) == 1 and str(path if name != "core.json" else folder) in said[0] and "rebuilt" in said[0]
    assert max_128_1(root) == 84 and len(said) == 1  # whole again: the next run says nothing


def test_the_cli_shows_the_note_on_one_line(tipkb, cached_kb):
    root, folder, _ = cached_kb
    (folder / "core.json").write_bytes(b"\x80\x04garbage")
    r = tipkb("penalty", "128", "--root", str(root), "--json")
    assert r.code == 0 and json.loads(r.out)["rows"]
    (note,) = r.err.splitlines()
    assert note.startswith("tipkb: note: the cache ") and "rebuilt it" in note


def test_entries_are_data_with_a_checksum(cached_kb):
    _, folder, _ = cached_kb
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        ["core.json", "digests.json", *(f"art-{n}.json" for n in ("116", "125", "125-1", "126", "128", "134", "135", "308", "309"))])
    header, _, body = (folder / "art-128.json").read_bytes().partition(b"\n")
    assert header.startswith(cache.FORMAT + b" ") and json.loads(body)["article"] == "128" and json.loads(body)["~"] == "Article"


def test_the_key_covers_the_interpreter_and_the_libraries(kb_copy, tmp_path, monkeypatch):
    first = cache.folder(kb_copy)
    monkeypatch.setattr(sys, "version", sys.version + " (another build)")
    assert cache.folder(kb_copy) != first
    monkeypatch.undo()
    site = tmp_path / "site-packages"
    (site / "pydantic-0.0.1.dist-info").mkdir(parents=True)
    monkeypatch.setattr(sys, "path", [*sys.path, str(site)])
    assert cache.folder(kb_copy) != first
    monkeypatch.undo()
    other = tmp_path / "other" / "site-packages"
    (other / "PyYAML-0.0.1.dist-info").mkdir(parents=True)  # the workers' reader of a cold KB (kb/yamlfast.py)
    monkeypatch.setattr(sys, "path", [*sys.path, str(other)])
    assert cache.folder(kb_copy) != first


def test_a_cache_that_cannot_be_written_is_skipped(tipkb, kb_copy, tmp_path, monkeypatch):
    monkeypatch.delenv("TIPKB_NO_CACHE", raising=False)
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("TIPKB_CACHE_DIR", str(blocker / "cache"))
    r = tipkb("penalty", "128", "--root", str(kb_copy))
    assert r.code == 0 and r.err == "" and "ст. 128" in r.out
