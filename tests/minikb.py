"""Small hand-made knowledge bases in temp dirs, so each engine can be tested on exactly the law it needs."""

from pathlib import Path
from textwrap import dedent

SOURCES = """sources:
  t1: {title: test source, kind: official}
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
  - {id: law-b, number: B, title: {en: first amendment}, signed: 2017-12-01, in_force: 2018-01-01, sources: [{ref: t1}], confidence: official}
  - id: law-w
    number: W
    title: {en: an amendment in force on an unknown day of 2019}
    signed: 2019-01-01
    in_force: {earliest: 2019-01-01, latest: 2019-12-31, basis: test}
    sources: [{ref: t1}]
    confidence: official
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


def write_kb(root: Path, articles: dict[str, str]) -> Path:
    """A KB under `root` with the given article files (number -> YAML text)."""
    code = root / "statutes/kz/criminal-code"
    code.mkdir(parents=True)
    (root / "mappings").mkdir()
    (root / "statutes/sources.yaml").write_text(SOURCES, encoding="utf-8")
    (code / "code.yaml").write_text(CODE, encoding="utf-8")
    (code / "amendments.yaml").write_text(ACTS, encoding="utf-8")
    (root / "mappings/vocabulary.yaml").write_text(VOCABULARY, encoding="utf-8")
    for number, text in articles.items():
        (code / f"art-{number}.yaml").write_text(dedent(text), encoding="utf-8")
    return root
