"""Never replace what is not ours: `tipkb index` overwrites only a tipkb index (or with --force), never a link,
a device or anything but a regular file; temporaries left by a killed run are swept, a live run's never."""

import os
import socket
import sqlite3
import stat
import subprocess
import sys
import time

import pytest
import sqlite_utils

from kb import outputs
from kb.index import build_index, is_index


def test_a_file_that_is_not_an_index_is_kept_unless_forced(tipkb, tmp_path):
    notes = tmp_path / "notes.md"
    notes.write_text("hi\n", encoding="utf-8")
    r = tipkb("index", "--db", str(notes))
    assert r.code == 1 and r.err.startswith(f"tipkb: {notes} exists and is not a tipkb index") and "--force" in r.err
    assert notes.read_text(encoding="utf-8") == "hi\n"
    assert tipkb("index", "--db", str(notes), "--force").code == 0 and is_index(notes)


def test_an_index_is_replaced_without_force(tipkb, tmp_path):
    db = tmp_path / "tipkb.db"
    assert tipkb("index", "--db", str(db)).code == 0
    with sqlite3.connect(db) as conn:
        conn.execute("update meta set value = 'old' where key = 'built_at'")
    conn.close()
    assert tipkb("index", "--db", str(db)).code == 0
    with sqlite3.connect(db) as conn:
        assert conn.execute("select value from meta where key = 'built_at'").fetchone()[0] != "old"
    conn.close()


def test_other_sqlite_databases_are_not_indexes(tmp_path):
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as conn:
        conn.execute("create table meta (key text, value text)")
    conn.close()
    empty = tmp_path / "empty.db"
    empty.touch()
    assert not is_index(other) and not is_index(empty) and not is_index(tmp_path / "missing.db")


def special(kind, path):
    if kind == "symlink to an index":
        return "symbolic link"
    if kind == "directory":
        path.mkdir()
        return "directory"
    if kind == "fifo":
        os.mkfifo(path)
        return "FIFO"
    if kind == "socket":
        s = socket.socket(socket.AF_UNIX)
        s.bind(str(path))
        s.close()
        return "socket"
    if os.geteuid() != 0:
        pytest.skip("making a device node needs root")
    os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # a /dev/null of our own
    return "character device"


@pytest.mark.parametrize("force", [False, True])
@pytest.mark.parametrize("kind", ["symlink to an index", "directory", "fifo", "socket", "device"])
def test_never_a_link_a_device_or_anything_but_a_regular_file(tipkb, kb, tmp_path, kind, force):
    target = tmp_path / "tipkb.db"
    if kind == "symlink to an index":
        build_index(kb, tmp_path / "real.db")
        target.symlink_to(tmp_path / "real.db")
    word = special(kind, target)
    before = os.lstat(target)
    real = (tmp_path / "real.db").read_bytes() if kind.startswith("symlink") else None
    r = tipkb("index", "--db", str(target), *(["--force"] if force else []))
    assert r.code == 1 and f"{target} is a {word}" in r.err and "Traceback" not in r.err
    after = os.lstat(target)
    assert (after.st_mode, after.st_ino, after.st_rdev) == (before.st_mode, before.st_ino, before.st_rdev)
    if real is not None:
        assert (tmp_path / "real.db").read_bytes() == real  # not written through the link either


def temporaries(folder):
    return sorted(p.name for p in folder.iterdir() if p.name.endswith((".tmp", "-journal")))


def dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_stale_temporaries_are_swept_and_live_ones_kept(kb, tmp_path):
    dead, alive, old = dead_pid(), os.getpid(), time.time() - 2 * outputs.STALE_AFTER
    names = {f".tipkb.db-{dead}-abcdefgh.tmp": None, f".tipkb.db-{dead}-abcdefgh.tmp-journal": None,
             f".tipkb.db-{alive}-livelive.tmp": None, f".tipkb.db-{alive}-oldoldol.tmp": old,
             ".tipkb.db-notes.tmp": None, "tipkb.db-1-abcdefgh.tmp": None}  # the last two are not ours
    for name, mtime in names.items():
        (tmp_path / name).write_bytes(b"x")
        if mtime:
            os.utime(tmp_path / name, (mtime, mtime))
    build_index(kb, tmp_path / "tipkb.db")
    assert temporaries(tmp_path) == sorted([f".tipkb.db-{alive}-livelive.tmp", ".tipkb.db-notes.tmp",
                                            "tipkb.db-1-abcdefgh.tmp"])


def test_a_run_killed_midway_leaves_debris_the_next_run_sweeps(kb, tmp_path):
    """kill -9: no cleanup code runs. The next run removes what it left."""
    target = tmp_path / "tipkb.db"
    pid = os.fork()
    if pid == 0:  # the child dies in the middle of writing the elements, as under kill -9
        create = sqlite_utils.db.Table.create

        def killed(self, *args, **kwargs):
            if self.name == "elements":
                os._exit(9)
            return create(self, *args, **kwargs)

        sqlite_utils.db.Table.create = killed
        try:
            build_index(kb, target)
        finally:
            os._exit(1)
    assert os.waitpid(pid, 0)[1] >> 8 == 9
    (debris,) = temporaries(tmp_path)
    assert debris.startswith(f".tipkb.db-{pid}-") and not target.exists()
    build_index(kb, target)
    assert temporaries(tmp_path) == [] and is_index(target)


@pytest.mark.parametrize("failure", [sqlite3.OperationalError("database or disk is full"),
                                     OSError(28, "No space left on device")])
def test_a_full_disk_during_index_is_an_io_failure(tipkb, tmp_path, monkeypatch, failure):
    def full(self, *args, **kwargs):
        raise failure

    monkeypatch.setattr(sqlite_utils.db.Table, "create", full)
    r = tipkb("index", "--db", str(tmp_path / "tipkb.db"))
    assert r.code == 5 and r.err.count("\n") == 1 and "Traceback" not in r.err
    assert r.err.startswith(f"tipkb: cannot write the index {tmp_path / 'tipkb.db'}: ")
    assert list(tmp_path.iterdir()) == []
