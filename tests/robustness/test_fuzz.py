"""Mutation fuzzing of the shipped KB: random edits of valid files either load or fail with findings,
never with any other exception. Bounded in the normal run; TIPKB_FUZZ_EXAMPLES=2000 runs longer."""

import os
import shutil

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kb.errors import InvalidKB
from kb.load import load

from ..conftest import ROOT

FILES = sorted(p.relative_to(ROOT) for p in (ROOT / "statutes").rglob("*.yaml")) + \
    sorted(p.relative_to(ROOT) for p in (ROOT / "mappings").rglob("*.yaml"))
EXAMPLES = int(os.environ.get("TIPKB_FUZZ_EXAMPLES", "12"))


def mutate(text: str, op: str, at: float, other: float, char: str) -> str:
    lines = text.splitlines(keepends=True)
    i, j = int(at * len(lines)), int(other * len(lines))
    if op == "delete_line":
        del lines[i]
    elif op == "duplicate_line":
        lines.insert(i, lines[i])
    elif op == "swap_lines":
        lines[i], lines[j] = lines[j], lines[i]
    elif op == "insert_char":
        k = int(other * len(lines[i]))
        lines[i] = lines[i][:k] + char + lines[i][k:]
    elif op == "dedent":
        lines[i] = lines[i].lstrip(" ")
    elif op == "truncate":
        return "".join(lines)[: int(at * len(text))]
    return "".join(lines)


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    file=st.sampled_from(FILES),
    op=st.sampled_from(["delete_line", "duplicate_line", "swap_lines", "insert_char", "dedent", "truncate"]),
    at=st.floats(0, 0.999), other=st.floats(0, 0.999),
    char=st.sampled_from([":", "-", " ", "\t", "[", "{", "'", '"', "&", "*", "#", "\n", "\x00", "é", "}"]),
)
def test_random_edits_fail_cleanly(tmp_path_factory, file, op, at, other, char):
    root = tmp_path_factory.mktemp("fuzz")
    for folder in ("statutes", "mappings"):
        shutil.copytree(ROOT / folder, root / folder)
    path = root / file
    path.write_text(mutate(path.read_text(encoding="utf-8"), op, at, other, char), encoding="utf-8")
    try:
        load(root)
    except InvalidKB as e:
        assert e.findings and all(str(f.file) for f in e.findings)
