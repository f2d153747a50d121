"""Date mentions: explicit forms, partial periods, decades, every relative kind, anchors, offsets."""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dyad.knowledge import load_pack
from dyad.records import date_bounds
from dyad.resolve.dates import DateMention, DateResolver

FIXTURES = Path(__file__).parent / "fixtures"
PUB = dt.date(2019, 8, 15)  # a Thursday

RESOLVER = DateResolver()


def only(text: str, published: dt.date | None = PUB) -> DateMention:
    found = RESOLVER.mentions(text, published=published)
    assert len(found) == 1, found
    return found[0]


# (text, expected mention text, date, precision, basis)
EXPLICIT = [
    ("Tokyo acted on Aug. 2, 2019, after talks.", "Aug. 2, 2019", "2019-08-02", "day", "explicit"),
    ("It was signed on 2 August 2019 in Seoul.", "2 August 2019", "2019-08-02", "day", "explicit"),
    ("The date was 2019-08-02.", "2019-08-02", "2019-08-02", "day", "explicit"),
    ("It happened on August 2nd, 2019.", "August 2nd, 2019", "2019-08-02", "day", "explicit"),
    ("On Friday, Aug. 2, 2019, Japan acted.", "Friday, Aug. 2, 2019", "2019-08-02", "day", "explicit"),
    ("It began on the 2nd of August 2019.", "2nd of August 2019", "2019-08-02", "day", "explicit"),
    ("The disaster of March 2011 changed that.", "March 2011", "2011-03", "month", "explicit"),
    ("Sept. 2018 was busy.", "Sept. 2018", "2018-09", "month", "explicit"),
    ("Relations were normalised in 1998.", "1998", "1998", "year", "explicit"),
    ("Under the 1965 treaty both sides agreed.", "1965", "1965", "year", "explicit"),
    ("The plan dates from early 2003.", "early 2003", "2003-01/2003-04", "range", "explicit"),
    ("Exports fell in late 2019.", "late 2019", "2019-09/2019-12", "range", "explicit"),
    ("A deal is due by mid-2020.", "mid-2020", "2020-05/2020-08", "range", "explicit"),
    ("It was sealed at the end of 2018.", "the end of 2018", "2018-09/2018-12", "range", "explicit"),
    ("Growth slowed in the first half of 2019.", "the first half of 2019", "2019-01/2019-06", "range", "explicit"),
    ("Trade fell in Q3 2019.", "Q3 2019", "2019-07/2019-09", "range", "explicit"),
    ("Talks were held in the summer of 2019.", "the summer of 2019", "2019-06/2019-08", "range", "explicit"),
    ("Talks stalled in early March 2011.", "early March 2011", "2011-03-01/2011-03-10", "range", "explicit"),
    ("Ties warmed in the 1990s.", "the 1990s", "1990/1999", "decade", "explicit"),
    ("Ties warmed in the early 1990s.", "the early 1990s", "1990/1993", "range", "explicit"),
    ("Pop culture spread in the '90s.", "the '90s", "1990/1999", "decade", "explicit"),
    ("Trade grew from 2017 to 2019.", "from 2017 to 2019", "2017/2019", "range", "explicit"),
    ("Trade grew in 2017-2019.", "2017-2019", "2017/2019", "range", "explicit"),
    ("Trade grew in 2017–19.", "2017–19", "2017/2019", "range", "explicit"),
    ("Trade grew between 2012 and 2015.", "between 2012 and 2015", "2012/2015", "range", "explicit"),
    ("Talks ran Aug. 2-4, 2019 in Seoul.", "Aug. 2-4, 2019", "2019-08-02/2019-08-04", "range", "explicit"),
]


@pytest.mark.parametrize(("text", "span", "date", "precision", "basis"), EXPLICIT)
def test_explicit_forms(text: str, span: str, date: str, precision: str, basis: str) -> None:
    mention = only(text)
    assert (mention.text, mention.date, mention.precision, mention.basis) == (span, date, precision, basis)
    assert text[mention.start:mention.end] == mention.text


RELATIVE = [
    ("Seoul protested last November.", "last November", "2018-11", "month"),
    ("Seoul protested last July.", "last July", "2019-07", "month"),
    ("Seoul protested last August.", "last August", "2018-08", "month"),
    ("They met in June.", "June", "2019-06", "month"),
    ("They met in August.", "August", "2019-08", "month"),
    ("They met in October.", "October", "2018-10", "month"),
    ("They met this June.", "this June", "2019-06", "month"),
    ("They will meet next August.", "next August", "2020-08", "month"),
    ("It was settled by late March.", "late March", "2019-03-21/2019-03-31", "range"),
    ("Exports fell last year.", "last year", "2018", "year"),
    ("Exports fell this year.", "this year", "2019", "year"),
    ("Exports will rise next year.", "next year", "2020", "year"),
    ("Exports fell late last year.", "late last year", "2018-09/2018-12", "range"),
    ("Exports fell earlier this year.", "earlier this year", "2019-01/2019-08", "range"),
    ("Exports will recover later this year.", "later this year", "2019-08/2019-12", "range"),
    ("Officials met yesterday.", "yesterday", "2019-08-14", "day"),
    ("Officials meet today.", "today", "2019-08-15", "day"),
    ("Officials meet tomorrow.", "tomorrow", "2019-08-16", "day"),
    ("Officials met the day before yesterday.", "the day before yesterday", "2019-08-13", "day"),
    ("Officials met last night.", "last night", "2019-08-14", "day"),
    ("Officials met this morning.", "this morning", "2019-08-15", "day"),
    ("Protesters rallied over the weekend.", "the weekend", "2019-08-10/2019-08-11", "range"),
    ("Officials met on Tuesday.", "Tuesday", "2019-08-13", "day"),
    ("Officials met on Thursday.", "Thursday", "2019-08-15", "day"),  # news style: the weekday of publication
    ("Officials met last Thursday.", "last Thursday", "2019-08-08", "day"),
    ("Officials met last Friday.", "last Friday", "2019-08-09", "day"),
    ("Officials will meet next Tuesday.", "next Tuesday", "2019-08-20", "day"),
    ("Seoul complained last month.", "last month", "2019-07", "month"),
    ("Seoul will respond next month.", "next month", "2019-09", "month"),
    ("Seoul complained earlier this month.", "earlier this month", "2019-08-01/2019-08-14", "range"),
    ("Seoul will respond later this month.", "later this month", "2019-08-16/2019-08-31", "range"),
    ("Seoul will respond early next month.", "early next month", "2019-09-01/2019-09-10", "range"),
    ("Seoul complained last week.", "last week", "2019-08-05/2019-08-11", "range"),
    ("Seoul complained earlier this week.", "earlier this week", "2019-08-12/2019-08-14", "range"),
    ("Protests are planned this weekend.", "this weekend", "2019-08-17/2019-08-18", "range"),
    ("Protests were held last weekend.", "last weekend", "2019-08-10/2019-08-11", "range"),
    ("Protests were held this past weekend.", "this past weekend", "2019-08-10/2019-08-11", "range"),
    ("Blinken visited Tokyo, January 15-17, for talks.", "January 15-17", "2019-01-15/2019-01-17", "range"),
    ("The deal was struck two years ago.", "two years ago", "2017", "year"),
    ("The deal was struck 3 months ago.", "3 months ago", "2019-05", "month"),
    ("The deal was struck ten days ago.", "ten days ago", "2019-08-05", "day"),
    ("The deal was struck two weeks ago.", "two weeks ago", "2019-07-29/2019-08-04", "range"),
    ("The deal was struck a decade ago.", "a decade ago", "2008/2010", "range"),
    ("The deal was struck a few years ago.", "a few years ago", "2014-08/2017-08", "range"),
    ("Ties worsened over the past two years.", "the past two years", "2017-08/2019-08", "range"),
    ("Ties worsened over the last three years.", "the last three years", "2016-08/2019-08", "range"),
    ("Ties worsened over the past year.", "the past year", "2018-08/2019-08", "range"),
    ("Ties worsened over the past 10 days.", "the past 10 days", "2019-08-05/2019-08-15", "range"),
    ("Ties worsened in recent years.", "recent years", "2016-08/2019-08", "range"),
    ("Ties worsened last summer.", "last summer", "2018-06/2018-08", "range"),
    ("Talks may resume this winter.", "this winter", "2019-12/2020-02", "range"),
    ("Ties worsened last winter.", "last winter", "2018-12/2019-02", "range"),
    ("They met in the spring.", "the spring", "2019-03/2019-05", "range"),
    ("Talks resume in the autumn.", "the autumn", "2018-09/2018-11", "range"),
    ("A deal is due before the end of the year.", "the end of the year", "2019-09/2019-12", "range"),
    ("Exports have fallen since last July.", "since last July", "2019-07/2019-08", "range"),
    ("Activists have rallied every Wednesday since 1992.", "since 1992", "1992/2019", "range"),
    ("Ties have frozen since Aug. 2, 2019.", "since Aug. 2, 2019", "2019-08-02/2019-08-15", "range"),
]


@pytest.mark.parametrize(("text", "span", "date", "precision"), RELATIVE)
def test_relative_forms(text: str, span: str, date: str, precision: str) -> None:
    mention = only(text)
    assert (mention.text, mention.date, mention.precision, mention.basis) == (span, date, precision, "relative")


@pytest.mark.parametrize(("text", "span"), [(t, s) for t, s, _, _ in RELATIVE if not s.startswith("since")])
def test_relative_without_publication_keeps_text_but_no_date(text: str, span: str) -> None:
    mention = only(text, published=None)
    assert (mention.text, mention.date, mention.basis) == (span, None, "none")


def test_yearless_forms_offer_the_future_reading() -> None:
    assert only("They meet in June.").future == "2020-06"
    assert only("They meet in September.").future == "2019-09"
    assert only("They meet on Tuesday.").future == "2019-08-20"
    md = only("They met on Aug 2.")
    assert (md.text, md.date, md.basis, md.future) == ("Aug 2", "2019-08-02", "relative", "2020-08-02")
    dm = only("They meet on 20 August.")
    assert (dm.date, dm.future) == ("2018-08-20", "2019-08-20")
    assert only("They met last year.").future is None


def test_since_without_publication_keeps_the_stated_date() -> None:
    mention = only("Activists have rallied since 1992.", published=None)
    assert (mention.text, mention.date, mention.basis) == ("1992", "1992", "explicit")


def test_seasons_offer_the_future_reading() -> None:
    assert only("Kishida may visit Seoul in the spring.").future == "2020-03/2020-05"
    assert RESOLVER.mentions("the fall of the Berlin Wall", published=PUB) == []


@pytest.mark.parametrize("text", [
    "Some 2000 troops were deployed.",
    "It cost $2019 per unit.",
    "Exports rose 2,019 units.",
    "May I ask a question?",
    "June said she would come.",
    "Production rose 2019%.",
    "The council adopted Resolution 2087 unanimously.",
    "Activists rally every Wednesday.",
])
def test_non_dates_are_not_dates(text: str) -> None:
    assert RESOLVER.mentions(text, published=PUB) == []


def test_attributive_year_with_plural_noun_is_a_year() -> None:
    assert only("The 1998 elections changed that.").date == "1998"


def test_sentence_initial_preposition_before_a_year() -> None:
    assert only("In 2019, exports fell.").date == "2019"
    assert only("In 2015 ties improved.").date == "2015"
    assert only("Since 2015 ties have improved.").date == "2015/2019"


def test_publication_date_is_never_invented() -> None:
    text = "Japan and South Korea clashed over trade."
    assert RESOLVER.mentions(text, published=PUB) == []


def test_offset_shifts_spans() -> None:
    text = "Seoul complained last month."
    plain = only(text)
    shifted = RESOLVER.mentions(text, published=PUB, offset=100)[0]
    assert (shifted.start, shifted.end) == (plain.start + 100, plain.end + 100)


def test_mentions_are_ordered_and_disjoint() -> None:
    text = "On Aug. 2, 2019 Tokyo acted; last year Seoul protested, and in the 1990s ties were warm."
    found = RESOLVER.mentions(text, published=PUB)
    assert [m.text for m in found] == ["Aug. 2, 2019", "last year", "the 1990s"]
    assert all(a.end <= b.start for a, b in itertools.pairwise(found))


# ---- anchors ----------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def anchored() -> DateResolver:
    return DateResolver(load_pack(FIXTURES / "jk"))


@pytest.mark.parametrize(("phrase", "date"), [
    ("the 1965 treaty", "1965-06-22"),
    ("the 2015 agreement", "2015-12-28"),
    ("the radar incident", "2018-12-20"),
    ("the 2018 ruling", "2018-10-30"),
    ("the comfort women deal", "2015-12-28"),
])
def test_anchor_phrases(anchored: DateResolver, phrase: str, date: str) -> None:
    found = anchored.anchor(phrase)
    assert found is not None
    assert (found.date, found.precision, found.basis) == (date, "day", "context")


@pytest.mark.parametrize("phrase", ["the agreement", "the 1972 treaty", "the weather incident", "the ruling"])
def test_vague_or_unknown_anchor_phrases_are_none(anchored: DateResolver, phrase: str) -> None:
    assert anchored.anchor(phrase) is None


def test_anchors_inside_text(anchored: DateResolver) -> None:
    text = "Seoul has demanded more since the 2015 agreement, and ties froze after the radar incident."
    found = anchored.mentions(text, published=PUB)
    assert [(m.text, m.date, m.basis) for m in found] == [
        ("since the 2015 agreement", "2015-12-28/2019-08-15", "context"),
        ("the radar incident", "2018-12-20", "context")]


def test_without_pack_the_year_stays_explicit() -> None:
    assert only("Both sides cite the 1965 treaty.").basis == "explicit"
    assert DateResolver().anchor("the 1965 treaty") is None


def test_anchors_come_from_the_pack_not_the_code() -> None:
    fd = DateResolver(load_pack(FIXTURES / "fd"))
    found = fd.anchor("the Elysee Treaty")
    assert found is not None and found.date == "1963-01-22"
    assert fd.anchor("the radar incident") is None


# ---- properties -------------------------------------------------------------------------------------------
ALL_TEXTS = [t for t, *_ in EXPLICIT] + [t for t, *_ in RELATIVE]


def test_every_produced_date_parses_with_date_bounds() -> None:
    for text in ALL_TEXTS:
        for mention in RESOLVER.mentions(text, published=PUB):
            assert date_bounds(mention.date) is not None
            if mention.future is not None:
                assert date_bounds(mention.future) is not None


_words = st.sampled_from([
    "Tokyo", "said", "on", "in", "last", "this", "next", "year", "month", "week", "Aug.", "2", "2019", "1990s",
    "early", "mid-2020", "June", "Tuesday", "ago", "two", "the", "past", "years", ",", ".", "yesterday", "March",
    "of", "from", "to", "2017", "-", "19", "'90s", "summer", "Q3", "weekend", "earlier", "recent", "13th",
])


@settings(max_examples=300, deadline=None)
@given(words=st.lists(_words, max_size=14), pub=st.one_of(st.none(), st.dates(dt.date(1950, 1, 1),
                                                                                dt.date(2030, 12, 31))),
       offset=st.integers(0, 50))
def test_offsets_and_dates_are_valid(words: list[str], pub: dt.date | None, offset: int) -> None:
    text = " ".join(words)
    found = RESOLVER.mentions(text, published=pub, offset=offset)
    last_end = offset
    for mention in found:
        assert offset <= mention.start < mention.end <= offset + len(text)
        assert text[mention.start - offset:mention.end - offset] == mention.text
        assert mention.start >= last_end
        last_end = mention.end
        if mention.date is None:
            assert mention.basis == "none"
        else:
            assert date_bounds(mention.date) is not None
        if mention.basis == "relative":
            assert pub is not None


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_arbitrary_text_never_breaks(text: str) -> None:
    for mention in RESOLVER.mentions(text, published=PUB):
        assert text[mention.start:mention.end] == mention.text
        if mention.date is not None:
            date_bounds(mention.date)


def test_anchor_never_points_after_publication(anchored: DateResolver) -> None:
    assert anchored.anchor("the radar incident", dt.date(2018, 1, 1)) is None
    found = anchored.anchor("the radar incident", dt.date(2025, 1, 1))
    assert found is not None and found.date == "2018-12-20"  # the first event, not a later follow-up


def test_weekday_named_on_publication_day_is_that_day() -> None:
    thursday = only("Seoul protested Thursday.")
    assert (thursday.date, thursday.future) == ("2019-08-15", "2019-08-15")


def test_anchor_year_ties_go_to_the_event_later_rows_refer_back_to() -> None:
    # two 2015 rows fit "the 2015 agreement" equally; a 2017 row on the comfort-women issue calls the December
    # one "the 2015 agreement", so it wins over the earlier June row
    found = DateResolver(load_pack(FIXTURES / "jk")).anchor("the 2015 agreement")
    assert found is not None and found.date == "2015-12-28"
