"""The one store wrapper: a DuckDB file, migrations applied on open, and every write in a transaction.

One writer, many readers: a process that opens the file read-write holds DuckDB's file lock until it closes;
other processes may open it `read_only=True` when no writer holds it. `Store.add_article` writes an article and
everything derived from it in one transaction, so an interrupted run never leaves half an article behind.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any

import duckdb

from dyad.errors import ErrorCode, StoreError
from dyad.records import Article, EventRecord, Failure, PerceptionRecord, Sentence, date_bounds
from dyad.store.migrations import MIGRATIONS

DEFAULT_DB = "dyad.duckdb"


def default_db_path() -> Path:
    """`$DYAD_DB` if set, else `dyad.duckdb` in the working directory."""
    return Path(os.environ.get("DYAD_DB") or DEFAULT_DB)


@dataclass(frozen=True, slots=True)
class ArticleWrite:
    """One article and everything derived from it, as `Store.add_articles` writes it."""

    article: Article
    sentences: Sequence[Sentence] = ()
    events: Sequence[EventRecord] = ()
    perceptions: Sequence[PerceptionRecord] = ()
    minhash: bytes | None = None
    bands: Sequence[tuple[int, int]] = ()
    coded: bool = False


class Store:
    """A dyad database. Use as a context manager; `Store(":memory:")` for tests.

    Concurrency (DuckDB's model): inside one process, one writer and any number of readers, each reader on its
    own cursor (`Store.reader()`), reading committed data while the writer works. Across processes, the file is
    held by one read-write process at a time, or shared by read-only ones; a process that finds the file held
    waits up to `lock_wait` seconds (default 5) for it, then fails with E401 naming the holder.
    """

    def __init__(self, path: str | os.PathLike[str] = DEFAULT_DB, *, read_only: bool = False,
                 lock_wait: float = 5.0) -> None:
        self.path = str(path)
        self.read_only = read_only
        self.con = self._connect(lock_wait)
        if not read_only:
            self.migrate()
        else:
            self._check_version()

    def _connect(self, lock_wait: float) -> duckdb.DuckDBPyConnection:
        deadline = time.monotonic() + max(lock_wait, 0.0)
        delay = 0.05
        while True:
            try:
                return duckdb.connect(self.path, read_only=self.read_only)
            except duckdb.IOException as exc:
                msg = str(exc).splitlines()[0]
                if "lock" not in msg.lower():
                    raise StoreError(ErrorCode.E403, where=self.path, detail=msg) from exc
                if time.monotonic() + delay > deadline:
                    raise StoreError(ErrorCode.E401, where=self.path, detail=msg) from exc
            except duckdb.Error as exc:
                raise StoreError(ErrorCode.E403, where=self.path, detail=str(exc).splitlines()[0]) from exc
            time.sleep(delay)
            delay = min(delay * 2, 0.5)

    def reader(self) -> duckdb.DuckDBPyConnection:
        """A cursor of its own for a reader thread: it sees committed data while the writer goes on."""
        return self.con.cursor()

    # -- lifecycle -------------------------------------------------------------------------------------------
    def __enter__(self) -> Store:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        self.con.close()

    def migrate(self) -> list[int]:
        """Apply pending migrations, each in its own transaction; return the versions applied."""
        self.con.execute("""CREATE TABLE IF NOT EXISTS schema_migrations (
            version INTEGER PRIMARY KEY, name VARCHAR NOT NULL,
            applied_at TIMESTAMP NOT NULL DEFAULT current_timestamp)""")
        done = {row[0] for row in self.con.execute("SELECT version FROM schema_migrations").fetchall()}
        self._check_version(done)
        applied = []
        for migration in MIGRATIONS:
            if migration.version in done:
                continue
            with self.transaction() as con:
                migration.apply(con)
                con.execute("INSERT INTO schema_migrations (version, name) VALUES (?, ?)",
                            [migration.version, migration.name])
            applied.append(migration.version)
        return applied

    def _rollback(self) -> None:
        """Roll back the open transaction; nothing to do when a failed or interrupted COMMIT already ended it."""
        with contextlib.suppress(duckdb.TransactionException):
            self.con.rollback()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """One transaction: commit when the block ends, roll back on any exception (Ctrl-C included).

        Every write goes through this, including the measure stage's writes to its own tables.
        """
        if self.read_only:
            raise StoreError(ErrorCode.E404, where=self.path, detail="write")
        self.con.begin()
        try:
            yield self.con
            self.con.commit()
        except BaseException:
            self._rollback()
            raise

    def _check_version(self, done: set[int] | None = None) -> None:
        if done is None:
            try:
                done = {r[0] for r in self.con.execute("SELECT version FROM schema_migrations").fetchall()}
            except duckdb.CatalogException:
                return
        supported = max(m.version for m in MIGRATIONS)
        if done and max(done) > supported:
            raise StoreError(ErrorCode.E402, where=self.path, found=max(done), supported=supported)

    def schema_versions(self) -> list[int]:
        return [r[0] for r in self.con.execute("SELECT version FROM schema_migrations ORDER BY version").fetchall()]

    # -- writes ----------------------------------------------------------------------------------------------
    def add_article(
        self,
        article: Article,
        sentences: Sequence[Sentence] = (),
        events: Sequence[EventRecord] = (),
        perceptions: Sequence[PerceptionRecord] = (),
        *,
        minhash: bytes | None = None,
        bands: Sequence[tuple[int, int]] = (),
        coded: bool = False,
    ) -> bool:
        """Store an article with its raw input, sentences, events and perceptions in one transaction.

        Returns False (and writes nothing) when an article with the same id is already stored.
        """
        item = ArticleWrite(article, sentences, events, perceptions, minhash=minhash, bands=bands, coded=coded)
        return self.add_articles([item])[0]

    def replace_coding(self, article_id: str, events: Sequence[EventRecord],
                       perceptions: Sequence[PerceptionRecord]) -> None:
        """Replace an article's events and perceptions (re-coding with a newer coder), in one transaction."""
        with self.transaction() as con:
            con.execute("DELETE FROM events WHERE article_id = ?", [article_id])
            con.execute("DELETE FROM perceptions WHERE article_id = ?", [article_id])
            self._insert_events(events)
            self._insert_perceptions(perceptions)
            con.execute("UPDATE articles SET coded = TRUE WHERE id = ?", [article_id])

    def _insert_events(self, events: Iterable[EventRecord]) -> None:
        # One statement for all rows (columns as lists, unnested): DuckDB's executemany costs ~0.4 ms a row.
        rows: dict[str, EventRecord] = {}
        for e in events:
            rows.setdefault(e.id, e)
        if not rows:
            return
        evs = list(rows.values())
        bounds = [date_bounds(e.date) for e in evs]
        columns: list[tuple[str, list[Any]]] = [
            ("VARCHAR", [e.id for e in evs]), ("VARCHAR", [e.article for e in evs]),
            ("VARCHAR", [e.sentence for e in evs]), ("INTEGER", [e.start for e in evs]),
            ("INTEGER", [e.end for e in evs]), ("VARCHAR", [e.date for e in evs]),
            ("VARCHAR", [e.date_precision for e in evs]), ("VARCHAR", [e.date_basis for e in evs]),
            ("VARCHAR", [e.date_text for e in evs]), ("DATE", [b[0] if b else None for b in bounds]),
            ("DATE", [b[1] if b else None for b in bounds]),
            ("VARCHAR", [e.source.text for e in evs]), ("VARCHAR", [e.source.actor for e in evs]),
            ("VARCHAR", [e.source.country for e in evs]), ("VARCHAR", [e.source.kind for e in evs]),
            ("VARCHAR", [e.target.text for e in evs]), ("VARCHAR", [e.target.actor for e in evs]),
            ("VARCHAR", [e.target.country for e in evs]), ("VARCHAR", [e.target.kind for e in evs]),
            ("VARCHAR", [e.event_type for e in evs]), ("VARCHAR", [e.mode for e in evs]),
            ("VARCHAR[]", [list(e.context) for e in evs]), ("VARCHAR", [e.quad_class for e in evs]),
            ("DOUBLE", [e.intensity for e in evs]), ("VARCHAR", [e.cameo for e in evs]),
            ("VARCHAR[]", [list(e.issues) for e in evs]), ("VARCHAR", [e.modality for e in evs]),
            ("DOUBLE", [e.confidence for e in evs]), ("VARCHAR[]", [list(e.flags) for e in evs]),
            ("VARCHAR", [json.dumps(e.to_json(), ensure_ascii=False) for e in evs]),
        ]
        self._insert_columns("events", columns, json_last=True)

    def _insert_perceptions(self, perceptions: Iterable[PerceptionRecord]) -> None:
        rows: dict[str, PerceptionRecord] = {}
        for p in perceptions:
            rows.setdefault(p.id, p)
        if not rows:
            return
        ps = list(rows.values())
        columns: list[tuple[str, list[Any]]] = [
            ("VARCHAR", [p.id for p in ps]), ("VARCHAR", [p.article for p in ps]),
            ("VARCHAR", [p.sentence for p in ps]), ("INTEGER", [p.start for p in ps]),
            ("INTEGER", [p.end for p in ps]), ("VARCHAR", [p.holder.text for p in ps]),
            ("VARCHAR", [p.holder.actor for p in ps]), ("VARCHAR", [p.holder.country for p in ps]),
            ("VARCHAR", [p.about.text for p in ps]), ("VARCHAR", [p.about.actor for p in ps]),
            ("VARCHAR", [p.about.country for p in ps]), ("VARCHAR", [p.stance for p in ps]),
            ("VARCHAR", [p.frame for p in ps]), ("VARCHAR[]", [list(p.issues) for p in ps]),
            ("VARCHAR", [p.modality for p in ps]),
            ("VARCHAR", [json.dumps(p.to_json(), ensure_ascii=False) for p in ps]),
        ]
        self._insert_columns("perceptions", columns, json_last=True)

    def _insert_columns(self, table: str, columns: list[tuple[str, list[Any]]], *, json_last: bool) -> None:
        """INSERT OR IGNORE all rows of `table` in one statement from per-column lists."""
        exprs = [f"unnest(?::{sqltype}[])" for sqltype, _ in columns]
        if json_last:
            exprs[-1] += "::JSON"
        self.con.execute(f"INSERT OR IGNORE INTO {table} SELECT {', '.join(exprs)}",
                         [values for _, values in columns])

    def add_articles(self, items: Sequence[ArticleWrite]) -> list[bool]:
        """Store a batch of articles, each with everything derived from it, in ONE transaction.

        The bulk form of `add_article` used by ingest: a handful of statements per batch instead of seven per
        article. A crash loses the whole batch or nothing, never part of an article. Returns, per item, whether it
        was stored (False: an article with that id was already there, or earlier in the batch).
        """
        if not items:
            return []
        with self.transaction() as con:
            ids = [it.article.id for it in items]
            present = {r[0] for r in con.execute(
                "SELECT id FROM articles WHERE list_contains(?, id)", [ids]).fetchall()}
            fresh: list[ArticleWrite] = []
            stored: list[bool] = []
            for it in items:
                ok = it.article.id not in present
                stored.append(ok)
                if ok:
                    present.add(it.article.id)
                    fresh.append(it)
            if fresh:
                self._bulk_insert(fresh)
        return stored

    def _bulk_insert(self, items: Sequence[ArticleWrite]) -> None:
        # One INSERT per table for the whole batch, columns passed as lists and unnested: a handful of
        # statements instead of seven per article (no pandas/arrow import needed).
        arts = [it.article for it in items]
        self.con.execute(
            """INSERT INTO articles (id, title, author, outlet, url, published, published_basis, language,
                   language_score, n_chars, text, source, source_format, author_bio, metadata, minhash, coded)
               SELECT unnest(?::VARCHAR[]), unnest(?::VARCHAR[]), unnest(?::VARCHAR[]), unnest(?::VARCHAR[]),
                      unnest(?::VARCHAR[]), unnest(?::DATE[]), unnest(?::VARCHAR[]), unnest(?::VARCHAR[]),
                      unnest(?::DOUBLE[]), unnest(?::INTEGER[]), unnest(?::VARCHAR[]), unnest(?::VARCHAR[]),
                      unnest(?::VARCHAR[]), unnest(?::VARCHAR[]), unnest(?::VARCHAR[])::JSON, unnest(?::BLOB[]),
                      unnest(?::BOOLEAN[])""",
            [[a.id for a in arts], [a.title for a in arts], [a.author for a in arts], [a.outlet for a in arts],
             [a.url for a in arts], [a.published for a in arts], [a.published_basis for a in arts],
             [a.language for a in arts], [a.language_score for a in arts], [a.n_chars for a in arts],
             [a.text for a in arts], [a.source for a in arts], [a.source_format for a in arts],
             [a.author_bio for a in arts], [json.dumps(a.metadata, default=str) for a in arts],
             [it.minhash for it in items], [it.coded for it in items]],
        )
        self.con.execute(
            """INSERT INTO raw_inputs (article_id, source, source_format, raw, removed)
               SELECT unnest(?::VARCHAR[]), unnest(?::VARCHAR[]), unnest(?::VARCHAR[]), unnest(?::VARCHAR[]),
                      unnest(?::VARCHAR[])::JSON""",
            [[a.id for a in arts], [a.source for a in arts], [a.source_format for a in arts],
             [a.raw for a in arts], [json.dumps(list(a.removed)) for a in arts]],
        )
        sents = [(it.article.id, s) for it in items for s in it.sentences]
        if sents:
            self.con.execute(
                "INSERT INTO sentences (article_id, idx, start_char, end_char) SELECT unnest(?::VARCHAR[]), "
                "unnest(?::INTEGER[]), unnest(?::INTEGER[]), unnest(?::INTEGER[])",
                [[a for a, _ in sents], [s.index for _, s in sents], [s.start for _, s in sents],
                 [s.end for _, s in sents]],
            )
        bands = [(b, h, it.article.id) for it in items for b, h in it.bands]
        if bands:
            self.con.execute(
                "INSERT INTO minhash_bands (band, hash, article_id) SELECT unnest(?::SMALLINT[]), "
                "unnest(?::UBIGINT[]), unnest(?::VARCHAR[])",
                [[r[0] for r in bands], [r[1] for r in bands], [r[2] for r in bands]],
            )
        self._insert_events(e for it in items for e in it.events)
        self._insert_perceptions(p for it in items for p in it.perceptions)

    def add_near_duplicate(self, article: Article, duplicate_of: str, similarity: float) -> bool:
        """Link a syndicated copy to the first stored copy instead of storing its text twice."""
        with self.transaction() as con:
            if con.execute("SELECT 1 FROM near_duplicates WHERE id = ?", [article.id]).fetchone():
                return False
            con.execute(
                """INSERT INTO near_duplicates (id, duplicate_of, similarity, source, title, url, outlet, published)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
                [article.id, duplicate_of, similarity, article.source, article.title, article.url, article.outlet,
                 article.published],
            )
        return True

    def record_failure(self, failure: Failure) -> None:
        self.con.execute("INSERT INTO failures (source, code, reason) VALUES (?, ?, ?)",
                         [failure.source, failure.code, failure.reason])

    def has_failure(self, failure: Failure) -> bool:
        """True when the same failure (source, code, reason) is already recorded (re-runs add no rows)."""
        row = self.con.execute("SELECT 1 FROM failures WHERE source = ? AND code = ? AND reason = ? LIMIT 1",
                               [failure.source, failure.code, failure.reason]).fetchone()
        return row is not None

    # -- reads -----------------------------------------------------------------------------------------------
    def has_article(self, article_id: str) -> bool:
        """True when the id is stored as an article or linked as a near-duplicate."""
        row = self.con.execute(
            "SELECT 1 FROM articles WHERE id = ? UNION ALL SELECT 1 FROM near_duplicates WHERE id = ? LIMIT 1",
            [article_id, article_id]).fetchone()
        return row is not None

    def minhash_candidates(self, bands: Sequence[tuple[int, int]]) -> list[tuple[str, bytes | None]]:
        """Stored articles sharing at least one LSH band with `bands`, with their MinHash signatures."""
        if not bands:
            return []
        rows = self.con.execute(
            """SELECT DISTINCT a.id, a.minhash FROM minhash_bands b JOIN articles a ON a.id = b.article_id
               WHERE (b.band, b.hash) IN (SELECT * FROM (VALUES """ + ", ".join(["(?, ?)"] * len(bands)) + "))",
            [x for pair in bands for x in pair]).fetchall()
        return [(r[0], r[1]) for r in rows]

    def existing_ids(self, ids: Sequence[str]) -> set[str]:
        """The ids among `ids` stored as articles or linked as near-duplicates (one query for a batch)."""
        if not ids:
            return set()
        rows = self.con.execute(
            "SELECT id FROM articles WHERE list_contains(?, id) "
            "UNION SELECT id FROM near_duplicates WHERE list_contains(?, id)", [list(ids), list(ids)]).fetchall()
        return {r[0] for r in rows}

    def minhash_candidates_many(
        self, queries: Sequence[tuple[int, Sequence[tuple[int, int]]]],
    ) -> dict[int, list[tuple[str, bytes | None]]]:
        """`minhash_candidates` for a batch in one query: {query key: [(article id, signature)]}."""
        keys = [k for k, bands in queries for _ in bands]
        if not keys:
            return {}
        rows = self.con.execute(
            """SELECT DISTINCT q.k, a.id, a.minhash
               FROM (SELECT unnest(?::BIGINT[]) AS k, unnest(?::SMALLINT[]) AS band,
                            unnest(?::UBIGINT[]) AS hash) q
               JOIN minhash_bands b ON b.band = q.band AND b.hash = q.hash
               JOIN articles a ON a.id = b.article_id
               ORDER BY q.k, a.id""",
            [keys, [b for _, bands in queries for b, _ in bands], [h for _, bands in queries for _, h in bands]],
        ).fetchall()
        out: dict[int, list[tuple[str, bytes | None]]] = {}
        for k, aid, mh in rows:
            out.setdefault(int(k), []).append((aid, mh))
        return out

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        """Run a read query and return rows as dicts."""
        cur = self.con.execute(sql, list(params))
        names = [d[0] for d in cur.description or []]
        return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]

    def iter_articles(self, *, with_text: bool = False, batch: int = 500) -> Iterator[dict[str, Any]]:
        """Stored articles in ingest order, streamed in batches."""
        cols = ("id, title, author, outlet, url, published, language, n_chars, source, source_format, ingested_at"
                + (", text" if with_text else ""))
        cur = self.con.cursor()
        cur.execute(f"SELECT {cols} FROM articles ORDER BY ingested_at, id")
        names = [d[0] for d in cur.description or []]
        while True:
            rows = cur.fetchmany(batch)
            if not rows:
                break
            for row in rows:
                yield dict(zip(names, row, strict=True))
        cur.close()

    def article(self, article_id: str) -> dict[str, Any]:
        """One article by id or unique id prefix, with its raw input and removed lines."""
        rows = self.query(
            """SELECT a.*, r.raw, r.removed FROM articles a JOIN raw_inputs r ON r.article_id = a.id
               WHERE a.id LIKE ? || '%' LIMIT 2""", [article_id])
        if len(rows) != 1:
            detail = f"article {article_id!r}" + (" (ambiguous prefix)" if rows else "")
            raise StoreError(ErrorCode.E403, where=self.path, detail=detail)
        row = rows[0]
        row.pop("minhash", None)
        return row

    def counts(self) -> dict[str, int]:
        out = {}
        for table in ("articles", "near_duplicates", "failures", "sentences", "events", "perceptions"):
            res = self.con.execute(f"SELECT count(*) FROM {table}").fetchone()
            out[table] = int(res[0]) if res else 0
        return out

    def iter_events(self, *, date_from: dt.date | None = None, date_to: dt.date | None = None,
                    source: str | None = None, target: str | None = None, event_type: str | None = None,
                    issue: str | None = None) -> Iterator[EventRecord]:
        """Stored events matching the filters (country ISO3 or actor id for source/target), oldest first."""
        where: list[str] = ["TRUE"]
        params: list[object] = []
        if date_from:
            where.append("date_end >= ?")
            params.append(date_from)
        if date_to:
            where.append("date_start <= ?")
            params.append(date_to)
        for side, value in (("source", source), ("target", target)):
            if value:
                where.append(f"({side}_country = ? OR {side}_actor = ?)")
                params += [value.upper() if len(value) == 3 else value, value]
        if event_type:
            where.append("event_type = ?")
            params.append(event_type.upper())
        if issue:
            where.append("(list_contains(issues, ?) OR len(list_filter(issues, lambda x: x LIKE ? || '.%')) > 0)")
            params += [issue, issue]
        cur = self.con.execute(
            f"SELECT record FROM events WHERE {' AND '.join(where)} ORDER BY date_start NULLS LAST, article_id, "
            "start_char", params)
        while True:
            rows = cur.fetchmany(1000)
            if not rows:
                break
            for (rec,) in rows:
                yield EventRecord.from_json(json.loads(rec))
