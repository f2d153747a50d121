"""Hypothesis round trips: what the front-matter, JSONL and CSV readers give back is what was written, and
cleaning keeps offsets inside the text."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from dyad.ingest.clean import clean_text, normalise
from dyad.ingest.readers import ColumnMap, RawDoc, read_csv, read_jsonl, read_text
from dyad.ingest.sentences import split_sentences
from dyad.records import article_id

# printable text without the characters that the formats themselves treat specially (NUL, CR, form feeds)
chars = st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\u2028\u2029\x85")
line = st.text(chars, min_size=1, max_size=60).filter(lambda s: s.strip() != "")
body = st.lists(line, min_size=1, max_size=8).map("\n".join)
dates = st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2030, 12, 31))

FAST = settings(max_examples=60, deadline=None)


@FAST
@given(title=line, date=dates, url=line, text=body)
def test_front_matter_round_trip(title: str, date: dt.date, url: str, text: str) -> None:
    meta = {"title": title, "date": date, "url": url, "outlet": "Example"}
    doc = read_text("x.md", "---\n" + yaml.safe_dump(meta, allow_unicode=True) + "---\n" + text, markdown=False)
    assert isinstance(doc, RawDoc)
    assert doc.text == text
    assert doc.title == (title.strip() or None) and doc.published == date
    assert doc.url == (url.strip() or None) and doc.outlet == "Example"


@FAST
@given(records=st.lists(st.fixed_dictionaries({"text": body, "headline": line, "date": dates.map(str)}),
                        min_size=1, max_size=5))
def test_jsonl_round_trip(records: list[dict[str, str]]) -> None:
    text = "\n".join(json.dumps(r, ensure_ascii=bool(len(r["text"]) % 2)) for r in records)
    docs = list(read_jsonl("x.jsonl", text, ColumnMap()))
    assert [d.text for d in docs] == [r["text"] for r in records]  # type: ignore[union-attr]
    assert [d.title for d in docs] == [r["headline"].strip() for r in records]  # type: ignore[union-attr]
    assert [d.source for d in docs] == [f"x.jsonl#{i}" for i in range(1, len(records) + 1)]


@FAST
@given(rows=st.lists(st.tuples(body, line), min_size=1, max_size=5))
def test_csv_round_trip(rows: list[tuple[str, str]]) -> None:
    buf = io.StringIO(newline="")
    writer = csv.writer(buf)
    writer.writerow(["body", "title"])
    writer.writerows(rows)
    docs = list(read_csv("x.csv", buf.getvalue(), ColumnMap()))
    assert [d.text for d in docs] == [r[0] for r in rows]  # type: ignore[union-attr]
    assert [d.title for d in docs] == [r[1].strip() for r in rows]  # type: ignore[union-attr]


@settings(max_examples=150, deadline=None)
@given(text=st.lists(st.one_of(line, st.sampled_from([
    "Sign up for our daily briefing", "5 min read", "(Photo: Reuters)", "Share this article", "",
    "The JapanSouth Korea summit ended.", "Mr. Kim met the U.S. envoy. He left!", "“Quoted” – dash",
])), min_size=1, max_size=12).map("\n".join))
def test_clean_offsets_stay_inside_text(text: str) -> None:
    out = clean_text(text)
    assert normalise(out.text) == out.text  # clean text is already normal
    spans = split_sentences(out.text)
    last = 0
    for s in spans:
        assert last <= s.start < s.end <= len(out.text)
        piece = out.text[s.start:s.end]
        assert piece == piece.strip() and "\n\n" not in piece
        last = s.end
    assert article_id(out.text) == article_id(out.text + "\n")  # ids ignore trailing whitespace
