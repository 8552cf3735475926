"""Hostile YAML: every case gets one clear finding naming the file (and line where there is one), exit 2,
and no traceback."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from ..conftest import ROOT, edit

ART = "statutes/kz/criminal-code/art-309.yaml"


def broken(tipkb, root, *args):
    r = tipkb("show", "128", "--root", str(root), *args)
    assert r.code == 2, r
    assert "Traceback" not in r.err and r.out == ""
    return r.err


def test_syntax_error_has_a_position(tipkb, kb_copy):
    edit(kb_copy / ART, "code: kz-cc", "code: [kz-cc")
    assert f"{ART}:" in broken(tipkb, kb_copy) and "YAML syntax" in broken(tipkb, kb_copy)


def test_tab_indentation(tipkb, kb_copy):
    edit(kb_copy / ART, "\n  - id: \"2\"", "\n\t- id: \"2\"")
    err = broken(tipkb, kb_copy)
    assert f"{ART}:" in err and "tab" in err.lower()


def test_duplicate_key(tipkb, kb_copy):
    edit(kb_copy / ART, "code: kz-cc", "code: kz-cc\ncode: kz-cc")
    err = broken(tipkb, kb_copy)
    assert f"{ART}:" in err and "duplicate key" in err


@pytest.mark.parametrize("old, new, key", [
    ('article: "309"', "article: [309]", "article"),
    ("    parts: [\"1\", \"2\", \"3\"]", "    parts: [\"1\", \"2\", \"3\"]\n    all: maybe", "all"),
    ("    builds_on: [\"1\"]", "    builds_on: \"1\"", "builds_on"),
    ("        confidence: secondary\n  - id: \"2\"", "        confidence: certain\n  - id: \"2\"", "confidence"),
    ("              max: 5y", "              max: 5", "max"),
    ("              max: 5y", "              max: -5y", "max"),
    ("            sources: [{ref: kz-S4}]", "            sources: kz-S4", "sources"),
    ("code: kz-cc", "code: {id: kz-cc}", "code"),
])
def test_wrong_types_at_every_level(tipkb, kb_copy, old, new, key):
    edit(kb_copy / ART, old, new)
    err = broken(tipkb, kb_copy)
    line = err.splitlines()[0]
    assert line.startswith(f"{ART}:") and key in line, err
    assert line.split(":")[1].isdigit()  # a line number


def test_unknown_key(tipkb, kb_copy):
    edit(kb_copy / ART, "code: kz-cc", "code: kz-cc\ncoded: true")
    assert "coded: unknown key" in broken(tipkb, kb_copy)


@pytest.mark.parametrize("content, message", [
    ("", "the file is empty"),
    ("- a\n- b\n", "the file is a list"),
    ("just a string\n", "the file is a str"),
])
def test_not_a_mapping(tipkb, kb_copy, content, message):
    (kb_copy / ART).write_text(content, encoding="utf-8")
    assert message in broken(tipkb, kb_copy)


def test_invalid_utf8(tipkb, kb_copy):
    path = kb_copy / ART
    path.write_bytes(path.read_bytes().replace(b"code: kz-cc", b"code: \xff\xfe"))
    err = broken(tipkb, kb_copy)
    assert f"{ART}:" in err and "not valid UTF-8" in err


def test_bom_is_accepted(tipkb, kb_copy):
    path = kb_copy / ART
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert tipkb("show", "309", "--root", str(kb_copy)).code == 0


def test_very_long_line_is_fine(tipkb, kb_copy):
    edit(kb_copy / ART, "  - >-\n    kz-S4's", "  - >-\n    " + "x" * 200_000 + " kz-S4's")
    assert tipkb("show", "309", "--root", str(kb_copy)).code == 0


def test_deep_nesting_is_bounded(tipkb, kb_copy):
    (kb_copy / ART).write_text("a: " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    assert "nested more than" in broken(tipkb, kb_copy)


def test_alias_bomb_is_refused(tipkb, kb_copy):
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 9):
        prev, cur = chr(96 + i), chr(97 + i)
        lines.append(f"{cur}: &{cur} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]")
    (kb_copy / ART).write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert "aliases (*name) are not allowed" in broken(tipkb, kb_copy)


def test_fifty_megabyte_file_is_refused_without_reading_it(tipkb, kb_copy):
    with open(kb_copy / ART, "ab") as f:
        f.truncate(50 * 1024 * 1024)
    assert "file too large" in broken(tipkb, kb_copy)


def test_symlink_loop_and_directory_in_place_of_a_file(tipkb, kb_copy):
    code = kb_copy / "statutes/kz/criminal-code"
    os.symlink(code / "art-998.yaml", code / "art-998.yaml")  # points at itself
    (code / "art-997.yaml").mkdir()
    os.symlink(code, code / "loop")  # a directory loop under statutes/
    err = broken(tipkb, kb_copy)
    assert "art-998.yaml: cannot read" in err
    assert "art-997.yaml: is a directory" in err


def test_unreadable_file(tipkb, kb_copy, monkeypatch):
    target = (kb_copy / ART).resolve()
    real = os.open

    def deny(path, *args, **kwargs):
        if Path(path).resolve() == target:
            raise PermissionError(13, "Permission denied")
        return real(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", deny)
    monkeypatch.setenv("TIPKB_NO_CACHE", "1")
    assert f"{ART}: cannot read: Permission denied" in broken(tipkb, kb_copy)


def test_missing_required_file(tipkb, kb_copy):
    (kb_copy / "statutes/kz/criminal-code/amendments.yaml").unlink()
    assert "amendments.yaml: file is missing" in broken(tipkb, kb_copy)


def nested(depth: int, style: str) -> str:
    """A value nested `depth` levels deep under `x:` (the top mapping is one level, the value another)."""
    if style == "flow":
        return "x: " + "[" * (depth - 1) + "]" * (depth - 1) + "\n"
    return "x:\n" + "".join("  " * i + "- \n" for i in range(1, depth - 2)) + "  " * (depth - 2) + "- v\n"


def located(text: str) -> str:
    """The one finding that parsing `text` as a file called f.yaml gives."""
    from kb.errors import InvalidKB
    from kb.yamlio import parse

    with pytest.raises(InvalidKB) as e:
        parse(text, "f.yaml")
    (finding,) = e.value.findings
    return str(finding)


def test_nesting_past_the_limit_in_a_kb_file(tipkb, kb_copy):
    (kb_copy / ART).write_text(nested(45, "flow"), encoding="utf-8")
    (line,) = broken(tipkb, kb_copy).splitlines()[:-1]
    assert line == f"{ART}:1:43: YAML syntax: nested more than 40 levels deep"


@pytest.mark.parametrize("style, depth", [(style, depth) for style in ("flow", "block") for depth in (41, 45, 200, 499)]
                         + [("flow", 100_000)])
def test_nesting_past_the_limit_is_refused_with_a_position(style, depth):
    assert re.fullmatch(r"f\.yaml:\d+:\d+: YAML syntax: nested more than 40 levels deep", located(nested(depth, style)))


@pytest.mark.parametrize("strict", [False, True])
def test_both_parsers_count_nesting_alike(strict):
    from kb.errors import InvalidKB
    from kb.yamlio import MAX_DEPTH, parse

    tab = "# a tab\there sends the file to the strict parser\n" if strict else ""
    for style in ("flow", "block"):
        assert parse(tab + nested(MAX_DEPTH, style), "x")["x"]
        with pytest.raises(InvalidKB, match="nested more than 40 levels deep"):
            parse(tab + nested(MAX_DEPTH + 1, style), "x")


def test_compact_nesting_cannot_crash_the_c_parser():
    """'- - - - …' nests one level per two bytes without brackets or indentation; 100,000 levels crashed
    the C parser (a segfault), so it runs in a process of its own."""
    code = "from kb.yamlio import parse\ntry:\n    parse('- ' * 100_000 + 'x', 'x')\nexcept Exception as e:\n    print(e)"
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert r.returncode == 0 and r.stdout.startswith("x:1:81: YAML syntax: nested more than 40 levels deep"), r


def test_unknown_key_deep_in_a_file_has_a_position(tipkb, kb_copy):
    edit(kb_copy / ART, "code: kz-cc", "code: kz-cc\nnotez: " + "[" * 30 + "]" * 30)
    (line,) = broken(tipkb, kb_copy).splitlines()[:-1]
    assert line == f"{ART}:3:1: notez: unknown key"


def test_a_file_that_is_not_yaml_gives_one_located_message(tipkb, tmp_path):
    status = tmp_path / "status"
    status.write_text("Name:\tpython3\nUmask:\t0022\nState:\tR (running)\n" * 20, encoding="utf-8")
    for path in [status, Path("/proc/self/status")] if Path("/proc/self/status").exists() else [status]:
        r = tipkb("qualify", str(path))
        (line, last) = r.err.splitlines()
        assert r.code == 2 and line.startswith(f"{path}:1:6: YAML syntax:") and "a tab" in line, r.err


def test_a_tag_in_a_kb_file(tipkb, kb_copy):
    edit(kb_copy / ART, "code: kz-cc", "code: !!binary dHJ1ZQ==")
    (line,) = broken(tipkb, kb_copy).splitlines()[:-1]
    assert line.startswith(f"{ART}:2:7: YAML: the tag !!binary is not allowed")


@pytest.mark.parametrize("tag", ["!!binary aGVsbG8=", "!!set {a, b}", "!!omap [a: 1]", "!!pairs [a: 1]",
                                 "!custom x", "!python/object/apply:os.system [echo]"])
def test_tags_are_refused_not_decoded(tag):
    assert located(f"a: 1\nb: {tag}\n").startswith(f"f.yaml:2:4: YAML: the tag {tag.split()[0]} is not allowed")


@pytest.mark.parametrize("text", [
    "a:\n\t- b\n",  # a tab where the indentation starts
    "a:\n  b: 1\n\t  c: 2\n",
    "a:\ttrue\n\tx: 1\n",
])
def test_a_tab_gets_the_tab_hint(text):
    assert located(text).endswith("(a tab: YAML indents with spaces only)")


@pytest.mark.parametrize("brk", ["\r", "\x85", "\u2028", "\u2029"])
def test_an_alias_after_an_unusual_line_break_is_refused(brk):
    """The C parser cannot refuse an alias; the pattern that sends a file to the strict one must see it."""
    assert re.fullmatch(r"f\.yaml:\d+:\d+: YAML syntax: (aliases \(\*name\) are not allowed|.*)",
                        located(f"a: ! &x k{brk}*x : 2\n"))


@pytest.mark.parametrize("text", ["? \n- {}\n", "{[{}]: 1}\n"])
def test_a_key_that_holds_a_mapping_is_one_finding(text):
    assert located(text) == "f.yaml: YAML: a key that holds a mapping is not allowed; keys are plain words"
