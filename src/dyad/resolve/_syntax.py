"""Parse helpers for the actor resolver: noun-phrase heads, titles, country cues, entity spans, place uses.

English grammar only; nothing here names a country. Tokens are spaCy `Token`s.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from dyad.resolve import _lexicon as lex

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token


@dataclass(frozen=True, slots=True)
class Entry:
    kind: str  # name | demonym | plural | metonym | actor | person
    ident: str  # ISO3, actor id or person id


@dataclass(slots=True)
class Match:
    start: int  # token indices
    end: int
    entries: list[Entry]
    used: bool = False


def det_start(span: Span) -> int:
    """Token index where the phrase starts once a determiner right before it is included."""
    doc = span.doc
    if span.start > 0 and doc[span.start - 1].lower_ in ("the", "a", "an"):
        return span.start - 1
    return span.start


def with_det(span: Span) -> Span:
    return span.doc[det_start(span) : span.end]


def np_head(span: Span) -> Token | None:
    """The noun a name or demonym modifies ("South Korean" -> "government", "Japan's" -> "ministry"), or None."""
    last = span[-1]
    doc = span.doc
    nxt = last.i + 1
    if not doc.has_annotation("DEP"):  # no parse: the first actor noun within three words
        for token in doc[span.end : min(len(doc), span.end + 3)]:
            if token.is_punct:
                break
            if kind_of(token) is not None:
                return token
        return None
    possessive = nxt < len(doc) and doc[nxt].tag_ == "POS" and last.dep_ == "poss"
    hops = 0
    while last.dep_ == "conj" and last.head.i < last.i and hops < 4:  # "Japanese and [South Korean] officials"
        last, hops = last.head, hops + 1
    if not possessive and not (last.dep_ in ("amod", "compound", "nmod", "poss") and last.head.i > last.i):
        return None
    head = last.head
    while head.dep_ == "compound" and head.head.i > head.i and head.head.i - span.end < 4:
        head = head.head
    if head.i < span.end or head.i - span.end > 4 or head.pos_ not in ("NOUN", "PROPN"):
        return None
    return head


def kind_of(token: Token) -> str | None:
    """The actor kind a noun names (by lemma, form, or the form without a plural -s: "Governments")."""
    word = token.lower_
    return lex.HEAD_KINDS.get(token.lemma_.lower()) or lex.HEAD_KINDS.get(word) or (
        lex.HEAD_KINDS.get(word[:-1]) if word.endswith("s") and len(word) > 3 else None)


def title_of(doc: Doc, first: int, end: int) -> str | None:
    words = [t.lower_ for t in doc[first:end] if t.tag_ != "POS" and t.lower_ not in ("the", "a", "an")]
    while words:
        office = lex.TITLES.get(" ".join(words))
        if office is not None:
            return office
        if words[0] in lex.SUBORDINATE:
            return None  # "vice foreign minister" is another office
        words = words[1:]  # "new prime minister" -> "prime minister"
    return None


def cue_before(doc: Doc, start: int, by_end: dict[int, Match]) -> tuple[Match | None, int]:
    """A country name/demonym/metonym right before token `start` ("the South Korean", "Japan's", "Seoul's top"),
    with the token index where the whole phrase begins (its determiner included)."""
    positions = [start]
    i = start
    while i > 0 and start - i < 2 and doc[i - 1].pos_ == "ADJ" and doc[i - 1].lower_ not in lex.HEAD_KINDS:
        i -= 1
        positions.append(i)
    positions += [p - 1 for p in list(positions) if p > 0 and (doc[p - 1].tag_ == "POS" or doc[p - 1].text in
                                                             ("'s", "’s", "'"))]
    for position in positions:
        cue = by_end.get(position)
        if cue is not None and not cue.used and any(
                e.kind in ("name", "demonym", "metonym") for e in cue.entries):
            begin = cue.start
            if begin > 0 and doc[begin - 1].lower_ in ("the", "a", "an"):
                begin -= 1
            return cue, begin
    return None, start


def entity(doc: Doc, i: int) -> tuple[int, int, str] | None:
    """(start, end, label) of the named entity holding token i (read from IOB tags: `doc.ents` is rebuilt on
    every access and too slow to scan per match)."""
    if doc[i].ent_iob_ not in ("B", "I"):
        return None
    start = i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return start, end, doc[start].ent_type_


def inside_other_entity(span: Span) -> bool:
    ent = entity(span.doc, span.start)
    return ent is not None and ent[0] <= span.start and span.end <= ent[1] and \
        (ent[0], ent[1]) != (span.start, span.end) and ent[2] in lex.NON_ACTOR_ENTITIES


def inside_other_name(doc: Doc, match: Match) -> bool:
    """A surname glued to other capitalised words is part of another name ("Hibiya Park", "Moon Bay")."""
    if match.end - match.start > 1:
        return False
    token = doc[match.start]
    ent = entity(doc, token.i)
    if ent is not None and ent[2] != "PERSON" and ent[1] - ent[0] > 1:
        return True
    before = doc[match.start - 1] if match.start > 0 else None
    after = doc[match.end] if match.end < len(doc) else None
    window = doc.text[max(0, token.idx - 60) : token.idx]
    glued_before = before is not None and before.is_title and before.pos_ == "PROPN" and \
        lex.TITLE_BEFORE_NAME.search(window) is None and before.lower_ not in lex.HONORIFICS \
        and before.lower_ not in lex.OFFICIAL_TITLE_HEADS  # "Deputy Secretary Blinken": a title, not a name
    glued_after = after is not None and after.is_title and after.pos_ == "PROPN"
    return glued_before or glued_after


def use(span: Span) -> str:
    """How a country name or capital is used: "actor", "place" ("talks in Tokyo", "travel to Seoul") or
    "modifier" ("the Tokyo Olympics", "Seoul stock prices")."""
    token = span.root
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    if token.dep_ == "pobj":
        prep = token.head
        if prep.lower_ in lex.LOCATIVE_PREPS:
            return "place"
        if prep.lower_ in ("to", "from", "for") and prep.head.lemma_.lower() in lex.MOTION_VERBS:
            return "place"
    if token.dep_ == "compound" and token.head.lemma_.lower() not in lex.HEAD_KINDS:
        return "modifier"
    if token.dep_ == "dobj" and token.head.lemma_.lower() in lex.MOTION_VERBS:
        return "place"
    return "actor"


def honorific(doc: Doc, start: int) -> str | None:
    if start > 0:
        word = doc[start - 1].lower_
        if word == "." and start > 1:
            word = doc[start - 2].lower_ + "."
        return lex.HONORIFICS.get(word)
    return None


def titled_officials(doc: Doc, heads: frozenset[str]) -> list[tuple[int, int]]:
    """Token ranges [first, last) of capitalised official titles with the name they precede ("Deputy Secretary
    Blinken", "National Security Advisor Jake Sullivan", "Ambassador Jane R. Holloway"), or of a definite title
    alone ("the Deputy Secretary"). The caller decides whose official it is."""
    out: list[tuple[int, int]] = []
    i = 0
    n = len(doc)
    while i < n:
        tok = doc[i]
        if not (tok.is_title and tok.lower_ in heads):
            i += 1
            continue
        first = i
        while first > 0 and doc[first - 1].is_title and doc[first - 1].pos_ in ("PROPN", "NOUN", "ADJ") \
                and doc[first - 1].ent_type_ != "PERSON":
            first -= 1
        last = i + 1
        while last < n and doc[last].is_title and doc[last].lower_ in heads:
            last += 1  # "Secretary General"
        name_end = last
        while name_end < n and doc[name_end].pos_ == "PROPN" and (doc[name_end].is_title or doc[name_end].is_upper) \
                and doc[name_end].lower_ not in heads:
            name_end += 1
        named = name_end > last and name_end - last <= 4 and any(
            doc[k].ent_type_ == "PERSON" for k in range(last, name_end))
        definite = first > 0 and doc[first - 1].lower_ == "the" and name_end == last
        if named:
            out.append((first, name_end))
        elif definite and doc[i].dep_ not in ("compound", "amod"):
            out.append((first - 1, last))
        i = max(name_end, i + 1)
    return out
