"""PLOVER events from the lexicon (ontology/lexicon.yaml) and the dependency tree.

For every sentence: find trigger words (verbs, light verb + event noun, event nouns that name their own actors),
read the source and target from the tree (subjects, passive agents, objects, prepositional objects, controllers of
infinitives, conjoined actors), and emit one `EventDraft` per (source, target) pair. Rules: docs/coding-rules.md.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from dyad.code.syntax import (
    TARGET_PREPS,
    ActorIndex,
    Slot,
    Tok,
    conjuncts,
    direct_objects,
    is_passive,
    prep_objects,
    subjects,
    tree_distance,
)
from dyad.ontology import Lexicon, Sense, event_type, lexicon
from dyad.records import ActorRef

# actor kinds that act for a state; anything else (civic groups, companies, crowds) is a non-state source
STATE_KINDS = frozenset({"state", "government", "legislature", "judiciary", "military", "igo", "person"})
DYAD = "DYAD"
COOP_QUADS = frozenset({"verbal_coop", "material_coop"})
# which event nouns a possessor/"by" names the source of, and which prepositions name the target
NOUN_SOURCE_DEPS = frozenset({"poss", "compound", "amod", "nmod"})
_CLAUSE_DEPS = frozenset({"ccomp", "advcl", "xcomp"})
NOUN_TARGET_PREPS = frozenset({"on", "against", "to", "toward", "towards", "with", "between", "from", "at", "over"})


@dataclass(frozen=True, slots=True)
class Trigger:
    """The words that carry an event and the lexicon sense they were read with."""

    head: int  # token index the modality and date rules start from
    words: tuple[int, ...]
    sense: Sense
    kind: str  # "verb", "light", "inverse" (light verb whose noun's act is done TO the subject), "report"
    # (reported obligation: "said X must"), "noun"


@dataclass(frozen=True, slots=True)
class EventDraft:
    """An event before modality, date and issues: its trigger and actors."""

    trigger: Trigger
    event_type: str
    source: Slot
    target: Slot
    confidence: float
    flags: tuple[str, ...] = ()
    mode: str | None = None
    context: tuple[str, ...] = field(default_factory=tuple)


def _lemma(tok: Tok) -> str:
    return str(tok.lemma_).lower()


_QUANTIFIERS = frozenset({"any", "all", "some", "none", "most", "many", "each", "both", "part", "one", "several"})


def _objects_for_sense(verb: Tok) -> list[Tok]:
    objs = list(direct_objects(verb))
    # "lifted none of the restrictions": the object is the "of" phrase of a quantifier
    objs += [p for o in objs if o.lower_ in _QUANTIFIERS for _, p in prep_objects(o, frozenset({"of"}))]
    objs += [p for _, p in prep_objects(verb, frozenset({"from", "on", "against", "to", "with", "for", "over",
                                                         "of", "into"}))]
    # "the ban on ..." handled by noun; "put X on a list" etc.: conjoined objects
    more = []
    for o in objs:
        more += [c for c in o.children if c.dep_ == "conj"]
    return objs + more


def _noun_sense(lex: Lexicon, noun: Tok, *, need_mod: bool = True) -> Sense | None:
    senses = lex.nouns.get(_lemma(noun))
    if not senses:
        return None
    mods = {_lemma(c) for c in noun.children if c.dep_ in ("compound", "amod", "nmod")}
    mods |= {c.lower_ for c in noun.children if c.dep_ in ("compound", "amod", "nmod")}
    for sense in senses:
        if sense.mod and need_mod and not (mods & set(sense.mod)):
            continue
        return sense
    return None


def _is_time_phrase(prep: Tok) -> bool:
    """"on Sunday", "in July": a preposition whose object is a date or time is no particle of the verb."""
    return any(p.dep_ == "pobj" and p.ent_type_ in ("DATE", "TIME") for p in prep.children)


def _quad_of_verb(lex: Lexicon, tok: Tok, index: ActorIndex) -> str | None:
    """The quad class of the act a verb would code, honouring the senses' constraints ("strengthen cooperation" is
    no MOBILIZE), or None."""
    for sense in lex.verbs.get(_lemma(tok), ()):
        if not sense.xcomp_type and (not sense.specificity or _sense_holds(lex, sense, tok, index)):
            return event_type(sense.type).quad_class
    if _lemma(tok) in lex.light_verbs:
        for obj in direct_objects(tok):
            nsense = _noun_sense(lex, obj)
            if nsense is not None:
                return event_type(nsense.type).quad_class
    return None


def _sense_holds(lex: Lexicon, sense: Sense, verb: Tok, index: ActorIndex) -> bool:
    if sense.prt:
        attached = {c.lower_ for c in verb.children if c.dep_ in ("prt", "prep", "advmod", "dative")
                    and not _is_time_phrase(c)}
        # "called for Japan to withdraw": the particle is the mark of the clausal complement
        attached |= {g.lower_ for c in verb.children if c.dep_ in _CLAUSE_DEPS
                     for g in c.children if g.dep_ == "mark"}
        if not attached & set(sense.prt):
            return False
    objs = _objects_for_sense(verb) if (sense.obj or sense.obj_type or sense.obj_actor) else []
    if sense.obj and not any(_lemma(o) in sense.obj or o.lower_ in sense.obj for o in objs):
        return False
    if sense.obj_type:
        typed = any((s := _noun_sense(lex, o, need_mod=False)) is not None and s.type in sense.obj_type
                    for o in objs)
        # a named accord ("GSOMIA") is a proper noun that is not an actor
        named_accord = "AGREE" in sense.obj_type and any(o.pos_ == "PROPN" and index.at(o) is None for o in objs)
        if not (typed or named_accord):
            return False
    if sense.obj_actor and not any(index.phrase_actor(o) is not None for o in direct_objects(verb)):
        return False
    if sense.xcomp and not any(c.dep_ in ("xcomp", "ccomp") for c in verb.children):
        return False
    if sense.xcomp_type:
        quads = [_quad_of_verb(lex, c, index) for c in verb.children if c.dep_ in ("xcomp",)]
        if not any(q in sense.xcomp_type for q in quads if q):
            return False
    return True


def find_triggers(sent: Sequence[Tok], index: ActorIndex, lex: Lexicon | None = None) -> list[Trigger]:
    """Every trigger in a sentence: verbs of the lexicon, light verb + event noun, and event nouns."""
    lex = lex or lexicon()
    out: list[Trigger] = []
    used_nouns: set[int] = set()
    for tok in sent:
        if tok.pos_ not in ("VERB",) and not (tok.pos_ == "NOUN" and tok.tag_.startswith("VB")):
            continue
        lemma = _lemma(tok)
        chosen: Trigger | None = None
        senses = lex.verbs.get(lemma, ())
        constrained = [s for s in senses if s.specificity and _sense_holds(lex, s, tok, index)]
        if constrained:
            chosen = Trigger(tok.i, _words(tok, constrained[0]), constrained[0], "verb")
        elif lemma in lex.inverse_light_verbs:
            # "drew condemnation from Seoul": the noun's act is done BY the "from" phrase TO the subject
            for obj in direct_objects(tok):
                nsense = _noun_sense(lex, obj)
                if nsense is not None:
                    chosen = Trigger(tok.i, (tok.i, obj.i), nsense, "inverse")
                    break
        if chosen is None and lemma in lex.light_verbs:
            for obj in _objects_for_sense(tok):
                nsense = _noun_sense(lex, obj)
                if nsense is not None:
                    words = tuple(sorted({tok.i, obj.i, *(c.i for c in tok.children if c.dep_ == "prt")}))
                    chosen = Trigger(tok.i, words, nsense, "light")
                    used_nouns.add(obj.i)
                    break
        if chosen is None:
            bare = [s for s in senses if not s.specificity]
            if bare:
                chosen = Trigger(tok.i, _words(tok, bare[0]), bare[0], "verb")
        if chosen is not None:
            out.append(chosen)
            # the object noun is this act's theme ("imposed sanctions", "lift its curbs"), not an event of its own
            used_nouns.update(chosen.words)
            objs = direct_objects(tok)
            used_nouns.update(o.i for o in objs)
            used_nouns.update(p.i for o in objs if o.lower_ in _QUANTIFIERS for _, p in prep_objects(o, frozenset({"of"})))
    for tok in sent:
        # "Russia said Sudan must return the helicopter": a reported obligation laid on another party is a demand
        if tok.pos_ == "VERB" and _lemma(tok) in lex.demand_reporting and all(t.head != tok.i for t in out):
            for comp in (c for c in tok.children if c.dep_ == "ccomp"):
                modal = [a for a in comp.children if a.dep_ == "aux" and a.lower_ in lex.obligation]
                if modal and any(c.dep_ in ("nsubj", "nsubjpass") for c in comp.children):
                    out.append(Trigger(tok.i, (tok.i, modal[0].i), Sense(type="REQUEST", mode="demand"), "report"))
                    break
        # "ready/willing to talk with Japan": stated willingness to cooperate is AGREE (PLOVER)
        if tok.pos_ == "ADJ" and _lemma(tok) in lex.willingness and tok.dep_ in ("acomp", "oprd", "ROOT"):
            xcomps = [c for c in tok.children if c.dep_ == "xcomp"]
            if any(_quad_of_verb(lex, c, index) in COOP_QUADS for c in xcomps):
                out.append(Trigger(tok.i, (tok.i,), Sense(type="AGREE", mode="willing"), "verb"))
    for tok in sent:
        if tok.pos_ not in ("NOUN", "PROPN") or tok.i in used_nouns:
            continue
        nsense = _noun_sense(lex, tok)
        if nsense is not None:
            words = tuple(sorted({tok.i, *(c.i for c in tok.children if c.dep_ == "compound"
                                          and c.pos_ == "NOUN" and index.at(c) is None)}))
            out.append(Trigger(tok.i, words, nsense, "noun"))
    return out


def _words(verb: Tok, sense: Sense) -> tuple[int, ...]:
    words = {verb.i}
    for c in verb.children:
        if c.dep_ in ("prt",) or (c.dep_ in ("prep", "advmod") and c.lower_ in sense.prt):
            words.add(c.i)
        if c.dep_ == "neg":
            continue
    if sense.obj or sense.obj_type:
        for o in direct_objects(verb):
            if _lemma(o) in sense.obj or o.lower_ in sense.obj or o.pos_ == "NOUN":
                words.add(o.i)
                break
    return tuple(sorted(words))


# ---- actors of a trigger -------------------------------------------------------------------------------------

def _verb_targets(verb: Tok, index: ActorIndex, extra_preps: frozenset[str] = frozenset(),
                  own: frozenset[str] = frozenset()) -> list[Slot]:
    """The recipients of a verb's act. `own`: the source's countries — a pronoun of the source's own side in the
    object ("expressed our concern that ...", "voiced its regret") owns the thing, it does not receive the act."""
    found: list[Slot] = []
    for _, pobj in prep_objects(verb, extra_preps):
        found += index.actors(pobj)
    for obj in direct_objects(verb):
        if obj.i == verb.head.i and verb.dep_ == "acl":
            continue  # "controls imposed by Japan": the head noun is the thing imposed, not a recipient
        found += [s for s in index.actors(obj) if not (
            s.ref.country in own and ("pronoun" in s.flags or "first_person" in s.flags))]
        for _, pobj in prep_objects(obj, TARGET_PREPS):
            found += index.actors(pobj)
        # "welcomed the announcement by Japan and Korea": the agent of the object noun's act
        for _, pobj in prep_objects(obj, frozenset({"by"})):
            found += [s for s in index.actors(pobj) if "place" not in s.flags]
    if not any(s.ref.country for s in found):
        # "welcomed the thaw in relations between Chile and Peru": the parties named deeper after the verb
        found += [s for w in verb.subtree if w.dep_ == "prep" and w.lower_ == "between" and w.i > verb.i
                  and tree_distance(w, verb) <= 4 for p in w.children if p.dep_ == "pobj"
                  for s in index.actors(p)]
        for obj in direct_objects(verb):
            # "trade cooperation where feasible with Chile": the parser hangs the partner on the object's adjective
            found += [s for a in obj.children if a.dep_ == "amod" and a.pos_ == "ADJ"
                      for _, p in prep_objects(a, frozenset({"with", "to", "toward", "towards"}))
                      for s in index.actors(p)]
    if not any(s.ref.country for s in found):
        # a named recipient in the object outranks prepositional phrases of the verb, which are then mostly places
        # and occasions ("meet Yoon on the sidelines of the G7 summit")
        for _, pobj in prep_objects(verb, TARGET_PREPS):
            found += index.actors(pobj)
    if not found:
        # "pledged to strengthen cooperation with Washington", "ready to talk with Japan": the partner of the
        # complement
        for xcomp in (c for c in verb.children if c.dep_ == "xcomp"):
            found += _verb_targets(xcomp, index)
    if not found:
        # "demanded that Japan apologise", "called for Tokyo to withdraw": the complement clause's subject
        clauses = [c for c in verb.children if c.dep_ in _CLAUSE_DEPS]
        # "expressed concern that Seoul had withheld ...": the clause of the object noun
        clauses += [c for o in direct_objects(verb) for oc in conjuncts(o) for c in oc.children
                    if c.dep_ in ("acl", "ccomp") and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children)]
        for clause in clauses:
            if clause.dep_ == "advcl" and not any(g.dep_ == "mark" and g.lower_ in ("for", "that")
                                                  for g in clause.children):
                continue
            for subj in (g for g in clause.children if g.dep_ in ("nsubj", "nsubjpass")):
                found += [s for s in index.actors(subj) if "pronoun" not in s.flags]
    return _dedupe(found)


def _noun_actors(noun: Tok, index: ActorIndex) -> tuple[list[Slot], list[Slot]]:
    sources: list[Slot] = []
    targets: list[Slot] = []
    for child in noun.children:
        if child.dep_ in NOUN_SOURCE_DEPS:
            sources += index.actors(child)
    sources += [s for a in (p for c in noun.children if c.dep_ == "prep" and c.lower_ == "by"
                            for p in c.children if p.dep_ == "pobj") for s in index.actors(a)]
    for prep, pobj in prep_objects(noun, NOUN_TARGET_PREPS):
        if prep == "between":
            both = index.actors(pobj)
            sources += both
            targets += both
        else:
            targets += index.actors(pobj)
    # "talks between", "Japan-Korea summit": two actors in the compound act jointly
    return _dedupe(sources), _dedupe(targets)


def _reciprocal(verb: Tok) -> bool:
    """Whether the act (or the act it is agreed or pledged to) is done to "each other" / "one another"."""
    for v in (verb, *(c for c in verb.children if c.dep_ == "xcomp")):
        words = [*direct_objects(v), *(p for _, p in prep_objects(v, TARGET_PREPS))]
        for w in words:
            pair = {w.lower_, *(c.lower_ for c in w.children)}
            if {"each", "other"} <= pair or {"one", "another"} <= pair:
                return True
    return False


def _purpose_subjects(noun: Tok, index: ActorIndex) -> list[Slot]:
    """"travelled to Tokyo for talks with X", "came for a round of talks with X": an event noun in a purpose
    phrase of a verb is the act of the verb's subject."""
    cur = noun
    for _ in range(2):  # through one quantity noun ("a series of meetings", "a round of talks")
        prep = cur.head
        if cur.dep_ != "pobj" or prep.dep_ != "prep":
            return []
        if prep.lower_ == "for" and prep.head.pos_ == "VERB":
            return subjects(prep.head, index)
        if prep.lower_ != "of":
            return []
        cur = prep.head
    return []


def _dedupe(slots: list[Slot]) -> list[Slot]:
    out: list[Slot] = []
    for s in slots:
        if all(o.ref != s.ref for o in out):
            out.append(s)
    return out


def _expand_dyad(slots: list[Slot], dyad: tuple[str, str]) -> list[Slot]:
    out: list[Slot] = []
    for s in slots:
        if s.ref.country == DYAD:
            for c in dyad:
                out.append(Slot(ActorRef(text=s.ref.text, actor=c, country=c, kind="state"), s.token,
                                (*s.flags, "dyad_phrase")))
        else:
            out.append(s)
    return _dedupe(out)


def _infer_target(head: Tok, sent: Sequence[Tok], index: ActorIndex, sources: list[Slot]) -> Slot | None:
    """The nearest actor in the tree that is not on the source's side (a reporting speaker, the subject of the
    clause the act hangs from): used when the tree names no recipient."""
    countries = {s.ref.country for s in sources if s.ref.country}
    keys = {s.key for s in sources}
    best: tuple[int, Slot] | None = None
    for tok_i, m in index.in_sentence(sent):
        if m.ref.country in countries or (m.ref.actor or m.ref.country or m.ref.text.lower()) in keys:
            continue
        if m.ref.country is None or m.ref.country == DYAD:
            continue
        d = tree_distance(head, head.doc[tok_i])
        if best is None or d < best[0]:
            flags = (*m.flags, "target_inferred")
            if _through_coordination(head, head.doc[tok_i]):
                flags = (*flags, "via_coordination")
            best = (d, Slot(m.ref, tok_i, flags))
    return best[1] if best else None


def _through_coordination(head: Tok, other: Tok) -> bool:
    """Whether `other` sits in a clause coordinated with the trigger's ("condemned the launches and pledged to work
    with Washington"): then it is a weaker guess than the other side named just before."""
    ancestors = {t.i for t in [head, *head.ancestors]}
    cur = other
    while cur.i not in ancestors and cur.head.i != cur.i:
        if cur.dep_ == "conj" and cur.pos_ in ("VERB", "AUX"):
            return True
        cur = cur.head
    # the trigger itself may be the coordinated clause ("... and condemned the launches")
    lca = cur.i
    node = head
    while node.i != lca and node.head.i != node.i:
        if node.dep_ == "conj" and node.pos_ in ("VERB", "AUX"):
            return True
        node = node.head
    return False


def _is_civic(slot: Slot) -> bool:
    return slot.ref.kind not in STATE_KINDS if slot.ref.kind else slot.ref.actor is None


def _context_target(context: Sequence[Slot], sources: list[Slot]) -> Slot | None:
    """The most recent actor of the preceding sentences on the other side ("Seoul protested the move.")."""
    countries = {s.ref.country for s in sources if s.ref.country}
    for slot in reversed(context):
        if slot.ref.country and slot.ref.country not in countries and slot.ref.country != DYAD:
            return Slot(slot.ref, slot.token, (*slot.flags, "target_from_context"))
    return None


def drafts_for(trigger: Trigger, sent: Sequence[Tok], index: ActorIndex, dyad: tuple[str, str],
               context: Sequence[Slot] = ()) -> Iterator[EventDraft]:
    """The events one trigger codes: one per (source, target) pair that passes the filters."""
    doc = sent[0].doc
    head = doc[trigger.head]
    sense = trigger.sense
    confidence = {"verb": 0.8, "light": 0.75, "inverse": 0.7, "report": 0.65, "noun": 0.6}[trigger.kind]
    flags: list[str] = []
    if trigger.kind == "noun":
        sources, targets = _noun_actors(head, index)
        if not sources:
            purpose = _purpose_subjects(head, index)
            # with a named partner, or by several states together ("U.S. and Russian negotiators return to Geneva
            # for talks"): a joint act
            if purpose and (targets or len({s.ref.country for s in purpose if s.ref.country}) >= 2):
                sources = purpose
                flags.append("purpose")
        if not sources:
            # a bare event noun ("the ban") names no actor of its own: not coded on its own
            return
    elif trigger.kind == "report":
        # the party the obligation is laid on, named in the complement (a pronoun there is the speaker)
        sources = subjects(head, index)
        targets = [s for c in head.children if c.dep_ == "ccomp" for g in c.children
                   if g.dep_ in ("nsubj", "nsubjpass") for s in index.actors(g) if "pronoun" not in s.flags]
        if not targets:
            return
    elif trigger.kind == "inverse":
        noun = doc[trigger.words[-1]]
        sources = [s for _, p in [*prep_objects(noun, frozenset({"from", "by"})),
                                  *prep_objects(head, frozenset({"from", "by"}))] for s in index.actors(p)]
        targets = subjects(head, index)
        if not sources or not targets:
            return
    else:
        sources = subjects(head, index)
        # a visit's place is its host ("arrived in Amman"); elsewhere a place is not a party
        extra = frozenset(sense.prt) if sense.type == "CONSULT" else frozenset()
        own = frozenset(c for s in sources for c in (s.ref.country,) if c and c != DYAD)
        targets = _verb_targets(head, index, extra, own)
        if is_passive(head) and not sources:
            return
    sources = _expand_dyad(sources, dyad)
    targets = _expand_dyad(targets, dyad)
    if not sources:
        return
    pairs: list[tuple[Slot, Slot]] = []
    several = len({s.ref.country for s in sources if s.ref.country}) >= 2
    joint_among: set[tuple[str, str]] = set()
    if several and _reciprocal(head):
        targets = []  # "Chile, Peru and Bolivia pledged to support one another": a joint act among the sources
    if targets:
        pairs = [(s, t) for s in sources for t in targets]
        if several and (sense.symmetric or sense.type == "CONSULT"):
            # "Japan and South Korea held a call with the United States": every participant meets every other
            among = [(s, t) for s in sources for t in sources if s.ref.country != t.ref.country]
            pairs += among
            joint_among = {(s.key, t.key) for s, t in among}
    elif len({s.ref.country for s in sources if s.ref.country}) >= 2 and (
            sense.symmetric or trigger.kind in ("noun", "light")
            or event_type(sense.type).quad_class in COOP_QUADS):
        # a joint act of conjoined subjects: coded once each way
        pairs = [(s, t) for s in sources for t in sources if s.ref.country != t.ref.country]
        flags.append("joint")
    else:
        if sense.type == "CONSULT":
            return  # "visited the islets": a meeting needs a named counterpart
        inferred = _infer_target(head, sent, index, sources)
        if inferred is None or "via_coordination" in inferred.flags:
            inferred = _context_target(context, sources) or inferred
        if inferred is None:
            return
        pairs = [(s, inferred) for s in sources]
        confidence *= 0.7 if "target_inferred" in inferred.flags else 0.5
    for source, target in pairs:
        if source.key == target.key:
            continue
        if source.ref.country is None and target.ref.country is None:
            continue
        if source.ref.country and source.ref.country == target.ref.country:
            continue  # both sides in the same state: not an act between states
        etype = sense.type
        if sense.civic and _is_civic(source):
            etype = sense.civic
        conf = confidence
        if source.ref.country is None or target.ref.country is None:
            conf *= 0.6
        joint = ["joint"] if (source.key, target.key) in joint_among else []
        pair_flags = tuple(dict.fromkeys([*flags, *joint, *source.flags, *target.flags]))
        yield EventDraft(trigger, etype, source, target, round(conf, 3), pair_flags, sense.mode, sense.context)


def code_sentence(sent: Sequence[Tok], index: ActorIndex, dyad: tuple[str, str],
                  context: Sequence[Slot] = ()) -> list[EventDraft]:
    """All event drafts of one sentence, without duplicates (same trigger head, type, source and target).

    `context`: actors of the preceding sentences, oldest first, for acts whose recipient is only implied.
    """
    out: list[EventDraft] = []
    seen: set[tuple[int, str, str, str]] = set()
    triggers = find_triggers(sent, index)
    folded = _folded_into_agreement(triggers, sent[0].doc)
    for trig in triggers:
        if trig.head in folded:
            continue
        for draft in drafts_for(trig, sent, index, dyad, context):
            key = (trig.head, draft.event_type, draft.source.key, draft.target.key)
            if key not in seen:
                seen.add(key)
                out.append(draft)
    return out


def _folded_into_agreement(triggers: Sequence[Trigger], doc: Tok) -> set[int]:
    """Heads of cooperative acts agreed to ("agreed to resume talks", "ready to talk with"): PLOVER codes the
    agreement, so the agreed act is not a second event (a conflictual one, "agreed to impose sanctions", stays)."""
    heads = {t.head: t for t in triggers}
    out: set[int] = set()
    for t in triggers:
        if t.sense.type == "AGREE" or event_type(t.sense.type).quad_class not in COOP_QUADS:
            continue
        tok = doc[t.head]
        if tok.dep_ == "xcomp" and tok.head.i in heads and heads[tok.head.i].sense.type == "AGREE":
            out.add(t.head)
    return out


def dedupe_sentence(drafts: Sequence[EventDraft], dates: Sequence[object]) -> list[int]:
    """Indices of the drafts to keep: an event noun that renames an act a verb of the sentence already codes
    (same type, sides and date: "travelled to Seoul for a meeting with Yoon, the twelfth summit between the two
    leaders") is dropped; acts coded by distinct verbs all stay."""
    by_verbs = {(d.event_type, d.source.key, d.target.key, date) for d, date in zip(drafts, dates, strict=True)
                if d.trigger.kind != "noun"}
    # "travelled to Seoul on Friday for a meeting with Yoon": the purpose noun is the verb's act, whatever its date
    undated = {(d.event_type, d.source.ref.country, d.target.ref.country) for d in drafts if d.trigger.kind != "noun"}
    keep: list[int] = []
    seen_nouns: set[tuple[str, str, str, object]] = set()
    for n, (d, date) in enumerate(zip(drafts, dates, strict=True)):
        key = (d.event_type, d.source.key, d.target.key, date)
        if d.trigger.kind == "noun":
            if key in by_verbs or key in seen_nouns or (
                    "purpose" in d.flags and (d.event_type, d.source.ref.country, d.target.ref.country) in undated):
                continue
            seen_nouns.add(key)
        keep.append(n)
    return keep



noun_sense = _noun_sense

__all__ = ["EventDraft", "Trigger", "code_sentence", "dedupe_sentence", "drafts_for", "find_triggers", "noun_sense"]
