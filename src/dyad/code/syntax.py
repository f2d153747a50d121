"""Dependency-tree helpers the coder shares: which actor a phrase names, a clause's subjects and objects.

Tokens are spaCy `Token`s (typed `Any`: spaCy ships no stubs). Actor mentions come from the resolver as char spans;
`ActorIndex` maps them onto tokens.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any, Protocol

from dyad.records import ActorRef
from dyad.resolve._lexicon import HEAD_KINDS

Tok = Any
Doc = Any

# dependents inside a noun phrase that can name the phrase's actor ("Japan's minister", "the Korean court")
NP_DEPS = frozenset({"poss", "compound", "amod", "nmod", "appos", "flat", "npadvmod"})
# prepositions inside a noun phrase that name its owner ("the government of Japan", "officials in Seoul")
OWNER_PREPS = frozenset({"of", "from", "in"})
# prepositions whose object is the recipient of an act
TARGET_PREPS = frozenset({"to", "against", "with", "on", "upon", "toward", "towards", "at", "from", "into", "over",
                          "about", "between", "onto"})
SUBJ_DEPS = frozenset({"nsubj", "csubj"})
PRONOUNS = frozenset({"it", "they", "we", "he", "she", "i", "its", "their", "our", "his", "her", "them"})
PLURAL = frozenset({"they", "their", "them"})
PERSONAL = frozenset({"he", "she", "his", "her", "i", "we", "our"})
# verbs whose object, not subject, controls an infinitive complement ("urged Japan to withdraw")
SUBJECT_CONTROL = frozenset({"promise", "pledge", "vow", "offer", "agree", "threaten", "refuse", "decline", "plan",
                             "intend", "seek", "try", "want", "hope", "decide", "fail"})


class MentionLike(Protocol):
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def text(self) -> str: ...
    @property
    def ref(self) -> ActorRef: ...
    @property
    def flags(self) -> tuple[str, ...]: ...


@dataclass(frozen=True, slots=True)
class Slot:
    """An actor filling a role of an event: its reference, the argument token, and flags about how it was found."""

    ref: ActorRef
    token: int
    flags: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        return self.ref.actor or self.ref.country or self.ref.text.lower()


class ActorIndex:
    """Actor mentions of one document, looked up by token."""

    def __init__(self, doc: Doc, mentions: Iterable[MentionLike]) -> None:
        self.doc = doc
        self.by_token: dict[int, MentionLike] = {}
        # further mentions inside the same token ("U.S.-Japan": two states in one token)
        self.also: dict[int, list[MentionLike]] = {}
        self._in_sentence: dict[tuple[int, int], list[tuple[int, MentionLike]]] = {}
        for m in sorted(mentions, key=lambda m: -(m.end - m.start)):
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None:
                continue
            for tok in span:
                first = self.by_token.setdefault(tok.i, m)
                if first is not m and (m.end <= first.start or m.start >= first.end):
                    self.also.setdefault(tok.i, []).append(m)

    def at(self, tok: Tok) -> MentionLike | None:
        return self.by_token.get(tok.i)

    def in_sentence(self, sent: Any) -> list[tuple[int, MentionLike]]:
        """(head token index, mention) for each distinct mention in the sentence (cached per sentence)."""
        first, last = sent[0].i, sent[-1].i + 1
        cached = self._in_sentence.get((first, last))
        if cached is not None:
            return cached
        seen: dict[int, tuple[int, MentionLike]] = {}
        for i in range(first, last):
            m = self.by_token.get(i)
            if m is None:
                continue
            prev = seen.get(id(m))
            # the mention's syntactic head is its token closest to the root
            if prev is None or _depth(self.doc[i]) < _depth(self.doc[prev[0]]):
                seen[id(m)] = (i, m)
        out = list(seen.values())
        self._in_sentence[(first, last)] = out
        return out

    def has_actor(self, first: int, last: int) -> bool:
        """Whether any actor mention touches tokens [first, last)."""
        return any(i in self.by_token for i in range(first, last))

    def phrase_actor(self, tok: Tok, *, depth: int = 0) -> MentionLike | None:
        """The actor a noun phrase headed by `tok` names: the token itself, else a possessor/modifier/owner."""
        m = self.at(tok)
        if m is not None:
            return m
        if depth >= 3:
            return None
        for child in tok.children:
            if child.dep_ in NP_DEPS:
                found = self.phrase_actor(child, depth=depth + 1)
                if found is not None:
                    return found
        if tok.pos_ in ("NOUN", "PROPN", "PRON", "ADJ", "NUM", "DET") and tok.lemma_.lower() not in _event_nouns():
            # "officials in Seoul" names Seoul's officials; "talks in Tokyo" names a place, not a party
            for child in tok.children:
                if child.dep_ == "prep" and child.lower_ in OWNER_PREPS:
                    for pobj in child.children:
                        if pobj.dep_ == "pobj":
                            found = self.phrase_actor(pobj, depth=depth + 1)
                            if found is not None:
                                return found
        return None

    def owners(self, tok: Tok) -> list[Tok]:
        """Conjoined owners of a phrase that names no actor itself ("the governments of Japan and Korea")."""
        if self.at(tok) is not None or tok.pos_ not in ("NOUN", "PROPN", "PRON", "ADJ", "NUM", "DET"):
            return []
        if any(c.dep_ in NP_DEPS and self.phrase_actor(c) is not None for c in tok.children):
            return []
        for child in tok.children:
            if child.dep_ == "prep" and child.lower_ in OWNER_PREPS:
                pobjs = [p for p in child.children if p.dep_ == "pobj"]
                if pobjs:
                    return conjuncts(pobjs[0])
        return []

    def actors(self, tok: Tok) -> list[Slot]:
        """The actors an argument names, one per conjunct ("Japan and South Korea", "the leaders of Japan and
        Korea" -> two)."""
        out: list[Slot] = []
        for t in self.conjuncts(tok):
            if t.pos_ == "PRON" and self.at(t) is None and any(c.dep_ == "appos" for c in t.children):
                # "We, the leaders of Japan, Korea and the United States, ...": the apposition names the speakers
                for c in (c for c in t.children if c.dep_ == "appos"):
                    out += [s for s in self.actors(c) if all(o.ref != s.ref for o in out)]
                continue
            owners = self.owners(t)
            if len(owners) > 1:
                for o in owners:
                    m = self.phrase_actor(o)
                    if m is not None and all(s.ref != m.ref for s in out):
                        out.append(Slot(m.ref, o.i, tuple(m.flags)))
                continue
            m = self.phrase_actor(t)
            if m is not None and all(s.ref != m.ref for s in out):
                out.append(Slot(m.ref, t.i, tuple(m.flags)))
            for child in (t, *(c for c in t.subtree if c.i < t.i and c.dep_ in ("compound", "amod", "nmod"))):
                out += [Slot(a.ref, child.i, tuple(a.flags)) for a in self.also.get(child.i, ())
                        if all(s.ref != a.ref for s in out)]
            if m is not None:
                # "Hungarian and Romanian officials", "the governments of Japan and Korea": conjoined owners
                for o in self._co_owners(t):
                    mo = self.at(o)
                    if mo is not None and mo.ref.country and all(s.ref != mo.ref for s in out):
                        out.append(Slot(mo.ref, o.i, tuple(mo.flags)))
            elif m is None and t.pos_ == "PRON" and t.lower_ in PRONOUNS:
                for ante in self.antecedents(t):
                    if all(s.ref != ante.ref for s in out):
                        out.append(Slot(ante.ref, t.i, (*ante.flags, "pronoun")))
        return out

    def conjuncts(self, tok: Tok) -> list[Tok]:
        """`tok` and its conjuncts, also those the parser hangs on an inner word of a multi-word mention ("the
        Republic of Korea and Japan": "Japan" is a conjunct of "Korea")."""
        out = [tok]
        stack = [tok]
        while stack:
            cur = stack.pop()
            m = self.at(cur)
            inner = [cur] + ([t for t in cur.subtree if t.i != cur.i and self.by_token.get(t.i) is m]
                             if m is not None else [])
            for word in inner:
                for child in word.children:
                    listed = child.dep_ == "conj" and child.pos_ in ("PROPN", "NOUN", "PRON", "ADJ")
                    # "Japan, the Republic of Korea, and the United States" parsed as an apposition: a state in
                    # apposition to another state is a list item, not a second name of the first
                    other = self.at(child)
                    listed = listed or (child.dep_ == "appos" and m is not None and other is not None
                                        and other.ref.country not in (None, m.ref.country))
                    if listed and child not in out:
                        out.append(child)
                        stack.append(child)
        return out

    def _co_owners(self, tok: Tok) -> list[Tok]:
        """Further owners conjoined with the one a phrase names: the conjuncts of an actor modifier ("Hungarian
        and Romanian officials") or of an "of" owner ("the governments of Japan and Korea")."""
        out: list[Tok] = []
        for child in tok.children:
            if child.dep_ in ("amod", "compound", "poss", "nmod") and self.at(child) is not None:
                out += conjuncts(child)
            elif child.dep_ == "prep" and child.lower_ == "of" and tok.pos_ in ("NOUN", "PROPN"):
                out += [c for p in child.children if p.dep_ == "pobj" and self.at(p) is not None
                        for c in self.conjuncts(p)]
        return out

    def antecedents(self, pron: Tok) -> list[Slot]:
        """What a pronoun stands for: the subject of the clause its clause hangs from ("Japan said it would ..."
        -> Japan), else the nearest earlier state or government mention within 40 tokens — with its conjoined
        mentions for a plural pronoun ("Japan and Korea said they ...")."""
        clause = pron.head
        hops = 0
        while clause.dep_ in ("ccomp", "xcomp", "advcl", "conj", "relcl", "acl") and hops < 4:
            clause = clause.head
            hops += 1
            for child in clause.children:
                if child.dep_ in SUBJ_DEPS and child.i != pron.i:
                    found = self.actors(child) if pron.lower_ in PLURAL else []
                    if found:
                        return [Slot(f.ref, child.i, f.flags) for f in found]
                    m = self.phrase_actor(child)
                    if m is not None:
                        return [Slot(m.ref, child.i, tuple(m.flags))]
        noun = pron.head
        if pron.dep_ == "poss" and noun.dep_ == "pobj" and noun.head.lower_ == "for" \
                and noun.head.head.pos_ == "VERB":
            # "praised Japan and Korea for their courage": the praised object owns the praised quality
            objs = [c for c in noun.head.head.children if c.dep_ == "dobj"]
            found = [s for o in objs for s in self.actors(o)]
            if found:
                return found
        if pron.lower_ in PERSONAL:
            return []  # he/she: persons are the resolver's business
        for i in range(pron.i - 1, max(-1, pron.i - 40), -1):
            m = self.by_token.get(i)
            if m is None or not m.ref.country or m.ref.kind not in (None, "state", "government"):
                continue
            if "modifier" in m.flags or "place" in m.flags:
                continue  # "Japanese seafood", "talks in Tokyo": an owner or a place is seldom what "it" stands for
            tok = self.doc[i]
            while tok.head.i != tok.i and self.by_token.get(tok.head.i) is m:
                tok = tok.head  # the mention's own head ("the Republic of Korea" -> "Republic")
            if pron.lower_ in PLURAL:
                group = self.actors(tok.head if tok.dep_ == "conj" else tok)
                if len(group) > 1:
                    return group
            return [Slot(m.ref, i, tuple(m.flags))]
        return []


@cache
def _event_nouns() -> frozenset[str]:
    from dyad.ontology import lexicon

    return frozenset(lexicon().nouns)


@cache
def _judging_verbs() -> frozenset[str]:
    """Verbs of praise and blame ("commended X in reaching", "faulted X in handling"): their object did the act."""
    from dyad.ontology import lexicon

    return frozenset(lemma for lemma, senses in lexicon().verbs.items()
                     if any(s.type in ("SUPPORT", "ACCUSE") for s in senses))


def conjuncts(tok: Tok) -> list[Tok]:
    out = [tok]
    stack = [tok]
    while stack:
        cur = stack.pop()
        for child in cur.children:
            if child.dep_ == "conj" and child.pos_ in ("PROPN", "NOUN", "PRON", "ADJ") and child not in out:
                out.append(child)
                stack.append(child)
    return out


def _depth(tok: Tok) -> int:
    d = 0
    while tok.head.i != tok.i and d < 200:
        tok = tok.head
        d += 1
    return d


def tree_distance(a: Tok, b: Tok) -> int:
    """Number of dependency arcs between two tokens of the same sentence."""
    path_a = [a, *a.ancestors]
    index = {t.i: n for n, t in enumerate(path_a)}
    for n, t in enumerate([b, *b.ancestors]):
        if t.i in index:
            return n + index[t.i]
    return 10_000


def is_passive(verb: Tok) -> bool:
    """A passive clause, or a participle modifying a noun ("controls imposed by Japan") — not a perfect clause the
    parser hangs on a noun ("hailed the news that they have signed a treaty": it has its own subject)."""
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children) or (
        verb.dep_ == "acl" and verb.tag_ == "VBN" and not any(c.dep_ == "nsubj" for c in verb.children))


def agent_objects(verb: Tok) -> list[Tok]:
    return [p for c in verb.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]


def prep_objects(tok: Tok, preps: frozenset[str]) -> list[tuple[str, Tok]]:
    """(preposition, object) pairs of `tok`'s prepositional phrases, including complex ones ("out of")."""
    out = []
    for child in tok.children:
        if child.dep_ not in ("prep", "prt", "dative", "advmod"):
            continue
        if child.lower_ in preps and child.dep_ != "advmod":
            out += [(child.lower_, p) for p in child.children if p.dep_ in ("pobj", "pcomp")]
        for inner in child.children:
            if inner.dep_ == "prep" and inner.lower_ in preps and not any(
                    p.dep_ == "pobj" for p in child.children):
                out += [(inner.lower_, p) for p in inner.children if p.dep_ in ("pobj", "pcomp")]
    return out


def direct_objects(verb: Tok) -> list[Tok]:
    objs = [c for c in verb.children if c.dep_ in ("dobj", "dative", "iobj")]
    if verb.dep_ == "relcl" and not objs and any(c.dep_ == "nsubj" for c in verb.children):
        objs.append(verb.head)  # "the restrictions it imposed": the head noun is the object
    if is_passive(verb):
        objs += [c for c in verb.children if c.dep_ == "nsubjpass"]
        if verb.dep_ == "acl" and verb.tag_ == "VBN":
            objs.append(verb.head)
    return objs


def subjects(verb: Tok, index: ActorIndex, *, hops: int = 0) -> list[Slot]:
    """The actor(s) doing what `verb` says: its subject, the agent of a passive, or the controller of an
    infinitive / the shared subject of a coordinated or participial clause."""
    if hops > 4:
        return []
    if is_passive(verb):
        agents = agent_objects(verb)
        return [s for a in agents for s in (index.actors(a) or unresolved(a))]
    subj = [c for c in verb.children if c.dep_ in SUBJ_DEPS or c.dep_ == "expl"]
    head = verb.head
    if verb.dep_ == "relcl" and subj and all(c.tag_ in ("WDT", "WP") for c in subj):
        return index.actors(head)  # "Washington, which urged both sides": the relative pronoun is the head noun
    if subj:
        found = [s for c in subj for s in (index.actors(c) or unresolved(c))]
        return found + [s for c in subj for s in _list_front(c, index) if all(f.ref != s.ref for f in found)]
    if head.i == verb.i:
        return []
    if verb.dep_ == "xcomp":
        raised = [c for c in head.children if c.dep_ == "nsubjpass"]
        if raised:
            # "Kishida is expected/said/set to meet Yoon": the passive raising verb's subject does the act
            return [s for c in raised for s in index.actors(c)]
        if head.lemma_ not in SUBJECT_CONTROL:
            objs = [c for c in head.children if c.dep_ in ("dobj", "iobj")]
            objs += [p for _, p in prep_objects(head, frozenset({"on", "upon"}))]
            found = [s for o in objs for s in index.actors(o)]
            if found or any(o.pos_ == "PROPN" or o.lemma_.lower() in HEAD_KINDS for o in objs):
                # "called on the public / the international community to support": the object acts, even when it
                # names no state ("had the courage to reach a deal": an abstract object controls nothing)
                return found
        return subjects(head, index, hops=hops + 1)
    if verb.dep_ in ("acomp", "oprd") or (verb.dep_ == "xcomp" and head.pos_ == "ADJ"):
        # "Japan is ready to talk", "Kishida is likely to visit": the copula's subject
        return subjects(head, index, hops=hops + 1)
    if verb.dep_ == "pcomp" and head.dep_ == "prep":
        gov = head.head
        if gov.pos_ == "NOUN":
            # "Japan's role in brokering talks": the noun's owner acts; a pronoun owner only where it is the
            # praised object ("praised X for their courage in reaching a deal"), else it is too loose a guess
            praised = gov.dep_ == "pobj" and gov.head.lower_ == "for"
            return [s for c in gov.children if c.dep_ == "poss" and (praised or c.pos_ != "PRON")
                    for s in index.actors(c)]
        if (head.lower_ in ("of", "for", "on") or (head.lower_ == "in" and gov.lemma_.lower() in _judging_verbs())) \
                and gov.pos_ in ("VERB", "AUX"):
            # "accused Japan of imposing", "congratulated Seoul on reaching": the object does the gerund
            found = [s for c in gov.children if c.dep_ in ("dobj", "nsubjpass") for s in index.actors(c)]
            if found:
                return found
        return subjects(gov, index, hops=hops + 1) if gov.pos_ in ("VERB", "AUX") else []
    if verb.dep_ in ("conj", "advcl", "pcomp") or (verb.dep_ == "acl" and verb.tag_ == "VBG"):
        if verb.dep_ == "acl":
            return index.actors(head)
        return subjects(head if head.pos_ in ("VERB", "AUX") else head.head, index, hops=hops + 1)
    if verb.dep_ == "relcl":
        return index.actors(head)
    if verb.dep_ == "acl" and verb.tag_ == "VB" and head.pos_ == "NOUN":
        # "Japan's decision to impose curbs", "Seoul's refusal to attend": the owner of the noun acts
        owners = [s for c in head.children if c.dep_ in ("poss", "compound", "amod") for s in index.actors(c)]
        if owners or head.dep_ != "dobj" or head.head.pos_ not in ("VERB", "AUX"):
            return owners
        # "had the courage to reach a deal", "made an attempt to mediate": the subject of the governing verb
        return subjects(head.head, index, hops=hops + 1)
    return []


def _list_front(subj: Tok, index: ActorIndex) -> list[Slot]:
    """"At the summit on Friday, A, B and C pledged": the parser hangs the first items of a list of actors on the
    word before them; actors right before a coordinated subject, separated by commas, are items of its list."""
    if not any(c.dep_ == "conj" for c in subj.children) or index.at(subj) is None:
        return []
    out: list[Slot] = []
    k = subj.left_edge.i - 1
    doc = subj.doc
    while k >= 1 and doc[k].text == ",":
        tok = doc[k - 1]
        m = index.at(tok)
        if m is None:
            break
        while tok.head.i != tok.i and index.at(tok.head) is m:
            tok = tok.head
        if tok.dep_ not in ("conj", "appos", "npadvmod") or tok.head.i == subj.i:
            break
        out += index.actors(tok)[:1]
        k = min(t.i for t in tok.subtree if index.at(t) is m) - 1
    return out


# named-entity labels of a subject the pack does not know that still name an actor ("Amnesty International accused
# the United States"): PLOVER codes such sources; the event keeps them with no country (confidence x 0.6)
ACTOR_ENTITIES = frozenset({"ORG"})


def unresolved(tok: Tok) -> list[Slot]:
    """An unresolved actor for a subject headed by a named organisation or person the pack lacks, else nothing."""
    if tok.ent_type_ not in ACTOR_ENTITIES or tok.pos_ not in ("PROPN", "NOUN"):
        return []
    ent = next((e for e in tok.doc.ents if e.start <= tok.i < e.end), None)
    text = ent.text if ent is not None else tok.text
    return [Slot(ActorRef(text=text, actor=None, country=None, kind=None), tok.i, ("unresolved",))]


def span_text(tokens: Sequence[Tok]) -> str:
    toks = sorted(tokens, key=lambda t: t.i)
    return " ".join(t.text for t in toks)


__all__ = ["ActorIndex", "MentionLike", "Slot", "agent_objects", "conjuncts", "direct_objects", "is_passive",
           "prep_objects", "span_text", "subjects", "tree_distance"]
