"""Every command through the real entry point: --json shapes, formats, exit codes, clean errors."""

import json

import pytest

from .conftest import edit


def ok_json(tipkb, *args):
    r = tipkb(*args, "--json")
    assert r.code == 0, r.err
    assert r.err == ""
    return json.loads(r.out)


def test_validate_clean(tipkb):
    r = tipkb("validate")
    assert r.code == 0 and "no problems" in r.out
    data = ok_json(tipkb, "validate")
    assert data["findings"] == [] and data["articles"] == 8


def test_validate_reports_findings_with_exit_2(tipkb, kb_copy):
    edit(kb_copy / "statutes/kz/criminal-code/art-309.yaml", "      - id: \"1\"", "      - idd: \"1\"")
    r = tipkb("validate", "--root", str(kb_copy))
    assert r.code == 2
    assert r.out == "" and "statutes/kz/criminal-code/art-309.yaml:" in r.err and "unknown key" in r.err
    data = json.loads(tipkb("validate", "--root", str(kb_copy), "--json").out)
    assert data["findings"][0]["line"] > 0 and data["findings"][0]["file"].endswith("art-309.yaml")


def test_penalty_json_shape(tipkb):
    data = ok_json(tipkb, "penalty", "128", "--on", "2021-06-01")
    assert data["on"] == "2021-06-01" and data["versions_used"]
    part1 = data["parts"][0]
    assert part1["part"] == "1"
    assert part1["main"] == [{"kind": "imprisonment", "min_months": 48, "max_months": 84, "note": None}]
    assert part1["additional"][0]["kind"] == "confiscation" and part1["additional"][0]["mandatory"] is True
    assert part1["category"] == "unknown" and part1["confidence"] == "secondary"
    assert part1["sources"][0]["ref"] == "kz-S2" and part1["sources"][0]["url"].startswith("https://")


def test_penalty_table_and_markdown(tipkb):
    table = tipkb("penalty", "128", "--on", "2019-06-01")
    assert table.code == 0 and "imprisonment 3–5 y" in table.out and "◇ secondary" in table.out
    md = tipkb("penalty", "135", "--on", "2021-06-01", "--format", "markdown")
    assert md.code == 0 and "| 1 | imprisonment 5–9 y | confiscation (mandatory)" in md.out


def test_show_marks_non_official_and_names_acts(tipkb):
    r = tipkb("show", "135", "--on", "2018-01-01")
    assert r.code == 0
    assert "Law 226-V" in r.out and "◇ secondary" in r.out and "deception, abuse of trust" in r.out
    one = ok_json(tipkb, "show", "128.1", "--on", "2021-06-01")
    assert [p["id"] for p in one["parts"]] == ["1"]
    assert one["parts"][0]["readings"][0]["version"]["act_number"] == "292-VI"


def test_show_item_and_russian_citation(tipkb):
    data = ok_json(tipkb, "show", "ст. 135 ч. 2 п. 7", "--on", "2018-01-01")
    (item,) = data["parts"][0]["readings"][0]["items"]
    assert item["id"] == "7" and item["elements"]["means"] == ["means.deception", "means.abuse_of_trust"]


def test_show_in_russian(tipkb):
    r = tipkb("show", "128", "--lang", "ru", "--on", "2021-06-01")
    assert r.code == 0 and "Торговля людьми" in r.out and "вербовка" in r.out


def test_audit(tipkb):
    data = ok_json(tipkb, "audit")
    assert data["total"] > 0 and data["by_confidence"]["unverified"] > 0
    first = data["groups"][0]["rows"][0]
    assert first["confidence"] == "unverified"  # worst first
    assert tipkb("audit", "--format", "markdown").out.startswith("# Audit")


@pytest.mark.parametrize("args, code, message", [
    (["show", "999"], 4, "article 999 is not in the knowledge base"),
    (["show", "128.9"], 4, "article 128 has no part 9"),
    (["penalty", "128..2"], 1, "not a citation"),
    (["show", "ст."], 1, "not a citation"),
    (["penalty", "128", "--on", "2021-02-30"], 1, "not a valid date"),
    (["penalty", "128", "--on", "2014-06-01"], 1, "before 2015-01-01"),
    (["show", "128", "--lang", "de"], 1, "Invalid value"),
    (["penalty", "128", "--root", "/nonexistent"], 2, "not a tipkb knowledge base"),
])
def test_bad_input_gets_one_clean_message(tipkb, args, code, message):
    r = tipkb(*args)
    assert r.code == code, r
    assert message in r.err and "Traceback" not in r.err and r.out == ""


def test_broken_yaml_exits_2_naming_the_file(tipkb, kb_copy):
    edit(kb_copy / "statutes/kz/criminal-code/art-128.yaml", "article: \"128\"", "article: [128")
    r = tipkb("show", "128", "--root", str(kb_copy))
    assert r.code == 2 and "art-128.yaml:" in r.err and "Traceback" not in r.err


def test_every_command_is_routed_to_its_module():
    from cli.app import COMMANDS, app, register

    register()
    assert {cmd.name or cmd.callback.__name__ for cmd in app.registered_commands} == set(COMMANDS)


def test_every_command_is_documented_in_the_readme():
    from pathlib import Path

    from cli.app import app, register

    register()

    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    for cmd in app.registered_commands:
        name = cmd.name or cmd.callback.__name__
        assert f"tipkb {name}" in readme, f"README does not document `tipkb {name}`"


@pytest.mark.parametrize("args", [["gaps", "--json"], ["qualify", "--date", "2021-06-01", "--act", "sale", "--json"],
                                  ["history", "134", "--json"], ["search", "recruitment", "--json"],
                                  ["penalty", "128", "--json"]])
def test_each_command_runs_in_a_fresh_process(args):
    """main() registers only the command being run; in a fresh process, as a user runs it."""
    import subprocess
    import sys
    from pathlib import Path

    tipkb = Path(sys.executable).with_name("tipkb")
    r = subprocess.run([str(tipkb), *args], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)


def test_version(tipkb):
    r = tipkb("--version")
    assert r.code == 0 and r.out.startswith("tipkb 0.")
