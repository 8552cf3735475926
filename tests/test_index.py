"""tipkb index: the KB as SQLite, the README's queries, atomic writes, and search reading the index."""

import datetime as dt
import json
import re
import sqlite3
import threading

import pytest
import sqlite_utils

from kb.cache import key
from kb.entries import entries
from kb.index import build_index, content_key, entries_on
from kb.search import search
from kb.snapshot import Snapshot, points

from .conftest import ROOT, edit

DATES = [dt.date(2015, 1, 1), dt.date(2019, 6, 1), dt.date(2020, 3, 1), dt.date(2021, 6, 1), dt.date.today()]


@pytest.fixture(scope="module")
def db(kb, tmp_path_factory):
    path = tmp_path_factory.mktemp("index") / "tipkb.db"
    build_index(kb, path)
    return path


def readme_queries() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Search and the SQLite index", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sql\n(.*?)```", section, re.DOTALL)


def test_index_then_the_readme_queries_answer(tipkb, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    r = tipkb("index", "--json")
    assert r.code == 0, r.err
    assert json.loads(r.out)["tables"]["part_versions"] > 0 and (tmp_path / "tipkb.db").is_file()
    rose, unchecked, deception = readme_queries()
    with sqlite3.connect(tmp_path / "tipkb.db") as conn:
        rows = conn.execute(rose).fetchall()
        assert ("128.1", 60, 84) in rows and ("135.1", 84, 108) in rows
        rows = conn.execute(unchecked).fetchall()
        assert rows and all(row[2] != "official" for row in rows) and any(row[4] for row in rows)
        cited = {row[0] for row in conn.execute(deception)}
        assert {"135.2.7", "un-tip-protocol 3(a)"} <= cited


def test_schema_foreign_keys_integers_fts_and_hash(kb, db):
    with sqlite3.connect(db) as conn:
        assert conn.execute("pragma foreign_key_check").fetchall() == []
        types = {name: kind for _, name, kind, *_ in conn.execute("pragma table_info(penalties)")}
        assert types["min_months"] == types["max_months"] == "INTEGER"
        assert conn.execute("select value from meta where key = 'kb_hash'").fetchone()[0] == key(kb.root)
        found = conn.execute("select e.citation from texts_fts join texts t on t.id = texts_fts.rowid "
                             "join entries e on e.id = t.entry_id where texts_fts match 'сводничество'").fetchall()
        assert ("act.pimping",) in found
    assert len(sqlite_utils.Database(db)["elements"].foreign_keys) == 4


def test_the_report_counts_the_rows_of_every_table(kb, tmp_path):
    path = tmp_path / "tipkb.db"
    result = build_index(kb, path)
    with sqlite3.connect(path) as conn:
        assert result.tables == {t: conn.execute(f"select count(*) from [{t}]").fetchone()[0] for t in result.tables}
    assert result.tables["words"] > 500


def test_an_interrupted_build_leaves_the_old_database_intact(kb, tmp_path, monkeypatch):
    path = tmp_path / "tipkb.db"
    build_index(kb, path)
    before = path.read_bytes()
    create = sqlite_utils.db.Table.create

    def dies_midway(self, *args, **kwargs):
        if self.name == "elements":
            raise KeyboardInterrupt  # as if the user pressed Ctrl-C halfway through
        return create(self, *args, **kwargs)

    monkeypatch.setattr(sqlite_utils.db.Table, "create", dies_midway)
    with pytest.raises(KeyboardInterrupt):
        build_index(kb, path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["tipkb.db"]  # no temporary file left behind


def test_concurrent_builds_leave_one_whole_database(kb, tmp_path):
    path = tmp_path / "tipkb.db"
    errors = []

    def run():
        try:
            build_index(kb, path)
        except Exception as e:  # pragma: no cover - reported below
            errors.append(e)

    threads = [threading.Thread(target=run) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with sqlite3.connect(path) as conn:
        assert conn.execute("pragma integrity_check").fetchone() == ("ok",)
    assert entries_on(path, content_key(kb), DATES[-1])[0] is not None


def test_unwritable_target_is_a_clean_error(tipkb, tmp_path):
    r = tipkb("index", "--db", str(tmp_path / "no-such-dir" / "tipkb.db"))
    assert r.code == 5 and "cannot write the index" in r.err and "Traceback" not in r.err


def test_a_row_takes_its_table_s_column_order_and_a_wrong_column_is_refused():
    from kb.index import SCHEMA, _Rows

    rows = _Rows()
    assert rows.add("synonyms", synonym="вербовка", lang="ru", vocabulary_id="act.recruitment") == 1
    assert rows.add("synonyms", lang="kk", vocabulary_id="act.recruitment") == 2  # a column not given is NULL
    assert rows.add("vocabulary", id="act.recruitment", category="act") == "act.recruitment"  # a text key as given
    assert list(SCHEMA["synonyms"][0]) == ["id", "vocabulary_id", "lang", "synonym"]
    assert rows.tables["synonyms"] == [(1, "act.recruitment", "ru", "вербовка"), (2, "act.recruitment", "kk", None)]
    with pytest.raises(KeyError, match="language"):
        rows.add("synonyms", vocabulary_id="act.recruitment", language="ru")
    assert len(rows.tables["synonyms"]) == 2


def test_the_index_holds_exactly_the_yaml_entries(kb, tmp_path):
    build_index(kb, tmp_path / "tipkb.db")  # built here, not shared: the KB hash must still match
    for on in DATES:
        from_index, note = entries_on(tmp_path / "tipkb.db", content_key(kb), on)
        assert note is None and from_index == [e for e in entries(kb) if e.active(on)]


def test_in_force_test_agrees_with_the_snapshots(kb):
    """`Entry.active` (and its SQL twin) picks exactly the versions the snapshots of a date hold, in every reading."""
    found = entries(kb)
    for on in DATES:
        snaps = [Snapshot(kb, p) for p in points(kb, on)]
        for art in kb.articles.values():
            for part in art.parts:
                held = [s.article(art.article).parts[part.id].version for s in snaps]
                expected = {i for i, v in enumerate(part.versions) if any(v is r for r in held)}
                got = {e.seq for e in found if e.kind == "part" and e.citation == f"{art.article}.{part.id}"
                       and e.active(on)}
                assert got == expected, (part.id, on)


def test_search_gives_the_same_results_from_the_index(kb, tmp_path):
    db = tmp_path / "tipkb.db"
    build_index(kb, db)
    for query in ["вербовки", "recruitment", "trafficing", "жеңгетайлық", "organ sale", "трафикинг",
                  "sexual exploitation of a minor abroad"]:
        for on in DATES:
            via_index, via_yaml = search(kb, query, on, db=db), search(kb, query, on)
            assert (via_index.source, via_yaml.source) == ("index", "yaml")
            assert via_index.model_dump(exclude={"source"}) == via_yaml.model_dump(exclude={"source"})


@pytest.mark.parametrize("text", ["вербовки", "recruitment", "recr", "rek", "trafficing", "трафикинг", "жеңгетайлық",
                                  "органов", "organs", "sale", "купля-продажа", "abroad", "эксплуатация", "kul",
                                  "ст", "minors", "несовершеннолетних", "dep", "похищение"])
def test_the_index_picks_the_tokens_each_word_would_match(db, text):
    """`pick` asks rapidfuzz about every token at once; it takes exactly the tokens that scoring them one by
    one takes."""
    from kb.search import _Query, _word_score
    from kb.words import split_words

    query = _Query(text)
    rows = sqlite3.connect(db).execute("select token, form, stem, skeleton, cyrillic from words").fetchall()
    one_by_one = {t for t, *_ in rows if any(_word_score(q, w) for q in query.words for w in split_words(t))}
    assert query.pick(rows) == one_by_one and len(rows) > 500


def test_a_stale_index_is_not_used(tipkb, kb_copy, tmp_path):
    path = tmp_path / "tipkb.db"
    assert tipkb("index", "--root", str(kb_copy), "--db", str(path)).code == 0
    fresh = json.loads(tipkb("search", "recruitment", "--root", str(kb_copy), "--db", str(path), "--json").out)
    assert fresh["source"] == "index" and fresh["index_problem"] is None
    edit(kb_copy / "mappings/vocabulary.yaml", "[recruiting, recruit,", "[recruiting, recruit, enrolment,")
    r = tipkb("search", "enrolment", "--root", str(kb_copy), "--db", str(path), "--json")
    data = json.loads(r.out)
    assert data["source"] == "yaml" and data["index_problem"] == "stale"
    assert data["hits"][0]["citation"] == "128.1"  # the YAML's new synonym is found all the same
