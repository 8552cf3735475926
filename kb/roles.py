"""Which articles play which role (the mapping's `roles`: the adult and the child trafficking offence, the
related offences) and the Supreme Court's rules, found by what they establish and the articles they apply to.
Engines read these instead of typing article numbers."""

from __future__ import annotations

from .citation import Citation, parse
from .model import Provision

# The tokens of the rules that add a second offence to a trafficking charge (kb/model.py `Establishes`).
CUMULATIVE = ("cumulative_kidnapping_trafficking", "cumulative_trafficking_prostitution", "cumulative_organs")


def adult(kb) -> str | None:
    return kb.mapping.roles.adult_offence if kb.mapping else None


def child(kb) -> str | None:
    return kb.mapping.roles.child_offence if kb.mapping else None


def related(kb) -> dict[str, Citation]:
    """The related offences by article: `125.3.2` says only part 3 item 2 of Art. 125 is related."""
    out: dict[str, Citation] = {}
    for text in kb.mapping.roles.related if kb.mapping else ():
        c = parse(text)
        if c.article in kb.articles:
            out.setdefault(c.article, c)
    return out


def articles(kb) -> list[str]:
    """Every article with a role, the trafficking offences first; articles the KB lacks are left out."""
    numbers = [n for n in (adult(kb), child(kb)) if n and n in kb.articles]
    return list(dict.fromkeys([*numbers, *related(kb)]))


def rules(kb) -> list[Provision]:
    """The rules of the case-law instrument the mapping names."""
    ins = kb.instruments.get(kb.mapping.roles.case_law) if kb.mapping else None
    return list(ins.provisions) if ins else []


def rule(kb, token: str, article: str | None = None) -> Provision | None:
    """The rule that establishes `token` (for `article`, when given: a rule lists the articles it applies to)."""
    return next((p for p in rules(kb) if token in p.establishes
                 and (article is None or not p.applies_to or article in p.applies_to)), None)


def full_equivalents(kb) -> frozenset[frozenset[str]]:
    """Pairs of vocabulary ids the mapping reads as one concept (deception and fraud)."""
    return frozenset(frozenset((e.national, e.protocol)) for e in (kb.mapping.equivalents if kb.mapping else ())
                     if e.degree == "full")
