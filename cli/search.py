"""search and index: find a concept in three languages; write the KB as a SQLite database."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from .app import Format, FormatOpt, JsonOpt, Lang, LangOpt, OnOpt, RootOpt, command, emit, on_date

DEFAULT_DB = Path("tipkb.db")
DbOpt = Annotated[Optional[Path], typer.Option("--db", metavar="PATH",
                                               help=f"The SQLite index (default: {DEFAULT_DB} in this directory).")]


@command
def search(
    text: Annotated[str, typer.Argument(help="Words to find, in English, Russian or Kazakh: вербовка, recruitment.")],
    on: OnOpt = None, lang: LangOpt = Lang.en,
    limit: Annotated[int, typer.Option("--limit", min=1, help="Show at most N hits.", metavar="N")] = 10,
    db: DbOpt = None, root: RootOpt = None, as_json: JsonOpt = False, fmt: FormatOpt = Format.table,
) -> None:
    """Find provisions by a word or phrase, with typos, case endings and Kazakh letters forgiven."""
    from kb.errors import BadInput
    from kb.load import load
    from kb.search import search as run

    from . import render

    if db is not None and not db.is_file():
        raise BadInput(f"no index at {db}; build it with `tipkb index --db {db}`")
    kb = load(root)
    result = run(kb, text, on_date(on, kb), lang.value, limit, db or DEFAULT_DB)
    emit(result, fmt, as_json, render.search, render.search_md)


@command
def index(
    db: DbOpt = None,
    force: Annotated[bool, typer.Option("--force", help="Replace PATH even if it is not a tipkb index.")] = False,
    root: RootOpt = None, as_json: JsonOpt = False, fmt: FormatOpt = Format.table,
) -> None:
    """Write the whole KB as a SQLite database with full-text search, for SQL and Datasette."""
    from kb.index import build_index
    from kb.load import load

    from . import render

    emit(build_index(load(root), db or DEFAULT_DB, force), fmt, as_json, render.index, render.index_md)
