"""The environment a command runs in, injected as httpie does: the date it takes for "today", the streams,
and the terminal's width. Tests build their own, so no output depends on the calendar or the terminal."""

from __future__ import annotations

import datetime as dt
import errno
import os
import sys
from dataclasses import dataclass, field
from typing import IO, Any


def _broken_pipe() -> None:
    raise BrokenPipeError(errno.EPIPE, os.strerror(errno.EPIPE))


@dataclass
class Env:
    stdout: IO[str] = field(default_factory=lambda: sys.stdout)
    stderr: IO[str] = field(default_factory=lambda: sys.stderr)
    stdin: IO[bytes] = field(default_factory=lambda: sys.stdin.buffer)
    today: dt.date = field(default_factory=dt.date.today)  # the only place that reads the calendar
    width: int | None = None  # None: the terminal's own (80 when it is not a terminal)

    def console(self) -> Any:
        """A rich console on stdout, no colour unless it is a terminal, never wrapping a line mid-word, and
        never reading ":name:" in a text as an emoji."""
        from rich.console import Console

        console = Console(file=self.stdout, width=self.width, highlight=False, soft_wrap=False, emoji=False)
        console.on_broken_pipe = _broken_pipe  # rich would exit 1 itself; main() turns it into 141
        return console

    def out(self, text: str) -> None:
        self.stdout.write(text if text.endswith("\n") else text + "\n")

    def err(self, text: str) -> None:
        self.stderr.write(text if text.endswith("\n") else text + "\n")
