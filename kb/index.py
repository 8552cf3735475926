"""`index`: the whole KB as a SQLite database, for SQL and Datasette, and as a fast source for `search`.

Normalised tables with foreign keys; dates are ISO text, durations whole months as INTEGER, and `unknown`
stays visible (a text column says "unknown"; an integer column is NULL with a `*_unknown` flag beside it).
`entries` and `texts` are what `search` reads: one row per version of every title, part, item, treaty
provision and vocabulary term, with the dates it may be in force, and its texts, under an FTS5 index.

The database is built in a temporary file beside the target and moved into place with os.replace, so an
interrupted or concurrent run leaves a whole database (the old one, or one complete new one) behind; an
existing file is replaced only when it is a tipkb index (kb/outputs.py).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
from functools import cache
from pathlib import Path
from typing import Callable

from .cache import key
from .entries import Candidates, Entry, entries
from .errors import IOFailure
from .knowledge import KB
from .model import UNKNOWN, Dated, Elements, Penalty, Window
from .outputs import check_target, sweep, temporary
from .record import Data
from .snapshot import spans
from .timeline import When
from .vocab import LANGS

S, I = str, int
_VERSION = dict(seq=I, act_id=S, from_date=S, in_force_earliest=S, in_force_latest=S, earliest=S, superseded=S,
                repealed=I, confidence=S, basis=S, note=S)
_TITLE = dict(title_en=S, title_ru=S, title_kk=S)
_OWNERS = dict(title_version_id=I, part_version_id=I, item_version_id=I, provision_id=I)


def _table(pk: str, fks: list[tuple[str, str, str]] = (), **columns) -> tuple[dict, str, list]:
    return columns, pk, list(fks)


# In creation order: a table's foreign keys point only at tables above it.
SCHEMA = {
    "meta": _table("key", key=S, value=S),
    "sources": _table("id", id=S, url=S, doc=S, title=S, grade=S, date=S, family=S),
    "acts": _table("id", id=S, number=S, **_TITLE, signed=S, in_force=S, in_force_earliest=S, in_force_latest=S,
                   window_basis=S, summary=S, note=S, confidence=S),
    "instruments": _table("id", id=S, **_TITLE, kind=S, adopted=S, in_force=S, note=S, confidence=S),
    "provisions": _table("id", [("instrument_id", "instruments", "id")], id=I, instrument_id=S, provision=S,
                         citation=S, title=S, summary=S, obligation=S, illustrative=I, paragraph=S, confidence=S, note=S),
    "vocabulary": _table("id", id=S, category=S, label_en=S, label_ru=S, label_kk=S, note=S),
    "synonyms": _table("id", [("vocabulary_id", "vocabulary", "id")], id=I, vocabulary_id=S, lang=S, synonym=S),
    "articles": _table("number", [("code", "instruments", "id")], number=S, code=S),
    "title_versions": _table("id", [("article", "articles", "number"), ("act_id", "acts", "id")], id=I, article=S,
                             **_VERSION, **_TITLE),
    "parts": _table("id", [("article", "articles", "number")], id=S, article=S, part=S, label=S, builds_on=S, seq=I),
    "part_versions": _table("id", [("part_id", "parts", "id"), ("act_id", "acts", "id")], id=I, part_id=S, **_VERSION,
                            summary=S, text_ru=S, elements_unknown=I, penalty=S, main_unknown=I,
                            additional_unknown=I, items_complete=I),
    "items": _table("id", [("part_id", "parts", "id")], id=S, part_id=S, item=S, seq=I),
    "item_versions": _table("id", [("item_id", "items", "id"), ("act_id", "acts", "id")], id=I, item_id=S, **_VERSION,
                            summary=S, text_ru=S, elements_unknown=I),
    "elements": _table("id", [("part_version_id", "part_versions", "id"), ("item_version_id", "item_versions", "id"),
                              ("provision_id", "provisions", "id"), ("vocabulary_id", "vocabulary", "id")],
                       id=I, part_version_id=I, item_version_id=I, provision_id=I, vocabulary_id=S, slot=S),
    "penalties": _table("id", [("part_version_id", "part_versions", "id")], id=I, part_version_id=I, seq=I, kind=S,
                        min_months=I, max_months=I, min_unknown=I, max_unknown=I, note=S),
    "additional_punishments": _table("id", [("part_version_id", "part_versions", "id")], id=I, part_version_id=I,
                                     seq=I, kind=S, mandatory=I, term_months=I, term_life=I, term_unknown=I, note=S),
    "version_sources": _table("id", [("title_version_id", "title_versions", "id"),
                                     ("part_version_id", "part_versions", "id"),
                                     ("item_version_id", "item_versions", "id"), ("provision_id", "provisions", "id"),
                                     ("act_id", "acts", "id"), ("instrument_id", "instruments", "id"),
                                     ("source_id", "sources", "id")],
                              id=I, **_OWNERS, act_id=S, instrument_id=S, source_id=S, supports=S, role=S),
    "requirements": _table("id", id=S, grp=S, title=S, kind=S, test=S, establishes=S, fact=S,
                           threshold_months=I),
    "requirement_basis": _table("id", [("requirement_id", "requirements", "id"), ("instrument_id", "instruments", "id")],
                                id=I, requirement_id=S, instrument_id=S, provision=S),
    "requirement_elements": _table("id", [("requirement_id", "requirements", "id"),
                                          ("vocabulary_id", "vocabulary", "id")],
                                   id=I, requirement_id=S, vocabulary_id=S),
    "roles": _table("id", id=I, role=S, provision=S),
    "equivalents": _table("id", [("national", "vocabulary", "id"), ("protocol", "vocabulary", "id")], id=I,
                          national=S, protocol=S, degree=S, note=S, confidence=S),
    "annotations": _table("id", [("requirement_id", "requirements", "id")], id=I, requirement_id=S, status=S,
                          summary=S, confidence=S),
    "entries": _table("id", [("title_version_id", "title_versions", "id"), ("part_version_id", "part_versions", "id"),
                             ("item_version_id", "item_versions", "id"), ("provision_id", "provisions", "id"),
                             ("vocabulary_id", "vocabulary", "id")],
                      id=I, kind=S, citation=S, seq=I, ord=I, act=S, in_force_earliest=S, in_force_latest=S, confidence=S,
                      earliest=S, superseded=S, **_OWNERS, vocabulary_id=S, text_count=I),
    "texts": _table("id", [("entry_id", "entries", "id")], id=I, entry_id=I, field=S, lang=S, text=S),
    # an entry's elements, whatever owns them (a part's or an item's version, a provision): what search asks
    "entry_elements": _table("id", [("entry_id", "entries", "id"), ("vocabulary_id", "vocabulary", "id")], id=I,
                             entry_id=I, vocabulary_id=S),
}


class IndexResult(Data):
    path: str
    kb_hash: str
    built_at: str
    tables: dict[str, int]  # rows per table
    fts: list[str]  # the full-text tables: "texts_fts over texts.text"


@cache  # a whole-Code KB writes some 200,000 dates, of a few dozen days
def _iso(value) -> str | None:
    return value.isoformat() if isinstance(value, dt.date) else value


class _Rows:
    """The tables as lists of rows, each a tuple in the order of its columns; `add` returns the row's id: its
    number in a table that numbers its rows, else the id given (or None). (Tuples, not dicts: a whole-Code KB
    has 200,000 rows.)"""

    def __init__(self):
        self.tables: dict[str, list[tuple]] = {name: [] for name in SCHEMA}
        # per table: every column as None, in order, and whether the id is a row number the rows are given here
        self.columns = {name: (dict.fromkeys(columns), columns.get("id") is I) for name, (columns, _, _) in SCHEMA.items()}

    def add(self, table: str, **row) -> int | None:
        rows = self.tables[table]
        empty, numbered = self.columns[table]
        full = {**empty, **row}  # the columns in order, whatever order they are given in
        if len(full) != len(empty):
            raise KeyError(f"no column {sorted(full.keys() - empty.keys())} in {table}")
        if numbered:
            full["id"] = len(rows) + 1
        rows.append(tuple(full.values()))
        return full.get("id")

    def sources(self, refs, **owner) -> None:
        for s in refs:
            self.add("version_sources", **owner, source_id=s.ref, supports=s.supports, role=s.role)


def _rows(kb: KB) -> _Rows:
    r = _Rows()
    r.add("meta", key="kb_hash", value=content_key(kb))
    r.add("meta", key="built_at", value=dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"))
    r.add("meta", key="root", value=str(kb.root))
    for sid, s in kb.sources.sources.items():
        r.add("sources", id=sid, url=s.url, doc=s.doc, title=s.title, grade=s.grade, date=_iso(s.date),
              family=s.family)
    for act in kb.acts.values():
        window = act.in_force if isinstance(act.in_force, Window) else None
        day = act.in_force.date if isinstance(act.in_force, Dated) else act.in_force
        r.add("acts", id=act.id, number=act.number, **_titles(act.title), signed=_iso(act.signed),
              in_force=_iso(day) if window is None else "window",
              in_force_earliest=_iso(window.earliest if window else day),
              in_force_latest=_iso(window.latest if window else day), window_basis=window and window.basis,
              summary=act.summary, note=act.note, confidence=act.confidence)
        r.sources(act.sources, act_id=act.id)
    code = kb.code
    r.add("instruments", id=code.id, **_titles(code.title), kind=code.kind, adopted=None, in_force=None, note=None,
          confidence=code.confidence)
    r.sources(code.sources, instrument_id=code.id)
    for voc_id, term in kb.vocabulary.terms.items():
        r.add("vocabulary", id=voc_id, category=voc_id.split(".")[0], label_en=term.label.en, label_ru=term.label.ru,
              label_kk=term.label.kk, note=term.note)
        for lang in LANGS:
            for synonym in term.synonyms.get(lang, []):
                r.add("synonyms", vocabulary_id=voc_id, lang=lang, synonym=synonym)

    owners: dict[tuple[str, str, int], dict] = {}  # (kind, citation, seq) -> the entry's foreign key
    for inst in kb.instruments.values():
        r.add("instruments", id=inst.id, **_titles(inst.title), kind=inst.kind, adopted=_iso(inst.adopted),
              in_force=_iso(inst.in_force), note=inst.note, confidence=inst.confidence)
        r.sources(inst.sources, instrument_id=inst.id)
        for p in inst.provisions:
            pid = r.add("provisions", instrument_id=inst.id, provision=p.id, citation=f"{inst.id} {p.id}",
                        title=p.title, summary=p.summary, obligation=p.obligation, illustrative=int(p.illustrative),
                        paragraph=p.paragraph, confidence=p.confidence, note=p.note)
            owners["provision", f"{inst.id} {p.id}", 0] = {"provision_id": pid}
            _elements(r, p.elements, provision_id=pid)
            r.sources(p.sources, provision_id=pid)

    def versions(table, kind, citation, parent, versions, extra) -> list[tuple]:
        added = []
        for seq, (v, (w, earliest, superseded)) in enumerate(zip(versions, spans(versions, kb.acts))):
            vid = r.add(table, **parent, seq=seq, act_id=v.act, from_date=_iso(v.from_), in_force_earliest=_iso(w.earliest),
                        in_force_latest=_iso(w.latest), earliest=_iso(earliest), superseded=_iso(superseded),
                        repealed=int(v.repealed), confidence=v.confidence, basis=v.basis, note=v.note, **extra(v))
            fk = f"{table[:-1]}_id"
            owners[kind, citation, seq] = {fk: vid}
            r.sources(v.sources, **{fk: vid})
            added.append((v, vid))
        return added

    for art in kb.articles.values():
        r.add("articles", number=art.article, code=art.code)
        versions("title_versions", "article", art.article, {"article": art.article}, art.titles,
                 lambda v: _titles(v.title))
        for pseq, part in enumerate(art.parts):
            cite = f"{art.article}.{part.id}"
            r.add("parts", id=cite, article=art.article, part=part.id, label=part.label,
                  builds_on=", ".join(part.builds_on) or None, seq=pseq)
            for v, vid in versions("part_versions", "part", cite, {"part_id": cite}, part.versions, _part):
                _elements(r, v.elements, part_version_id=vid)
                _penalty(r, v.penalty, vid)
            for iseq, item in enumerate(part.items):
                icite = f"{cite}.{item.id}"
                r.add("items", id=icite, part_id=cite, item=item.id, seq=iseq)
                for v, vid in versions("item_versions", "item", icite, {"item_id": icite}, item.versions, _body):
                    _elements(r, v.elements, item_version_id=vid)

    if kb.checklist:
        for req in kb.checklist.requirements:
            r.add("requirements", id=req.id, grp=req.group, title=req.title, kind=req.kind, test=req.test,
                  establishes=req.establishes, fact=req.fact, threshold_months=req.threshold_months)
            for b in req.basis:
                r.add("requirement_basis", requirement_id=req.id, instrument_id=b.instrument, provision=b.provision)
            for e in req.elements:
                r.add("requirement_elements", requirement_id=req.id, vocabulary_id=e)
    if kb.mapping:
        roles = kb.mapping.roles
        for role, value in roles.model_dump().items():
            for provision in value if isinstance(value, list) else [value] if value else []:
                r.add("roles", role=role, provision=provision)
        for e in kb.mapping.equivalents:
            r.add("equivalents", national=e.national, protocol=e.protocol, degree=e.degree, note=e.note,
                  confidence=e.confidence)
        for a in kb.mapping.annotations:
            r.add("annotations", requirement_id=a.requirement, status=a.status, summary=a.summary,
                  confidence=a.confidence)

    for e in entries(kb):
        fk = owners.get((e.kind, e.citation, e.seq), {"vocabulary_id": e.citation} if e.kind == "term" else {})
        eid = r.add("entries", kind=e.kind, citation=e.citation, seq=e.seq, ord=e.order, act=e.act,
                    in_force_earliest=_iso(e.when.earliest) if e.when else None,
                    in_force_latest=_iso(e.when.latest) if e.when else None, confidence=e.grade, earliest=_iso(e.earliest),
                    superseded=_iso(e.superseded), **fk, text_count=len(e.texts))
        for field, text in e.texts:
            lang = field.rsplit(".", 1)[1] if field.rsplit(".", 1)[-1] in LANGS else "en"
            r.add("texts", entry_id=eid, field=field, lang=lang, text=text)
        for vid in dict.fromkeys(e.elements):
            r.add("entry_elements", entry_id=eid, vocabulary_id=vid)
    return r


def _titles(text) -> dict:
    return {f"title_{lang}": text.get(lang) for lang in LANGS}


def _body(v) -> dict:
    return dict(summary=v.summary, text_ru=v.text_ru, elements_unknown=int(v.elements == UNKNOWN))


def _part(v) -> dict:
    p = v.penalty
    stated = isinstance(p, Penalty)  # (isinstance rather than `== UNKNOWN`: a record's __eq__ is Python code)
    return dict(**_body(v), penalty="stated" if stated else p, main_unknown=int(stated and p.main == UNKNOWN),
                additional_unknown=int(stated and p.additional == UNKNOWN), items_complete=int(v.items_complete))


def _elements(r: _Rows, elements, **owner) -> None:
    if not isinstance(elements, Elements):  # None or unknown
        return
    for slot in ("acts", "means", "purposes", "victim", "circumstances"):
        for vid in getattr(elements, slot):
            r.add("elements", **owner, vocabulary_id=vid, slot=slot)


def _penalty(r: _Rows, penalty, part_version_id: int) -> None:
    if not isinstance(penalty, Penalty):  # None or unknown
        return

    def months(value):
        return value if isinstance(value, int) else None

    for seq, m in enumerate([] if penalty.main == UNKNOWN else penalty.main):
        r.add("penalties", part_version_id=part_version_id, seq=seq, kind=m.kind, min_months=months(m.min),
              max_months=months(m.max), min_unknown=int(m.min == UNKNOWN), max_unknown=int(m.max == UNKNOWN),
              note=m.note)
    for seq, a in enumerate([] if penalty.additional == UNKNOWN else penalty.additional):
        r.add("additional_punishments", part_version_id=part_version_id, seq=seq, kind=a.kind,
              mandatory=None if a.mandatory == UNKNOWN else int(a.mandatory), term_months=months(a.term),
              term_life=int(a.term == "life"), term_unknown=int(a.term == UNKNOWN), note=a.note)


def is_index(path: Path) -> bool:
    """Whether `path` is a database tipkb wrote: SQLite with a `meta` table that holds a KB hash."""
    try:
        conn = sqlite3.connect(Path(path).resolve().as_uri() + "?mode=ro", uri=True)
        try:
            return conn.execute("select value from meta where key = 'kb_hash'").fetchone() is not None
        finally:
            conn.close()
    except sqlite3.Error:
        return False


def _words_table(conn: sqlite3.Connection) -> int:
    """Each token of the full-text vocabulary with its words' forms, stems and skeletons, so that a search
    compares the query with them without analysing thousands of tokens again (kb/search.py)."""
    from .words import analyse

    conn.execute("create virtual table temp.vocab using fts5vocab(main, 'texts_fts', 'row')")
    with conn:
        conn.execute("create table words (token text, form text, stem text, skeleton text, cyrillic integer)")
        words = [w for (t,) in conn.execute("select term from temp.vocab") for w in analyse(t)]
        conn.executemany("insert into words values (?, ?, ?, ?, ?)", words)
    return len(words)


def build_index(kb: KB, db_path: Path, force: bool = False) -> IndexResult:
    """Write the KB to `db_path` atomically: built beside it under a temporary name, then moved into place.
    An existing file is replaced only when it is a tipkb index, or with `force` (kb/outputs.py)."""
    import sqlite_utils

    check_target(Path(db_path), is_index, "a tipkb index", force)
    target = Path(db_path).absolute()
    rows = _rows(kb)
    sweep(target.parent, target.name)
    tmp = None
    try:
        tmp = temporary(target.parent, target.name)
        db = sqlite_utils.Database(tmp)
        try:
            db.execute("pragma journal_mode = memory")  # no journal file to leave behind; the file is scratch
            with db.conn:  # one transaction; executemany, not insert_all, which checks every value in Python
                for name, (columns, pk, fks) in SCHEMA.items():
                    db[name].create(columns, pk=pk, foreign_keys=fks)
                    db.conn.executemany(f"insert into [{name}] ({', '.join(f'[{c}]' for c in columns)}) values "
                                        f"({', '.join('?' * len(columns))})", rows.tables[name])
            db["texts"].enable_fts(["text"], tokenize=FTS_TOKENIZER)
            words = _words_table(db.conn)
            for table, columns in INDEXES:
                db[table].create_index(columns)
        finally:
            db.close()
        umask = os.umask(0)
        os.umask(umask)
        tmp.chmod(0o666 & ~umask)  # a temporary file is private; the index is an ordinary file
        os.replace(tmp, target)  # atomic: readers see the old database or the whole new one
    except BaseException as e:
        if tmp is not None:
            tmp.unlink(missing_ok=True)
        if isinstance(e, OSError):
            raise IOFailure(f"cannot write the index {db_path}: {e.strerror or e}") from None
        if isinstance(e, sqlite3.Error):
            raise IOFailure(f"cannot write the index {db_path}: {e}") from None
        raise
    meta = dict(rows.tables["meta"])  # (key, value)
    return IndexResult(path=str(db_path), kb_hash=meta["kb_hash"], built_at=meta["built_at"],
                       tables={**{name: len(table) for name, table in rows.tables.items()}, "words": words},
                       fts=["texts_fts (FTS5) over texts.text"])


_ACTIVE = "(earliest is null or earliest <= :on) and (superseded is null or :on < superseded)"
_ENTRY = "id, kind, citation, seq, ord, act, in_force_earliest, in_force_latest, confidence, earliest, superseded"
# FTS5 tokens as kb/search.py's words: lower case, Cyrillic and Kazakh letters as written, `_` inside a word
FTS_TOKENIZER = "unicode61 remove_diacritics 0 tokenchars '_'"
# What search looks up, besides the FTS table: an entry's texts and elements, and the entries holding a term.
INDEXES = [("texts", ["entry_id"]), ("entry_elements", ["entry_id"]), ("entry_elements", ["vocabulary_id"]),
           ("entries", ["kind", "citation"])]


def content_key(kb: KB) -> str:
    """What the index records of the KB it holds, and search compares: the content key the cache found."""
    return kb.key or key(kb.root)


def _open(db_path: Path, kb_key: str) -> tuple[sqlite3.Connection | None, str | None]:
    """A read-only connection to a current index; (None, why) when it is absent, stale or not an index."""
    path = Path(db_path)
    if not path.is_file():
        return None, None
    try:
        conn = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
        try:
            stored = conn.execute("select value from meta where key = 'kb_hash'").fetchone()
        except sqlite3.Error:
            conn.close()
            raise
    except sqlite3.Error:
        return None, "not_an_index"
    if stored is None or stored[0] != kb_key:
        conn.close()
        return None, "stale"
    return conn, None


def _ids(ids) -> str:
    return json.dumps(sorted(ids))


def _entries(conn: sqlite3.Connection, where: str, params: dict) -> list[Entry]:
    """The entries `where` selects, in KB order, with their texts and elements."""
    rows = conn.execute(f"select {_ENTRY} from entries where {where} order by ord", params).fetchall()
    ids = _ids(row[0] for row in rows)
    texts: dict[int, list[tuple[str, str]]] = {}
    for eid, field, text in conn.execute("select entry_id, field, text from texts where entry_id in "
                                         "(select value from json_each(?)) order by id", (ids,)):
        texts.setdefault(eid, []).append((field, text))
    elements: dict[int, list[str]] = {}
    for eid, vid in conn.execute("select entry_id, vocabulary_id from entry_elements where entry_id in "
                                 "(select value from json_each(?)) order by 1, 2", (ids,)):
        elements.setdefault(eid, []).append(vid)

    @cache
    def date(value: str | None) -> dt.date | None:
        return dt.date.fromisoformat(value) if value else None

    @cache  # (When is frozen: entries of one act share one)
    def said(kind: str, act: str, earliest: str | None, latest: str | None) -> When | None:
        if not earliest:
            return None
        return When(earliest=date(earliest), latest=date(latest), act=None if kind == "provision" else act)

    return [Entry(kind, citation, seq, order, tuple(texts.get(eid, ())), tuple(elements.get(eid, ())), act,
                  said(kind, act, first, last), confidence, date(earliest), date(superseded))
            for eid, kind, citation, seq, order, act, first, last, confidence, earliest, superseded in rows]


def entries_on(db_path: Path, kb_key: str, on: dt.date) -> tuple[list[Entry] | None, str | None]:
    """The entries in force on `on`, read from the index; (None, why) when it is absent, stale or not an index."""
    conn, problem = _open(db_path, kb_key)
    if conn is None:
        return None, problem
    try:
        return _entries(conn, _ACTIVE, {"on": on.isoformat()}), None
    except sqlite3.Error:
        return None, "not_an_index"
    finally:
        conn.close()


def search_index(db_path: Path, kb_key: str, on: dt.date,
                 pick: Callable[[list[tuple]], set[str]]) -> tuple[Candidates | None, str | None]:
    """The entries in force on `on` that hold a token of the index's vocabulary that `pick` takes (given the
    `words` table the index built from fts5vocab), in their own texts or in a vocabulary term of their
    elements, found with one FTS query; (None, why) when the index is absent, stale or not an index."""
    conn, problem = _open(db_path, kb_key)
    if conn is None:
        return None, problem
    on_ = {"on": on.isoformat()}
    try:
        tokens = sorted(pick(conn.execute("select token, form, stem, skeleton, cyrillic from words").fetchall()))
        hits: set[int] = set()
        if tokens:
            match = " OR ".join('"' + t.replace('"', '""') + '"' for t in tokens)
            hits = {eid for (eid,) in conn.execute(
                "select entry_id from texts where id in (select rowid from texts_fts where texts_fts match ?)",
                (match,))}
        hits |= {eid for (eid,) in conn.execute(
            "select entry_id from entry_elements where vocabulary_id in (select vocabulary_id from entries where "
            "kind = 'term' and id in (select value from json_each(?)))", (_ids(hits),))}
        matching = [(eid, citation) for eid, citation in conn.execute(
            f"select id, citation from entries where id in (select value from json_each(:hits)) and {_ACTIVE}",
            {**on_, "hits": _ids(hits)})]
        articles = json.dumps(sorted({citation.split(".")[0] for _, citation in matching}))
        titles = f"kind = 'article' and citation in (select value from json_each(:articles)) and {_ACTIVE}"
        entries = _entries(conn, f"kind = 'term' or id in (select value from json_each(:ids)) or ({titles})",
                           {**on_, "ids": _ids(eid for eid, _ in matching), "articles": articles})
        texts = conn.execute(f"select coalesce(sum(text_count), 0) from entries where {_ACTIVE}", on_).fetchone()[0]
        instruments = [a for (a,) in conn.execute(
            f"select distinct act from entries where kind = 'provision' and {_ACTIVE} order by act", on_)]
    except sqlite3.Error:
        return None, "not_an_index"
    finally:
        conn.close()
    return Candidates(entries, texts, instruments), None
