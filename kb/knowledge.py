"""The knowledge base as loaded: the models of every file, and where each came from."""

from __future__ import annotations

from collections import abc
from dataclasses import dataclass, field
from pathlib import Path

from .model import Act, AmendmentFile, Article, Checklist, Code, Instrument, Mapping, SourceRegistry, Vocabulary

CODE_DIR = Path("statutes/kz/criminal-code")
# The files that hold one record each: their key in KB.files (and in the cache's core), their path under the
# root and their model. The last two may be absent.
SINGLE = {
    "sources": (Path("statutes/sources.yaml"), SourceRegistry),
    "code": (CODE_DIR / "code.yaml", Code),
    "acts": (CODE_DIR / "amendments.yaml", AmendmentFile),
    "vocabulary": (Path("mappings/vocabulary.yaml"), Vocabulary),
    "checklist": (Path("mappings/checklist.yaml"), Checklist),
    "mapping": (Path("mappings/kz-cc--un-tip.yaml"), Mapping),
}
OPTIONAL = ("checklist", "mapping")


@dataclass
class KB:
    root: Path
    code: Code
    acts: dict[str, Act]
    articles: abc.Mapping[str, Article]
    vocabulary: Vocabulary
    sources: SourceRegistry
    instruments: dict[str, Instrument] = field(default_factory=dict)
    checklist: Checklist | None = None
    mapping: Mapping | None = None
    # where each object came from, for findings: "code", "acts", "vocabulary", "sources", "article:128"
    # (`articles` is a dict, or the cache's lazy mapping of the same articles)
    files: dict[str, Path] = field(default_factory=dict)
    # a hash of every file's content and of tipkb's code, as kb/cache.py found it (None: the cache was bypassed)
    key: str | None = None
    # the cache folder the KB was read from or written to, where whole-KB results are kept (kb/cache.py
    # `remembered`); None when the cache was bypassed, and for a draft's overlay, which is not the KB's content
    cache: Path | None = None
    # Article.digest() by article number, as the cache stored it; computed from the model when absent
    digests: abc.MutableMapping[str, dict[str, list[str]]] = field(default_factory=dict, repr=False)

    def digest(self, number: str) -> dict[str, list[str]]:
        if number not in self.digests:
            self.digests[number] = self.articles[number].digest()
        return self.digests[number]

    def record(self, key: str) -> object:
        """What the file of a key of `files` holds, as the model read it."""
        if key.startswith("article:"):
            return self.articles[key.removeprefix("article:")]
        if key.startswith("instrument:"):
            return self.instruments[key.removeprefix("instrument:")]
        if key == "acts":
            return AmendmentFile(acts=list(self.acts.values()))
        return getattr(self, key)

    def display(self, key: str) -> str:
        path = self.files[key]
        try:
            return str(path.relative_to(self.root))
        except ValueError:
            return str(path)

    def referenced_acts(self) -> frozenset[str]:
        """The acts some version of an article or of a general-part fact refers to."""
        lists = list(self.code.facts().values())
        for art in self.articles.values():
            lists += art.version_lists()
        return frozenset(v.act for versions in lists for v in versions)

    def locator(self, key: str):
        from .yamlio import Locator

        return Locator.of(self.files[key], self.display(key))
