"""How legal facts read in English: one formatter for penalties, shared by every engine and renderer."""

from __future__ import annotations

from typing import Any

from .model import UNKNOWN, format_months

KIND = {
    "imprisonment": "imprisonment", "restriction_of_freedom": "restriction of freedom", "fine": "fine",
    "correctional_labour": "correctional labour", "community_service": "community service", "arrest": "arrest",
    "life_imprisonment": "life imprisonment", "confiscation": "confiscation", "ban": "ban on posts or activities",
}


def span(lo: Any, hi: Any) -> str:
    """'3–5 y', 'up to 5 y', '1 y 6 m – 3 y', 'unknown' (months in, words out)."""
    if UNKNOWN in (lo, hi):
        return "unknown"
    if lo is None and hi is None:
        return ""
    if lo is None:
        return f"up to {duration(hi)}"
    if hi is None:
        return f"from {duration(lo)}"
    if lo % 12 == 0 and hi % 12 == 0:
        return f"{lo // 12}–{hi // 12} y"
    return f"{duration(lo)} – {duration(hi)}"


def duration(months: int) -> str:
    """'3 y', '6 m', '1 y 6 m'."""
    return format_months(months).replace("y", " y ").replace("m", " m").strip()


def punishment(kind: str, lo: Any, hi: Any) -> str:
    return f"{KIND[kind]} {span(lo, hi)}".strip()


def additional(kind: str, mandatory: Any, term: Any) -> str:
    need = {True: "mandatory", False: "optional"}.get(mandatory, "mandatory or optional: unknown")
    length = "" if term in (None, UNKNOWN) else " for life" if term == "life" else f" for {duration(term)}"
    return f"{KIND[kind]}{length} ({need})"
