"""Notes the library has for the person running it (a damaged cache entry was rebuilt), which are not errors.

The library never prints: a front end installs `show` (the CLI writes one line to stderr); by default a note
is dropped.
"""

from __future__ import annotations

from typing import Callable

show: Callable[[str], None] = lambda message: None


def note(message: str) -> None:
    show(message)
