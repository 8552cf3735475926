"""The Code's text as a user saves it from adilet.zan.kz (text, HTML, .docx; Russian or Kazakh), read into data:
articles, parts, items, sanctions as penalties, article notes and amendment notes, each with its line.

    doc = read(data, "art-128.html")          # lines, language, edition date
    text = parse(doc)                          # ParsedText: articles, problems, warnings
    render_sanction(penalty, "kk")             # a penalty in the Code's wording
"""

from .notes import ActRef, AmendmentNote, Commencement, Target
from .parse import ArticleNote, ParsedArticle, ParsedItem, ParsedPart, ParsedText, parse
from .read import Document, Line, read
from .render import render_sanction
from .sanction import Sanction, read_sanction

__all__ = [
    "ActRef", "AmendmentNote", "ArticleNote", "Commencement", "Document", "Line", "ParsedArticle", "ParsedItem",
    "ParsedPart", "ParsedText", "Sanction", "Target", "parse", "read", "read_sanction", "render_sanction",
]
