"""Nothing is ever half-written: a cache write interrupted midway leaves the previous cache intact, no
debris, and the next run builds a whole one."""

import pytest

from kb import cache as kb_cache
from kb.load import load

from ..conftest import edit


def test_interrupted_cache_write_keeps_the_old_cache(kb_copy, tmp_path, monkeypatch):
    monkeypatch.delenv("TIPKB_NO_CACHE", raising=False)
    cache = tmp_path / "cache"
    monkeypatch.setenv("TIPKB_CACHE_DIR", str(cache))
    load(kb_copy)
    (old,) = cache.iterdir()
    before = sorted(p.name for p in old.iterdir())

    edit(kb_copy / "statutes/kz/criminal-code/art-128.yaml", "              max: 7y", "              max: 8y")
    real, calls = kb_cache._encode, []

    def interrupted(value):
        calls.append(1)
        if len(calls) == 4:
            raise KeyboardInterrupt  # as if Ctrl-C arrived in the middle of writing the articles
        return real(value)

    monkeypatch.setattr(kb_cache, "_encode", interrupted)
    with pytest.raises(KeyboardInterrupt):
        load(kb_copy)
    assert [p.name for p in cache.iterdir()] == [old.name]  # no half-written folder, no temp debris
    assert sorted(p.name for p in old.iterdir()) == before

    monkeypatch.setattr(kb_cache, "_encode", real)
    assert load(kb_copy).articles["128"].parts[0].versions[-1].penalty.main[0].max == 96
    assert len(list(cache.iterdir())) == 2  # the new cache, whole, beside the old one
