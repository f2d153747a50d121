"""The store's article writes: one transaction per article (add_article) or per batch (add_articles)."""

from __future__ import annotations

import pytest

from dyad.records import Article, Failure, Sentence, article_id
from dyad.store import ArticleWrite, Store


def art(text: str, **kw: object) -> Article:
    return Article(id=article_id(text), text=text, raw=f"<raw>{text}</raw>", source=f"{text[:5]}.txt",
                   source_format="txt", **kw)  # type: ignore[arg-type]


def test_migrations_recorded(store: Store) -> None:
    assert store.schema_versions()[:2] == [1, 2]
    assert store.migrate() == []  # nothing left to apply


def test_add_article_once(store: Store) -> None:
    a = art("Seoul and Tokyo met.")
    assert store.add_article(a, [Sentence(0, 0, 20)], bands=[(0, 1), (1, 2)], minhash=b"\x00" * 8)
    assert not store.add_article(a)
    assert store.has_article(a.id) and not store.has_article("0" * 16)
    assert store.counts()["articles"] == 1 and store.counts()["sentences"] == 1
    row = store.article(a.id[:4])
    assert row["raw"] == "<raw>Seoul and Tokyo met.</raw>" and "minhash" not in row


def test_add_articles_batch_matches_add_article(store: Store) -> None:
    items = [ArticleWrite(art(f"Story number {i} about talks."), [Sentence(0, 0, 5), Sentence(1, 6, 12)],
                          minhash=bytes([i]) * 512, bands=[(b, i * 100 + b) for b in range(16)], coded=i % 2 == 0)
             for i in range(5)]
    dup = ArticleWrite(items[0].article)
    assert store.add_articles([*items, dup]) == [True] * 5 + [False]
    assert store.add_articles(items[:2]) == [False, False]
    counts = store.counts()
    assert counts["articles"] == 5 and counts["sentences"] == 10
    assert store.query("SELECT count(*) AS n FROM minhash_bands")[0]["n"] == 80
    assert store.query("SELECT count(*) AS n FROM raw_inputs")[0]["n"] == 5
    assert [r["coded"] for r in store.query("SELECT coded FROM articles ORDER BY id")].count(True) == 3
    assert store.add_articles([]) == []


def test_add_articles_is_all_or_nothing(store: Store) -> None:
    good = ArticleWrite(art("A fine article about trade."), [Sentence(0, 0, 4)])
    bad = ArticleWrite(art("A broken one."), [Sentence(0, 0, 4), Sentence(0, 5, 9)])  # duplicate sentence key
    with pytest.raises(Exception, match=r"(?i)constraint|duplicate"):
        store.add_articles([good, bad])
    assert store.counts()["articles"] == 0 and store.counts()["sentences"] == 0
    assert store.query("SELECT count(*) AS n FROM raw_inputs")[0]["n"] == 0
    assert store.add_articles([good]) == [True]  # the connection is usable after the rollback


def test_existing_ids_and_candidates(store: Store) -> None:
    a, b = art("First text here."), art("Second text here.")
    store.add_articles([ArticleWrite(a, minhash=b"a", bands=[(0, 10), (1, 11)]),
                        ArticleWrite(b, minhash=b"b", bands=[(0, 20), (1, 11)])])
    near = art("Third, a copy.")
    store.add_near_duplicate(near, a.id, 0.9)
    assert store.existing_ids([a.id, near.id, "x"]) == {a.id, near.id}
    assert store.existing_ids([]) == set()
    many = store.minhash_candidates_many([(0, [(0, 10)]), (1, [(1, 11)]), (2, [(0, 99)])])
    assert many == {0: [(a.id, b"a")], 1: sorted([(a.id, b"a"), (b.id, b"b")])}
    assert sorted(store.minhash_candidates([(1, 11)])) == sorted(many[1])


def test_failures_deduplicated_by_caller(store: Store) -> None:
    f = Failure("x.txt", "E102", "empty input")
    assert not store.has_failure(f)
    store.record_failure(f)
    assert store.has_failure(f) and not store.has_failure(Failure("x.txt", "E103", "binary"))
