"""validate, show, penalty, audit: reading the KB."""

from __future__ import annotations

import functools
from typing import Annotated

import typer

from .app import Exit, Format, FormatOpt, JsonOpt, Lang, LangOpt, OnOpt, RootOpt, command, emit, fail, on_date


@command
def validate(root: RootOpt = None, as_json: JsonOpt = False, fmt: FormatOpt = Format.table) -> None:
    """Check the knowledge base: schema, references, versions in time, penalty ranges."""
    from kb.checks import validate as run

    from . import render

    report = run(root)
    if report.ok or as_json or fmt is not Format.table:
        emit(report, fmt, as_json, render.validation, render.validation_md)
    else:  # like every other command: findings on stderr, one line each, never wrapped
        for finding in report.findings:
            typer.echo(finding["text"], err=True)
    if not report.ok:
        fail(Exit.INVALID, f"the knowledge base is invalid ({len(report.findings)} problem(s)); see above")


@command
def show(
    citation: Annotated[str, typer.Argument(help="An article, part or item: 128, 128.2, 135.2.7, 'ст. 135 ч. 2'.")],
    on: OnOpt = None, lang: LangOpt = Lang.en, root: RootOpt = None, as_json: JsonOpt = False,
    fmt: FormatOpt = Format.table,
) -> None:
    """An article (or one part or item) as in force on a date."""
    from kb import citation as cit
    from kb.load import load
    from kb.lookup import show as run

    from . import render

    kb = load(root)
    result = run(kb, cit.parse(citation), on_date(on, kb))
    labels = render.Labels(kb.vocabulary, lang.value)
    emit(result, fmt, as_json, functools.partial(render.article, labels=labels),
         functools.partial(render.article_md, labels=labels))


@command
def penalty(
    citation: Annotated[str, typer.Argument(help="An article or part: 128, 135.1, 'ст. 128 ч. 1'.")],
    on: OnOpt = None, lang: LangOpt = Lang.en, root: RootOpt = None, as_json: JsonOpt = False,
    fmt: FormatOpt = Format.table,
) -> None:
    """The penalties of an article's parts on a date, with the crime category derived from the maximum."""
    from kb import citation as cit
    from kb.load import load
    from kb.lookup import penalty as run

    from . import render

    kb = load(root)
    result = run(kb, cit.parse(citation), on_date(on, kb))
    emit(result, fmt, as_json, functools.partial(render.penalties, lang=lang.value),
         functools.partial(render.penalties_md, lang=lang.value))


@command
def audit(root: RootOpt = None, as_json: JsonOpt = False, fmt: FormatOpt = Format.table) -> None:
    """Every fact not yet checked against the official text, worst first, with its sources."""
    from kb.audit import audit as run
    from kb.load import load

    from . import render

    emit(run(load(root)), fmt, as_json, render.audit, render.audit_md)
