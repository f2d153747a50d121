"""Cleaning: take out the lines that survive extraction but are not the article, normalise, repair glued names.

Rules are general patterns (a short line plus cue words; its position at the start or end; all-caps credit lines),
not lists of sites. Every removed line is kept (`Cleaned.removed`); author bios go to `Cleaned.author_bio`.
The clean text is what offsets point into. Normalisation keeps the text faithful: NFC, odd spaces to spaces,
zero-width characters and soft hyphens dropped, runs of blanks collapsed, paragraphs separated by one blank line.
Curly quotes and dashes are kept as written (not mapped to ASCII).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

# -- normalisation -------------------------------------------------------------------------------------------------

_SPACES = re.compile(r"[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_INVISIBLE = re.compile(r"[\u00ad\u200b\u200c\u200d\u2060\ufeff]")


def normalise(text: str) -> str:
    """NFC; unusual spaces to ' '; invisible characters dropped; lines stripped; at most one blank line in a row."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = _SPACES.sub(" ", _INVISIBLE.sub("", text))
    lines = [line.strip() for line in text.split("\n")]
    out: list[str] = []
    for line in lines:
        if not line and (not out or not out[-1]):
            continue
        out.append(line)
    while out and not out[-1]:
        out.pop()
    return "\n".join(out)


# -- boilerplate patterns ------------------------------------------------------------------------------------------

def _rx(*parts: str) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in parts), re.I)


SUBSCRIBE = _rx(
    r"^(sign up|subscribe|register|join)\b.{0,80}\b(newsletter|briefing|digest|updates|inbox|e-?mail|alerts?|"
    r"free|today|now|here)\b",
    r"^(get|receive|want) (our|the)\b.{0,60}\b(newsletter|briefing|digest|updates|in your inbox)",
    r"\bnewsletter\b.{0,60}\b(sign up|subscribe|inbox)\b|\b(sign up|subscribe)\b.{0,60}\bnewsletter\b",
    r"^subscribe\b", r"^(already a subscriber|become a (member|subscriber)|support our journalism)\b",
    r"^(you have|you've) (reached|read) .{0,40}(free articles?|limit)",
    r"\b(click|tap) here\b.{0,40}\bsubscri", r"\bby subscribing\b",
    r"\bsubscri(be|bing|ption)\b.{0,60}\b(full access|help us|support us|a month|per month|free trial|unlimited)\b",
)
DATELINE = re.compile(r"^(published|posted|updated|last updated|first published|date)\s*:?\s*\S.{0,40}\b\d{4}\b"
                      r"[\d\s:,apm.+-]{0,20}(kst|jst|gmt|utc)?$", re.I)
SYNDICATION = _rx(
    r"\b(originally|first) (published|appeared|posted)\b.{0,80}\b(at|on|in|by)\b",
    r"^this (article|story|piece|post|commentary|op-ed) (was|is|has been) (re)?published\b",
    r"\b(republished|reprinted|reproduced|syndicated) (with|by|under) (kind )?(permission|license|licence|arrangement)",
    r"^(©|\(c\)|copyright)\s*(\d{4})?", r"\ball rights reserved\b",
    r"^(this (article|story) is|content) (distributed|provided) by\b",
)
READING_TIME = re.compile(r"^(\d+|one|two|three|four|five|ten)[\s-]*(min(ute)?s?)\.?( read(ing time)?)?$|"
                          r"^(reading time|read time|estimated reading time)\s*:?.{0,20}$", re.I)
SHARE = _rx(
    r"^(share|share this( article| story| page)?|share on \w+|tweet( this)?|email( this)?|print( this)?|"
    r"save( for later)?|copy link|comments?|listen( to this article)?|advertisement|sponsored( content)?|"
    r"follow( us( on .{0,40})?)?|click here.{0,60}|back to top|skip to (main )?content)\s*[:.!]?$",
    r"^(related|related (articles|stories|content|coverage|reading)|read more|read also|also read|see also|"
    r"more (from|on|stories|in) .{0,40}|recommended( for you)?|you may also like|most read|popular|trending|"
    r"further reading|more coverage)\s*:",
    r"^(related|read more|see also|more stories|recommended( for you)?|you may also like|most read|"
    r"further reading|related (articles|stories))\s*$",
    r"\b(we|this (web)?site|our site) uses? cookies\b", r"\b(accept|manage) (all )?cookies\b",
    r"\bcookie (policy|settings|preferences)\b",
)
AGENCIES = (r"getty images|afp|reuters|yonhap|kyodo|jiji|ap photo|associated press|epa|xinhua|bloomberg|"
            r"shutterstock|wikimedia commons|newsis|news1|pool|the asahi shimbun|korea times file|"
            r"korea herald file|flickr|unsplash")
PHOTO = _rx(
    r"^\(?(photo|photograph|image|picture|file photo|illustration|graphic|video|caption)s?( credit)?"
    r"\s*(:|by|courtesy|/|-|–|—)",
    r"^(image|photo|picture) (credit|courtesy|source)\b",
    rf"^[^.!?]{{0,120}}(\(|/|\|)\s*({AGENCIES})\s*\)?\.?$",
    rf"^(credit|source)\s*:\s*.{{0,60}}({AGENCIES})",
)
INLINE_CREDIT = re.compile(
    rf"\s*\((?:(?:photo|image|picture|file photo|graphic)s?\s*(?::|by|courtesy of|/)\s*[^()]{{1,60}}|"
    rf"(?:{AGENCIES})(?:\s*photo)?)\)", re.I)
BYLINE = re.compile(r"^(?:[Bb]y|[Ww]ritten by|[Ww]ords by|[Aa]uthors?\s*:|[Bb]yline\s*:)\s+([A-Z][\w.'’-]+(?:\s+(?:[A-Z][\w.'’-]+|and|&|de|van|von|bin)){0,5})"
                    r"(\s*[,|–—(-].{0,60})?$")
BIO = re.compile(
    r"^(?:the (?:author|writer|authors|writers)|[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3})\s+"
    r"(?:is|was|are|serves as|has served as|works as)\s+(?:a |an |the )?(?:former |current |senior |"
    r"visiting |adjunct |non-?resident |distinguished |associate |assistant )*"
    r"(?:[\w.'’-]+\s+){0,4}?(?:fellow|professor|researcher|research fellow|director|editor|correspondent|"
    r"analyst|lecturer|journalist|writer|columnist|reporter|chair|chairman|scholar|associate|president|"
    r"ambassador|adviser|advisor|diplomat|contributor|student|candidate|expert|member|founder|"
    r"head|dean|partner|specialist|commentator)\b", re.I)
DISCLAIMER = _rx(
    r"^the (views|opinions) expressed\b", r"\b(views|opinions) expressed (here|in this).{0,80}\b(author|writer)s?\b",
    r"^(this|the) (article|column|piece|commentary) (reflects|represents) (only )?the (personal )?views",
    r"\bdo(es)? not (necessarily )?reflect the (views|position|policy|editorial)",
    r"^(editor'?s note|disclaimer)\s*:",
)
CONTACT = re.compile(r"^(?:[\w.+-]+@[\w-]+\.[\w.]+|\(?(?:email|e-mail|contact)\s*:.{0,60})$", re.I)


def _words(line: str) -> int:
    return len(line.split())


def _is_credit_caps(line: str) -> bool:
    """All-caps short credit lines: 'REUTERS/Kim Hong-Ji', 'AFP-JIJI', 'YONHAP'."""
    letters = [c for c in line if c.isalpha()]
    if not letters or _words(line) > 6:
        return False
    upper = sum(c.isupper() for c in letters) / len(letters)
    return upper >= 0.6 and ("/" in line or _AGENCY_LIST.fullmatch(line) is not None)


_AGENCY_LIST = re.compile(rf"\W*({AGENCIES})(\s*[,/&;|-]\s*({AGENCIES}))*\W*", re.I)


def boilerplate_kind(line: str) -> str | None:
    """What kind of boilerplate a line is (anywhere in the text), or None. Only short lines qualify."""
    n = _words(line)
    if n == 0 or n > 40:
        return None
    if n <= 30 and SUBSCRIBE.search(line):
        return "subscribe"
    if n <= 40 and SYNDICATION.search(line):
        return "syndication"
    if READING_TIME.match(line):
        return "reading_time"
    if n <= 25 and SHARE.search(line):
        return "share"
    if n <= 25 and (PHOTO.search(line) or _is_credit_caps(line)):
        return "photo_credit"
    if n <= 8 and CONTACT.match(line):
        return "contact"
    if n <= 12 and DATELINE.match(line):
        return "dateline"
    return None


def _is_tail_bio(line: str) -> bool:
    return _words(line) <= 80 and BIO.match(line) is not None


def _looks_like_link_title(line: str) -> bool:
    """A related-links list item: short, no sentence-final punctuation."""
    return 0 < _words(line) <= 16 and not line.rstrip().endswith((".", "?", "!", ":", "\"", "”", "’"))


@dataclass(frozen=True, slots=True)
class Cleaned:
    text: str
    removed: tuple[str, ...]
    author_bio: str | None = None
    byline: str | None = None


def clean_text(text: str, *, title: str | None = None, deglue: bool = True) -> Cleaned:
    """Normalise `text`, take out boilerplate lines (kept in `removed`) and bios (kept in `author_bio`).

    A first line repeating `title` (extractors keep the page's <h1>) is taken out too.
    """
    lines = normalise(text).split("\n")
    removed: list[str] = []
    keep = [True] * len(lines)
    content = [i for i, line in enumerate(lines) if line]
    byline: str | None = None
    if title and content and _same_title(lines[content[0]], title):
        keep[content[0]] = False

    # 1. lines that are boilerplate wherever they stand; a related-links header takes its list with it
    in_links = False
    for i in content:
        line = lines[i]
        kind = boilerplate_kind(line)
        if kind is not None:
            keep[i] = False
            in_links = kind == "share" and re.match(
                r"^(related|read more|see also|more|recommended|you may|most read|further)", line, re.I) is not None
            continue
        if in_links and _looks_like_link_title(line):
            keep[i] = False
            continue
        in_links = False

    # 2. the head: a byline among the first lines
    for i in [j for j in content if keep[j]][:3]:
        m = BYLINE.match(lines[i])
        if m and _words(lines[i]) <= 12:
            byline = m.group(1).strip()
            keep[i] = False
            break

    # 3. the tail: bios, disclaimers, contact lines and boilerplate, read upwards until the article resumes
    bio: list[str] = []
    tail = [j for j in content if keep[j]]
    for i in reversed(tail[-6:]):
        line = lines[i]
        if _is_tail_bio(line) or DISCLAIMER.search(line) or CONTACT.match(line):
            keep[i] = False
            if _is_tail_bio(line) or DISCLAIMER.search(line):
                bio.insert(0, line)
            continue
        m = BYLINE.match(line)
        if m and _words(line) <= 12:
            keep[i] = False
            byline = byline or m.group(1).strip()
            continue
        if 0 < _words(line) <= 3 and not line.endswith((".", "?", "!")) and len(bio) > 0:
            keep[i] = False  # a lone name or a sign-off above a bio
            continue
        break
    bio_set = set(bio)
    for i in content:
        if not keep[i] and lines[i] not in bio_set:
            removed.append(lines[i])

    paras: list[str] = []
    for line, k in zip(lines, keep, strict=True):
        if not (k and line):
            continue
        if "(" in line:
            credits = [m.group(0).strip() for m in INLINE_CREDIT.finditer(line)]
            if credits:
                removed.extend(credits)
                line = " ".join(INLINE_CREDIT.sub("", line).split())
                if not line:
                    continue
        paras.append(line)
    body = "\n\n".join(paras)  # lines are already normalised: one paragraph each, a blank line between
    if deglue:
        body = repair_glued_names(body)
    return Cleaned(text=body, removed=tuple(removed), author_bio="\n".join(bio) if bio else None, byline=byline)


def _same_title(line: str, title: str) -> bool:
    def squash(x: str) -> str:
        return re.sub(r"\W+", " ", unicodedata.normalize("NFC", x)).strip().casefold()

    a, b = squash(line), squash(title)
    return bool(a) and (a == b or (len(a) >= 12 and b.startswith(a)))


# -- glued names ("JapanSouth Korea" -> "Japan-South Korea") ---------------------------------------------------------

_GLUE = re.compile(r"\b([A-Z][a-z]{2,})([A-Z][a-z]+)")


@lru_cache(maxsize=1)
def known_names() -> frozenset[str]:
    """Country, capital, city and demonym names (lower case) from the `world` knowledge pack, or pycountry."""
    names: set[str] = set()
    try:
        from dyad.knowledge import load_pack  # type: ignore[attr-defined]

        pack = load_pack("world")
        for country in pack.countries:
            for attr in ("name", "aliases", "demonyms", "capital", "metonyms"):
                value = getattr(country, attr, None)
                if isinstance(value, str):
                    names.add(value)
                elif isinstance(value, list | tuple):
                    names.update(v for v in value if isinstance(v, str))
    except Exception:  # the pack is optional here: fall back to pycountry
        names.clear()
    if not names:
        import pycountry

        for c in pycountry.countries:
            for attr in ("name", "common_name", "official_name"):
                value = getattr(c, attr, None)
                if value:
                    names.add(value.split(",")[0])
        for sub in pycountry.subdivisions:  # provinces, prefectures and capital-city regions (Tokyo, Seoul…)
            names.add(re.split(r"[-\s(]", sub.name)[0])
        if "Korea" in names:
            names.update({"South Korea", "North Korea"})
    return frozenset(n.lower() for n in names if len(n) >= 3)


def _starts_known(text: str, names: frozenset[str]) -> bool:
    words = text.split()
    for k in (3, 2, 1):
        cand = " ".join(words[:k]).rstrip(".,;:!?'’\")").lower()
        if cand in names:
            return True
    return False


def repair_glued_names(text: str) -> str:
    """Insert the hyphen scraping dropped between two names: 'SeoulTokyo' -> 'Seoul-Tokyo'.

    Only where the left part is a capitalised word of at least 3 letters and BOTH halves are known place names
    (the right half may start a longer name: 'JapanSouth Korea'). 'McDonald', 'iPhone', 'LaGuardia', 'YouTube',
    'KakaoTalk' do not qualify and are left alone.
    """
    if not _GLUE.search(text):
        return text
    names = known_names()

    def fix(m: re.Match[str]) -> str:
        left, right = m.group(1), m.group(2)
        start = m.start(1)
        if start > 0 and text[start - 1].isalpha():
            return m.group(0)
        if left.lower() in names and _starts_known(text[m.start(2):m.start(2) + 60], names):
            return f"{left}-{right}"
        return m.group(0)

    return _GLUE.sub(fix, text)
