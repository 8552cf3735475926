"""Writing only what is ours: temporary files named for the process that made them, swept once stale, and
targets that are replaced only when they hold what tipkb wrote.

Every write goes to a temporary file or folder beside the target, `.NAME-PID-XXXXXXXX.tmp`, which is
renamed into place when whole. A run killed midway (kill -9, power loss) leaves its temporary behind; the
next run removes it when the process that made it is gone, or when it is over an hour old (a process id
can be reused, and a temporary on a shared disk may come from another machine). A live run's temporaries
are never touched, so concurrent runs are safe.
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import time
from pathlib import Path
from typing import Callable

from .errors import BadInput

STALE_AFTER = 3600  # seconds


def temporary(directory: Path, name: str, folder: bool = False) -> Path:
    """A new, empty temporary file (or folder) in `directory` for a target called `name`."""
    import tempfile  # only a command that writes pays for it

    make = tempfile.mkdtemp if folder else tempfile.mkstemp
    made = make(dir=directory, prefix=f".{name}-{os.getpid()}-", suffix=".tmp")
    if not folder:
        os.close(made[0])
        made = made[1]
    return Path(made)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # it exists, under another user
        return True
    return True


def sweep(directory: Path, name: str | re.Pattern[str]) -> None:
    """Remove the temporaries for `name` (or for every name the pattern matches) in `directory` that a dead or
    hour-old run left behind."""
    names = name.pattern if isinstance(name, re.Pattern) else re.escape(name)
    pattern = re.compile(rf"\.(?:{names})-(\d+)-[a-z0-9_]{{8}}\.tmp(-journal|-wal|-shm)?")
    try:
        entries = list(os.scandir(directory))
    except OSError:
        return
    now = time.time()
    for entry in entries:
        m = pattern.fullmatch(entry.name)
        if not m:
            continue
        try:
            old = now - entry.stat(follow_symlinks=False).st_mtime > STALE_AFTER
            if not (old or not _alive(int(m.group(1)))):
                continue
            if entry.is_dir(follow_symlinks=False):
                shutil.rmtree(entry.path, ignore_errors=True)
            else:
                os.unlink(entry.path)
        except OSError:  # gone already, or not ours to remove: leave it
            continue


_KINDS = [(stat.S_ISLNK, "a symbolic link"), (stat.S_ISDIR, "a directory"), (stat.S_ISCHR, "a character device"),
          (stat.S_ISBLK, "a block device"), (stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISSOCK, "a socket")]


def check_target(target: Path, ours: Callable[[Path], bool], what: str, force: bool = False) -> None:
    """BadInput unless `target` may be replaced: it does not exist, or it is a regular file that is `ours`
    (or `force` is given). A symbolic link, a directory, a device, a FIFO or a socket is never replaced,
    with or without `force`: renaming over a link would not write where it points, and a device is not a file."""
    try:
        mode = os.lstat(target).st_mode
    except FileNotFoundError:
        return
    except OSError as e:
        raise BadInput(f"cannot write {what} {target}: {e.strerror or e}") from None
    if not stat.S_ISREG(mode):
        kind = next((name for test, name in _KINDS if test(mode)), "not a regular file")
        raise BadInput(f"{target} is {kind}; {what} is written only to a regular file or a new path")
    if not force and not ours(target):
        raise BadInput(f"{target} exists and is not {what}; tipkb replaces only its own files "
                       f"(give another path, or --force to replace it)")
