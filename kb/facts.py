"""The facts of a case, as a prosecutor states them: a YAML or JSON file, the scenario shape of
tests/scenarios (`facts:` with an `expect:`), or command-line flags.

A file is validated like the KB: unknown keys, impossible values, dates outside the Code's life, terms that
match nothing and an age that contradicts `minor:` are reported with file, line, column and key, all at
once. Terms are resolved through kb/vocab.py. A fact left out is unknown, not false. Each yes/no fact about
the offenders, the consequences and what followed is declared once, in FLAGS: where it sits in the facts, the
vocabulary id it establishes (whose label also names it in a what-if) and its command-line option.
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import Annotated, Any, Callable, Literal, NamedTuple

from . import inputs, yamlio
from .errors import BadInput, Finding, InvalidKB
from .inputs import Input
from .load import parse
from .model import UNKNOWN, Date, Grade, Strict
from .record import Check, Field, one_of
from .timeline import code_start
from .vocab import Understood, resolve

Count = Annotated[int, Field(strict=True)]
YesNo = Annotated[bool, Field(strict=True)]
TERM_SLOTS = ("acts", "means", "purposes")
MAX_VICTIMS = 1_000_000  # in one entry: a sanity bound far above any case, so a typo cannot pass as a fact


def _age(v: int) -> int:
    if not 0 <= v <= 120:
        raise ValueError(f"impossible age {v}: an age is between 0 and 120")
    return v


def _count(v: int) -> int:
    if not 1 <= v <= MAX_VICTIMS:
        raise ValueError(f"impossible count {v}: an entry stands for at least one victim and at most "
                         f"{MAX_VICTIMS:,}")
    return v


class Victim(Strict):
    age: Annotated[Count, Check(_age)] | None = None  # in whole years, at the time of the offence
    minor: YesNo | None = None  # when the exact age is not known
    knew_age: YesNo | None = None  # the offender was aware the victim was a minor
    pregnant: YesNo | None = None
    knew_pregnant: YesNo | None = None  # the offender knew of the pregnancy
    count: Annotated[Count, Check(_count)] = 1  # how many victims this entry stands for


class Offenders(Strict):
    group_prior_agreement: YesNo | None = None
    criminal_group: YesNo | None = None
    official_position: YesNo | None = None
    parent_or_educator: YesNo | None = None
    repeatedly: YesNo | None = None
    mercenary_motive: YesNo | None = None


class Consequences(Strict):
    death_by_negligence: YesNo | None = None
    grave_consequences: YesNo | None = None


# A case has a handful of each; the bounds keep a hostile file from running the fuzzy matcher for minutes.
MAX_TERMS, MAX_TERM_LENGTH = 50, 200
Terms = Annotated[list[Annotated[str, Field(max_length=MAX_TERM_LENGTH)]], Field(max_length=MAX_TERMS)]


class Facts(Strict):
    date: Date  # of the offence
    victims: Annotated[list[Victim], Field(max_length=1000)] = []
    acts: Terms = []
    means: Terms = []
    purposes: Terms = []  # the purpose, or the exploitation that took place
    offenders: Offenders = Offenders()
    cross_border: YesNo | None = None
    consequences: Consequences = Consequences()
    organs_removed: YesNo | None = None
    involved_in_prostitution: YesNo | None = None
    note: str | None = None


class Expect(Strict):
    """What a scenario expects of one reading (`tipkb qualify --check`); only the keys given are compared."""

    condition: dict[str, bool] = {}  # which reading: {knew_age: true}, {kz-law-292-VI: false}
    count: Annotated[int, Field(ge=1)] = 1  # which count of the reading
    trafficking: Literal["yes", "no", "undecided"] | None = None
    charge: str | None = None  # dotted, items joined by commas: 135.2.1,7; null for none
    final: bool | None = None
    range: str | None = None  # imprisonment as the statutes write it: 4y-7y, up to 3y, life, unknown
    last_known: str | None = None  # the last known range, when the range is unknown
    grade: Grade | None = None  # of the charge; without one, of the "no"
    to_prove: list[str] = []  # knew_age, or the vocabulary ids any one of which remains to prove
    cumulative: list[str] = []  # dotted citations, or an article whose part is undecided
    other: list[str] = []


class Scenario(Strict):
    facts: Facts
    # one reading's expectations, or a list of them; a typo in either reports only that form's errors
    expect: one_of(lambda v: "~many" if isinstance(v, list) else "~one", one=Expect, many=list[Expect]) | None = None


class Flag(NamedTuple):
    """A yes/no fact: where it sits in the facts, the vocabulary ids it establishes (the first also names it in
    a what-if), its command-line option, and whether it is something that followed the act (so never the
    purpose of a trafficking offence)."""

    path: tuple[str, ...]
    ids: tuple[str, ...]
    option: str
    help: str
    follows: bool = False

    @property
    def name(self) -> str:
        return self.option.removeprefix("--").replace("-", "_")


FLAGS: tuple[Flag, ...] = (
    Flag(("offenders", "group_prior_agreement"), ("circ.group_prior_agreement",), "--group",
         "A group of persons by prior agreement."),
    Flag(("offenders", "criminal_group"), ("circ.criminal_group",), "--criminal-group",
         "An organised group, criminal organisation or community."),
    Flag(("offenders", "official_position"), ("circ.official_position",), "--official",
         "An official using his position."),
    Flag(("offenders", "parent_or_educator"), ("circ.parent_or_educator",), "--parent",
         "A parent, teacher or other person charged with raising the minor."),
    Flag(("offenders", "repeatedly"), ("circ.repeatedly",), "--repeatedly", "A second or later offence under the same article."),
    Flag(("offenders", "mercenary_motive"), ("circ.mercenary_motive",), "--mercenary", "For mercenary motives."),
    Flag(("cross_border",), ("circ.cross_border",), "--cross-border", "Out of, into or through Kazakhstan."),
    Flag(("consequences", "death_by_negligence"), ("circ.death_by_negligence",), "--death",
         "The victim died through negligence."),
    Flag(("consequences", "grave_consequences"), ("circ.grave_consequences",), "--grave", "Other grave consequences."),
    Flag(("organs_removed",), ("act.organ_removal",), "--organs-removed",
         "Organs or tissues were then removed, or their removal coerced (Art. 116).", follows=True),
    Flag(("involved_in_prostitution",), ("act.involvement", "purpose.prostitution_of_others"), "--prostitution",
         "The offender then involved the victim in prostitution.", follows=True),
)


def flag_value(facts: Facts, flag: Flag) -> bool | None:
    node: Any = facts
    for key in flag.path:
        node = getattr(node, key)
    return node


def with_flag(facts: Facts, flag: Flag, value: bool = True) -> Facts:
    *outer, last = flag.path
    if not outer:
        return facts.model_copy(update={last: value})
    group = getattr(facts, outer[0])
    return facts.model_copy(update={outer[0]: group.model_copy(update={last: value})})


# -- the case: facts with every term resolved to a vocabulary id --------------------------------------------------


class Term(NamedTuple):
    slot: str
    index: int  # in the facts' list
    id: str
    understood: Understood | None


class Case(NamedTuple):
    facts: Facts
    terms: tuple[Term, ...]

    def ids(self, slot: str) -> tuple[str, ...]:
        return tuple(dict.fromkeys(t.id for t in self.terms if t.slot == slot))

    def swap(self, term: Term, vid: str) -> Case:
        """The case with one term read as another id (a near-tie's other candidate)."""
        return self._replace(terms=tuple(t._replace(id=vid) if t == term else t for t in self.terms))

    def adding(self, slot: str, vid: str) -> Case:
        return self._replace(terms=(*self.terms, Term(slot, -1, vid, None)))

    def with_facts(self, facts: Facts) -> Case:
        return self._replace(facts=facts)


def to_case(kb, facts: Facts) -> Case:
    """Resolve every term (BadInput for one that matches nothing), and take what the victims' facts entail."""
    terms = []
    for slot in TERM_SLOTS:
        for i, term in enumerate(getattr(facts, slot)):
            vid, u = resolve(kb, slot, term)
            terms.append(Term(slot, i, vid, u))
    if any(_entailed(v) is not v for v in facts.victims):
        facts = facts.model_copy(update={"victims": [_entailed(v) for v in facts.victims]})
    return Case(facts, tuple(terms))


def _entailed(v: Victim) -> Victim:
    """Awareness of a minority is of a minor; knowledge of a pregnancy, of a pregnant victim."""
    update: dict[str, bool] = {}
    if v.knew_age and v.minor is None and v.age is None:
        update["minor"] = True
    if v.knew_pregnant and v.pregnant is None:
        update["pregnant"] = True
    return v.model_copy(update=update) if update else v


# -- checks of the facts against the Code --------------------------------------------------------------------------


def majority(kb, on: dt.date) -> tuple[int | None, str | None]:
    """The Code's age of majority on a date and its grade; (None, None) when it is not encoded."""
    from .snapshot import Snapshot, points

    v = Snapshot(kb, points(kb, on, [])[0]).fact("age_of_majority").version
    return (None, None) if v is None or v.value == UNKNOWN else (v.value, v.confidence)


def problems(kb, facts: Facts, today: dt.date) -> list[tuple[tuple, str]]:
    """What makes the facts impossible under the Code, or contradicts itself: a date outside the Code's life, an
    age that contradicts `minor`, awareness of a minority or a pregnancy the victim is stated not to have. Each
    with the path of the key it concerns."""
    out: list[tuple[tuple, str]] = []
    begin = code_start(kb)
    if facts.date < begin:
        out.append((("date",), f"{facts.date.isoformat()} is before {begin.isoformat()}, when the Criminal Code of "
                               f"2014 came into force; the knowledge base holds no earlier law"))
    elif facts.date > today:
        out.append((("date",), f"{facts.date.isoformat()} is in the future (today is {today.isoformat()})"))
    else:
        age_limit, _ = majority(kb, facts.date)
        for i, v in enumerate(facts.victims):
            by_age = age_limit is not None and v.age is not None
            if by_age and v.minor is not None and (v.age < age_limit) != v.minor:
                out.append((("victims", i, "minor"), f"contradicts the age {v.age}: under the Code's age of majority "
                                                      f"({age_limit}) the victim is {'a minor' if v.age < age_limit else 'an adult'}"))
            elif v.knew_age and (v.age >= age_limit if by_age else v.minor is False):
                out.append((("victims", i, "knew_age"), "the offender cannot have been aware of a minority the victim "
                                                         "did not have: " + (f"aged {v.age}, an adult under the Code's "
                                                         f"age of majority ({age_limit})" if by_age else "an adult")))
            if v.pregnant is False and v.knew_pregnant:
                out.append((("victims", i, "knew_pregnant"), "the victim is stated not to have been pregnant"))
    return out


class Loaded(NamedTuple):
    name: str
    facts: Facts
    # a scenario's expectations, one per reading, each with the keys it gives (only those are compared)
    expect: list[tuple[Expect, frozenset[str]]] | None
    scenario: bool  # the facts sit under `facts:`
    locator: Callable[[], yamlio.Locator]

    def locate(self, loc: tuple, message: str) -> Finding:
        """A finding about a key of the file found after reading it (a near-tie of terms)."""
        return self.locator().finding((("facts",) if self.scenario else ()) + loc, message)


def read(kb, source: Input, today: dt.date, display: str | None = None) -> Loaded:
    """Load and check a facts file or a scenario (a path, `-` for standard input, or the bytes of an upload);
    InvalidKB lists every problem of the file at once, each with file, line, column and key. At most FACTS
    bytes are read."""
    display = display or inputs.display_name(source)
    try:
        return _read(kb, inputs.read_text(source, display, inputs.FACTS), display, today)
    except InvalidKB as e:
        raise InvalidKB(e.findings, f"the facts file {display}") from None


def _read(kb, text: str, display: str, today: dt.date) -> Loaded:

    raw = yamlio.parse(text, display)
    locator = functools.cache(lambda: yamlio.Locator(text, display))
    scenario = isinstance(raw, dict) and "facts" in raw
    prefix: tuple = ("facts",) if scenario else ()
    findings: list[Finding] = []
    parsed = parse(Scenario if scenario else Facts, (raw, None), display, findings, locator)
    facts = parsed.facts if isinstance(parsed, Scenario) else parsed
    if facts is not None:
        findings += [locator().finding((*prefix, *loc), message) for loc, message in problems(kb, facts, today)]
    body = raw.get("facts") if scenario else raw
    if isinstance(body, dict):
        for slot in TERM_SLOTS:
            values = body.get(slot)
            # only as many terms as the schema allows, each no longer: the rest is already one finding, and
            # matching thousands of terms fuzzily would cost minutes
            for i, term in enumerate(values[:MAX_TERMS] if isinstance(values, list) else []):
                if isinstance(term, str) and len(term) <= MAX_TERM_LENGTH:
                    try:
                        resolve(kb, slot, term)
                    except BadInput as e:
                        findings.append(locator().finding((*prefix, slot, i), str(e)))
    if findings or facts is None:
        raise InvalidKB(findings)
    expect = None
    if isinstance(parsed, Scenario) and parsed.expect is not None:
        wants, given = parsed.expect, raw["expect"]
        if isinstance(wants, Expect):
            wants, given = [wants], [given]
        expect = [(want, frozenset(keys)) for want, keys in zip(wants, given)]
    return Loaded(display, facts, expect, scenario, locator)
