"""The KB cache never serves stale data: any change to any YAML file is seen at once. It is found from the
files' stats, and a change re-parses only the files that changed."""

import datetime as dt
import hashlib
import os
import time
from pathlib import Path

import pytest

from kb import cache, yamlio
from kb.citation import Citation
from kb.errors import InvalidKB, IOFailure
from kb.load import load
from kb.show import penalty

from .conftest import edit


def test_a_changed_file_bypasses_the_cache(kb_copy, tmp_path, monkeypatch):
    monkeypatch.delenv("TIPKB_NO_CACHE", raising=False)
    monkeypatch.setenv("TIPKB_CACHE_DIR", str(tmp_path / "cache"))
    on = dt.date(2021, 6, 1)

    def max_128_1():
        return penalty(load(kb_copy), Citation("128", "1"), on).rows[0].penalty.penalty.main[0].max

    assert max_128_1() == 84
    (cached,) = (tmp_path / "cache").glob("kb-*")  # written, once
    assert (cached / "core.json").exists() and (cached / "art-128.json").exists()
    assert max_128_1() == 84  # served from the cache
    edit(kb_copy / "statutes/kz/criminal-code/art-128.yaml", "              max: 7y", "              max: 8y")
    assert max_128_1() == 96  # the edit is seen, not the cached 84
    (kb_copy / "mappings/vocabulary.yaml").write_text("terms: {}\n", encoding="utf-8")
    with pytest.raises(InvalidKB, match="unknown vocabulary id"):  # not the stale, valid KB
        load(kb_copy)


def test_articles_are_read_from_the_cache_only_when_asked_for(kb_copy, tmp_path, monkeypatch):
    monkeypatch.delenv("TIPKB_NO_CACHE", raising=False)
    monkeypatch.setenv("TIPKB_CACHE_DIR", str(tmp_path / "cache"))
    load(kb_copy)  # builds and stores
    kb = load(kb_copy)  # from the cache
    assert list(kb.articles) == ["116", "125", "125-1", "126", "128", "134", "135", "308", "309"]
    assert kb.articles._loaded == {}  # nothing validated yet
    assert kb.articles["128"].parts[0].id == "1"
    assert list(kb.articles._loaded) == ["128"]
    assert "999" not in kb.articles and len(kb.articles) == 9
    # the readings of a date and the articles that hold a term come from the stored digests: nothing validated
    from kb.snapshot import points

    kb = load(kb_copy)
    readings = points(kb, dt.date(2020, 3, 1))  # inside Law 292-VI's window: read both ways
    assert [[(a.act, a.in_force) for a in p.assumed] for p in readings] == [[("kz-law-292-VI", False)],
                                                                           [("kz-law-292-VI", True)]]
    assert "means.deception" in kb.digest("135")["terms"] and kb.articles._loaded == {}
    assert kb.digest("128") == kb.articles["128"].digest()  # the stored digest is the article's own
    kb = load(kb_copy)
    kb.digest("128")
    assert kb.articles._loaded == {}  # a lookup reads the digests only when asked, and no article then


@pytest.mark.parametrize("damage", [b"", b'{"128": {"undated": 1}}', b'["not", "digests"]'])
def test_damaged_digests_are_computed_from_the_articles(kb_copy, tmp_path, monkeypatch, damage):
    monkeypatch.delenv("TIPKB_NO_CACHE", raising=False)
    monkeypatch.setenv("TIPKB_CACHE_DIR", str(tmp_path / "cache"))
    load(kb_copy)
    (entry,) = (tmp_path / "cache").glob("kb-*/digests.json")
    entry.write_bytes(cache.FORMAT + b" " + hashlib.sha256(damage).hexdigest().encode() + b"\n" + damage
                      if damage else b"")
    kb = load(kb_copy)
    assert kb.digest("135") == kb.articles["135"].digest() and "means.deception" in kb.digest("135")["terms"]


def test_a_draft_s_amended_article_gets_its_own_digest(kb_copy, tmp_path, monkeypatch):
    from kb.draft import apply

    monkeypatch.delenv("TIPKB_NO_CACHE", raising=False)
    monkeypatch.setenv("TIPKB_CACHE_DIR", str(tmp_path / "cache"))
    load(kb_copy)
    kb = load(kb_copy)
    draft = Path(__file__).parent / "fixtures" / "draft-128-means.yaml"
    overlay, act = apply(kb, draft, dt.date(2026, 6, 1))
    assert act in overlay.digest("128")["undated"] and act not in kb.digest("128")["undated"]
    assert overlay.articles["135"] is kb.articles["135"] and list(overlay.articles) == list(kb.articles)


@pytest.fixture
def settled(kb_copy, tmp_path, monkeypatch):
    """A KB whose files were last changed a minute ago (so their stats can be trusted), with its cache written;
    and the files the next load hashes and parses, by name."""
    monkeypatch.delenv("TIPKB_NO_CACHE", raising=False)
    monkeypatch.setenv("TIPKB_CACHE_DIR", str(tmp_path / "cache"))
    past = time.time_ns() - 60 * 10**9
    for path in kb_copy.rglob("*.yaml"):
        os.utime(path, ns=(past, past))
    load(kb_copy)
    seen = {"hashed": [], "parsed": []}
    real_digest, real_read = cache._digest, yamlio.read
    monkeypatch.setattr(cache, "_digest", lambda p: seen["hashed"].append(Path(p).name) or real_digest(p))
    monkeypatch.setattr(yamlio, "read", lambda source, display, *a, **k: seen["parsed"].append(Path(display).name)
                        or real_read(source, display, *a, **k))
    return kb_copy, seen


def test_the_cache_is_found_from_file_stats_without_reading_the_kb(settled):
    root, seen = settled
    assert isinstance(load(root).articles, cache.LazyArticles)
    assert seen == {"hashed": [], "parsed": []}
    art = root / "statutes/kz/criminal-code/art-128.yaml"
    later = art.stat().st_mtime_ns + 10**9
    os.utime(art, ns=(later, later))  # touched: new stats, the same content
    assert isinstance(load(root).articles, cache.LazyArticles)
    assert seen == {"hashed": ["art-128.yaml"], "parsed": []}  # hashed once, found the same, not parsed
    load(root)
    assert seen["hashed"] == ["art-128.yaml"]  # its new stats were recorded


def test_a_changed_file_is_the_only_one_parsed_again(settled):
    root, seen = settled
    art = root / "statutes/kz/criminal-code/art-128.yaml"
    edit(art, "              max: 7y", "              max: 8y")
    kb = load(root)
    assert kb.articles["128"].parts[0].versions[1].penalty.main[0].max == 96
    assert seen == {"hashed": ["art-128.yaml"], "parsed": ["art-128.yaml"]}
    # The checks across files run on the whole KB: a vocabulary without the terms the unchanged articles use
    (root / "mappings/vocabulary.yaml").write_text("terms: {}\n", encoding="utf-8")
    with pytest.raises(InvalidKB, match="art-135.yaml.*unknown vocabulary id"):
        load(root)
    assert seen["parsed"] == ["art-128.yaml", "vocabulary.yaml"]


def test_a_kb_keeps_its_newest_cache_and_the_one_before(settled, tmp_path):
    root, _ = settled
    caches = tmp_path / "cache"
    (first,) = caches.glob("kb-*")
    other = caches / f"kb-{'0' * 16}-{'1' * 32}"  # another KB folder's, or this one's under another Python
    other.mkdir()
    art = root / "statutes/kz/criminal-code/art-128.yaml"

    def edited(old: str, new: str) -> set[Path]:
        edit(art, f"              max: {old}", f"              max: {new}")
        load(root)
        return set(caches.glob("kb-*")) - {other}

    (second,) = edited("7y", "8y") - {first}  # a new cache; the one it was rebuilt from stays
    (third,) = edited("8y", "9y") - {first, second}
    assert set(caches.glob("kb-*")) == {second, third, other}  # the oldest is gone, another KB's untouched
    assert edited("9y", "8y") == {second, third}  # an edit undone: its cache is found again, nothing removed
    assert load(root).articles["128"].parts[0].versions[1].penalty.main[0].max == 96


def test_a_cache_unused_for_a_month_is_removed_whichever_kb_it_was_for(settled, tmp_path):
    root, _ = settled
    caches = tmp_path / "cache"
    (ours,) = caches.glob("kb-*")
    day = 86_400 * 10**9

    def other(name: str, days: float) -> Path:  # another KB folder's cache, or this one's under another Python
        folder = caches / f"kb-{name * 16}-{'1' * 32}"
        folder.mkdir()
        then = time.time_ns() - int(days * day)
        os.utime(folder, ns=(then, then))
        return folder

    recent, stale = other("a", 29), other("b", 31)
    mine = caches / "kb-my-notes"  # not a name tipkb gives: never touched, however old
    mine.mkdir()
    os.utime(mine, ns=(time.time_ns() - 40 * day, time.time_ns() - 40 * day))
    then = time.time_ns() - 2 * day
    os.utime(ours, ns=(then, then))
    load(root)  # a cache in use is marked used once a day, so that no other KB's run takes it for a dead one
    assert ours.stat().st_mtime_ns > time.time_ns() - day
    hour_ago = time.time_ns() - 3600 * 10**9
    os.utime(ours, ns=(hour_ago, hour_ago))
    load(root)
    assert ours.stat().st_mtime_ns == hour_ago  # (not a write on every lookup)
    edit(root / "statutes/kz/criminal-code/art-128.yaml", "              max: 7y", "              max: 8y")
    load(root)  # a new cache is stored, and the others pruned
    assert recent.exists() and not stale.exists() and ours.exists() and mine.exists()


def test_a_cache_directory_given_relative_keeps_its_cache(settled, tmp_path, monkeypatch):
    root, seen = settled
    monkeypatch.chdir(tmp_path / "cache")
    monkeypatch.setenv("TIPKB_CACHE_DIR", ".")
    edit(root / "statutes/kz/criminal-code/art-128.yaml", "              max: 7y", "              max: 8y")
    load(root)  # a new cache is stored, and the older ones pruned
    assert len(list(Path(".").glob("kb-*"))) == 2
    load(root)
    assert seen["parsed"] == ["art-128.yaml"]  # the second run found the first one's cache


def test_a_run_whose_cache_is_removed_reads_the_yaml_only_if_unchanged(settled, tmp_path):
    root, _ = settled
    caches = tmp_path / "cache"
    art = root / "statutes/kz/criminal-code/art-128.yaml"
    reading = load(root)  # a long run: it has read no article yet
    (first,) = caches.glob("kb-*")
    (first / "art-135.json").unlink()  # as if removed by another run; the YAML is as the cache recorded it
    assert reading.articles["135"].article == "135"
    edit(art, "              max: 7y", "              max: 8y")
    load(root)
    edit(art, "              max: 8y", "              max: 9y")
    load(root)  # two caches since: the first one is removed
    assert first not in set(caches.glob("kb-*"))
    with pytest.raises(IOFailure, match="art-128.yaml changed while this command was reading"):
        reading.articles["128"]  # never the edited file mixed into the KB as it was


def test_an_edit_that_keeps_size_and_mtime_is_seen_while_the_stats_are_racy(kb_copy, tmp_path, monkeypatch):
    monkeypatch.delenv("TIPKB_NO_CACHE", raising=False)
    monkeypatch.setenv("TIPKB_CACHE_DIR", str(tmp_path / "cache"))
    art = kb_copy / "statutes/kz/criminal-code/art-128.yaml"
    os.utime(art)  # just written
    load(kb_copy)  # the cache records its stats at once
    before = art.stat()
    edit(art, "              max: 7y", "              max: 8y")  # same size, same inode
    os.utime(art, ns=(before.st_atime_ns, before.st_mtime_ns))  # and the same mtime, as within one clock tick
    assert load(kb_copy).articles["128"].parts[0].versions[1].penalty.main[0].max == 96


def test_an_edit_that_puts_size_and_mtime_back_is_seen_by_its_ctime(settled):
    root, seen = settled
    art = root / "statutes/kz/criminal-code/art-128.yaml"
    before = art.stat()  # a minute old: not racy, so only the stats can tell
    edit(art, "              max: 7y", "              max: 8y")  # same size, same inode
    os.utime(art, ns=(before.st_atime_ns, before.st_mtime_ns))  # the mtime put back, as `touch -r` does
    assert load(root).articles["128"].parts[0].versions[1].penalty.main[0].max == 96
    assert seen["hashed"] == ["art-128.yaml"]
