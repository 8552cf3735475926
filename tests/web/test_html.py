"""The HTML renderer of blocks, the web's words in three languages, and `tipkb serve` itself."""

from __future__ import annotations

import ast
import gc
import re
import shutil
import socket
import sys
from pathlib import Path

import pytest

from cli.render import field, heading, item, table, text, title, warn, words

from ..conftest import TODAY, run
from ..minikb import write_kb
from ..test_diff import ART
from .conftest import BASE

HOSTILE = '<script>alert("x")</script> & \'quoted\''


def test_every_block_is_escaped():
    from web.html import to_html

    blocks = [title(HOSTILE), heading(HOSTILE), text(HOSTILE), warn(HOSTILE), field(HOSTILE, HOSTILE),
              item(HOSTILE, 1), words([("equal", HOSTILE), ("delete", HOSTILE), ("insert", HOSTILE)]),
              table([HOSTILE], [[HOSTILE + "\n" + HOSTILE]])]
    html = str(to_html(blocks))
    assert "<script" not in html and html.count("&lt;script&gt;") == 14
    assert 'data-label="&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; &#39;quoted&#39;"' in html


def test_lists_nest_by_indent_and_close():
    from web.html import to_html

    html = str(to_html([field("a", "1"), item("b", 1), item("c", 2), field("d", "2"), text("after"), item("x", 1)]))
    assert html.count("<ul") == html.count("</ul>") == 5 and html.count("<li") == html.count("</li>")
    assert html.index("<p>after</p>") > html.index("</ul>")
    assert '<li class="nest">\n<ul>\n<li class="item">x' in html  # an indented item with no parent of its own


def test_the_markdown_a_view_means_and_nothing_else():
    from web.html import inline, to_html

    assert str(inline("**row** — met")) == "<strong>row</strong> — met"
    assert str(inline("s1: a paper <https://example.org/a?b=1&c=2>")) == \
        's1: a paper <a href="https://example.org/a?b=1&amp;c=2" rel="noreferrer">https://example.org/a?b=1&amp;c=2</a>'
    assert "<a" not in str(inline("<javascript:alert(1)>")) and "<a" not in str(inline('<https://x" onclick="y>'))
    assert str(to_html([words([("equal", "a"), ("delete", "b"), ("insert", "c")])])) == \
        '<ul class="blocks">\n<li class="item words">a <del>b</del> <ins>c</ins>\n</li>\n</ul>'


def test_a_word_diff_is_marked_up_on_the_compare_page(tmp_path):
    """An official text changed between two versions: the words deleted and inserted, as `diff` finds them."""
    from starlette.testclient import TestClient

    from kb.load import load
    from web.app import create_app

    client = TestClient(create_app(load(write_kb(tmp_path, {"900": ART})), lambda: TODAY), base_url=BASE)
    r = client.get("/compare?from=2016-01-01&to=2019-06-01&lang=ru")
    assert r.status_code == 200 and "<ins>или передача</ins>" in r.text and "<del>" not in r.text


def _web_phrases() -> set[str]:
    web = Path(__file__).parents[2] / "web"
    used = set()
    for f in (web / "templates").glob("*.html"):
        source = f.read_text(encoding="utf-8")
        used |= set(re.findall(r'\bw\(\s*"([^"]+)"', source)) | set(re.findall(r"\bw\(\s*'([^']+)'", source))
    for f in web.glob("*.py"):
        tree = ast.parse(f.read_text(encoding="utf-8"))
        used |= {n.args[0].value for n in ast.walk(tree) if isinstance(n, ast.Call) and n.args
                 and isinstance(n.args[0], ast.Constant) and "w" in (getattr(n.func, "id", ""), getattr(n.func, "attr", ""))}
    from web.app import TITLES

    return used | set(TITLES.values())


def test_every_phrase_of_the_pages_is_translated():
    from cli.phrases import PHRASES

    used = _web_phrases()
    assert len(used) > 50 and sorted(p for p in used if p not in PHRASES) == []


# -- tipkb serve ---------------------------------------------------------------------------------------------------


@pytest.fixture
def served(monkeypatch):
    """`tipkb serve` up to the point it would serve: the app and the socket it would serve on."""
    import uvicorn

    started = {}

    def fake_run(self, sockets=None):
        started.update(app=self.config.app, ports=[s.getsockname()[1] for s in sockets],
                       access_log=self.config.access_log, collecting=gc.isenabled())
        for s in sockets:
            s.close()

    monkeypatch.setattr(uvicorn.Server, "run", fake_run)
    return started


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_serve_prints_its_url_and_serves_loopback_quietly(served):
    port = _free_port()
    gc.disable()  # as a run of the `tipkb` command leaves it (cli.run); a server collects again
    try:
        r = run("serve", "--port", str(port))
    finally:
        gc.enable()
    assert r.code == 0 and r.out == f"tipkb: serving the knowledge base at http://127.0.0.1:{port}/ (Ctrl-C to stop)\n"
    assert r.err == "" and served["access_log"] is False and served["collecting"] is True
    assert served["ports"] == [port]


def test_a_server_keeps_the_kb_it_loaded_when_its_cache_folder_is_removed(served, tmp_path, monkeypatch):
    """A KB keeps two caches (kb/cache.py), so a server's can be removed by other runs while it serves."""
    from starlette.testclient import TestClient

    monkeypatch.delenv("TIPKB_NO_CACHE", raising=False)
    monkeypatch.setenv("TIPKB_CACHE_DIR", str(tmp_path / "cache"))
    root = write_kb(tmp_path / "kb", {"900": ART})
    assert run("validate", "--root", str(root)).code == 0  # the cache is written
    assert run("serve", "--root", str(root), "--port", str(_free_port())).code == 0
    shutil.rmtree(tmp_path / "cache")
    art = root / "statutes/kz/criminal-code/art-900.yaml"
    art.write_text(art.read_text(encoding="utf-8").replace("New title", "Edited title"), encoding="utf-8")
    page = TestClient(served["app"], base_url=BASE).get("/art/900")
    assert page.status_code == 200 and "New title" in page.text and "Edited title" not in page.text


def test_serve_warns_when_the_host_is_not_loopback(served):
    r = run("serve", "--host", "0.0.0.0", "--port", str(_free_port()))
    assert r.code == 0 and "warning: 0.0.0.0 is not a loopback address" in r.err


def test_serve_checks_the_host_header_against_the_address_served():
    import ipaddress

    from cli.serve import allowed_hosts

    assert allowed_hosts("127.0.0.1", ipaddress.ip_address("127.0.0.1")) == ["127.0.0.1", "[::1]", "localhost"]
    assert "[::1]" in allowed_hosts("::1", ipaddress.ip_address("::1"))
    assert allowed_hosts("192.0.2.7", ipaddress.ip_address("192.0.2.7")) == ["192.0.2.7"]


def test_serve_reports_a_port_in_use_and_a_bad_host(served):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        r = run("serve", "--port", str(s.getsockname()[1]))
    assert r.code == 5 and r.err.startswith("tipkb: cannot listen on 127.0.0.1 port") and not served
    r = run("serve", "--host", "no such host name.invalid", "--port", str(_free_port()))
    assert r.code == 1 and "--host: not an address" in r.err
    assert run("serve", "--port", "70000").code == 1


def test_serve_reports_an_invalid_kb(served, tmp_path):
    root = write_kb(tmp_path, {"500": "article: '500'\ncode: kz-cc\nnonsense: 1\n"})
    r = run("serve", "--root", str(root), "--port", str(_free_port()))
    assert r.code == 2 and "art-500.yaml" in r.err and not served


def test_serve_without_its_extra_says_how_to_install_it(monkeypatch):
    monkeypatch.setitem(sys.modules, "uvicorn", None)  # as if not installed
    r = run("serve")
    assert r.code == 1 and "pip install 'tipkb[serve]'" in r.err and "uvicorn" in r.err
