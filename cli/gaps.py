"""gaps and draft: the Protocol compliance report, and drafts of amendments to test against it."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from .app import (
    Exit,
    Format,
    FormatOpt,
    JsonOpt,
    Lang,
    LangOpt,
    OnOpt,
    Out,
    RootOpt,
    app,
    command,
    env,
    fail,
    load,
    on_date,
)


class FailOn(str, Enum):
    mandatory = "mandatory"
    any = "any"


@command("""
tipkb gaps
tipkb gaps --on 2019-06-01 --format markdown > memo.md
tipkb gaps --draft tests/fixtures/draft-128-means.yaml
tipkb gaps --fail-on mandatory   # exit 3 if an obligation is not met
""")
def gaps(
    on: OnOpt = None,
    draft: Annotated[Optional[Path], typer.Option(
        "--draft", metavar="FILE", show_default=False,
        help="Apply a draft amendment (tipkb draft new) and list every row it changes, side effects included. "
             "A draft without its own in_force takes effect on --on (default today).")] = None,
    fail_on: Annotated[Optional[FailOn], typer.Option(
        "--fail-on", metavar="mandatory|any", show_default=False,
        help="Exit 3 if an obligation is not met (mandatory), or if any row is a finding (any).")] = None,
    lang: LangOpt = Lang.en, root: RootOpt = None, as_json: JsonOpt = False, fmt: FormatOpt = Format.table,
) -> None:
    """The compliance report against the UN Trafficking Protocol: the headline finding, one row per requirement
    (an obligation, a divergence, a national addition or a recommendation, each computed from the encoded law
    with its evidence and the weakest grade it rests on), penalty consistency, and what to verify.

    --format markdown is a drafter's memo: finding; obligations not met; divergences; national additions;
    recommendations; penalty consistency; what to verify; sources.
    """
    from kb import gaps as engine

    from .views import gaps as view

    kb = load(root)
    date = on_date(on, kb)
    if draft is None:
        result = engine.report(kb, date)
    else:
        from kb.draft import apply

        overlay, act_id = apply(kb, draft, date)
        result = engine.draft_report(overlay, act_id, str(draft))
    out = Out(fmt, as_json, lang)
    out.emit(result, view.memo if out.fmt is Format.markdown else view.report)
    if fail_on is not None and engine.fails(result, fail_on.value):
        raise typer.Exit(Exit.FINDINGS)


draft_app = typer.Typer(help="Drafts of amendments, to test with gaps --draft and diff --to.", no_args_is_help=True,
                        context_settings={"help_option_names": ["-h", "--help"]},
                        epilog="\b\nExamples:\n  tipkb draft new 128.1 -o my-draft.yaml\n"
                               "  tipkb gaps --draft my-draft.yaml\n  tipkb diff --to my-draft.yaml 128")
app.add_typer(draft_app, name="draft")


@command("""
tipkb draft new 128.1                   # a draft of Art. 128 part 1
tipkb draft new 128.1 -o draft.yaml     # written (never over a file)
tipkb draft new exploitation            # Art. 3 item 1
tipkb draft new age_of_majority --on 2020-01-01
""", name="new", group=draft_app)
def new(
    subject: Annotated[str, typer.Argument(
        metavar="CITATION|FACT", show_default=False,
        help="An article, part or item (128, 128.1, 135.2.7), or a general-part fact (exploitation, "
             "age_of_majority, reconciliation ...).")],
    output: Annotated[Optional[Path], typer.Option(
        "--output", "-o", metavar="FILE", show_default=False,
        help="Write the draft to FILE, which must not exist yet [default: print it].")] = None,
    on: OnOpt = None, root: RootOpt = None,
) -> None:
    """A draft pre-filled from the version in force (its last known value, marked, where that is unknown),
    written with vocabulary ids, ready to edit and test with tipkb gaps --draft."""
    from kb.draft import template

    kb = load(root)
    text = template(kb, subject, on_date(on, kb))
    if output is None:
        env().out(text)
        return
    try:
        with output.open("x", encoding="utf-8") as f:  # "x": never over an existing file
            f.write(text)
    except FileExistsError:
        fail(Exit.IO, f"{output} exists; not overwritten (choose another name or remove it)")
    except OSError as e:
        fail(Exit.IO, f"cannot write {output}: {e.strerror or e}")
    env().err(f"tipkb: wrote {output}")
