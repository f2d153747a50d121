"""Modality of an event from the dependency tree of its trigger.

occurred / ongoing / planned / hypothetical / predicted / negated / question. The word classes are data
(ontology/modality.yaml); the rules and their precedence are written down in docs/coding-rules.md:

1. a question (the sentence ends with "?") -> question;
2. the trigger's own clause: negation ("not", "never", "no longer") -> negated; a conditional clause ("if",
   "unless"), on either side -> hypothetical; modal "could/might/may/should/would/must" -> hypothetical, except
   "would" in reported speech (rule 3); "will/shall" -> planned when the subject acts, predicted when someone else
   reports it; progressive or "has been ...ing" -> ongoing;
3. otherwise climb to the governing verb of an infinitive or a coordinated clause: "refused/failed to" -> negated;
   "plans/agreed/decided/vowed to" -> planned; "is expected/likely to" -> predicted; "threatened/urged X to" ->
   hypothetical; "continues to" -> ongoing; a negated governor negates its complement ("did not agree to lift").
   In reported speech ("X said it would ...") "would/will" -> planned when the speaker is the clause's subject,
   else predicted.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from dyad.code.syntax import Tok
from dyad.ontology import modality_classes
from dyad.records import Modality

SideOf = Callable[[Tok], "str | None"]
_CLIMB_DEPS = frozenset({"xcomp", "conj", "ccomp", "advcl", "acomp", "acl"})


@cache
def _cls(name: str) -> frozenset[str]:
    return modality_classes().get(name, frozenset())


def _lemma(tok: Tok) -> str:
    return str(tok.lemma_).lower()


def _negated(verb: Tok) -> bool:
    for child in verb.children:
        if child.dep_ == "neg":
            return True
        if child.dep_ in ("advmod", "det", "preconj") and child.lower_ in _cls("negators"):
            return True
        if child.dep_ == "advmod" and child.lower_ == "longer" and any(g.lower_ == "no" for g in child.children):
            return True
    return False


def _conditional(verb: Tok) -> bool:
    marks = _cls("conditional")
    if any(c.dep_ == "mark" and c.lower_ in marks for c in verb.children):
        return True
    return any(c.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ in marks for g in c.children)
               for c in verb.children)


def _aux(verb: Tok) -> list[Tok]:
    return [c for c in verb.children if c.dep_ in ("aux", "auxpass")]


def _reported_by(verb: Tok) -> Tok | None:
    """The reporting verb ("said") whose clausal complement holds `verb`, if any."""
    cur = verb
    hops = 0
    while cur.dep_ in ("ccomp", "conj") and hops < 3:
        head = cur.head
        if _lemma(head) in _cls("reporting"):
            return head
        cur = head
        hops += 1
    return None


def _same_subject(verb: Tok, reporter: Tok, side: SideOf | None) -> bool:
    """Whether the reported clause's subject is the speaker (a pronoun, the same words, or the same country)."""
    subj = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    rsubj = [c for c in reporter.children if c.dep_ == "nsubj"]
    if not subj or subj[0].pos_ == "PRON":
        return True
    if not rsubj:
        return False
    if subj[0].lower_ == rsubj[0].lower_:
        return True
    if side is not None:
        a, b = side(subj[0]), side(rsubj[0])
        return a is not None and a == b
    return False


def _local(verb: Tok, side: SideOf | None = None) -> Modality | None:
    """What the trigger's own clause says, or None when it says nothing marked. A conditional outranks negation:
    in "if Tokyo does not reverse its decision" the reversal is hypothetical."""
    if _conditional(verb):
        return "hypothetical"
    if _negated(verb):
        return "negated"
    auxes = _aux(verb)
    lemmas = {a.lower_ for a in auxes} | {_lemma(a) for a in auxes}
    if lemmas & _cls("modal_future") or (lemmas & {"would"} and _reported_by(verb) is not None):
        reporter = _reported_by(verb)
        if reporter is not None and not _same_subject(verb, reporter, side):
            return "predicted"
        return "planned"
    if lemmas & _cls("modal_hypothetical"):
        return "hypothetical"
    perfect = any(_lemma(a) == "have" for a in auxes)
    if perfect and any((c.dep_ in ("advmod", "prep") and c.lower_ in _cls("durative")) or (
            c.dep_ == "prep" and c.lower_ == "for" and any(_lemma(g) in ("year", "decade", "month") for g in c.subtree))
            for c in verb.children):
        return "ongoing"
    progressive = verb.tag_ == "VBG" and any(_lemma(a) == "be" for a in auxes)
    if progressive and any(a.tag_ in ("VBZ", "VBP") or a.lower_ == "been" for a in auxes):
        return "ongoing"
    return None


def _governor_says(gov: Tok, dep: str) -> Modality | None:
    lemma = _lemma(gov)
    if dep == "acl" and gov.pos_ == "NOUN":
        # "Japan's refusal to apologise", "Seoul's plan to scrap the pact", "the threat to impose sanctions"
        if lemma in _cls("negative_implicative"):
            return "negated"
        if lemma in _cls("planned"):
            return "planned"
        if lemma in _cls("hypothetical"):
            return "hypothetical"
        return None
    if dep in ("xcomp", "ccomp", "acomp", "advcl"):
        if lemma in _cls("negative_implicative") and dep in ("xcomp", "ccomp"):
            return "occurred" if _negated(gov) else "negated"
        if lemma in _cls("predicted") or any(c.dep_ == "acomp" and _lemma(c) in _cls("predicted")
                                            for c in gov.children):
            return "negated" if _negated(gov) else "predicted"
        if lemma in _cls("planned") and dep == "xcomp":
            return "negated" if _negated(gov) else "planned"
        if lemma in _cls("hypothetical") and dep in ("xcomp", "ccomp", "advcl"):
            return "hypothetical"
        if lemma in _cls("ongoing") and dep == "xcomp":
            return "ongoing"
        if lemma == "go" and any(a.lower_ in ("is", "are", "'s", "'re", "am") for a in _aux(gov)):
            return "planned"  # "is going to"
    return None


_FINITE = frozenset({"VBD", "VBZ", "VBP"})
_CLOSERS = frozenset({'"', "'", "”", "’", ")", "»"})


def _in_question(tok: Tok) -> bool:
    """Whether the sentence holding `tok` ends with a question mark (scans forward to the sentence end; cheaper
    than `token.sent`, which walks every sentence of the document)."""
    doc = tok.doc
    j = tok.i
    while j < len(doc) - 1 and not doc[j].is_sent_end:
        j += 1
    while j > tok.i and (doc[j].is_space or doc[j].text in _CLOSERS):
        j -= 1
    return "?" in doc[j].text


def modality_of(trigger: Tok, side: SideOf | None = None) -> Modality:
    """The modality of the event whose trigger head is `trigger` (a verb, or an event noun).

    `side(token)` may name the country a subject stands for, so "Kishida said Japan would ..." is the speaker's
    own plan (planned), not someone else's forecast (predicted)."""
    if _in_question(trigger):
        return "question"
    verb = trigger
    if trigger.pos_ in ("NOUN", "PROPN"):
        # an event noun takes the modality of the clause it sits in ("the planned talks" aside)
        if any(c.dep_ == "amod" and _lemma(c) in _cls("planned") for c in trigger.children):
            return "planned"
        if any(c.dep_ == "amod" and _lemma(c) in _cls("predicted") for c in trigger.children):
            return "predicted"
        if any(c.dep_ == "det" and c.lower_ == "no" for c in trigger.children):
            return "negated"
        hops = 0
        while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i and hops < 4:
            verb = verb.head
            hops += 1
        if verb.pos_ not in ("VERB", "AUX"):
            return "occurred"
        if _lemma(verb) in _cls("ongoing"):
            return "ongoing"  # "remain angry over Japan's refusal"
    cur = verb
    for _ in range(6):
        local = _local(cur, side)
        if local is not None:
            return local
        dep = cur.dep_
        if dep not in _CLIMB_DEPS or cur.head.i == cur.i:
            break
        if dep == "conj" and (any(c.dep_ in ("nsubj", "nsubjpass") for c in cur.children)
                              or (cur.tag_ in _FINITE and cur.head.tag_ not in _FINITE)):
            # a coordinated clause with its own subject or its own tense stands on its own ("..., but it asked
            # Tokyo", "would respond calmly and called on Seoul")
            break
        gov = cur.head
        said = _governor_says(gov, dep)
        if said is not None:
            # the governor's own clause still counts: "if the talks fail, Japan may consider reimposing tariffs"
            own = _local(gov, side) if said in ("planned", "predicted", "ongoing") else None
            return own if own in ("hypothetical", "negated") else said
        if dep == "acl":
            break  # a clause on a noun says nothing more about its act than the noun itself
        if dep == "ccomp" and _lemma(gov) in _cls("reporting"):
            break  # reported speech: the embedded clause's own markers decided above
        if dep == "advcl" and not any(c.dep_ == "mark" for c in cur.children):
            cur = gov
            continue
        if dep in ("advcl", "ccomp"):
            break
        cur = gov
    return "occurred"


__all__ = ["modality_of"]
