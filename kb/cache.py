"""A cache of the loaded, validated KB: each file's records as JSON, checksummed.

The cache folder is named by a hash of every KB file, of tipkb's own code, of the interpreter and of the
installed versions of the libraries the data passes through, so a stale KB is never served. Finding it does
not read every file: the cache records each file's stats (size, mtime, inode, ctime) and content hash, and a file
is hashed again only when its stats changed, or were taken too close to its last change to tell (git's "racily
clean" files). When one file changed, the rebuild parses only that file; the others' parsed data comes from
the previous cache, and every cross-file check is run again on the whole.

The cache holds data, never code: each entry is one line `tipkb-cache FORMAT SHA256` followed by the JSON text
the hash is taken over, and the hash is checked before the JSON is decoded. The JSON is kb/record.py's: each
record tagged with its class, which must be one of kb/model.py's, with exactly that class's fields; it is
rebuilt without validating it again, so a lookup never imports pydantic. A damaged, truncated, missing or
foreign entry is rebuilt from the YAML, if the file still holds what the cache recorded, with one note
(kb/notes.py: the library prints nothing; the CLI shows it). Articles are decoded only when a command reads
them. Drafts are applied after loading and never cached. A KB keeps two caches, its newest and the one before;
a cache unused for 30 days is removed, whichever KB it was for (`_prune`). TIPKB_NO_CACHE=1 bypasses the cache,
TIPKB_CACHE_DIR moves it (default: ~/.cache/tipkb).
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import re
import shutil
import sys
import time
from collections.abc import Iterator, Mapping, MutableMapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Callable, TypeVar

from . import inputs
from .errors import InvalidKB, IOFailure
from .notes import note
from .outputs import sweep, temporary
from .record import decoder, encode, records_in

if TYPE_CHECKING:
    from .knowledge import KB

R = TypeVar("R")

FORMAT = b"tipkb-cache 3"
CORE_LIMIT = 20 * inputs.KB_FILE  # bytes of one entry: what the core's files may hold, as JSON
ENTRY_LIMIT = 2 * inputs.KB_FILE
# A file whose mtime lies this close to the moment its stats were recorded may have changed again within the
# same timestamp tick without its stats showing it: it is hashed until a later record is clear of it.
RACY_NS = 2_000_000_000
# A cache no run has used for this long is removed, whatever KB folder or runtime it was made for; a cache in use
# has its folder's mtime renewed once a day (`_used`).
DAY_NS = 86_400 * 10**9
UNUSED_NS = 30 * DAY_NS
_CODE = Path(__file__).resolve().parent
_CACHE_NAME = re.compile(r"kb-[0-9a-f]{16}-[0-9a-f]{32}")  # kb-{root and runtime}-{content}: `_state`
_RESULT_NAME = re.compile(r"[a-z]+-[0-9a-f]{32}\.json")  # a kept result: {name}-{request}.json (`remembered`)
RESULTS_KEPT = 8
# The libraries whose versions key the cache: what parses, validates and presents the data.
_DEPENDENCIES = frozenset({"pydantic", "pydantic_core", "ruamel_yaml", "ruamel_yaml_clib", "pyyaml", "typer", "rich",
                           "rapidfuzz", "sqlite_utils"})


def _directory() -> Path:
    if os.environ.get("TIPKB_CACHE_DIR"):
        return Path(os.environ["TIPKB_CACHE_DIR"])
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "tipkb"


def _sources(root: Path) -> list[str]:
    """What the cache rests on, by absolute path: every YAML file of the KB (a folder named *.yaml too, which
    the load reports) and tipkb's own code. (os.walk, like Path.rglob, does not descend into linked folders.)"""
    found = []
    for folder in ("statutes", "mappings"):
        for where, folders, files in os.walk(root / folder):
            found += [os.path.join(where, n) for n in (*files, *folders) if n.endswith(".yaml")]
    return sorted(found) + sorted(str(p) for p in _CODE.glob("*.py"))


def _stat(path: str) -> list[int] | None:
    """[size, mtime_ns, inode, ctime_ns]: the ctime too, because an edit can put the size and mtime back (an
    in-place rewrite followed by `touch -r`, a restore) but never the ctime."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return [st.st_size, st.st_mtime_ns, st.st_ino, st.st_ctime_ns]


def _digest(path: str) -> str:
    try:
        return hashlib.sha256(inputs.read_bytes(path, path, inputs.KB_FILE)).hexdigest()
    except InvalidKB:  # unreadable or not a file: let the real load report it
        return "unreadable"


def runtime() -> str:
    """The interpreter and the installed dependencies, by their dist-info folder names (name and version):
    listing site-packages costs far less than importlib.metadata."""
    found = []
    for entry in sys.path:
        if Path(entry).name in ("site-packages", "dist-packages"):
            try:
                names = os.listdir(entry)
            except OSError:
                continue
            found += [n for n in names if n.endswith(".dist-info")
                      and n.split("-")[0].lower().replace(".", "_") in _DEPENDENCIES]
    return "|".join([sys.version, sys.implementation.cache_tag, *sorted(found)])


def _encode(data: object) -> bytes:
    body = json.dumps(encode(data), ensure_ascii=False, separators=(",", ":")).encode()
    return FORMAT + b" " + hashlib.sha256(body).hexdigest().encode() + b"\n" + body


class Damaged(Exception):
    """A cache entry that is missing, truncated, altered or written by another version."""


@functools.cache
def _hook() -> Callable[[dict], object]:
    from . import model

    return decoder({n: c for n, c in vars(model).items()
                    if isinstance(c, type) and issubclass(c, model.Strict) and c.__module__ == model.__name__})


def _decode(path: Path, limit: int, kind: type | None = None, hook: Callable[[dict], object] | None = None) -> object:
    """The data of a cache entry (a record of class `kind`, when given), or Damaged; the checksum is verified
    before the JSON is decoded. `hook` rebuilds records of other classes than kb/model.py's."""
    try:
        raw = inputs.read_bytes(path, str(path), limit)
    except InvalidKB as e:
        raise Damaged(e.findings[0].message) from None
    header, _, body = raw.partition(b"\n")
    fmt, _, digest = header.rpartition(b" ")
    if fmt != FORMAT:
        raise Damaged("not a cache entry of this version")
    if digest != hashlib.sha256(body).hexdigest().encode():
        raise Damaged("checksum mismatch")
    try:
        data = json.loads(body, object_hook=hook or _hook())
    except (ValueError, TypeError, RecursionError) as e:  # (a foreign record is a ValueError too)
        raise Damaged(str(e)) from None
    if kind is not None and not isinstance(data, kind):
        raise Damaged("unexpected content")
    return data


def _write(path: Path, data: object, limit: int) -> None:
    """Write one entry whole (temporary file, then rename); too large an entry is not cached."""
    encoded = _encode(data)
    if len(encoded) > limit:
        raise OSError("entry too large to cache")
    tmp = temporary(path.parent, path.name)
    try:
        tmp.write_bytes(encoded)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


@functools.cache
def _result_hook(kind: type) -> Callable[[dict], object]:
    classes = {c.__name__: c for c in records_in(kind)}
    assert len(classes) == len(records_in(kind)), f"two record classes of one name in {kind.__name__}"
    return decoder(classes)


def remembered(kb: KB, name: str, request: object, kind: type[R], compute: Callable[[], R]) -> R:
    """What `compute` returns, kept in the KB's cache folder under `request` (plain JSON data): for a result
    that reads the whole KB, such as a whole-Code diff, which a second run then reads instead of every version
    of every article. The folder is named by the KB's content and tipkb's code, so a kept result is never
    stale. A KB the cache did not serve (TIPKB_NO_CACHE, a draft's overlay) computes every time; a kept
    result that is missing or damaged is computed again, silently (it is a copy); the RESULTS_KEPT most
    recently used are kept. The file holds the whole hash of the KB's key and the request besides the result,
    so a file under another name (copied from another request or KB, or a clash of the shortened hash in its
    name) is never served. What else holds a result's name (a folder) is left, and the result not kept."""
    if kb.cache is None:
        return compute()
    digest = hashlib.sha256(json.dumps([kb.key, request], sort_keys=True).encode()).hexdigest()
    path = kb.cache / f"{name}-{digest[:32]}.json"
    try:
        found = _decode(path, CORE_LIMIT, dict, _result_hook(kind))
        if found.keys() == {"request", "result"} and found["request"] == digest and isinstance(found["result"], kind):
            with contextlib.suppress(OSError):
                os.utime(path)
            return found["result"]
    except Damaged:
        pass
    result = compute()
    try:
        sweep(kb.cache, _RESULT_NAME)
        _write(path, {"request": digest, "result": result}, CORE_LIMIT)
    except OSError:
        pass  # (another run may have removed this cache meanwhile; the result is still returned)
    _forget_all_but(kb.cache, RESULTS_KEPT)
    return result


def _forget_all_but(folder: Path, kept: int) -> None:
    """Remove the kept results of `folder` but the `kept` most recently used; whatever else holds such a name (a
    folder, a link) is left alone."""
    found = []
    with contextlib.suppress(OSError):
        for e in os.scandir(folder):
            with contextlib.suppress(OSError):
                if _RESULT_NAME.fullmatch(e.name) and e.is_file(follow_symlinks=False):
                    found.append((e.stat(follow_symlinks=False).st_mtime_ns, e.path))
    for _, path in sorted(found, reverse=True)[kept:]:
        with contextlib.suppress(OSError):
            os.unlink(path)


class LazyArticles(Mapping):
    """The articles of a cached KB, each decoded on first access: a command that reads one article of a
    500-article KB pays for one. A damaged or missing entry (another run may have removed an older cache) is
    rebuilt from the YAML file when that file still holds what the cache was built from (its hash, recorded
    with the cache); a file changed since is an error, never mixed into the KB as it was."""

    def __init__(self, folder: Path, paths: dict[str, Path], shas: dict[str, str], root: Path):
        self._folder, self._paths, self._shas, self._root = folder, paths, shas, root
        self._loaded: dict = {}
        self.noted = False

    def __getitem__(self, number: str):
        if number not in self._loaded:
            from .model import Article

            path = self._paths[number]  # KeyError for an article the KB does not have
            entry = self._folder / f"art-{number}.json"
            try:
                self._loaded[number] = _decode(entry, ENTRY_LIMIT, Article)
            except Damaged as e:
                from .yamlio import read

                display = str(path.relative_to(self._root))
                raw = inputs.read_bytes(path, display, inputs.KB_FILE)
                if hashlib.sha256(raw).hexdigest() != self._shas.get(number):
                    raise IOFailure(f"{display} changed while this command was reading the knowledge base; run it "
                                    f"again") from None
                self._loaded[number] = Article.model_validate(read(raw, display))
                if not self.noted:
                    note(f"the cache entry {entry} was damaged ({_why(e)}); rebuilt it from the YAML")
                    self.noted = True
                try:
                    sweep(entry.parent, entry.name)  # what a run killed while rewriting it left behind
                    if entry.is_dir() and not entry.is_symlink():  # (a file cannot be renamed over it)
                        shutil.rmtree(entry)
                    _write(entry, self._loaded[number], ENTRY_LIMIT)
                except OSError:
                    pass
        return self._loaded[number]

    def __contains__(self, number: object) -> bool:
        return number in self._paths

    def __iter__(self) -> Iterator[str]:
        return iter(self._paths)

    def __len__(self) -> int:
        return len(self._paths)


class LazyDigests(MutableMapping):
    """The articles' digests (Article.digest()), read from their own entry when a command first asks for one:
    a lookup asks for none, and at ×100 they are half the size of the core. A damaged entry reads as empty,
    and each digest is then computed from its article (kb/knowledge.py)."""

    def __init__(self, path: Path):
        self._path, self._data = path, None

    def _all(self) -> dict:
        if self._data is None:
            try:
                data = _decode(self._path, CORE_LIMIT)
            except Damaged:
                data = None
            ok = isinstance(data, dict) and all(
                isinstance(d, dict) and all(isinstance(d.get(k), list) for k in ("undated", "terms"))
                for d in data.values())
            self._data = data if ok else {}
        return self._data

    def __getitem__(self, number: str) -> dict:
        return self._all()[number]

    def __setitem__(self, number: str, digest: dict) -> None:
        self._all()[number] = digest

    def __delitem__(self, number: str) -> None:
        del self._all()[number]

    def __iter__(self) -> Iterator[str]:
        return iter(self._all())

    def __len__(self) -> int:
        return len(self._all())


def _why(e: Exception) -> str:
    return str(e) if isinstance(e, Damaged) else f"unexpected content: {type(e).__name__}"


@dataclass
class _State:
    """The KB under a root as the cache sees it: its content key, where its cache lives, and the newest cache
    this root had (which holds the recorded stats, and the parsed data a rebuild can reuse)."""

    root: Path
    key: str
    folder: Path
    stats: dict[str, list | None]  # path -> `_stat`, as found before anything was read
    shas: dict[str, str]  # path -> content hash
    stated: int  # when the stats were taken (time_ns)
    newest: Path | None
    core: dict | None  # the newest cache's core, decoded; None when there is none, or it is damaged
    damage: Exception | None  # why the newest cache's core could not be read
    refresh: bool  # the newest cache's stats are out of date (a file was touched, or is no longer racy)


def _core(where: Path) -> dict:
    """A cache folder's core entry, checked for the shape the lookup relies on; Damaged otherwise."""
    core = _decode(where / "core.json", CORE_LIMIT)
    if not (isinstance(core, dict) and isinstance(core.get("stats"), dict) and isinstance(core.get("stated"), int)
            and isinstance(core.get("key"), str) and isinstance(core.get("files"), dict)
            and isinstance(core.get("articles"), list) and isinstance(core.get("data"), dict)):
        raise Damaged("unexpected content")
    return core


def _state(root: Path) -> _State:
    """Stat every file, hash only those whose stats differ from the newest cache's record (or are racy)."""
    extra = runtime()
    tag = hashlib.sha256(f"{root}|{extra}".encode()).hexdigest()[:16]
    stated = time.time_ns()
    paths = _sources(root)
    stats = {p: _stat(p) for p in paths}
    newest = core = damage = None
    try:
        ours = [e for e in os.scandir(_directory()) if e.name.startswith(f"kb-{tag}-") and e.is_dir()]
        if ours:
            newest = Path(max(ours, key=lambda e: e.stat().st_mtime_ns).path)
            core = _core(newest)
    except FileNotFoundError:
        pass
    except (OSError, Damaged) as e:
        core, damage = None, e
    recorded, then = (core["stats"], core["stated"]) if core else ({}, 0)
    shas, refresh = {}, False
    for p in paths:
        old, now = recorded.get(p), stats[p]
        clear = isinstance(old, list) and len(old) == 5 and now is not None and old[:4] == now
        if clear and old[1] + RACY_NS < then:
            shas[p] = old[4]
            continue
        shas[p] = _digest(p)
        if core is not None and (not clear or now[1] + RACY_NS < stated) and shas[p] == _recorded(recorded, p):
            refresh = True  # unchanged content under new stats, or a racy file that is no longer: record it
    h = hashlib.sha256()
    for p in paths:
        h.update(f"{p}\0{shas[p]}\n".encode())
    key = h.hexdigest()
    name = hashlib.sha256(f"{key}|{extra}".encode()).hexdigest()[:32]
    return _State(root, key, _directory() / f"kb-{tag}-{name}", stats, shas, stated, newest, core, damage, refresh)


def key(root: Path) -> str:
    """A hash of every KB file's path and content, and of the library's own source: the KB's content."""
    return _state(root).key


def folder(root: Path) -> Path:
    """Where the cache of the KB under `root`, in its present state, lives."""
    return _state(root).folder


def cached(root: Path, build: Callable[[dict[Path, object]], KB]) -> KB:
    """The KB built by `build`, or the same KB from the cache when nothing it rests on has changed. `build`
    is given the parsed data of the files that did not change since the newest cache, by path."""
    if os.environ.get("TIPKB_NO_CACHE"):
        return build({})
    state = _state(root)
    where = state.folder
    try:
        core = state.core if where == state.newest else _core(where) if where.exists() else None
        if core is not None:
            kb = _restore(root, where, core)
            if where != state.newest or state.refresh:  # record the stats found, so the next run hashes nothing
                _record(where, core, state)
            else:
                _used(where)
            kb.key, kb.cache = state.key, where
            return kb
    except (Damaged, KeyError, TypeError, ValueError, AttributeError) as e:
        note(f"the cache {where} was damaged ({_why(e)}); rebuilt it")
    else:
        if where == state.newest and state.damage is not None:
            note(f"the cache {where} was damaged ({_why(state.damage)}); rebuilt it")
    kb = build(_reusable(state))  # raises on an invalid KB, which is never cached
    kb.key = state.key
    if all(_stat(p) == s for p, s in state.stats.items()):  # nothing changed while it was read
        try:
            _store(where, kb, state)
            kb.cache = where
        except OSError:
            pass  # a read-only or full disk is no reason to fail: the next run tries again
    return kb


def _reusable(state: _State) -> dict[Path, object]:
    """The records of every KB file whose content the newest cache recorded as it is now, when tipkb's own
    code is unchanged too (a new parser could read the same file differently)."""
    core = state.core
    if core is None or state.newest is None:
        return {}
    recorded = core["stats"]

    def same(p: str) -> bool:
        return _recorded(recorded, p) == state.shas[p]

    if not all(same(p) for p in state.shas if not p.endswith(".yaml")):
        return {}
    from .model import Article

    known: dict[Path, object] = {}
    for k, rel in core["files"].items():
        path = state.root / rel
        if not same(str(path)):
            continue
        if k.startswith("article:"):
            try:
                known[path] = _decode(state.newest / f"art-{k.removeprefix('article:')}.json", ENTRY_LIMIT, Article)
            except Damaged:
                continue
        elif k in core["data"]:
            known[path] = core["data"][k]
    return known


def _recorded(stats: dict, path: str) -> str | None:
    """The content hash a cache's core recorded for a file, if it recorded one."""
    old = stats.get(path)
    return old[4] if isinstance(old, list) and len(old) == 5 else None


def _restore(root: Path, where: Path, core: dict) -> KB:
    from .knowledge import KB, SINGLE
    from .model import Instrument

    data, files = core["data"], {k: root / rel for k, rel in core["files"].items()}
    for k, record in data.items():
        if not isinstance(record, Instrument if k.startswith("instrument:") else SINGLE[k][1]):
            raise Damaged("unexpected content")
    articles = {number: files[f"article:{number}"] for number in core["articles"]}
    shas = {number: _recorded(core["stats"], str(path)) for number, path in articles.items()}
    instruments = {k.removeprefix("instrument:"): data[k] for k in files if k.startswith("instrument:")}
    return KB(root, data["code"], {a.id: a for a in data["acts"].acts}, LazyArticles(where, articles, shas, root),
              data["vocabulary"], data["sources"], instruments, data.get("checklist"), data.get("mapping"),
              files=files, digests=LazyDigests(where / "digests.json"))


def _stats(state: _State) -> dict[str, list]:
    return {p: [*s, state.shas[p]] for p, s in state.stats.items() if s is not None}


def _record(where: Path, core: dict, state: _State) -> None:
    """Rewrite a cache's core with the stats just found (best effort: another run may do the same)."""
    try:
        sweep(where, "core.json")
        _write(where / "core.json", {**core, "stats": _stats(state), "stated": state.stated}, CORE_LIMIT)
    except OSError:
        pass


def _used(where: Path) -> None:
    """Renew the folder's mtime if it is a day old, so that `_prune` does not take it for a cache of a KB
    folder, or of a tipkb install, that is gone (best effort: the cache may be read-only)."""
    try:
        if os.stat(where).st_mtime_ns < time.time_ns() - DAY_NS:
            os.utime(where)
    except OSError:
        pass


def _store(where: Path, kb: KB, state: _State) -> None:
    """Write the cache into a temporary folder and rename it into place: a reader sees all of it or none.
    Of two concurrent writers the second finds the folder there and discards its own; a damaged folder is
    moved aside first."""
    where.parent.mkdir(parents=True, exist_ok=True)
    sweep(where.parent, "kb")
    tmp = temporary(where.parent, "kb", folder=True)
    try:
        files = {k: str(p.relative_to(kb.root)) for k, p in kb.files.items()}
        for number, article in kb.articles.items():
            _write(tmp / f"art-{number}.json", article, ENTRY_LIMIT)
        core = {k: kb.record(k) for k in kb.files if not k.startswith("article:")}
        _write(tmp / "digests.json", {n: kb.digest(n) for n in kb.articles}, CORE_LIMIT)
        _write(tmp / "core.json", {"key": state.key, "stats": _stats(state), "stated": state.stated, "files": files,
                                   "articles": list(kb.articles), "data": core}, CORE_LIMIT)
        if where.exists():
            old = temporary(where.parent, "kb", folder=True)
            os.replace(where, old)  # a damaged cache: out of the way (this fails if another run moved it)
            shutil.rmtree(old, ignore_errors=True)
        os.rename(tmp, where)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    _prune(where, state.newest)


def _prune(kept: Path, reused: Path | None) -> None:
    """Remove the KB's older caches once a new one is in place: each edit of the KB makes a new cache, as large
    as the KB's data (20 MB for the whole Code). The one just reused is kept: another run may still be reading
    it, and an edit undone finds it again. Any other cache unused for UNUSED_NS goes too: its name cannot say
    whether its KB folder or its tipkb install still exists, but a month without use says it is not needed."""
    prefix = kept.name[: kept.name.rindex("-") + 1]  # kb-{root and runtime}-
    spared = {kept.name, reused.name if reused else None}
    unused = time.time_ns() - UNUSED_NS
    try:
        entries = list(os.scandir(kept.parent))
    except OSError:
        return
    for entry in entries:
        try:
            if not _CACHE_NAME.fullmatch(entry.name) or entry.name in spared or not entry.is_dir(follow_symlinks=False):
                continue  # (never a folder tipkb did not name: TIPKB_CACHE_DIR may be shared)
            if entry.name.startswith(prefix) or entry.stat(follow_symlinks=False).st_mtime_ns < unused:
                shutil.rmtree(entry.path, ignore_errors=True)
        except OSError:
            continue
