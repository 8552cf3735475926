"""The tipkb command line: parses arguments, calls kb/, hands the result to the renderer.

`main(argv, env)` runs one command in an injected environment and returns its exit code; the console
script calls `run()`. Library errors become one line on stderr and the exit code of DESIGN.md.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import json
import os
import sys
from enum import Enum, IntEnum
from pathlib import Path
from typing import Annotated, Any, Callable, Optional

import typer
from typer.core import TyperCommand

from .env import Env

try:  # typer >= 0.20 vendors its own click; older releases use click itself
    from typer._click.exceptions import UsageError
    from typer._click.globals import get_current_context
except ImportError:  # pragma: no cover
    from click import get_current_context
    from click.exceptions import UsageError


class ManCommand(TyperCommand):
    """Help that reads like a man page: arguments by their metavar, no type placeholders."""

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        pieces = [self.options_metavar] if self.options_metavar else []
        for p in self.get_params(ctx):
            if p.param_type_name == "argument":
                name = p.metavar or p.name.upper()
                pieces.append(name if p.required or name.startswith("[") else f"[{name}]")
        return pieces

    def format_options(self, ctx: Any, formatter: Any) -> None:
        args = [(p.metavar or p.name.upper(), p.help or "") for p in self.get_params(ctx) if p.param_type_name == "argument"]
        opts = [r for p in self.get_params(ctx) if p.param_type_name != "argument" and (r := p.get_help_record(ctx))]
        for title, records in (("Arguments", args), ("Options", opts)):
            if records:
                with formatter.section(title):
                    formatter.write_dl(records)

app = typer.Typer(
    name="tipkb",
    help="Kazakhstan's trafficking-related criminal law, version by version, against the UN Trafficking "
         "Protocol. Run 'tipkb COMMAND -h' for a command's options and examples.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)


def _version(value: bool) -> None:
    if value:
        from importlib.metadata import version

        env().out(f"tipkb {version('tipkb')}")
        raise typer.Exit()


@app.callback()
def _group(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Show the version and exit.")] = False,
) -> None:
    """(A callback also keeps tipkb a group of commands when main() registers only one.)"""


class Exit(IntEnum):
    OK = 0
    USAGE = 1
    INVALID = 2
    FINDINGS = 3
    NOT_FOUND = 4
    IO = 5  # cannot write the output or the index
    BROKEN_PIPE = 141  # the reader went away (`tipkb gaps | head -1`): 128 + SIGPIPE, as `yes | head` ends


class Format(str, Enum):
    table = "table"
    json = "json"
    markdown = "markdown"


class Lang(str, Enum):
    en = "en"
    ru = "ru"
    kk = "kk"


# The output options every command shares (as sqlite-utils does): one definition each.
RootOpt = Annotated[Optional[Path], typer.Option(
    "--root", metavar="DIR", envvar="TIPKB_ROOT", show_default=False,
    help="Use the knowledge base in DIR instead of the one shipped with tipkb (also TIPKB_ROOT).")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print the result object as JSON (same as --format json).")]
FormatOpt = Annotated[Format, typer.Option("--format", "-f", metavar="table|json|markdown",
                                           help="Output format [default: table].", show_default=False)]
LangOpt = Annotated[Lang, typer.Option("--lang", metavar="en|ru|kk", show_default=False,
                                       help="Language of titles, labels, citations and headings [default: en]. "
                                            "The JSON is the same in every language.")]
OnOpt = Annotated[Optional[str], typer.Option("--on", metavar="DATE", show_default=False,
                                              help="Read the law as in force on DATE, YYYY-MM-DD [default: today].")]


def env() -> Env:
    return get_current_context().find_root().obj


def fail(code: Exit, message: str) -> None:
    env().err(f"tipkb: {message}")
    raise typer.Exit(code)


def command(examples: str, name: str | None = None, group: typer.Typer | None = None) -> Callable:
    """Register a command (on `group`, a command group such as `draft`, else on tipkb itself) with its examples
    (shown by -h), turning library errors into one clean message on stderr and the exit code of DESIGN.md."""
    epilog = "\b\nExamples:\n" + "\n".join(f"  {line}" for line in examples.strip().splitlines())

    def decorate(fn: Callable) -> Callable:
        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            from kb.errors import BadInput, InvalidKB, IOFailure, NotFound

            try:
                return fn(*args, **kwargs)
            except InvalidKB as e:
                for finding in e.findings:
                    env().err(str(finding))
                fail(Exit.INVALID, f"{e.summary()}; see above")
            except NotFound as e:
                fail(Exit.NOT_FOUND, str(e))
            except BadInput as e:
                fail(Exit.USAGE, str(e))
            except IOFailure as e:
                fail(Exit.IO, str(e))
            except OSError as e:  # caught here, before click turns a broken pipe into exit 1
                raise typer.Exit(output_failed(e, env())) from None

        return (group or app).command(name, cls=ManCommand, epilog=epilog)(wrapper)

    return decorate


class Out:
    """Where a result goes, in which format and language."""

    def __init__(self, fmt: Format, as_json: bool, lang: Lang = Lang.en):
        self.fmt = Format.json if as_json else fmt
        self.lang = lang.value
        self.env = env()

    def emit(self, result: Any, view: Callable[..., list] | None = None, **kw: Any) -> None:
        """The result as JSON (the object's own serialisation), or the renderer's view as Markdown or a table."""
        if self.fmt is Format.json or view is None:
            self.env.out(json.dumps(result.model_dump(mode="json"), ensure_ascii=False, indent=2))
            return
        from . import render

        blocks = view(result, self.lang, **kw)
        if self.fmt is Format.markdown:
            self.env.out(render.to_markdown(blocks))
        else:
            render.to_console(blocks, self.env.console())
        self.env.stdout.flush()  # a full disk or a closed pipe shows here, inside the command


def load(root: Path | None):
    from kb.load import load as load_kb

    kb = load_kb(root)
    return kb


def on_date(on: str | None, kb) -> Any:
    from kb.timeline import check_point, parse_date

    return check_point(kb, parse_date(on) if on is not None else env().today)


def output_failed(e: OSError, environment: Env) -> int:
    """The exit code for an output that could not be written: silent 141 for a broken pipe, else a one-line
    message and 5. A real standard output is then pointed at /dev/null, so the interpreter's last flush of
    what is still buffered cannot fail a second time."""
    if environment.stdout is sys.stdout:
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            os.close(devnull)
        except (AttributeError, ValueError, OSError):
            pass
    if isinstance(e, BrokenPipeError) or e.errno == errno.EPIPE:
        return Exit.BROKEN_PIPE
    what = f"cannot read or write {e.filename}" if e.filename else "cannot write the output"
    environment.err(f"tipkb: {what}: {e.strerror or e}")
    return Exit.IO


# Which module registers each command. Typer prepares the parameters of every registered command at
# start-up, so main() imports only the module of the command being run.
COMMANDS = {"validate": "lookup", "show": "lookup", "penalty": "lookup", "audit": "lookup", "gaps": "gaps",
            "draft": "gaps", "diff": "diff", "history": "diff", "act": "diff", "qualify": "qualify",
            "search": "search", "index": "search", "schema": "schema", "import": "textimport", "serve": "serve"}


def register(name: str | None = None) -> None:
    """Register one command's module, or every module (for -h, or a name that is not a command)."""
    import importlib

    for module in sorted({COMMANDS[name]} if name in COMMANDS else set(COMMANDS.values())):
        importlib.import_module(f"cli.{module}")


def main(argv: list[str] | None = None, environment: Env | None = None) -> int:
    """Run one command; return its exit code. Usage errors exit 1 (DESIGN.md), not click's 2, which is
    kept for invalid input."""
    argv = sys.argv[1:] if argv is None else argv
    environment = environment or Env()
    if environment.stdout is None:  # started with standard output closed (`tipkb gaps >&-`)
        if environment.stderr is not None:
            environment.err("tipkb: cannot write the output: standard output is closed")
        return Exit.IO
    register(next((a for a in argv if not a.startswith("-")), None))
    from kb import notes

    notes.show = lambda message: environment.err(f"tipkb: note: {message}")  # a damaged cache rebuilt
    try:
        # click writes help and usage messages to sys.stdout and sys.stderr: point them at the environment's
        with contextlib.redirect_stdout(environment.stdout), contextlib.redirect_stderr(environment.stderr):
            code = app(argv, prog_name="tipkb", standalone_mode=False, obj=environment)
        environment.stdout.flush()  # a full disk or a closed pipe shows here, inside main
    except OSError as e:
        code = output_failed(e, environment)
    except SystemExit:  # outside standalone mode, typer exits only on a closed pipe, with 1
        code = output_failed(BrokenPipeError(errno.EPIPE, os.strerror(errno.EPIPE)), environment)
    except UsageError as e:
        e.show(file=environment.stderr)
        code = Exit.USAGE
    except typer.Abort:
        code = Exit.USAGE
    except Exception as e:  # a bug: say so in one line; TIPKB_DEBUG=1 shows the traceback
        if os.environ.get("TIPKB_DEBUG"):
            raise
        environment.err(f"tipkb: internal error ({type(e).__name__}: {e}); please report it")
        code = Exit.USAGE
    return int(code or 0)


def run() -> None:
    # tipkb uses no pydantic plugin; looking for them reads the entry points of every installed package
    # (20-40 ms of each run). A PYDANTIC_DISABLE_PLUGINS the user sets is left as it is.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    sys.exit(main())
