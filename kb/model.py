"""The knowledge base as pydantic models: what the YAML under statutes/ and mappings/ may say.

"unknown" is a value, not a missing key: a fact no source supports is written `unknown` and every
engine has to deal with it. Durations are whole months, parsed from "6m", "4y" or "1y6m".
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal, Union

from pydantic import AfterValidator, BaseModel, ConfigDict, Discriminator, Field, PlainSerializer, PlainValidator, Tag

UNKNOWN = "unknown"
Unknown = Literal["unknown"]
Confidence = Literal["official", "secondary", "unverified"]
CONFIDENCE_RANK = {"unverified": 0, "secondary": 1, "official": 2}  # worst first when sorted


def OrUnknown(tp: Any) -> Any:
    """`tp`, or the literal `unknown`; a failed `tp` reports only its own errors."""
    return Annotated[
        Union[Annotated[Unknown, Tag("~unknown")], Annotated[tp, Tag("~known")]],
        Discriminator(lambda v: "~unknown" if v == UNKNOWN else "~known"),
    ]


_DURATION = re.compile(r"(?:(\d+)y)?(?:(\d+)m)?")
# A sanity bound on every term, not a legal figure: the Code's longest fixed term is not encoded (the longest
# encoded is 12 years), and no fixed term of imprisonment or ban comes near half a century. A larger number
# is a typing error; the bound also keeps every term far inside SQLite's 64-bit integers.
MAX_TERM_MONTHS = 50 * 12


def _months(value: Any) -> int | str:
    if value == UNKNOWN:
        return UNKNOWN
    if isinstance(value, str):
        m = _DURATION.fullmatch(value.strip())
        if m and value.strip() and (m.group(1) or m.group(2)):
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
    raise ValueError(f"expected a duration like '6m', '4y', '1y6m' or 'unknown', got {value!r}")


def format_months(months: int | str | None) -> str:
    if months is None or months == UNKNOWN:
        return "unknown" if months == UNKNOWN else ""
    y, m = divmod(months, 12)
    return "".join(part for part in (f"{y}y" if y else "", f"{m}m" if m else "")) or "0m"


# Months in memory, "4y" in YAML; JSON shows the integer months.
Months = Annotated[Union[int, Unknown], PlainValidator(_months), PlainSerializer(lambda v: v)]


def _date(value: Any) -> dt.date:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise ValueError(f"expected a date YYYY-MM-DD, got {value!r}")


Date = Annotated[dt.date, PlainValidator(_date), PlainSerializer(lambda d: d.isoformat())]

VocabId = Annotated[str, Field(pattern=r"^[a-z]+\.[a-z0-9_]+$")]
PartId = Annotated[str, Field(pattern=r"^(\d+(-\d+)?|[a-z][a-z-]*)$")]
ItemId = Annotated[str, Field(pattern=r"^\d+(-\d+)?$")]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


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
    ref: str
    supports: str | None = None


class Source(Strict):
    url: str | None = None
    doc: str | None = None
    title: str
    kind: Literal["official", "secondary", "weak", "inference"] = "secondary"


class Window(Strict):
    """An in-force date known only to lie between two dates (both inclusive)."""

    earliest: Date
    latest: OrUnknown(Date)
    basis: str


class Act(Strict):
    id: str
    number: OrUnknown(str)
    title: Text
    signed: Date
    in_force: Annotated[
        Union[Annotated[Date, Tag("~date")], Annotated[Window, Tag("~window")]],
        Discriminator(lambda v: "~window" if isinstance(v, (dict, Window)) else "~date"),
    ]
    summary: str | None = None
    note: str | None = None
    sources: list[SourceRef] = Field(min_length=1)
    confidence: Confidence


class Versioned(Strict):
    """Common to every version: when it starts and what supports it."""

    act: str
    from_: Date | None = Field(default=None, alias="from")
    repealed: bool = False
    sources: list[SourceRef] = Field(min_length=1)
    confidence: Confidence
    note: str | None = None

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, defer_build=True)


class Elements(Strict):
    acts: list[VocabId] = []
    means: list[VocabId] = []
    purposes: list[VocabId] = []
    victim: list[VocabId] = []
    circumstances: list[VocabId] = []

    def ids(self) -> list[str]:
        return [*self.acts, *self.means, *self.purposes, *self.victim, *self.circumstances]


MainKind = Literal[
    "imprisonment", "restriction_of_freedom", "fine", "correctional_labour",
    "community_service", "arrest", "life_imprisonment",
]


class MainPunishment(Strict):
    kind: MainKind
    min: Months | None = None  # None: the part states no special minimum ("up to N years")
    max: Months | None = None
    note: str | None = None


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
    main: OrUnknown(Annotated[list[MainPunishment], AfterValidator(_some)])
    additional: OrUnknown(list[AdditionalPunishment]) = []


class TitleVersion(Versioned):
    title: Text


class ItemVersion(Versioned):
    summary: OrUnknown(str) | None = None
    elements: OrUnknown(Elements) | None = None
    text_ru: str | None = Field(default=None, alias="text.ru")


class Item(Strict):
    id: ItemId
    versions: list[ItemVersion] = Field(min_length=1)


class PartVersion(Versioned):
    summary: OrUnknown(str) | None = None
    elements: OrUnknown(Elements) | None = None
    penalty: OrUnknown(Penalty) | None = None
    items_complete: bool = True  # false: the sources show only some of the items
    text_ru: str | None = Field(default=None, alias="text.ru")


class Part(Strict):
    id: PartId
    label: str | None = None  # for a part whose number is unknown: what it is
    builds_on: list[PartId] = []  # a qualifying part: "the acts of parts 1 or 2, if ..."
    versions: list[PartVersion] = Field(min_length=1)
    items: list[Item] = []


class Article(Strict):
    article: Annotated[str, Field(pattern=r"^\d+(-\d+)?$")]
    code: str
    titles: list[TitleVersion] = Field(min_length=1)
    complete: bool = True  # false: parts are missing from the KB; `missing` says which
    missing: str | None = None
    notes: list[str] = []
    parts: list[Part] = Field(min_length=1)

    def part(self, part_id: str) -> Part | None:
        return next((p for p in self.parts if p.id == part_id), None)


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


class FactVersion(Versioned):
    value: OrUnknown(int)
    summary: str | None = None


class RuleVersion(Versioned):
    """A general-part rule (attempt, complicity, organising): does the Code have it, and where."""

    exists: OrUnknown(bool)
    article: OrUnknown(str) | None = None
    summary: str | None = None


class Code(Strict):
    id: str
    title: Text
    kind: Literal["code"]
    act: str
    jurisdiction: str
    sources: list[SourceRef] = Field(min_length=1)
    confidence: Confidence
    age_of_majority: list[FactVersion] = Field(min_length=1)
    crime_categories: list[CategoryRulesVersion] = Field(min_length=1)
    exploitation: list[DefinitionVersion] = Field(min_length=1)
    general_part: dict[Literal["attempt", "complicity", "organising"], list[RuleVersion]] = {}


class Term(Strict):
    label: Text
    synonyms: dict[Literal["en", "ru", "kk"], list[str]] = {}
    note: str | None = None


class Vocabulary(Strict):
    terms: dict[VocabId, Term]


class SourceRegistry(Strict):
    sources: dict[str, Source]


class AmendmentFile(Strict):
    acts: list[Act] = Field(min_length=1)


# -- other instruments: the Protocol, UNTOC, the 2024 Law, the Supreme Court resolution ------------------

Establishes = Literal[
    "one_act_suffices",  # any one listed act completes the offence
    "no_purpose_for_transactions",  # sale and other transactions need no purpose of exploitation
    "purpose_required_for_other_acts",  # recruitment, transport ... need the purpose
    "formal_offence",  # complete when the act is done; exploitation need not follow
    "consent_irrelevant",  # the victim's consent is no defence
    "minor_knowledge_required",  # Art. 135 only if the offender knew the victim was a minor
    "cumulative_kidnapping_trafficking",  # 125/126 for exploitation, then sale: both
    "cumulative_trafficking_prostitution",  # 128 + 308, 135 + 134
    "cumulative_organs",  # trafficking for organs, then removal: with 116
]


class Provision(Strict):
    id: str  # as cited: "3(a)", "5(2)(b)", "34(2)", "1(1)", "para. 2"
    title: str
    summary: str  # our own words
    obligation: Literal["mandatory", "recommended", "none"] = "none"
    elements: Elements | None = None
    illustrative: bool = False  # the means are examples ("including by ..."), not conditions
    establishes: list[Establishes] = []
    applies_to: list[str] = []  # articles of the Code a case-law rule reads
    paragraph: OrUnknown(str) | None = None  # for case-law rules: the paragraph, when known
    sources: list[SourceRef] = Field(min_length=1)
    confidence: Confidence
    note: str | None = None


class Instrument(Strict):
    id: str
    title: Text
    kind: Literal["treaty", "law", "case_law"]
    adopted: OrUnknown(Date)
    in_force: OrUnknown(Date) | None = None
    note: str | None = None
    sources: list[SourceRef] = Field(min_length=1)
    confidence: Confidence
    provisions: list[Provision] = Field(min_length=1)

    def provision(self, provision_id: str) -> Provision | None:
        return next((p for p in self.provisions if p.id == provision_id), None)


# -- mappings: how the Code meets the Protocol -----------------------------------------------------------

GapStatus = Literal["covered", "aggravating_only", "broader", "partial", "missing", "case_law", "unknown"]
GapTest = Literal[
    "act",  # the Protocol act is an act of the adult base offence
    "acts_beyond",  # the base offence has acts the Protocol lacks
    "means",  # the means is a constitutive element of the adult base offence
    "means_required",  # the adult base offence requires some means at all
    "purpose_form",  # a minimum form of exploitation against the Code's definition
    "purpose_intent",  # purpose as intent, exploitation need not happen
    "transactions_purpose",  # sale and transactions without purpose
    "case_law",  # a rule the resolution establishes (consent ...)
    "child_no_means",  # the child base offence needs no means
    "child_age",  # a minor is anyone under 18
    "general_part",  # attempt, complicity, organising
    "no_element",  # the base offence does not require these elements
    "anywhere",  # the element appears somewhere in the encoded law
    "max_penalty",  # the base offence's maximum reaches a threshold
    "annotation",  # not computable: the mapping file's annotation
]


class Basis(Strict):
    instrument: str
    provision: str


class Requirement(Strict):
    id: str
    group: str  # how the report groups rows: "Art. 3(a) acts", "UNTOC Art. 10" ...
    title: str
    basis: list[Basis] = Field(min_length=1)
    severity: Literal["mandatory", "recommended"]
    test: GapTest
    elements: list[VocabId] = []  # what the test looks for
    establishes: str | None = None  # for test case_law
    fact: str | None = None  # for test general_part: attempt, complicity, organising
    threshold_months: Annotated[int, Field(ge=0, le=MAX_TERM_MONTHS)] | None = None  # for test max_penalty


class Checklist(Strict):
    requirements: list[Requirement] = Field(min_length=1)


class Equivalent(Strict):
    national: VocabId
    protocol: VocabId
    degree: Literal["full", "partial"]
    note: str
    sources: list[SourceRef] = Field(min_length=1)
    confidence: Confidence


class Annotation(Strict):
    requirement: str
    status: GapStatus
    summary: str
    sources: list[SourceRef] = Field(min_length=1)
    confidence: Confidence


class Comparison(Strict):
    conduct: str
    provisions: list[str] = Field(min_length=2)  # citations, the trafficking one first


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
