"""A run killed with SIGKILL mid-batch leaves no half article, and a re-run completes the rest."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from dyad.store import Store

N = 300
WORDS = ["seoul", "tokyo", "japan", "korea", "summit", "treaty", "court", "ruling", "export", "controls", "talks",
         "minister", "said", "would", "relations", "history", "apology", "compensation", "security", "alliance",
         "trade", "dialogue", "officials", "agreed"]


def make_corpus(folder: Path) -> None:
    rng = random.Random(7)
    folder.mkdir()
    for i in range(N):
        sentences = [" ".join(rng.choice(WORDS) for _ in range(14)).capitalize() + "." for _ in range(25)]
        (folder / f"{i:04d}.txt").write_text(f"Article {i}.\n\n" + " ".join(sentences) + "\n")


def consistent(db: Path) -> int:
    with Store(db) as store:  # opens (and replays the WAL) without error
        n = store.counts()["articles"]
        orphans = store.query("""
            SELECT (SELECT count(*) FROM articles a WHERE NOT EXISTS
                        (SELECT 1 FROM raw_inputs r WHERE r.article_id = a.id)) AS no_raw,
                   (SELECT count(*) FROM articles a WHERE NOT EXISTS
                        (SELECT 1 FROM sentences s WHERE s.article_id = a.id)) AS no_sentences,
                   (SELECT count(*) FROM raw_inputs r WHERE NOT EXISTS
                        (SELECT 1 FROM articles a WHERE a.id = r.article_id)) AS raw_orphans,
                   (SELECT count(*) FROM sentences s WHERE NOT EXISTS
                        (SELECT 1 FROM articles a WHERE a.id = s.article_id)) AS sentence_orphans,
                   (SELECT count(*) FROM minhash_bands b WHERE NOT EXISTS
                        (SELECT 1 FROM articles a WHERE a.id = b.article_id)) AS band_orphans""")[0]
        assert orphans == {"no_raw": 0, "no_sentences": 0, "raw_orphans": 0, "sentence_orphans": 0,
                           "band_orphans": 0}
        per_article = store.query("""SELECT a.id, count(b.band) AS bands FROM articles a
                                     LEFT JOIN minhash_bands b ON b.article_id = a.id GROUP BY a.id""")
        assert all(r["bands"] == 16 for r in per_article)
    return n


@pytest.mark.slow
def test_sigkill_mid_batch_then_rerun(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    make_corpus(corpus)
    db = tmp_path / "kill.duckdb"
    Store(db).close()  # schema in place and checkpointed: the WAL now only grows when articles commit
    wal = Path(str(db) + ".wal")
    cmd = [sys.executable, "-m", "dyad", "ingest", str(corpus), "--db", str(db), "--no-code"]
    env = {**os.environ, "DYAD_DB": str(db)}
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    deadline = time.monotonic() + 120
    try:
        while time.monotonic() < deadline and proc.poll() is None:
            if wal.exists() and wal.stat().st_size > 0:
                break
            time.sleep(0.005)
        assert proc.poll() is None, "the run finished before it could be interrupted"
        time.sleep(0.05)
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL

    stored = consistent(db)
    assert 0 < stored < N  # interrupted mid-batch, not before the first or after the last commit

    rerun = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    assert f"{N - stored} stored, {stored} duplicate" in rerun.stderr
    assert consistent(db) == N


@pytest.mark.slow
def test_ctrl_c_exits_130_with_whole_articles_only(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    make_corpus(corpus)
    db = tmp_path / "int.duckdb"
    Store(db).close()
    wal = Path(str(db) + ".wal")
    cmd = [sys.executable, "-m", "dyad", "ingest", str(corpus), "--db", str(db), "--no-code", "--workers", "2"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None and not (wal.exists() and wal.stat().st_size > 0):
        time.sleep(0.005)
    assert proc.poll() is None, "the run finished before it could be interrupted"
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130 and "Aborted." in err and "Traceback" not in err, err[-3000:]
    assert 0 < consistent(db) < N
