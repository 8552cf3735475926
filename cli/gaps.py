"""gaps: the Protocol compliance report."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from .app import Exit, Format, FormatOpt, JsonOpt, Lang, LangOpt, OnOpt, Out, RootOpt, command, load, on_date


class FailOn(str, Enum):
    mandatory = "mandatory"
    any = "any"


@command("""
tipkb gaps
tipkb gaps --on 2019-06-01 --format markdown > memo.md
tipkb gaps --draft tests/fixtures/draft-128-means.yaml
""")
def gaps(
    on: OnOpt = None,
    draft: Annotated[Optional[Path], typer.Option("--draft", metavar="FILE",
                                                  help="Apply a draft amendment (statutes/ shape) and show what it changes.")] = None,
    fail_on: Annotated[Optional[FailOn], typer.Option("--fail-on", help="Exit 3 if there are mandatory gaps, or any non-covered row.")] = None,
    lang: LangOpt = Lang.en, root: RootOpt = None, as_json: JsonOpt = False, fmt: FormatOpt = Format.table,
) -> None:
    """The Protocol compliance report: one row per requirement, computed element by element."""
    from kb import gaps as engine

    kb = load(root)
    date = on_date(on, kb)
    result = engine.report(kb, date, lang.value)
    if draft is not None:
        from kb.draft import apply

        result = engine.compare(result, engine.report(apply(kb, draft, date)[0], date, lang.value), str(draft))
    Out(fmt, as_json, lang).emit(result)  # the memo's view comes with the gaps redesign
    if fail_on is not None and engine.fails(result, fail_on.value):
        raise typer.Exit(Exit.FINDINGS)
