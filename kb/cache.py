"""A cache of the loaded, validated KB, keyed by the content of every file it was built from.

Any change to any YAML file under statutes/ or mappings/ (or to tipkb itself) changes the key, so a stale
KB is never served. Drafts are applied after loading and never cached. Set TIPKB_NO_CACHE=1 to bypass it,
TIPKB_CACHE_DIR to move it (default: ~/.cache/tipkb).
"""

from __future__ import annotations

import dataclasses
import hashlib
import marshal
import os
import pickle
import shutil
import tempfile
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Callable, TypeVar

T = TypeVar("T")

_CODE = Path(__file__).resolve().parent


def _directory() -> Path:
    if os.environ.get("TIPKB_CACHE_DIR"):
        return Path(os.environ["TIPKB_CACHE_DIR"])
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "tipkb"


def key(root: Path) -> str:
    """A hash of every KB file's path and bytes, and of the library's own source."""
    h = hashlib.sha256()
    files = sorted(p for folder in ("statutes", "mappings") for p in (root / folder).rglob("*.yaml"))
    for path in [*files, *sorted(_CODE.glob("*.py"))]:
        h.update(str(path).encode())
        try:
            h.update(path.read_bytes())
        except OSError:  # unreadable: let the real load report it
            h.update(b"\0unreadable")
    return h.hexdigest()


class LazyArticles(Mapping):
    """The articles of a cached KB, each validated from its stored YAML data on first access: a command
    that reads one article of a 500-article KB pays for one. (pydantic-core validates plain data about
    twice as fast as pickle restores the same models.)"""

    def __init__(self, folder: Path, numbers: list[str]):
        self._folder, self._numbers, self._known = folder, numbers, frozenset(numbers)
        self._loaded: dict = {}

    def __getitem__(self, number: str):
        if number not in self._loaded:
            if number not in self._known:
                raise KeyError(number)
            from .model import Article

            data = marshal.loads((self._folder / f"art-{number}.marshal").read_bytes())
            self._loaded[number] = Article.model_validate(data)
        return self._loaded[number]

    def __contains__(self, number: object) -> bool:
        return number in self._known

    def __iter__(self) -> Iterator[str]:
        return iter(self._numbers)

    def __len__(self) -> int:
        return len(self._numbers)

    def __getstate__(self) -> dict:
        return {**self.__dict__, "_loaded": {}}


def cached(root: Path, build: Callable[[], T]) -> T:
    """The KB built by `build`, or the same KB from the cache when no file it rests on has changed."""
    if os.environ.get("TIPKB_NO_CACHE"):
        return build()
    folder = _directory() / f"kb-{key(root)[:32]}"
    try:
        with (folder / "core.pickle").open("rb") as f:
            return pickle.load(f)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        pass
    kb = build()  # raises on an invalid KB, which is never cached
    try:
        _store(folder, kb)
    except OSError:
        pass  # a read-only home is no reason to fail
    return kb


def _store(folder: Path, kb) -> None:
    """Write the cache into a temporary folder and rename it into place: a reader sees all of it or none;
    of two concurrent writers the second simply finds the folder there and discards its own."""
    folder.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(dir=folder.parent, prefix=".kb-"))
    try:
        for number in kb.articles:
            (tmp / f"art-{number}.marshal").write_bytes(marshal.dumps(kb.raw[number]))
        core = dataclasses.replace(kb, articles=LazyArticles(folder, list(kb.articles)), raw={})
        (tmp / "core.pickle").write_bytes(pickle.dumps(core, pickle.HIGHEST_PROTOCOL))
        os.rename(tmp, folder)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

