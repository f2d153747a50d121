"""Scoring rules of the evaluation (tests/data/gold/README.md), on hand-made predictions."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dyad.errors import CoderError
from dyad.evaluation import Floors, check, evaluate, gold_digest, load_gold, pin
from dyad.evaluation.gold import GoldEvent, GoldItem, GoldPerception
from dyad.evaluation.score import align, date_matches
from dyad.ontology import event_type
from dyad.records import ActorRef, Article, EventRecord, PerceptionRecord

GOLD_DIR = Path(__file__).parents[1] / "data" / "gold"


def ev(src: str | None, tgt: str | None, etype: str, *, date: str | None = None,
       modality: str = "occurred") -> EventRecord:
    t = event_type(etype)
    return EventRecord(article="a", sentence="s", start=0, end=1, source=ActorRef("x", None, src),
                       target=ActorRef("y", None, tgt), event_type=etype, quad_class=t.quad_class,
                       intensity=t.intensity, modality=modality, date=date)  # type: ignore[arg-type]


def gold(src: str | None, tgt: str | None, etype: str, *, date: str | None = None,
         modality: str | None = "occurred", optional: bool = False) -> GoldEvent:
    return GoldEvent(src, tgt, etype, event_type(etype).quad_class, date, modality, optional)


def item(events: list[GoldEvent], *, annotation: str = "complete", perceptions: tuple[GoldPerception, ...] | None = (),
         origin: str = "authored") -> GoldItem:
    return GoldItem(id="i1", text="t", published="2019-08-05", origin=origin, annotation=annotation,  # type: ignore[arg-type]
                    events=tuple(events), perceptions=perceptions)


def run(items: list[GoldItem], outputs: list[tuple[list[EventRecord], list[PerceptionRecord]]]):  # type: ignore[no-untyped-def]
    return evaluate(items, code_fn=lambda articles: iter(outputs))


@pytest.mark.parametrize(("pred", "gold_date", "ok"), [
    ("2019-08-02", "2019-08-02", True),
    ("2019-08", "2019-08-02", False),          # a month is too coarse for a stated day
    ("2019-07-29/2019-08-04", "2019-08-02", True),  # a week around the day is tolerated
    ("2019-08", "2019-08", True),
    ("2019", "2019-08", False),
    ("2019-08-02", "2019", True),              # finer than gold and inside it
    ("2018-12", "2019", False),
    (None, "2019", False),
    ("1992", "1992/2019", True),
])
def test_date_matches(pred: str | None, gold_date: str, ok: bool) -> None:
    assert date_matches(pred, gold_date) is ok


def test_align_needs_type_or_quad_and_a_country() -> None:
    golds = [gold("JPN", "KOR", "SANCTION")]
    assert align([ev("JPN", "KOR", "COERCE")], golds) == [(0, 0)]      # same quad class
    assert align([ev("JPN", "KOR", "AGREE")], golds) == []             # different quad class
    assert align([ev("USA", "CHN", "SANCTION")], golds) == []          # no country agrees
    assert align([ev("USA", "KOR", "SANCTION")], golds) == [(0, 0)]    # target agrees


def test_complete_item_counts_every_spurious_prediction() -> None:
    report = run([item([gold("JPN", "KOR", "SANCTION", date="2019-08-02")])],
                 [([ev("JPN", "KOR", "SANCTION", date="2019-08-02"), ev("KOR", "JPN", "ACCUSE"),
                    ev("KOR", None, "ACCUSE")], [])])
    t = report.overall
    assert (t.tp, t.fp, t.fn) == (1, 1, 0)   # the target-less prediction is not counted
    assert t.accuracy("date") == 1.0
    assert t.f1 == pytest.approx(2 / 3)


def test_primary_item_counts_at_most_one_false_positive() -> None:
    g = [gold("LBY", "GBR", "AGREE", modality=None)]
    hit = run([item(g, annotation="primary", perceptions=None)], [([ev("LBY", "GBR", "AGREE"), ev("LBY", "USA", "ACCUSE")], [])])
    assert (hit.overall.tp, hit.overall.fp, hit.overall.fn) == (1, 0, 0)
    miss = run([item(g, annotation="primary", perceptions=None)], [([ev("FRA", "DEU", "ACCUSE"), ev("FRA", "ITA", "ACCUSE")], [])])
    assert (miss.overall.tp, miss.overall.fp, miss.overall.fn) == (0, 1, 1)
    assert miss.overall.accuracy("modality") is None   # not annotated: not scored


def test_optional_gold_neither_rewards_nor_penalises() -> None:
    g = [gold("USA", "JPN", "SUPPORT"), gold("JPN", "KOR", "CONSULT", optional=True)]
    with_opt = run([item(g)], [([ev("USA", "JPN", "SUPPORT"), ev("JPN", "KOR", "CONSULT")], [])])
    without = run([item(g)], [([ev("USA", "JPN", "SUPPORT")], [])])
    for r in (with_opt, without):
        assert (r.overall.tp, r.overall.fp, r.overall.fn) == (1, 0, 0)


def test_field_accuracy_on_matched_pairs() -> None:
    report = run([item([gold("JPN", "KOR", "SANCTION", modality="planned")])],
                 [([ev("JPN", "KOR", "COERCE", modality="occurred")], [])])
    t = report.overall
    assert t.tp == 1
    assert t.accuracy("event_type") == 0.0
    assert t.accuracy("quad_class") == 1.0
    assert t.accuracy("country") == 1.0
    assert t.accuracy("modality") == 0.0


def test_perceptions_scored_by_holder_and_about() -> None:
    def perc(h: str, a: str, stance: str) -> PerceptionRecord:
        return PerceptionRecord(article="a", sentence="s", start=0, end=1, holder=ActorRef("h", None, h),
                                about=ActorRef("b", None, a), stance=stance, frame="f")  # type: ignore[arg-type]
    gp = (GoldPerception("JPN", "KOR", "negative"), GoldPerception("KOR", "JPN", "negative"))
    report = run([item([], perceptions=gp)], [([], [perc("JPN", "KOR", "negative"), perc("USA", "KOR", "positive")])])
    p = report.overall.as_dict()["perception"]
    assert (p["tp"], p["fp"], p["fn"]) == (1, 1, 1)
    assert p["stance_accuracy"] == 1.0


def test_by_origin_slices() -> None:
    items = [item([gold("JPN", "KOR", "ACCUSE")], origin="authored"),
             item([gold("JPN", "KOR", "ACCUSE")], origin="public_text")]
    report = run(items, [([ev("JPN", "KOR", "ACCUSE")], []), ([], [])])
    assert report.by_origin["authored"].recall == 1.0
    assert report.by_origin["public_text"].recall == 0.0
    assert report.overall.recall == 0.5


def test_shipped_gold_loads_and_is_large_enough() -> None:
    items = load_gold([GOLD_DIR])
    assert len(items) >= 250
    origins = {i.origin for i in items}
    assert {"plover_gsr", "public_text", "authored"} <= origins
    jk = [i for i in items if i.origin != "plover_gsr"]
    assert all(i.annotation == "complete" for i in jk)
    assert sum(1 for i in jk for e in i.events if e.date) >= 40
    assert sum(1 for i in jk for e in i.events if e.modality not in (None, "occurred")) >= 20
    assert sum(len(i.perceptions or ()) for i in jk) >= 10


@pytest.mark.parametrize(("line", "message"), [
    ('{"id": "x"}', "KeyError"),
    ('{"id": "x", "text": "t", "events": [{"event_type": "DEMAND"}]}', "unknown event_type"),
    ('{"id": "x", "text": "t", "events": [{"event_type": "AGREE", "date": "last year"}]}', "bad date"),
    ('{"id": "x", "text": "t", "annotation": "partial"}', "bad annotation"),
    ("not json", "JSONDecodeError"),
])
def test_bad_gold_lines_name_file_and_line(tmp_path: Path, line: str, message: str) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text('{"id": "ok", "text": "fine"}\n' + line + "\n", encoding="utf-8")
    with pytest.raises(CoderError) as info:
        load_gold([path])
    assert f"{path}:2" in str(info.value)
    assert message in str(info.value)
    assert info.value.code.value == "E302"


def test_pin_raises_but_never_silently_lowers(tmp_path: Path) -> None:
    floors_path = tmp_path / "floors.json"
    good = run([item([gold("JPN", "KOR", "ACCUSE")])], [([ev("JPN", "KOR", "ACCUSE")], [])])
    bad = run([item([gold("JPN", "KOR", "ACCUSE")])], [([], [])])
    pin(good, floors_path, gold_sha256="abc", names=("event_f1",))
    assert json.loads(floors_path.read_text())["floors"]["event_f1"] == 1.0
    with pytest.raises(CoderError, match="refusing to lower"):
        pin(bad, floors_path, gold_sha256="abc", names=("event_f1",))
    assert check(bad, Floors.read(floors_path), gold_sha256="abc") == ["event_f1 0.000 is below its floor 1.000"]
    assert check(good, Floors.read(floors_path), gold_sha256="other")[0].startswith("gold files changed")
    pin(bad, floors_path, gold_sha256="abc", names=("event_f1",), allow_lower=True)
    assert Floors.read(floors_path).floors["event_f1"] == 0.0


def test_gold_digest_changes_with_content(tmp_path: Path) -> None:
    p = tmp_path / "g.jsonl"
    p.write_text('{"id": "a", "text": "t"}\n')
    before = gold_digest([tmp_path])
    p.write_text('{"id": "a", "text": "u"}\n')
    assert gold_digest([tmp_path]) != before


def test_gold_article_carries_outlet_and_date() -> None:
    from dyad.evaluation.score import gold_article
    it = GoldItem(id="p", text="We welcome it.", published="2015-12-28", origin="public_text", annotation="complete",
                  events=(), perceptions=(), outlet="U.S. Department of State", title="Statement")
    art: Article = gold_article(it)
    assert art.outlet == "U.S. Department of State"
    assert art.published is not None and art.published.isoformat() == "2015-12-28"
