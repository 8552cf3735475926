"""The web pages on the mini KB of the compliance report (tests/minikb.py: articles 700-702) with the test article
500 beside it, driven in-process through Starlette's TestClient."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from kb.load import load
from web.html import _INLINE

from ..conftest import TODAY
from ..minikb import ART_500, write_gaps_kb

BASE = "http://127.0.0.1:8000"


@pytest.fixture(scope="session")
def web_root(tmp_path_factory):
    return write_gaps_kb(tmp_path_factory.mktemp("web") / "kb", articles={"500": ART_500})


@pytest.fixture(scope="session")
def web_kb(web_root):
    return load(web_root)


@pytest.fixture
def client(web_kb):
    from starlette.testclient import TestClient

    from web.app import create_app

    return TestClient(create_app(web_kb, lambda: TODAY), base_url=BASE)


class _Text(HTMLParser):
    """The text a person reads in <main>, in order, one space between words."""

    def __init__(self) -> None:
        super().__init__()
        self.depth, self.out = 0, []

    def handle_starttag(self, tag, attrs):
        if tag == "main":
            self.depth += 1
        elif self.depth:
            self.out.append(" ")

    def handle_endtag(self, tag):
        if tag == "main":
            self.depth -= 1
        elif self.depth:
            self.out.append(" ")

    def handle_data(self, data):
        if self.depth:
            self.out.append(data)


def main_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return " ".join("".join(parser.out).split())


def said(blocks) -> list[str]:
    """What each block of a CLI view says, as a person reads it on a page (a table cell's lines apart)."""
    out = []
    for b in blocks:
        if b[0] == "table":
            out += [line for row in b[2] for c in row for line in str(c).split("\n")]
        elif b[0] == "field":
            out.append(f"{b[1]}: {b[2]}")
        elif b[0] == "words":
            out.append(" ".join(t for _, t in b[1]))
        else:
            out.append(b[1])
    out = [_INLINE.sub(lambda m: m.group(1) or m.group(2), s) for s in out]  # bold and links, as the page has them
    return [" ".join(s.split()) for s in out if s.strip()]


def shows(html: str, blocks) -> list[str]:
    """The blocks' texts the page does not show (empty: it shows the whole view)."""
    text = main_text(html)
    return [s for s in said(blocks) if s not in text]


def message(html: str) -> str:
    """The error page's message, as text."""
    import html as h

    m = re.search(r'<p class="error">(.*?)</p>', html, re.S)
    assert m, html
    return h.unescape(m.group(1))
