"""One way to read any input: a regular file, `-` for standard input, or bytes already in memory (an upload).

A device, a FIFO, a socket or a directory is refused before a byte is read, and every read stops one byte
past its limit, so `/dev/zero`, a FIFO with no writer or an endless `/proc` file costs milliseconds. Every
problem is one `Finding` naming the input, raised as InvalidKB.
"""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path
from typing import BinaryIO, Union

from .errors import Finding, InvalidKB

# Limits per kind of input, in bytes. Each is far above any real file of its kind and low enough that the
# slowest thing done with a file that size (locating its errors with the pure-Python YAML parser, ~100 kB/s)
# stays short.
KB_FILE = 5_000_000  # the largest shipped file is ~10 kB, a generated ×100 article ~25 kB
DRAFT = 128_000  # a draft amends a few articles; the whole encoded Code, every version, is ~46 kB
STATUTE_TEXT = 32_000_000  # a Code text as saved from adilet.zan.kz: the whole Code with its amendment notes is
#                            a few MB as HTML; a .docx is checked again when unpacked (kb/statute_text/read.py)
FACTS = 64_000  # one case: its schema's own bounds (50 terms of 200 characters per slot, 1000 victim
#                 entries) fit in flow style; real facts files are under 2 kB

STDIN = "-"

Input = Union[Path, str, bytes]  # a path, "-" for standard input, or the content itself


def _refuse(display: str, message: str) -> InvalidKB:
    return InvalidKB([Finding(display, None, None, "", message)])


_NAMES = {KB_FILE: "a KB file", DRAFT: "a draft", FACTS: "a facts file", STATUTE_TEXT: "a text of the Code"}


def _too_large(display: str, limit: int) -> InvalidKB:
    return _refuse(display, f"file too large: over {limit:,} bytes, the limit for {_NAMES.get(limit, 'this input')}")


_KINDS = [(stat.S_ISDIR, "a directory"), (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
          (stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISSOCK, "a socket")]


def _kind(mode: int) -> str | None:
    """What a non-regular file is, or None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def _bounded(stream: BinaryIO, display: str, limit: int) -> bytes:
    chunks, size = [], 0
    while size <= limit:
        chunk = stream.read(limit + 1 - size)
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    if size > limit:
        raise _too_large(display, limit)
    return b"".join(chunks)


def read_bytes(source: Input, display: str, limit: int) -> bytes:
    """The bytes of `source`, at most `limit` of them, or InvalidKB saying why not."""
    if isinstance(source, (bytes, bytearray, memoryview)):
        if len(source) > limit:
            raise _too_large(display, limit)
        return bytes(source)
    if str(source) == STDIN:
        try:
            return _bounded(sys.stdin.buffer, display, limit)
        except (OSError, AttributeError, ValueError) as e:  # closed, or not a byte stream
            raise _refuse(display, f"cannot read standard input: {getattr(e, 'strerror', None) or e}") from None
    path = Path(source)
    try:
        # stat first, so a device is never opened (opening some has effects); then open without blocking (a
        # FIFO swapped in meanwhile cannot hang the open) and check again what was actually opened.
        kind = _kind(os.stat(path).st_mode)
        if kind:
            raise _refuse(display, f"is {kind}, not a regular file")
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0))
        with open(fd, "rb", closefd=True) as f:
            st = os.fstat(fd)
            kind = _kind(st.st_mode)
            if kind:
                raise _refuse(display, f"is {kind}, not a regular file")
            if st.st_size > limit:  # refused unread; a /proc file says 0 and is bounded while reading
                raise _too_large(display, limit)
            return _bounded(f, display, limit)
    except OSError as e:
        raise _refuse(display, f"cannot read: {e.strerror or e}") from None


def read_text(source: Input, display: str, limit: int) -> str:
    """The UTF-8 text of `source` (a BOM is dropped); invalid UTF-8 is located by line and column."""
    raw = read_bytes(source, display, limit)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = raw.count(b"\n", 0, e.start) + 1
        col = e.start - (raw.rfind(b"\n", 0, e.start) + 1) + 1
        raise InvalidKB([Finding(display, line, col, "", "not valid UTF-8")]) from None


def display_name(source: Input, default: str = "<input>") -> str:
    """How to name an input in messages."""
    if isinstance(source, (bytes, bytearray, memoryview)):
        return default
    return "<stdin>" if str(source) == STDIN else str(source)
