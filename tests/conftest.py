import os
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from cli.app import main
from kb.load import default_root, load

ROOT = default_root()


@pytest.fixture(autouse=True, scope="session")
def _private_cache(tmp_path_factory):
    """Tests never touch the user's cache; each session starts with an empty one."""
    os.environ["TIPKB_CACHE_DIR"] = str(tmp_path_factory.mktemp("cache"))


@dataclass
class Result:
    code: int
    out: str
    err: str


@pytest.fixture
def tipkb(capsys, monkeypatch):
    """Run the real entry point, as a user would, and capture what they would see."""
    monkeypatch.setenv("COLUMNS", "200")

    def run(*args: str) -> Result:
        monkeypatch.setattr(sys, "argv", ["tipkb", *args])
        try:
            main()
            code = 0
        except SystemExit as e:
            code = e.code if isinstance(e.code, int) else (0 if e.code is None else 1)
        out, err = capsys.readouterr()
        return Result(code, out, err)

    return run


@pytest.fixture(scope="session")
def kb():
    return load(ROOT)


@pytest.fixture
def kb_copy(tmp_path) -> Path:
    """A writable copy of the shipped KB, for tests that break or extend it."""
    for folder in ("statutes", "mappings"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    return tmp_path


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")
