"""Output that cannot be written: a full disk or a closed stdout is an I/O failure (exit 5, one line); a reader
that goes away (`| head -1`) ends the run silently with 141, as `yes | head` does."""

import errno
import io
import json
import os
import re
import subprocess
import sys

import pytest

from cli.app import Exit

from ..conftest import ROOT, edit


class Failing(io.TextIOBase):
    """A standard output whose writes fail, as on a full disk or a closed pipe."""

    def __init__(self, error: OSError):
        self.error = error

    def writable(self):
        return True

    def write(self, text):
        raise self.error

    def flush(self):
        pass


FULL = OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
GONE = BrokenPipeError(errno.EPIPE, os.strerror(errno.EPIPE))


@pytest.mark.parametrize("args, error, code, message", [
    (["gaps"], FULL, 5, "tipkb: cannot write the output: No space left on device\n"),
    (["gaps"], GONE, 141, ""),  # through rich
    (["penalty", "128", "--json"], FULL, 5, "tipkb: cannot write the output: No space left on device\n"),
    (["penalty", "128", "--format", "markdown"], GONE, 141, ""),
    (["diff", "--from", "2019-01-01", "--to", "2021-06-01", "128", "--format", "unified"], GONE, 141, ""),
    (["--help"], GONE, 141, ""),  # written by click, inside typer (which would exit 1)
    (["penalty", "-h"], GONE, 141, ""),
    (["--version"], GONE, 141, ""),
    (["--version"], FULL, 5, "tipkb: cannot write the output: No space left on device\n"),
])
def test_output_that_cannot_be_written(tipkb, args, error, code, message):
    r = tipkb(*args, stdout=Failing(error))
    assert (r.code, r.err) == (code, message)


def run(args, **kwargs):
    """tipkb in a process of its own, by its entry point (pyproject.toml): only a real process has a closed
    stdout or a real pipe."""
    return subprocess.Popen([sys.executable, "-c", "import cli; cli.run()", *args], cwd=ROOT,
                            stderr=subprocess.PIPE, text=True, **kwargs)


def test_in_real_processes_a_full_disk_a_closed_stdout_and_a_broken_pipe():
    if os.path.exists("/dev/full"):
        with open("/dev/full", "w") as full:
            p = run(["gaps"], stdout=full)
            assert (p.wait(), p.stderr.read()) == (5, "tipkb: cannot write the output: No space left on device\n")
    p = run(["gaps"], stdout=subprocess.PIPE)
    p.stdout.close()  # the reader is gone before tipkb writes a byte
    assert (p.wait(), p.stderr.read()) == (141, "")
    p = run(["gaps"], stdout=subprocess.DEVNULL, preexec_fn=lambda: os.close(1))  # `tipkb gaps >&-`
    assert (p.wait(), p.stderr.read()) == (5, "tipkb: cannot write the output: standard output is closed\n")


def test_validate_findings_go_to_stderr_one_line_each(tipkb, kb_copy):
    edit(kb_copy / "statutes/kz/criminal-code/art-309.yaml", "code: kz-cc\n", "code: kz-cc\n" + "x" * 120 + ": 1\n")
    r = tipkb("validate", "--root", str(kb_copy))
    assert r.code == 2 and r.out == ""
    finding, last = r.err.splitlines()
    assert finding == f"statutes/kz/criminal-code/art-309.yaml:3:1: {'x' * 120}: unknown key"
    assert last == "tipkb: the knowledge base is invalid (1 problem); see above"
    r = tipkb("validate", "--root", str(kb_copy), "--json")
    assert r.code == 2 and json.loads(r.out)["findings"][0]["key"] == "x" * 120


def test_the_readme_lists_every_exit_code():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme.split("### Exit codes", 1)[1].split("\n\n", 2)[1]
    assert sorted(int(code) for code in re.findall(r"^\| (\d+) \|", table, re.MULTILINE)) == sorted(map(int, Exit))
