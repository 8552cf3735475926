"""The KB cache never serves stale data: any change to any YAML file is seen at once."""

import datetime as dt

import pytest

from kb.citation import Citation
from kb.errors import InvalidKB
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
