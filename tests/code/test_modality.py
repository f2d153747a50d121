"""Modality from the dependency tree, on sentences written for these tests."""

from __future__ import annotations

from typing import Any

import pytest

CASES = [
    ("Japan imposed tariffs on South Korea.", "imposed", "occurred"),
    ("Japan did not impose tariffs on South Korea.", "impose", "negated"),
    ("Japan never apologised to South Korea.", "apologised", "negated"),
    ("Japan no longer restricts exports to South Korea.", "restricts", "negated"),
    ("Tokyo refused to apologise to Seoul.", "apologise", "negated"),
    ("Japan failed to reach a deal with South Korea.", "reach", "negated"),
    ("Japan did not agree to lift the sanctions.", "lift", "negated"),
    ("If Japan imposes sanctions, South Korea will retaliate.", "imposes", "hypothetical"),
    ("Japan could impose sanctions on South Korea.", "impose", "hypothetical"),
    ("Seoul threatened to scrap the pact with Tokyo.", "scrap", "hypothetical"),
    ("Seoul urged Tokyo to lift the curbs.", "lift", "hypothetical"),
    ("Japan plans to impose sanctions on South Korea.", "impose", "planned"),
    ("Japan is set to impose sanctions on South Korea.", "impose", "planned"),
    ("Japan will impose sanctions on South Korea.", "impose", "planned"),
    ("Japan is going to impose sanctions on South Korea.", "impose", "planned"),
    ("Japan said it would impose sanctions on South Korea.", "impose", "planned"),
    ("Analysts said Japan would impose sanctions on South Korea.", "impose", "predicted"),
    ("Japan is expected to impose sanctions on South Korea.", "impose", "predicted"),
    ("Japan is likely to impose sanctions on South Korea.", "impose", "predicted"),
    ("Japan is imposing sanctions on South Korea.", "imposing", "ongoing"),
    ("Japan has been restricting exports to South Korea.", "restricting", "ongoing"),
    ("Japan continues to restrict exports to South Korea.", "restrict", "ongoing"),
    ("Will Japan impose sanctions on South Korea?", "impose", "question"),
]


@pytest.mark.parametrize(("text", "word", "expected"), CASES)
def test_modality_of_trigger(nlp: Any, text: str, word: str, expected: str) -> None:
    from dyad.code.modality import modality_of

    doc = nlp(text)
    tok = next(t for t in doc if t.text == word)
    assert modality_of(tok) == expected


def test_non_occurred_events_are_still_output(code: Any) -> None:
    coded = code("Japan could impose sanctions on South Korea.")
    assert [(e.event_type, e.modality) for e in coded.events] == [("SANCTION", "hypothetical")]


def test_event_noun_takes_modality_of_its_clause(code: Any) -> None:
    coded = code("Japan's sanctions on South Korea will not take effect.")
    e = next(e for e in coded.events if e.event_type == "SANCTION")
    assert e.modality == "negated"


@pytest.mark.parametrize(("text", "word", "expected"), [
    ("Washington has long urged Japan to compromise.", "urged", "ongoing"),
    ("Seoul has demanded an apology since 1992.", "demanded", "ongoing"),
    ("Seoul has demanded an apology.", "demanded", "occurred"),
])
def test_perfect_with_durative_adverbial_is_ongoing(nlp: Any, text: str, word: str, expected: str) -> None:
    from dyad.code.modality import modality_of

    doc = nlp(text)
    assert modality_of(next(t for t in doc if t.text == word)) == expected


@pytest.mark.parametrize(("text", "word", "expected"), [
    ("Seoul will scrap the pact if Tokyo does not reverse its decision.", "reverse", "hypothetical"),
    ("Tokyo will not lift the curbs, but Seoul asked Tokyo to reconsider.", "asked", "occurred"),
    ("Japan did not impose tariffs or restrict exports.", "restrict", "negated"),
])
def test_conditionals_and_coordination(nlp: Any, text: str, word: str, expected: str) -> None:
    from dyad.code.modality import modality_of

    doc = nlp(text)
    assert modality_of(next(t for t in doc if t.text == word)) == expected


def test_speaker_of_the_same_country_reports_a_plan(code: Any) -> None:
    coded = code("Tokyo said Japan would lift the sanctions on South Korea.")
    e = next(e for e in coded.events if e.event_type == "RETREAT")
    assert e.modality == "planned"


@pytest.mark.parametrize(("text", "expected"), [
    ("Japan's refusal to apologise to South Korea angered Seoul.", ("JPN", "CONCEDE", "KOR", "negated")),
    ("Seoul's plan to scrap the pact with Tokyo drew criticism.", ("KOR", "SANCTION", "JPN", "planned")),
])
def test_clause_on_an_event_noun(code: Any, text: str, expected: tuple[str, str, str, str]) -> None:
    got = {(e.source.country, e.event_type, e.target.country, e.modality) for e in code(text).events}
    assert expected in got


def test_coordinated_clause_with_its_own_tense(nlp: Any) -> None:
    from dyad.code.modality import modality_of

    doc = nlp("Tokyo said it would respond calmly and called on Seoul to exercise restraint.")
    assert modality_of(next(t for t in doc if t.text == "called")) == "occurred"


def test_governor_conditional_outranks_its_class(nlp: Any) -> None:
    from dyad.code.modality import modality_of

    doc = nlp("If the talks fail, Japan may consider reimposing tariffs on South Korea.")
    assert modality_of(next(t for t in doc if t.text == "reimposing")) == "hypothetical"
