"""A Code text's lines into articles, parts, items, sanctions and notes, each with its line number.

Headings: "Статья 128. Торговля людьми", "128-бап. Адам саудасы", numbers such as 125-1. Parts "1.", "3-1.";
items "1)"; a repealed part or item says "исключена" / "алып тасталды". Each part's disposition is separated
from its sanction: Russian at "наказывается", Kazakh at the dash before the clause ending "жазаланады".
Article notes ("Примечание.", "Ескертпе.") and amendment notes ("Сноска.", "Ескерту.", in-text notes) are
kept apart from the statute text. What cannot be read is a located problem (`FILE:LINE: key: message`),
never a guess: an error where a fact could not be read, a warning where only a side detail was.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import PurePath

from ..errors import Finding
from ..record import Data
from .notes import AmendmentNote, NoteProblem, Target, is_note, read_note
from .numbers import fold
from .read import Document, Format, Lang
from .sanction import Sanction, read_sanction


class _Frozen(Data):
    _frozen = True


class ParsedItem(_Frozen):
    id: str
    line: int
    text: str
    repealed: bool = False


class ParsedPart(_Frozen):
    id: str
    line: int
    numbered: bool = True  # False: an article of one unnumbered paragraph, read as part 1
    disposition: str = ""  # the part's own words before its items and sanction
    items: list[ParsedItem] = []
    sanction: Sanction | None = None  # its penalty, or the error that stopped the reading
    sanction_line: int | None = None
    repealed: bool = False


class ArticleNote(_Frozen):
    line: int
    number: str | None = None  # "1" for "Примечания. 1. ..."
    text: str


class ParsedArticle(_Frozen):
    number: str
    title: str
    lang: Lang
    line: int
    repealed: bool = False
    parts: list[ParsedPart] = []
    notes: list[ArticleNote] = []
    amendments: list[AmendmentNote] = []  # footnotes and in-text notes, each with the element it names

    def part(self, part_id: str) -> ParsedPart | None:
        return next((p for p in self.parts if p.id == part_id), None)


class ParsedText(_Frozen):
    file: str
    format: Format
    lang: Lang
    edition: dt.date | None
    edition_line: int | None
    articles: list[ParsedArticle]
    amendments: list[AmendmentNote] = []  # notes outside any article (a chapter's, the Code's)
    problems: list[Finding] = []  # a fact could not be read: the import must not go on
    warnings: list[Finding] = []  # a side detail could not be read (a commencement rule)

    def article(self, number: str) -> ParsedArticle | None:
        return next((a for a in self.articles if a.number == number), None)


# -- line kinds --------------------------------------------------------------------------------------------

_NUM = r"\d+(?:-\d+)*"
_HEADING = {"ru": re.compile(rf"^статья\s+({_NUM})\s*\.\s*(.*)$"), "kk": re.compile(rf"^({_NUM})\s*-\s*бап\s*\.\s*(.*)$")}
_DIVISION = re.compile(rf"^(?:(?:глава|раздел|параграф)\s+{_NUM}\b|{_NUM}\s*-\s*(?:тарау|бөлім|параграф)\b|"
                       r"(?:общая|особенная) часть$|(?:жалпы|ерекше) бөлік$)")
_EDITORIAL = re.compile(r"^(?:примечани[ея]\s+(?:изпи|рцпи)\s*!|.{0,12}ескертпесі\s*!|қолданушылар назарына|"
                        r"внимание\s*!|см\.\s)")
_NOTE_HEAD = re.compile(r"^(примечани[ея]|ескертпе(?:лер)?)\s*[.:]\s*(.*)$")
_PART = re.compile(rf"^({_NUM})\.\s+(.*)$")
_ITEM = re.compile(rf"^({_NUM})\)\s*(.*)$")
_REPEALED = {"ru": re.compile(r"^\(?\s*(?:исключен[аоы]?|утратил[аои]? силу)\b"),
             "kk": re.compile(r"^\(?\s*(?:алып тасталды|күші жойылды)")}
_DASH_AT_END = re.compile(r"[\s,]*[–—-]\s*$")


@dataclass
class _Segment:
    kind: str  # "intro", "item", "more"
    id: str | None
    line: int
    text: str


@dataclass
class _PartDraft:
    id: str
    line: int
    numbered: bool
    segments: list[_Segment] = field(default_factory=list)
    repealed: bool = False


@dataclass
class _ArticleDraft:
    number: str
    title: str
    lang: Lang
    line: int
    parts: list[_PartDraft] = field(default_factory=list)
    notes: list[ArticleNote] = field(default_factory=list)
    amendments: list[AmendmentNote] = field(default_factory=list)
    in_notes: bool = False
    repealed: bool = False


def _key(number: str) -> tuple[int, ...]:
    return tuple(int(x) for x in number.split("-"))


def _citation(*levels: str | None) -> str:
    return ".".join(x for x in levels if x)


class _Parser:
    def __init__(self, doc: Document, file: str, expect: str | None):
        self.doc, self.file, self.expect = doc, file, expect
        self.articles: list[ParsedArticle] = []
        self.loose_amendments: list[AmendmentNote] = []
        self.problems: list[Finding] = []
        self.warnings: list[Finding] = []
        self.article: _ArticleDraft | None = None
        self.tail: tuple[int, str] | None = None  # the last line read as statute text

    def error(self, line: int | None, key: str, message: str) -> None:
        self.problems.append(Finding(self.file, line, None, key, message))

    def warn(self, line: int | None, key: str, message: str) -> None:
        self.warnings.append(Finding(self.file, line, None, key, message))

    # -- the line loop -------------------------------------------------------------------------------------

    def run(self) -> ParsedText:
        for line in self.doc.lines:
            self.take(line.number, line.text)
        self.close_article()
        self.check_whole()
        return ParsedText(file=self.file, format=self.doc.format, lang=self.doc.lang, edition=self.doc.edition,
                          edition_line=self.doc.edition_line, articles=self.articles,
                          amendments=self.loose_amendments, problems=self.problems, warnings=self.warnings)

    def take(self, number: int, text: str) -> None:
        folded = fold(text)
        for lang, pattern in _HEADING.items():
            if m := pattern.match(folded):
                self.close_article()
                self.open_article(number, m.group(1), text[len(text) - len(m.group(2)):].strip(), lang)
                return
        if _DIVISION.match(folded):
            self.close_article()
            return
        a = self.article
        if is_note(text):
            self.note(number, text, a)
            return
        if a is None or _EDITORIAL.match(folded):
            return
        if m := _NOTE_HEAD.match(folded):
            a.in_notes = True
            rest = text[len(text) - len(m.group(2)):].strip() if m.group(2) else ""
            if rest:
                self.note_paragraph(number, rest)
            return
        if a.in_notes:
            self.note_paragraph(number, text)
            return
        if not a.parts and text[:1].islower() and not a.repealed:
            a.title = f"{a.title} {text}"  # a long heading carried over to the next line
            return
        if a.repealed:
            self.warn(number, a.number, f"ignored: text after a repealed article «{text[:60]}»")
            return
        self.tail = (number, text)
        if m := _PART.match(text):
            a.parts.append(_PartDraft(m.group(1), number, numbered=True))
            a.parts[-1].segments.append(_Segment("intro", None, number, m.group(2)))
            return
        if not a.parts:
            a.parts.append(_PartDraft("1", number, numbered=False))
        part = a.parts[-1]
        if m := _ITEM.match(text):
            part.segments.append(_Segment("item", m.group(1), number, m.group(2)))
        elif part.segments and _complete(part, a.lang):
            self.tail = None
            self.warn(number, _citation(a.number, part.id), f"ignored: text after the part's sanction «{text[:60]}»")
        else:
            part.segments.append(_Segment("more" if part.segments else "intro", None, number, text))

    def open_article(self, line: int, number: str, title: str, lang: Lang) -> None:
        if self.doc.lang != lang:
            self.warn(line, number, f"the heading is {'Kazakh' if lang == 'kk' else 'Russian'} in a "
                                    f"{'Kazakh' if self.doc.lang == 'kk' else 'Russian'} text")
        repealed = bool(_REPEALED[lang].match(fold(title)))
        self.article = _ArticleDraft(number, title.rstrip("."), lang, line, repealed=repealed)
        if repealed and is_amendment(title):
            self.note(line, title, self.article, Target(element="article", article=number))

    def note_paragraph(self, line: int, text: str) -> None:
        a = self.article
        m = _PART.match(text)
        if m:
            a.notes.append(ArticleNote(line=line, number=m.group(1), text=m.group(2)))
        elif a.notes and not text[:1].isupper():
            last = a.notes[-1]
            a.notes[-1] = last.model_copy(update={"text": f"{last.text} {text}"})
        else:
            a.notes.append(ArticleNote(line=line, text=text))

    def note(self, line: int, text: str, a: _ArticleDraft | None, context: Target | None = None) -> None:
        lang = a.lang if a else self.doc.lang
        if context is None:
            part = a.parts[-1].id if a and a.parts else None
            context = Target(element="article", article=a.number, part=part) if a else Target(element="other")
        try:
            note, unread = read_note(text, lang, line, context)
        except NoteProblem as e:
            self.warn(line, a.number if a else "", f"amendment note not read: {e}")
            return
        for message in unread:
            self.warn(line, a.number if a else "", message)
        if a is None:
            self.loose_amendments.append(note)
            return
        if note.style == "footnote" and note.target.article not in (None, a.number):
            self.error(line, a.number, f"the note names article {note.target.article} but stands under the "
                                       f"heading of article {a.number}")
        a.amendments.append(note)

    # -- closing an article: split each part, check it ------------------------------------------------------

    def close_article(self) -> None:
        a, self.article = self.article, None
        if a is None:
            return
        parts = [self.close_part(a, p) for p in a.parts]
        self.check_order(a.number, [(p.id, p.line) for p in parts], "part")
        for p in parts:
            self.check_order(_citation(a.number, p.id), [(i.id, i.line) for i in p.items], "item")
        penal = any(p.sanction for p in parts)
        for p in parts:
            if penal and not p.repealed and p.sanction is None:
                self.error(p.line, _citation(a.number, p.id), "the part has no sanction (is the text cut off?)")
        if not parts and not a.repealed:
            self.error(a.line, a.number, "the article has no text after its heading (is the text cut off?)")
        elif parts and not a.repealed and all(p.repealed for p in parts):
            self.error(a.line, a.number, "every part of the article is repealed but the article is not (is the "
                                         "text cut off, or its lines out of order?)")
        self.articles.append(ParsedArticle(number=a.number, title=a.title, lang=a.lang, line=a.line,
                                           repealed=a.repealed, parts=parts, notes=a.notes,
                                           amendments=sorted(a.amendments, key=lambda n: n.line)))

    def close_part(self, a: _ArticleDraft, p: _PartDraft) -> ParsedPart:
        key = _citation(a.number, p.id)
        first = p.segments[0].text if p.segments else ""
        if p.numbered and _REPEALED[a.lang].match(fold(first)):
            if is_amendment(first):
                self.note(p.line, first, a, Target(element="part", article=a.number, part=p.id))
            return ParsedPart(id=p.id, line=p.line, numbered=p.numbered, disposition=first, repealed=True)
        segments, sanction, sanction_line = self.split_sanction(a.lang, p.segments, key)
        disposition, items = [], []
        for s in segments:
            if s.kind == "item":
                items.append([s])
            elif items:
                items[-1].append(s)
            else:
                disposition.append(s.text)
        parsed_items = []
        for group in items:
            item_id, line = group[0].id, group[0].line
            text = " ".join(s.text for s in group).strip()
            repealed = bool(_REPEALED[a.lang].match(fold(text)))
            if repealed and is_amendment(text):
                self.note(line, text, a, Target(element="item", article=a.number, part=p.id, item=item_id))
            parsed_items.append(ParsedItem(id=item_id, line=line, text=text, repealed=repealed))
        result = ParsedPart(id=p.id, line=p.line, numbered=p.numbered, disposition=" ".join(disposition).strip(),
                            items=parsed_items, sanction=sanction, sanction_line=sanction_line)
        if sanction is not None and sanction.error:
            self.error(sanction_line, key, sanction.error)
        return result

    def split_sanction(self, lang: Lang, segments: list[_Segment], key: str
                       ) -> tuple[list[_Segment], Sanction | None, int | None]:
        """The segments with the sanction cut off, the sanction read, and the line it starts on."""
        flat, starts = "", []
        for s in segments:
            starts.append(len(flat))
            flat += s.text + "\n"
        folded = fold(flat)
        if lang == "ru":
            m = re.search(r"наказыва(?:ется|ются)\b", folded)
            start = m.start() if m else None
        else:
            start = self.kazakh_sanction_start(segments, starts, folded, key)
        if start is None:
            return segments, None, None
        while start < len(flat) and flat[start].isspace():
            start += 1
        owner = max(i for i, s in enumerate(starts) if s <= start)
        kept = []
        for s, offset in zip(segments, starts):
            if offset >= start:
                break
            text = s.text[: start - offset] if offset + len(s.text) > start else s.text
            kept.append(_Segment(s.kind, s.id, s.line, text))
        if kept:
            kept[-1].text = _DASH_AT_END.sub("", kept[-1].text).strip()
            if not kept[-1].text and kept[-1].kind == "more":
                kept.pop()
        sanction = read_sanction(flat[start:], lang)
        return kept, sanction, segments[owner].line

    def kazakh_sanction_start(self, segments: list[_Segment], starts: list[int], folded: str, key: str) -> int | None:
        """Where the clause ending in "жазаланады" starts: after the dash that ends the disposition, on the
        same line, or on the line after the one ending in a dash."""
        verbs = list(re.finditer(r"жазаланады", folded))
        if not verbs:
            return None
        i = owner = max(i for i, s in enumerate(starts) if s <= verbs[-1].start())
        while segments[i].kind == "more" and i > 0:
            if _DASH_AT_END.search(segments[i - 1].text):
                return starts[i]
            i -= 1
        end = verbs[-1].start() if i == owner else starts[i] + len(segments[i].text)
        dashes = list(re.finditer(r"(?:(?<=\s)|^)[–—-](?=\s|$)", folded[starts[i]:end]))
        if dashes:
            return starts[i] + dashes[-1].end()
        self.error(segments[owner].line, key, "cannot tell where the disposition ends: no dash before the sanction")
        return None

    def check_order(self, key: str, numbered: list[tuple[str, int]], what: str) -> None:
        seen: set[tuple[int, ...]] = set()
        previous: tuple[int, ...] | None = None
        for number, line in numbered:
            k = _key(number)
            if k in seen:
                self.error(line, _citation(key, number), f"{what} {number} appears twice")
            elif previous is not None and k < previous:
                self.error(line, _citation(key, number), f"{what} {number} comes after {what} "
                                                         f"{'-'.join(map(str, previous))}: out of order")
            seen.add(k)
            previous = max(previous or k, k)

    def check_whole(self) -> None:
        if not self.articles:
            first = self.doc.lines[0].number if self.doc.lines else None
            self.error(first, "", "no article heading ('Статья 128. ...' or '128-бап. ...'): not a text of the Code")
            return
        seen: dict[tuple[str, str], int] = {}
        for a in self.articles:
            if (a.number, a.lang) in seen:
                self.error(a.line, a.number, f"article {a.number} appears twice (first on line {seen[a.number, a.lang]})")
            seen.setdefault((a.number, a.lang), a.line)
        if self.expect and self.expect not in {a.number for a in self.articles}:
            found = ", ".join(a.number for a in self.articles[:5])
            self.error(self.articles[0].line, self.expect,
                       f"the file is for article {self.expect} but its heading says article {found}")
        if self.tail and not re.search(r"[.;:!?)»\"”]$", self.tail[1]):
            self.error(self.tail[0], self.articles[-1].number, "the text ends mid-sentence (is it cut off?)")


def _complete(part: _PartDraft, lang: Lang) -> bool:
    """The part's sanction has come to its full stop: what follows is not the part's text."""
    if not part.segments[-1].text.endswith("."):
        return False
    text = fold(" ".join(s.text for s in part.segments))
    verb = r"наказыва(?:ется|ются)\b" if lang == "ru" else r"жазаланады"
    return text.endswith(".") and bool(re.search(verb, text))


def is_amendment(text: str) -> bool:
    """A repealed part's or item's own words that name the repealing act."""
    return bool(re.search(r"\d{1,2}\.\d{1,2}\.\d{2,4}|\d{4}\.\d{1,2}\.\d{1,2}", text)) and ("№" in text or " N " in text)


def article_from_name(name: str) -> str | None:
    """The article a file's name is for, when it says so plainly: 'art-128.txt', '126.htm', 'статья-135.docx'."""
    m = re.fullmatch(r"(?:art|article|st|ст|статья|bap|бап)?[-_. ]?(\d{1,3}(?:-\d{1,2})?)", PurePath(name).stem.lower())
    return m.group(1) if m else None


def parse(doc: Document, file: str | None = None, expect: str | None = None) -> ParsedText:
    """Articles, parts, items, sanctions and notes of `doc`; `expect` is the article the file should hold
    (by default what its name says, e.g. 'art-128.txt')."""
    file = file or doc.name
    return _Parser(doc, file, expect if expect is not None else article_from_name(file)).run()
