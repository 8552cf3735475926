"""A saved Code text, as bytes, into numbered lines: plain text, an HTML page, or a .docx file.

Line numbers point into what the user has: the line of a text file, the source line where an HTML block
starts, the paragraph of a .docx. The language (Russian or Kazakh) is detected unless given, and the edition
date is taken from the text's own "по состоянию на DD.MM.YYYY" (Kazakh: "DD.MM.YYYY жағдай бойынша") when
it says so.
"""

from __future__ import annotations

import codecs
import datetime as dt
import io
import re
import zipfile
from html.parser import HTMLParser
from typing import Literal
from xml.etree import ElementTree

from ..errors import Finding, InvalidKB
from ..record import Data
from .numbers import fold

Lang = Literal["ru", "kk"]
Format = Literal["text", "html", "docx"]
DOCX_LIMIT = 64 * 1024 * 1024  # bytes of word/document.xml; the whole Code is a fraction of this


class Line(Data):
    _frozen = True

    number: int
    text: str


class Document(Data):
    """The lines of a text, stripped, without the empty ones; what language it is in and as of when."""

    _frozen = True

    name: str
    format: Format
    lines: list[Line]
    lang: Lang
    edition: dt.date | None = None  # the text's own "по состоянию на"
    edition_line: int | None = None


def _fail(name: str, message: str, line: int | None = None) -> InvalidKB:
    return InvalidKB([Finding(name, line, None, "", message)], what=f"the text {name}")


# -- decoding ----------------------------------------------------------------------------------------------

def _decode(data: bytes, name: str, declared: str | None = None) -> str:
    for bom, codec in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return data.decode(codec, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        utf8_error = e
    for codec in filter(None, (declared, "cp1251")):
        try:
            text = data.decode(codec)
        except (UnicodeDecodeError, LookupError):
            continue
        if re.search(r"[А-Яа-яЁё]", text):
            return text
    raise _fail(name, f"the file is neither UTF-8 nor CP1251 text (byte {utf8_error.start} is not UTF-8)")


# -- plain text --------------------------------------------------------------------------------------------

def _text_lines(text: str) -> list[Line]:
    return [Line(number=i, text=t) for i, raw in enumerate(text.splitlines(), 1) if (t := _clean(raw))]


def _clean(text: str) -> str:
    return re.sub(r"[ \t\u00a0\u2007\u202f\u200b\ufeff]+", " ", text).strip()


# -- HTML --------------------------------------------------------------------------------------------------

_BLOCK = {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "th", "table",
          "section", "article", "header", "footer", "blockquote", "pre", "dd", "dt", "dl", "hr", "body", "center",
          "form", "main", "nav", "aside", "caption"}
_SKIP = {"script", "style", "noscript", "template", "head", "title", "svg"}


class _HTMLLines(HTMLParser):
    """Block elements end a line; scripts, styles and the head are dropped; entities are decoded."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[Line] = []
        self.buffer: list[str] = []
        self.start: int | None = None
        self.skipping: list[str] = []

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag == "body":
            self.skipping.clear()  # a head left open ends where the body starts
        if tag in _SKIP:
            self.skipping.append(tag)
        if tag in _BLOCK:
            self.flush()

    def handle_startendtag(self, tag: str, attrs) -> None:
        if tag in _BLOCK:
            self.flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP and tag in self.skipping:
            while self.skipping and self.skipping.pop() != tag:
                pass
        if tag in _BLOCK:
            self.flush()

    def handle_data(self, data: str) -> None:
        if self.skipping:
            return
        if self.start is None and data.strip():
            self.start = self.getpos()[0] + data[: len(data) - len(data.lstrip())].count("\n")
        self.buffer.append(data)

    def flush(self) -> None:
        text = _clean(re.sub(r"\s+", " ", "".join(self.buffer)))
        if text:
            self.lines.append(Line(number=self.start or self.getpos()[0], text=text))
        self.buffer, self.start = [], None


def _html_lines(text: str) -> list[Line]:
    parser = _HTMLLines()
    parser.feed(text)
    parser.close()
    parser.flush()
    return parser.lines


def _declared_charset(data: bytes) -> str | None:
    m = re.search(rb"""<meta[^>]+charset\s*=\s*["']?([\w-]+)""", data[:4096], re.I)
    return m.group(1).decode("ascii").lower() if m else None


# -- .docx -------------------------------------------------------------------------------------------------

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _docx_lines(data: bytes, name: str) -> list[Line]:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            try:
                info = z.getinfo("word/document.xml")
            except KeyError:
                raise _fail(name, "a zip file without word/document.xml: not a .docx document") from None
            if info.file_size > DOCX_LIMIT:
                raise _fail(name, f"word/document.xml would unpack to {info.file_size} bytes, over the limit of "
                                  f"{DOCX_LIMIT}: refused")
            with z.open(info) as f:
                xml = f.read(DOCX_LIMIT + 1)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, RuntimeError, OSError, EOFError) as e:
        raise _fail(name, f"a damaged .docx file: {e}") from None
    if len(xml) > DOCX_LIMIT:
        raise _fail(name, f"word/document.xml unpacks to more than {DOCX_LIMIT} bytes: refused")
    if re.search(rb"<!(?:DOCTYPE|ENTITY)", xml[:4096]):
        raise _fail(name, "word/document.xml declares a DOCTYPE or entities, which a .docx never does: refused")
    try:
        root = ElementTree.fromstring(xml)
    except ElementTree.ParseError as e:
        raise _fail(name, f"word/document.xml is not well-formed XML: {e}") from None
    lines = []
    for number, paragraph in enumerate(root.iter(f"{_W}p"), 1):
        pieces: list[str] = []
        for node in paragraph.iter():
            if node.tag == f"{_W}t" and node.text:
                pieces.append(node.text)
            elif node.tag == f"{_W}tab":
                pieces.append(" ")
            elif node.tag in (f"{_W}br", f"{_W}cr"):
                pieces.append("\n")
        lines += [Line(number=number, text=t) for piece in "".join(pieces).split("\n") if (t := _clean(piece))]
    return lines


# -- what the text is --------------------------------------------------------------------------------------

def _format(data: bytes, name: str) -> Format:
    if data.startswith(b"PK\x03\x04"):
        return "docx"
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise _fail(name, "a Word 97-2003 .doc file: save it as .docx, HTML or text")
    if data.lstrip().startswith(b"%PDF"):
        raise _fail(name, "a PDF file: save the page as text, HTML or .docx instead")
    head = data[:4096].lower()
    if re.search(rb"<!doctype html|<html[\s>]|<body[\s>]|<p[\s>]|<div[\s>]|<br\s*/?>", head):
        return "html"
    return "text"


_KK_HEADING = re.compile(r"^\d+(?:-\d+)*-бап\.")
_RU_HEADING = re.compile(r"^статья \d+")


def detect_lang(lines: list[Line]) -> Lang:
    """Kazakh if its heading form ("128-бап.") outnumbers the Russian one, or, failing headings, if the
    Kazakh letters are more than a trace of the Cyrillic ones."""
    folded = [fold(line.text) for line in lines]
    kk = sum(bool(_KK_HEADING.match(t)) for t in folded)
    ru = sum(bool(_RU_HEADING.match(t)) for t in folded)
    if kk != ru:
        return "kk" if kk > ru else "ru"
    text = " ".join(folded)
    cyrillic = len(re.findall(r"[а-яәғқңөұүһі]", text))
    kazakh = len(re.findall(r"[әғқңөұүһі]", text))
    return "kk" if cyrillic and kazakh / cyrillic > 0.02 else "ru"


_RU_MONTHS = ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября",
              "ноября", "декабря"]
_KK_MONTHS = ["қаңтар", "ақпан", "наурыз", "сәуір", "мамыр", "маусым", "шілде", "тамыз", "қыркүйек", "қазан",
              "қараша", "желтоқсан"]
_DMY = r"(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4})"
_YMD = r"(?P<y>\d{4})\.(?P<m>\d{1,2})\.(?P<d>\d{1,2})"
_EDITION = [
    rf"по состоянию на {_DMY}",
    rf"по состоянию на (?P<d>\d{{1,2}}) (?P<mn>{'|'.join(_RU_MONTHS)}) (?P<y>\d{{4}})",
    rf"{_DMY}\.? ?(?:ж\.|жылғы)? ?(?:жағдай бойынша|берілген өзгерістер)",
    rf"{_YMD}\.? ?(?:ж\.|жылғы)? ?(?:жағдай бойынша|берілген өзгерістер)",
    rf"(?P<y>\d{{4}}) жылғы (?P<d>\d{{1,2}}) (?P<mn>{'|'.join(_KK_MONTHS)})\w* жағдай бойынша",
]


def find_edition(lines: list[Line], name: str) -> tuple[dt.date, int] | None:
    """The date the text says it is as of, and the line that says it; a day that does not exist is an error."""
    for line in lines:
        text = fold(line.text)
        if not any(word in text for word in ("состоянию", "жағдай", "берілген")):
            continue
        for pattern in _EDITION:
            m = re.search(pattern, text)
            if not m:
                continue
            names = m.groupdict()
            month = (int(names["m"]) if names.get("m") else
                     (_RU_MONTHS + _KK_MONTHS).index(names["mn"]) % 12 + 1)
            try:
                return dt.date(int(names["y"]), month, int(names["d"])), line.number
            except ValueError:
                raise _fail(name, f"the text says it is as of «{m.group(0)}», which is not a day of the calendar",
                            line.number) from None
    return None


def read(data: bytes, name: str, lang: Lang | None = None, fmt: Format | None = None) -> Document:
    """The lines of a saved text; raises InvalidKB with a located message when it cannot be read."""
    fmt = fmt or _format(data, name)
    if fmt == "docx":
        lines = _docx_lines(data, name)
    elif fmt == "html":
        lines = _html_lines(_decode(data, name, _declared_charset(data)))
    else:
        lines = _text_lines(_decode(data, name))
    if not lines:
        raise _fail(name, "the file has no text")
    edition = find_edition(lines, name)
    return Document(name=name, format=fmt, lines=lines, lang=lang or detect_lang(lines),
                    edition=edition[0] if edition else None, edition_line=edition[1] if edition else None)
