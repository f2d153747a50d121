"""The merged timeline: golden merging and non-merging cases, order independence, incremental store updates."""

from __future__ import annotations

import json
import os
import random
from pathlib import Path
from types import SimpleNamespace

import pytest
from measure_helpers import ev

from dyad.measure.timeline import (
    chronology_events,
    compatible_types,
    get_timeline,
    load_timeline,
    merge_events,
    rebuild_timeline,
    update_timeline,
)
from dyad.records import Article, EventRecord
from dyad.store.db import Store

HERE = Path(__file__).parent
CASES = sorted(p.stem for p in (HERE / "fixtures").glob("*.jsonl"))


def _events(name: str) -> list[EventRecord]:
    lines = (HERE / "fixtures" / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()
    return [EventRecord.from_json(json.loads(line)) for line in lines if line.strip()]


def _golden_lines(entries: list) -> list[dict]:  # type: ignore[type-arg]
    return [e.to_json() for e in entries]


@pytest.mark.parametrize("name", CASES)
def test_golden(name: str) -> None:
    got = _golden_lines(merge_events(_events(name)))
    path = HERE / "golden" / f"{name}.jsonl"
    if os.environ.get("DYAD_UPDATE_GOLDEN"):
        path.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in got), encoding="utf-8")
    want = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert got == want


def test_named_cases() -> None:
    past = merge_events(_events("past_agreement"))
    by_date = {e.date: e for e in past}
    assert by_date["2015-12-28"].n_articles == 2  # a 2018 op-ed and a 2022 op-ed, same 2015 agreement
    assert by_date["2015-12-28"].dates == ["2015-12-28", "2015"]
    assert by_date["1998-10-08"].date_precision == "day"  # "1998" and "1998-10-08" -> finer date kept
    assert by_date["1998-10-08"].n_articles == 2
    assert len(past) == 3
    acts = merge_events(_events("same_actors_different_acts"))
    assert sorted(e.event_type for e in acts) == ["AGREE", "PROTEST", "SANCTION"]
    assert next(e for e in acts if e.event_type == "SANCTION").n_articles == 2
    opposite = merge_events(_events("opposite_direction"))
    assert sorted((e.source, e.target) for e in opposite) == [("JPN", "KOR"), ("KOR", "JPN")]


def test_only_counted_by_default() -> None:
    events = _events("modality")
    assert [e.modality for e in merge_events(events)] == ["occurred"]
    both = merge_events(events, include_uncounted=True)
    assert sorted(e.modality for e in both) == ["occurred", "planned"]  # a plan never merges with the act


def test_single_event_keeps_its_precision() -> None:
    [entry] = merge_events([ev("x", "Japan and Korea signed a fisheries agreement in 1998.", "1998", "AGREE")])
    assert (entry.date, entry.date_precision, str(entry.date_start), str(entry.date_end)) == (
        "1998", "year", "1998-01-01", "1998-12-31")


def test_compatible_types_from_ontology() -> None:
    assert compatible_types("AGREE", "CONCEDE")
    assert not compatible_types("AGREE", "CONSULT")
    assert not compatible_types("AGREE", "COOPERATE")  # other quad class
    assert not compatible_types("ASSAULT", "PROTEST")


def test_order_does_not_matter() -> None:
    events = [e for name in CASES for e in _events(name)]
    want = _golden_lines(merge_events(events))
    for seed in range(5):
        shuffled = events[:]
        random.Random(seed).shuffle(shuffled)
        assert _golden_lines(merge_events(shuffled)) == want


def _no_id(x: dict) -> dict:  # type: ignore[type-arg]
    """Entry ids name the event that founded the entry, which depends on arrival order; the rest must not."""
    return {k: v for k, v in x.items() if k != "id"}


def _add(store: Store, article: str, events: list[EventRecord]) -> None:
    art = Article(id=article, text=" ".join(e.sentence for e in events), raw="", source=article,
                  source_format="txt")
    store.add_article(art, events=events)


def test_store_matches_memory_and_is_incremental(store: Store) -> None:
    events = [e for name in CASES for e in _events(name)]
    by_article: dict[str, list[EventRecord]] = {}
    for e in events:
        by_article.setdefault(e.article, []).append(e)
    names = sorted(by_article)
    for a in names[:-1]:
        _add(store, a, by_article[a])
    first = update_timeline(store)
    assert first.events_added == sum(len(by_article[a]) for a in names[:-1])
    assert update_timeline(store).events_added == 0  # nothing new: nothing done
    _add(store, names[-1], by_article[names[-1]])
    step = update_timeline(store)
    assert step.events_added == len(by_article[names[-1]])
    assert step.entries_created + step.entries_changed <= step.events_added
    stored = [_no_id(e.to_json()) for e in load_timeline(store)]
    memory = [_no_id(e.to_json()) for e in merge_events(events, include_uncounted=True)]
    key = lambda x: (x["date"] or "", x["source"], x["event_type"], x["articles"])  # noqa: E731
    assert sorted(stored, key=key) == sorted(memory, key=key)
    rebuilt = rebuild_timeline(store)
    assert rebuilt.events_added == len(events)
    assert sorted((_no_id(e.to_json()) for e in load_timeline(store)), key=key) == sorted(memory, key=key)


def test_recoded_article_drops_members(store: Store) -> None:
    events = _events("past_agreement")
    for a in sorted({e.article for e in events}):
        _add(store, a, [e for e in events if e.article == a])
    update_timeline(store)
    store.replace_coding("art-2022-oped", [], [])
    result = update_timeline(store)
    assert result.members_dropped == 1
    entry = next(e for e in load_timeline(store) if e.date == "2015-12-28")
    assert entry.articles == ["art-2018-op"]


def test_get_timeline_filters(store: Store) -> None:
    events = _events("same_actors_different_acts") + _events("opposite_direction")
    for a in sorted({e.article for e in events}):
        _add(store, a, [e for e in events if e.article == a])
    assert {e.event_type for e in get_timeline(store, issue="economy")} == {"SANCTION", "AGREE"}
    assert [e.source for e in get_timeline(store, source="KOR")] == ["KOR"]


def _row(id_: str, date: str, prec: str, src: str, tgt: str, etype: str, quad: str, issues: str, desc: str
         ) -> SimpleNamespace:
    return SimpleNamespace(id=id_, date=date, date_precision=prec, source=src, target=tgt, event_type=etype,
                           quad_class=quad, issues=issues, description=desc, source_url="https://example.org/x")


def test_chronology_events() -> None:
    pack = SimpleNamespace(id="demo", dyad=("JPN", "KOR"), chronology=(
        _row("a", "1965-06-22", "day", "JPN", "KOR", "AGREE", "verbal_coop", "diplomacy.normalisation",
             "Joint: the two sign the Treaty on Basic Relations"),
        _row("b", "2018-10-30", "day", "KOR.JUD.SUPREME_COURT", "JPN.BUS.NIPPON_STEEL", "COERCE",
             "material_conflict", "history.forced_labour|economy.assets", "Court orders compensation"),
        _row("c", "1998", "year", "JPN", "KOR", "AGREE", "verbal_coop", "", "A year-precision row"),
    ), polls=())
    events = chronology_events(pack)
    assert [e.article for e in events] == ["chronology:demo"] * 4
    assert [(e.source.country, e.target.country) for e in events] == [
        ("JPN", "KOR"), ("KOR", "JPN"), ("KOR", "JPN"), ("JPN", "KOR")]
    assert events[2].source.actor == "KOR.JUD.SUPREME_COURT"
    assert events[2].issues == ("history.forced_labour", "economy.assets")
    assert all(e.date_basis == "explicit" and e.sentence for e in events)
    assert events[3].date == "1998" and events[3].date_precision == "year"
    assert len(merge_events(events)) == 4
