"""The pipeline end to end on a store: counts, idempotence, near-duplicates, language, dates, coding, workers."""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from ingest_support import FIXTURES

from dyad.config import Options
from dyad.ingest import ColumnMap, ingest, ingest_paths, list_articles, show_article
from dyad.records import Article, EventRecord, PerceptionRecord, Sentence
from dyad.store import Store

OPTS = Options(code_events=False)

BODY = ("Since the 1965 treaty normalised relations, Japan and South Korea have argued over how to settle the past. "
        "The Supreme Court ruling last November ordered Japanese companies to compensate former forced labourers. "
        "Tokyo sees Seoul as fixated on the past, while Seoul says Tokyo has never fully faced its colonial record. "
        "If Seoul were to liquidate the seized assets, Tokyo could retaliate with new export controls. "
        "Analysts expect the two governments to keep talking through the summer despite the rhetoric. "
        "Business groups on both sides have urged leaders to protect supply chains for semiconductors. "
        "Public opinion polls show little warmth, though younger people are more positive than their parents.")


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_fixture_folder_counts_and_idempotence(store: Store) -> None:
    s1 = ingest([str(FIXTURES)], store=store, options=OPTS)
    # export.csv (no text column), export.jsonl #3 (bad JSON) and #4 (no text) fail; everything else is stored
    assert s1.failed == 3 and {f.code for f in s1.failures} == {"E108"}
    assert s1.stored == 13 and s1.duplicate == 0 and s1.near_duplicate == 0
    before = store.counts()
    assert before["articles"] == 13 and before["failures"] == 3 and before["sentences"] > 14
    s2 = ingest([str(FIXTURES)], store=store, options=OPTS)
    assert s2.stored == 0 and s2.duplicate == 13 and s2.failed == 3
    assert store.counts() == before  # re-ingesting changes nothing, failures included


def test_every_article_has_raw_input_and_consistent_sentences(store: Store) -> None:
    ingest([str(FIXTURES)], store=store, options=OPTS)
    rows = store.query("""SELECT a.id, a.n_chars, r.raw IS NOT NULL AS has_raw,
                                 (SELECT max(end_char) FROM sentences s WHERE s.article_id = a.id) AS last_end,
                                 (SELECT count(*) FROM sentences s WHERE s.article_id = a.id) AS n
                          FROM articles a LEFT JOIN raw_inputs r ON r.article_id = a.id""")
    for row in rows:
        assert row["has_raw"] and row["n"] >= 1 and row["last_end"] <= row["n_chars"]


def test_metadata_stored(store: Store) -> None:
    ingest([str(FIXTURES / "diplomat.html"), str(FIXTURES / "export.jsonl"), str(FIXTURES / "feed.atom")],
           store=store, options=OPTS)
    rows = {r["source"].rsplit("/", 1)[1]: r for r in store.query("SELECT * FROM articles")}
    d = rows["diplomat.html"]
    assert d["published"] == dt.date(2023, 3, 20) and d["published_basis"] == "source"
    assert d["author_bio"].startswith("Jane Park is") and d["outlet"] == "The Diplomat"
    partial = rows["export.jsonl#2"]
    assert partial["published"] is None and partial["published_basis"] == "unknown"
    assert "partial date" in json.loads(partial["metadata"])["published_note"]
    assert rows["feed.atom#1"]["published"] == dt.date(2023, 8, 19)


def test_published_argument_only_fills_unknown_dates(store: Store, tmp_path: Path) -> None:
    write(tmp_path / "a.txt", BODY)
    write(tmp_path / "b.md", "---\ndate: 2020-01-02\n---\nA different story about fisheries talks that resumed "
          "after two years and ended with a joint statement on quotas for the coming season.\n")
    ingest([str(tmp_path)], store=store, options=OPTS.with_(published=dt.date(2021, 5, 6), outlet="Given"))
    got = {Path(r["source"]).name: r for r in store.query("SELECT source, published, published_basis, outlet FROM articles")}
    assert got["a.txt"]["published"] == dt.date(2021, 5, 6) and got["a.txt"]["published_basis"] == "argument"
    assert got["b.md"]["published"] == dt.date(2020, 1, 2) and got["b.md"]["published_basis"] == "source"
    assert got["a.txt"]["outlet"] == "Given"


def test_near_duplicate_linked_not_stored(store: Store, tmp_path: Path) -> None:
    write(tmp_path / "1_original.md", f"---\ntitle: Original headline\n---\n{BODY}\n\nSign up for our newsletter\n")
    copy = BODY.replace("Analysts expect", "Most analysts expect")
    write(tmp_path / "2_copy.html", f"<html><head><title>Syndicated headline</title></head><body><article>"
          f"<p>{copy}</p><p>This article was originally published by Example Wire.</p></article></body></html>")
    write(tmp_path / "3_other.txt", "A different story entirely about fisheries talks between Japan and China, "
          "which resumed after a pause of two years and ended with a joint statement on quotas. " * 3)
    s = ingest([str(tmp_path)], store=store, options=OPTS)
    assert (s.stored, s.near_duplicate, s.duplicate) == (2, 1, 0)
    link = store.query("SELECT * FROM near_duplicates")[0]
    original = store.query("SELECT id FROM articles WHERE source LIKE '%1_original.md'")[0]["id"]
    assert link["duplicate_of"] == original and link["similarity"] >= 0.8
    assert link["title"] == "Syndicated headline"
    s2 = ingest([str(tmp_path)], store=store, options=OPTS)
    assert (s2.stored, s2.near_duplicate, s2.duplicate) == (0, 0, 3)


def test_exact_duplicate_with_different_boilerplate(store: Store, tmp_path: Path) -> None:
    write(tmp_path / "a.txt", BODY + "\n\nSubscribe to our newsletter\n")
    write(tmp_path / "b.txt", "5 min read\n\n" + BODY + "\n\n© 2024 Example Media. All rights reserved.\n")
    s = ingest([str(tmp_path)], store=store, options=OPTS)
    assert (s.stored, s.duplicate) == (1, 1)


def test_non_english_flagged_and_not_coded(store: Store, tmp_path: Path) -> None:
    write(tmp_path / "ko.txt", "한국과 일본은 월요일 정보공유협정을 완전히 복원하기로 합의했다. 양국 정상은 도쿄에서 만났다.")
    write(tmp_path / "en.txt", BODY)

    @dataclass
    class Coded:
        article: Article
        sentences: list[Sentence]
        events: list[EventRecord]
        perceptions: list[PerceptionRecord]

    class FakeCoder:
        def __init__(self) -> None:
            self.seen: list[str] = []

        def code(self, article: Article) -> Coded:
            self.seen.append(article.language or "")
            return Coded(article, [Sentence(0, 0, 10)], [], [])

    coder = FakeCoder()
    s = ingest([str(tmp_path)], store=store, options=Options(), coder=coder)
    assert s.stored == 2 and s.non_english == 1 and s.coded == 1 and coder.seen == ["en"]
    rows = {r["language"]: r for r in store.query("SELECT language, coded, id FROM articles")}
    assert rows["ko"]["coded"] is False and rows["en"]["coded"] is True
    n = store.query("SELECT count(*) AS n FROM sentences WHERE article_id = ?", [rows["en"]["id"]])[0]["n"]
    assert n == 1  # the coder's sentences, not the fallback splitter's


def test_coder_errors_keep_the_article(store: Store, tmp_path: Path) -> None:
    write(tmp_path / "en.txt", BODY)

    class Broken:
        def code(self, article: Article) -> object:
            raise RuntimeError("boom")

    s = ingest([str(tmp_path)], store=store, options=Options(), coder=Broken())
    assert s.stored == 1 and s.coded == 0 and "boom" in s.warnings[0]


def test_missing_coder_stores_uncoded(store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "dyad.code.api", None)  # as if the coder were not installed
    write(tmp_path / "en.txt", BODY)
    s = ingest([str(tmp_path)], store=store, options=Options(code_events=True))
    assert s.stored == 1 and s.coded == 0
    assert store.query("SELECT coded FROM articles")[0]["coded"] is False
    assert any("not available" in w for w in s.warnings)


def test_two_workers_same_result_as_one(tmp_path: Path) -> None:
    src = tmp_path / "in"
    shutil.copytree(FIXTURES, src)
    for i in range(12):
        write(src / f"extra_{i}.txt", f"Story {i}. " + BODY.replace("summer", f"month {i} of the year " * (i + 1)))
    results = []
    for workers in (1, 2):
        db = tmp_path / f"w{workers}.duckdb"
        s = ingest_paths([str(src)], options=OPTS.with_(db=db, workers=workers))
        with Store(db, read_only=True) as st:
            ids = sorted(r["id"] for r in st.query("SELECT id FROM articles"))
        results.append((s.as_dict(), ids))
    assert results[0] == results[1]
    assert results[0][0]["stored"] >= 13


def test_column_mapping_through_pipeline(store: Store) -> None:
    cols = ColumnMap(text="story_body", title="hed", date="pubdate", url="permalink", outlet="publication")
    s = ingest([str(FIXTURES / "export.csv")], store=store, options=OPTS, columns=cols)
    assert s.stored == 2 and s.failed == 0


def test_list_and_show(tmp_path: Path) -> None:
    db = tmp_path / "d.duckdb"
    ingest_paths([str(FIXTURES / "diplomat.html"), str(FIXTURES / "article.txt")], options=OPTS.with_(db=db))
    rows = list(list_articles(db))
    assert rows[0]["title"] in {"Why the Seoul-Tokyo Thaw Is Fragile",
                                             "Court orders Japanese firms to compensate workers"}
    assert set(rows[0]) == {"id", "title", "published", "language", "n_chars", "url", "outlet", "source"}
    full = show_article(db, rows[0]["id"][:6])
    assert full["id"] == rows[0]["id"] and full["raw"] and full["n_sentences"] >= 1
    assert isinstance(full["removed"], list)
    with pytest.raises(Exception, match="E403"):
        show_article(db, "zzzz")


@pytest.mark.parametrize("workers", [1, 2])
def test_coding_after_dedup_in_workers_and_reruns_code_nothing(tmp_path: Path, workers: int,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    from dyad.ingest import pipeline

    calls = tmp_path / "calls.txt"

    @dataclass
    class Coded:
        article: Article
        sentences: list[Sentence]
        events: list[EventRecord]
        perceptions: list[PerceptionRecord]

    class RecordingCoder:  # built in each worker (forked, so this patched loader is theirs too)
        def code(self, article: Article) -> Coded:
            with calls.open("a") as fh:
                fh.write(f"{os.getpid()} {article.id}\n")
            return Coded(article, [Sentence(0, 0, 5), Sentence(1, 6, 10)], [], [])

    monkeypatch.setattr(pipeline, "load_coder", lambda pack: (RecordingCoder(), None))
    monkeypatch.setattr(pipeline, "_coder_importable", lambda: True)
    src = tmp_path / "in"
    rng = random.Random(5)
    words = BODY.lower().replace(".", "").replace(",", "").split()
    stories = [" ".join(rng.choice(words) for _ in range(120)).capitalize() + "." for _ in range(10)]
    for i, story in enumerate(stories):
        write(src / f"{i}.txt", story)
    write(src / "ko.txt", "한국과 일본은 월요일 정보공유협정을 완전히 복원하기로 합의했다. 양국 정상은 도쿄에서 만났다.")
    write(src / "copy.txt", stories[3] + "\n\n5 min read")
    db = tmp_path / "c.duckdb"
    opts = Options(db=db, workers=workers, code_events=True)
    s1 = ingest_paths([str(src)], options=opts)
    assert (s1.stored, s1.coded, s1.non_english, s1.duplicate) == (11, 10, 1, 1)
    coded_ids = [line.split()[1] for line in calls.read_text().splitlines()]
    assert len(coded_ids) == len(set(coded_ids)) == 10  # the duplicate was never coded
    if workers == 2:
        assert len({line.split()[0] for line in calls.read_text().splitlines()} - {str(os.getpid())}) >= 1
    s2 = ingest_paths([str(src)], options=opts)
    assert (s2.stored, s2.coded, s2.duplicate) == (0, 0, 12)
    assert len(calls.read_text().splitlines()) == 10  # a re-run codes nothing
    with Store(db, read_only=True) as st:
        assert st.query("SELECT count(*) AS n FROM sentences")[0]["n"] == 2 * 10 + 1


def test_given_coder_runs_in_this_process_even_with_workers(tmp_path: Path) -> None:
    @dataclass
    class Coded:
        article: Article
        sentences: list[Sentence]
        events: list[EventRecord]
        perceptions: list[PerceptionRecord]

    class Here:
        def __init__(self) -> None:
            self.pids: set[int] = set()

        def code(self, article: Article) -> Coded:
            self.pids.add(os.getpid())
            return Coded(article, [Sentence(0, 0, 3)], [], [])

    write(tmp_path / "in" / "a.txt", BODY)
    write(tmp_path / "in" / "b.txt", "A different story about fisheries talks that resumed after two years and "
          "ended with a joint statement on quotas for the coming season, officials in both capitals said.")
    coder = Here()
    with Store(tmp_path / "w.duckdb") as st:
        s = ingest([str(tmp_path / "in")], store=st, options=Options(workers=2), coder=coder)
        assert s.coded == 2 and coder.pids == {os.getpid()}
        assert st.query("SELECT count(*) AS n FROM sentences")[0]["n"] == 2
