"""Errors the library reports: each names a file, a line, a column and a key, and says what is wrong."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Finding:
    file: str
    line: int | None
    col: int | None
    key: str
    message: str

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}" + (
            "" if self.col is None else f":{self.col}")
        return f"{where}: {self.key}: {self.message}" if self.key else f"{where}: {self.message}"

    def as_dict(self) -> dict:
        return {"file": self.file, "line": self.line, "col": self.col, "key": self.key, "message": self.message}


class InvalidKB(Exception):
    """The knowledge base (or a draft, or a facts file) does not load; `findings` says why, all at once."""

    def __init__(self, findings: list[Finding], what: str = "the knowledge base"):
        self.findings = findings
        self.what = what  # what is invalid, for the last line of the report: "the draft d.yaml"
        super().__init__("\n".join(map(str, findings)))

    def summary(self) -> str:
        """'the draft d.yaml is invalid (3 problems)': the line that ends the findings."""
        return f"{self.what} is invalid ({problems(len(self.findings))})"


class NotFound(Exception):
    """An article, part, item or act the KB does not have."""


class BadInput(Exception):
    """A malformed argument: a citation, a date, a language."""


class IOFailure(Exception):
    """Something could not be written: the output, the index (a full disk, a read-only folder); or a KB file
    changed while a command was reading the KB."""


def problems(n: int) -> str:
    return f"{n} problem" + ("" if n == 1 else "s")
