"""Fixtures for the coder tests: one spaCy pipeline per session and small private stand-ins for the resolvers.

The stand-ins (`GazetteerResolver`, `RegexDates`) are only for tests: the `Coder` uses dyad.resolve by default.
They implement the documented resolver API (docs/contracts.md, "Coder seams") minimally so the coder's own rules
can be tested independently of the resolvers' coverage.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

import pytest

from dyad.records import ActorRef, DateBasis, DatePrecision

# A tiny gazetteer of our own for the tests: alias -> (actor id, country, kind)
GAZETTEER: dict[str, tuple[str, str, str]] = {
    "japan": ("JPN", "JPN", "state"), "tokyo": ("JPN", "JPN", "state"), "japanese": ("JPN", "JPN", "state"),
    "south korea": ("KOR", "KOR", "state"), "korea": ("KOR", "KOR", "state"), "seoul": ("KOR", "KOR", "state"),
    "south korean": ("KOR", "KOR", "state"), "korean": ("KOR", "KOR", "state"),
    "china": ("CHN", "CHN", "state"), "beijing": ("CHN", "CHN", "state"), "chinese": ("CHN", "CHN", "state"),
    "north korea": ("PRK", "PRK", "state"), "pyongyang": ("PRK", "PRK", "state"),
    "the united states": ("USA", "USA", "state"), "washington": ("USA", "USA", "state"),
    "the south korean supreme court": ("KOR.JUD.SUPREME_COURT", "KOR", "judiciary"),
    "the supreme court": ("KOR.JUD.SUPREME_COURT", "KOR", "judiciary"),
    "nippon steel": ("JPN.BUS.NIPPON_STEEL", "JPN", "business"),
    "protesters": ("", "", "civic"), "civic groups": ("", "", "civic"),
    "the two countries": ("DYAD", "DYAD", "state"), "both governments": ("DYAD", "DYAD", "state"),
}
_ALIAS_RE = re.compile(r"\b(" + "|".join(sorted((re.escape(a) for a in GAZETTEER), key=len, reverse=True))
                       + r")\b", re.IGNORECASE)


@dataclass(frozen=True)
class FakeMention:
    start: int
    end: int
    text: str
    ref: ActorRef
    flags: tuple[str, ...] = ()


class GazetteerResolver:
    """Test stand-in for dyad.resolve.actors.ActorResolver: exact alias matches only."""

    def mentions(self, doc: Any, *, published: dt.date | None) -> list[FakeMention]:
        out = []
        for m in _ALIAS_RE.finditer(doc.text):
            actor, country, kind = GAZETTEER[m.group(1).lower()]
            ref = ActorRef(text=m.group(1), actor=actor or None, country=country or None, kind=kind)
            out.append(FakeMention(m.start(), m.end(), m.group(1), ref))
        return out

    def span_ref(self, doc: Any, start: int, end: int, *, at: dt.date | None) -> FakeMention | None:
        return None


_MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december"]
_DATE_RE = re.compile(r"\b(?:in |on )?(?:(" + "|".join(_MONTHS) + r") )?(1[89]\d\d|20\d\d)\b", re.IGNORECASE)


@dataclass(frozen=True)
class FakeDate:
    start: int
    end: int
    text: str
    date: str | None
    precision: DatePrecision
    basis: DateBasis
    future: str | None = None


class RegexDates:
    """Test stand-in for dyad.resolve.dates.DateResolver: "[Month] YYYY" only."""

    def mentions(self, text: str, *, published: dt.date | None, offset: int = 0) -> list[FakeDate]:
        out = []
        for m in _DATE_RE.finditer(text):
            month, year = m.group(1), m.group(2)
            if month:
                date, prec = f"{year}-{_MONTHS.index(month.lower()) + 1:02d}", "month"
            else:
                date, prec = year, "year"
            start = m.start(1) if month else m.start(2)
            out.append(FakeDate(offset + start, offset + m.end(), text[start:m.end()], date,
                                prec, "explicit"))  # type: ignore[arg-type]
        return out


@pytest.fixture(scope="session")
def nlp() -> Any:
    from dyad.nlp import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def fake_resolver() -> GazetteerResolver:
    return GazetteerResolver()


@pytest.fixture(scope="session")
def fake_dates() -> RegexDates:
    return RegexDates()


@dataclass(frozen=True)
class FakeIssue:
    id: str
    words: tuple[str, ...]

    def terms(self) -> tuple[str, ...]:
        return self.words


@dataclass(frozen=True)
class FakePack:
    """A knowledge pack stand-in: the dyad and two issues of our own."""

    dyad: tuple[str, str] = ("JPN", "KOR")
    issues: tuple[FakeIssue, ...] = (
        FakeIssue("economy.export_controls", ("export controls", "export curbs", "whitelist")),
        FakeIssue("history.forced_labour", ("forced labour", "forced labor", "wartime labourers", "強制徴用")),
    )


@pytest.fixture(scope="session")
def coder(nlp: Any, fake_resolver: GazetteerResolver, fake_dates: RegexDates) -> Any:
    from dyad.code.api import Coder

    return Coder(FakePack(), actor_resolver=fake_resolver, date_resolver=fake_dates, nlp=nlp)


@pytest.fixture(scope="session")
def code(coder: Any) -> Any:
    """code(text, published=None) -> CodedArticle, with the test resolvers."""
    from dyad.code.api import text_article

    def run(text: str, published: dt.date | None = None) -> Any:
        return coder.code(text_article(text, published=published))

    return run
