"""One writer, many readers: in-process reader cursors see committed data; another process waits, then E401."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from dyad.errors import StoreError
from dyad.records import Article, article_id
from dyad.store import Store


def _article(i: int) -> Article:
    text = f"Article number {i} about the two neighbours."
    return Article(id=article_id(text), text=text, raw=text, source=f"a{i}.txt", source_format="txt")


def test_reader_threads_read_while_the_writer_writes(tmp_path: Path) -> None:
    store = Store(tmp_path / "c.duckdb")
    seen: dict[int, list[int]] = {}
    errors: list[BaseException] = []
    stop = threading.Event()

    def read(k: int) -> None:
        cur = store.reader()
        mine = seen.setdefault(k, [])
        try:
            while not stop.is_set() or not mine:
                row = cur.execute("SELECT count(*) FROM articles").fetchone()
                mine.append(int(row[0]) if row else -1)
        except BaseException as exc:  # surfaced below
            errors.append(exc)

    readers = [threading.Thread(target=read, args=(k,)) for k in range(3)]
    for t in readers:
        t.start()
    for i in range(40):
        assert store.add_article(_article(i))
    stop.set()
    for t in readers:
        t.join()
    assert not errors
    for counts in seen.values():
        assert counts, "a reader never ran"
        assert counts == sorted(counts), "a reader saw committed rows disappear"
        assert counts[0] >= 0 and counts[-1] <= 40
    row = store.reader().execute("SELECT count(*) FROM articles").fetchone()
    assert row is not None and row[0] == 40
    store.close()


def test_second_process_waits_then_names_the_lock(tmp_path: Path) -> None:
    db = tmp_path / "held.duckdb"
    writer = Store(db)
    try:
        script = ("import sys; from dyad.store import Store\n"
                  "from dyad.errors import StoreError\n"
                  "try:\n    Store(sys.argv[1], read_only=True, lock_wait=0.5)\n"
                  "except StoreError as e:\n    print(e.line()); sys.exit(3)\n")
        start = time.monotonic()
        proc = subprocess.run([sys.executable, "-c", script, str(db)], capture_output=True, text=True, timeout=120)
        waited = time.monotonic() - start
    finally:
        writer.close()
    assert proc.returncode == 3, proc.stderr
    assert "E401" in proc.stdout and str(db) in proc.stdout
    assert waited >= 0.5


def test_reader_gets_in_once_the_writer_is_done(tmp_path: Path) -> None:
    db = tmp_path / "free.duckdb"
    with Store(db) as writer:
        writer.add_article(_article(1))
    with Store(db, read_only=True, lock_wait=0) as reader:
        assert reader.counts()["articles"] == 1
        with pytest.raises(StoreError):
            reader.add_article(_article(2))
