"""Hostile YAML: every case gets one clear finding naming the file (and line where there is one), exit 2,
and no traceback."""

import os
from pathlib import Path

import pytest

from ..conftest import edit

ART = "statutes/kz/criminal-code/art-309.yaml"


def broken(tipkb, root, *args):
    r = tipkb("show", "128", "--root", str(root), *args)
    assert r.code == 2, r
    assert "Traceback" not in r.err and r.out == ""
    return r.err


def test_syntax_error_has_a_position(tipkb, kb_copy):
    edit(kb_copy / ART, "complete: true", "complete: [true")
    assert f"{ART}:" in broken(tipkb, kb_copy) and "YAML syntax" in broken(tipkb, kb_copy)


def test_tab_indentation(tipkb, kb_copy):
    edit(kb_copy / ART, "\n  - id: \"2\"", "\n\t- id: \"2\"")
    err = broken(tipkb, kb_copy)
    assert f"{ART}:" in err and "tab" in err.lower()


def test_duplicate_key(tipkb, kb_copy):
    edit(kb_copy / ART, "complete: true", "complete: true\ncomplete: false")
    err = broken(tipkb, kb_copy)
    assert f"{ART}:" in err and "duplicate key" in err


@pytest.mark.parametrize("old, new, key", [
    ('article: "309"', "article: [309]", "article"),
    ("complete: true", "complete: maybe", "complete"),
    ("    builds_on: [\"1\"]", "    builds_on: \"1\"", "builds_on"),
    ("        confidence: secondary\n      - act: kz-law-2024-package", "        confidence: certain\n      - act: kz-law-2024-package", "confidence"),
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
    edit(kb_copy / ART, "complete: true", "complete: true\ncompleted: true")
    assert "completed: unknown key" in broken(tipkb, kb_copy)


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
    path.write_bytes(path.read_bytes().replace(b"complete: true", b"complete: \xff\xfe"))
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
