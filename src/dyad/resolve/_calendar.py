"""Small calendar arithmetic for the date resolver: month shifts, week bounds, ISO text at a precision."""

from __future__ import annotations

import calendar
import datetime as dt

MONTHS: dict[str, int] = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
    "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9,
    "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
WEEKDAYS: dict[str, int] = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
}
NUMBERS: dict[str, int] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "fifty": 50,
    "a couple of": 2, "couple of": 2,
}
VAGUE_NUMBERS = frozenset({"a few", "few", "several", "some"})


def month_of(name: str) -> int:
    return MONTHS[name.casefold().rstrip(".")]


def add_months(year: int, month: int, k: int) -> tuple[int, int]:
    """(year, month) moved by k months."""
    index = year * 12 + (month - 1) + k
    return index // 12, index % 12 + 1


def last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def ym(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def iso(day: dt.date) -> str:
    return day.isoformat()


def interval(first: str, last: str) -> str:
    """An "A/B" interval, collapsed to one point when both ends are the same text."""
    return first if first == last else f"{first}/{last}"


def month_part(year: int, month: int, part: str) -> str:
    """Days of a month for early (1-10) / mid (11-20) / late (21-end) as an interval."""
    end = last_day(year, month)
    lo, hi = {"early": (1, 10), "mid": (11, 20), "late": (21, end)}[part]
    return f"{year:04d}-{month:02d}-{lo:02d}/{year:04d}-{month:02d}-{hi:02d}"


YEAR_PARTS: dict[str, tuple[int, int]] = {
    "early": (1, 4), "mid": (5, 8), "late": (9, 12),
    "first half": (1, 6), "second half": (7, 12),
    "first quarter": (1, 3), "second quarter": (4, 6), "third quarter": (7, 9), "fourth quarter": (10, 12),
    "last quarter": (10, 12),
}


def year_part(year: int, part: str) -> str:
    lo, hi = YEAR_PARTS[part]
    return f"{ym(year, lo)}/{ym(year, hi)}"


SEASONS: dict[str, tuple[int, int]] = {  # northern-hemisphere meteorological seasons
    "spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11), "winter": (12, 14),
}


def season(year: int, name: str) -> str:
    lo, hi = SEASONS[name]
    y2, m2 = add_months(year, 1, hi - 1)
    return f"{ym(year, lo)}/{ym(y2, m2)}"


def week_bounds(day: dt.date, weeks_back: int = 0) -> tuple[dt.date, dt.date]:
    """Monday..Sunday of the week containing `day`, moved back by `weeks_back` weeks."""
    monday = day - dt.timedelta(days=day.weekday() + 7 * weeks_back)
    return monday, monday + dt.timedelta(days=6)


def shift(day: dt.date, unit: str, n: int) -> dt.date:
    """`day` moved back by n units (day/week/month/year/decade); a month end clamps to the shorter month."""
    if unit == "day":
        return day - dt.timedelta(days=n)
    if unit == "week":
        return day - dt.timedelta(days=7 * n)
    months = {"month": 1, "year": 12, "decade": 120, "century": 1200}[unit] * n
    year, month = add_months(day.year, day.month, -months)
    return dt.date(year, month, min(day.day, last_day(year, month)))
