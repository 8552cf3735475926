"""A cache of the loaded, validated KB, keyed by the content of every file it was built from.

Any change to any YAML file under statutes/ or mappings/ (or to tipkb itself) changes the key, so a stale
KB is never served. Drafts are applied after loading and never cached. Set TIPKB_NO_CACHE=1 to bypass it,
TIPKB_CACHE_DIR to move it (default: ~/.cache/tipkb).
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
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


def cached(root: Path, build: Callable[[], T]) -> T:
    if os.environ.get("TIPKB_NO_CACHE"):
        return build()
    digest = key(root)
    path = _directory() / f"kb-{digest[:32]}.pickle"
    try:
        with path.open("rb") as f:
            return pickle.load(f)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        pass
    value = build()  # raises on an invalid KB, which is never cached
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, lambda f: pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL))
    except OSError:
        pass  # a read-only home is no reason to fail
    return value


def write_atomically(path: Path, write: Callable) -> None:
    """Write into a temporary file beside `path`, then rename it into place: a reader (or an interrupted
    run) sees the old file or the whole new one, never half of one."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            write(f)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
