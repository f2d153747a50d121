"""Metadata: strict publication dates and language detection.

A publication date is taken only when the source states a full date (day, month and year). A partial or ambiguous
date ("March 2023", "06/03/2023") is kept as a note in the article's metadata, never completed by guessing, and a
relative one ("yesterday") is refused: the article's date is then unknown unless `--published` gives it.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import Any

_ISO = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?\s*$")
_YEAR = re.compile(r"\b(1[89]\d{2}|2[01]\d{2})\b")
_NUMERIC = re.compile(r"^\s*(\d{1,2})[/.](\d{1,2})[/.](\d{4})\s*$")
_PARTIAL = re.compile(r"^\s*(?:(?:[A-Za-z]+\.?\s+)?\d{4}|\d{4}-\d{2})\s*$")

DATEPARSER_SETTINGS: dict[str, Any] = {
    "STRICT_PARSING": True,
    "REQUIRE_PARTS": ["day", "month", "year"],
    "PARSERS": ["timestamp", "absolute-time"],
    "RETURN_AS_TIMEZONE_AWARE": False,
}


def parse_published(text: str | None) -> tuple[dt.date | None, str | None]:
    """(date, note): a full date stated in `text`, else None and a note saying why it was not used."""
    if text is None or not text.strip():
        return None, None
    m = _ISO.match(text)
    if m:
        try:
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3))), None
        except ValueError:
            return None, f"invalid date {text!r}"
    if not _YEAR.search(text):
        return None, f"no year in date {text!r}; not used"
    num = _NUMERIC.match(text)
    if num and int(num.group(1)) <= 12 and int(num.group(2)) <= 12 and num.group(1) != num.group(2):
        return None, f"ambiguous day/month in {text!r}; not used"
    if _PARTIAL.match(text):
        return None, f"partial date {text!r} (no day); not used"
    import dateparser

    try:
        parsed = dateparser.parse(text, languages=["en"], settings=DATEPARSER_SETTINGS)
    except Exception:  # dateparser raises assorted errors on odd input
        parsed = None
    if parsed is None:
        return None, f"unparseable or partial date {text!r}; not used"
    return parsed.date(), None


@lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str, *, sample: int = 600) -> tuple[str | None, float | None]:
    """(ISO 639-1 code, probability) from py3langid over the first `sample` characters; (None, None) if no text."""
    if not text.strip():
        return None, None
    lang, score = _identifier().classify(text[:sample])
    return str(lang), round(float(score), 4)
