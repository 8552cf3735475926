"""validate, show, penalty, audit: reading the KB."""

from __future__ import annotations

from typing import Annotated

import typer

from .app import Exit, Format, FormatOpt, JsonOpt, Lang, LangOpt, OnOpt, Out, RootOpt, command, env, load, on_date

CitationArg = Annotated[str, typer.Argument(
    metavar="CITATION", show_default=False,
    help="An article, part or item: 128, 128.1, 135.2.7, 125-1.2, 'ст. 135 ч. 2 п. 7'.")]


@command("""
tipkb validate
tipkb validate --root ./my-kb --json
""")
def validate(root: RootOpt = None, as_json: JsonOpt = False, fmt: FormatOpt = Format.table) -> None:
    """Check the knowledge base: schema, references, versions in time, grades against their sources.

    Each problem is one line on stderr, FILE:LINE:COL: key: message; exit 2 if there is any. With --json the
    result object (the same problems as data) goes to stdout.
    """
    from kb.errors import problems
    from kb.load import validate as run

    out = Out(fmt, as_json)
    report = run(root)
    if out.fmt is Format.json:
        out.emit(report)
    else:
        for finding in report.findings:
            out.env.err(finding["text"])
        if report.ok:
            out.env.out(f"OK: {report.articles} articles in {report.files} files, no problems ({report.root})")
    if not report.ok:
        out.env.err(f"tipkb: the knowledge base is invalid ({problems(len(report.findings))}); see above")
        raise typer.Exit(Exit.INVALID)


@command("""
tipkb show 128
tipkb show 135.2 --on 2018-01-01
tipkb show "ст. 135 ч. 2 п. 7" --lang ru
""")
def show(citation: CitationArg, on: OnOpt = None, lang: LangOpt = Lang.en, root: RootOpt = None,
         as_json: JsonOpt = False, fmt: FormatOpt = Format.table) -> None:
    """An article, part or item as in force on a date.

    Titles, parts, items, elements, penalties with their grade, the last known value next to an unknown
    one, conflicting sources, and the parts the Code has that the knowledge base does not encode.
    """
    from kb.citation import parse
    from kb.show import show as run

    from .views import law

    kb = load(root)
    Out(fmt, as_json, lang).emit(run(kb, parse(citation), on_date(on, kb), env().today), law.article)


@command("""
tipkb penalty 128
tipkb penalty 135.1 --on 2019-06-01
tipkb penalty 128.1 --on 2020-03-01     # in a window: both readings
""")
def penalty(citation: CitationArg, on: OnOpt = None, lang: LangOpt = Lang.en, root: RootOpt = None,
            as_json: JsonOpt = False, fmt: FormatOpt = Format.table) -> None:
    """The penalties of an article's parts on a date, with the crime category derived from the maximum."""
    from kb.citation import parse
    from kb.show import penalty as run

    from .views import law

    kb = load(root)
    Out(fmt, as_json, lang).emit(run(kb, parse(citation), on_date(on, kb), env().today), law.penalties)


@command("""
tipkb audit
tipkb audit --json | jq .by_grade
""")
def audit(lang: LangOpt = Lang.en, root: RootOpt = None, as_json: JsonOpt = False,
          fmt: FormatOpt = Format.table) -> None:
    """Every fact not yet checked against the official text, worst first, with the sources to check."""
    from kb.audit import audit as run

    from .views import law

    Out(fmt, as_json, lang).emit(run(load(root)), law.audit)

