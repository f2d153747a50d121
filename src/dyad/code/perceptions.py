"""Perceptions: one side's stated view of the other, from cue words (ontology/perceptions.yaml) and the tree.

Patterns (docs/coding-rules.md, "Perceptions"):
- "X sees/regards/views Y as Z", "X considers Y Z"               holder X, about Y, frame Z
- "X believes/thinks (that) Y is Z"                              holder X, about Y, frame "is Z" without the copula
- "X distrusts/respects Y", "X accuses Y of Z"                   holder X, about Y, stance from the verb
- "X is/remains concerned/angry/frustrated about/over/with Y's Z" holder X, about Y, frame Z
- "in X's view, Y ..."                                           holder X, about Y, frame = Y's predicate
The stance comes from the cue's polarity when it has one, else from the frame's words (negators turn it round).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from functools import cache
from importlib.resources import files
from typing import Any

import yaml

from dyad.code.syntax import ActorIndex, Slot, Tok, subjects
from dyad.records import Stance

_DROP_DEPS = frozenset({"det", "punct", "poss", "case", "auxpass", "cc", "mark", "nsubj", "nsubjpass"})
_MAX_FRAME_WORDS = 8
_COPULAS = frozenset({"be", "become", "remain", "seem", "appear"})
# clauses hanging off a complement that add circumstances, not the view itself
_SIDE_DEPS = frozenset({"advcl", "relcl", "parataxis"})
# prepositional phrases that say why or when, not what: left out of a frame
_ASIDE_PREPS = frozenset({"over", "about", "regarding", "amid", "during", "after", "before", "since", "because",
                          "in", "at", "despite"})


@dataclass(frozen=True, slots=True)
class PerceptionDraft:
    holder: Slot
    about: Slot
    stance: Stance
    frame: str
    cue: tuple[int, ...]  # token indices of the cue words
    head: int  # token the modality is read from
    confidence: float


@cache
def _cues() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(
        files("dyad.ontology").joinpath("perceptions.yaml").read_text(encoding="utf-8"))
    return data


@cache
def _set(name: str) -> frozenset[str]:
    return frozenset(str(x) for x in (_cues().get(name) or ()))


def _lemma(tok: Tok) -> str:
    return str(tok.lemma_).lower()


def frame_of(tokens: Sequence[Tok], about: MentionTokens) -> str:
    """A short normalised phrase: the complement's words without determiners, possessors and the 'about' actor."""
    toks = list(tokens)
    asides = {d.i for t in toks if t.dep_ == "prep" and t.lower_ in _ASIDE_PREPS for d in t.subtree}
    asides |= {d.i for t in toks if t.dep_ in _SIDE_DEPS and t.head in toks for d in t.subtree}
    words = [t for t in sorted(toks, key=lambda t: t.i)
             if t.dep_ not in _DROP_DEPS and t.i not in about and not t.is_punct and t.i not in asides]
    words = [t for t in words if not (t.dep_ == "aux" and t.lower_ != "to")]
    while words and words[0].pos_ in ("AUX", "PART", "ADP", "CCONJ", "SCONJ"):
        words = words[1:]
    return " ".join(t.lower_ for t in words[:_MAX_FRAME_WORDS]).strip()


MentionTokens = frozenset[int]


def frame_stance(tokens: Sequence[Tok]) -> Stance:
    """Polarity of a frame from its words: negative/positive counts, turned round by a negator before them."""
    neg_words, pos_words, negators = _set("negative"), _set("positive"), _set("negators")
    neg = pos = 0
    flipped = False
    for t in sorted(tokens, key=lambda t: t.i):
        lem, low = _lemma(t), t.lower_
        if lem in negators or low in negators or t.dep_ == "neg":
            flipped = True
            continue
        is_neg = lem in neg_words or low in neg_words or low.startswith("anti-")
        is_pos = lem in pos_words or low in pos_words
        if (is_neg or is_pos) and any(c.dep_ == "amod" and (_lemma(c) in neg_words | pos_words)
                                      for c in t.children):
            continue  # "unreliable partner": the modifier, not the head noun, carries the judgement
        if flipped:
            is_neg, is_pos = is_pos, is_neg
        neg += is_neg
        pos += is_pos
    if neg and pos:
        return "negative" if neg > pos else "positive" if pos > neg else "mixed"
    if neg:
        return "negative"
    if pos:
        return "positive"
    if flipped:
        return "negative"
    return "neutral"


def _mention_tokens(index: ActorIndex, slot: Slot) -> MentionTokens:
    return frozenset(i for i, m in index.by_token.items() if m.ref == slot.ref)


def _subtree(tok: Tok) -> list[Tok]:
    return list(tok.subtree)


def _actors_within(tok: Tok, index: ActorIndex) -> list[Slot]:
    """The actors named anywhere inside a phrase ("what they describe as Seoul's moving goalposts",
    "the durability of the plan under a future government in Seoul"), in order."""
    out: list[Slot] = []
    for t in tok.subtree:
        m = index.at(t)
        if m is not None and all(s.ref != m.ref for s in out):
            out.append(Slot(m.ref, t.i, tuple(m.flags)))
    return out


def _expand(slots: list[Slot], dyad: tuple[str, str]) -> list[Slot]:
    """A dyad phrase ("the two countries", "its two allies") stands for both states of the pack's dyad."""
    out: list[Slot] = []
    for s in slots:
        if s.ref.country == "DYAD":
            out += [Slot(replace(s.ref, actor=c, country=c, kind="state"), s.token, (*s.flags, "dyad_phrase"))
                    for c in dyad if c]
        else:
            out.append(s)
    return out


def _pairs(holders: list[Slot], abouts: list[Slot], dyad: tuple[str, str]) -> Iterator[tuple[Slot, Slot]]:
    for h in _expand(holders, dyad):
        for a in _expand(abouts, dyad):
            if h.ref.country and a.ref.country and h.ref.country != a.ref.country:
                yield h, a


def perceptions_in(sent: Sequence[Tok], index: ActorIndex, dyad: tuple[str, str] = ("", "")) -> list[PerceptionDraft]:
    """All perception drafts of one sentence (`dyad`: the pack's two states, for dyad phrases)."""
    cues = _cues()
    view, belief = _set("view_verbs"), _set("belief_verbs")
    attitude: dict[str, Stance] = cues.get("attitude_verbs") or {}
    emotion: dict[str, Stance] = cues.get("emotion_words") or {}
    eprep, view_nouns = _set("emotion_preps"), _set("view_nouns")
    causative: dict[str, Stance] = cues.get("causative_verbs") or {}
    emotion_nouns: dict[str, Stance] = cues.get("emotion_nouns") or {}
    out: list[PerceptionDraft] = []

    def add(holders: list[Slot], abouts: list[Slot], frame_toks: list[Tok], cue: list[Tok], head: Tok,
            stance: Stance | None, conf: float) -> None:
        for h, a in _pairs(holders, abouts, dyad):
            frame = frame_of(frame_toks, _mention_tokens(index, a) | _mention_tokens(index, h)) or " ".join(
                _lemma(t) for t in cue)
            st = stance or frame_stance(frame_toks)
            out.append(PerceptionDraft(h, a, st, frame, tuple(sorted(t.i for t in cue)), head.i, conf))

    for tok in sent:
        lemma = _lemma(tok)
        if tok.pos_ in ("VERB", "AUX") and lemma in view:
            objs = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
            comp = [p for c in tok.children if c.dep_ == "prep" and c.lower_ == "as"
                    for p in c.children if p.dep_ in ("pobj", "pcomp", "amod", "acomp")]
            comp += [c for c in tok.children if c.dep_ in ("oprd", "xcomp") and c.pos_ != "VERB"]
            comp += [c for c in tok.children if c.dep_ == "advcl" and any(
                g.dep_ == "mark" and g.lower_ == "as" for g in c.children)]
            # "view South Korea unfavourably": a manner adverb is the view
            comp += [c for c in tok.children if c.dep_ == "advmod" and c.lower_.endswith("ly")
                     and frame_stance([c]) != "neutral"]
            for cc in (c for c in tok.children if c.dep_ == "ccomp"):
                csubj = [c for c in cc.children if c.dep_ in ("nsubj", "nsubjpass")]
                if csubj and not objs:
                    objs = csubj
                    comp.append(cc)
            if objs and comp:
                frame_toks = [t for c in comp for t in _subtree(c) if not any(t in _subtree(o) for o in objs)]
                add(subjects(tok, index), [s for o in objs for s in index.actors(o)], frame_toks,
                    [tok, *(c for c in tok.children if c.lower_ == "as")], tok, None, 0.7)
        elif tok.pos_ in ("VERB", "AUX") and lemma in belief and any(c.dep_ == "ccomp" for c in tok.children):
            for comp in (c for c in tok.children if c.dep_ == "ccomp"):
                csubj = [c for c in comp.children if c.dep_ in ("nsubj", "nsubjpass")]
                if not csubj:
                    continue
                abouts = [s for c in csubj for s in index.actors(c)]
                frame_toks = [t for t in _subtree(comp) if not any(t in _subtree(c) for c in csubj)]
                add(subjects(tok, index), abouts, frame_toks, [tok], tok, None, 0.6)
        elif tok.pos_ in ("VERB",) and lemma in attitude:
            objs = [c for c in tok.children if c.dep_ == "dobj"]
            if not objs:
                continue
            frame_toks = [t for c in tok.children if c.dep_ == "prep" and c.lower_ in ("of", "for", "over")
                          for t in _subtree(c)]
            if not frame_toks:
                frame_toks = [t for o in objs for t in _subtree(o)]
            add(subjects(tok, index), [s for o in objs for s in index.actors(o)], frame_toks, [tok], tok,
                attitude[lemma], 0.7)
        elif tok.pos_ in ("ADJ", "VERB") and (tok.lower_ in emotion or lemma in emotion) and \
                tok.dep_ in ("acomp", "ROOT", "xcomp", "ccomp", "conj", "amod", "oprd"):
            stance = emotion.get(tok.lower_) or emotion.get(lemma)
            for prep in (c for c in tok.children if c.dep_ == "prep" and c.lower_ in eprep):
                for pobj in (p for p in prep.children if p.dep_ in ("pobj", "pcomp")):
                    abouts = index.actors(pobj) or _actors_within(pobj, index)[:1]
                    if not abouts:
                        continue
                    holder_verb = tok.head if tok.dep_ in ("acomp", "oprd", "xcomp") else tok
                    holders = [s for c in holder_verb.children if c.dep_ in ("nsubj", "nsubjpass")
                               for s in index.actors(c)] or subjects(holder_verb, index)
                    if tok.dep_ == "amod":
                        holders = index.actors(tok.head)
                    add(holders, abouts, _subtree(pobj), [tok, prep], holder_verb, stance, 0.7)
        elif tok.pos_ == "VERB" and lemma in causative:
            # "Seoul's decision angered Tokyo": the object holds the view, about the subject's actor
            objs = [c for c in tok.children if c.dep_ == "dobj"]
            subj = [c for c in tok.children if c.dep_ == "nsubj"]
            if objs and subj:
                abouts = [s for c in subj for s in index.actors(c)] or [
                    s for c in subj for s in _actors_within(c, index)]
                add([s for o in objs for s in index.actors(o)], abouts, _subtree(subj[0]), [tok], tok,
                    causative[lemma], 0.6)
        elif tok.pos_ == "NOUN" and lemma in emotion_nouns and tok.dep_ == "dobj" and \
                _lemma(tok.head) in _set("expressive_verbs"):
            # "expressed concern that Seoul had withheld ...", "voiced frustration over Tokyo's ..."
            parts = [c for c in tok.children if c.dep_ in ("acl", "ccomp", "prep")]
            parts += [c for c in tok.head.children if c.dep_ in ("ccomp", "prep") and c.i > tok.i]
            abouts = [s for c in parts for s in _actors_within(c, index)][:1]
            add(subjects(tok.head, index), abouts, [t for c in parts for t in _subtree(c)], [tok.head, tok],
                tok.head, emotion_nouns[lemma], 0.6)
        elif tok.pos_ in ("VERB",) and lemma in _set("reporting_verbs"):
            # "Yoon said Japan had become a partner": a reported evaluation with a copular complement
            for comp in (c for c in tok.children if c.dep_ == "ccomp"):
                csubj = [c for c in comp.children if c.dep_ in ("nsubj", "nsubjpass")]
                if _lemma(comp) in _COPULAS:
                    pred = [c for c in comp.children if c.dep_ in ("attr", "acomp", "oprd")]
                elif _lemma(comp) in _set("evaluative_predicates"):
                    pred = [comp, *(c for c in comp.children if c.dep_ in ("dobj", "xcomp", "prep", "neg"))]
                else:
                    continue
                if not csubj or not pred:
                    continue
                frame_toks = sorted({t for c in pred for t in (_subtree(c) if c is not comp else [c])},
                                    key=lambda t: t.i)
                if frame_stance(frame_toks) == "neutral":
                    continue
                add(subjects(tok, index), [s for c in csubj for s in index.actors(c)], frame_toks, [tok, comp],
                    tok, None, 0.5)
        elif tok.pos_ == "NOUN" and lemma in view_nouns and tok.head.dep_ == "prep" and tok.head.lower_ == "in":
            holders = [s for c in tok.children if c.dep_ in ("poss",) for s in index.actors(c)]
            holders += [s for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"
                        for p in c.children for s in index.actors(p)]
            clause = tok.head.head
            if not holders or clause.pos_ not in ("VERB", "AUX"):
                continue
            csubj = [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")]
            abouts = [s for c in csubj for s in index.actors(c)]
            frame_toks = [t for t in _subtree(clause) if t not in _subtree(tok.head)
                          and not any(t in _subtree(c) for c in csubj)]
            # the view is stated whatever the clause's own modality: read it from the "in" phrase
            add(holders, abouts, frame_toks, [tok.head, tok], tok.head, None, 0.6)
    return out


__all__ = ["PerceptionDraft", "frame_of", "frame_stance", "perceptions_in"]
