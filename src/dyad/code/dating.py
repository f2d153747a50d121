"""Which date each event gets, and on what basis (docs/coding-rules.md, "Dates").

1. a date mention syntactically linked to the trigger (the first trigger met climbing the tree from the date);
2. else the nearest stated (explicit or relative) date mention of the sentence that no other trigger claimed;
3. else the narrative date: the last stated date of an earlier sentence of the article (basis "context");
4. else, for a verb in the past or present tense that reports an occurred/ongoing act, the publication date
   (basis "publication", flag "date_from_publication");
5. else no date (basis "none").
Year-less dates ("in June") use their future reading for planned/predicted events.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from dyad.code.syntax import Tok
from dyad.records import DateBasis, DatePrecision


class DateLike(Protocol):
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def text(self) -> str: ...
    @property
    def date(self) -> str | None: ...
    @property
    def precision(self) -> DatePrecision: ...
    @property
    def basis(self) -> DateBasis: ...


@dataclass(frozen=True, slots=True)
class DateChoice:
    date: str | None
    precision: DatePrecision
    basis: DateBasis
    text: str | None
    flags: tuple[str, ...] = ()


NO_DATE = DateChoice(None, "unknown", "none", None)
_NEWS_TAGS = frozenset({"VBD", "VBZ", "VBP"})
# dates stated for the sentence's own time; an anchored date ("after the 1965 treaty") dates only what it hangs from
_FREE_BASES = frozenset({"explicit", "relative"})


def _choice(m: DateLike, modality: str, *, basis: DateBasis | None = None) -> DateChoice:
    date = m.date
    future = getattr(m, "future", None)
    if future and modality in ("planned", "predicted"):
        date = future
    # a date the resolver took from the knowledge pack ("the 1965 treaty") is marked, so the coder can check that
    # the event is one the pack's row could be about
    flags = ("anchored",) if m.basis not in _FREE_BASES else ()
    return DateChoice(date, m.precision, basis or m.basis, m.text, flags)


def _is_news_verb(head: Tok) -> bool:
    if head.pos_ not in ("VERB", "AUX"):
        return False
    if head.tag_ in _NEWS_TAGS:
        return True
    return head.tag_ == "VBN" and any(c.dep_ == "aux" and c.lemma_ == "have" for c in head.children)


def _when_clause(tok: Tok) -> bool:
    return any(c.dep_ in ("advmod", "mark") and c.lower_ in ("when", "as", "while", "after") for c in tok.children)


def _temporal_link(tok: Tok, claimed: dict[int, list[DateLike]], date_at: dict[int, DateLike]) -> DateLike | None:
    """A date the trigger shares with what it hangs from: "met on Tuesday and agreed" (a coordinated verb without
    its own subject), "met in March, when they agreed" (a when-clause on a date or on a dated verb), "rallied on
    Wednesday, demanding an apology" (a participial clause)."""
    cur = tok
    for _ in range(3):
        dep, head = cur.dep_, cur.head
        if head.i == cur.i:
            return None
        if dep == "conj" and any(c.dep_ in ("nsubj", "nsubjpass") for c in cur.children):
            return None
        participle = dep == "advcl" and cur.tag_ == "VBG" and not any(c.dep_ == "mark" for c in cur.children)
        if dep not in ("conj", "advcl", "relcl") or (dep != "conj" and not participle and not _when_clause(cur)):
            return None
        if head.i in date_at:
            return date_at[head.i]
        if head.i in claimed:
            return claimed[head.i][0]
        cur = head
    return None


class DateAttacher:
    """Attaches dates to the events of one article, sentence by sentence, keeping the narrative date."""

    def __init__(self, published: dt.date | None) -> None:
        self.published = published
        self.narrative: DateChoice | None = None

    def sentence(self, doc: Any, heads: Sequence[int], modalities: Sequence[str],
                 mentions: Sequence[DateLike]) -> list[DateChoice]:
        """One DateChoice per trigger head (in the order given), then update the narrative date."""
        usable = [m for m in mentions if m.date]
        head_set = set(heads)
        claimed: dict[int, list[DateLike]] = {}
        unclaimed: list[tuple[int, DateLike]] = []
        for m in usable:
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None or len(span) == 0:
                continue
            tok = span.root
            owner = None
            if m.basis not in _FREE_BASES:
                # an anchored date ("the 2015 agreement", "its export restrictions") dates only the event noun it
                # names, never the verb that takes that noun as object
                inside = [t.i for t in span if t.i in head_set and t.pos_ in ("NOUN", "PROPN")]
                if inside:
                    claimed.setdefault(inside[0], []).append(m)
                continue
            for t in [tok, *tok.ancestors]:
                if t.i in head_set and not (span.start <= t.i < span.end):
                    owner = t.i
                    break
            if owner is None:
                if m.basis in _FREE_BASES:
                    unclaimed.append((tok.i, m))
            else:
                claimed.setdefault(owner, []).append(m)
        out: list[DateChoice] = []
        for head_i in list(claimed):
            # a stated date before an anchored one
            claimed[head_i].sort(key=lambda m: m.basis not in _FREE_BASES)
        date_at = {t.i: m for m in usable if m.basis in _FREE_BASES
                   for t in (doc.char_span(m.start, m.end, alignment_mode="expand") or ())}
        for head_i in heads:
            if head_i in claimed:
                continue
            linked = _temporal_link(doc[head_i], claimed, date_at)
            if linked is not None:
                claimed[head_i] = [linked]
        for head_i, modality in zip(heads, modalities, strict=True):
            if head_i in claimed:
                out.append(_choice(claimed[head_i][0], modality))
            elif unclaimed:
                _, m = min(unclaimed, key=lambda pair: abs(pair[0] - head_i))
                out.append(_choice(m, modality))
            elif self.narrative is not None:
                n = self.narrative
                out.append(DateChoice(n.date, n.precision, "context", n.text))
            elif (self.published is not None and modality in ("occurred", "ongoing")
                  and _is_news_verb(doc[head_i])):
                out.append(DateChoice(self.published.isoformat(), "day", "publication", None,
                                      ("date_from_publication",)))
            else:
                out.append(NO_DATE)
        stated = [m for m in usable if m.basis in _FREE_BASES]
        if stated:
            last = max(stated, key=lambda m: m.start)
            self.narrative = DateChoice(last.date, last.precision, last.basis, last.text)
        return out


__all__ = ["NO_DATE", "DateAttacher", "DateChoice", "DateLike"]
