"""diff and history: what amending laws changed."""

from __future__ import annotations

from enum import Enum
from typing import Annotated, Optional

import typer

from .app import Format, FormatOpt, JsonOpt, Lang, LangOpt, RootOpt, command, emit


class DiffFormat(str, Enum):
    table = "table"
    json = "json"
    markdown = "markdown"
    unified = "unified"


@command
def diff(
    from_: Annotated[str, typer.Option("--from", metavar="POINT", help="A date (2019-06-01), an amending act (292-VI) or a draft file.")],
    to: Annotated[str, typer.Option("--to", metavar="POINT", help="A date, an amending act or a draft file.")],
    articles: Annotated[Optional[list[str]], typer.Argument(help="Only these articles (default: all).")] = None,
    before: Annotated[bool, typer.Option("--before", help="With an act as --from: the Code just before that act.")] = False,
    lang: LangOpt = Lang.en, root: RootOpt = None, as_json: JsonOpt = False,
    fmt: Annotated[DiffFormat, typer.Option("--format", "-f", help="Output format.")] = DiffFormat.table,
) -> None:
    """What changed between two points in time, by article and part, with the act behind each change."""
    from kb import diff as engine
    from kb.load import load

    from . import render

    kb = load(root)
    kb_from, froms = engine.resolve(kb, from_, before)
    kb_to, tos = engine.resolve(kb, to)
    report = engine.diff(kb_from, froms, kb_to, tos, articles, from_ + (" (just before)" if before else ""), to,
                         lang.value)
    if fmt is DiffFormat.unified and not as_json:
        typer.echo(engine.unified(kb_from, kb_to, report, froms, tos), nl=False)
        return
    emit(report, Format(fmt.value) if fmt is not DiffFormat.unified else Format.json, as_json, render.diff,
         render.diff_md)


@command
def history(
    citation: Annotated[str, typer.Argument(help="An article or part: 134, 126.2, 'ст. 128 ч. 1'.")],
    lang: LangOpt = Lang.en, root: RootOpt = None, as_json: JsonOpt = False, fmt: FormatOpt = Format.table,
) -> None:
    """The timeline of an article's versions: dates in force, amending act, what changed."""
    from kb import citation as cit
    from kb.history import history as run
    from kb.load import load

    from . import render

    emit(run(load(root), cit.parse(citation), lang.value), fmt, as_json, render.history, render.history_md)
