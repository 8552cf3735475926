"""Every page of `tipkb serve` and every error, in-process: what each page shows is the CLI's view of the engine's
result (the same blocks, the same words in each language), errors carry the CLI's messages with the HTTP status
of its exit code, uploads stay in memory and are escaped, and the Host header is checked."""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import parse_qs, urlsplit

import pytest

from cli.views import gaps as gaps_view
from cli.views import law
from cli.views import qualify as qualify_view
from cli.views import search as search_view
from kb import gaps
from kb.citation import parse
from kb.draft import apply
from kb.errors import NotFound
from kb.history import history
from kb.show import show

from ..conftest import TODAY, run
from ..minikb import DRAFT
from .conftest import BASE, main_text, message, shows

D2016, D2018, D2025 = dt.date(2016, 1, 1), dt.date(2018, 6, 1), dt.date(2025, 1, 1)
PAGES = ["/", "/art/500", "/gaps", "/qualify", "/compare", "/search?q=recruitment", "/audit"]
UNDATED = {"/compare", "/audit"}


def query(response) -> dict:
    return {k: v[0] for k, v in parse_qs(urlsplit(str(response.url)).query).items()}


# -- every page ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", PAGES)
def test_every_page_has_a_permanent_url_with_its_date_and_language(client, path):
    r = client.get(path, headers={"accept-language": "kk, ru;q=0.8"})
    assert r.status_code == 200 and r.history and r.history[0].status_code == 302
    q = query(r)
    assert q["lang"] == "kk" and '<html lang="kk">' in r.text
    assert ("on" not in q) if path in UNDATED else (q["on"] == TODAY.isoformat())
    assert client.get(str(r.url)).history == []  # the permanent URL is the page itself
    # ru / kk / en on every page, each link keeping the rest of the address
    links = dict(re.findall(r'<a href="([^"]+)" hreflang="(\w\w)"', r.text))
    assert sorted(links.values()) == ["en", "kk", "ru"]
    for href, code in links.items():
        assert query(client.get(href.replace("&amp;", "&")))["lang"] == code


@pytest.mark.parametrize("path", PAGES)
def test_no_script_and_no_asset_from_elsewhere(client, path):
    r = client.get(path)
    assert not re.search(r"<(script|img|iframe|object|embed|video|audio)\b", r.text, re.I)
    assert re.findall(r"<link [^>]*>", r.text) == ['<link rel="stylesheet" href="/style.css">']
    assert all(not re.match(r"[a-z]+:", src) for src in re.findall(r'\bsrc="([^"]*)"', r.text))
    assert "default-src 'none'" in r.headers["content-security-policy"]
    assert r.headers["cache-control"] == "no-store" and r.headers["x-content-type-options"] == "nosniff"
    css = client.get("/style.css")
    assert css.status_code == 200 and css.headers["content-type"].startswith("text/css")
    assert "url(" not in css.text and "@import" not in css.text


# -- the article at a date -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "ru", "kk"])
def test_the_article_page_is_the_cli_view_with_its_timeline(client, web_kb, lang):
    on = dt.date(2024, 8, 1)  # inside law-p's window: two readings, an unknown penalty, its last known value
    r = client.get(f"/art/500?on={on}&lang={lang}")
    assert r.status_code == 200
    view = show(web_kb, parse("500"), on, TODAY)
    assert view.ambiguous and view.not_encoded  # the page has readings, last known values, a part not encoded
    assert shows(r.text, law.article(view, lang)) == []
    assert shows(r.text, law.history(history(web_kb, "500"), lang)) == []
    assert f'value="{on}"' in r.text  # the date control
    assert "/art/500.1?" in r.text and "/art/500.2?" in r.text


def test_a_part_links_back_to_its_article(client, web_kb):
    r = client.get("/art/500.2.1?on=2016-01-01&lang=en")
    assert r.status_code == 200 and shows(r.text, law.article(show(web_kb, parse("500.2.1"), D2016, TODAY), "en")) == []
    assert 'href="/art/500?on=2016-01-01&amp;lang=en"' in r.text


def test_a_citation_in_any_form_leads_to_its_dotted_url(client):
    assert urlsplit(str(client.get("/art/ст. 500 ч. 2 п. 1?lang=ru").url)).path == "/art/500.2.1"
    assert urlsplit(str(client.get("/art?cite=п. 1 ч. 2 ст. 500&on=2016-01-01&lang=ru").url)).path == "/art/500.2.1"


# -- errors as the CLI gives them -------------------------------------------------------------------------------------


@pytest.mark.parametrize("url, args, status", [
    ("/art/999", ["show", "999"], 404),  # unknown article
    ("/art/500.3", ["show", "500.3"], 404),  # a part the KB does not encode
    ("/art/500.2.2?on=2019-01-01", ["show", "500.2.2", "--on", "2019-01-01"], 404),  # an item repealed
    ("/art/500?on=2019-02-30", ["show", "500", "--on", "2019-02-30"], 400),  # a bad date
    ("/art/500?on=2010-01-01", ["show", "500", "--on", "2010-01-01"], 400),  # before the Code
    ("/art/500.x.y.z", ["show", "500.x.y.z"], 400),  # not a citation
    ("/gaps?on=tomorrow", ["gaps", "--on", "tomorrow"], 400),
    ("/compare?from=2016-01-01&to=no-such-act", ["diff", "--from", "2016-01-01", "--to", "no-such-act"], 404),
    ("/search?q=" + "word%20" * 30, ["search", " ".join(["word"] * 30)], 400),
])
def test_bad_input_gets_the_cli_message_and_status(client, web_root, url, args, status):
    r = client.get(url + ("&" if "?" in url else "?") + "lang=en")
    cli = run(*args, "--root", str(web_root))
    assert r.status_code == status and cli.code == {404: 4, 400: 1}[status]
    assert message(r.text) == cli.err.strip().removeprefix("tipkb: ")
    assert "Traceback" not in r.text


def test_not_encoded_is_said_so_not_as_a_missing_part(client, web_kb):
    with pytest.raises(NotFound) as e:
        show(web_kb, parse("500.3"), TODAY)
    r = client.get("/art/500.3?lang=ru")
    assert r.status_code == 404 and message(r.text) == str(e.value) and "not encoded" in str(e.value)
    assert "<h1>Не найдено</h1>" in r.text  # the page's own words in its language


@pytest.mark.parametrize("url, status", [
    ("/gaps?lang=de", 400), ("/no-such-page", 404), ("/art/500/history", 404), ("/gaps?draft=" + "0" * 32, 404),
    ("/gaps?draft=../../etc/passwd", 404), ("/compare?to=2016-01-01", 400), ("/compare?from=d.yaml&to=2016-01-01", 400),
    ("/compare?from=-&to=2016-01-01", 400), ("/compare?to=2016-01-01&from=2015-06-01&art=999", 404),
    ("/search?q=x&limit=ten", 400), ("/compare?from=2018-06-01&to=2016-01-01", 400),
])
def test_other_errors(client, url, status):
    r = client.get(url)
    assert r.status_code == status and message(r.text) and "Traceback" not in r.text


def test_a_request_never_names_a_file(client, web_root):
    """A point that looks like a file is refused before anything is read: only uploads are drafts."""
    (web_root / "d.yaml").write_text(DRAFT, encoding="utf-8")
    r = client.get("/compare", params={"from": str(web_root / "d.yaml"), "to": "2016-01-01", "lang": "en"})
    assert r.status_code == 400 and "upload the draft" in message(r.text)


def test_a_wrong_method_is_refused(client):
    assert client.post("/audit").status_code == 405


# -- the gap report -----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_the_gap_report_is_the_memo_with_its_finding_first(client, web_kb, lang):
    r = client.get(f"/gaps?on={D2016}&lang={lang}")
    report = gaps.report(web_kb, D2016)
    memo = gaps_view.memo(report, lang)
    assert r.status_code == 200 and shows(r.text, memo) == []
    headings = re.findall(r"<h2>(.*?)</h2>", r.text)
    assert headings[0] == memo[[b[0] for b in memo].index("heading")][1]  # the finding, first
    verdict = gaps_view.VERDICT[report.readings[0].finding.verdict]
    from cli.phrases import Words

    text = main_text(r.text)
    assert text.index(Words(lang)(verdict)) < text.index(headings[1])


def _upload(client, path, content: bytes, name="my draft.yaml", field="draft", **params):
    return client.post(path, params={"lang": "en", **params}, files={field: (name, content, "application/yaml")},
                       follow_redirects=False)


def test_a_draft_uploaded_to_the_gap_report_shows_every_row_it_changes(client, web_kb):
    r = _upload(client, "/gaps", DRAFT.encode(), on=str(D2025))
    assert r.status_code == 303
    url = r.headers["location"]
    assert query(client.get(url))["draft"] == re.search(r"draft=([0-9a-f]{32})", url).group(1)
    assert _upload(client, "/gaps", DRAFT.encode(), on=str(D2025)).headers["location"] == url  # by content hash
    page = client.get(url)
    overlay, act = apply(web_kb, DRAFT.encode(), D2025, "my draft.yaml")
    report = gaps.draft_report(overlay, act, "my draft.yaml")
    assert report.draft.changes and page.status_code == 200 and shows(page.text, gaps_view.memo(report, "en")) == []
    rows = {r.id: r for r in report.readings[0].rows}
    from cli.phrases import Words

    table = page.text[page.text.index("<table>", page.text.index(Words("en")("What the draft changes"))):]
    table = table[:table.index("</table>")]
    names = [main_text(f"<main>{cell}</main>") for cell in re.findall(r'<tr><td data-label="[^"]*">(.*?)</td>', table)]
    assert names == [gaps_view.name(Words("en"), rows[c.id], report.labels) for c in report.draft.changes]
    assert "my draft.yaml" in main_text(page.text)


def test_an_invalid_draft_is_refused_with_its_lines_as_the_cli_refuses_it(client, web_root, tmp_path):
    bad = DRAFT.replace("summary:", "sumary:")
    r = _upload(client, "/gaps", bad.encode(), name="bad.yaml", on=str(D2025))
    (tmp_path / "bad.yaml").write_text(bad, encoding="utf-8")
    cli = run("gaps", "--root", str(web_root), "--on", str(D2025), "--draft", str(tmp_path / "bad.yaml"))
    findings = [re.sub(r"^.*?bad\.yaml", "bad.yaml", line) for line in cli.err.splitlines()[:-1]]
    assert r.status_code == 400 and cli.code == 2 and findings
    import html

    assert [html.unescape(f) for f in re.findall(r"<li><code>(.*?)</code></li>", r.text)] == findings
    assert client.get("/gaps?lang=en").text.count("bad.yaml") == 0  # not kept


def test_uploads_are_bounded(client):
    from kb import inputs
    from web.uploads import BODY_LIMIT

    over = b"#" * (inputs.DRAFT + 1)
    r = _upload(client, "/gaps", over)
    assert r.status_code == 400 and "file too large" in r.text
    r = _upload(client, "/gaps", b"#" * (BODY_LIMIT + 1))
    assert r.status_code == 413
    r = _upload(client, "/qualify", b"#" * (inputs.FACTS + 1), field="facts")
    assert r.status_code == 400 and "file too large" in r.text
    r = _upload(client, "/gaps", b"a: &x [1]\nb: *x\n")  # no aliases
    assert r.status_code == 400 and "aliases" in r.text
    assert client.post("/gaps", content=b"--x\r\nnonsense", headers={"content-type": "multipart/form-data; boundary=x"}
                       ).status_code == 400
    assert client.post("/gaps", data={"nothing": "here"}).status_code == 400  # no file chosen


def test_a_hostile_upload_is_escaped(client):
    hostile = DRAFT.replace("the means as elements", "<script>alert(1)</script>").replace(
        "Recruiting or selling", "<img src=x onerror=alert(2)> Recruiting")
    r = _upload(client, "/gaps", hostile.encode(), name='<b onmouseover="x()">d.yaml', on=str(D2025))
    page = client.get(r.headers["location"])
    assert page.status_code == 200 and "&lt;script&gt;" in page.text and "&lt;b onmouseover=" in page.text
    assert not re.search(r"<(script|img|b)\b", page.text)
    r = _upload(client, "/qualify", b"date: 2016-06-01\nacts: ['<script>x</script>']\n", field="facts")
    assert r.status_code == 400 and "&lt;script&gt;x&lt;/script&gt;" in r.text and "<script" not in r.text


# -- compare --------------------------------------------------------------------------------------------------------


def test_compare_two_dates_as_diff_gives_it(client, web_kb):
    from kb.diff import diff
    from kb.snapshot import points

    r = client.get(f"/compare?from={D2016}&to={D2018}&art=700&lang=ru")
    report = diff(web_kb, points(web_kb, D2016, ["700"]), web_kb, points(web_kb, D2018, ["700"]), ["700"],
                  str(D2016), str(D2018))
    assert r.status_code == 200 and report.readings[0].articles[0].changes and shows(r.text, law.diff(report, "ru")) == []
    assert 'value="700" checked' in r.text


def test_compare_an_act_just_before_and_after(client, web_root):
    r = client.get("/compare?from=77-VII&before=1&to=77-VII&lang=en")
    cli = run("diff", "--from", "77-VII", "--before", "--to", "77-VII", "--root", str(web_root), "--format", "markdown")
    assert r.status_code == 200 and cli.code == 0
    changes = [line[2:] for line in cli.out.splitlines() if line.startswith("- ")]
    assert changes and all(" ".join(c.split()) in main_text(r.text) for c in changes)


def test_an_uploaded_draft_is_compared_with_the_law_just_before_it(client, web_root, tmp_path):
    r = _upload(client, "/compare", DRAFT.encode(), name="d.yaml")
    assert r.status_code == 303 and "to=draft%3A" in r.headers["location"]
    page = client.get(r.headers["location"])
    (tmp_path / "d.yaml").write_text(DRAFT, encoding="utf-8")
    cli = run("diff", "--to", str(tmp_path / "d.yaml"), "--root", str(web_root), "--format", "markdown")
    changes = [line[2:] for line in cli.out.splitlines() if line.startswith("- ")]
    assert page.status_code == 200 and changes
    assert all(" ".join(c.split()) in main_text(page.text) for c in changes)


# -- qualify ---------------------------------------------------------------------------------------------------------


def _answer(kb, facts: dict, later=TODAY, lang="en"):
    from kb import facts as f
    from kb import qualify as q

    result = q.qualify(kb, f.to_case(kb, f.Facts.model_validate(facts)), later)
    return qualify_view.view(q.report(kb, [result], []), lang, explain=True)


def test_the_form_offers_the_vocabulary_in_the_chosen_language(client, web_kb):
    r = client.get("/qualify?lang=ru")
    for vid, term in web_kb.vocabulary.terms.items():
        if vid.startswith(("act.", "means.", "purpose.")) and term.label.ru:
            assert f'value="{vid}"' in r.text and f">{term.label.ru}</label>" in r.text
    assert re.search(r'<input id="acts_other" name="acts_other" type="text" list="acts-terms"', r.text)
    from kb.facts import FLAGS

    assert all(f'name="{flag.name}"' in r.text for flag in FLAGS)


def test_a_qualification_through_the_form(client, web_kb):
    form = {"date": "2016-06-01", "acts": ["act.recruitment"], "purposes_other": "forced labour", "age": "15",
            "knew_age": "yes", "group": "yes"}
    r = client.post("/qualify?lang=en&on=2026-06-01", data=form)
    expected = _answer(web_kb, {"date": "2016-06-01", "acts": ["act.recruitment"], "purposes": ["forced labour"],
                                "victims": [{"age": 15, "knew_age": True}],
                                "offenders": {"group_prior_agreement": True}})
    assert r.status_code == 200 and shows(r.text, expected) == []
    # the form keeps what was stated
    assert 'value="act.recruitment" checked' in r.text and 'value="forced labour"' in r.text
    assert re.search(r'<option value="yes" selected>', r.text)


def test_a_facts_file_can_be_uploaded_instead(client, web_kb, web_root, tmp_path):
    facts = "date: 2016-06-01\nacts: [recruitment]\npurposes: [forced labour]\nvictims: [{age: 30}]\n"
    r = _upload(client, "/qualify", facts.encode(), name="case.yaml", field="facts")
    (tmp_path / "case.yaml").write_text(facts, encoding="utf-8")
    cli = run("qualify", str(tmp_path / "case.yaml"), "--explain", "--root", str(web_root), "--format", "markdown")
    assert r.status_code == 200 and cli.code == 0
    assert shows(r.text, _answer(web_kb, {"date": "2016-06-01", "acts": ["recruitment"], "purposes": ["forced labour"],
                                          "victims": [{"age": 30}]})) == []


@pytest.mark.parametrize("form, words", [
    ({}, "give the date of the offence"),
    ({"date": "2016-06-01", "age": "fifteen"}, "not a whole number"),
    ({"date": "2016-06-01", "age": "15", "minor": "no"}, "contradicts the age 15"),
    ({"date": "2016-06-01", "acts": ["no such thing at all"]}, "no such thing at all"),
    ({"date": "2099-01-01"}, "in the future"),
    ({"date": "2016-06-01", "compare_on": "2015-06-01"}, "is before the offence"),
    ({"date": "2016-06-01", "minor": "perhaps"}, "answer yes, no"),
])
def test_bad_facts_in_the_form_are_said_above_the_form(client, form, words):
    r = client.post("/qualify?lang=en", data=form)
    assert r.status_code == 400 and words in r.text and '<form class="facts"' in r.text


def test_an_invalid_facts_file_lists_its_lines(client, web_root, tmp_path):
    facts = "date: 2016-06-01\nvictims: [{age: 300}]\nwhat: 1\n"
    r = _upload(client, "/qualify", facts.encode(), name="case.yaml", field="facts")
    (tmp_path / "case.yaml").write_text(facts, encoding="utf-8")
    cli = run("qualify", str(tmp_path / "case.yaml"), "--root", str(web_root))
    import html

    expected = [line.replace(str(tmp_path) + "/", "") for line in cli.err.splitlines()[:-1]]
    assert r.status_code == 400 and cli.code == 2
    assert [html.unescape(f) for f in re.findall(r"<li><code>(.*?)</code></li>", r.text)] == expected


# -- search and audit -------------------------------------------------------------------------------------------------


def test_search_shows_the_hits_with_links_to_them(client, web_kb):
    from kb.search import search

    r = client.get("/search?q=вербовка&on=2016-01-01&lang=ru")
    result = search(web_kb, "вербовка", D2016, 20)
    assert result.hits and shows(r.text, search_view.search(result, "ru")) == []
    for h in result.hits:
        if h.kind != "provision":
            assert f'href="/art/{h.citation}?on=2016-01-01&amp;lang=ru"' in r.text
    assert 'value="вербовка"' in r.text  # the one box, filled
    assert client.get("/search?lang=en&on=2016-01-01").status_code == 200  # no query yet


def test_audit_worst_first(client, web_kb):
    from kb.audit import audit

    r = client.get("/audit?lang=kk")
    assert r.status_code == 200 and shows(r.text, law.audit(audit(web_kb), "kk")) == []


def test_home_lists_the_articles(client, web_kb):
    r = client.get("/?lang=en&on=2016-01-01")
    for number in web_kb.articles:
        assert f'href="/art/{number}?on=2016-01-01&amp;lang=en"' in r.text


# -- the server's own checks --------------------------------------------------------------------------------------------


def test_the_host_header_is_checked(web_kb):
    from starlette.testclient import TestClient

    from web.app import create_app

    app = create_app(web_kb, lambda: TODAY, hosts=["127.0.0.1", "localhost"])
    assert TestClient(app, base_url="http://localhost:8000").get("/audit?lang=en").status_code == 200
    r = TestClient(app, base_url="http://attacker.example:8000").get("/audit?lang=en")  # DNS rebinding
    assert r.status_code == 400 and "audit" not in r.text.lower()


def test_a_form_posted_from_another_site_is_refused(client):
    r = client.post("/qualify?lang=en", data={"date": "2016-06-01"}, headers={"origin": "http://attacker.example"})
    assert r.status_code == 403
    assert client.post("/qualify?lang=en", data={"date": "2016-06-01"}, headers={"origin": BASE}).status_code == 200


def test_nothing_is_written_to_disk(client, monkeypatch):
    """Uploads and answers never touch the file system: every open for writing fails the test."""
    import builtins
    import io
    import os
    import tempfile

    writes = []
    real_open, real_os_open = builtins.open, os.open

    def guarded_open(file, mode="r", *a, **k):
        if any(c in mode for c in "wax+"):
            writes.append(file)
        return real_open(file, mode, *a, **k)

    def guarded_os_open(path, flags, *a, **k):
        if flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT):
            writes.append(path)
        return real_os_open(path, flags, *a, **k)

    client.get("/gaps?lang=en")  # whatever is loaded once, before
    monkeypatch.setattr(builtins, "open", guarded_open)
    monkeypatch.setattr(io, "open", guarded_open)
    monkeypatch.setattr(os, "open", guarded_os_open)
    monkeypatch.setattr(tempfile, "_mkstemp_inner", lambda *a, **k: writes.append("mkstemp"))
    r = _upload(client, "/gaps", DRAFT.encode() + b"#" * 100_000, on=str(D2025))
    assert client.get(r.headers["location"]).status_code == 200
    assert _upload(client, "/qualify", b"date: 2016-06-01\nacts: [recruitment]\n", field="facts").status_code == 200
    assert client.post("/qualify?lang=en", data={"date": "2016-06-01", "acts": ["act.recruitment"]}).status_code == 200
    assert writes == []


def test_an_internal_error_is_one_line_not_a_traceback(client, monkeypatch):
    from kb import audit

    monkeypatch.delenv("TIPKB_DEBUG", raising=False)
    monkeypatch.setattr(audit, "audit", lambda kb: 1 / 0)
    r = client.get("/audit?lang=en")
    assert r.status_code == 500 and message(r.text) == "internal error (ZeroDivisionError: division by zero); please " \
                                                         "report it"

