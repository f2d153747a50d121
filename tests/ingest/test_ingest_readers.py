"""Every reader on small fixture files; format sniffing; stdin; WARC built on the fly."""

from __future__ import annotations

import datetime as dt
import io
import sys
from pathlib import Path

from ingest_support import FIXTURES, make_warc, read_all

from dyad.ingest.readers import ColumnMap, markdown_to_text, read_input, split_front_matter
from dyad.ingest.sources import InputRef, expand_inputs, sniff_format

PAGE = ("<html><head><title>{t}</title></head><body><article><p>{b}</p><p>Seoul and Tokyo agreed on "
        "closer cooperation in the talks held this week, officials from both governments said in statements."
        "</p></article></body></html>")


def test_txt_with_front_matter() -> None:
    docs, fails = read_all(FIXTURES / "article.txt")
    assert not fails and len(docs) == 1
    d = docs[0]
    assert d.source_format == "txt"
    assert d.title == "Court orders Japanese firms to compensate workers"
    assert d.published == dt.date(2018, 10, 30)
    assert d.url == "https://example.org/2018/10/30/court-ruling"
    assert d.outlet == "Example Wire" and d.author == "Example Staff"
    assert d.text.lstrip().startswith("South Korea's Supreme Court")
    assert "---" not in d.text
    assert d.raw.startswith("---")


def test_plain_txt_without_front_matter_has_no_invented_metadata() -> None:
    docs, _ = read_all(FIXTURES / "plain.txt")
    assert docs[0].title is None and docs[0].published is None and docs[0].date_text is None


def test_markdown_front_matter_and_markup() -> None:
    docs, fails = read_all(FIXTURES / "eastasiaforum.md")
    assert not fails
    d = docs[0]
    assert d.source_format == "md" and d.outlet == "East Asia Forum"
    assert "# " not in d.text and "*Author" not in d.text
    text, title = markdown_to_text("# Big title\n\nSome **bold** and [a link](http://x.y) ![img](a.png).\n\n## Sub")
    assert title == "Big title"
    assert "Some bold and a link ." in text and "Sub" in text and "http" not in text


def test_front_matter_date_string_kept_for_strict_parsing() -> None:
    docs, _ = read_all(FIXTURES / "medium.md")
    assert docs[0].published is None and docs[0].date_text == "March 5, 2024"


def test_bad_front_matter_is_a_failure(tmp_path: Path) -> None:
    p = tmp_path / "bad.md"
    p.write_text("---\ntitle: [unclosed\n---\nBody text here.\n")
    docs, fails = read_all(p)
    assert not docs and fails[0].code == "E109"
    meta, body = split_front_matter("x", "no front matter\n---\n")
    assert meta == {} and body.startswith("no front")


def test_html_main_text_and_metadata() -> None:
    docs, fails = read_all(FIXTURES / "diplomat.html")
    assert not fails
    d = docs[0]
    assert d.title == "Why the Seoul-Tokyo Thaw Is Fragile"
    assert d.author == "Jane Park" and d.outlet == "The Diplomat"
    assert d.url == "https://thediplomat.example/2023/03/why-the-seoul-tokyo-thaw-is-fragile/"
    assert d.date_text == "2023-03-20"
    assert "Yoon Suk Yeol travelled to Tokyo" in d.text
    assert "ASEAN" not in d.text  # navigation dropped by the extractor
    assert d.raw.startswith("<!DOCTYPE html>")


def test_jsonl_default_columns_and_bad_lines() -> None:
    docs, fails = read_all(FIXTURES / "export.jsonl")
    assert [d.source.rsplit("#", 1)[1] for d in docs] == ["1", "2"]
    assert docs[0].title == "Tokyo lifts export curbs" and docs[0].date_text == "2023-03-16"
    assert docs[0].url == "https://example.com/a1" and docs[0].outlet == "Example Wire"
    assert docs[0].metadata == {"record": {"id": 1}}
    assert sorted((f.source.rsplit("#", 1)[1], f.code) for f in fails) == [("3", "E108"), ("4", "E108")]


def test_csv_needs_a_text_column_or_mapping() -> None:
    docs, fails = read_all(FIXTURES / "export.csv")
    assert not docs and fails[0].code == "E108" and "--text-column" in fails[0].reason
    cols = ColumnMap(text="story_body", title="hed", date="pubdate", url="permalink", outlet="publication")
    docs, fails = read_all(FIXTURES / "export.csv", columns=cols)
    assert not fails and len(docs) == 2
    assert docs[1].source.endswith("export.csv#2")
    assert docs[1].title == "Leaders discuss Fukushima water" and docs[1].outlet == "Example Daily"
    assert docs[0].date_text == "2023-05-07" and docs[0].source_format == "csv"


def test_csv_mapping_to_missing_column(tmp_path: Path) -> None:
    docs, fails = read_all(FIXTURES / "export.csv", columns=ColumnMap(text="nope"))
    assert not docs and fails[0].code == "E108" and "'nope'" in fails[0].reason


def test_rss_and_atom_feeds() -> None:
    docs, fails = read_all(FIXTURES / "feed.rss")
    assert not fails and len(docs) == 2
    first, second = docs
    assert first.outlet == "Example Asia Desk" and first.author == "Lee Hana"
    assert first.published == dt.date(2023, 6, 29)  # the feed's own date, not shifted to UTC
    assert first.url == "https://asia.example.com/2023/06/29/finance-dialogue"
    assert "<p>" not in first.text and "currency swap" in first.text
    assert "reversing a 2019 decision" in second.text  # summary used when there is no content
    atom, _ = read_all(FIXTURES / "feed.atom")
    assert atom[0].date_text == "2023-08-19T00:00:00Z" and atom[0].author == "Alex Kim"  # parsed strictly later


def test_warc_html_responses_only(tmp_path: Path) -> None:
    data = make_warc([
        ("https://a.example/1", "text/html; charset=utf-8", PAGE.format(t="One", b="First page.").encode()),
        ("https://a.example/logo.png", "image/png", b"\x89PNG\r\n"),
        ("https://a.example/2", "text/html", PAGE.format(t="Two", b="Second page.").encode()),
    ])
    p = tmp_path / "crawl.warc"
    p.write_bytes(data)
    docs, fails = read_all(p)
    assert not fails
    assert [d.url for d in docs] == ["https://a.example/1", "https://a.example/2"]
    assert [d.source.rsplit("#", 1)[1] for d in docs] == ["1", "3"]
    assert all(d.source_format == "warc" and d.published is None for d in docs)
    assert docs[0].metadata["crawled"]  # the fetch time is kept, never used as the publication date


def test_warc_gz_and_truncated(tmp_path: Path) -> None:
    pages = [(f"https://a.example/{i}", "text/html", PAGE.format(t=f"T{i}", b=f"Page {i} " * 40).encode())
             for i in range(3)]
    for gz in (False, True):
        data = make_warc(pages, gz=gz)
        p = tmp_path / ("c.warc.gz" if gz else "c.warc")
        p.write_bytes(data)
        docs, fails = read_all(p)
        assert len(docs) == 3 and not fails
        p.write_bytes(data[: int(len(data) * 0.85)])
        docs, fails = read_all(p)
        assert 1 <= len(docs) <= 2, gz  # records before the damage are kept
        assert len(fails) == 1 and fails[0].code == "E106" and "truncated" in fails[0].reason


def test_sniffing_without_extensions() -> None:
    assert sniff_format("x", b"<!DOCTYPE html><html>") == "html"
    assert sniff_format("x", b'<?xml version="1.0"?><rss version="2.0">') == "feed"
    assert sniff_format("x", b'{"text": "a"}\n') == "jsonl"
    assert sniff_format("x", b"---\ntitle: a\n---\nbody") == "md"
    assert sniff_format("x", b"WARC/1.0\r\n") == "warc"
    assert sniff_format("x", b"Just words.") == "txt"
    assert sniff_format("page.xml", b"<html><body>hi</body></html>") == "html"


def test_stdin_input(monkeypatch: object) -> None:
    import pytest

    mp = pytest.MonkeyPatch()
    try:
        fake = io.TextIOWrapper(io.BytesIO(b"---\ntitle: From stdin\n---\nSeoul said so on Monday.\n"))
        mp.setattr(sys, "stdin", fake)
        refs = list(expand_inputs(["-"]))
    finally:
        mp.undo()
    assert len(refs) == 1 and isinstance(refs[0], InputRef) and refs[0].name == "<stdin>"
    docs = list(read_input(refs[0], max_bytes=1000))
    assert docs[0].title == "From stdin" and docs[0].source == "<stdin>"  # type: ignore[union-attr]


def test_expand_dirs_globs_and_missing(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one.txt").write_text("one")
    (tmp_path / "a" / ".hidden.txt").write_text("hidden")
    (tmp_path / "a" / "SOURCES.md").write_text("corpus notes")
    (tmp_path / "b.md").write_text("two")
    got = [r.name for r in expand_inputs([str(tmp_path / "a"), str(tmp_path / "*.md"),
                                          str(tmp_path / "missing.txt"), str(tmp_path / "*.none")])
           if isinstance(r, InputRef)]
    assert got == [str(tmp_path / "a" / "one.txt"), str(tmp_path / "b.md")]
    fails = [r for r in expand_inputs([str(tmp_path / "missing.txt"), str(tmp_path / "*.none")])
             if not isinstance(r, InputRef)]
    assert [f.code for f in fails] == ["E101", "E101"]
