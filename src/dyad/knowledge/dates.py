"""Strict ISO 8601 dates at their real precision, as pack files write them: `1998`, `2018-10`, `2019-08-02`."""

from __future__ import annotations

import datetime as dt
import re

_POINT = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def precision_of(text: str) -> str | None:
    """`day`, `month` or `year` for a valid ISO date at that precision; None for anything else."""
    match = _POINT.match(text)
    if match is None:
        return None
    year, month, day = match.groups()
    try:
        if day is not None:
            dt.date(int(year), int(month), int(day))
            return "day"
        if month is not None:
            dt.date(int(year), int(month), 1)
            return "month"
        dt.date(int(year), 1, 1)
        return "year"
    except ValueError:
        return None


def parse_day(text: str) -> dt.date:
    """A full `YYYY-MM-DD` date; ValueError for anything else (no `20190802`, no week dates)."""
    if not _DAY.match(text):
        raise ValueError(f"not a YYYY-MM-DD date: {text!r}")
    return dt.date.fromisoformat(text)


def format_at(day: dt.date, precision: str) -> str:
    """The ISO text of `day` cut to `precision` (`day`, `month`, `year`)."""
    if precision == "day":
        return day.isoformat()
    if precision == "month":
        return f"{day.year:04d}-{day.month:02d}"
    if precision == "year":
        return f"{day.year:04d}"
    raise ValueError(f"unknown precision {precision!r}")
