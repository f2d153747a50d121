"""The Coder API: offsets stay inside the text, records round-trip through JSON, pipe keeps order."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dyad.records import EventRecord, PerceptionRecord

FRAGMENTS = [
    "Japan imposed tariffs on South Korea.", "Seoul sees Tokyo as an unreliable partner.",
    "South Korea summoned the Japanese ambassador in July 2019.", "The weather was mild.",
    "Japan and South Korea agreed to resume talks.", "Will Japan lift the curbs?",
    "Protesters rallied against Japan.", "“Tokyo must apologise,” Seoul said.", "  ", "Ünïcödé text — here.",
]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(parts=st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=6),
       seps=st.lists(st.sampled_from([" ", "\n", "\n\n", "  \n ", "\t"]), min_size=6, max_size=6))
def test_offsets_stay_inside_the_text(code: Any, parts: list[str], seps: list[str]) -> None:
    text = "".join(p + s for p, s in zip(parts, seps, strict=False))
    coded = code(text)
    for s in coded.sentences:
        assert 0 <= s.start < s.end <= len(text)
        assert text[s.start:s.end].strip() == text[s.start:s.end]
    for r in [*coded.events, *coded.perceptions]:
        assert 0 <= r.start < r.end <= len(text)
        assert text[r.start:r.end] == r.sentence
        assert r.article == coded.article.id
    for e in coded.events:
        assert e.trigger and all(w in e.sentence for w in e.trigger.split())


def test_records_round_trip_through_json(code: Any) -> None:
    coded = code("Seoul sees Tokyo as an unreliable partner. Japan imposed export curbs on South Korea in July 2019.")
    assert coded.events and coded.perceptions
    for e in coded.events:
        back = EventRecord.from_json(json.loads(json.dumps(e.to_json())))
        assert back == e
        assert back.id == e.id
    for p in coded.perceptions:
        assert PerceptionRecord.from_json(json.loads(json.dumps(p.to_json()))) == p


def test_pipe_keeps_input_order(coder: Any) -> None:
    from dyad.code.api import text_article

    texts = ["Japan imposed tariffs on South Korea.", "Nothing here.", "Seoul urged Tokyo to reconsider."]
    out = list(coder.pipe([text_article(t) for t in texts], batch_size=2))
    assert [c.article.text for c in out] == texts
    assert [len(c.events) > 0 for c in out] == [True, False, True]


def test_extract_on_texts_and_files(coder: Any, tmp_path: Any) -> None:
    import datetime as dt

    from dyad.code.api import extract

    path = tmp_path / "a.txt"
    path.write_text("Japan imposed tariffs on South Korea.\n", encoding="utf-8")
    failures: list[Any] = []
    records = extract([str(path), "Seoul urged Tokyo to reconsider.", str(tmp_path / "missing.txt")],
                      published=dt.date(2020, 1, 2), coder=coder, on_failure=failures.append)
    types = [r.event_type for r in records if isinstance(r, EventRecord)]
    assert "SANCTION" in types and "REQUEST" in types
    assert len(failures) == 1 and failures[0].code.startswith("E1")


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=200))
def test_any_text_codes_without_error(code: Any, text: str) -> None:
    coded = code(text)
    for r in [*coded.events, *coded.perceptions]:
        assert text[r.start:r.end] == r.sentence


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(words=st.lists(st.sampled_from(["Japan", "South Korea", "Seoul", "Tokyo", "imposed", "agreed", "not", "the",
                                       "sanctions", "on", "with", "and", "said", "it", "would", "talks", "if", "?",
                                       ",", "in", "July", "2019", "accused", "of", "ban", "'s", "urged", "to"]),
                      min_size=1, max_size=25))
def test_word_salad_in_the_dyad_vocabulary(code: Any, words: list[str]) -> None:
    text = " ".join(words) + "."
    coded = code(text)
    for e in coded.events:
        assert e.source.country != e.target.country
        assert e.source.country or e.target.country
        assert 0 < e.confidence <= 1


def test_article_longer_than_the_parser_limit(coder: Any, monkeypatch: Any) -> None:
    from dyad.code.api import text_article

    para = "Japan imposed tariffs on South Korea in July 2019. Seoul sees Tokyo as an unreliable partner."
    text = "\n\n".join([para] * 6)
    whole = coder.code(text_article(text))
    monkeypatch.setattr(coder.nlp, "max_length", 250)
    chunked = coder.code(text_article(text))
    piped = next(coder.pipe([text_article(text)]))
    assert [(e.start, e.end, e.event_type) for e in chunked.events] == [
        (e.start, e.end, e.event_type) for e in whole.events]
    assert len(chunked.perceptions) == len(whole.perceptions) == 6
    assert [(e.start, e.end) for e in piped.events] == [(e.start, e.end) for e in chunked.events]
    for r in [*chunked.events, *chunked.perceptions]:
        assert text[r.start:r.end] == r.sentence
    assert [s.index for s in chunked.sentences] == list(range(len(chunked.sentences)))
