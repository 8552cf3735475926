"""schema: the JSON Schema of each command's result object, from the models themselves."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from .app import command, env

# command -> "module:class" of its result object
RESULTS = {
    "show": "kb.show:ArticleView", "penalty": "kb.show:PenaltyResult", "history": "kb.history:History",
    "diff": "kb.diff:DiffReport", "act": "kb.acts:ActReport", "audit": "kb.audit:AuditReport",
    "validate": "kb.load:ValidationReport", "search": "kb.search:SearchResult", "index": "kb.index:IndexResult",
    "gaps": "kb.gaps:GapReport", "qualify": "kb.qualify:QualifyResult", "import": "kb.importer:ImportResult",
}


@command("""
tipkb schema show
tipkb schema qualify > qualify.schema.json
""")
def schema(
    name: Annotated[str, typer.Argument(metavar="COMMAND", show_default=False,
                                        help=f"One of: {', '.join(RESULTS)}.")],
) -> None:
    """Print the JSON Schema of a command's --json output."""
    import importlib

    from kb.errors import BadInput

    if name not in RESULTS:
        raise BadInput(f"no command {name!r} with a result object; one of: {', '.join(RESULTS)}")
    module, cls = RESULTS[name].split(":")
    model = getattr(importlib.import_module(module), cls)
    env().out(json.dumps(model.model_json_schema(mode="serialization"), ensure_ascii=False, indent=2))
