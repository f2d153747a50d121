"""The merged timeline: events from different articles that describe the same real-world act become one entry.

Merge rule (docs/measure.md): an event joins an existing entry when
  1. same direction: source key and target key equal (ISO3 country, else actor id, else the text);
  2. same counting class: occurred/ongoing events merge only with each other, other modalities only with others;
  3. compatible type: same PLOVER type, or same quad class and default Goldstein weights within `TYPE_CLOSE`;
  4. overlapping date bounds (`records.date_bounds`): the entry's bounds are the intersection of its members';
  5. similar evidence: token Jaccard >= `JACCARD_MIN` with one of the entry's sentences, or (for an event from an
     article not yet in the entry) at least one shared issue.
Among several candidate entries the most similar wins (ties: the narrowest bounds, then the oldest id).
Events are processed finest date first, so a "1998" mention attaches to a "1998-10-08" entry; an entry keeps the
finest member date as its date and lists every member's own date. Undated events get their own entry, never merged.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from bisect import insort
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import chain
from typing import Any

from dyad.measure._common import as_text_list, country_of, gc_paused, issue_matches, pack_id
from dyad.ontology import event_types
from dyad.records import COUNTED_MODALITIES, ActorRef, EventRecord, date_bounds

JACCARD_MIN = 0.25
MAX_COMPARE = 8  # evidence compared with an entry's first 8 members at most (keeps big entries cheap)
TYPE_CLOSE = 1.5  # max difference of default Goldstein weights for two types of one quad class to count as close
_WORD = re.compile(r"\b[a-z0-9]{3,}\b")
_STOP = frozenset(["the", "a", "an", "and", "or", "of", "to", "in", "on", "at", "for", "by", "with", "from", "as", "is", "are", "was", "were", "be", "been", "has", "have", "had", "it", "its", "this", "that", "these", "those", "their", "his", "her", "they", "them", "he", "she", "we", "our", "not", "but", "than", "then", "also", "after", "before", "over", "under", "into", "about", "which", "who", "whom", "would", "could", "should", "will", "shall", "may", "might", "said", "says", "say", "new", "year", "years"])


def tokens(text: str) -> frozenset[str]:
    """Content tokens of an evidence sentence: lower-case words of 3+ characters, stop words removed."""
    return frozenset(_WORD.findall(text.lower())).difference(_STOP)


@lru_cache(maxsize=65536)
def bounds_ordinals(date: str | None) -> tuple[int, int] | tuple[None, None]:
    """`records.date_bounds` as day ordinals (cached: corpora repeat dates)."""
    b = date_bounds(date)
    return (b[0].toordinal(), b[1].toordinal()) if b else (None, None)


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    inter = len(a & b)
    return inter / (len(a) + len(b) - inter)


def _close_types() -> dict[str, frozenset[str]]:
    types = event_types()
    return {a: frozenset(b for b, tb in types.items()
                         if tb.quad_class == ta.quad_class and abs(tb.intensity - ta.intensity) <= TYPE_CLOSE)
            for a, ta in types.items()}


_CLOSE: dict[str, frozenset[str]] = {}


def compatible_types(a: str, b: str) -> bool:
    """Same type, or same quad class with default intensities within TYPE_CLOSE (AGREE~SUPPORT~CONCEDE, ...)."""
    if a == b:
        return True
    if not _CLOSE:
        _CLOSE.update(_close_types())
    return b in _CLOSE.get(a, frozenset())


def actor_key(ref: ActorRef) -> str:
    return ref.country or country_of(ref.actor) or ref.actor or ("?" + ref.text.strip().lower())


@dataclass(frozen=True, slots=True)
class TimelineMember:
    """One event (one article's mention) inside a timeline entry."""

    event_id: str
    article: str
    sentence: str
    date: str | None
    date_precision: str


@dataclass(slots=True)
class _Item:
    event_id: str
    article: str
    sentence: str
    date: str | None
    precision: str
    lo: int | None  # date ordinals
    hi: int | None
    skey: str
    tkey: str
    scountry: str | None
    tcountry: str | None
    event_type: str
    quad_class: str
    intensity: float
    issues: tuple[str, ...]
    modality: str
    toks: frozenset[str]

    @property
    def counted(self) -> bool:
        return self.modality in COUNTED_MODALITIES

    @property
    def width(self) -> int:
        return (self.hi - self.lo) if self.lo is not None and self.hi is not None else 1 << 30


def item_from_event(e: EventRecord) -> _Item:
    lo, hi = bounds_ordinals(e.date)
    return _Item(e.id, e.article, e.sentence, e.date, e.date_precision, lo, hi,
                 actor_key(e.source), actor_key(e.target),
                 e.source.country or country_of(e.source.actor), e.target.country or country_of(e.target.actor),
                 e.event_type, e.quad_class, float(e.intensity), tuple(e.issues), e.modality,
                 tokens(e.sentence))


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """One real-world act on the timeline, with every article and evidence sentence that reports it."""

    id: str
    date: str | None
    date_precision: str
    date_start: dt.date | None
    date_end: dt.date | None
    source: str  # ISO3 country where known, else the actor key
    target: str
    event_type: str
    quad_class: str
    intensity: float  # mean of the members' intensities (Goldstein scale)
    issues: tuple[str, ...]
    modality: str
    counted: bool
    members: tuple[TimelineMember, ...] = field(default=())

    @property
    def articles(self) -> list[str]:
        return list(dict.fromkeys(m.article for m in self.members))

    @property
    def n_articles(self) -> int:
        return len(self.articles)

    @property
    def evidence(self) -> list[str]:
        return list(dict.fromkeys(m.sentence for m in self.members))

    @property
    def dates(self) -> list[str]:
        return list(dict.fromkeys(m.date for m in self.members if m.date))

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id, "date": self.date, "date_precision": self.date_precision,
            "dates": self.dates, "source": self.source, "target": self.target, "event_type": self.event_type,
            "quad_class": self.quad_class, "intensity": round(self.intensity, 3), "issues": list(self.issues),
            "modality": self.modality, "n_articles": self.n_articles, "articles": self.articles,
            "evidence": self.evidence,
        }


class _Entry:
    __slots__ = ("articles", "hi", "id", "issues", "items", "lo", "toks", "years")

    def __init__(self, entry_id: str, first: _Item) -> None:
        self.id = entry_id
        self.items: list[_Item] = [first]
        self.lo, self.hi = first.lo, first.hi
        self.articles = {first.article}
        self.issues = set(first.issues)
        self.toks: set[str] = set(first.toks)
        self.years: list[_YearIndex] = []  # the year indexes this entry is listed in (Merger._years)

    def add(self, item: _Item) -> None:
        self.items.append(item)
        if self.lo is not None and item.lo is not None and self.hi is not None and item.hi is not None:
            self.lo, self.hi = max(self.lo, item.lo), min(self.hi, item.hi)
        self.articles.add(item.article)
        self.issues.update(item.issues)
        if len(self.items) <= MAX_COMPARE:
            self.toks.update(item.toks)

    def freeze(self) -> TimelineEntry:
        # members in a canonical order (finest date first), so the entry reads the same however it was built
        items = self.items if len(self.items) == 1 else sorted(
            self.items, key=lambda it: (it.width, it.lo or 0, it.article, it.event_id))
        first = finest = items[0]
        modality = first.modality
        if len(items) > 1:  # the most common modality (first seen wins ties)
            counts: dict[str, int] = {}
            for it in items:
                counts[it.modality] = counts.get(it.modality, 0) + 1
            modality = max(counts, key=lambda k: counts[k])
        return TimelineEntry(
            id=self.id, date=finest.date, date_precision=finest.precision,
            date_start=dt.date.fromordinal(self.lo) if self.lo is not None else None,
            date_end=dt.date.fromordinal(self.hi) if self.hi is not None else None,
            source=first.scountry or first.skey, target=first.tcountry or first.tkey,
            event_type=first.event_type, quad_class=first.quad_class,
            intensity=sum(it.intensity for it in self.items) / len(self.items),
            issues=tuple(sorted(self.issues)), modality=modality, counted=first.counted,
            members=tuple(TimelineMember(it.event_id, it.article, it.sentence, it.date, it.precision)
                          for it in items),
        )


def entry_id_for(event_id: str) -> str:
    return "tl" + hashlib.sha256(event_id.encode("utf-8")).hexdigest()[:16]


@lru_cache(maxsize=131072)
def _month(ordinal: int) -> int:
    d = dt.date.fromordinal(ordinal)
    return d.year * 12 + d.month - 1


# bucket keys in one dict per (direction, counting class, founding type), offset so they never collide:
# month m -> entries within one month wider than a day; _DAYS_IN + m -> one-day entries of month m;
# _DAY + ordinal -> one-day entries of that day; _YEAR + y -> entries spanning months, in each year they touch
_YEAR = 1 << 40
_DAYS_IN = 2 << 40
_DAY = 3 << 40


class _YearIndex:
    """Every entry of one (direction, counting class, founding type) touching one year, with inverted indexes
    token -> entries and issue -> entries (built on first use, then kept current).

    Events wider than a month (year-level dates) look here instead of scanning every bucket of the year. An entry
    sharing a token with the event is found through the token's posting list and compared in full. An entry sharing
    only an issue has similarity 0, so its score is fixed and only the first such one by (width, id) can win: the
    issue lists are kept in that order and walked only up to the first entry that qualifies. An entry that narrows
    is listed again at its new width; its old place is recognised as stale and skipped."""

    __slots__ = ("entries", "issues", "toks")

    def __init__(self) -> None:
        self.entries: list[_Entry] = []
        self.toks: defaultdict[str, list[_Entry]] | None = None
        self.issues: dict[str, list[tuple[int, str, _Entry]]] = {}  # sorted by (width, id)

    def build(self) -> defaultdict[str, list[_Entry]]:
        toks: defaultdict[str, list[_Entry]] = defaultdict(list)
        issues: dict[str, list[tuple[int, str, _Entry]]] = {}
        for entry in self.entries:
            for tok in entry.toks:
                toks[tok].append(entry)
            width = _width(entry)
            for issue in entry.issues:
                issues.setdefault(issue, []).append((width, entry.id, entry))
        for listed in issues.values():
            listed.sort(key=lambda x: (x[0], x[1]))
        self.toks, self.issues = toks, issues
        return toks

    def post(self, entry: _Entry, toks: Iterable[str], issues: Iterable[str]) -> None:
        if self.toks is None:
            return
        posted = self.toks
        for tok in toks:
            posted[tok].append(entry)
        width = _width(entry)
        for issue in issues:
            insort(self.issues.setdefault(issue, []), (width, entry.id, entry), key=lambda x: (x[0], x[1]))

    def candidates(self, item: _Item, out: dict[_Entry, None]) -> None:
        """Add to `out` every entry sharing a token with the event (all entries when that is cheaper) and, per
        shared issue, the first entry by (width, id) that overlaps the event and lacks its article."""
        posted = self.toks if self.toks is not None else self.build()
        lists = [posted[t] for t in item.toks if t in posted]
        if sum(map(len, lists)) >= len(self.entries):  # common words: the posting lists are no shortcut
            out.update(dict.fromkeys(self.entries))
            return
        for entries in lists:
            out.update(dict.fromkeys(entries))
        lo, hi, article = item.lo, item.hi, item.article
        assert lo is not None and hi is not None
        for issue in item.issues:
            for width, _, entry in self.issues.get(issue, ()):
                e_lo, e_hi = entry.lo, entry.hi
                assert e_lo is not None and e_hi is not None
                if e_hi - e_lo != width or e_lo > hi or lo > e_hi or article in entry.articles:
                    continue  # a stale place, or an entry the issue cannot bring in
                out[entry] = None
                break


def _width(entry: _Entry) -> int:
    return (entry.hi - entry.lo) if entry.lo is not None and entry.hi is not None else 1 << 30


class Merger:
    """The merging engine. Entries are indexed by (direction, counting class, founding type) and time bucket
    (day, month or year, by the entry's width); an event looks only in the buckets its own bounds touch. Events
    wider than a month use per-year inverted indexes (`_YearIndex`) instead of the buckets: their candidates are the
    entries of those years sharing a token or an issue with them (the same candidates that could pass)."""

    def __init__(self) -> None:
        self.entries: dict[str, _Entry] = {}
        self._index: dict[tuple[str, str, bool, str], dict[int, list[_Entry]]] = {}  # key: founding type
        self._years: dict[tuple[str, str, bool, str], dict[int, _YearIndex]] = {}
        self.touched: set[str] = set()

    def _register(self, entry: _Entry) -> None:
        if entry.lo is None or entry.hi is None:
            return
        first = entry.items[0]
        key = (first.skey, first.tkey, first.counted, first.event_type)
        buckets = self._index.setdefault(key, {})
        m_lo, m_hi = _month(entry.lo), _month(entry.hi)
        if entry.lo == entry.hi:  # one day: found by day (from day events) and by month (from coarser events)
            buckets.setdefault(_DAY + entry.lo, []).append(entry)
            buckets.setdefault(_DAYS_IN + m_lo, []).append(entry)
        elif m_lo == m_hi:
            buckets.setdefault(m_lo, []).append(entry)
        else:
            for year in range(m_lo // 12, m_hi // 12 + 1):
                buckets.setdefault(_YEAR + year, []).append(entry)
        years = self._years.setdefault(key, {})
        for year in range(m_lo // 12, m_hi // 12 + 1):
            yidx = years.get(year)
            if yidx is None:
                yidx = years[year] = _YearIndex()
            yidx.entries.append(entry)
            if yidx.toks is not None:
                yidx.post(entry, entry.toks, entry.issues)
            entry.years.append(yidx)

    def load(self, entry_id: str, items: Sequence[_Item]) -> None:
        """Put back an entry read from the store (members in their original order)."""
        entry = _Entry(entry_id, items[0])
        for it in items[1:]:
            entry.add(it)
        self.entries[entry_id] = entry
        self._register(entry)

    def _join(self, entry: _Entry, item: _Item) -> None:
        """Add a member, keeping the year indexes' posting lists current."""
        if not entry.years:
            entry.add(item)
            return
        new_toks = item.toks.difference(entry.toks) if len(entry.items) < MAX_COMPARE else frozenset()
        new_issues = set(item.issues).difference(entry.issues)
        width = _width(entry)
        entry.add(item)
        if _width(entry) != width:  # narrowed: list it again under every issue at its new width
            new_issues = set(entry.issues)
        if new_toks or new_issues:
            for yidx in entry.years:
                yidx.post(entry, new_toks, new_issues)

    def add(self, item: _Item) -> str:
        """Merge one event; return the id of the entry it joined or founded.

        Candidates: entries of a compatible founding type, same direction and counting class, whose bounds
        overlap the event's; among those that pass the evidence test the most similar wins."""
        lo, hi = item.lo, item.hi
        chosen: _Entry | None = None
        if lo is not None and hi is not None:
            if not _CLOSE:
                _CLOSE.update(_close_types())
            m_lo, m_hi = _month(lo), _month(hi)
            wide = m_lo != m_hi
            if not wide:
                days = [_DAY + lo] if lo == hi else [_DAYS_IN + m_lo]
                keys = [*days, m_lo, _YEAR + m_lo // 12]
            toks, issues, article, etype = item.toks, item.issues, item.article, item.event_type
            n_toks = len(toks)
            need = JACCARD_MIN * n_toks
            best: tuple[float, int, str] | None = None
            for ctype in _CLOSE.get(etype) or (etype,):
                ikey = (item.skey, item.tkey, item.counted, ctype)
                cands: Iterable[_Entry]
                if wide:
                    years = self._years.get(ikey)
                    if not years:
                        continue
                    found: dict[_Entry, None] = {}
                    for year in range(m_lo // 12, m_hi // 12 + 1):
                        yidx = years.get(year)
                        if yidx is not None:
                            yidx.candidates(item, found)
                    cands = found
                else:
                    buckets = self._index.get(ikey)
                    if not buckets:
                        continue
                    cands = chain.from_iterable([buckets.get(key, ()) for key in keys])
                for entry in cands:
                    e_lo, e_hi = entry.lo, entry.hi
                    if e_lo is None or e_hi is None or e_lo > hi or lo > e_hi:
                        continue
                    shared = not entry.issues.isdisjoint(issues) and article not in entry.articles
                    # |A∩U|/|A| bounds the Jaccard of A with every member (U: their tokens): prune cheaply
                    common = len(toks & entry.toks)
                    if not shared and common < need:
                        continue
                    b_issue, b_type = (0.5 if shared else 0.0), (0.2 if ctype == etype else 0.0)
                    sim = 0.0
                    # common/|A| bounds the similarity too: skip the members when even that cannot beat the best
                    if common and (best is None or common / n_toks + b_issue + b_type >= -best[0]):
                        for it in entry.items[:MAX_COMPARE]:
                            other = it.toks
                            if other:
                                inter = len(toks & other)
                                j = inter / (n_toks + len(other) - inter)
                                if j > sim:
                                    sim = j
                    elif not shared:  # no shared token, or cannot beat the best so far even at the bound
                        continue
                    if sim < JACCARD_MIN and not shared:
                        continue
                    score = sim + b_issue + b_type
                    rank = (-score, e_hi - e_lo, entry.id)
                    if best is None or rank < best:
                        best, chosen = rank, entry
        if chosen is None:
            chosen = _Entry(entry_id_for(item.event_id), item)
            self.entries[chosen.id] = chosen
            self._register(chosen)
        else:
            self._join(chosen, item)
        self.touched.add(chosen.id)
        return chosen.id

    def add_all(self, items: Iterable[_Item]) -> None:
        ordered = sorted(items, key=lambda it: (it.width, it.lo if it.lo is not None else 0, it.event_id))
        with gc_paused():
            for it in ordered:
                self.add(it)


def merge_events(events: Iterable[EventRecord], *, include_uncounted: bool = False) -> list[TimelineEntry]:
    """Merge events into timeline entries (in memory), oldest first. Result does not depend on input order."""
    with gc_paused():
        merger = Merger()
        merger.add_all(item_from_event(e) for e in events
                       if include_uncounted or e.modality in COUNTED_MODALITIES)
        return sort_entries(e.freeze() for e in merger.entries.values())


def sort_entries(entries: Iterable[TimelineEntry]) -> list[TimelineEntry]:
    far = dt.date.max
    return sorted(entries, key=lambda e: (e.date_start or far, e.date_end or far, e.id))


def filter_entries(entries: Iterable[TimelineEntry], *, date_from: dt.date | None = None,
                   date_to: dt.date | None = None, issue: str | None = None, source: str | None = None,
                   target: str | None = None, include_uncounted: bool = False) -> list[TimelineEntry]:
    """Entries overlapping [date_from, date_to], with the issue (prefix), source and target asked for."""
    out = []
    for e in entries:
        if not include_uncounted and not e.counted:
            continue
        if date_from and (e.date_end is None or e.date_end < date_from):
            continue
        if date_to and (e.date_start is None or e.date_start > date_to):
            continue
        if issue and not issue_matches(e.issues, issue):
            continue
        if source and source.upper() != e.source.upper():
            continue
        if target and target.upper() != e.target.upper():
            continue
        out.append(e)
    return out


def chronology_events(pack: object) -> list[EventRecord]:
    """The knowledge pack's reference chronology as a corpus of events (article "chronology:<pack>").

    Rows whose description starts with "Joint:" are acts of both states; like the coder (docs/contracts.md) they are
    coded both ways, so each direction's index sees them.
    """
    article = f"chronology:{pack_id(pack)}"
    types = event_types()
    out: list[EventRecord] = []
    for row in getattr(pack, "chronology", ()) or ():
        etype = str(row.event_type).upper()
        if etype not in types:
            continue
        raw_date = row.date
        date = raw_date.isoformat() if isinstance(raw_date, dt.date) else (str(raw_date) if raw_date else None)
        if date:
            try:
                date_bounds(date)
            except ValueError:
                continue
        description = str(row.description or "")
        src, tgt = str(row.source), str(row.target)
        precision = str(getattr(row, "date_precision", "") or "unknown")
        quad = str(getattr(row, "quad_class", "") or types[etype].quad_class)
        pairs = [(src, tgt)]
        if description.lower().startswith("joint:") and src != tgt:
            pairs.append((tgt, src))
        for s, t in pairs:
            out.append(EventRecord(
                article=article, sentence=description, start=0, end=len(description),
                source=ActorRef(text=s, actor=s if "." in s else None, country=country_of(s)),
                target=ActorRef(text=t, actor=t if "." in t else None, country=country_of(t)),
                event_type=etype, quad_class=quad,  # type: ignore[arg-type]
                intensity=types[etype].intensity, modality="occurred", date=date,
                date_precision=precision,  # type: ignore[arg-type]
                date_basis="explicit", issues=as_text_list(row.issues), confidence=1.0,
                trigger=str(getattr(row, "id", "")) + ("" if (s, t) == pairs[0] else ":reverse"),
                cameo=types[etype].cameo,
            ))
    return out


# -- the store: incremental timeline in tables timeline_entries / timeline_members (migration 3) -----------------

_EVENT_COLS = """e.id, e.article_id, e.sentence, e.date, e.date_precision, e.date_start, e.date_end,
    e.source_country, e.source_actor, e.source_text, e.target_country, e.target_actor, e.target_text,
    e.event_type, e.quad_class, e.intensity, e.issues, e.modality"""
_MEMBER_COLS = ("event_id, entry_id, article_id, sentence, date, date_precision, date_start, date_end, source_key, "
                "target_key, source_country, target_country, event_type, quad_class, intensity, issues, modality, "
                "tokens")


def _key(country: str | None, actor: str | None, text: str | None) -> str:
    return country or country_of(actor) or actor or ("?" + (text or "").strip().lower())


def _item_from_event_row(r: tuple[Any, ...]) -> _Item:
    (eid, art, sent, date, prec, lo, hi, sc, sa, st, tc, ta, tt, etype, quad, inten, issues, modality) = r
    return _Item(eid, art, sent, date, prec, lo.toordinal() if lo else None, hi.toordinal() if hi else None,
                  _key(sc, sa, st), _key(tc, ta, tt), sc or country_of(sa), tc or country_of(ta), etype, quad,
                  float(inten), tuple(issues or ()), modality, tokens(sent))


def _item_from_member_row(r: tuple[Any, ...]) -> tuple[str, _Item]:
    (eid, entry, art, sent, date, prec, lo, hi, skey, tkey, sc, tc, etype, quad, inten, issues, modality, toks) = r
    return entry, _Item(eid, art, sent, date, prec, lo.toordinal() if lo else None,
                        hi.toordinal() if hi else None, skey, tkey, sc, tc, etype, quad, float(inten),
                        tuple(issues or ()), modality, frozenset(toks or ()))


@dataclass(frozen=True, slots=True)
class TimelineUpdate:
    """What one `update_timeline` call did."""

    events_added: int
    entries_created: int
    entries_changed: int
    members_dropped: int  # members whose event no longer exists (article re-coded)


def _load_entries(con: Any, merger: Merger, where: str, params: Sequence[Any] = ()) -> None:
    rows = con.execute(
        f"SELECT {_MEMBER_COLS} FROM timeline_members WHERE entry_id IN ({where}) ORDER BY entry_id, rowid",
        list(params)).fetchall()
    groups: dict[str, list[_Item]] = {}
    for r in rows:
        entry, item = _item_from_member_row(r)
        groups.setdefault(entry, []).append(item)
    for entry_id, items in groups.items():
        if entry_id not in merger.entries:
            merger.load(entry_id, items)


def update_timeline(store: Any) -> TimelineUpdate:
    """Assign every stored event not yet on the timeline, touching only the entries it could merge with.

    Candidate entries are looked up in the store by direction and date-bound overlap with the new events, so one
    more article costs a few lookups, not a rebuild. Members of events that were deleted (re-coded articles) are
    dropped and their entries recomputed. Runs in one transaction (`Store.transaction`).
    """
    with store.transaction() as con, gc_paused():
        gone = con.execute("""SELECT m.event_id, m.entry_id FROM timeline_members m
                              WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.id = m.event_id)""").fetchall()
        merger = Merger()
        if gone:
            gone_entries = sorted({g[1] for g in gone})
            con.execute("""DELETE FROM timeline_members m
                           WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.id = m.event_id)""")
            _load_entries(con, merger, ", ".join(["?"] * len(gone_entries)), gone_entries)
            merger.touched.update(gone_entries)
        new_rows = con.execute(f"""SELECT {_EVENT_COLS} FROM events e
            WHERE NOT EXISTS (SELECT 1 FROM timeline_members m WHERE m.event_id = e.id)""").fetchall()
        items = [_item_from_event_row(r) for r in new_rows]
        dated = [(it.skey, it.tkey, dt.date.fromordinal(it.lo), dt.date.fromordinal(it.hi))
                 for it in items if it.lo is not None and it.hi is not None]
        if dated:
            import polars as pl

            _tl_new = pl.DataFrame(dated, schema={"skey": pl.Utf8, "tkey": pl.Utf8, "lo": pl.Date, "hi": pl.Date},
                                   orient="row")
            con.register("_tl_new_view", _tl_new.to_arrow())
            con.execute("CREATE OR REPLACE TEMP TABLE _tl_new AS SELECT * FROM _tl_new_view")
            con.unregister("_tl_new_view")
            _load_entries(con, merger, """SELECT DISTINCT t.id FROM timeline_entries t JOIN _tl_new n
                ON t.source_key = n.skey AND t.target_key = n.tkey AND t.date_start <= n.hi AND t.date_end >= n.lo""")
            con.execute("DROP TABLE _tl_new")
        existing = set(merger.entries)
        merger.add_all(items)
        created = [eid for eid in merger.touched if eid not in existing]
        changed = [eid for eid in merger.touched if eid in existing]
        _write(con, merger, items)
    return TimelineUpdate(len(items), len(created), len(changed), len(gone))


def _write(con: Any, merger: Merger, new_items: Sequence[_Item]) -> None:
    import polars as pl

    touched = [merger.entries[eid] for eid in sorted(merger.touched)]
    rows = []
    for entry in touched:
        f = entry.freeze()
        first = entry.items[0]
        rows.append({"id": f.id, "date": f.date, "date_precision": f.date_precision, "date_start": f.date_start,
                     "date_end": f.date_end, "source_key": first.skey, "target_key": first.tkey,
                     "source_country": first.scountry, "target_country": first.tcountry,
                     "event_type": f.event_type, "quad_class": f.quad_class, "intensity": f.intensity,
                     "issues": list(f.issues), "modality": f.modality, "counted": f.counted,
                     "n_members": len(f.members), "n_articles": f.n_articles})
    if rows:
        _tl_entries = pl.DataFrame(rows, schema={
            "id": pl.Utf8, "date": pl.Utf8, "date_precision": pl.Utf8, "date_start": pl.Date, "date_end": pl.Date,
            "source_key": pl.Utf8, "target_key": pl.Utf8, "source_country": pl.Utf8, "target_country": pl.Utf8,
            "event_type": pl.Utf8, "quad_class": pl.Utf8, "intensity": pl.Float64, "issues": pl.List(pl.Utf8),
            "modality": pl.Utf8, "counted": pl.Boolean, "n_members": pl.Int32, "n_articles": pl.Int32})
        con.register("_tl_entries", _tl_entries.to_arrow())
        con.execute("DELETE FROM timeline_entries WHERE id IN (SELECT id FROM _tl_entries)")
        con.execute("INSERT INTO timeline_entries SELECT * FROM _tl_entries")
        con.unregister("_tl_entries")
    entry_of = {it.event_id: eid for eid in merger.touched for it in merger.entries[eid].items}
    members = [{
        "event_id": it.event_id, "entry_id": entry_of[it.event_id], "article_id": it.article,
        "sentence": it.sentence, "date": it.date, "date_precision": it.precision,
        "date_start": dt.date.fromordinal(it.lo) if it.lo is not None else None,
        "date_end": dt.date.fromordinal(it.hi) if it.hi is not None else None,
        "source_key": it.skey, "target_key": it.tkey, "source_country": it.scountry, "target_country": it.tcountry,
        "event_type": it.event_type, "quad_class": it.quad_class, "intensity": it.intensity,
        "issues": list(it.issues), "modality": it.modality, "tokens": sorted(it.toks)} for it in new_items]
    if members:
        _tl_members = pl.DataFrame(members, schema={
            "event_id": pl.Utf8, "entry_id": pl.Utf8, "article_id": pl.Utf8, "sentence": pl.Utf8, "date": pl.Utf8,
            "date_precision": pl.Utf8, "date_start": pl.Date, "date_end": pl.Date, "source_key": pl.Utf8,
            "target_key": pl.Utf8, "source_country": pl.Utf8, "target_country": pl.Utf8, "event_type": pl.Utf8,
            "quad_class": pl.Utf8, "intensity": pl.Float64, "issues": pl.List(pl.Utf8), "modality": pl.Utf8,
            "tokens": pl.List(pl.Utf8)})
        con.register("_tl_members", _tl_members.to_arrow())
        con.execute(f"INSERT INTO timeline_members ({_MEMBER_COLS}) SELECT {_MEMBER_COLS} FROM _tl_members")
        con.unregister("_tl_members")
    # entries that lost every member (all their events deleted) disappear
    con.execute("""DELETE FROM timeline_entries t
                   WHERE NOT EXISTS (SELECT 1 FROM timeline_members m WHERE m.entry_id = t.id)""")


def rebuild_timeline(store: Any) -> TimelineUpdate:
    """Forget the stored timeline and merge every event again (the canonical, order-independent result)."""
    with store.transaction() as con:
        con.execute("DELETE FROM timeline_members")
        con.execute("DELETE FROM timeline_entries")
    return update_timeline(store)


def load_timeline(store: Any) -> list[TimelineEntry]:
    """Every stored timeline entry (all modalities), oldest first. Call `update_timeline` first to be current."""
    with gc_paused():
        merger = Merger()
        _load_entries(store.con, merger, "SELECT id FROM timeline_entries")
        return sort_entries(e.freeze() for e in merger.entries.values())


def get_timeline(store: Any, *, date_from: dt.date | None = None, date_to: dt.date | None = None,
                 issue: str | None = None, source: str | None = None, target: str | None = None,
                 include_uncounted: bool = False, pack: object | None = None,
                 with_chronology: bool = False) -> list[TimelineEntry]:
    """The timeline the CLI and report show: the store's (updated first unless read-only), optionally with the
    pack's chronology merged in memory, filtered."""
    entries: list[TimelineEntry] = []
    if store is not None:
        if not getattr(store, "read_only", False):
            update_timeline(store)
        entries = load_timeline(store)
    if with_chronology and pack is not None:
        entries = sort_entries([*entries, *merge_events(chronology_events(pack))])
    return filter_entries(entries, date_from=date_from, date_to=date_to, issue=issue, source=source,
                          target=target, include_uncounted=include_uncounted)
