"""qualify: from the facts of a case to the charge, the range and what remains to prove."""

from __future__ import annotations

import gc
import inspect
from pathlib import Path
from typing import Annotated, Any, Optional

import typer

from .app import Exit, Format, FormatOpt, JsonOpt, Lang, LangOpt, Out, RootOpt, command, env, load


def _many(what: str) -> Any:
    return Annotated[Optional[list[str]], typer.Option(metavar="TERM", show_default=False,
                                                       help=f"{what} (repeatable): a vocabulary id, or a label or "
                                                            f"synonym in en/ru/kk.")]


def run(facts: Optional[list[Path]], date: Optional[str], victim_age: Optional[int], minor: Optional[bool],
        knew_age: Optional[bool], pregnant: bool, knew_pregnant: Optional[bool], victims: Optional[int],
        act: Optional[list[str]], means: Optional[list[str]], purpose: Optional[list[str]], explain: bool,
        check: bool, draft: Optional[Path], compare_on: Optional[str], lang: Lang, root: Optional[Path],
        as_json: bool, fmt: Format, **flags: bool) -> None:
    from kb import facts as f
    from kb import qualify as q
    from kb.errors import BadInput, InvalidKB
    from kb.inputs import display_name
    from kb.timeline import parse_date

    from .views.qualify import view

    kb = load(root)
    today = env().today
    later = parse_date(compare_on) if compare_on is not None else today
    given = dict(date=date, victim=_victim(victim_age, minor, knew_age, pregnant, knew_pregnant, victims),
                 terms=dict(acts=act, means=means, purposes=purpose), flags=[x for x in f.FLAGS if flags[x.name]])
    drafted = None
    if draft is not None:
        from kb.draft import apply

        try:
            drafted = apply(kb, draft, today)
        except InvalidKB as e:
            raise InvalidKB(e.findings, f"the draft {draft}") from None
    whole = explain or as_json or fmt is Format.json  # a table or Markdown shows the what-ifs only with --explain
    cases, invalid, paths = [], [], _paths(facts or [])
    if len(paths) > 1:
        gc.enable()  # a run does not collect (cli.run), but each case leaves its snapshots behind in cycles
    if not paths and facts:
        raise BadInput(f"no facts file (.yaml, .yml, .json) in {', '.join(str(p) for p in facts)}")
    if not paths and date is None:
        raise BadInput("give a facts file or folder, or at least --date with the date of the offence")
    for path in paths or [None]:
        loaded = None
        if path is not None:
            try:
                loaded = f.read(kb, path, today)
            except InvalidKB as e:
                invalid.append(_invalid(display_name(path), e.findings))
                continue
        merged = _facts(kb, loaded.facts.model_dump(mode="json", exclude_none=True) if loaded else {}, given, today)
        case = f.to_case(kb, merged)
        if later < merged.date:
            raise BadInput(f"--compare-on {later.isoformat()} is before the offence ({merged.date.isoformat()}); the "
                           f"milder-law comparison looks at a later law")
        try:
            result = q.qualify(kb, case, later, loaded.name if loaded else "", what_if=whole)
        except q.Tie as e:
            slot_terms = getattr(loaded.facts, e.term.slot) if loaded else []
            if e.term.index >= len(slot_terms):
                raise  # the term came from a flag: a usage error
            invalid.append(_invalid(loaded.name, [loaded.locate((e.term.slot, e.term.index), str(e))]))
            continue
        if check and loaded and loaded.expect is not None:
            result.check = q.check_expect(result, loaded.expect)
        if drafted is not None:
            result.draft = q.against_draft(kb, *drafted, case)
        cases.append(result)
    if cases:  # when no file could be read, the messages on stderr are the whole answer
        Out(fmt, as_json, lang).emit(q.report(kb, cases, invalid), view, explain=explain)
    if invalid:
        raise typer.Exit(Exit.INVALID)
    if check and any(c.check and not c.check.ok for c in cases):
        raise typer.Exit(Exit.FINDINGS)


def _paths(given: list[Path]) -> list[Path]:
    """Files as given; a folder gives its YAML and JSON files, in name order."""
    out = []
    for p in given:
        if p.is_dir():
            out += sorted(x for x in p.iterdir() if x.suffix in (".yaml", ".yml", ".json") and x.is_file())
        else:
            out.append(p)
    return out


def _invalid(name: str, findings: list) -> Any:
    from kb.errors import problems
    from kb.qualify import InvalidFile

    for finding in findings:
        env().err(str(finding))
    env().err(f"tipkb: the facts file {name} is invalid ({problems(len(findings))}); see above")
    return InvalidFile(file=name, findings=[x.as_dict() for x in findings])


def _victim(age, minor, knew_age, pregnant, knew_pregnant, count) -> dict:
    return {k: v for k, v in dict(age=age, minor=minor, knew_age=knew_age, pregnant=pregnant or None,
                                  knew_pregnant=knew_pregnant, count=count).items() if v is not None}


def _facts(kb, data: dict, given: dict, today) -> Any:
    """The flags on top of a file's facts: scalars override, lists add, a victim flag edits the one victim;
    BadInput (exit 1) for what the flags made invalid."""
    from pydantic import ValidationError

    from kb import facts as f
    from kb.errors import BadInput

    if given["date"] is not None:
        data["date"] = given["date"]
    if given["victim"]:
        found = data.get("victims", [])
        if len(found) > 1:
            raise BadInput("the victim flags describe one victim; the facts file lists several (edit the file)")
        data["victims"] = [{**(found[0] if found else {}), **given["victim"]}]
    for slot, values in given["terms"].items():
        if values:
            data[slot] = [*data.get(slot, []), *values]
    for flag in given["flags"]:
        node = data
        for key in flag.path[:-1]:
            node = node.setdefault(key, {})
        node[flag.path[-1]] = True
    try:
        merged = f.Facts.model_validate(data)
    except ValidationError as e:
        raise BadInput("; ".join(f"{'.'.join(map(str, x['loc']))}: {x['msg'].removeprefix('Value error, ')}"
                                 for x in e.errors())) from None
    problems = f.problems(kb, merged, today)
    if problems:
        raise BadInput("; ".join(f"{'.'.join(map(str, loc))}: {message}" for loc, message in problems))
    return merged


def _signature() -> inspect.Signature:
    """The command's parameters: the case's own, then one option per declared fact flag (kb/facts.py FLAGS)."""
    from kb.facts import FLAGS

    def opt(annotation: Any, default: Any = None) -> tuple[Any, Any]:
        return annotation, default

    spec: dict[str, tuple[Any, Any]] = {
        "facts": opt(Annotated[Optional[list[Path]], typer.Argument(
            metavar="[FACTS]...", show_default=False,
            help="Facts files (YAML or JSON, or the scenario shape with `facts:` and `expect:`), or folders of them. "
                 "Flags add to each file.")]),
        "date": opt(Annotated[Optional[str], typer.Option("--date", metavar="DATE", show_default=False,
                                                          help="Date of the offence, YYYY-MM-DD.")]),
        "victim_age": opt(Annotated[Optional[int], typer.Option("--victim-age", metavar="YEARS", show_default=False,
                                                                help="The victim's age.")]),
        "minor": opt(Annotated[Optional[bool], typer.Option("--minor/--adult", show_default=False,
                                                            help="The victim is a minor / an adult.")]),
        "knew_age": opt(Annotated[Optional[bool], typer.Option(
            "--knew-age/--no-knew-age", show_default=False,
            help="The offender was / was not aware the victim was a minor.")]),
        "pregnant": opt(Annotated[bool, typer.Option("--pregnant", help="The victim was pregnant.")], False),
        "knew_pregnant": opt(Annotated[Optional[bool], typer.Option(
            "--knew-pregnant/--no-knew-pregnant", show_default=False,
            help="The offender knew / did not know of the pregnancy.")]),
        "victims": opt(Annotated[Optional[int], typer.Option("--victims", metavar="N", show_default=False,
                                                             help="Number of victims.")]),
        "act": opt(_many("An act")), "means": opt(_many("A means")),
        "purpose": opt(_many("A purpose, or the exploitation that took place")),
        **{flag.name: opt(Annotated[bool, typer.Option(flag.option, help=flag.help)], False) for flag in FLAGS},
        "explain": opt(Annotated[bool, typer.Option(
            "--explain", help="Everything: element by element, every article the facts touch, every caveat, what "
                              "one more fact would change, the law in time.")], False),
        "check": opt(Annotated[bool, typer.Option(
            "--check", help="Compare each scenario's answer with its `expect:`; exit 3 if one differs.")], False),
        "draft": opt(Annotated[Optional[Path], typer.Option(
            "--draft", metavar="FILE", show_default=False,
            help="Also read each case as if committed when this draft takes effect, with and without it, and say "
                 "which answers flip.")]),
        "compare_on": opt(Annotated[Optional[str], typer.Option(
            "--compare-on", metavar="DATE", show_default=False,
            help="Compare with the law in force on DATE (default today), e.g. the date of judgment (Art. 6, the "
                 "milder law).")]),
        "lang": opt(LangOpt, Lang.en), "root": opt(RootOpt), "as_json": opt(JsonOpt, False),
        "fmt": opt(FormatOpt, Format.table),
    }
    params = [inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, annotation=ann, default=default)
              for name, (ann, default) in spec.items()]
    return inspect.Signature(params)


def qualify(**kw: Any) -> None:
    """From the facts of a case to the charge, its range and what remains to prove.

    For each reading of the offence date (and, when the offender's awareness of a minor's age is not
    stated, for each answer to it, the child offence first): the charge in the form used in Kazakh practice,
    its range and category, what remains to prove and the caveats that could change the charge or the range.
    Several files or a folder give one table. Exit 2 if a file is invalid (the others still run), 3 if
    --check finds an answer that differs from its scenario.
    """
    run(**kw)


qualify.__signature__ = _signature()  # type: ignore[attr-defined]
qualify.__annotations__ = {p.name: p.annotation for p in qualify.__signature__.parameters.values()}
qualify = command("""
tipkb qualify case.yaml
tipkb qualify --date 2021-08-10 --victim-age 15 --act sale
tipkb qualify cases/ --check
tipkb qualify case.yaml --explain --lang kk
""")(qualify)
