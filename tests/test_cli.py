"""The command line as a whole: help that reads like a man page, every command and option documented in the
README, exit codes, errors on stderr, JSON schemas; and the structure rules of the redesign (one clock, no
import cycles, the library free of the CLI)."""

import ast
import json
import re
from pathlib import Path

import pytest

from cli.app import COMMANDS, app, register
from kb.load import default_root

ROOT = default_root()
README = (ROOT / "README.md").read_text(encoding="utf-8")


def commands():
    import typer

    register()
    return typer.main.get_command(app).commands


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_help_reads_like_a_man_page(tipkb, name):
    short, long = tipkb(name, "-h"), tipkb(name, "--help")
    assert short.code == 0 and short.out == long.out
    assert "Examples:" in short.out and f"tipkb {name}" in short.out.split("Examples:")[1]
    assert not re.search(r"<[a-z\[\]|, ]+>|\{[A-Z]", short.out), short.out  # no <bool>, {CITATION}
    assert all(len(line) <= 80 for line in short.out.splitlines())


def test_every_command_and_option_is_documented_in_the_readme():
    missing = []
    for name, cmd in commands().items():
        if f"tipkb {name}" not in README:
            missing.append(f"tipkb {name}")
        for param in cmd.params:
            for opt in param.opts:
                if opt.startswith("--") and opt not in README:
                    missing.append(f"{name} {opt}")
    assert missing == [], missing


def test_version_and_unknown_command(tipkb):
    r = tipkb("--version")
    assert r.code == 0 and r.out.startswith("tipkb ")
    r = tipkb("no-such-command")
    assert r.code == 1 and r.out == "" and "no-such-command" in r.err


def test_usage_errors_exit_1_on_stderr(tipkb):
    for args in (["show"], ["show", "128", "--no-such-option"], ["show", "128", "--on", "yesterday"],
                 ["show", "128", "--lang", "de"], ["history", "nonsense!"], ["gaps", "--on", ""],
                 ["qualify", "--date", "2021-01-01", "--act", "sale", "--compare-on", ""],  # empty: not today
                 ["diff", "--from", " ", "--to", "2021-01-01"]):
        r = tipkb(*args)
        assert r.code == 1 and r.out == "" and r.err, args
        assert "Traceback" not in r.err


def test_not_found_exits_4(tipkb):
    for args in (["show", "999"], ["penalty", "128.9"], ["act", "999-IX"], ["history", "128.9"]):
        r = tipkb(*args)
        assert r.code == 4 and r.out == "" and r.err.startswith("tipkb: "), (args, r.err)


def test_an_article_not_held_is_answered_with_the_nearest_of_a_large_kb(tipkb, tmp_path):
    from .minikb import ART_500, write_kb

    root = str(write_kb(tmp_path, {n: ART_500.replace('"500"', f'"{n}"') for n in map(str, range(500, 520))}))
    for command in ("show", "history", "penalty"):
        r = tipkb(command, "530", "--root", root)
        assert r.code == 4 and r.err == ("tipkb: article 530 is not in the knowledge base; it holds 20 articles; the "
                                         "nearest by number: 515, 516, 517, 518, 519\n"), (command, r.err)
    assert tipkb("show", "530", "--root", str(write_kb(tmp_path / "small", {"500": ART_500}))).err.endswith(
        "it holds 500\n")  # a few are all listed


@pytest.mark.parametrize("name", ["show", "penalty", "history", "diff", "act", "audit", "validate", "search",
                                  "index", "gaps", "qualify"])
def test_every_result_has_a_json_schema(tipkb, name):
    schema = json.loads(tipkb("schema", name).out)
    assert schema["type"] == "object" and schema["properties"] and "title" in schema


@pytest.mark.parametrize("args", [
    ("show", "128", "--on", "2020-03-01"), ("show", "135.2"), ("penalty", "128", "--on", "2020-03-01"),
    ("penalty", "135"), ("history", "128"), ("history", "general"), ("diff", "--from", "2015-01-01", "--to", "2026-01-01"),
    ("act", "292-VI"), ("audit",), ("validate",), ("search", "вербовка"), ("gaps",), ("gaps", "--on", "2019-06-01"),
    ("qualify", str(ROOT / "tests/scenarios")), ("qualify", "--date", "2021-05-10", "--act", "recruitment"),
    ("gaps", "--draft", str(ROOT / "tests/fixtures/draft-128-means.yaml")),
    ("diff", "--to", str(ROOT / "tests/fixtures/draft-128-means.yaml")),
    ("qualify", str(ROOT / "tests/scenarios"), "--draft", str(ROOT / "tests/fixtures/draft-128-means.yaml")),
    ("import", str(ROOT / "tests/fixtures/statute_text/ru-code.txt"), "--edition", "2021-06-01"),
])
def test_the_json_output_is_valid_under_its_schema(tipkb, args):
    import jsonschema  # (the test extra's: a schema only tipkb itself reads proves nothing)

    schema = json.loads(tipkb("schema", args[0]).out)
    r = tipkb(*args, "--json")
    assert r.code == 0, r.err
    errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message[:200]}"
              for e in jsonschema.Draft202012Validator(schema).iter_errors(json.loads(r.out))]
    assert errors == []


def test_schema_of_an_unknown_command(tipkb):
    assert tipkb("schema", "nope").code == 1


def _sources(folder: str):
    return sorted((ROOT / folder).rglob("*.py"))


def test_only_the_environment_reads_the_calendar():
    found = [str(p.relative_to(ROOT)) for folder in ("kb", "cli", "web") for p in _sources(folder)
             for line in p.read_text(encoding="utf-8").splitlines() if "date.today" in line]
    assert found == ["cli/env.py"]


def _imports(path: Path, package: str) -> set[str]:
    """Every module of kb/, cli/ and web/ this file imports, at the top or inside a function (lazy imports count)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    here = f"{package}.{path.stem}" if path.stem != "__init__" else package
    parts = here.split(".")
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(parts[:len(parts) - node.level] + ([base] if base else []))
            out.add(base)
            out |= {f"{base}.{a.name}" for a in node.names}
    return {m for m in out if m.split(".")[0] in ("kb", "cli", "web")}


def test_the_import_graph_has_no_cycle():
    graph = {}
    for folder in ("kb", "cli", "web"):
        for p in _sources(folder):
            rel = p.relative_to(ROOT).with_suffix("")
            name = ".".join(rel.parts[:-1] if rel.name == "__init__" else rel.parts)
            graph[name] = _imports(p, ".".join(rel.parts[:-1]))
    graph = {k: {m for m in v if m in graph and m != k} for k, v in graph.items()}
    state: dict[str, int] = {}

    def visit(node, path):
        state[node] = 1
        for nxt in graph[node]:
            if state.get(nxt) == 1:
                raise AssertionError(" -> ".join([*path, node, nxt]))
            if nxt not in state:
                visit(nxt, [*path, node])
        state[node] = 2

    for node in graph:
        if node not in state:
            visit(node, [])


def test_the_library_imports_no_front_end():
    for p in _sources("kb"):
        text = p.read_text(encoding="utf-8")
        assert not re.search(r"^\s*(from|import) (cli|web|rich|typer|click|starlette|jinja2|uvicorn|markupsafe)\b",
                             text, re.MULTILINE), p


def test_the_web_is_a_front_end_beside_the_cli():
    """web/ reads the CLI's views and words, never its command line; the CLI starts web/ only inside `serve`."""
    for p in _sources("web"):
        used = {m for m in _imports(p, "web") if m.startswith("cli")}
        assert used <= {"cli.views", "cli.phrases", "cli.render"} | {m for m in used if m.startswith(
            ("cli.views.", "cli.phrases.", "cli.render."))}, (p, used)
    for p in _sources("cli"):
        if p.name != "serve.py":
            assert not {m for m in _imports(p, "cli") if m.startswith("web")}, p


def test_validate_findings_go_to_stderr_one_line_each(tipkb, kb_copy):
    from .conftest import edit

    assert tipkb("validate", "--root", str(kb_copy)).code == 0
    edit(kb_copy / "statutes/kz/criminal-code/art-309.yaml", "      - id: \"1\"", "      - idd: \"1\"")
    r = tipkb("validate", "--root", str(kb_copy))
    assert r.code == 2 and r.out == ""
    lines = r.err.splitlines()
    assert all(line.startswith("statutes/kz/criminal-code/art-309.yaml:") for line in lines[:-1])
    assert any("unknown key" in line for line in lines) and lines[-1].startswith("tipkb: ")
    data = json.loads(tipkb("validate", "--root", str(kb_copy), "--json").out)
    assert data["findings"][0]["line"] > 0 and data["findings"][0]["file"].endswith("art-309.yaml")


@pytest.mark.parametrize("args", [
    ("show", "135", "--on", "2020-03-01"), ("penalty", "128"), ("history", "128"), ("history", "general"),
    ("diff", "--from", "2019-06-01", "--to", "2025-06-01"), ("act", "292-VI"), ("audit",),
    ("search", "вербовка"), ("gaps",), ("qualify", "--date", "2021-05-10", "--victim-age", "16", "--act", "recruitment",
                                      "--purpose", "exploitation"),
])
def test_the_json_is_the_same_in_every_language(tipkb, args, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # no stray ./tipkb.db for search
    outs = {lang: tipkb(*args, "--json", "--lang", lang) for lang in ("en", "ru", "kk")}
    assert outs["en"].code == 0, outs["en"].err
    assert outs["en"].out == outs["ru"].out == outs["kk"].out


def test_every_phrase_the_front_end_words_is_translated():
    """Every literal phrase handed to Words (`w("…")` in cli/, `self("…")` inside it) has ru and kk."""
    from cli.phrases import PHRASES

    used = set()
    for path in (ROOT / "cli").rglob("*.py"):
        for n in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id in ("w", "self") and n.args \
                    and isinstance(n.args[0], ast.Constant) and isinstance(n.args[0].value, str):
                used.add(n.args[0].value)
    assert len(used) > 200 and sorted(p for p in used if p not in PHRASES) == []


def test_an_english_phrase_agrees_with_its_number():
    from cli.phrases import Words

    w = Words("en")
    assert [w("{n} conflicting source(s)", n=n) for n in (1, 2, 0)] == [
        "1 conflicting source", "2 conflicting sources", "0 conflicting sources"]
    both = "in {n} article(s) of the KB; {outside} article(s) of the text not in the KB."
    assert w(both, n=1, outside=3) == "in 1 article of the KB; 3 articles of the text not in the KB."
    assert Words("ru")("{n} conflicting source(s)", n=1) == "противоречащих источников: 1"


def test_every_word_map_of_the_views_is_translated():
    """The views' tables of words (a fact's name, a column, a slot: `FACTS`, `FIELDS` ...) hold phrases too."""
    import importlib
    import pkgutil

    import cli.views
    from cli.phrases import PHRASES

    maps = {}
    for m in pkgutil.iter_modules(cli.views.__path__):
        module = importlib.import_module(f"cli.views.{m.name}")
        maps |= {f"{m.name}.{k}": d for k, d in vars(module).items()
                 if k.isupper() and isinstance(d, dict) and d and all(isinstance(v, str) for v in d.values())}
    assert {"law.FACTS", "law.AUDITED", "search.FIELDS", "search.SOURCE"} <= set(maps)
    assert sorted((k, v) for k, d in maps.items() for v in d.values() if v not in PHRASES) == []


def test_a_colon_word_is_printed_as_written_not_as_an_emoji():
    import io

    from cli.env import Env
    from cli.render import to_console

    out = io.StringIO()
    to_console([("text", "Note:warning: a :smile: stays"), ("table", ["a"], [[":thumbs_up:"]], set())],
               Env(stdout=out, width=80).console())
    assert ":warning:" in out.getvalue() and ":smile:" in out.getvalue() and ":thumbs_up:" in out.getvalue()


def test_control_codes_in_a_text_are_stripped():
    import io

    from cli.env import Env
    from cli.render import to_console

    out = io.StringIO()
    to_console([("title", "Title"), ("field", "key", "a\x07bc", 0), ("item", "d\x08e", 1)],
               Env(stdout=out, width=80).console())
    assert out.getvalue() == "Title\n  key: abc\n    • de\n"


def test_a_tab_in_a_field_name_is_expanded_as_rich_expands_it():
    import io

    from cli.env import Env
    from cli.render import to_console

    out = io.StringIO()
    to_console([("field", "a\tb", "value", 0), ("text", "plain")], Env(stdout=out, width=80).console())
    assert out.getvalue() == "  a     b: value\nplain\n"
