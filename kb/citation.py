"""Citations: `128`, `128.2`, `128.2.3`, `125-1.2` (Art. 125-1 part 2), `120.3-1` (Art. 120 part 3-1),
`128.cross-border` (a part whose number is not known); the Russian `ст. 128 ч. 2 п. 3` and `п. 3 ч. 2 ст. 128
УК РК`; the Kazakh `128-бабының 2-бөлігінің 3) тармағы`. A hyphen after the article number belongs to the
article (125-1); after a dot it belongs to the part (3-1)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .errors import BadInput

_NUM = r"\d+(?:-\d+)?"
_DOTTED = re.compile(rf"({_NUM})(?:\.({_NUM}|[a-z][a-z-]*)(?:\.({_NUM}))?)?")
_CODE = r"(?:\s*(?:УК|ҚК)(?:\s*РК)?)?"
_RU_ART = rf"(?:ст\.?|статья|статьи)\s*({_NUM})"
_RU_PART = rf"(?:ч\.?|часть|части)\s*({_NUM})"
_RU_ITEM = rf"(?:п\.?|пункт|пункта)\s*({_NUM})\)?"
# The word forms are compiled on their first use (by re's own cache), not by every command that cites "128".
_RU = rf"{_RU_ART}(?:\s*,?\s*{_RU_PART})?(?:\s*,?\s*{_RU_ITEM})?{_CODE}"
_RU_REVERSED = rf"(?:{_RU_ITEM}\s*,?\s*)?(?:{_RU_PART}\s*,?\s*)?{_RU_ART}{_CODE}"
_KK = rf"(?:ҚК-нің\s*|ҚР\s*ҚК\s*)?({_NUM})-(?:бабы|бабының|бап)(?:\s*({_NUM})-(?:бөлігі|бөлігінің))?(?:\s*({_NUM})\)\s*тармағы)?"


@dataclass(frozen=True)
class Citation:
    article: str
    part: str | None = None
    item: str | None = None

    def __str__(self) -> str:
        return ".".join(x for x in (self.article, self.part, self.item) if x)

    def russian(self, items: list[str] | None = None) -> str:
        """`ст. 135 ч. 2 п. 7`; several items of one part: `п. 1, 7`."""
        items = items if items is not None else [self.item] if self.item else []
        out = f"ст. {self.article}"
        if self.part:
            out += f" ч. {self.part}" if self.part[0].isdigit() else f" ({self.part})"
        if items:
            out += f" п. {', '.join(items)}"
        return out

    def kazakh(self, items: list[str] | None = None) -> str:
        """`ҚК-нің 135-бабының 2-бөлігінің 7) тармағы` (Supreme Court practice: the Code in the genitive, the
        article with the possessive, each unit followed by a smaller one in the genitive)."""
        items = items if items is not None else [self.item] if self.item else []
        if not self.part:
            return f"ҚК-нің {self.article}-бабы"
        number = self.part[0].isdigit()
        if not items:
            return f"ҚК-нің {self.article}-бабының " + (f"{self.part}-бөлігі" if number else f"бөлігі ({self.part})")
        part = f"{self.part}-бөлігінің" if number else f"бөлігінің ({self.part})"
        listed = ", ".join(f"{i})" for i in items)
        return f"ҚК-нің {self.article}-бабының {part} {listed} {'тармақтары' if len(items) > 1 else 'тармағы'}"


def parse(text: str) -> Citation:
    cleaned = " ".join(text.strip().split())
    m = _DOTTED.fullmatch(cleaned)
    if m:
        return Citation(*m.groups())
    m = re.fullmatch(_RU, cleaned, re.IGNORECASE)
    if m:
        return Citation(*m.groups())
    m = re.fullmatch(_RU_REVERSED, cleaned, re.IGNORECASE)
    if m:
        item, part, article = m.groups()
        return Citation(article, part, item)
    m = re.fullmatch(_KK, cleaned, re.IGNORECASE)
    if m:
        return Citation(*m.groups())
    raise BadInput(
        f"not a citation: {text!r}. Write ARTICLE[.PART[.ITEM]] such as 128, 128.1, 135.2.7, 125-1.2, or the "
        f"Russian form 'ст. 135 ч. 2 п. 7'"
    )
