"""diff, history and act: what amending laws changed."""

from __future__ import annotations

from enum import Enum
from typing import Annotated, Optional

import typer

from .app import Format, FormatOpt, JsonOpt, Lang, LangOpt, Out, RootOpt, command, env, load


class DiffFormat(str, Enum):
    table = "table"
    json = "json"
    markdown = "markdown"
    unified = "unified"


PointOpt = Annotated[Optional[str], typer.Option(
    metavar="POINT", show_default=False,
    help="A date (2019-06-01), an amending act (292-VI, 292, '2024 package', kz-law-292-VI) or a draft file.")]


@command("""
tipkb diff --from 2019-06-01 --to 2021-06-01 128
tipkb diff --from 292-VI --before --to 292-VI
tipkb diff --from "2024 package" --before --to "2024 package"
tipkb diff --to draft.yaml 128            # what the draft changes
""")
def diff(
    from_: Annotated[Optional[str], typer.Option("--from", metavar="POINT", show_default=False,
                                                 help="Where to start: a date, an act or a draft file "
                                                      "(default with a draft as --to: just before the draft).")] = None,
    to: Annotated[str, typer.Option("--to", metavar="POINT", show_default=False,
                                    help="Where to end: a date (2021-06-01), an amending act (292-VI, '2024 "
                                         "package') or a draft file.")] = ...,
    articles: Annotated[Optional[list[str]], typer.Argument(metavar="[ARTICLE]...", show_default=False,
                                                            help="Only these articles (default: all, and the "
                                                                 "general part).")] = None,
    before: Annotated[bool, typer.Option("--before", help="With an act as --from: the Code just before it.")] = False,
    lang: LangOpt = Lang.en, root: RootOpt = None, as_json: JsonOpt = False,
    fmt: Annotated[DiffFormat, typer.Option("--format", "-f", metavar="table|json|markdown|unified",
                                            show_default=False,
                                            help="Output format [default: table]; unified: a plain line diff of "
                                                 "the articles, for ordinary diff tools.")] = DiffFormat.table,
) -> None:
    """What changed between two points in time, by article and part, with the act behind each change.

    A change is reported only between two known values, with the sources and grade of both sides; what the
    knowledge base does not know about the period is listed apart, with the last known value.
    """
    from kb import acts as points
    from kb.diff import diff as run
    from kb.errors import BadInput

    from .views import law

    kb = load(root)
    today = env().today
    kb_to, tos, draft = points.resolve(kb, to, False, today, articles)
    if from_ is None:
        if draft is None:
            raise BadInput("give --from (a date, an act or a draft file); only a draft as --to has a default")
        from kb.snapshot import act_point

        kb_from, froms = kb_to, [act_point(kb_to, draft, before=True)]  # the view says "just before" it
        from_label = to
    else:
        kb_from, froms, _ = points.resolve(kb, from_, before, today, articles)
        from_label = from_
        points.check_order(froms, tos, from_, to, before)
    if fmt is DiffFormat.unified and not as_json:
        env().stdout.write(_unified(kb_from, froms, kb_to, tos, articles, lang.value))
        return
    report = run(kb_from, froms, kb_to, tos, articles, from_label, to)
    Out(Format(fmt.value), as_json, lang).emit(report, law.diff)


def _unified(kb_from, froms, kb_to, tos, articles, lang: str) -> str:
    """Each article as plain lines at both points, line-diffed (each pair of readings that can follow each other,
    headed by its condition when there are several)."""
    import difflib

    from kb.citation import Citation
    from kb.diff import pairs
    from kb.results import act_names
    from kb.show import show_at
    from kb.snapshot import Snapshot

    from .phrases import Words
    from .views import law

    out, w, readings = [], Words(lang), pairs(froms, tos)
    for a, b in readings:
        if len(readings) > 1 or a.assumed or b.assumed:
            acts = act_names(kb_to, [x.act for x in (*a.assumed, *b.assumed)])
            out.append("# " + w("Reading: {condition}", condition=" / ".join(
                x for x in (w.condition(a.assumed, acts), w.condition(b.assumed, acts)) if x)))
        for number in articles or list(kb_to.articles):
            if number not in kb_from.articles:
                continue
            old = law.article_lines(show_at(kb_from, [Snapshot(kb_from, a)], Citation(number), a.on), lang)
            new = law.article_lines(show_at(kb_to, [Snapshot(kb_to, b)], Citation(number), b.on), lang)
            out += difflib.unified_diff(old, new, f"art-{number} (before)", f"art-{number} (after)", lineterm="")
    return "\n".join(out) + ("\n" if out else "")


@command("""
tipkb history 128
tipkb history 126.2.5
tipkb history exploitation      # a general-part fact: Art. 3 item 1
tipkb history general           # every general-part fact
""")
def history(
    subject: Annotated[str, typer.Argument(metavar="CITATION|FACT", show_default=False,
                                           help="An article, part or item (134, 126.2, 135.2.7), or a general-part "
                                                "fact (exploitation, age_of_majority, reconciliation, general).")],
    lang: LangOpt = Lang.en, root: RootOpt = None, as_json: JsonOpt = False,
    fmt: FormatOpt = Format.table,
) -> None:
    """The timeline of an article, part, item or general-part fact: each version, when it was in force, the act
    that made it, its grade and sources, and what it changed."""
    from kb.history import history as run

    from .views import law

    Out(fmt, as_json, lang).emit(run(load(root), subject), law.history)


@command("""
tipkb act 292-VI
tipkb act "2024 package"
tipkb act 110-VIII --json
""")
def act(
    name: Annotated[str, typer.Argument(metavar="ACT", show_default=False,
                                        help="An amending act: its number with or without the convocation suffix "
                                             "(292-VI, 292), its id, or a short name ('2024 package').")],
    lang: LangOpt = Lang.en, root: RootOpt = None, as_json: JsonOpt = False,
    fmt: FormatOpt = Format.table,
) -> None:
    """An amending act's record, and everything it changed in the knowledge base, article by article."""
    from kb.acts import act_report

    from .views import law

    Out(fmt, as_json, lang).emit(act_report(load(root), name), law.act)
