"""Crime category (small, medium, grave, especially grave), derived from a part's maximum penalty
through the thresholds of Art. 11 encoded in code.yaml, never typed per part."""

from __future__ import annotations

from .model import UNKNOWN, CategoryRulesVersion, Penalty
from .results import CategoryData


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


def derive(rules: CategoryRulesVersion | None, penalty: Penalty | str | None) -> CategoryData:
    """The category under the Art. 11 thresholds in force (`rules`); `unknown`, with the reason, whenever
    the penalty or the thresholds are."""
    if penalty is None:
        return CategoryData(id=UNKNOWN, reason="no_penalty")
    if rules is None or rules.categories == UNKNOWN:
        return CategoryData(id=UNKNOWN, reason="thresholds_unknown")
    top = max_months(penalty)
    if top == UNKNOWN:
        return CategoryData(id=UNKNOWN, reason="maximum_unknown")
    categories = rules.categories
    if top == "life":
        return CategoryData(id=next((c for c in categories if c.life), categories[-1]).id, reason="life")
    if top is None:
        return CategoryData(id=categories[0].id, reason="no_imprisonment")
    chosen = next((c for c in categories if c.max_months is None or top <= c.max_months), categories[-1])
    return CategoryData(id=chosen.id, reason="maximum", max_months=top)
