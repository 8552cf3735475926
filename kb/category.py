"""Crime category (small, medium, grave, especially grave), derived from a part's maximum penalty
through the thresholds of Art. 11 encoded in code.yaml, never typed per part."""

from __future__ import annotations

import datetime as dt

from .model import UNKNOWN, Act, CategoryRulesVersion, Code, Penalty
from .timeline import at


def max_months(penalty: Penalty | str | None) -> int | str | None:
    """The heaviest main punishment in months; 'life' for life imprisonment; 'unknown' if not known.
    None when the part has no custodial punishment at all."""
    if penalty is None or penalty == UNKNOWN or penalty.main == UNKNOWN:
        return UNKNOWN
    if any(p.kind == "life_imprisonment" for p in penalty.main):
        return "life"
    custodial = [p for p in penalty.main if p.kind == "imprisonment"]
    if not custodial:
        return None
    if any(p.max in (None, UNKNOWN) for p in custodial):
        return UNKNOWN
    return max(p.max for p in custodial)


def floor_months(penalty: Penalty | str | None) -> int | str:
    """The lightest sentence the part allows, in months of imprisonment: 0 when a non-custodial punishment
    is an alternative or imprisonment has no special minimum; 'unknown' if not known."""
    if penalty is None or penalty == UNKNOWN or penalty.main == UNKNOWN:
        return UNKNOWN
    if any(p.kind not in ("imprisonment", "life_imprisonment") for p in penalty.main):
        return 0
    mins = [p.min for p in penalty.main if p.kind == "imprisonment"]
    if UNKNOWN in mins:
        return UNKNOWN
    return min((m or 0 for m in mins), default=0)


def derive(code: Code, acts: dict[str, Act], penalty: Penalty | str | None, on: dt.date) -> tuple[str, str]:
    """(category, why) under the Art. 11 thresholds in force on the date."""
    rules = at(code.crime_categories, on, acts)
    return derive_with(None if rules.ambiguous else rules.current, penalty)


def derive_with(rules: CategoryRulesVersion | None, penalty: Penalty | str | None) -> tuple[str, str]:
    """(category, why). The category is 'unknown' whenever the penalty or the thresholds are."""
    if rules is None or rules.categories == UNKNOWN:
        return UNKNOWN, "the crime-category thresholds of Art. 11 are not encoded"
    top = max_months(penalty)
    if top == UNKNOWN:
        return UNKNOWN, "the maximum penalty is unknown"
    categories = rules.categories
    if top == "life":
        chosen = next((c for c in categories if c.life), categories[-1])
        return chosen.id, "life imprisonment"
    if top is None:
        return categories[0].id, "no imprisonment"
    for c in categories:  # ordered from small to especially grave
        if c.max_months is None or top <= c.max_months:
            return c.id, f"maximum {top} months"
    return categories[-1].id, f"maximum {top} months"
