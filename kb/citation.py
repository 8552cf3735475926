"""Citations: `128`, `128.2`, `128.2.3`, `128.cross-border`, or the Russian `ст. 128 ч. 2 п. 3`."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .errors import BadInput

_NUM = r"\d+(?:-\d+)?"
_DOTTED = re.compile(rf"({_NUM})(?:\.({_NUM}|[a-z][a-z-]*)(?:\.({_NUM}))?)?")
_RUSSIAN = re.compile(
    rf"(?:ст\.?|статья)\s*({_NUM})(?:\s*,?\s*(?:ч\.?|часть)\s*({_NUM}))?(?:\s*,?\s*(?:п\.?|пункт)\s*({_NUM})\)?)?",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Citation:
    article: str
    part: str | None = None
    item: str | None = None

    def __str__(self) -> str:
        return ".".join(x for x in (self.article, self.part, self.item) if x)

    def russian(self) -> str:
        out = f"ст. {self.article}"
        if self.part:
            out += f" ч. {self.part}" if self.part[0].isdigit() else f" ({self.part})"
        if self.item:
            out += f" п. {self.item}"
        return out


def parse(text: str) -> Citation:
    cleaned = text.strip()
    for pattern in (_DOTTED, _RUSSIAN):
        m = pattern.fullmatch(cleaned)
        if m:
            return Citation(*m.groups())
    raise BadInput(
        f"not a citation: {text!r}. Write ARTICLE[.PART[.ITEM]] such as 128, 128.1, 135.2.7, "
        f"or the Russian form 'ст. 135 ч. 2 п. 7'"
    )
