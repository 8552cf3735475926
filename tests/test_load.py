"""The loader's error messages: FILE:LINE:COL: key: message, every error of the run at once."""

import pytest

from kb.errors import InvalidKB
from kb.load import load

from .conftest import edit

ART128 = "statutes/kz/criminal-code/art-128.yaml"


def findings(root):
    with pytest.raises(InvalidKB) as e:
        load(root)
    return [str(f) for f in e.value.findings]


def line_of(root, rel, needle, nth=1):
    lines = (root / rel).read_text(encoding="utf-8").splitlines()
    hits = [i + 1 for i, line in enumerate(lines) if needle in line]
    return hits[nth - 1]


def test_shipped_kb_loads(kb):
    assert set(kb.articles) == {"116", "125", "125-1", "126", "128", "134", "135", "308", "309"}


def test_unknown_key_names_file_line_and_key(kb_copy):
    edit(kb_copy / ART128, "        summary: >-\n          Buying", "        sumary: >-\n          Buying")
    line = line_of(kb_copy, ART128, "sumary:")
    assert f"{ART128}:{line}:9: parts[1].versions[kz-law-226-V].sumary: unknown key" in findings(kb_copy)


def test_wrong_type_names_its_line(kb_copy):
    edit(kb_copy / ART128, "              mandatory: true", "              mandatory: [yes]")
    line = line_of(kb_copy, ART128, "mandatory: [yes]")
    (msg,) = findings(kb_copy)
    assert msg.startswith(f"{ART128}:{line}:")
    assert "penalty.additional[0].mandatory: expected true or false" in msg


def test_bad_duration_and_bad_date(kb_copy):
    edit(kb_copy / ART128, "              min: 3y", "              min: 3 years")
    acts = "statutes/kz/criminal-code/amendments.yaml"
    edit(kb_copy / acts, "date: 2015-01-01", "date: 2015-02-30")
    out = findings(kb_copy)
    assert any(m.startswith(f"{acts}:{line_of(kb_copy, acts, '2015-02-30')}:") and
               "in_force.date: 2015-02-30 is not a day of the calendar" in m for m in out)
    assert any(m.startswith(f"{ART128}:{line_of(kb_copy, ART128, '3 years')}:") and
               "expected a duration like '6m', '4y'" in m for m in out)
    assert len(out) == 2  # both files' errors in one run


def test_yaml_syntax_error_has_position(kb_copy):
    edit(kb_copy / ART128, 'article: "128"', 'article: "128\n  bad: [')
    (msg,) = findings(kb_copy)
    assert msg.startswith(f"{ART128}:") and "YAML syntax" in msg


def test_missing_required_key(kb_copy):
    edit(kb_copy / ART128, "    confidence: inferred\n    basis: >-\n      The Kazakh", "    basis: >-\n      The Kazakh")
    (msg,) = findings(kb_copy)
    assert "titles[kz-law-226-V].confidence: required key is missing" in msg


def test_unresolved_references_and_min_above_max(kb_copy):
    art135 = "statutes/kz/criminal-code/art-135.yaml"
    edit(kb_copy / art135, "means: [means.deception, means.abuse_of_trust]", "means: [means.decepton]")
    edit(kb_copy / art135, "builds_on: [\"1\"]", "builds_on: [\"7\"]")
    edit(kb_copy / ART128, "              min: 4y", "              min: 9y")
    edit(kb_copy / ART128, "      - act: kz-law-292-VI", "      - act: kz-law-999-X")
    edit(kb_copy / ART128, "          - ref: kz-S3", "          - ref: kz-S99")
    out = "\n".join(findings(kb_copy))
    assert "unknown vocabulary id 'means.decepton'" in out
    assert "builds on part '7', which this article does not have" in out
    assert "min 108 months is above max 84 months" in out
    assert "unknown amending act 'kz-law-999-X'" in out
    assert "unknown source 'kz-S99'" in out
    assert f"{art135}:{line_of(kb_copy, art135, 'means.decepton')}:" in out


def test_versions_out_of_order(kb_copy):
    # 292-VI before 226-V: the second version would start before the first
    text = (kb_copy / ART128).read_text(encoding="utf-8")
    text = text.replace("      - act: kz-law-226-V\n        summary: >-\n          Buying",
                        "      - act: kz-law-226-V\n        from: 2021-01-01\n        summary: >-\n          Buying")
    (kb_copy / ART128).write_text(text, encoding="utf-8")
    assert any("overlaps the previous version" in m for m in findings(kb_copy))


def test_duplicate_article_and_empty_file(kb_copy):
    code_dir = kb_copy / "statutes/kz/criminal-code"
    (code_dir / "art-128-copy.yaml").write_text((code_dir / "art-128.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    (code_dir / "art-999.yaml").write_text("", encoding="utf-8")
    out = findings(kb_copy)
    assert any("article 128 is already defined in" in m for m in out)
    assert any("art-999.yaml" in m and "the file is empty" in m for m in out)


def test_aliases_are_refused(kb_copy):
    edit(kb_copy / ART128, "    confidence: inferred\n    basis: >-\n      The Kazakh",
         "    confidence: &c inferred\n    note: *c\n    basis: >-\n      The Kazakh")
    (msg,) = findings(kb_copy)
    assert "aliases (*name) are not allowed" in msg


def test_many_files_read_by_the_workers_give_the_same_kb_and_findings(kb_copy, monkeypatch):
    """A whole-Code KB is parsed with kb/yamlfast.py, in worker processes (in-process on one core); a small one
    in-process with ruamel. All must give the same records, and the same findings for a broken file (the fast
    reader passes what it cannot read plainly to ruamel, which places the problem)."""
    from kb import load as loader

    monkeypatch.setenv("TIPKB_NO_CACHE", "1")
    alone = load(kb_copy)
    monkeypatch.setattr(loader, "PARALLEL_FROM", 1)
    monkeypatch.setattr(loader, "_cores", lambda: 2)  # (whatever this machine allows)
    pooled = load(kb_copy)
    read = loader._read
    fast = []
    monkeypatch.setattr(loader, "_read", lambda *a: fast.append(a[2]) or read(*a))
    monkeypatch.setattr(loader, "_cores", lambda: 1)
    one_core = load(kb_copy)
    assert fast and all(fast)
    monkeypatch.setattr(loader, "_read", read)  # (a worker is sent the function itself: a lambda cannot go)
    fields = ("code", "acts", "articles", "vocabulary", "sources", "instruments", "checklist", "mapping")
    for kb in (pooled, one_core):
        assert all(getattr(kb, f) == getattr(alone, f) for f in fields)
    edit(kb_copy / ART128, "code: kz-cc", "code: kz-cc\ncode: kz-cc")
    edit(kb_copy / "statutes/kz/criminal-code/art-135.yaml", "code: kz-cc", "code: !!binary a3otY2M=")
    one_core_findings = findings(kb_copy)
    monkeypatch.setattr(loader, "_cores", lambda: 2)
    pooled_findings = findings(kb_copy)
    monkeypatch.setattr(loader, "PARALLEL_FROM", 10_000)
    assert pooled_findings == one_core_findings == findings(kb_copy) and len(pooled_findings) == 2
