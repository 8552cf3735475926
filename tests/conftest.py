import datetime as dt
import io
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from cli.app import main
from cli.env import Env
from kb.load import default_root, load

ROOT = default_root()
TODAY = dt.date(2026, 6, 1)  # the tests' "today": nothing depends on the calendar


@pytest.fixture(autouse=True, scope="session")
def _private_cache(tmp_path_factory):
    """Tests never touch the user's cache; each session starts with an empty one."""
    os.environ["TIPKB_CACHE_DIR"] = str(tmp_path_factory.mktemp("cache"))


@dataclass
class Result:
    code: int
    out: str
    err: str

    def json(self):
        import json

        assert self.code == 0, self.err
        return json.loads(self.out)


def run(*args: str, width: int = 80, today: dt.date = TODAY, stdin: bytes = b"", stdout=None) -> Result:
    """The real entry point in an injected environment, as a user at an 80-column terminal would run it
    (`stdout`: another stream to write the result to, one that fails, say)."""
    out, err = io.StringIO(), io.StringIO()
    code = main(list(args), Env(stdout=stdout or out, stderr=err, stdin=io.BytesIO(stdin), today=today, width=width))
    return Result(code, out.getvalue(), err.getvalue())


@pytest.fixture
def tipkb():
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
