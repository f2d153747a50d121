"""Schema migrations as recorded functions. Each runs in its own transaction and is listed in `schema_migrations`.

Add a migration by appending to `MIGRATIONS` (here, in this one list); never edit one that has shipped.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import duckdb


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    name: str
    apply: Callable[[duckdb.DuckDBPyConnection], None]


def _m001_articles(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("""
        CREATE TABLE articles (
            id VARCHAR PRIMARY KEY,
            title VARCHAR, author VARCHAR, outlet VARCHAR, url VARCHAR,
            published DATE, published_basis VARCHAR NOT NULL,
            language VARCHAR, language_score DOUBLE,
            n_chars INTEGER NOT NULL, text VARCHAR NOT NULL,
            source VARCHAR NOT NULL, source_format VARCHAR NOT NULL,
            author_bio VARCHAR, metadata JSON,
            minhash BLOB,
            coded BOOLEAN NOT NULL DEFAULT FALSE,
            ingested_at TIMESTAMP NOT NULL DEFAULT current_timestamp
        )""")
    con.execute("""
        CREATE TABLE raw_inputs (
            article_id VARCHAR PRIMARY KEY,
            source VARCHAR NOT NULL, source_format VARCHAR NOT NULL,
            raw VARCHAR NOT NULL, removed JSON
        )""")
    con.execute("""
        CREATE TABLE sentences (
            article_id VARCHAR NOT NULL, idx INTEGER NOT NULL, start_char INTEGER NOT NULL, end_char INTEGER NOT NULL,
            PRIMARY KEY (article_id, idx)
        )""")
    con.execute("CREATE SEQUENCE failures_seq")
    con.execute("""
        CREATE TABLE failures (
            id BIGINT PRIMARY KEY DEFAULT nextval('failures_seq'),
            source VARCHAR NOT NULL, code VARCHAR NOT NULL, reason VARCHAR NOT NULL,
            failed_at TIMESTAMP NOT NULL DEFAULT current_timestamp
        )""")
    con.execute("""
        CREATE TABLE near_duplicates (
            id VARCHAR PRIMARY KEY,
            duplicate_of VARCHAR NOT NULL, similarity DOUBLE NOT NULL,
            source VARCHAR NOT NULL, title VARCHAR, url VARCHAR, outlet VARCHAR, published DATE,
            ingested_at TIMESTAMP NOT NULL DEFAULT current_timestamp
        )""")
    con.execute("""
        CREATE TABLE minhash_bands (
            band SMALLINT NOT NULL, hash UBIGINT NOT NULL, article_id VARCHAR NOT NULL
        )""")


def _m002_events(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("""
        CREATE TABLE events (
            id VARCHAR PRIMARY KEY,
            article_id VARCHAR NOT NULL,
            sentence VARCHAR NOT NULL, start_char INTEGER NOT NULL, end_char INTEGER NOT NULL,
            date VARCHAR, date_precision VARCHAR NOT NULL, date_basis VARCHAR NOT NULL, date_text VARCHAR,
            date_start DATE, date_end DATE,
            source_text VARCHAR, source_actor VARCHAR, source_country VARCHAR, source_kind VARCHAR,
            target_text VARCHAR, target_actor VARCHAR, target_country VARCHAR, target_kind VARCHAR,
            event_type VARCHAR NOT NULL, mode VARCHAR, context VARCHAR[],
            quad_class VARCHAR NOT NULL, intensity DOUBLE NOT NULL, cameo VARCHAR,
            issues VARCHAR[], modality VARCHAR NOT NULL, confidence DOUBLE NOT NULL, flags VARCHAR[],
            record JSON NOT NULL
        )""")
    con.execute("""
        CREATE TABLE perceptions (
            id VARCHAR PRIMARY KEY,
            article_id VARCHAR NOT NULL,
            sentence VARCHAR NOT NULL, start_char INTEGER NOT NULL, end_char INTEGER NOT NULL,
            holder_text VARCHAR, holder_actor VARCHAR, holder_country VARCHAR,
            about_text VARCHAR, about_actor VARCHAR, about_country VARCHAR,
            stance VARCHAR NOT NULL, frame VARCHAR, issues VARCHAR[], modality VARCHAR NOT NULL,
            record JSON NOT NULL
        )""")


def _m003_timeline(con: duckdb.DuckDBPyConnection) -> None:
    """Measure stage: merged timeline entries and their member events (dyad.measure.timeline)."""
    con.execute("""
        CREATE TABLE timeline_entries (
            id VARCHAR PRIMARY KEY,
            date VARCHAR, date_precision VARCHAR NOT NULL, date_start DATE, date_end DATE,
            source_key VARCHAR NOT NULL, target_key VARCHAR NOT NULL,
            source_country VARCHAR, target_country VARCHAR,
            event_type VARCHAR NOT NULL, quad_class VARCHAR NOT NULL, intensity DOUBLE NOT NULL,
            issues VARCHAR[], modality VARCHAR NOT NULL, counted BOOLEAN NOT NULL,
            n_members INTEGER NOT NULL, n_articles INTEGER NOT NULL
        )""")
    con.execute("""
        CREATE TABLE timeline_members (
            event_id VARCHAR PRIMARY KEY,
            entry_id VARCHAR NOT NULL,
            article_id VARCHAR NOT NULL, sentence VARCHAR NOT NULL,
            date VARCHAR, date_precision VARCHAR NOT NULL, date_start DATE, date_end DATE,
            source_key VARCHAR NOT NULL, target_key VARCHAR NOT NULL,
            source_country VARCHAR, target_country VARCHAR,
            event_type VARCHAR NOT NULL, quad_class VARCHAR NOT NULL, intensity DOUBLE NOT NULL,
            issues VARCHAR[], modality VARCHAR NOT NULL, tokens VARCHAR[]
        )""")
    con.execute("CREATE INDEX timeline_members_entry ON timeline_members (entry_id)")


MIGRATIONS: list[Migration] = [
    Migration(1, "articles, raw inputs, sentences, failures, near-duplicates", _m001_articles),
    Migration(2, "events and perceptions", _m002_events),
    Migration(3, "timeline entries and members (measure)", _m003_timeline),
]

