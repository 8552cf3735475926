"""A cache of the loaded, validated KB: each file's parsed YAML as JSON, checksummed, validated again on use.

The cache folder is named by a hash of every KB file, of tipkb's own code, of the interpreter and of the
installed versions of the libraries the data passes through, so a stale KB is never served. It holds data,
never code: each entry is one line `tipkb-cache FORMAT SHA256` followed by the JSON text the hash is
taken over, and the hash is checked before the JSON is decoded. A damaged, truncated, missing or foreign
entry is rebuilt from the YAML with one note (kb/notes.py: the library prints nothing; the CLI shows it). Articles are validated only when a command reads them. Drafts are applied after loading and never
cached. TIPKB_NO_CACHE=1 bypasses the cache, TIPKB_CACHE_DIR moves it (default: ~/.cache/tipkb).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from . import inputs
from .errors import InvalidKB
from .notes import note
from .outputs import sweep, temporary

if TYPE_CHECKING:
    from .load import KB

FORMAT = b"tipkb-cache 1"
CORE_LIMIT = 20 * inputs.KB_FILE  # bytes of one entry: what the core's files may hold, as JSON
ENTRY_LIMIT = 2 * inputs.KB_FILE
_CODE = Path(__file__).resolve().parent
# The libraries whose versions key the cache: what parses, validates and presents the data.
_DEPENDENCIES = frozenset({"pydantic", "pydantic_core", "ruamel_yaml", "ruamel_yaml_clib", "typer", "rich",
                           "rapidfuzz", "sqlite_utils"})


def _directory() -> Path:
    if os.environ.get("TIPKB_CACHE_DIR"):
        return Path(os.environ["TIPKB_CACHE_DIR"])
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "tipkb"


def key(root: Path) -> str:
    """A hash of every KB file's path and bytes, and of the library's own source: the KB's content."""
    h = hashlib.sha256()
    files = sorted(p for folder in ("statutes", "mappings") for p in (root / folder).rglob("*.yaml"))
    for path in [*files, *sorted(_CODE.glob("*.py"))]:
        h.update(str(path).encode())
        try:
            h.update(inputs.read_bytes(path, str(path), inputs.KB_FILE))
        except InvalidKB:  # unreadable or not a file: let the real load report it
            h.update(b"\0unreadable")
    return h.hexdigest()


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
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()
    return FORMAT + b" " + hashlib.sha256(body).hexdigest().encode() + b"\n" + body


class Damaged(Exception):
    """A cache entry that is missing, truncated, altered or written by another version."""


def _decode(path: Path, limit: int) -> object:
    """The data of a cache entry, or Damaged; the checksum is verified before the JSON is decoded."""
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
        return json.loads(body)
    except (ValueError, RecursionError) as e:  # cannot happen with a matching checksum, but costs nothing
        raise Damaged(str(e)) from None


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


class LazyArticles(Mapping):
    """The articles of a cached KB, each validated from its stored YAML data on first access: a command
    that reads one article of a 500-article KB pays for one. A damaged entry is rebuilt from the YAML file,
    whose content the cache key vouches for (the whole KB was validated when the cache was written)."""

    def __init__(self, folder: Path, paths: dict[str, Path], root: Path):
        self._folder, self._paths, self._root = folder, paths, root
        self._loaded: dict = {}
        self.noted = False

    def __getitem__(self, number: str):
        if number not in self._loaded:
            from .model import Article

            path = self._paths[number]  # KeyError for an article the KB does not have
            entry = self._folder / f"art-{number}.json"
            try:
                self._loaded[number] = Article.model_validate(_decode(entry, ENTRY_LIMIT))
            except (Damaged, ValueError) as e:  # (pydantic's ValidationError is a ValueError)
                from .yamlio import read

                data = read(path, str(path.relative_to(self._root)))
                self._loaded[number] = Article.model_validate(data)
                if not self.noted:
                    note(f"the cache entry {entry} was damaged ({_why(e)}); rebuilt it from the YAML")
                    self.noted = True
                try:
                    sweep(entry.parent, entry.name)  # what a run killed while rewriting it left behind
                    _write(entry, data, ENTRY_LIMIT)
                except OSError:
                    pass
        return self._loaded[number]

    def __contains__(self, number: object) -> bool:
        return number in self._paths

    def __iter__(self) -> Iterator[str]:
        return iter(self._paths)

    def __len__(self) -> int:
        return len(self._paths)


def _why(e: Exception) -> str:
    if isinstance(e, Damaged):
        return str(e)
    return "its data does not validate" if isinstance(e, ValueError) else f"unexpected content: {type(e).__name__}"


def folder(root: Path) -> Path:
    """Where the cache of the KB under `root`, in its present state, lives."""
    digest = hashlib.sha256(f"{key(root)}|{runtime()}".encode()).hexdigest()
    return _directory() / f"kb-{digest[:32]}"


def cached(root: Path, build: Callable[[], KB]) -> KB:
    """The KB built by `build`, or the same KB from the cache when nothing it rests on has changed."""
    if os.environ.get("TIPKB_NO_CACHE"):
        return build()
    where = folder(root)
    try:
        return _restore(root, where)
    except FileNotFoundError:  # the usual miss: no cache for this state of the KB yet
        pass
    except (Damaged, ValueError, KeyError, TypeError, AttributeError) as e:
        note(f"the cache {where} was damaged ({_why(e)}); rebuilt it")
    kb = build()  # raises on an invalid KB, which is never cached
    try:
        _store(where, kb)
    except OSError:
        pass  # a read-only or full disk is no reason to fail: the next run tries again
    return kb


def _restore(root: Path, where: Path) -> KB:
    from .load import KB
    from .model import AmendmentFile, Checklist, Code, Instrument, Mapping, SourceRegistry, Vocabulary

    if not where.exists():
        raise FileNotFoundError(where)
    core = _decode(where / "core.json", CORE_LIMIT)
    data, files = core["data"], {k: root / rel for k, rel in core["files"].items()}
    articles = {number: files[f"article:{number}"] for number in core["articles"]}
    instruments = {}
    for k in (k for k in files if k.startswith("instrument:")):
        instruments[k.removeprefix("instrument:")] = Instrument.model_validate(data[k])
    return KB(root, Code.model_validate(data["code"]),
              {a.id: a for a in AmendmentFile.model_validate(data["acts"]).acts},
              LazyArticles(where, articles, root), Vocabulary.model_validate(data["vocabulary"]),
              SourceRegistry.model_validate(data["sources"]), instruments,
              Checklist.model_validate(data["checklist"]) if "checklist" in data else None,
              Mapping.model_validate(data["mapping"]) if "mapping" in data else None, files=files)


def _store(where: Path, kb: KB) -> None:
    """Write the cache into a temporary folder and rename it into place: a reader sees all of it or none.
    Of two concurrent writers the second finds the folder there and discards its own; a damaged folder is
    moved aside first."""
    where.parent.mkdir(parents=True, exist_ok=True)
    sweep(where.parent, "kb")
    tmp = temporary(where.parent, "kb", folder=True)
    try:
        files = {k: str(p.relative_to(kb.root)) for k, p in kb.files.items()}
        for number in kb.articles:
            _write(tmp / f"art-{number}.json", kb.raw[f"article:{number}"], ENTRY_LIMIT)
        core = {k: v for k, v in kb.raw.items() if not k.startswith("article:")}
        _write(tmp / "core.json", {"files": files, "articles": list(kb.articles), "data": core}, CORE_LIMIT)
        if where.exists():
            old = temporary(where.parent, "kb", folder=True)
            os.replace(where, old)  # a damaged cache: out of the way (this fails if another run moved it)
            shutil.rmtree(old, ignore_errors=True)
        os.rename(tmp, where)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

