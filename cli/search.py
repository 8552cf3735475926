"""search and index: find a concept in three languages; write the KB as a SQLite database."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from .app import Format, FormatOpt, JsonOpt, Lang, LangOpt, OnOpt, Out, RootOpt, command, load, on_date

DEFAULT_DB = Path("tipkb.db")
DbOpt = Annotated[Optional[Path], typer.Option("--db", metavar="PATH", show_default=False,
                                               help=f"The SQLite index [default: {DEFAULT_DB} in this directory].")]


@command("""
tipkb search вербовки
tipkb search recruitment --on 2019-06-01
tipkb search "камелетке толмагандар" --lang kk
""")
def search(
    query: Annotated[str, typer.Argument(metavar="TEXT", show_default=False,
                                         help="Words to find, in English, Russian or Kazakh: вербовка, recruitment.")],
    on: OnOpt = None, lang: LangOpt = Lang.en,
    limit: Annotated[int, typer.Option("--limit", min=1, metavar="N", help="Show at most N hits.")] = 10,
    db: DbOpt = None, root: RootOpt = None, as_json: JsonOpt = False, fmt: FormatOpt = Format.table,
) -> None:
    """Find provisions by a word or phrase, with typos, case endings and Kazakh letters forgiven."""
    from kb.errors import BadInput
    from kb.search import search as run

    from .views import search as view

    if db is not None and db.exists() and not db.is_file():
        raise BadInput(f"{db} is not a file; an index is the file `tipkb index --db FILE` builds")
    if db is not None and not db.exists():
        raise BadInput(f"no index at {db}; build it with `tipkb index --db {db}`")
    kb = load(root)
    Out(fmt, as_json, lang).emit(run(kb, query, on_date(on, kb), limit, db or DEFAULT_DB), view.search)


@command("""
tipkb index
tipkb index --db /tmp/tipkb.db && datasette /tmp/tipkb.db
tipkb index --db old.db --force   # replace a file that is not an index
""")
def index(
    db: DbOpt = None,
    force: Annotated[bool, typer.Option("--force", help="Replace PATH even if it is not a tipkb index (never a "
                                                         "device, a directory or a symbolic link).")] = False,
    root: RootOpt = None, as_json: JsonOpt = False, fmt: FormatOpt = Format.table,
) -> None:
    """Write the whole knowledge base as a SQLite database with full-text search, for SQL and Datasette."""
    from kb.index import build_index

    from .views import search as view

    Out(fmt, as_json).emit(build_index(load(root), db or DEFAULT_DB, force), view.index)
