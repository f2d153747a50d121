"""Perceptions: one side's stated view of the other."""

from __future__ import annotations

from typing import Any

import pytest


@pytest.mark.parametrize(("text", "holder", "about", "stance", "frame"), [
    ("Seoul sees Tokyo as an unreliable partner.", "KOR", "JPN", "negative", "unreliable partner"),
    ("Japan regards South Korea as an important neighbour.", "JPN", "KOR", "positive", "important neighbour"),
    ("South Korea is concerned about Japan's lack of remorse.", "KOR", "JPN", "negative", "lack of remorse"),
    ("Korea remains angry over Japan's refusal to apologise.", "KOR", "JPN", "negative", "refusal to apologise"),
    ("Many in Japan believe Seoul is fixated on the past.", "JPN", "KOR", "negative", "fixated on past"),
    ("Japan distrusts South Korea.", "JPN", "KOR", "negative", "distrust"),
    ("Seoul accused Tokyo of distorting history.", "KOR", "JPN", "negative", "distorting history"),
    ("Japan considers Korea unreliable.", "JPN", "KOR", "negative", "unreliable"),
    ("Seoul is frustrated with Japan.", "KOR", "JPN", "negative", None),
])
def test_perception_patterns(code: Any, text: str, holder: str, about: str, stance: str, frame: str | None) -> None:
    coded = code(text)
    got = [(p.holder.country, p.about.country, p.stance) for p in coded.perceptions]
    assert (holder, about, stance) in got
    p = next(p for p in coded.perceptions if p.holder.country == holder)
    if frame is not None:
        assert p.frame == frame
    assert p.sentence == text and (p.start, p.end) == (0, len(text))


def test_accusation_is_also_an_event(code: Any) -> None:
    coded = code("Seoul accused Tokyo of distorting history.")
    assert any(e.event_type == "ACCUSE" for e in coded.events)
    assert coded.perceptions


def test_no_perception_without_a_cue(code: Any) -> None:
    assert code("Japan and South Korea held talks in Busan.").perceptions == []


def test_perception_modality(code: Any) -> None:
    coded = code("Does Seoul see Tokyo as a reliable partner?")
    assert [p.modality for p in coded.perceptions] == ["question"]


@pytest.mark.parametrize(("text", "holder", "about", "stance"), [
    ("Japan's decision angered South Korea.", "KOR", "JPN", "negative"),
    ("Seoul expressed concern that Tokyo had changed its textbooks.", "KOR", "JPN", "negative"),
    ("Most Japanese now view South Korea unfavourably.", "JPN", "KOR", "negative"),
    ("Seoul officials worry about the stability of the deal under a new cabinet in Tokyo.", "KOR", "JPN", "negative"),
    ("Seoul said Tokyo had become a reliable partner.", "KOR", "JPN", "positive"),
])
def test_more_perception_patterns(code: Any, text: str, holder: str, about: str, stance: str) -> None:
    got = {(p.holder.country, p.about.country, p.stance) for p in code(text).perceptions}
    assert (holder, about, stance) in got


def test_reported_statement_without_evaluation_is_no_perception(code: Any) -> None:
    assert code("Seoul said Tokyo had changed its textbooks.").perceptions == []


@pytest.mark.parametrize(("text", "holder", "about", "stance"), [
    ("Korean diplomats say Tokyo lacks remorse.", "KOR", "JPN", "negative"),
])
def test_evaluative_reports(code: Any, text: str, holder: str, about: str, stance: str) -> None:
    got = {(p.holder.country, p.about.country, p.stance) for p in code(text).perceptions}
    assert (holder, about, stance) in got


def test_dyad_phrase_as_object_of_a_view(code: Any) -> None:
    got = {(p.holder.country, p.about.country) for p in code("China is worried about the two countries.").perceptions}
    assert got == {("CHN", "JPN"), ("CHN", "KOR")}
