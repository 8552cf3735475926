"""The fixture texts (written for these tests: fictitious articles 901-904 and acts 995-IX to 999-IX) and
ways to wrap them as a browser or a word processor would save them."""

from __future__ import annotations

import html
import io
import zipfile
from pathlib import Path

from kb.statute_text import ParsedText, parse, read

FIXTURES = Path(__file__).parent.parent / "fixtures" / "statute_text"


def fixture(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def parsed(text: str, name: str = "text.txt", **kw) -> ParsedText:
    return parse(read(text.encode("utf-8"), name, **kw))


def as_html(text: str) -> bytes:
    """One <p> per line, as adilet's pages are, with a script, a style, entities and a footer around it."""
    body = "\n".join(f"<p>{html.escape(line.strip()).replace('–', '&ndash;')}</p>" for line in text.splitlines())
    page = (f"<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Статья 999. Не статья</title>\n"
            f"<style>p {{ margin: 0 }}</style></head>\n<body><script>var x = '1. не часть';</script>\n"
            f"{body}\n</body></html>\n")
    return page.encode("utf-8")


def as_docx(text: str) -> bytes:
    """A minimal .docx: one paragraph a line, runs split as Word splits them."""
    def paragraph(line: str) -> str:
        half = len(line) // 2
        runs = "".join(f'<w:r><w:t xml:space="preserve">{html.escape(part)}</w:t></w:r>'
                       for part in (line[:half], line[half:]) if part)
        return f"<w:p>{runs}</w:p>"

    xml = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
           '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
           + "".join(paragraph(line.strip()) for line in text.splitlines()) + "</w:body></w:document>")
    return docx_with(xml)


def docx_with(document_xml: str | bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", document_xml)
    return buffer.getvalue()


def penalty_rows(text: ParsedText) -> dict[str, object]:
    """Each part's penalty (or its absence) by citation, for comparing two texts of the same law."""
    return {f"{a.number}.{p.id}": (p.repealed, p.sanction.penalty if p.sanction else None,
                                   p.sanction.attached if p.sanction else None,
                                   [(i.id, i.repealed) for i in p.items])
            for a in text.articles for p in a.parts}
