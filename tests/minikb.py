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
