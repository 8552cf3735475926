"""qualify: from the facts of a case to article, part, items and the range that applies."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, Optional

import typer

from .app import Format, FormatOpt, JsonOpt, Lang, LangOpt, Out, RootOpt, command, env, load

Flag = Annotated[bool, typer.Option()]

def _many(what: str):
    return Annotated[Optional[list[str]], typer.Option(metavar="TERM", help=f"{what} (repeatable): a vocabulary id, or "
                                                                             f"a label or synonym in en/ru/kk.")]


# flag name -> where it goes in the facts
FLAGS = {
    "group": ("offenders", "group_prior_agreement"), "criminal_group": ("offenders", "criminal_group"),
    "official": ("offenders", "official_position"), "parent": ("offenders", "parent_or_educator"),
    "repeatedly": ("offenders", "repeatedly"), "mercenary": ("offenders", "mercenary_motive"),
    "death": ("consequences", "death_by_negligence"), "grave": ("consequences", "grave_consequences"),
    "cross_border": (None, "cross_border"), "organs_removed": (None, "organs_removed"),
    "prostitution": (None, "involved_in_prostitution"),
}


@command("""
tipkb qualify case.yaml
tipkb qualify --date 2021-05-10 --victim-age 16 --knew-age --act recruitment --purpose exploitation
""")
def qualify(
    facts: Annotated[Optional[Path], typer.Argument(metavar="FACTS", show_default=False,
                                                    help="A facts file, YAML or JSON (README: 'Facts files'). "
                                                         "Flags add to it or override it.")] = None,
    date: Annotated[Optional[str], typer.Option("--date", metavar="DATE", help="Date of the offence, YYYY-MM-DD.")] = None,
    victim_age: Annotated[Optional[int], typer.Option("--victim-age", metavar="YEARS", help="The victim's age.")] = None,
    minor: Annotated[Optional[bool], typer.Option("--minor/--adult", help="The victim is a minor / an adult "
                                                                          "(when the age is not known).")] = None,
    knew_age: Annotated[Optional[bool], typer.Option("--knew-age/--no-knew-age",
                                                     help="The offender knew / did not know the victim was a minor.")] = None,
    pregnant: Annotated[bool, typer.Option("--pregnant", help="The victim was pregnant.")] = False,
    knew_pregnant: Annotated[Optional[bool], typer.Option("--knew-pregnant/--no-knew-pregnant",
                                                          help="The offender knew / did not know of the pregnancy.")] = None,
    victims: Annotated[Optional[int], typer.Option("--victims", metavar="N", help="Number of victims.")] = None,
    act: _many("An act") = None, means: _many("A means") = None,
    purpose: _many("A purpose, or the exploitation that took place") = None,
    group: Annotated[bool, typer.Option("--group", help="A group of persons by prior agreement.")] = False,
    criminal_group: Annotated[bool, typer.Option("--criminal-group", help="A criminal group.")] = False,
    official: Annotated[bool, typer.Option("--official", help="An official using his position.")] = False,
    parent: Annotated[bool, typer.Option("--parent", help="A parent, teacher or other person raising the minor.")] = False,
    repeatedly: Annotated[bool, typer.Option("--repeatedly", help="A second or later offence.")] = False,
    mercenary: Annotated[bool, typer.Option("--mercenary", help="For mercenary motives.")] = False,
    cross_border: Annotated[bool, typer.Option("--cross-border", help="Out of, into or through Kazakhstan.")] = False,
    death: Annotated[bool, typer.Option("--death", help="The victim died through negligence.")] = False,
    grave: Annotated[bool, typer.Option("--grave", help="Other grave consequences.")] = False,
    organs_removed: Annotated[bool, typer.Option("--organs-removed", help="Organs were removed.")] = False,
    prostitution: Annotated[bool, typer.Option("--prostitution",
                                               help="The victim was then involved in prostitution.")] = False,
    explain: Annotated[bool, typer.Option("--explain", help="Element by element: which fact meets which element.")] = False,
    compare_on: Annotated[Optional[str], typer.Option(
        "--compare-on", metavar="DATE", help="Compare with the law in force on DATE (default today), e.g. the "
                                             "date of judgment, for the milder-law rule.")] = None,
    lang: LangOpt = Lang.en, root: RootOpt = None, as_json: JsonOpt = False, fmt: FormatOpt = Format.table,
) -> None:
    """From the facts of a case to article, part and items, the range that applies, and why."""

    from pydantic import ValidationError

    from kb import facts as f
    from kb.errors import BadInput
    from kb.qualify import qualify as run
    from kb.timeline import parse_date


    kb = load(root)
    today = env().today
    data: dict[str, Any] = {}
    if facts is not None:
        loaded, _ = f.read(kb, facts, today)  # an invalid file: InvalidKB, reported by @command
        data = loaded.model_dump(mode="json", exclude_none=True)
    elif date is None:
        raise BadInput("give a facts file, or at least --date with the date of the offence")
    flags = dict(group=group, criminal_group=criminal_group, official=official, parent=parent, repeatedly=repeatedly,
                 mercenary=mercenary, death=death, grave=grave, cross_border=cross_border,
                 organs_removed=organs_removed, prostitution=prostitution)
    victim = {k: v for k, v in dict(age=victim_age, minor=minor, knew_age=knew_age, pregnant=pregnant or None,
                                     knew_pregnant=knew_pregnant, count=victims).items() if v is not None}
    _merge(data, date, victim, dict(acts=act, means=means, purposes=purpose), flags)
    try:
        merged = f.Facts.model_validate(data)
    except ValidationError as e:  # a bad flag value: the file itself was checked above
        raise BadInput("; ".join(f"{'.'.join(map(str, x['loc']))}: {x['msg'].removeprefix('Value error, ')}"
                                 for x in e.errors())) from None
    problem = f.check_date(kb, merged.date, today)
    if problem:
        raise BadInput(problem)
    later = parse_date(compare_on) if compare_on else today
    if later < merged.date:
        raise BadInput(f"--compare-on {later.isoformat()} is before the offence ({merged.date.isoformat()}); the "
                       f"milder-law comparison looks at a later law")
    case = f.to_case(kb, merged)
    result = run(kb, case, later)
    Out(fmt, as_json, lang).emit(result)  # the view comes with the qualify redesign


def _merge(data: dict, date: str | None, victim: dict, terms: dict, flags: dict) -> None:
    """Flags on top of the file: scalars override, lists add, a victim flag edits the one victim."""
    from kb.errors import BadInput

    if date is not None:
        data["date"] = date
    if victim:
        found = data.get("victims", [])
        if len(found) > 1:
            raise BadInput("the victim flags describe one victim; the facts file lists several (edit the file)")
        data["victims"] = [{**(found[0] if found else {}), **victim}]
    for slot, values in terms.items():
        if values:
            data[slot] = [*data.get(slot, []), *values]
    for name, on in flags.items():
        if on:
            group, key = FLAGS[name]
            if group is None:
                data[key] = True
            else:
                data.setdefault(group, {})[key] = True
