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
