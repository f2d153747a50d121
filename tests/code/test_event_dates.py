"""Which date an event gets, and on what basis."""

from __future__ import annotations

import datetime as dt
from typing import Any


def test_two_events_with_their_own_dates_in_one_sentence(code: Any) -> None:
    coded = code("Japan imposed export controls on South Korea in July 2019, "
                 "and South Korea scrapped the intelligence pact with Japan in August 2019.")
    by_source = {e.source.country: e for e in coded.events}
    assert (by_source["JPN"].event_type, by_source["JPN"].date) == ("SANCTION", "2019-07")
    assert (by_source["KOR"].event_type, by_source["KOR"].date) == ("SANCTION", "2019-08")
    assert by_source["KOR"].trigger == "scrapped pact"
    assert all(e.date_basis == "explicit" for e in coded.events)


def test_narrative_date_is_inherited_with_basis_context(code: Any) -> None:
    coded = code("The dispute escalated in March 2023. Japan protested to South Korea.")
    e = coded.events[0]
    assert (e.date, e.date_basis, e.date_text) == ("2023-03", "context", "March 2023")


def test_publication_date_only_as_flagged_fallback(code: Any) -> None:
    coded = code("Japan protested to South Korea.", published=dt.date(2024, 5, 2))
    e = coded.events[0]
    assert (e.date, e.date_basis, e.date_precision) == ("2024-05-02", "publication", "day")
    assert "date_from_publication" in e.flags


def test_no_date_without_any_basis(code: Any) -> None:
    e = code("Japan protested to South Korea.").events[0]
    assert (e.date, e.date_basis) == (None, "none")


def test_publication_date_not_used_for_planned_events(code: Any) -> None:
    coded = code("Japan will impose sanctions on South Korea.", published=dt.date(2024, 5, 2))
    e = coded.events[0]
    assert e.modality == "planned"
    assert (e.date, e.date_basis) == (None, "none")


def test_coordinated_verb_shares_the_date(code: Any) -> None:
    coded = code("Japan met South Korea in March 2019 and agreed to cooperate.")
    agree = next(e for e in coded.events if e.event_type == "AGREE")
    assert (agree.date, agree.date_basis) == ("2019-03", "explicit")


def test_anchored_date_does_not_date_the_verb(nlp: Any) -> None:
    from dataclasses import dataclass

    from dyad.code.dating import DateAttacher

    @dataclass(frozen=True)
    class M:
        start: int
        end: int
        text: str
        date: str | None
        precision: str
        basis: str

    text = "Japan lifted its export restrictions on Thursday."
    doc = nlp(text)
    lifted = next(t.i for t in doc if t.text == "lifted")
    anchored = M(text.index("its"), text.index(" on"), "its export restrictions", "2019-07", "month", "context")
    stated = M(text.index("Thursday"), text.index("Thursday") + 8, "Thursday", "2023-03-23", "day", "relative")
    out = DateAttacher(None).sentence(doc, [lifted], ["occurred"], [anchored, stated])  # type: ignore[list-item]
    assert (out[0].date, out[0].basis) == ("2023-03-23", "relative")


def test_when_clause_shares_the_date(code: Any) -> None:
    coded = code("Japan and South Korea last met in March 2019, when they agreed to restore the pact.")
    agree = [e for e in coded.events if e.event_type == "AGREE"]
    assert agree and all(e.date == "2019-03" for e in agree)


def test_participial_clause_shares_the_date(code: Any) -> None:
    coded = code("Korean activists rallied against Japan in May 2021, demanding an apology from Tokyo.")
    request = next(e for e in coded.events if e.event_type == "REQUEST")
    assert request.date == "2021-05"
