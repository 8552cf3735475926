"""The knowledge base as records (kb/record.py): what the YAML under statutes/ and mappings/ may say.

"unknown" is a value, not a missing key: a fact no source supports is written `unknown` and every
engine has to deal with it. Durations are whole months, parsed from "6m", "4y" or "1y6m".
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import Annotated, Any, Literal, Union

from .record import Check, Field, Parsed, Strict, one_of

UNKNOWN = "unknown"
Unknown = Literal["unknown"]

# How far a fact is checked, strongest first (DESIGN.md, "Provenance is a feature"). A fact's grade is never
# higher than the weakest source it rests on; a conclusion's is the weakest of the facts it rests on.
Grade = Literal["official", "secondary", "reported", "inferred", "unverified"]
GRADES: tuple[str, ...] = ("official", "secondary", "reported", "inferred", "unverified")
GRADE_RANK = {g: len(GRADES) - 1 - i for i, g in enumerate(GRADES)}  # unverified 0 ... official 4
SourceGrade = Literal["official", "secondary", "reported", "unverified"]


def weakest(*grades: str | None) -> str:
    """The weakest of some grades (None ignored); `official` when there are none."""
    known = [g for g in grades if g]
    return min(known, key=GRADE_RANK.__getitem__) if known else "official"


def OrUnknown(tp: Any) -> Any:
    """`tp`, or the literal `unknown`; a failed `tp` reports only its own errors."""
    return one_of(_unknown_or_known, unknown=Unknown, known=tp)


def _unknown_or_known(v: Any) -> str:
    return "~unknown" if v == UNKNOWN else "~known"


_DURATION = re.compile(r"(?:(\d+)y)?(?:(\d+)m)?")
# A sanity bound on every term, not a legal figure: the Code's longest fixed term is not encoded (the longest
# encoded is 12 years), and no fixed term of imprisonment or ban comes near half a century. A larger number
# is a typing error; the bound also keeps every term far inside SQLite's 64-bit integers.
MAX_TERM_MONTHS = 50 * 12


def _months(value: Any) -> int | str:
    if value == UNKNOWN:
        return UNKNOWN
    if isinstance(value, str):
        return _duration(value)
    raise ValueError(f"expected a duration like '6m', '4y', '1y6m' or 'unknown', got {value!r}")


@lru_cache(maxsize=4096)  # a whole-Code KB states some 40,000 terms, nearly all of them alike
def _duration(value: str) -> int:
    m = _DURATION.fullmatch(value.strip())
    if not (m and value.strip() and (m.group(1) or m.group(2))):
        raise ValueError(f"expected a duration like '6m', '4y', '1y6m' or 'unknown', got {value!r}")
    years, months = m.group(1), m.group(2)
    if len(years or "") > 4 or len(months or "") > 6:
        raise ValueError(f"{value!r} is longer than {MAX_TERM_MONTHS // 12} years, the sanity bound on terms")
    if years and int(months or 0) >= 12:
        raise ValueError(f"{value!r} has {months} months after the years; write whole years in years "
                         f"({int(years) + int(months) // 12}y{int(months) % 12}m)")
    total = int(years or 0) * 12 + int(months or 0)
    if total > MAX_TERM_MONTHS:
        raise ValueError(f"{value!r} is longer than {MAX_TERM_MONTHS // 12} years, the sanity bound on terms")
    return total


def format_months(months: int | str | None) -> str:
    if months is None or months == UNKNOWN:
        return "unknown" if months == UNKNOWN else ""
    y, m = divmod(months, 12)
    return "".join(part for part in (f"{y}y" if y else "", f"{m}m" if m else "")) or "0m"


# Months in memory, "4y" in YAML; JSON shows the integer months.
Months = Annotated[Union[int, Unknown], Parsed(
    _months, lambda v: v,
    reads={"anyOf": [{"type": "integer", "minimum": 0}, {"type": "string", "pattern": r"^(\d+y(\d+m)?|\d+m|unknown)$"}],
           "description": "months, or a term such as 4y, 6m, 4y6m; or unknown"},
    writes={"anyOf": [{"type": "integer", "minimum": 0}, {"const": "unknown"}], "description": "months, or unknown"})]


_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def iso_date(text: str) -> dt.date:
    """A date written YYYY-MM-DD, or ValueError saying what is wrong. (Python 3.11's fromisoformat also reads
    '20200101' and week dates such as '2020-W10-1', which nobody means here.)"""
    if not _ISO_DATE.fullmatch(text):
        raise ValueError(f"expected a date YYYY-MM-DD, got {text!r}")
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{text} is not a day of the calendar") from None


def _date(value: Any) -> dt.date:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str):
        return iso_date(value)
    raise ValueError(f"expected a date YYYY-MM-DD, got {value!r}")


Date = Annotated[dt.date, Parsed(_date, lambda d: d.isoformat(), reads={"type": "string", "format": "date"},
                                 writes={"type": "string", "format": "date"})]

VocabId = Annotated[str, Field(pattern=r"^[a-z]+\.[a-z0-9_]+$")]
PartId = Annotated[str, Field(pattern=r"^(\d+(-\d+)?|[a-z][a-z-]*)$")]
ItemId = Annotated[str, Field(pattern=r"^\d+(-\d+)?$")]
ArticleNumber = Annotated[str, Field(pattern=r"^\d+(-\d+)?$")]


class Text(Strict):
    """A phrase in the three languages; any may be unknown or absent."""

    en: OrUnknown(str) | None = None
    ru: OrUnknown(str) | None = None
    kk: OrUnknown(str) | None = None

    def get(self, lang: str) -> str | None:
        value = getattr(self, lang)
        return None if value is None else value

    def pick(self, lang: str) -> str | None:
        """In `lang`, else in English; None when neither is known."""
        return next((v for v in (self.get(lang), self.en) if v not in (None, UNKNOWN)), None)


class SourceRef(Strict):
    """A citation: the fact rests on the source (the default), or the source only corroborates it."""

    ref: str
    supports: str | None = None
    role: Literal["rests_on", "corroborates"] = "rests_on"


class Source(Strict):
    url: str | None = None
    doc: str | None = None
    title: str
    # The highest grade a fact resting on this source can have: `official` for the text itself read on an
    # official site, `secondary` for a faithful reproduction, a commentary or an official translation,
    # `reported` for news and summaries, `unverified` for our own notes of what was not found.
    grade: SourceGrade
    date: Date | None = None  # the date the source speaks of (publication; a Code text's edition): the later wins a tie
    family: str | None = None  # sources of one family (one underlying report) count as one
    # A text of the Code given to `tipkb import`: its language, when it was retrieved and its SHA-256, so the
    # same file imported again is the same source.
    lang: Literal["ru", "kk"] | None = None
    retrieved: Date | None = None
    sha256: Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")] | None = None


class Graded(Strict):
    """A fact with its citations and grade; an `inferred` fact says from what (`basis`)."""

    sources: Annotated[list[SourceRef], Field(min_length=1)]
    confidence: Grade
    basis: str | None = None

    def __post_init__(self) -> None:
        if self.confidence == "inferred" and not self.basis:
            raise ValueError("an inferred fact needs a `basis`: the rule and the stated facts it follows from")


class Window(Strict):
    """An in-force date known only to lie between two dates (both inclusive)."""

    earliest: Date
    latest: OrUnknown(Date)
    basis: str


class Dated(Graded):
    """An in-force date with a grade of its own (the act's other facts may be better supported)."""

    date: Date


InForce = one_of(lambda v: "~date" if not isinstance(v, (dict, Window, Dated))
                 else "~dated" if isinstance(v, Dated) or (isinstance(v, dict) and "date" in v) else "~window",
                 date=Date, window=Window, dated=Dated)


class Act(Graded):
    id: str
    draft: bool = False  # a drafter's proposal (kb/draft.py), not a law
    number: OrUnknown(str)
    names: list[str] = []  # other names people use for it ("2024 package")
    title: Text
    signed: Date
    in_force: InForce
    commencement: str | None = None  # the rule that sets the in-force date, as the act states it
    summary: str | None = None
    amends_elsewhere: list[str] = []  # provisions outside the KB it is reported to amend ("Art. 120")
    note: str | None = None


class Versioned(Graded):
    """Common to every version: when it starts and what supports it."""

    act: str
    from_: Date | None = None
    repealed: bool = False
    note: str | None = None


class Elements(Strict):
    acts: list[VocabId] = []
    means: list[VocabId] = []
    purposes: list[VocabId] = []
    victim: list[VocabId] = []
    circumstances: list[VocabId] = []

    def ids(self) -> list[str]:
        return [*self.acts, *self.means, *self.purposes, *self.victim, *self.circumstances]


SLOTS = ("acts", "means", "purposes", "victim", "circumstances")

MainKind = Literal[
    "imprisonment", "restriction_of_freedom", "fine", "correctional_labour",
    "community_service", "arrest", "life_imprisonment",
]


class Amount(Strict):
    """A punishment counted in something other than months, as the 2014 Code counts it: a fine or correctional
    labour in monthly calculation indices (MCI), community service in hours, arrest in days."""

    unit: Literal["mci", "hours", "days"]
    min: OrUnknown(Annotated[int, Field(gt=0)]) | None = None  # None: no special minimum ("up to N")
    max: OrUnknown(Annotated[int, Field(gt=0)]) | None = None

    def __post_init__(self) -> None:
        if isinstance(self.min, int) and isinstance(self.max, int) and self.min > self.max:
            raise ValueError(f"min {self.min} {self.unit} is above max {self.max} {self.unit}")


AMOUNT_UNITS = {"fine": "mci", "correctional_labour": "mci", "community_service": "hours", "arrest": "days"}


class MainPunishment(Strict):
    kind: MainKind
    min: Months | None = None  # None: the part states no special minimum ("up to N years")
    max: Months | None = None
    amount: Amount | None = None  # instead of min/max months, for the kinds in AMOUNT_UNITS
    note: str | None = None

    def __post_init__(self) -> None:
        if self.amount is None:
            if self.kind in ("fine", "community_service") and (self.min is not None or self.max is not None):
                raise ValueError(f"{self.kind} is counted in {AMOUNT_UNITS[self.kind]}, not months: write "
                                 f"`amount: {{unit: {AMOUNT_UNITS[self.kind]}, max: ...}}`")
            return
        if AMOUNT_UNITS.get(self.kind) != self.amount.unit:
            raise ValueError(f"{self.kind} is not counted in {self.amount.unit}")
        if self.min is not None or self.max is not None:
            raise ValueError("give either a term in months (min, max) or an amount, not both")


class AdditionalPunishment(Strict):
    kind: Literal["confiscation", "ban"]
    mandatory: OrUnknown(bool)
    term: Months | Literal["life"] | None = None  # for a ban: how long
    note: str | None = None


def _some(mains: list) -> list:
    if not mains:
        raise ValueError("a penalty has at least one main punishment; write `main: unknown` when none is known")
    return mains


class Penalty(Strict):
    main: OrUnknown(Annotated[list[MainPunishment], Check(_some)])
    additional: OrUnknown(list[AdditionalPunishment]) = []


class Claim(Graded):
    """What another source says a version's penalty is, where it disagrees with the version's own value.
    The snapshot picks the winner by the rule of DESIGN.md and shows the other as a conflict."""

    penalty: OrUnknown(Penalty)
    note: str | None = None


class TitleVersion(Versioned):
    title: Text


class Body(Versioned):
    summary: OrUnknown(str) | None = None  # our own words, in English
    elements: OrUnknown(Elements) | None = None
    text_ru: str | None = None  # only as read from an official text
    text_kk: str | None = None


class ItemVersion(Body):
    pass


class Item(Strict):
    id: ItemId
    versions: Annotated[list[ItemVersion], Field(min_length=1)]


class Provenance(Graded):
    """Sources and grade of one fact of a version, where they differ from the rest of it."""


class PartVersion(Body):
    penalty: OrUnknown(Penalty) | None = None
    # The penalty's own sources and grade, when the version's other facts rest elsewhere (the penalty made
    # unknown by a news item while the disposition is carried over by inference).
    penalty_provenance: Provenance | None = None
    conflicts: list[Claim] = []
    items_complete: bool = True  # false: the sources show only some of the items


class Part(Strict):
    id: PartId
    label: str | None = None  # for a part whose number is unknown: what it is
    builds_on: list[PartId] = []  # a qualifying part: "the acts of parts 1 or 2, if ..."
    versions: Annotated[list[PartVersion], Field(min_length=1)]
    items: list[Item] = []

    @property
    def base(self) -> bool:
        """A base part defines an offence on its own; a qualifying part aggravates the parts it builds on."""
        return not self.builds_on


class StructureVersion(Versioned):
    """Which parts the article is known to have, whether or not the KB encodes them."""

    parts: list[PartId]
    all: bool = False  # true: a source shows the whole article, so it has no other part


class Reported(Graded):
    """What a source says of the article that the KB does not encode as a part: a figure for the article or
    for its aggravated forms, or elements of a part the KB lacks. Never an invented part or item number."""

    scope: Literal["article", "aggravated", "part"]  # aggravated: some qualifying part, not named
    part: PartId | None = None  # scope `part`: which part the source says it is in
    min: Months | None = None
    max: Months | None = None
    elements: Elements | None = None
    act: str  # the version of the law it describes: from this act's entry into force ...
    until: str | None = None  # ... until this act's, if the figure is known to stop applying
    note: str | None = None

    def __post_init__(self) -> None:
        super().__post_init__()
        if (self.scope == "part") != (self.part is not None):
            raise ValueError("a reported fact names a `part` exactly when its scope is `part`")
        if self.max is None and self.elements is None:
            raise ValueError("a reported fact needs a figure (`max`) or `elements`")


class NoteVersion(Versioned):
    summary: OrUnknown(str)  # our own words
    text_ru: str | None = None
    text_kk: str | None = None


class ArticleNote(Strict):
    """A note the Code itself attaches to the article ("Примечание", "Ескертпе"): an exemption, a definition."""

    id: str
    versions: Annotated[list[NoteVersion], Field(min_length=1)]


class Article(Strict):
    article: ArticleNumber
    code: str
    titles: Annotated[list[TitleVersion], Field(min_length=1)]
    structure: list[StructureVersion] = []
    reported: list[Reported] = []
    notes: list[str] = []  # ours: what the sources leave open
    parts: Annotated[list[Part], Field(min_length=1)]
    code_notes: list[ArticleNote] = []

    def part(self, part_id: str) -> Part | None:
        return next((p for p in self.parts if p.id == part_id), None)

    def version_lists(self) -> list[list]:
        """Every list of versions in the article: titles, structure, parts, items, notes."""
        lists: list[list] = [self.titles, self.structure, *(n.versions for n in self.code_notes)]
        for part in self.parts:
            lists += [part.versions, *(item.versions for item in part.items)]
        return lists

    def digest(self) -> dict[str, list[str]]:
        """What a whole-KB command asks of every article before reading any (the cache stores it, so a
        500-article KB is not validated to answer): `undated`, the acts that start a version with no `from`
        date of its own, or bound a reported figure (their windows make readings); `terms`, the vocabulary
        ids of every version's elements."""
        undated = {v.act for versions in self.version_lists() for v in versions if v.from_ is None}
        undated |= {a for r in self.reported for a in (r.act, r.until) if a}
        terms = {t for versions in self.version_lists() for v in versions
                 if isinstance(getattr(v, "elements", None), Elements) for t in v.elements.ids()}
        return {"undated": sorted(undated), "terms": sorted(terms)}


class Category(Strict):
    id: Literal["small", "medium", "grave", "especially_grave"]
    max_months: Months | None = None  # upper bound (inclusive); None for the top category
    life: bool = False  # life imprisonment falls in this category


class CategoryRulesVersion(Versioned):
    """Art. 11 of the Code: crime categories by the maximum imprisonment for an intentional act."""

    categories: OrUnknown(list[Category])


class DefinitionVersion(Versioned):
    """A statutory definition whose content is a set of vocabulary ids (Art. 3 item 1, exploitation)."""

    summary: OrUnknown(str)
    elements: OrUnknown(list[VocabId])
    exhaustive: bool = True  # false: it includes at least these; whether it includes others is unknown ...
    excludes: list[VocabId] = []  # ... except these, known not to be included


class FactVersion(Versioned):
    value: OrUnknown(int)
    summary: str | None = None


class RuleVersion(Versioned):
    """A general-part rule: is it part of the law on the date, and where."""

    exists: OrUnknown(bool)
    article: OrUnknown(str) | None = None
    summary: str | None = None


# milder_law: Art. 6, a later milder law applies to earlier acts; milder_law_comparison: how "milder" is read;
# reconciliation: a trafficking case can end by reconciliation with the victim.
GeneralRule = Literal["attempt", "complicity", "organising", "milder_law", "milder_law_comparison", "reconciliation"]


class Code(Graded):
    id: str
    title: Text
    kind: Literal["code"]
    act: str
    jurisdiction: str
    age_of_majority: Annotated[list[FactVersion], Field(min_length=1)]
    crime_categories: Annotated[list[CategoryRulesVersion], Field(min_length=1)]
    exploitation: Annotated[list[DefinitionVersion], Field(min_length=1)]
    general_part: dict[GeneralRule, list[RuleVersion]] = {}

    def facts(self) -> dict[str, list]:
        """Every versioned general-part fact, by the name the engines and `diff` use."""
        return {"age_of_majority": self.age_of_majority, "crime_categories": self.crime_categories,
                "exploitation": self.exploitation, **self.general_part}


class Term(Strict):
    label: Text
    synonyms: dict[Literal["en", "ru", "kk"], list[str]] = {}
    # A wider term: a fact stated as this term meets an element that is one of these only once it is proved.
    narrower: list[VocabId] = []
    note: str | None = None


class Vocabulary(Strict):
    terms: dict[VocabId, Term]


class SourceRegistry(Strict):
    sources: dict[str, Source]


class AmendmentFile(Strict):
    acts: Annotated[list[Act], Field(min_length=1)]


# -- other instruments: the Protocol, UNTOC, the 2024 Law, the Supreme Court resolution ------------------

Establishes = Literal[
    "one_act_suffices",  # any one listed act completes the offence
    "no_purpose_for_transactions",  # sale and other transactions need no purpose of exploitation
    "purpose_required_for_other_acts",  # recruitment, transport ... need the purpose
    "exploitation_act_no_purpose",  # exploitation as the act itself needs no further purpose
    "formal_offence",  # complete when the act is done; exploitation need not follow
    "consent_irrelevant",  # the victim's consent is no defence
    "minor_knowledge_required",  # Art. 135 only if the offender knew the victim was a minor
    "cumulative_kidnapping_trafficking",  # 125/126 for exploitation, then sale: both
    "cumulative_trafficking_prostitution",  # 128 + 308, 135 + 134
    "cumulative_organs",  # trafficking for organs, then removal: with 116
]


class Provision(Graded):
    id: str  # as cited: "3(a)", "5(2)(b)", "34(2)", "1(1)", "para. 2"
    title: str
    summary: str  # our own words
    obligation: Literal["mandatory", "recommended", "none"] = "none"
    elements: Elements | None = None
    illustrative: bool = False  # the means are examples ("including by ..."), not conditions
    establishes: list[Establishes] = []
    applies_to: list[str] = []  # articles of the Code a case-law rule reads
    paragraph: OrUnknown(str) | None = None  # for case-law rules: the paragraph, when known
    note: str | None = None


class Instrument(Graded):
    id: str
    number: OrUnknown(str) | None = None  # as cited: Resolution "No. 7"
    title: Text
    kind: Literal["treaty", "law", "case_law", "soft_law"]
    adopted: OrUnknown(Date)
    in_force: OrUnknown(Date) | None = None
    note: str | None = None
    provisions: Annotated[list[Provision], Field(min_length=1)]

    def provision(self, provision_id: str) -> Provision | None:
        return next((p for p in self.provisions if p.id == provision_id), None)


# -- mappings: how the Code meets the Protocol -----------------------------------------------------------

GapStatus = Literal["covered", "aggravating_only", "broader", "partial", "missing", "case_law", "unknown"]
# What a row of the report is: an obligation of the Protocol or UNTOC, a divergence from the Protocol's
# structure (over-inclusive: the Code punishes more), a national addition beyond the Protocol's minimum, or a
# recommendation of soft law or of a paper. The test may reclass a row from what the law says (a means the
# base offence does not need is a divergence; a recommended form the Code adopted is a national addition).
RowKind = Literal["obligation", "divergence", "national_addition", "recommendation"]
RowGroup = Literal["acts", "means", "purposes", "beyond", "consent", "children", "criminalisation", "untoc",
                   "victims"]
GapTest = Literal[
    "act",  # the Protocol act is an act of the adult base offence
    "acts_beyond",  # the base offence has acts the Protocol lacks
    "means",  # the means is a constitutive element of the adult base offence
    "means_required",  # the adult base offence requires some means at all
    "purpose_form",  # a minimum form of exploitation, per victim: Art. 3 item 1, else an aggravating item
    "purpose_beyond",  # a form beyond the Protocol's minimum: is it in the Code's definition of exploitation
    "purpose_intent",  # purpose as intent, exploitation need not happen
    "transactions_purpose",  # sale and transactions without purpose
    "case_law",  # a rule the resolution establishes (consent ...)
    "child_no_means",  # the child base offence needs no means
    "child_age",  # a minor is anyone under 18
    "general_part",  # a General Part rule: attempt, complicity, organising, reconciliation
    "no_element",  # the base offence does not require these elements
    "anywhere",  # the element appears somewhere in the encoded law (else the annotation)
    "max_penalty",  # the base offence's maximum reaches a threshold
    "annotation",  # not computable: the mapping file's annotation
]


class Basis(Strict):
    instrument: str
    provision: str


class Requirement(Strict):
    id: str
    group: RowGroup
    title: str  # ours, in English
    basis: list[Basis] = []  # the instruments' provisions it comes from ...
    proposed_by: list[SourceRef] = []  # ... or the papers and reports that propose it
    kind: RowKind
    test: GapTest
    elements: list[VocabId] = []  # what the test looks for
    establishes: str | None = None  # for test case_law
    fact: str | None = None  # for test general_part: attempt, complicity, organising, reconciliation
    expect: bool = True  # for test general_part: the rule should exist (false: reconciliation should not)
    threshold_months: Annotated[int, Field(ge=0, le=MAX_TERM_MONTHS)] | None = None  # for test max_penalty

    def __post_init__(self) -> None:
        if not self.basis and not self.proposed_by:
            raise ValueError("a requirement needs a `basis` (instrument provisions) or `proposed_by` (sources)")


class Checklist(Strict):
    requirements: Annotated[list[Requirement], Field(min_length=1)]


class Equivalent(Graded):
    national: VocabId
    protocol: VocabId
    # full: the same concept under another name; partial: a narrower national term; functional: another
    # element of the base offence that reaches the same conduct (a transaction in a person for a payment
    # to the person in control)
    degree: Literal["full", "partial", "functional"]
    note: str


class Annotation(Graded):
    requirement: str
    status: GapStatus  # what the sources say ...
    verify: list[str] = []  # ... once these facts are verified: until then the row is `unknown`
    summary: str


class Comparison(Strict):
    conduct: str
    provisions: Annotated[list[str], Field(min_length=2)]  # citations, the trafficking one first; an item names the conduct


class Roles(Strict):
    adult_offence: str
    child_offence: str
    related: list[str]
    case_law: str
    framework_law: str | None = None


class Mapping(Strict):
    code: str
    standard: str
    roles: Roles
    equivalents: list[Equivalent] = []
    annotations: list[Annotation] = []
    consistency: list[Comparison] = []
