"""import: a text of the Code, as saved from adilet.zan.kz, compared with the KB and, with --write, written into it."""

from __future__ import annotations

import gc
from enum import Enum
from typing import Annotated, Optional

import typer

from .app import Format, FormatOpt, JsonOpt, Lang, LangOpt, Out, RootOpt, command, env, load


class Grade(str, Enum):
    official = "official"
    secondary = "secondary"


class TextLang(str, Enum):
    ru = "ru"
    kk = "kk"


@command("""
tipkb import art-128.html --edition 2024-09-30
tipkb import code.docx --write
tipkb import 135.htm --source https://adilet.zan.kz/kaz/docs/K1400000226
tipkb import mirror.txt --grade secondary --edition 2021-01-01 --write --add
tipkb import kk.txt --published 292-VI=2019-12-30 --edition 2020-03-01
""", name="import")
def import_(
    file: Annotated[str, typer.Argument(metavar="FILE", show_default=False,
                                        help="The Code's text, one article or the whole Code: plain text, an HTML page "
                                             "or .docx, Russian or Kazakh; '-' reads standard input.")],
    edition: Annotated[Optional[str], typer.Option(
        "--edition", metavar="DATE", show_default=False,
        help="The date the text is as of, YYYY-MM-DD [default: the date the text states; when both are given "
             "and differ, this one, with a warning].")] = None,
    source: Annotated[Optional[str], typer.Option(
        "--source", metavar="URL", show_default=False, help="Where the text was saved from, recorded in the new "
                                                            "source (default: the file's name).")] = None,
    grade: Annotated[Grade, typer.Option(
        "--grade", metavar="official|secondary", show_default=False,
        help="What the text is worth: official (adilet.zan.kz, an official gazette) [default], or secondary (a "
             "code mirror).")] = Grade.official,
    text_lang: Annotated[Optional[TextLang], typer.Option(
        "--text-lang", metavar="ru|kk", show_default=False,
        help="The text's language [default: detected].")] = None,
    published: Annotated[Optional[list[str]], typer.Option(
        "--published", metavar="ACT=DATE", show_default=False,
        help="The day an act the notes name was first officially published (repeatable): with the commencement "
             "rule its note states, this gives the act's in-force date. Recorded as a source.")] = None,
    write: Annotated[bool, typer.Option("--write", help="Write what the text confirms, corrects and adds into the "
                                                         "KB's YAML (nothing is written without it).")] = False,
    add: Annotated[bool, typer.Option("--add", help="With --write: import the articles the KB does not have as new "
                                                     "articles.")] = False,
    lang: LangOpt = Lang.en, root: RootOpt = None, as_json: JsonOpt = False, fmt: FormatOpt = Format.table,
) -> None:
    """Compare a text of the Code with the knowledge base, fact by fact; with --write, bring it into the KB.

    Every fact of every article in the text — title, parts, penalties, items, repealed parts and items, the
    Code's notes, the elements its wording maps to — is confirmed, contradicted (worst first: how a wrong
    penalty is found), new or absent, against the KB as in force on the edition date. A text that cannot be
    read exits 2 with each problem as FILE:LINE: key: message, and nothing is written.
    """
    collecting = gc.isenabled()
    gc.disable()  # a whole-Code import builds millions of objects and frees none of them as cycles
    try:
        _run(file, edition, source, grade, text_lang, published, write, add, lang, root, as_json, fmt)
    finally:
        gc.unfreeze()
        if collecting:
            gc.enable()


def _run(file, edition, source, grade, text_lang, published, write, add, lang, root, as_json, fmt) -> None:
    from kb import inputs
    from kb.errors import BadInput, InvalidKB
    from kb.importer import compare
    from kb.timeline import parse_date

    from .views import imports

    kb = load(root)
    dates = {}
    for item in published or []:
        act, sep, day = item.partition("=")
        if not sep or not act.strip():
            raise BadInput(f"--published {item!r}: expected ACT=DATE, e.g. 292-VI=2019-12-30")
        dates[act.strip()] = parse_date(day)
    if add and not write:
        raise BadInput("--add imports articles only with --write")
    name = inputs.display_name(file)
    try:
        data = inputs.read_bytes(file, name, inputs.STATUTE_TEXT)
    except InvalidKB as e:
        raise InvalidKB(e.findings, f"the text {name}") from None
    result, text, read_kb = compare(kb, data, name, edition=parse_date(edition) if edition is not None else None,
                                    grade=grade.value, lang=text_lang.value if text_lang else None, published=dates)
    if write:
        from kb.importwrite import apply

        gc.freeze()  # what is loaded stays; the files opened for editing are collected as they are done
        gc.enable()
        result = apply(read_kb, text, result, today=env().today, url=source, add=add)
    out = Out(fmt, as_json, lang)
    out.emit(result, imports.view, limit=None if out.fmt is Format.markdown else 25)
