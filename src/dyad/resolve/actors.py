"""Actor mentions in a parsed document, resolved against a knowledge pack (docs/resolve.md).

Everything that names a country, person or institution comes from the pack: country names, aliases, demonyms and
metonyms (capitals, seats of power), persons and their dated roles, institutions from actors.yaml. The code only
knows English grammar: head nouns (`_lexicon.HEAD_KINDS`), office titles, pronouns and the dependency parse.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from dyad.records import ActorRef, date_bounds
from dyad.resolve import _lexicon as lex
from dyad.resolve import _syntax as syn
from dyad.resolve.dates import DateResolver

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

    from dyad.knowledge import KnowledgePack

__all__ = ["ActorResolver", "Mention"]

DYAD = "DYAD"
_PRIORITY = {"name": 0, "demonym": 0, "plural": 0, "metonym": 0, "actor": 1, "person": 2}
# kinds of institution that speak for a state: an outlet that is one issues statements in the state's name
_STATE_BODIES = frozenset({"government", "legislature", "judiciary", "military", "state"})
_WORD = re.compile(r"[^\s:;,()\[\]\"“”]+")


@dataclass(frozen=True, slots=True)
class Mention:
    """An actor named at char offsets [start, end) of the doc's text.

    `office` is the office the text gives the person ("Prime Minister Abe" -> "head_of_government"), `held` the
    offices the pack says the person held at the date the mention was resolved for.
    """

    start: int
    end: int
    text: str
    ref: ActorRef
    flags: tuple[str, ...] = ()
    office: str | None = None
    held: tuple[str, ...] = ()


@dataclass(slots=True)
class _Raw:
    start: int  # char offsets
    end: int
    ref: ActorRef
    persons: tuple[str, ...] = ()  # candidate person ids (resolved at a date)
    office: str | None = None
    former: bool = False
    title_only: bool = False  # "the Japanese prime minister": holder of office in ref.country at the date
    gender: str | None = None
    flags: tuple[str, ...] = ()


class ActorResolver:
    """Finds and resolves actor mentions; built once per pack, reused for every document."""

    def __init__(self, pack: KnowledgePack) -> None:
        self.pack = pack
        self._aliases: dict[str, list[syn.Entry]] = defaultdict(list)
        for country in pack.countries:
            for name in (country.name, *country.aliases):
                self._add(name, syn.Entry("name", country.iso3))
            for demonym in country.demonyms:
                self._add(demonym, syn.Entry("demonym", country.iso3))
                if not demonym.endswith(("s", "sh", "ch", "ese", "x", "z")):
                    self._add(demonym + "s", syn.Entry("plural", country.iso3))
            for metonym in country.metonyms:
                self._add(metonym, syn.Entry("metonym", country.iso3))
        for actor in pack.actors:
            for alias in actor.all_aliases():
                self._add(alias, syn.Entry("actor", actor.id))
                if " " in alias.strip() and alias.lower() != alias:
                    self._add(alias.lower(), syn.Entry("actor", actor.id))
        for person in pack.persons:
            for alias in (person.name, *person.aliases):
                self._add(alias, syn.Entry("person", person.person_id))
        self._matchers: dict[int, Any] = {}
        self._cache: tuple[Doc, tuple[dt.date | None, bool], list[Mention]] | None = None
        self._dates = DateResolver()

    def _add(self, alias: str, entry: syn.Entry) -> None:
        text = " ".join(alias.split())
        if text.lower().startswith("the "):  # "the Blue House": match the name; the determiner is added later
            text = text[4:]
        if text and entry not in self._aliases[text]:
            self._aliases[text].append(entry)

    # ---- public API -----------------------------------------------------------------------------------------
    def mentions(self, doc: Doc, *, published: dt.date | None, issuer: ActorRef | None = None) -> list[Mention]:
        """Every actor mention in the doc, left to right. Titles and dated roles are resolved at the date the
        mention's sentence states ("In 2015, the prime minister ..."), else at the publication date.

        `issuer`: the state body that issued the text (see `issuer()`); when given, the text is a statement in its
        name: first-person pronouns ("We welcome", "our alliance") stand for it, and titled officials the pack
        lacks and no cue places ("Ambassador X", "the Deputy Secretary") are its officials."""
        found = list(self._resolved(doc, published, by_sentence=True))
        quoted = self._quoted_first_person(doc, found)
        if issuer is not None and issuer.country is not None:
            quoted += self._issuer_mentions(doc, found, issuer)
        if not quoted:
            return found
        found += quoted
        found.sort(key=lambda m: m.start)
        return found

    def issuer(self, outlet: str | None, title: str | None = None) -> ActorRef | None:
        """The state body a text is issued by, from its metadata, or None for ordinary news and opinion.

        The outlet counts when it is a state institution of the pack ("The White House", "Department of State") or
        names a country and a public body ("U.S. Embassy Tokyo", "Ministry of Foreign Affairs of Japan"); else a
        statement-like title ("Statement by/from X", "Readout of X's call", "X Statement on ...") whose speaker
        part names a person, institution or country of the pack. A newspaper ("The Japan Times") is no issuer:
        there "we" is the writer."""
        if outlet:
            if {w.lower().strip(".") for w in _WORD.findall(outlet)} & lex.NEWS_OUTLET_WORDS:
                return None  # a newsroom: "Japan's statement angers Seoul" is a report about a statement
            ref = self._official_body(outlet)
            if ref is not None:
                return ref
        genre = lex.STATEMENT_GENRE.search(title) if title else None
        if title and genre is not None and re.match(
                r"\s*(?:$|[:\-–—]|(?:by|from|of|on|regarding|about|concerning|welcoming|in)\b)",
                title[genre.end():], re.IGNORECASE):
            after = title[genre.end():]
            mark = lex.SPEAKER_MARK.match(after.lstrip())
            speaker = after.lstrip()[mark.end():] if mark else title[: genre.start()]
            speaker = re.split(r":|\s(?:on|regarding|about|welcoming|concerning)\s", speaker)[0]
            for ident, kind in self._grams(speaker):
                country = self._country_of(ident, kind)
                if country is not None and (kind != "actor" or self._actor_kind(ident) in _STATE_BODIES
                                            or kind == "person"):
                    return ActorRef(title, country, country, "government")
        return None

    def span_ref(self, doc: Doc, start: int, end: int, *, at: dt.date | None) -> Mention | None:
        """The actor a char span (a subject or object phrase) names: the mention holding the span's syntactic head,
        else the mention nearest to that head in the parse; None when no mention overlaps the span."""
        found = [m for m in self._resolved(doc, at) if m.start < end and m.end > start]
        if not found:
            return None
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or len(span) == 0:
            return found[0]
        root = span.root
        for mention in found:
            if mention.start <= root.idx < mention.end:
                return mention

        def distance(mention: Mention) -> tuple[int, int]:
            inner = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            token = inner.root if inner is not None and len(inner) else root
            hops = 0
            while token.i != root.i and token.head.i != token.i and hops < 50:
                token, hops = token.head, hops + 1
            return (hops if token.i == root.i else 99, mention.start)

        return min(found, key=distance)

    def resolve_person_at(self, person_id: str, at: dt.date | None,
                          stated_office: str | None) -> tuple[ActorRef, tuple[str, ...]]:
        """The person as an actor at `at`; flags has "role_date_mismatch" when the stated office was not held
        then."""
        person = self.pack.person(person_id)
        name = person.name if person is not None else person_id
        country = person.country if person is not None else None
        flags: tuple[str, ...] = ()
        if at is not None:
            roles = self.pack.role_at(person_id, at)
            if roles and country is None:
                country = roles[0].country
            if stated_office is not None and not any(r.office == stated_office for r in roles):
                flags = ("role_date_mismatch",)
        return ActorRef(text=name, actor=person_id, country=country, kind="person"), flags

    # ---- statements -----------------------------------------------------------------------------------------
    def _grams(self, text: str) -> list[tuple[str, str]]:
        """(id, entry kind) of the pack aliases in a short text, longest first, left to right, not overlapping."""
        words = [w.removesuffix("'s").removesuffix("’s") for w in _WORD.findall(text)]
        taken = [False] * len(words)
        found: list[tuple[int, str, str]] = []
        for n in range(min(6, len(words)), 0, -1):
            for i in range(len(words) - n + 1):
                if any(taken[i : i + n]):
                    continue
                gram = " ".join(words[i : i + n])
                entries = self._aliases.get(gram[4:] if gram.lower().startswith("the ") else gram) or []
                if entries:
                    found += [(i, e.ident, e.kind) for e in sorted(entries, key=lambda e: _PRIORITY[e.kind])]
                    for k in range(i, i + n):
                        taken[k] = True
        return [(ident, kind) for _, ident, kind in sorted(found, key=lambda f: f[0])]

    def _actor_kind(self, ident: str) -> str | None:
        actor = self.pack.actor(ident)
        return actor.kind if actor is not None else None

    def _country_of(self, ident: str, kind: str) -> str | None:
        if kind == "actor":
            actor = self.pack.actor(ident)
            return actor.country if actor is not None and actor.country else None
        if kind == "person":
            person = self.pack.person(ident)
            return person.country if person is not None else None
        return ident

    def _official_body(self, outlet: str) -> ActorRef | None:
        if {w.lower().strip(".") for w in _WORD.findall(outlet)} & lex.NEWS_OUTLET_WORDS:
            return None  # a newsroom, even a state one, is no statement's issuer
        grams = self._grams(outlet)
        named = {ident for ident, kind in grams if kind in ("name", "demonym", "plural", "metonym")}
        bodies = [a for a in (self.pack.actor(ident) for ident, kind in grams if kind == "actor")
                  if a is not None and a.country and a.kind in _STATE_BODIES]
        if len({a.country for a in bodies}) > 1:  # an alias several states' bodies share: the country named
            bodies = [a for a in bodies if a.country in named]
        if bodies and len({a.country for a in bodies}) == 1:  # a state institution ("The White House")
            return ActorRef(outlet, bodies[0].id, bodies[0].country, bodies[0].kind)
        words = {w.lower().strip(".") for w in _WORD.findall(outlet)}
        if words & lex.OFFICIAL_BODIES:  # a country's public body ("U.S. Embassy Tokyo"): the first country named
            for ident, kind in grams:
                if kind in ("name", "demonym", "plural"):
                    return ActorRef(outlet, ident, ident, "government")
        return None

    def _quoted_first_person(self, doc: Doc, found: list[Mention]) -> list[Mention]:
        """'"We will respond firmly," Kishida said': a first-person pronoun inside a quotation whose clause hangs
        from a reporting verb outside it is the verb's subject — "I" the speaker, "we/our" the speaker's state."""
        if not doc.has_annotation("DEP"):
            return []
        inside = _quoted_tokens(doc)
        if not any(inside):
            return []
        by_token: dict[int, Mention] = {}
        for m in found:
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            for tok in span if span is not None else ():
                by_token.setdefault(tok.i, m)
        out: list[Mention] = []
        for tok in doc:
            if not inside[tok.i] or tok.lower_ not in lex.FIRST_PERSON or tok.pos_ != "PRON" or tok.i in by_token:
                continue
            verb = next((a for a in tok.ancestors if not inside[a.i] and a.lemma_.lower() in lex.REPORTING_VERBS),
                        None)
            subj = next((c for c in verb.children if c.dep_ == "nsubj"), None) if verb is not None else None
            speaker = by_token.get(subj.i) if subj is not None else None
            if speaker is None or speaker.ref.country in (None, DYAD) or "pronoun" in speaker.flags:
                continue
            if tok.lower_ in ("i", "me", "my"):
                ref = replace(speaker.ref, text=tok.text)
            else:
                country = speaker.ref.country
                ref = ActorRef(tok.text, country, country, "government")
            out.append(Mention(tok.idx, tok.idx + len(tok.text), tok.text, ref, ("first_person", "quoted")))
        return out

    def _issuer_mentions(self, doc: Doc, found: list[Mention], issuer: ActorRef) -> list[Mention]:
        """First-person pronouns outside quotations, and titled officials no cue places, as the issuer's."""
        taken = [False] * len(doc)
        for m in found:
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is not None:
                for i in range(span.start, span.end):
                    taken[i] = True
        out: list[Mention] = []
        inside = _quoted_tokens(doc)
        for tok in doc:
            if taken[tok.i] or inside[tok.i]:
                continue
            if tok.lower_ in lex.FIRST_PERSON and tok.pos_ == "PRON":
                if any(c.dep_ == "appos" for c in tok.children):
                    continue  # "We, the leaders of Japan and ...": the apposition names the speakers
                out.append(Mention(tok.idx, tok.idx + len(tok.text), tok.text,
                                   replace(issuer, text=tok.text), ("first_person",)))
        for first, last in syn.titled_officials(doc, lex.OFFICIAL_TITLE_HEADS):
            if any(taken[first:last]) or (last < len(doc) and doc[last].lower_ == "of"):
                continue  # a mention already, or "Director X of Korea": the owner phrase places the person
            span = doc[first:last]
            for i in range(first, last):
                taken[i] = True
            out.append(Mention(span.start_char, span.end_char, span.text,
                               ActorRef(span.text, None, issuer.country, "person"), ("issuer_country",)))
        return out

    # ---- resolution at a date -------------------------------------------------------------------------------
    def _resolved(self, doc: Doc, at: dt.date | None, *, by_sentence: bool = False) -> list[Mention]:
        """Mentions resolved at `at`; with `by_sentence`, at the date the mention's own sentence states, if any."""
        key = (at, by_sentence)
        if self._cache is not None and self._cache[0] is doc and self._cache[1] == key:
            return self._cache[2]
        raws = self._raw_mentions(doc, at)
        when = self._sentence_dates(doc, at) if by_sentence else []
        default = (at, at) if at is not None else None
        out = [self._finish(raw, _when_at(when, raw.start) or default) for raw in raws]
        self._cache = (doc, key, out)
        return out

    def _sentence_dates(self, doc: Doc, published: dt.date | None) -> list[tuple[int, int, dt.date, dt.date]]:
        """(start, end, first day, last day) of each sentence that states a date of its own."""
        out: list[tuple[int, int, dt.date, dt.date]] = []
        for sent in doc.sents if doc.has_annotation("SENT_START") or doc.has_annotation("DEP") else ():
            for found in self._dates.mentions(sent.text, published=published, offset=sent.start_char):
                bounds = date_bounds(found.date) if found.basis in ("explicit", "relative") else None
                if bounds is not None:
                    out.append((sent.start_char, sent.end_char, bounds[0], bounds[1]))
                    break
        return out

    def _finish(self, raw: _Raw, when: tuple[dt.date, dt.date] | None) -> Mention:
        text = raw.ref.text
        if raw.title_only:
            assert raw.office is not None and raw.ref.country is not None
            people = self._holders(raw.ref.country, raw.office, when)
            if len(people) == 1 and when is not None:
                person_id = people.pop()
                ref, _ = self.resolve_person_at(person_id, when[1], None)
                held = tuple(r.office for r in self.pack.role_at(person_id, when[1]))
                return Mention(raw.start, raw.end, text, replace(ref, text=text), raw.flags, raw.office, held)
            return Mention(raw.start, raw.end, text, raw.ref, raw.flags, raw.office)
        if raw.persons:
            person_id = raw.persons[0]
            ref, _ = self.resolve_person_at(person_id, None, None)
            flags: tuple[str, ...] = ()
            if raw.office is not None and when is not None:
                terms = [r for r in self.pack.roles_of(person_id) if r.office == raw.office]
                if raw.former:  # "former Prime Minister Abe": a term that began by then
                    ok = any(r.start <= when[1] for r in terms)
                else:
                    ok = any(r.start <= when[1] and (r.end is None or r.end >= when[0]) for r in terms)
                flags = () if ok else ("role_date_mismatch",)
            held = tuple(r.office for r in self.pack.role_at(person_id, when[1])) if when is not None else ()
            return Mention(raw.start, raw.end, text, replace(ref, text=text), (*raw.flags, *flags), raw.office, held)
        return Mention(raw.start, raw.end, text, raw.ref, raw.flags)

    def _holders(self, country: str, office: str, when: tuple[dt.date, dt.date] | None) -> set[str]:
        """Persons holding `office` in `country` at some point of `when` (non-acting holders first)."""
        if when is None:
            return set()
        roles = [r for r in self.pack.roles if r.country == country and r.office == office
                 and r.start <= when[1] and (r.end is None or r.end >= when[0])]
        if when[0] == when[1]:
            roles = self.pack.holders(country, office, when[0])
        return {r.person_id for r in roles if not r.acting} or {r.person_id for r in roles}

    # ---- finding mentions -----------------------------------------------------------------------------------
    def _matcher(self, doc: Doc) -> Any:
        key = id(doc.vocab)
        matcher = self._matchers.get(key)
        if matcher is None:
            from spacy.lang.en import English
            from spacy.matcher import PhraseMatcher

            tokenizer = English(vocab=doc.vocab).tokenizer
            matcher = PhraseMatcher(doc.vocab, attr="ORTH")
            for alias in self._aliases:
                matcher.add(alias, [tokenizer(alias)])
            self._matchers[key] = matcher
        return matcher

    def _matches(self, doc: Doc) -> list[syn.Match]:
        found = [(start, end, doc.vocab.strings[match_id]) for match_id, start, end in self._matcher(doc)(doc)]
        found.sort(key=lambda m: (-(m[1] - m[0]), m[0]))
        taken = [False] * len(doc)
        out: list[syn.Match] = []
        for start, end, alias in found:
            if any(taken[start:end]):
                continue
            if start > 1 and doc[start - 1].text == "-" and doc[start - 2].lower_ in lex.HYPHEN_PREFIXES:
                continue  # "anti-Japan", "pro-Seoul": a modifier, not an actor
            for i in range(start, end):
                taken[i] = True
            out.append(syn.Match(start, end, list(self._aliases[alias])))
        out.sort(key=lambda m: m.start)
        return out

    def _raw_mentions(self, doc: Doc, at: dt.date | None) -> list[_Raw]:
        matches = self._matches(doc)
        by_end = {m.end: m for m in matches}
        by_start = {m.start: m for m in matches}
        raws: list[_Raw] = []
        seen_people: list[str] = []  # person ids named in full so far (short names prefer them)
        genders: dict[str, str] = {}
        last_country: str | None = None
        for match in matches:
            if match.used:
                continue
            entries = sorted(match.entries, key=lambda e: _PRIORITY[e.kind])
            best = [e for e in entries if _PRIORITY[e.kind] == _PRIORITY[entries[0].kind]]
            kind = best[0].kind
            if kind in ("name", "demonym", "plural", "metonym"):
                raw = self._country_phrase(doc, match, best[0], by_start)
            elif kind == "actor":
                raw = self._actor_phrase(doc, match, best, by_end, last_country)
            else:
                raw = self._person_phrase(doc, match, best, by_end, seen_people, at)
                if raw is not None and raw.persons:
                    full = doc[match.start:match.end].text
                    person = self.pack.person(raw.persons[0])
                    if person is not None and full == person.name:
                        seen_people.append(person.person_id)
                    gender = syn.honorific(doc, match.start)
                    if gender:
                        genders[raw.persons[0]] = gender
                while raw is not None and raws and raws[-1].end > raw.start:
                    # "U.S. Secretary of State Mike Pompeo": the cue phrase was taken before the title was seen
                    earlier = raws.pop()
                    start = min(earlier.start, raw.start)
                    raw.start = start
                    raw.ref = replace(raw.ref, text=doc.text[start:raw.end])
            if raw is not None:
                match.used = True
                raws.append(raw)
                if raw.ref.country and raw.ref.country != DYAD:
                    last_country = raw.ref.country
            elif kind in ("name", "demonym", "plural", "metonym"):
                last_country = best[0].ident  # a place still sets the scene ("In South Korea, the Supreme Court")
        raws += self._elided_names(doc, matches, raws)
        raws = self._hyphen_parts(doc, raws)
        raws.sort(key=lambda r: r.start)
        raws += self._dyad_phrases(doc, raws)
        raws.sort(key=lambda r: r.start)
        raws += self._title_anaphora(doc, raws, at)
        raws.sort(key=lambda r: r.start)
        raws += self._pronouns(doc, raws, genders)
        raws.sort(key=lambda r: r.start)
        return raws

    # ---- countries, demonyms, metonyms ----------------------------------------------------------------------
    def _country_phrase(self, doc: Doc, match: syn.Match, entry: syn.Entry,
                        by_start: dict[int, syn.Match]) -> _Raw | None:
        span = doc[match.start:match.end]
        iso3 = entry.ident
        if entry.kind == "plural":  # "Koreans", "the Japanese" as people
            return _raw(doc, syn.with_det(span), ActorRef("", iso3, iso3, "civic"))
        if syn.inside_other_entity(span):
            return None
        if entry.kind in ("demonym", "plural") and span.start > 0 and doc[span.start - 1].lower_ == "ethnic":
            return None  # "ethnic Albanian parties": an ethnic group, not the state
        head = syn.np_head(span)
        if head is not None:
            for k in range(span.end, head.i + 2):
                inner = by_start.get(k)
                if inner is not None and any(e.kind in ("person", "actor") for e in inner.entries):
                    # "Japanese Prime Minister Shinzo Abe", "the South Korean Supreme Court": the person or
                    # institution phrase takes the cue
                    return None
            for k in range(span.end, head.i):
                inner = by_start.get(k)
                if inner is not None and any(e.kind in ("name", "demonym", "metonym") for e in inner.entries):
                    # "Hungarian and Romanian officials": each cue is its own mention of the same kind
                    kind = syn.kind_of(head)
                    if kind is None:
                        return None
                    phrase = syn.with_det(span)
                    return _Raw(phrase.start_char, phrase.end_char, ActorRef(phrase.text, iso3, iso3, kind))
            title = syn.title_of(doc, span.end, head.i + 1)
            if title is not None:
                phrase = doc[syn.det_start(span) : head.i + 1]
                return _Raw(phrase.start_char, phrase.end_char, ActorRef(phrase.text, None, iso3, "person"),
                            office=title, title_only=True)
            if head.ent_type_ == "PERSON":  # "Nigerian President Olusegun Obasanjo": a person the pack lacks
                name_start = next(t.i for t in doc[span.end : head.i + 1] if t.ent_type_ == "PERSON")
                phrase = doc[syn.det_start(span) : head.i + 1]
                return _Raw(phrase.start_char, phrase.end_char, ActorRef(phrase.text, None, iso3, "person"),
                            office=syn.title_of(doc, span.end, name_start))
            # the first actor noun after the cue names the kind ("Japanese business leaders" -> business); the
            # phrase runs on through following nouns ("a Korean court official") up to the head
            for k in range(span.end, head.i + 1):
                kind = syn.kind_of(doc[k])
                if kind is not None:
                    last = k
                    while last < head.i and doc[last + 1].tag_.startswith("NN") and syn.kind_of(doc[last + 1]):
                        last += 1
                    phrase = doc[syn.det_start(span) : last + 1]
                    return _Raw(phrase.start_char, phrase.end_char, ActorRef(phrase.text, iso3, iso3, kind))
        if entry.kind == "demonym":
            if span.root.pos_ in ("NOUN", "PROPN") and span.root.dep_ not in ("amod", "compound"):
                return _raw(doc, syn.with_det(span), ActorRef("", iso3, iso3, "civic"))
            if head is None:
                return None  # predicative ("the firm is Japanese")
        use = "modifier" if entry.kind == "demonym" else syn.use(span)
        if use == "modifier":
            # "Japanese sanctions", "Korean products", "the Tokyo Olympics": the state as the owner of a thing or
            # an act, flagged so the coder can tell it from an actor
            raw = _raw(doc, span, ActorRef("", iso3, iso3, "state"))
            raw.flags = ("modifier",)
            return raw
        if use == "place":  # "talks in Tokyo", "travel to Seoul": the state as a place, flagged for the coder
            place = syn.with_det(span) if entry.kind == "metonym" else span
            raw = _raw(doc, place, ActorRef("", iso3, iso3, "state"))
            raw.flags = ("place",)
            return raw
        if entry.kind == "metonym":
            return _raw(doc, syn.with_det(span), ActorRef("", iso3, iso3, "government"))
        root = span.root
        if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.i < span.start:
            owner = root.head.head  # "the prime minister of Japan": that country's office holder
            title = syn.title_of(doc, owner.left_edge.i, owner.i + 1)
            if title is not None and owner.tag_ in ("NN", "NNP"):
                phrase = doc[owner.left_edge.i : span.end]
                return _Raw(phrase.start_char, phrase.end_char, ActorRef(phrase.text, None, iso3, "person"),
                            office=title, title_only=True)
        if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.pos_ == "PROPN":
            owner = root.head.head  # "the Bank of Japan", "the Sea of Japan": part of another name
            named = syn.entity(doc, owner.i)
            if named is not None and named[0] <= span.start < named[1] \
                    and named[2] not in ("GPE", "PERSON", "NORP"):
                kind = syn.kind_of(owner)
                if kind is None or owner.i > span.start:
                    return None
                phrase = doc[syn.det_start(doc[owner.left_edge.i : owner.i + 1]) : span.end]
                return _Raw(phrase.start_char, phrase.end_char, ActorRef(phrase.text, iso3, iso3, kind))
        return _raw(doc, syn.with_det(span), ActorRef("", iso3, iso3, "state"))

    # ---- institutions ---------------------------------------------------------------------------------------
    def _actor_phrase(self, doc: Doc, match: syn.Match, entries: list[syn.Entry], by_end: dict[int, syn.Match],
                      last_country: str | None) -> _Raw | None:
        span = doc[match.start:match.end]
        cue, start = syn.cue_before(doc, match.start, by_end)
        actors = [a for a in (self.pack.actor(e.ident) for e in entries) if a is not None]
        if cue is not None:
            cue.used = True
            cue_country = next(e.ident for e in cue.entries if e.kind in ("name", "demonym", "metonym", "plural"))
            chosen = [a for a in actors if a.country == cue_country]
            if not chosen:
                # "the French National Assembly" when the pack knows only another state's: that country's body of
                # the same kind, not the other state's institution
                phrase = doc[start : match.end]
                kinds = {a.kind for a in actors}
                return _Raw(phrase.start_char, phrase.end_char, ActorRef(
                    phrase.text, None, cue_country, kinds.pop() if len(kinds) == 1 else None))
        else:
            chosen = actors
            if len({a.country for a in actors}) > 1 and last_country is not None:
                chosen = [a for a in actors if a.country == last_country] or actors
        phrase = doc[start if cue is not None else syn.det_start(span) : match.end]
        if len(chosen) == 1:
            actor = chosen[0]
            ref = ActorRef(phrase.text, actor.id, actor.country, actor.kind)
            return _Raw(phrase.start_char, phrase.end_char, ref)
        countries = {a.country for a in chosen}
        kinds = {a.kind for a in chosen}
        return _Raw(phrase.start_char, phrase.end_char, ActorRef(
            phrase.text, None, countries.pop() if len(countries) == 1 else None,
            kinds.pop() if len(kinds) == 1 else None))

    # ---- persons --------------------------------------------------------------------------------------------
    def _person_phrase(self, doc: Doc, match: syn.Match, entries: list[syn.Entry], by_end: dict[int, syn.Match],
                       seen: list[str], at: dt.date | None) -> _Raw | None:
        candidates = [e.ident for e in entries]
        root = doc[match.start:match.end].root
        if root.dep_ in ("compound", "amod") and root.head.i >= match.end \
                and syn.kind_of(root.head) == "government" and root.head.i - match.end <= 1:
            # "the Abe government", "the Moon administration": the government of the person's country
            countries = {p.country for p in (self.pack.person(c) for c in candidates) if p is not None}
            if len(countries) == 1:
                iso3 = countries.pop()
                phrase = doc[syn.det_start(doc[match.start:match.end]) : root.head.i + 1]
                return _Raw(phrase.start_char, phrase.end_char, ActorRef(phrase.text, iso3, iso3, "government"))
        after = match.end
        if after + 1 < len(doc) and doc[after].lower_ in ("'s", "’s") and doc[after + 1].pos_ == "NOUN" \
                and doc[after + 1].lower_ in lex.PERSON_GOVERNMENT_HEADS:
            # "Kishida's government", "Moon's administration": the government of the person's country
            countries = {p.country for p in (self.pack.person(c) for c in candidates) if p is not None}
            if len(countries) == 1:
                iso3 = countries.pop()
                phrase = doc[match.start : after + 2]
                return _Raw(phrase.start_char, phrase.end_char, ActorRef(phrase.text, iso3, iso3, "government"))
        if syn.inside_other_name(doc, match):
            return None
        before = doc.text[max(0, doc[match.start].idx - 60) : doc[match.start].idx]
        title = lex.TITLE_BEFORE_NAME.search(before)
        office = former = None
        start_char = doc[match.start].idx
        cue_country: str | None = None
        first = match.start
        if title is not None:
            office = lex.TITLES[" ".join(title["title"].lower().split())]
            former = bool(title["former"])
            start_char -= len(before) - title.start()
            tok = doc.char_span(start_char, doc[match.start].idx, alignment_mode="expand")
            first = tok.start if tok is not None and len(tok) else match.start
        cue, cue_start = syn.cue_before(doc, first, by_end)  # "Japanese Prime Minister Abe", "Japan's Abe"
        if cue is not None:
            cue.used = True
            cue_country = next(e.ident for e in cue.entries if e.kind in ("name", "demonym", "metonym", "plural"))
            start_char = doc[cue_start].idx
        chosen = self._pick_person(candidates, seen, office, cue_country, at)
        end_char = doc[match.end - 1].idx + len(doc[match.end - 1].text)
        text = doc.text[start_char:end_char]
        if chosen is None:  # an ambiguous short name: keep the country when every candidate shares it
            countries = {p.country for p in (self.pack.person(c) for c in candidates) if p is not None}
            if len(countries) != 1:
                return None
            return _Raw(start_char, end_char, ActorRef(text, None, countries.pop(), "person"), office=office,
                        former=bool(former), gender=syn.honorific(doc, match.start))
        return _Raw(start_char, end_char, ActorRef(text, chosen, None, "person"), persons=(chosen,), office=office,
                    former=bool(former), gender=syn.honorific(doc, match.start))

    def _pick_person(self, candidates: list[str], seen: list[str], office: str | None, country: str | None,
                     at: dt.date | None) -> str | None:
        if len(candidates) == 1:
            return candidates[0]
        for person_id in reversed(seen):  # a short name after the full name was given
            if person_id in candidates:
                return person_id
        pool = candidates
        if country is not None:
            pool = [p for p in pool if (person := self.pack.person(p)) is not None and person.country == country] \
                or pool
        if office is not None:
            pool = [p for p in pool if any(r.office == office for r in self.pack.roles_of(p))] or pool
        if at is not None and len(pool) > 1:
            active = [p for p in pool if self.pack.role_at(p, at)]
            pool = active or pool
        return pool[0] if len(pool) == 1 else None

    # ---- dyad phrases and pronouns --------------------------------------------------------------------------
    def _dyad_phrases(self, doc: Doc, raws: list[_Raw]) -> list[_Raw]:
        out: list[_Raw] = []
        for found in lex.DYAD_PHRASE.finditer(doc.text):
            if any(r.start < found.end() and r.end > found.start() for r in raws):
                continue
            kind = lex.DYAD_HEADS[found["head"].lower()]
            recent: list[str] = []  # the two countries named last before the phrase
            for raw in sorted((r for r in raws if r.end <= found.start()), key=lambda r: -r.start):
                country = raw.ref.country
                if country and country != DYAD and country not in recent:
                    recent.append(country)
                    if len(recent) == 2:
                        break
            if self.pack.is_dyad and len(recent) == 2 and not set(recent) & set(self.pack.dyad):
                # "the United States and China ... the two countries": another pair, not this dyad
                out.append(_Raw(found.start(), found.end(), ActorRef(found.group(0), None, None, kind),
                                flags=("other_pair",)))
                continue
            out.append(_Raw(found.start(), found.end(), ActorRef(found.group(0), DYAD, DYAD, kind)))
        return out

    def _hyphen_parts(self, doc: Doc, raws: list[_Raw]) -> list[_Raw]:
        """"the U.S.-Japan alliance", "U.S.-South Korea ties": the tokenizer keeps an abbreviation and the next name
        in one token; each part that is a country's name is a mention of the state as a modifier."""
        out = list(raws)
        for tok in doc:
            cut = tok.text.find(".-")
            if cut < 0 or any(r.start <= tok.idx < r.end for r in raws):
                continue
            parts: list[tuple[int, int, str]] = [(tok.idx, tok.idx + cut + 1, tok.text[: cut + 1])]
            right = tok.text[cut + 2 :]
            for n in range(min(3, len(doc) - tok.i - 1), -1, -1):  # "U.S.-South" + "Korea"
                words = [right, *(t.text for t in doc[tok.i + 1 : tok.i + 1 + n])]
                if n == 0 or all(t.whitespace_ for t in doc[tok.i : tok.i + n]):
                    last = doc[tok.i + n]
                    parts.append((tok.idx + cut + 2, last.idx + len(last.text), " ".join(words)))
            found_right = False
            for start, end, text in parts:
                if found_right and start > tok.idx:
                    continue
                entries = [e for e in self._aliases.get(text, []) if e.kind in ("name", "demonym", "metonym")]
                if not entries:
                    continue
                found_right = found_right or start > tok.idx
                out = [r for r in out if not (start <= r.start and r.end <= end)]
                iso3 = entries[0].ident
                out.append(_Raw(start, end, ActorRef(text, iso3, iso3, "state"), flags=("modifier",)))
        return out

    def _elided_names(self, doc: Doc, matches: list[syn.Match], raws: list[_Raw]) -> list[_Raw]:
        """"North and South Korea": the first conjunct shares the second's last words ("North Korea")."""
        out: list[_Raw] = []
        for match in matches:
            if match.end - match.start < 2 or match.start < 2 or doc[match.start - 1].lower_ not in ("and", "or"):
                continue
            first = doc[match.start - 2]
            if not first.is_title or any(r.start <= first.idx < r.end for r in raws):
                continue
            alias = " ".join([first.text, *(t.text for t in doc[match.start + 1 : match.end])])
            names = [e for e in self._aliases.get(alias, []) if e.kind == "name"]
            if len(names) == 1:
                out.append(_Raw(first.idx, first.idx + len(first.text),
                                ActorRef(first.text, names[0].ident, names[0].ident, "state")))
        return out

    def _title_anaphora(self, doc: Doc, raws: list[_Raw], at: dt.date | None) -> list[_Raw]:
        """"the prime minister" with no country: the last person before it the text or the pack gives that office
        ("Prime Minister Fumio Kishida ... the prime minister said"); nothing when no such person was named."""
        out: list[_Raw] = []
        for found in lex.DEFINITE_TITLE.finditer(doc.text):
            start, end = found.span()
            if any(r.start < end and r.end > start for r in raws):
                continue
            office = lex.TITLES[" ".join(found["title"].lower().split())]
            for raw in sorted((r for r in raws if r.end <= start), key=lambda r: -r.start):
                person = raw.persons[0] if raw.persons else None
                stated = raw.office == office and not raw.former
                held = person is not None and at is not None and any(
                    r.office == office for r in self.pack.role_at(person, at))
                if stated or held:
                    out.append(_Raw(start, end, replace(raw.ref, text=found.group(0)), persons=raw.persons,
                                    office=office, title_only=raw.title_only, gender=raw.gender))
                    break
        return out

    def _pronouns(self, doc: Doc, raws: list[_Raw], genders: dict[str, str]) -> list[_Raw]:
        breaks = [i for i, ch in enumerate(doc.text) if ch == "\n"]
        people = [r for r in raws if r.persons or (r.ref.kind == "person" and r.ref.country)]
        starts = [r.start for r in people]
        out: list[_Raw] = []
        for token in doc:
            gender = lex.PRONOUNS.get(token.lower_)
            if gender is None or (token.lower_ == "her" and token.tag_ != "PRP"):
                continue
            paragraph = bisect.bisect(breaks, token.idx)
            k = bisect.bisect(starts, token.idx)
            for raw in reversed(people[:k]):
                if bisect.bisect(breaks, raw.start) != paragraph:
                    break
                known = raw.gender or (genders.get(raw.persons[0]) if raw.persons else None)
                if known is not None and known != gender:
                    continue
                out.append(_Raw(token.idx, token.idx + len(token.text), replace(raw.ref, text=token.text),
                                persons=raw.persons, office=raw.office, former=raw.former,
                                title_only=raw.title_only, gender=gender, flags=("pronoun",)))
                break
        return out


def _quoted_tokens(doc: Doc) -> list[bool]:
    """Whether each token lies inside quotation marks (curly or straight; a paragraph break closes a quote)."""
    out = [False] * len(doc)
    quoted = False
    for tok in doc:
        if tok.text in ("\u201c", "\u201d", '"', "``", "''") or "\n" in tok.text:
            quoted = tok.text in ("\u201c", "``") or (tok.text == '"' and not quoted)
            continue
        out[tok.i] = quoted
    return out


def _raw(doc: Doc, span: Span, ref: ActorRef) -> _Raw:
    return _Raw(span.start_char, span.end_char, replace(ref, text=span.text))


def _when_at(spans: list[tuple[int, int, dt.date, dt.date]], position: int) -> tuple[dt.date, dt.date] | None:
    for start, end, first, last in spans:
        if start <= position < end:
            return first, last
    return None
