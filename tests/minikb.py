"""Small hand-made knowledge bases in temp dirs, so each engine can be tested on exactly the law it needs."""

from pathlib import Path
from textwrap import dedent

SOURCES = """sources:
  t1: {title: test source, grade: official}
  sec: {title: a code mirror, grade: secondary, date: 2020-01-01}
  news: {title: a news item, grade: reported, date: 2024-07-08}
  news2: {title: a second news item, grade: reported, date: 2025-03-01}
  news2b: {title: a reprint of news2, grade: reported, date: 2025-03-02, family: news2}
  notes: {title: our notes of what was not found, grade: unverified}
"""

CODE = """id: kz-cc
title: {en: Test code}
kind: code
act: law-a
jurisdiction: kz
sources: [{ref: t1}]
confidence: official
age_of_majority:
  - {act: law-a, value: 18, sources: [{ref: t1}], confidence: official}
crime_categories:
  - act: law-a
    categories:
      - {id: small, max_months: 2y}
      - {id: medium, max_months: 5y}
      - {id: grave, max_months: 12y}
      - {id: especially_grave, life: true}
    sources: [{ref: t1}]
    confidence: official
exploitation:
  - {act: law-a, summary: forced labour, elements: [purpose.forced_labour], sources: [{ref: t1}], confidence: official}
"""

ACTS = """acts:
  - {id: law-a, number: A, title: {en: the code}, signed: 2014-07-03, in_force: 2015-01-01, sources: [{ref: t1}], confidence: official}
  - {id: law-b, number: 77-VII, title: {en: first amendment}, signed: 2017-12-01, in_force: 2018-01-01, sources: [{ref: t1}], confidence: official}
  - id: law-w
    number: W
    title: {en: an amendment in force on an unknown day of 2019}
    signed: 2019-01-01
    in_force: {earliest: 2019-01-01, latest: 2019-12-31, basis: test}
    sources: [{ref: t1}]
    confidence: official
  - id: law-v
    number: V
    title: {en: another amendment whose window covers mid-2019}
    signed: 2019-03-01
    in_force: {earliest: 2019-03-01, latest: 2019-10-01, basis: test}
    sources: [{ref: t1}]
    confidence: official
  - id: law-p
    number: unknown
    names: [spring package]
    title: {en: a package whose number is unknown}
    signed: 2024-07-05
    in_force: {earliest: 2024-07-05, latest: 2024-09-30, basis: test}
    sources: [{ref: t1}]
    confidence: official
"""

# An article that exercises the model: a penalty raised by law-b, made unknown by law-p (a news item reports a
# rise without a figure) with a conflicting claim, a qualifying part with items, a known-to-exist part the KB
# does not encode, and figures reported for the article and its aggravated forms.
ART_500 = """
article: "500"
code: kz-cc
titles:
  - {act: law-a, title: {en: Trafficking (test), ru: Торговля (тест), kk: unknown}, sources: [{ref: t1}], confidence: official}
structure:
  - {act: law-a, parts: ["1", "2", "3"], sources: [{ref: sec}], confidence: secondary}
reported:
  - {scope: article, min: 4y, max: 15y, act: law-p, sources: [{ref: news}], confidence: reported}
  - {scope: aggravated, elements: {means: [means.deception]}, act: law-a, sources: [{ref: news}], confidence: reported}
parts:
  - id: "1"
    versions:
      - act: law-a
        summary: Recruiting a person for exploitation.
        elements: {acts: [act.recruitment], purposes: [purpose.exploitation]}
        penalty: {main: [{kind: imprisonment, min: 3y, max: 5y}], additional: [{kind: confiscation, mandatory: true}]}
        sources: [{ref: t1}]
        confidence: official
      - act: law-b
        summary: Recruiting a person for exploitation.
        elements: {acts: [act.recruitment], purposes: [purpose.exploitation]}
        penalty: {main: [{kind: imprisonment, min: 4y, max: 7y}], additional: [{kind: confiscation, mandatory: true}]}
        sources: [{ref: t1}]
        confidence: official
      - act: law-p
        summary: Recruiting a person for exploitation.
        elements: {acts: [act.recruitment], purposes: [purpose.exploitation]}
        penalty: unknown
        conflicts:
          - penalty: {main: [{kind: imprisonment, min: 4y, max: 7y}]}
            sources: [{ref: news2}]
            confidence: inferred
            basis: the paper restates the law before law-p
        sources: [{ref: news}]
        confidence: reported
  - id: "2"
    builds_on: ["1"]
    versions:
      - act: law-a
        summary: The acts of part 1 in the circumstances of the items.
        penalty: {main: [{kind: imprisonment, min: 5y, max: 9y}]}
        sources: [{ref: t1}]
        confidence: official
    items:
      - id: "1"
        versions:
          - {act: law-a, summary: repeatedly, elements: {circumstances: [circ.repeatedly]}, sources: [{ref: t1}], confidence: official}
      - id: "2"
        versions:
          - {act: law-a, summary: by a group, elements: {circumstances: [circ.group_prior_agreement]}, sources: [{ref: t1}], confidence: official}
          - {act: law-b, repealed: true, sources: [{ref: t1}], confidence: official}
"""

VOCABULARY = """terms:
  act.recruitment: {label: {en: recruitment, ru: вербовка}}
  act.transfer: {label: {en: transfer, ru: передача}}
  means.deception: {label: {en: deception, ru: обман}}
  means.use_of_force: {label: {en: use of force}}
  purpose.exploitation: {label: {en: exploitation}}
  purpose.forced_labour: {label: {en: forced labour}}
  circ.repeatedly: {label: {en: repeatedly}}
  circ.group_prior_agreement: {label: {en: group by prior agreement}}
  circ.victim_minor: {label: {en: victim is a minor}}
"""


def write_kb(root: Path, articles: dict[str, str], code: str = CODE, acts: str = ACTS) -> Path:
    """A KB under `root` with the given article files (number -> YAML text), and optionally its own code.yaml
    and amendments.yaml."""
    folder = root / "statutes/kz/criminal-code"
    folder.mkdir(parents=True)
    (root / "mappings").mkdir()
    (root / "statutes/sources.yaml").write_text(SOURCES, encoding="utf-8")
    (folder / "code.yaml").write_text(dedent(code), encoding="utf-8")
    (folder / "amendments.yaml").write_text(dedent(acts), encoding="utf-8")
    (root / "mappings/vocabulary.yaml").write_text(VOCABULARY, encoding="utf-8")
    for number, text in articles.items():
        (folder / f"art-{number}.yaml").write_text(dedent(text), encoding="utf-8")
    return root


# -- a mini KB for the compliance report (tests/test_gaps.py): an adult article 700 whose base part needs no means,
# with a means as an item of part 2 and another reported of its aggravated forms; a child article 701 with an
# aggravating purpose; a related article 702 whose item 2.1 is a kidnapping for exploitation; a resolution with
# two rules; a Protocol of three provisions; and the checklist and mapping that tie them. All fictitious.

GAPS_ADULT = """
article: "700"
code: kz-cc
titles:
  - {act: law-a, title: {en: Trading in persons (test), ru: Торговля (тест)}, sources: [{ref: t1}], confidence: official}
structure:
  - {act: law-a, parts: ["1", "2"], all: true, sources: [{ref: t1}], confidence: official}
reported:
  - {scope: aggravated, elements: {means: [means.use_of_force]}, act: law-b, sources: [{ref: news}], confidence: reported}
parts:
  - id: "1"
    versions:
      - act: law-a
        summary: Recruiting or selling a person for exploitation.
        elements: {acts: [act.recruitment, act.purchase_sale], purposes: [purpose.exploitation]}
        penalty: {main: [{kind: imprisonment, min: 3y, max: 5y}]}
        sources: [{ref: t1}]
        confidence: official
      - act: law-b
        summary: Recruiting or selling a person for exploitation.
        elements: {acts: [act.recruitment, act.purchase_sale], purposes: [purpose.exploitation]}
        penalty: {main: [{kind: imprisonment, min: 4y, max: 7y}]}
        sources: [{ref: t1}]
        confidence: official
      - act: law-p
        summary: Recruiting or selling a person for exploitation.
        elements: {acts: [act.recruitment, act.purchase_sale], purposes: [purpose.exploitation]}
        penalty: unknown
        conflicts:
          - {penalty: {main: [{kind: imprisonment, min: 4y, max: 7y}]}, sources: [{ref: news2}], confidence: inferred,
             basis: the item restates the law before law-p}
        sources: [{ref: news}]
        confidence: reported
  - id: "2"
    builds_on: ["1"]
    versions:
      - {act: law-a, summary: The acts of part 1 aggravated., penalty: {main: [{kind: imprisonment, min: 6y, max: 9y}]},
         sources: [{ref: t1}], confidence: official}
    items:
      - id: "1"
        versions:
          - {act: law-a, summary: by deceit, elements: {means: [means.deception]}, sources: [{ref: sec}], confidence: secondary}
"""

GAPS_CHILD = """
article: "701"
code: kz-cc
titles:
  - {act: law-a, title: {en: Trading in minors (test)}, sources: [{ref: t1}], confidence: official}
structure:
  - {act: law-a, parts: ["1", "2"], all: true, sources: [{ref: t1}], confidence: official}
parts:
  - id: "1"
    versions:
      - act: law-a
        summary: Recruiting or selling a minor for exploitation.
        elements: {acts: [act.recruitment, act.purchase_sale], purposes: [purpose.exploitation], victim: [circ.victim_minor]}
        penalty: {main: [{kind: imprisonment, min: 5y, max: 9y}]}
        sources: [{ref: t1}]
        confidence: official
  - id: "2"
    builds_on: ["1"]
    versions:
      - {act: law-a, summary: The acts of part 1 aggravated., penalty: unknown, sources: [{ref: t1}], confidence: official}
    items:
      - id: "1"
        versions:
          - {act: law-a, summary: to take organs, elements: {purposes: [purpose.organ_removal]}, sources: [{ref: t1}], confidence: official}
      - id: "2"
        versions:
          - {act: law-a, summary: by threats, elements: {means: [means.threat_of_force]}, sources: [{ref: t1}], confidence: official}
"""

GAPS_RELATED = """
article: "702"
code: kz-cc
titles:
  - {act: law-a, title: {en: Seizing a person (test)}, sources: [{ref: t1}], confidence: official}
parts:
  - id: "1"
    versions:
      - {act: law-a, summary: Seizing a person., elements: {acts: [act.kidnapping]}, penalty: {main: [{kind: imprisonment, max: 2y}]},
         sources: [{ref: t1}], confidence: official}
  - id: "2"
    builds_on: ["1"]
    versions:
      - {act: law-a, summary: Aggravated seizing., penalty: {main: [{kind: imprisonment, max: 3y}]}, sources: [{ref: t1}], confidence: official}
    items:
      - id: "1"
        versions:
          - {act: law-a, summary: to exploit the person, elements: {purposes: [purpose.exploitation]}, sources: [{ref: news}], confidence: reported}
"""

GAPS_CODE = CODE.replace(
    "exploitation:\n  - {act: law-a, summary: forced labour, elements: [purpose.forced_labour], sources: [{ref: t1}], confidence: official}\n",
    """exploitation:
  - {act: law-a, summary: forced labour, elements: [purpose.forced_labour], sources: [{ref: t1}], confidence: official}
general_part:
  reconciliation:
    - {act: law-a, exists: true, sources: [{ref: news}], confidence: reported}
    - {act: law-b, exists: false, sources: [{ref: news}], confidence: reported}
""")

GAPS_VOCABULARY = VOCABULARY + "".join(f"  {vid}: {{label: {{en: {label}, ru: {ru}}}}}\n" for vid, label, ru in [
    ("act.purchase_sale", "purchase and sale", "купля-продажа"), ("act.kidnapping", "kidnapping", "похищение человека"),
    ("means.threat_of_force", "threat of force", "угроза"), ("means.abduction", "abduction", "похищение"),
    ("means.payment_to_controller", "payment to a person in control", "подкуп"),
    ("purpose.organ_removal", "removal of organs", "изъятие органов"), ("purpose.begging", "begging", "попрошайничество"),
    ("purpose.illegal_adoption", "illegal adoption", "незаконное усыновление")])

GAPS_INSTRUMENTS = {
    "statutes/un/protocol.yaml": """
id: un-tip-protocol
title: {en: A protocol (test)}
kind: treaty
adopted: 2000-11-15
sources: [{ref: t1}]
confidence: official
provisions:
  - {id: 3(a), title: definition, summary: acts means purpose, sources: [{ref: t1}], confidence: official}
  - {id: 3(c), title: children, summary: no means for children, sources: [{ref: t1}], confidence: official}
  - {id: 6(6), title: compensation, summary: a route to compensation, sources: [{ref: t1}], confidence: official}
""",
    "statutes/kz/case-law/np.yaml": """
id: np
title: {en: A resolution (test)}
kind: case_law
adopted: 2012-12-29
sources: [{ref: t1}]
confidence: official
provisions:
  - {id: r04, title: sale, summary: a sale needs no purpose, paragraph: "2", establishes: [no_purpose_for_transactions],
     elements: {acts: [act.purchase_sale]}, applies_to: ["700", "701"], sources: [{ref: sec}], confidence: secondary}
  - {id: r10, title: consent, summary: consent is no defence, paragraph: unknown, establishes: [consent_irrelevant],
     sources: [{ref: notes}], confidence: unverified}
""",
    "mappings/kz-cc--un-tip.yaml": """
code: kz-cc
standard: un-tip-protocol
roles: {adult_offence: "700", child_offence: "701", related: ["702.2.1"], case_law: np}
equivalents:
  - {national: act.kidnapping, protocol: means.abduction, degree: full, note: the same word, sources: [{ref: t1}],
     confidence: inferred, basis: test}
  - {national: act.purchase_sale, protocol: means.payment_to_controller, degree: functional, note: a payment buys the
     person, sources: [{ref: t1}], confidence: inferred, basis: test}
annotations:
  - {requirement: victims.compensation, status: covered, verify: [the fund's scope], summary: a fund exists,
     sources: [{ref: news}], confidence: reported}
consistency:
  - {conduct: holding a person for exploitation, provisions: ["700.1", "702.2.1"]}
""",
}


def _checklist() -> str:
    p = '[{instrument: un-tip-protocol, provision: "3(a)"}]'
    rows = [
        ("acts.recruitment", "acts", "obligation", "act", "elements: [act.recruitment]"),
        ("means.required", "means", "divergence", "means_required", ""),
        ("means.deception", "means", "obligation", "means", "elements: [means.deception]"),
        ("means.use_of_force", "means", "obligation", "means", "elements: [means.use_of_force]"),
        ("means.abduction", "means", "obligation", "means", "elements: [means.abduction]"),
        ("means.payment_to_controller", "means", "obligation", "means", "elements: [means.payment_to_controller]"),
        ("purpose.forced_labour", "purposes", "obligation", "purpose_form", "elements: [purpose.forced_labour]"),
        ("purpose.organ_removal", "purposes", "obligation", "purpose_form", "elements: [purpose.organ_removal]"),
        ("beyond.begging", "beyond", "national_addition", "purpose_beyond", "elements: [purpose.begging]"),
        ("beyond.illegal_adoption", "beyond", "recommendation", "purpose_beyond",
         "elements: [purpose.illegal_adoption], proposed_by: [{ref: news, supports: proposes it}]"),
        ("consent.irrelevant", "consent", "obligation", "case_law", "establishes: consent_irrelevant"),
        ("child.no_means", "children", "obligation", "child_no_means", ""),
        ("child.age18", "children", "obligation", "child_age", ""),
        ("crim.attempt", "criminalisation", "obligation", "general_part", "fact: attempt"),
        ("crim.no_reconciliation", "criminalisation", "recommendation", "general_part",
         "fact: reconciliation, expect: false"),
        ("untoc.serious_crime", "untoc", "obligation", "max_penalty", "threshold_months: 48"),
        ("victims.compensation", "victims", "obligation", "annotation", ""),
    ]
    out = ["requirements:"]
    for rid, group, kind, test, extra in rows:
        out.append(f"  - {{id: {rid}, group: {group}, title: {rid}, basis: {p}, kind: {kind}, test: {test}"
                   + (f", {extra}" if extra else "") + "}")
    return "\n".join(out) + "\n"


GAPS_INSTRUMENTS["mappings/checklist.yaml"] = _checklist()
GAPS_ARTICLES = {"700": GAPS_ADULT, "701": GAPS_CHILD, "702": GAPS_RELATED}


def write_gaps_kb(root: Path, articles: dict[str, str] | None = None, code: str = GAPS_CODE,
                  files: dict[str, str] | None = None) -> Path:
    """The mini KB for the compliance report; `articles` and `files` (path -> YAML) replace the defaults."""
    write_kb(root, {**GAPS_ARTICLES, **(articles or {})}, code=code)
    (root / "mappings/vocabulary.yaml").write_text(GAPS_VOCABULARY, encoding="utf-8")
    for path, text in {**GAPS_INSTRUMENTS, **(files or {})}.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(dedent(text), encoding="utf-8")
    return root


# -- a KB for qualify: an adult offence (700), a child offence (701), two related offences (702 organs, 703
# prostitution, held whole), a mapping that gives them their roles and a resolution whose rules apply to them.

QUALIFY_CODE = CODE.replace(
    """exploitation:
  - {act: law-a, summary: forced labour, elements: [purpose.forced_labour], sources: [{ref: t1}], confidence: official}
""", """exploitation:
  - {act: law-a, summary: at least forced labour, elements: [purpose.forced_labour], exhaustive: false,
     excludes: [purpose.other_sexual_services], sources: [{ref: sec}], confidence: inferred, basis: test}
  - {act: law-p, summary: the new definition, elements: [purpose.forced_labour, purpose.prostitution_of_others,
     purpose.other_sexual_services, purpose.begging], sources: [{ref: t1}], confidence: official}
general_part:
  milder_law:
    - {act: law-a, exists: true, article: "6", sources: [{ref: sec}], confidence: secondary}
  milder_law_comparison:
    - {act: law-a, exists: true, article: "6", sources: [{ref: sec}], confidence: inferred, basis: test}
""")

QUALIFY_VOCABULARY = """terms:
  act.recruitment: {label: {en: recruitment, ru: вербовка, kk: азғырып көндіру}}
  act.purchase_sale: {label: {en: purchase and sale, ru: купля-продажа}, synonyms: {en: [sale]}}
  act.exploitation: {label: {en: exploitation (as an act)}}
  act.involvement: {label: {en: involvement}}
  act.organ_removal: {label: {en: organ removal}}
  means.deception: {label: {en: deception, ru: обман}}
  means.fraud: {label: {en: fraud}}
  purpose.exploitation: {label: {en: exploitation}}
  purpose.forced_labour: {label: {en: forced labour}}
  purpose.begging: {label: {en: begging}}
  purpose.prostitution_of_others: {label: {en: prostitution of others}, synonyms: {en: [prostitution]}}
  purpose.other_sexual_services: {label: {en: other sexual services}, synonyms: {en: [sexual services]}}
  purpose.sexual_exploitation_other:
    label: {en: other forms of sexual exploitation}
    synonyms: {en: [sexual exploitation]}
    narrower: [purpose.prostitution_of_others, purpose.other_sexual_services]
  purpose.organ_removal: {label: {en: removal of organs}}
  circ.repeatedly: {label: {en: repeatedly, ru: неоднократно}}
  circ.group_prior_agreement: {label: {en: group by prior agreement}}
  circ.victim_minor: {label: {en: victim is a minor}}
  circ.cross_border: {label: {en: cross-border}}
"""

_TRAFFICKING_ACTS = "[act.recruitment, act.purchase_sale, act.exploitation]"
ADULT = f"""
article: "700"
code: kz-cc
titles:
  - {{act: law-a, title: {{en: Trafficking (test), ru: Торговля (тест), kk: Сауда (тест)}}, sources: [{{ref: t1}}], confidence: official}}
parts:
  - id: "1"
    versions:
      - act: law-a
        elements: {{acts: {_TRAFFICKING_ACTS}, purposes: [purpose.exploitation]}}
        penalty: {{main: [{{kind: imprisonment, min: 3y, max: 5y}}]}}
        sources: [{{ref: t1}}]
        confidence: official
      - act: law-w
        elements: {{acts: {_TRAFFICKING_ACTS}, purposes: [purpose.exploitation]}}
        penalty: {{main: [{{kind: imprisonment, min: 4y, max: 7y}}]}}
        sources: [{{ref: t1}}]
        confidence: official
      - act: law-p
        elements: {{acts: {_TRAFFICKING_ACTS}, purposes: [purpose.exploitation]}}
        penalty: unknown
        sources: [{{ref: news}}]
        confidence: reported
  - id: "2"
    builds_on: ["1"]
    versions:
      - {{act: law-a, penalty: {{main: [{{kind: imprisonment, min: 6y, max: 10y}}]}}, sources: [{{ref: t1}}], confidence: official}}
    items:
      - id: "1"
        versions:
          - {{act: law-a, elements: {{circumstances: [circ.repeatedly]}}, sources: [{{ref: t1}}], confidence: official}}
"""

CHILD = f"""
article: "701"
code: kz-cc
titles:
  - {{act: law-a, title: {{en: Trafficking in minors (test), ru: Торговля несовершеннолетними (тест)}}, sources: [{{ref: t1}}], confidence: official}}
parts:
  - id: "1"
    versions:
      - act: law-a
        elements: {{acts: {_TRAFFICKING_ACTS}, purposes: [purpose.exploitation], victim: [circ.victim_minor]}}
        penalty: {{main: [{{kind: imprisonment, min: 5y, max: 9y}}]}}
        sources: [{{ref: t1}}]
        confidence: official
  - id: "2"
    builds_on: ["1"]
    versions:
      - {{act: law-a, penalty: unknown, items_complete: false, sources: [{{ref: t1}}], confidence: official}}
    items:
      - id: "1"
        versions:
          - {{act: law-a, elements: {{circumstances: [circ.group_prior_agreement]}}, sources: [{{ref: t1}}], confidence: official}}
      - id: "2"
        versions:
          - {{act: law-a, elements: {{purposes: [purpose.organ_removal]}}, sources: [{{ref: t1}}], confidence: official}}
"""

ORGANS = """
article: "702"
code: kz-cc
titles:
  - {act: law-a, title: {en: Organ removal (test)}, sources: [{ref: t1}], confidence: official}
parts:
  - id: "1"
    versions:
      - {act: law-a, elements: {acts: [act.organ_removal]}, penalty: unknown, sources: [{ref: notes}], confidence: unverified}
"""

PROSTITUTION = """
article: "703"
code: kz-cc
titles:
  - {act: law-a, title: {en: Involving in prostitution (test)}, sources: [{ref: t1}], confidence: official}
structure:
  - {act: law-a, parts: ["1"], all: true, sources: [{ref: t1}], confidence: official}
parts:
  - id: "1"
    versions:
      - act: law-a
        elements: {acts: [act.involvement], purposes: [purpose.prostitution_of_others]}
        penalty: {main: [{kind: imprisonment, max: 3y}]}
        sources: [{ref: t1}]
        confidence: official
"""

QUALIFY_MAPPING = """code: kz-cc
standard: test-protocol
roles: {adult_offence: "700", child_offence: "701", related: ["702", "703"], case_law: np-x}
equivalents:
  - {national: means.deception, protocol: means.fraud, degree: full, note: test, sources: [{ref: t1}], confidence: official}
"""


def _rule(rid: str, token: str, applies: str, elements: str = "", grade: str = "official") -> str:
    return (f"  - {{id: {rid}, title: {token}, summary: test, establishes: [{token}], applies_to: {applies},"
            f"{elements} sources: [{{ref: {'t1' if grade == 'official' else 'notes'}}}], confidence: {grade}}}\n")


QUALIFY_CASE_LAW = ("""id: np-x
number: "99"
title: {en: A test resolution}
kind: case_law
adopted: 2015-01-01
sources: [{ref: t1}]
confidence: official
provisions:
""" + _rule("r1", "one_act_suffices", '["700", "701"]')
    + _rule("r2", "no_purpose_for_transactions", '["700", "701"]', " elements: {acts: [act.purchase_sale]},")
    + _rule("r3", "purpose_required_for_other_acts", '["700", "701"]', " elements: {acts: [act.recruitment]},")
    + _rule("r4", "exploitation_act_no_purpose", '["700", "701"]', " elements: {acts: [act.exploitation]},")
    + _rule("r5", "minor_knowledge_required", '["700", "701"]', grade="unverified")
    + _rule("r6", "cumulative_organs", '["700", "701", "702"]',
            " elements: {acts: [act.organ_removal], purposes: [purpose.organ_removal]},", grade="unverified")
    + _rule("r7", "cumulative_trafficking_prostitution", '["700", "703"]',
            " elements: {acts: [act.involvement], purposes: [purpose.prostitution_of_others]},", grade="unverified"))


def write_qualify_kb(root: Path, **articles: str) -> Path:
    """The qualify KB; keyword arguments replace an article (`a700=...`) or add one."""
    texts = {"700": ADULT, "701": CHILD, "702": ORGANS, "703": PROSTITUTION,
             **{k.removeprefix("a"): v for k, v in articles.items()}}
    write_kb(root, texts, code=QUALIFY_CODE)
    (root / "mappings/vocabulary.yaml").write_text(QUALIFY_VOCABULARY, encoding="utf-8")
    (root / "mappings/kz-cc--un-tip.yaml").write_text(QUALIFY_MAPPING, encoding="utf-8")
    (root / "statutes/kz/case-law").mkdir(parents=True)
    (root / "statutes/kz/case-law/np-x.yaml").write_text(QUALIFY_CASE_LAW, encoding="utf-8")
    return root


# A fictitious draft in the Code's manner: part 1 of the adult offence makes force and deceit its means.
DRAFT = """\
draft:
  id: draft-means
  title: {en: the means as elements, ru: способы как признаки}
articles:
  - article: "700"
    parts:
      - id: "1"
        versions:
          - act: draft-means
            summary: Recruiting or selling a person by force or deceit for exploitation.
            elements: {acts: [act.recruitment, purchase and sale], means: [use of force, обман], purposes: [exploitation]}
            penalty: {main: [{kind: imprisonment, min: 4y, max: 7y}]}
            sources: [{ref: draft}]
            confidence: unverified
"""
