"""The tipkb command line: parses arguments, calls kb/, hands the result to the renderer."""

from __future__ import annotations

import datetime as dt
import errno
import functools
import json
import os
import sys
from enum import Enum, IntEnum
from pathlib import Path
from typing import Annotated, Callable, Optional

import typer

try:  # typer >= 0.20 vendors its own click; older releases use click itself
    from typer._click.exceptions import UsageError
except ImportError:  # pragma: no cover
    from click.exceptions import UsageError

app = typer.Typer(
    name="tipkb",
    help="Kazakhstan's trafficking-related criminal law, version by version, against the UN Trafficking Protocol.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        from importlib.metadata import version

        typer.echo(f"tipkb {version('tipkb')}")
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


RootOpt = Annotated[Optional[Path], typer.Option("--root", help="Use the knowledge base in DIR.", metavar="DIR",
                                                 envvar="TIPKB_ROOT")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print the result object as JSON (same as --format json).")]
FormatOpt = Annotated[Format, typer.Option("--format", "-f", help="Output format.")]
LangOpt = Annotated[Lang, typer.Option("--lang", help="Language of titles and element labels.")]
OnOpt = Annotated[Optional[str], typer.Option("--on", help="The date the law is read at, YYYY-MM-DD (default: today).",
                                              metavar="DATE")]


def fail(code: Exit, message: str) -> None:
    typer.echo(f"tipkb: {message}", err=True)
    raise typer.Exit(code)


def command(fn: Callable) -> Callable:
    """Turn library errors into one clean message on stderr and the right exit code."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        from kb.errors import BadInput, InvalidKB, IOFailure, NotFound

        try:
            return fn(*args, **kwargs)
        except InvalidKB as e:
            for finding in e.findings:
                typer.echo(str(finding), err=True)
            fail(Exit.INVALID, f"{e.what} is invalid ({len(e.findings)} problem(s)); see above")
        except NotFound as e:
            fail(Exit.NOT_FOUND, str(e))
        except BadInput as e:
            fail(Exit.USAGE, str(e))
        except IOFailure as e:
            fail(Exit.IO, str(e))
        except OSError as e:  # caught here, before click turns a broken pipe into exit 1
            raise typer.Exit(output_failed(e)) from None

    return app.command()(wrapper)


def on_date(on: str | None, kb) -> dt.date:
    from kb.timeline import check_on, parse_date

    date = parse_date(on) if on else dt.date.today()
    check_on(date, kb.acts, kb.code.act)
    return date


def emit(result, fmt: Format, as_json: bool, table: Callable, markdown: Callable) -> None:
    """Print the result object as JSON, Markdown, or a rich rendering."""
    if as_json or fmt is Format.json:
        typer.echo(json.dumps(result.model_dump(mode="json"), ensure_ascii=False, indent=2))
    elif fmt is Format.markdown:
        typer.echo(markdown(result))
    else:
        from rich.console import Console

        console = Console(highlight=False, soft_wrap=False)
        console.on_broken_pipe = _broken_pipe  # rich would exit 1; the pipe is handled as any other output's
        table(result, console)
    sys.stdout.flush()  # a full disk or a closed pipe shows here, inside the command, not at exit


def _broken_pipe() -> None:
    raise BrokenPipeError(errno.EPIPE, os.strerror(errno.EPIPE))


def output_failed(e: OSError) -> int:
    """The exit code for an output that could not be written: silent 141 for a broken pipe, else a one-line
    message and 5. Standard output is then pointed at /dev/null, so the interpreter's last flush of what is
    still buffered cannot fail a second time."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (AttributeError, ValueError, OSError):  # not a real file (a test captures it)
        pass
    if isinstance(e, BrokenPipeError) or e.errno == errno.EPIPE:
        return Exit.BROKEN_PIPE
    what = f"cannot read or write {e.filename}" if e.filename else "cannot write the output"
    typer.echo(f"tipkb: {what}: {e.strerror or e}", err=True)
    return Exit.IO


# Which module registers each command. Typer prepares the parameters of every registered command at
# start-up (~70 ms for all of them), so main() imports only the module of the command being run.
COMMANDS = {"validate": "lookup", "show": "lookup", "penalty": "lookup", "audit": "lookup", "gaps": "gaps",
            "diff": "diff", "history": "diff", "qualify": "qualify", "search": "search", "index": "search"}


def register(command: str | None = None) -> None:
    """Register one command's module, or every module (for --help, or a name that is not a command)."""
    import importlib

    for module in sorted({COMMANDS[command]} if command in COMMANDS else set(COMMANDS.values())):
        importlib.import_module(f"cli.{module}")


def main() -> None:
    """Entry point: usage errors exit 1 (DESIGN.md), not click's 2, which we keep for invalid input."""
    if sys.stdout is None:  # started with standard output closed (`tipkb gaps >&-`): nowhere to put a result
        if sys.stderr is not None:
            print("tipkb: cannot write the output: standard output is closed", file=sys.stderr)
        sys.exit(Exit.IO)
    register(sys.argv[1] if len(sys.argv) > 1 else None)
    from kb import notes

    notes.show = lambda message: typer.echo(f"tipkb: note: {message}", err=True)  # a damaged cache rebuilt
    try:
        code = app(standalone_mode=False)  # returns the code of typer.Exit instead of raising it
        sys.stdout.flush()
    except OSError as e:
        code = output_failed(e)
    except UsageError as e:
        e.show(file=sys.stderr)
        code = Exit.USAGE
    except typer.Abort:
        code = Exit.USAGE
    except Exception as e:  # a bug: say so in one line; TIPKB_DEBUG=1 shows the traceback
        if os.environ.get("TIPKB_DEBUG"):
            raise
        typer.echo(f"tipkb: internal error ({type(e).__name__}: {e}); please report it", err=True)
        code = Exit.USAGE
    sys.exit(int(code or 0))
