"""Date mentions in English news text: explicit, partial, decades, relative to publication, and anchored.

Spans are found by the hand-written patterns below because dateparser's `search_dates` gives no character offsets
and misreads common words ("May", "second", "march") as dates; dateparser normalises the full-date strings the
patterns find. Partial periods ("early 2003"), decades, ranges and week/month arithmetic relative to publication are
computed here because dateparser returns single instants with no precision.

Dates are ISO 8601 at their real precision or "A/B" intervals; `dyad.records.date_bounds` accepts every one of them.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from dyad.records import DateBasis, DatePrecision
from dyad.resolve import _calendar as cal
from dyad.resolve.anchors import EVENT_NOUN_PATTERN, AnchorIndex

if TYPE_CHECKING:
    from dyad.knowledge import KnowledgePack

__all__ = ["DateMention", "DateResolver"]


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date expression at char offsets [start, end) of the text.

    `date` is None when the expression is relative and no publication date was given (basis "none").
    `future` is the next-occurrence reading of year-less forms ("in June", "on Aug 2", "on Tuesday") — `date` holds
    the most recent past reading; the coder picks `future` for future-tense clauses. None where there is no choice.
    """

    start: int
    end: int
    text: str
    date: str | None
    precision: DatePrecision
    basis: DateBasis
    future: str | None = None


@dataclass(frozen=True, slots=True)
class _Hit:
    start: int
    end: int
    date: str | None
    precision: DatePrecision
    basis: DateBasis
    future: str | None = None


_Handler = Callable[[re.Match[str], "dt.date | None"], "_Hit | None"]

# ---- vocabulary -------------------------------------------------------------------------------------------
_MON = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
        r"|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept\.?|Sep\.?|Oct\.?|Nov\.?|Dec\.?)(?![A-Za-z])")
_MON_FULL = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)\b"
_WD = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_YEAR = r"(?:1[6-9]\d\d|20\d\d)"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_NUM = (r"(?:\d{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|"
        r"fifty|a\s+couple\s+of|couple\s+of|a\s+few|few|several)")
_UNIT = r"(?P<unit>days?|weeks?|months?|years?|decades?)"
_PART = r"(?P<part>early|mid|late|the\s+(?:beginning|start|middle|end)\s+of)"
_YPART = (r"(?P<part>early|mid|late|the\s+(?:beginning|start|middle|end)\s+of|the\s+(?:first|second)\s+half\s+of"
          r"|the\s+(?:first|second|third|fourth|last)\s+quarter\s+of)")
_PART_WORDS = {"the beginning of": "early", "the start of": "early", "the middle of": "mid", "the end of": "late"}


def _part(text: str) -> str:
    key = " ".join(text.casefold().split())
    key = _PART_WORDS.get(key, key)
    return key.removeprefix("the ").removesuffix(" of")


def _num(text: str) -> int | None:
    key = " ".join(text.casefold().split())
    if key.isdigit():
        return int(key)
    return cal.NUMBERS.get(key)


@lru_cache(maxsize=4096)
def _parse_full(text: str) -> dt.date | None:
    import dateparser  # slow import; only needed when a full date is found

    found = dateparser.parse(text, languages=["en"], settings={
        "PREFER_DATES_FROM": "past", "REQUIRE_PARTS": ["day", "month", "year"], "STRICT_PARSING": True,
    })
    return found.date() if found is not None else None


# ---- explicit ---------------------------------------------------------------------------------------------
def _iso(m: re.Match[str], pub: dt.date | None) -> _Hit | None:
    try:
        day = dt.date(int(m["y"]), int(m["m"]), int(m["d"]))
    except ValueError:
        return None
    return _Hit(m.start(), m.end(), day.isoformat(), "day", "explicit")


def _full(m: re.Match[str], pub: dt.date | None) -> _Hit | None:
    core = m.group("core")
    day = _parse_full(core)
    if day is None:
        return None
    return _Hit(m.start(), m.end(), day.isoformat(), "day", "explicit")


def _month_year(m: re.Match[str], pub: dt.date | None) -> _Hit | None:
    year, month = int(m["y"]), cal.month_of(m["mon"])
    if m.groupdict().get("part"):
        return _Hit(m.start(), m.end(), cal.month_part(year, month, _part(m["part"])), "range", "explicit")
    return _Hit(m.start(), m.end(), cal.ym(year, month), "month", "explicit")


def _year_part(m: re.Match[str], pub: dt.date | None) -> _Hit | None:
    return _Hit(m.start(), m.end(), cal.year_part(int(m["y"]), _part(m["part"])), "range", "explicit")


def _season_year(m: re.Match[str], pub: dt.date | None) -> _Hit | None:
    return _Hit(m.start(), m.end(), cal.season(int(m["y"]), m["season"].casefold()), "range", "explicit")


def _quarter(m: re.Match[str], pub: dt.date | None) -> _Hit | None:
    q = int(m["q"])
    return _Hit(m.start(), m.end(), f"{cal.ym(int(m['y']), 3 * q - 2)}/{cal.ym(int(m['y']), 3 * q)}", "range",
                "explicit")


def _decade(m: re.Match[str], pub: dt.date | None) -> _Hit | None:
    if m["y"]:
        start = int(m["y"])
    else:
        yy = int(m["yy"])
        start = (1900 if yy >= 30 else 2000) + yy
    part = m["part"]
    if part:
        lo, hi = {"early": (0, 3), "mid": (4, 6), "late": (7, 9)}[_part(part)]
        return _Hit(m.start(), m.end(), f"{start + lo}/{start + hi}", "range", "explicit")
    return _Hit(m.start(), m.end(), f"{start}/{start + 9}", "decade", "explicit")


def _year_range(m: re.Match[str], pub: dt.date | None) -> _Hit | None:
    first = int(m["y1"])
    second_text = m["y2"]
    second = int(second_text) if len(second_text) == 4 else (first // 100) * 100 + int(second_text)
    joiner = m["join"].strip().casefold()
    lead = (m["lead"] or "").strip().casefold()
    if second <= first or second - first > 100:
        return None
    if joiner == "and" and lead != "between":
        return None
    return _Hit(m.start(), m.end(), f"{first}/{second}", "range", "explicit")


_LEAD_WORDS = frozenset({
    "in", "on", "by", "since", "from", "until", "till", "before", "after", "during", "through", "of", "the", "and",
    "or", "but", "as", "at", "between", "to", "for", "early", "late", "mid", "last", "this", "next", "spring",
    "summer", "autumn", "fall", "winter", "around", "circa", "about", "year", "fiscal", "when", "unlike",
    "like", "than", "also", "so", "then", "only", "even", "yet", "both", "either", "while", "with", "without",
})
_PLURALISH = re.compile(r"\s+([a-z]{3,}s)\b")
_NOT_PLURAL = frozenset({"was", "has", "is", "as", "this", "its", "his", "does", "says", "always", "thus",
                         "across", "unless", "plus", "versus", "whereas", "perhaps", "besides"})


def _year(m: re.Match[str], pub: dt.date | None) -> _Hit | None:
    text = m.string
    before = text[max(0, m.start() - 6):m.start()].casefold()
    # "the 1998 elections" is a year; "2000 troops" is a count: a bare number followed by a plural noun is a count
    # unless a determiner, a possessive or a temporal preposition ("since 2015 ties ...") comes before it.
    after = _PLURALISH.match(text, m.end())
    lead = text[max(0, m.start() - 10):m.start()].casefold()
    if after and after.group(1) not in _NOT_PLURAL and not re.search(
            r"(?:\bthe|'s|’s|\bsince|\bin|\buntil|\btill|\bby|\bfrom|\bbefore|\bafter|\bduring)\s*$", lead):
        return None
    if re.search(r"(?:\bno\.|#|\bnumber|\bpage|\bp\.|\bflight|\broute|\bhighway)\s*$", before):
        return None
    # right after a capitalised content word the number is part of a name ("Resolution 2087", "Vision 2030")
    word = re.search(r"\b([A-Z][a-z]+)\s+$", text[max(0, m.start() - 20):m.start()])
    if word is not None and word.group(1).casefold() not in _LEAD_WORDS:
        return None
    return _Hit(m.start(), m.end(), m["y"], "year", "explicit")


# ---- relative to publication -------------------------------------------------------------------------------
def _none(m: re.Match[str], span: tuple[int, int] | None = None) -> _Hit:
    start, end = span or (m.start(), m.end())
    return _Hit(start, end, None, "unknown", "none")


def _day_word(m: re.Match[str], pub: dt.date | None) -> _Hit | None:
    word = " ".join(m.group(0).casefold().split())
    if pub is None:
        return _none(m)
    delta = {"the day before yesterday": -2, "yesterday": -1, "last night": -1, "tomorrow": 1}.get(word, 0)
    return _Hit(m.start(), m.end(), (pub + dt.timedelta(days=delta)).isoformat(), "day", "relative")


def _the_weekend(m: re.Match[str], pub: dt.date | None) -> _Hit | None:
    """"over the weekend": the last Saturday-Sunday begun by publication; `future` the next one."""
    start, end = m.span("span")
    if pub is None:
        return _none(m, (start, end))
    saturday = pub - dt.timedelta(days=(pub.weekday() - 5) % 7)
    nxt = saturday if pub.weekday() >= 5 else saturday + dt.timedelta(days=7)
    return _Hit(start, end, f"{saturday}/{saturday + dt.timedelta(days=1)}", "range", "relative",
                f"{nxt}/{nxt + dt.timedelta(days=1)}")


def _weekday(m: re.Match[str], pub: dt.date | None) -> _Hit | None:
    if re.search(r"\b(?:every|each)\s+$", m.string[max(0, m.start() - 8):m.start()], re.IGNORECASE):
        return None  # "every Wednesday" is a habit, not a date
    if pub is None:
        return _none(m)
    target = cal.WEEKDAYS[m["wd"].casefold()]
    rel = " ".join((m["rel"] or "").casefold().split())
    back = (pub.weekday() - target) % 7
    if rel in ("last", "this past"):
        back = back or 7
    past = pub - dt.timedelta(days=back)
    future = past if back == 0 else past + dt.timedelta(days=7)
    if rel in ("next", "this coming"):
        nxt = future if future > pub else future + dt.timedelta(days=7)
        return _Hit(m.start(), m.end(), nxt.isoformat(), "day", "relative")
    if rel in ("last", "this past"):
        return _Hit(m.start(), m.end(), past.isoformat(), "day", "relative")
    if rel == "this":
        monday, _ = cal.week_bounds(pub)
        day = monday + dt.timedelta(days=target)
        return _Hit(m.start(), m.end(), day.isoformat(), "day", "relative")
    return _Hit(m.start(), m.end(), past.isoformat(), "day", "relative", future.isoformat())


def _day_range(m: re.Match[str], pub: dt.date | None) -> _Hit | None:
    """"Jan. 15-17, 2019" (explicit) or "January 15-17" (the latest such span not after publication)."""
    month = cal.month_of(m["mon"])
    first, last = int(re.sub(r"\D", "", m["d1"])), int(re.sub(r"\D", "", m["d2"]))
    if not first < last <= 31:
        return None
    years = [int(m["y"])] if m["y"] else ([] if pub is None else [pub.year, pub.year - 1])
    if not years:
        return _none(m)
    for year in years:
        try:
            lo, hi = dt.date(year, month, first), dt.date(year, month, last)
        except ValueError:
            return None
        if m["y"] or pub is None or lo <= pub:
            return _Hit(m.start(), m.end(), f"{lo}/{hi}", "range", "explicit" if m["y"] else "relative")
    return None


def _month_day(m: re.Match[str], pub: dt.date | None) -> _Hit | None:
    month, day_text = cal.month_of(m["mon"]), re.sub(r"\D", "", m["d"])
    day = int(day_text)
    if day > 31:
        return None
    if pub is None:
        return _none(m)
    candidates: list[dt.date] = []
    for year in (pub.year - 1, pub.year, pub.year + 1):
        try:
            candidates.append(dt.date(year, month, day))
        except ValueError:
            continue
    past = [c for c in candidates if c <= pub]
    future = [c for c in candidates if c >= pub]
    if not past:
        return None
    fut = future[0].isoformat() if future else None
    return _Hit(m.start(), m.end(), past[-1].isoformat(), "day", "relative", fut)


def _month_alone(m: re.Match[str], pub: dt.date | None) -> _Hit | None:
    rel = " ".join((m["rel"] or "").casefold().split())
    part = _part(m["part"]) if m["part"] else None
    if not (m["prep"] or rel or part):
        return None  # a bare month name ("June said ...") is too often a name or a modal verb
    start, end = m.span("span")
    if pub is None:
        return _none(m, (start, end))
    month = cal.month_of(m["mon"])
    strict_past = rel in ("last", "this past")
    past_year = pub.year if (month < pub.month or (month == pub.month and not strict_past)) else pub.year - 1
    strict_future = rel == "next"
    future_year = pub.year if (month > pub.month or (month == pub.month and not strict_future)) else pub.year + 1

    def fmt(year: int) -> str:
        return cal.month_part(year, month, part) if part else cal.ym(year, month)

    precision: DatePrecision = "range" if part else "month"
    if rel in ("next", "this coming"):
        return _Hit(start, end, fmt(future_year), precision, "relative")
    if rel == "this":
        return _Hit(start, end, fmt(pub.year), precision, "relative")
    if rel in ("last", "this past"):
        return _Hit(start, end, fmt(past_year), precision, "relative")
    return _Hit(start, end, fmt(past_year), precision, "relative", fmt(future_year))


def _unit_rel(m: re.Match[str], pub: dt.date | None) -> _Hit | None:
    """last/this/next week|weekend|month|year|season, with early/mid/late/earlier/later."""
    if pub is None:
        return _none(m)
    rel = "last" if m["rel"].casefold().startswith("this ") else m["rel"].casefold()  # "this past week"
    unit = m["unit"].casefold()
    mod = (m["mod"] or "").casefold()
    k = {"last": -1, "this": 0, "next": 1}[rel]
    s, e = m.start(), m.end()
    if unit in ("week", "weekend"):
        monday, sunday = cal.week_bounds(pub, -k)
        if unit == "weekend":
            # the weekend of the publication week (Sat/Sun), or the one before/after it
            saturday = pub - dt.timedelta(days=pub.weekday()) + dt.timedelta(days=5)
            saturday += dt.timedelta(days=7 * k)
            return _Hit(s, e, f"{saturday}/{saturday + dt.timedelta(days=1)}", "range", "relative")
        if mod == "earlier" and k == 0 and pub > monday:
            return _Hit(s, e, f"{monday}/{pub - dt.timedelta(days=1)}", "range", "relative")
        if mod == "later" and k == 0 and pub < sunday:
            return _Hit(s, e, f"{pub + dt.timedelta(days=1)}/{sunday}", "range", "relative")
        return _Hit(s, e, f"{monday}/{sunday}", "range", "relative")
    if unit == "month":
        year, month = cal.add_months(pub.year, pub.month, k)
        if mod in ("early", "mid", "late"):
            return _Hit(s, e, cal.month_part(year, month, mod), "range", "relative")
        if mod == "earlier" and k == 0 and pub.day > 1:
            return _Hit(s, e, f"{cal.ym(year, month)}-01/{pub - dt.timedelta(days=1)}", "range", "relative")
        if mod == "later" and k == 0 and pub.day < cal.last_day(year, month):
            return _Hit(s, e, f"{pub + dt.timedelta(days=1)}/{cal.ym(year, month)}-"
                              f"{cal.last_day(year, month):02d}", "range", "relative")
        return _Hit(s, e, cal.ym(year, month), "month", "relative")
    if unit == "year":
        year = pub.year + k
        if mod in ("early", "mid", "late"):
            return _Hit(s, e, cal.year_part(year, mod), "range", "relative")
        if mod == "earlier" and k == 0:
            return _Hit(s, e, cal.interval(cal.ym(year, 1), cal.ym(year, pub.month)), "range", "relative")
        if mod == "later" and k == 0:
            return _Hit(s, e, cal.interval(cal.ym(year, pub.month), cal.ym(year, 12)), "range", "relative")
        return _Hit(s, e, str(year), "year", "relative")
    # seasons: "last summer" ended before the publication month, "next summer" starts after it, "this summer" is
    # the one starting in the publication year (for winter read in January-February: the one under way)
    seasons = _season_spans(unit, pub)
    now = pub.year * 12 + pub.month - 1
    if rel == "last":
        year = max(y for y, _first, last in seasons if last < now)
    elif rel == "next":
        year = min(y for y, first, _last in seasons if first > now)
    else:
        year = pub.year - 1 if unit == "winter" and pub.month <= 2 else pub.year
    return _Hit(s, e, cal.season(year, unit), "range", "relative")


def _season_spans(name: str, pub: dt.date) -> list[tuple[int, int, int]]:
    """(year, first month index, last month index) of the season `name` around the publication year."""
    lo, hi = cal.SEASONS[name]
    return [(y, y * 12 + lo - 1, y * 12 + hi - 1) for y in range(pub.year - 2, pub.year + 3)]


def _ago(m: re.Match[str], pub: dt.date | None) -> _Hit | None:
    if pub is None:
        return _none(m)
    unit = m["unit"].casefold().rstrip("s")
    key = " ".join(m["n"].casefold().split())
    s, e = m.start(), m.end()
    if key in cal.VAGUE_NUMBERS:
        lo, hi = cal.shift(pub, unit, 5), cal.shift(pub, unit, 2)
        return _Hit(s, e, _span_text(lo, hi, unit), "range", "relative")
    n = _num(key)
    if n is None or n == 0:
        return None
    point = cal.shift(pub, unit, n)
    if unit == "day":
        return _Hit(s, e, point.isoformat(), "day", "relative")
    if unit == "week":
        lo, hi = point - dt.timedelta(days=3), point + dt.timedelta(days=3)
        return _Hit(s, e, f"{lo}/{hi}", "range", "relative")
    if unit == "month":
        return _Hit(s, e, cal.ym(point.year, point.month), "month", "relative")
    if unit == "year":
        return _Hit(s, e, str(point.year), "year", "relative")
    return _Hit(s, e, f"{point.year - 1}/{point.year + 1}", "range", "relative")


def _span_text(lo: dt.date, hi: dt.date, unit: str) -> str:
    if unit in ("day", "week"):
        return cal.interval(lo.isoformat(), hi.isoformat())
    return cal.interval(cal.ym(lo.year, lo.month), cal.ym(hi.year, hi.month))


def _past_span(m: re.Match[str], pub: dt.date | None) -> _Hit | None:
    """"the past two years", "over the last three months", "in recent years": a range ending at publication."""
    start, end = m.span("span")
    if pub is None:
        return _none(m, (start, end))
    unit = m["unit"].casefold().rstrip("s")
    plural = m["unit"].casefold().endswith("s")
    key = " ".join((m["n"] or "").casefold().split())
    if (m["rel"] or "").casefold() == "recent" or key in cal.VAGUE_NUMBERS:
        n = 3
    elif key:
        found = _num(key)
        if found is None:
            return None
        n = found
    else:
        if plural:
            return None
        n = 1
    lo = cal.shift(pub, unit, n)
    return _Hit(start, end, _span_text(lo, pub, unit), "range", "relative")


def _past_span_any(m: re.Match[str], pub: dt.date | None) -> _Hit | None:
    if m["rel2"]:
        if pub is None:
            return _none(m, m.span("span"))
        unit = m["unit2"].casefold().rstrip("s")
        return _Hit(m.start("span"), m.end("span"), _span_text(cal.shift(pub, unit, 3), pub, unit), "range",
                    "relative")
    return _past_span(m, pub)



def _season_alone(m: re.Match[str], pub: dt.date | None) -> _Hit | None:
    """"in the spring", "over the summer": the latest such season begun by publication; `future` the next."""
    start, end = m.span("span")
    if pub is None:
        return _none(m, (start, end))
    name = m["season"].casefold()
    now = pub.year * 12 + pub.month - 1
    spans = _season_spans(name, pub)
    past = max((y for y, first, _ in spans if first <= now), default=None)
    future = min((y for y, _, last in spans if last >= now), default=None)
    if past is None:
        return None
    return _Hit(start, end, cal.season(past, name), "range", "relative",
                cal.season(future, name) if future is not None else None)


def _period_end(m: re.Match[str], pub: dt.date | None) -> _Hit | None:
    """"by the end of the year", "at the start of the month": a part of the publication's year/month/week."""
    if pub is None:
        return _none(m)
    part, unit = _part(m["part"]), m["unit"].casefold()
    if unit == "year":
        return _Hit(m.start(), m.end(), cal.year_part(pub.year, part), "range", "relative")
    if unit == "month":
        return _Hit(m.start(), m.end(), cal.month_part(pub.year, pub.month, part), "range", "relative")
    monday, sunday = cal.week_bounds(pub)
    return _Hit(m.start(), m.end(), f"{monday}/{sunday}", "range", "relative")


# ---- rule table: (pattern, handler); overlaps resolve to the longest match, then the earlier rule -------------
_I = re.IGNORECASE
_RULES: list[tuple[re.Pattern[str], _Handler]] = [
    (re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b"), _iso),
    (re.compile(rf"\b(?P<mon>{_MON})\s+(?P<d1>{_DAY})\s*[-–]\s*(?P<d2>{_DAY})(?:,?\s+(?P<y>{_YEAR}))?\b"),
     _day_range),
    (re.compile(rf"(?:\b{_WD},?\s+)?\b(?P<core>(?P<mon>{_MON})\s+{_DAY},?\s+{_YEAR})\b"), _full),
    (re.compile(rf"(?:\b{_WD},?\s+)?\b(?P<core>{_DAY}\s+(?:of\s+)?(?P<mon>{_MON}),?\s+{_YEAR})\b"), _full),
    (re.compile(rf"(?:\b(?i:{_PART})[\s-]+)?\b(?P<mon>{_MON}),?\s+(?:of\s+)?(?P<y>{_YEAR})\b"), _month_year),
    (re.compile(rf"\b{_YPART}[\s-]+(?P<y>{_YEAR})\b", _I), _year_part),
    (re.compile(rf"\b(?:the\s+)?(?P<season>spring|summer|autumn|fall|winter)(?:\s+of)?\s+(?P<y>{_YEAR})\b", _I),
     _season_year),
    (re.compile(rf"\bQ(?P<q>[1-4])\s+(?P<y>{_YEAR})\b"), _quarter),
    (re.compile(r"\b(?:the\s+)?(?:(?P<part>early|mid|late)[\s-]+)?(?:(?P<y>(?:1[6-9]|20)\d0)s|['’](?P<yy>\d0)s)\b",
                _I), _decade),
    (re.compile(rf"\b(?P<lead>from\s+|between\s+)?(?P<y1>{_YEAR})\s*(?P<join>[-–—]|\s+to\s+|\s+and\s+|\s+through\s+)"
                rf"\s*(?P<y2>{_YEAR}|\d\d)\b(?![-–/]\d)", _I), _year_range),
    (re.compile(rf"(?<![\d,.$£€¥₩#])\b(?P<y>{_YEAR})\b(?![,.]\d|\s*%|\s*percent|-\d)"), _year),
    (re.compile(r"\b(?:the\s+day\s+before\s+yesterday|yesterday|today|tonight|tomorrow|last\s+night|"
                r"this\s+(?:morning|afternoon|evening)|(?:earlier|later)\s+today)\b", _I), _day_word),
    (re.compile(r"\b(?:over|during|at|on)\s+(?P<span>the\s+weekend)\b", _I), _the_weekend),
    (re.compile(rf"\b(?:(?P<rel>(?i:last|this|next|this\s+past|this\s+coming))\s+)?(?P<wd>{_WD})(?!s\b)\b"),
     _weekday),
    (re.compile(rf"(?:\b{_WD},?\s+)?\b(?P<mon>{_MON})\s+(?P<d>{_DAY})\b(?!,?\s*\d)(?!\s*(?:%|percent))"),
     _month_day),
    (re.compile(rf"\b(?P<d>{_DAY})\s+(?:of\s+)?(?P<mon>{_MON})(?!,?\s*\d)"), _month_day),
    (re.compile(rf"(?:\b(?P<prep>(?i:in|since|by|until|till|during|from|before|after|through|on|of))\s+)?"
                rf"(?P<span>(?:(?P<rel>(?i:last|this|next|this\s+past|this\s+coming))\s+)?"
                rf"(?:(?P<part>(?i:early|mid|late|the\s+(?:beginning|start|middle|end)\s+of))[\s-]+)?"
                rf"(?P<mon>{_MON_FULL}))(?!,?\s*\d)"), _month_alone),
    (re.compile(r"\b(?:(?P<mod>early|mid|late|earlier|later)[\s-]+)?(?P<rel>last|this\s+past|this|next)\s+"
                r"(?P<unit>week|weekend|month|year|spring|summer|autumn|fall|winter)\b", _I), _unit_rel),
    (re.compile(rf"\b(?P<n>{_NUM})\s+{_UNIT}\s+ago\b", _I), _ago),
    (re.compile(r"\b(?:in|during|over|through|by|until|till|since|before|after)\s+(?P<span>(?:the\s+)?"
                r"(?P<season>spring|summer|autumn|fall|winter))\b(?!\s+of\b)(?!,?\s*\d)", _I), _season_alone),
    (re.compile(r"\b(?P<part>the\s+(?:beginning|start|middle|end)\s+of)\s+the\s+(?P<unit>year|month|week)\b", _I),
     _period_end),
    (re.compile(rf"(?P<span>\bthe\s+(?P<rel>past|last)\s+(?:(?P<n>{_NUM})\s+)?{_UNIT}"
                rf"|\b(?P<rel2>recent)\s+(?P<unit2>years|months|weeks|decades))\b", _I), _past_span_any),
]



# ---- gates: a rule runs only when the text has what every match of it needs (a digit, a capitalised month or
# weekday name, or one of its words), so most sentences skip most rules; the gates over-approximate, never miss
_DIGIT = re.compile(r"\d")
_MONTH = re.compile(_MON)
_WEEKDAY = re.compile(_WD)
_GATE_WORDS = re.compile(r"\b(?:yesterday|today|tonight|tomorrow|last|this|next|weekend|ago|spring|summer|autumn"
                         r"|fall|winter|beginning|start|middle|end|past|recent)\b", _I)
_D, _M, _W = frozenset({"#digit"}), frozenset({"#month"}), frozenset({"#weekday"})
_GATES: list[frozenset[str]] = [
    _D, _M, _M, _M, _M, _D, _D, _D, _D, _D, _D,  # iso .. year: a digit or a month name is part of every match
    frozenset({"yesterday", "today", "tonight", "tomorrow", "last", "this"}),  # day words
    frozenset({"weekend"}), _W, _M, _M, _M,  # the weekend; weekday; month-day (both orders); month alone
    frozenset({"last", "this", "next"}), frozenset({"ago"}),  # last week ...; three weeks ago
    frozenset({"spring", "summer", "autumn", "fall", "winter"}), frozenset({"beginning", "start", "middle", "end"}),
    frozenset({"past", "last", "recent"}),
]
_ALL_WORDS = frozenset().union(*(g for g in _GATES if g not in (_D, _M, _W)))
assert len(_GATES) == len(_RULES)


def _present(text: str) -> set[str]:
    """The gate keys found in the text."""
    found: set[str] = set()
    for word in _GATE_WORDS.findall(text):
        key = word.casefold()
        if key.isascii():
            found.add(key)
        else:  # a case-insensitive match through a non-ASCII look-alike: let every word rule look
            found |= _ALL_WORDS
    if _DIGIT.search(text):
        found |= _D
    if _MONTH.search(text):
        found |= _M
    if _WEEKDAY.search(text):
        found |= _W
    return found


_EVENT_NOUN = re.compile(rf"\b{EVENT_NOUN_PATTERN}\b", _I)
_DETERMINER = re.compile(r"\b(?:the|this|that|its|their|[A-Z][\w.-]*['’]s)\b(?=\s)", _I)


_SINCE = re.compile(r"\bsince\s+$", re.IGNORECASE)


def _since(text: str, hit: _Hit, pub: dt.date | None) -> _Hit:
    """"since 1992", "since last July": from that date to publication (an ongoing state), at the date's grain."""
    found = _SINCE.search(text, max(0, hit.start - 8), hit.start)
    if found is None or pub is None or hit.date is None:
        return hit
    first = hit.date.split("/")[0]
    last = {4: str(pub.year), 7: cal.ym(pub.year, pub.month)}.get(len(first), pub.isoformat())
    if last < first:
        return hit
    basis: DateBasis = "context" if hit.basis == "context" else "relative"
    return _Hit(found.start(), hit.end, cal.interval(first, last), "range", basis)


class DateResolver:
    """Finds date mentions in text and resolves them; with a pack, also anchors named events to its chronology."""

    def __init__(self, pack: KnowledgePack | None = None) -> None:
        self._anchors = AnchorIndex(pack) if pack is not None else None

    def mentions(self, text: str, *, published: dt.date | None, offset: int = 0) -> list[DateMention]:
        """Every date expression in `text`, left to right, non-overlapping; offsets are shifted by `offset`."""
        hits: list[tuple[int, int, int, _Hit]] = []
        present = _present(text)
        for rank, (pattern, handler) in enumerate(_RULES):
            if present.isdisjoint(_GATES[rank]):
                continue
            for match in pattern.finditer(text):
                hit = handler(match, published)
                if hit is not None and hit.end > hit.start:
                    hits.append((hit.start, hit.end, rank, hit))
        if self._anchors is not None:
            for hit in self._anchor_hits(text, published):
                hits.append((hit.start, hit.end, -1, hit))
        hits.sort(key=lambda h: (h[0], -(h[1] - h[0]), h[2]))
        chosen: list[_Hit] = []
        taken_until = -1
        for start, end, _rank, hit in hits:
            if start < taken_until:
                continue
            chosen.append(_since(text, hit, published))
            taken_until = end
        return [
            DateMention(h.start + offset, h.end + offset, text[h.start:h.end], h.date, h.precision, h.basis, h.future)
            for h in chosen
        ]

    def _anchor_hits(self, text: str, published: dt.date | None) -> list[_Hit]:
        """Definite descriptions ending in an event noun ("the 1965 treaty", "Seoul's 2018 ruling"), longest first."""
        assert self._anchors is not None
        out: list[_Hit] = []
        for noun in _EVENT_NOUN.finditer(text):
            window_start = max(0, noun.start() - 80)
            window = text[window_start:noun.start()]
            cut = max(window.rfind(c) for c in ";:!?\n")
            starts = [window_start + w.start() for w in _DETERMINER.finditer(window) if w.start() > cut]
            for start in starts[-5:]:
                if len(text[start:noun.start()].split()) > 5:
                    continue
                found = self._anchors.lookup(text[start:noun.end()], published)
                if found is not None:
                    out.append(_Hit(start, noun.end(), found[0], found[1], "context"))
                    break
        return out

    def anchor(self, phrase: str, published: dt.date | None = None) -> DateMention | None:
        """The chronology date of a named event ("the 1965 treaty", "the radar incident"), basis "context";
        with `published`, only events up to that day are considered."""
        if self._anchors is None:
            return None
        found = self._anchors.lookup(phrase, published)
        if found is None:
            return None
        date, precision = found
        return DateMention(0, len(phrase), phrase, date, precision, "context")
