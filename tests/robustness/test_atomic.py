"""Nothing is ever half-written: an interrupted write leaves the previous file intact and no debris."""

import pickle

import pytest

from kb.cache import write_atomically


def test_interrupted_write_keeps_the_old_file(tmp_path):
    target = tmp_path / "kb.pickle"
    target.write_bytes(pickle.dumps({"old": True}))

    def interrupted(f):
        f.write(b"half of a new file")
        raise KeyboardInterrupt  # as if Ctrl-C arrived mid-write

    with pytest.raises(KeyboardInterrupt):
        write_atomically(target, interrupted)
    assert pickle.loads(target.read_bytes()) == {"old": True}
    assert [p.name for p in tmp_path.iterdir()] == ["kb.pickle"]  # the temp file is gone


def test_a_complete_write_replaces_the_file(tmp_path):
    target = tmp_path / "kb.pickle"
    target.write_bytes(b"old")
    write_atomically(target, lambda f: f.write(b"new"))
    assert target.read_bytes() == b"new"
