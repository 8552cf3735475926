"""Load a knowledge base directory into models, reporting every schema error of the run at once."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator, TypeVar

from .errors import Finding, InvalidKB
from .knowledge import CODE_DIR, KB, OPTIONAL, SINGLE
from .model import Act, Article, Instrument
from .record import Data, Record

if TYPE_CHECKING:
    from .yamlio import Locator

M = TypeVar("M", bound=Record)


def default_root() -> Path:
    """The KB shipped beside the package (a source checkout or an editable install)."""
    return Path(__file__).resolve().parent.parent


# Pydantic's messages for a value of the wrong kind, in the words of a file's author.
_PLAIN = {"int_type": "expected a whole number", "int_parsing": "expected a whole number",
          "int_from_float": "expected a whole number", "bool_type": "expected true or false",
          "bool_parsing": "expected true or false", "list_type": "expected a list", "dict_type": "expected a mapping",
          "model_type": "expected a mapping", "dataclass_type": "expected a mapping", "string_type": "expected text"}


def _message(error: dict) -> str:
    kind, ctx = error["type"], error.get("ctx") or {}
    if kind in ("extra_forbidden", "unexpected_keyword_argument"):
        return "unknown key"
    if kind == "missing":
        return "required key is missing"
    if kind in _PLAIN:
        return _PLAIN[kind]
    if kind == "too_long" and "max_length" in ctx:
        return f"at most {ctx['max_length']} entries"
    if kind == "too_short" and "min_length" in ctx:
        return f"at least {ctx['min_length']} {'entry' if ctx['min_length'] == 1 else 'entries'}"
    return error["msg"].removeprefix("Value error, ")


PARALLEL_FROM = 64  # files; below this a process pool, and the fast reader, cost more than they save


def _read(path: Path, display: str, fast: bool = False) -> tuple[object, list[Finding] | None]:
    from .yamlio import read  # ruamel is imported only when a file is actually parsed

    try:
        return read(path, display, fast=fast), None
    except InvalidKB as e:  # returned, not raised: it crosses a process boundary
        return None, e.findings


def _collect_rarely() -> None:
    """A worker's collector: on, for parsing leaves the composer's nodes behind in cycles (a worker forked from
    the CLI inherits one that is off: cli.run), but run rarely, for each file's tree lives until it is sent
    back and frequent collections would scan it again and again."""
    import gc

    gc.set_threshold(100_000, 50, 100)
    gc.enable()


def _cores() -> int:
    """The cores this process may run on (`taskset`, a container's cpuset), not those the machine has."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def read_all(jobs: list[tuple[Path, str]]) -> Iterator[tuple[Path, tuple[object, list[Finding] | None]]]:
    """Parse many files, in their order, on every core when there are many: YAML parsing is most of a cold
    load, and the caller validates each file while the workers parse the next."""
    workers, many = min(_cores(), 8), len(jobs) >= PARALLEL_FROM
    if not many or workers < 2:  # (on one core the fast reader still halves the time: benchmarks/README.md)
        yield from ((path, _read(path, display, many)) for path, display in jobs)
        return
    from concurrent.futures import ProcessPoolExecutor
    from itertools import repeat

    with ProcessPoolExecutor(workers, initializer=_collect_rarely) as pool:
        yield from zip((path for path, _ in jobs), pool.map(_read, *zip(*jobs), repeat(True), chunksize=16))


def parse(model: type[M], parsed: tuple[object, list[Finding] | None], display: str, findings: list[Finding],
          locate: Callable[[], Locator]) -> M | None:
    """Validate one parsed file (data, or the findings of reading it, or the record the cache kept); on failure
    append findings, return None.
    `locate` gives the file's Locator, built only when a problem must be placed."""
    data, errors = parsed
    if errors:
        findings.extend(errors)
        return None
    if isinstance(data, model):  # validated before the cache stored it
        return data
    if not isinstance(data, dict):
        kind = "empty" if data is None else f"a {type(data).__name__}"
        findings.append(Finding(display, 1, 1, "", f"the file is {kind}; expected a mapping of keys"))
        return None
    from pydantic import ValidationError

    try:
        return model.model_validate(data)
    except ValidationError as e:
        locator = locate()
        findings.extend(locator.finding(err["loc"], _message(err)) for err in e.errors())
        return None
    except RecursionError:
        findings.append(Finding(display, None, None, "", "nested too deeply"))
        return None


def load(root: Path | None = None) -> KB:
    """The KB under `root` (default: the shipped one), validated; served from the cache when unchanged."""
    from .cache import cached

    root = (root or default_root()).resolve()
    if not (root / "statutes").is_dir():
        raise InvalidKB([Finding(str(root), None, None, "", "not a tipkb knowledge base (no statutes/ folder)")])
    return cached(root, lambda known: _load(root, known))


def _load(root: Path, known: dict[Path, object] | None = None) -> KB:
    """Read and check the KB; `known` holds the records of files the cache vouches for (not read again)."""
    from .checks import check
    from .yamlio import Locator

    findings: list[Finding] = []

    def rel(p: Path) -> str:
        return str(p.relative_to(root))

    code_dir = root / CODE_DIR
    article_paths = sorted(code_dir.glob("art-*.yaml")) if code_dir.is_dir() else []
    instrument_paths = sorted([*root.glob("statutes/un/*.yaml"), *root.glob("statutes/kz/laws/*.yaml"),
                               *root.glob("statutes/kz/case-law/*.yaml")])
    fixed = [root / path for path, _ in SINGLE.values()]
    # Globbed paths are always read, so a broken one (a symlink loop, a directory) is reported, not skipped.
    known = known or {}
    paths = [*(f for f in fixed if f.exists()), *article_paths, *instrument_paths]
    parsed = {p: (known[p], None) for p in paths if p in known}
    reading = read_all([(p, rel(p)) for p in paths if p not in known])

    def read(path: Path) -> tuple[object, list[Finding] | None]:
        if path not in parsed:
            for done, result in reading:
                parsed[done] = result
                if done == path:
                    break
        return parsed[path] if path in parsed else _read(path, rel(path))  # (a file that appeared meanwhile)

    def one(model: type[M], path: Path) -> M | None:
        if not path.exists():
            findings.append(Finding(rel(path), None, None, "", "file is missing"))
            return None
        return parse(model, read(path), rel(path), findings, lambda: Locator.of(path, rel(path)))

    files: dict[str, Path] = {}
    single: dict[str, Any] = {}

    def read_single(keys: Iterable[str]) -> None:
        for key in keys:
            path, model = SINGLE[key]
            if key not in OPTIONAL or (root / path).exists():
                files[key] = root / path
                single[key] = one(model, files[key])

    read_single(k for k in SINGLE if k not in OPTIONAL)

    articles: dict[str, Article] = {}
    for path in article_paths:
        article = parse(Article, read(path), rel(path), findings, lambda: Locator.of(path, rel(path)))
        if article is None:
            continue
        if article.article in articles:
            first = files[f"article:{article.article}"]
            findings.append(Locator.of(path, rel(path)).finding(
                ("article",), f"article {article.article} is already defined in {rel(first)}"))
            continue
        if path.name != f"art-{article.article}.yaml":
            findings.append(Locator.of(path, rel(path)).finding(
                ("article",), f"file name should be art-{article.article}.yaml for article {article.article}"))
        articles[article.article] = article
        files[f"article:{article.article}"] = path

    instruments: dict[str, Instrument] = {}
    for path in instrument_paths:
        instrument = parse(Instrument, read(path), rel(path), findings, lambda: Locator.of(path, rel(path)))
        if instrument is not None:
            instruments[instrument.id] = instrument
            files[f"instrument:{instrument.id}"] = path
    read_single(OPTIONAL)

    if findings:
        raise InvalidKB(findings)
    sources, code, acts_file, vocabulary = (single[k] for k in ("sources", "code", "acts", "vocabulary"))
    assert sources and code and acts_file and vocabulary
    acts: dict[str, Act] = {}
    for i, act in enumerate(acts_file.acts):
        if act.id in acts:
            findings.append(Locator.of(files["acts"], rel(files["acts"])).finding(("acts", i, "id"), f"duplicate act id {act.id}"))
        acts[act.id] = act
    if findings:
        raise InvalidKB(findings)
    kb = KB(root, code, acts, dict(sorted(articles.items(), key=lambda kv: _article_key(kv[0]))),
            vocabulary, sources, instruments, single.get("checklist"), single.get("mapping"), files=files)
    findings = check(kb)
    if findings:
        raise InvalidKB(findings)
    return kb


def _article_key(number: str) -> tuple[int, ...]:
    return tuple(int(x) for x in number.split("-"))


class ValidationReport(Data):
    root: str
    files: int
    articles: int
    findings: list[dict]

    @property
    def ok(self) -> bool:
        return not self.findings


def validate(root: Path | None = None) -> ValidationReport:
    """Load the KB (which runs every check) and report what is wrong, or that nothing is."""
    try:
        kb = load(root)
    except InvalidKB as e:
        return ValidationReport(root=str(root or default_root()), files=0, articles=0,
                                findings=[f.as_dict() | {"text": str(f)} for f in e.findings])
    return ValidationReport(root=str(kb.root), files=len(kb.files), articles=len(kb.articles), findings=[])
