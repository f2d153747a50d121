"""The coder's public API: `Coder(pack).code(article)` / `.pipe(articles)` and `extract(paths_or_texts)`.

One article in, a `CodedArticle` out: its sentences, PLOVER events and perceptions, each pointing at its evidence
sentence by char offsets into `article.text`. The stages and their order are declared in dyad.nlp.components.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from dyad.code.dating import NO_DATE, DateAttacher
from dyad.code.events import EventDraft, Trigger, code_sentence, dedupe_sentence, noun_sense
from dyad.code.issues import IssueTagger
from dyad.code.modality import modality_of
from dyad.code.perceptions import PerceptionDraft, perceptions_in
from dyad.code.syntax import ActorIndex, Slot
from dyad.nlp import COMPONENTS, check_order, load_nlp, model_assigns, sentence_spans
from dyad.ontology import Sense, event_type, lexicon
from dyad.records import (
    ActorRef,
    Article,
    EventRecord,
    Failure,
    Modality,
    PerceptionRecord,
    Sentence,
    article_id,
)

_PARA = re.compile(r"\n\s*\n")


@dataclass(frozen=True)
class CodedArticle:
    """An article with what the coder found in it."""

    article: Article
    sentences: list[Sentence]
    events: list[EventRecord]
    perceptions: list[PerceptionRecord]


class Coder:
    """The event coder for one knowledge pack. Load once, code many articles.

    `actor_resolver` / `date_resolver` default to dyad.resolve's resolvers for the pack; anything with the same
    methods (docs/contracts.md, "Coder seams") may be passed instead.
    """

    def __init__(self, pack: str | Any = "jpn_kor", *, actor_resolver: Any | None = None,
                 date_resolver: Any | None = None, nlp: Any | None = None) -> None:
        from dyad.knowledge import load_pack

        self.pack = load_pack(pack) if isinstance(pack, str | Path) else pack
        self.nlp = nlp if nlp is not None else load_nlp()
        # the stages in order, each given what the pipeline and the earlier stages provide (else CoderError)
        self.stages = check_order(COMPONENTS, model_assigns(self.nlp))
        if actor_resolver is None:
            from dyad.resolve.actors import ActorResolver  # type: ignore[import-not-found,unused-ignore]

            actor_resolver = ActorResolver(self.pack)
        if date_resolver is None:
            from dyad.resolve.dates import DateResolver

            date_resolver = DateResolver(self.pack)
        self.actors = actor_resolver
        self.dates = date_resolver
        self.issue_tagger = IssueTagger(getattr(self.pack, "issues", ()), self.nlp)
        dyad = getattr(self.pack, "dyad", ("", ""))
        self.dyad: tuple[str, str] = (str(dyad[0]), str(dyad[1]))

    def code(self, article: Article) -> CodedArticle:
        """Code one article."""
        if len(article.text) > self.nlp.max_length:
            return self._code_long(article)
        return self.code_doc(article, self.nlp(article.text))

    def pipe(self, articles: Iterable[Article], *, batch_size: int = 32) -> Iterator[CodedArticle]:
        """Code many articles, parsing them in batches with `nlp.pipe`; results come in input order."""
        limit = self.nlp.max_length
        pairs = ((a.text if len(a.text) <= limit else "", a) for a in articles)
        for doc, article in self.nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
            yield self._code_long(article) if len(article.text) > limit else self.code_doc(article, doc)

    def _code_long(self, article: Article) -> CodedArticle:
        """An article longer than the parser takes at once: coded in paragraph-aligned chunks, offsets shifted back
        into the whole text (the narrative date does not cross a chunk)."""
        limit = max(1, self.nlp.max_length // 2)
        sentences: list[Sentence] = []
        events: list[EventRecord] = []
        perceptions: list[PerceptionRecord] = []
        for start, end in _chunks(article.text, limit):
            part = self.code_doc(replace(article, text=article.text[start:end]),
                                 self.nlp(article.text[start:end]))
            base = len(sentences)
            sentences += [Sentence(base + s.index, s.start + start, s.end + start) for s in part.sentences]
            events += [replace(e, start=e.start + start, end=e.end + start) for e in part.events]
            perceptions += [replace(p, start=p.start + start, end=p.end + start) for p in part.perceptions]
        return CodedArticle(article, sentences, events, perceptions)

    # -- the stages ----------------------------------------------------------------------------------------------
    def code_doc(self, article: Article, doc: Any) -> CodedArticle:
        """Code an article whose text `doc` is already parsed (doc.text == article.text)."""
        published = article.published
        # an official statement speaks in the first person for its issuer (docs/resolve.md, "Statements")
        find_issuer = getattr(self.actors, "issuer", None)
        issuer = find_issuer(article.outlet, article.title) if find_issuer is not None else None
        if issuer is not None:
            mentions = self.actors.mentions(doc, published=published, issuer=issuer)
        else:
            mentions = self.actors.mentions(doc, published=published)
        index = ActorIndex(doc, mentions)
        date_mentions = sorted(self.dates.mentions(doc.text, published=published), key=lambda m: m.start)
        spans = sentence_spans(doc)
        paragraphs = [m.end() for m in _PARA.finditer(doc.text)]
        para_of = [bisect_right(paragraphs, span.start_char) for span in spans]
        sent_cache: dict[int, tuple[str, ...]] = {}

        def sent_issues(n: int) -> tuple[str, ...]:
            if n not in sent_cache:
                sent_cache[n] = self.issue_tagger.tag_tokens(spans[n])
            return sent_cache[n]

        def issues_of(n: int) -> tuple[str, ...]:
            """The sentence's issues, else its paragraph's (tagged only when a record needs them)."""
            own = sent_issues(n)
            if own:
                return own
            para = [k for k in range(len(spans)) if para_of[k] == para_of[n]]
            return tuple(dict.fromkeys(i for k in para for i in sent_issues(k)))
        attacher = DateAttacher(published)
        sentences: list[Sentence] = []
        events: list[EventRecord] = []
        perceptions: list[PerceptionRecord] = []
        context: list[Slot] = []

        def side(tok: Any) -> str | None:
            m = index.phrase_actor(tok)
            return m.ref.country if m is not None else None

        for n, span in enumerate(spans):
            sentences.append(Sentence(n, span.start_char, span.end_char))
            in_sent = [m for m in date_mentions if span.start_char <= m.start and m.end <= span.end_char]
            if not index.has_actor(span.start, span.end):
                attacher.sentence(doc, [], [], in_sent)  # keeps the narrative date
                continue  # no actor named: no event or perception can have a side here
            toks = list(span)
            drafts = code_sentence(toks, index, self.dyad, context[-6:])
            drafts += self._chronology_drafts(doc, in_sent, drafts)
            context += [Slot(m.ref, i) for i, m in sorted(index.in_sentence(span), key=lambda p: p[0])]
            modalities: list[Modality] = [
                "occurred" if "chronology" in d.flags else modality_of(doc[d.trigger.head], side) for d in drafts]
            heads = [d.trigger.head for d in drafts]
            choices = attacher.sentence(doc, heads, modalities, in_sent)
            keep = dedupe_sentence(drafts, [(m, c.date) for m, c in zip(modalities, choices, strict=True)])
            drafts = [drafts[k] for k in keep]
            modalities = [modalities[k] for k in keep]
            choices = [choices[k] for k in keep]
            perceived = perceptions_in(toks, index, self.dyad)
            issues = issues_of(n) if drafts or perceived else ()
            text = span.text
            for draft, modality, choice in zip(drafts, modalities, choices, strict=True):
                events.append(self._event(article, span, text, draft, modality, choice, issues, doc))
            for p in perceived:
                perceptions.append(self._perception(article, span, text, p, issues, doc))
        return CodedArticle(article, sentences, events, perceptions)

    def _chronology_drafts(self, doc: Any, in_sent: Sequence[Any], drafts: Sequence[EventDraft]) -> list[EventDraft]:
        """"renegotiate the 2015 agreement", "settled by the 1965 treaty": an event noun the date resolver anchored
        to one row of the pack's chronology names that past event; it is coded with the row's sides and type
        (modality occurred, the anchored date), also where the noun is another act's theme. The row must be the
        only one of that date whose type is the noun's (docs/coding-rules.md, "Event nouns")."""
        rows = getattr(self.pack, "chronology", ())
        if not rows:
            return []
        out: list[EventDraft] = []
        coded = {d.trigger.head for d in drafts}
        for mention in in_sent:
            if mention.basis != "context" or not mention.date or not re.search(r"\b\d{4}\b", mention.text):
                continue  # only a past event the text names by its year ("the 1965 treaty"), not "its curbs"
            words = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if words is None or len(words) == 0:
                continue
            nouns = [t for t in words if t.pos_ in ("NOUN", "PROPN")]
            if not nouns:
                continue
            noun = nouns[-1]  # "(that) the 1965 treaty": the head noun ends the phrase
            sense = noun_sense(lexicon(), noun, need_mod=False)
            if sense is None or noun.i in coded:
                continue
            fits = list({(r.source, r.target, r.event_type): r for r in rows
                         if r.date == mention.date and r.event_type == sense.type}.values())
            if len(fits) != 1:  # rows of that day that agree on sides and type are one event
                continue
            sources, targets = self._sides(fits[0].source), self._sides(fits[0].target)
            pairs = [(a, b) for a in sources for b in targets if a != b]
            if event_type(fits[0].event_type).quad_class in ("verbal_coop", "material_coop"):
                # a cooperative act between the two is joint, coded each way (docs/coding-rules.md)
                pairs += [(b, a) for a, b in pairs if (b, a) not in pairs]
            trigger = Trigger(noun.i, (noun.i,), Sense(type=fits[0].event_type), "noun")
            for a, b in pairs:
                out.append(EventDraft(trigger, fits[0].event_type, Slot(self._state_ref(a), noun.i),
                                      Slot(self._state_ref(b), noun.i), 0.6, ("chronology",)))
        return out

    def _anchor_fits(self, date: str | None, draft: EventDraft) -> bool:
        """An anchored date names a row of the pack's chronology or drivers; it dates an event only when every
        country of the event takes part in a row of that date."""
        countries: set[str] = set()
        for row in getattr(self.pack, "chronology", ()):
            if row.date == date:
                countries.update(self._sides(row.source), self._sides(row.target))
        for row in getattr(self.pack, "drivers", ()):
            if row.date == date:
                countries.update(self._sides(row.country))
        event = {c for c in (draft.source.ref.country, draft.target.ref.country) if c and c != "DYAD"}
        return bool(countries) and event <= countries

    def _state_ref(self, iso3: str) -> ActorRef:
        country = self.pack.country(iso3) if hasattr(self.pack, "country") else None
        return ActorRef(str(country.name) if country is not None else iso3, iso3, iso3, "state")

    def _sides(self, code: str) -> list[str]:
        """The countries a chronology side names: DYAD (both states), an ISO3 code, or an actor id."""
        if code == "DYAD":
            return list(self.dyad)
        actor = self.pack.actor(code) if hasattr(self.pack, "actor") else None
        if actor is not None and actor.country:
            return [str(actor.country)]
        country = self.pack.country(code) if hasattr(self.pack, "country") else None
        return [str(country.iso3)] if country is not None else []

    def _event(self, article: Article, span: Any, text: str, draft: EventDraft, modality: Any, choice: Any,
               issues: tuple[str, ...], doc: Any) -> EventRecord:
        et = event_type(draft.event_type)
        if "anchored" in choice.flags and not self._anchor_fits(choice.date, draft):
            choice = NO_DATE  # "the recent summit between A and B" is not the pack's summit between C and D
        words = [doc[i] for i in draft.trigger.words]
        trigger = " ".join(t.text for t in words)
        flags = list(draft.flags) + list(choice.flags)
        confidence = draft.confidence
        if choice.basis in ("publication", "none"):
            confidence *= 0.95
        return EventRecord(
            article=article.id, sentence=text, start=span.start_char, end=span.end_char,
            source=draft.source.ref, target=draft.target.ref, event_type=et.name, quad_class=et.quad_class,
            intensity=et.intensity, modality=modality, date=choice.date, date_precision=choice.precision,
            date_basis=choice.basis, date_text=choice.text, mode=draft.mode, context=tuple(draft.context),
            cameo=et.cameo, issues=issues, confidence=round(confidence, 3), flags=tuple(dict.fromkeys(flags)),
            trigger=trigger,
        )

    def _perception(self, article: Article, span: Any, text: str, p: PerceptionDraft, issues: tuple[str, ...],
                    doc: Any) -> PerceptionRecord:
        cue = " ".join(doc[i].text for i in p.cue)
        return PerceptionRecord(
            article=article.id, sentence=text, start=span.start_char, end=span.end_char, holder=p.holder.ref,
            about=p.about.ref, stance=p.stance, frame=p.frame, issues=issues, modality=modality_of(doc[p.head]),
            cue=cue, confidence=p.confidence,
        )


def _chunks(text: str, limit: int) -> Iterator[tuple[int, int]]:
    """(start, end) spans of at most `limit` chars, cut at paragraph breaks, else line breaks, else spaces."""
    start = 0
    while start < len(text):
        end = min(len(text), start + limit)
        if end < len(text):
            window = text[start:end]
            for sep in ("\n\n", "\n", ". ", " "):
                cut = window.rfind(sep)
                if cut > limit // 4:
                    end = start + cut + len(sep)
                    break
        yield start, end
        start = end


# -- extract: files or texts in, records out ------------------------------------------------------------------

def _looks_like_path(item: str | os.PathLike[str]) -> bool:
    if isinstance(item, os.PathLike):
        return True
    if "\n" in item or len(item) >= 1024:
        return False
    if item == "-" or Path(item).exists():
        return True
    # a missing file is still a path (reported as unreadable), never silently coded as text
    return not any(ch.isspace() for ch in item) and ("/" in item or os.sep in item or bool(Path(item).suffix))


def text_article(text: str, *, published: dt.date | None = None, source: str = "<text>") -> Article:
    """An Article for a plain text given directly (no cleaning: the text is what the caller wants coded)."""
    return Article(id=article_id(text), text=text, raw=text, source=source, source_format="txt",
                   published=published, published_basis="argument" if published else "unknown", language="en")


def read_articles(paths_or_texts: Iterable[str | os.PathLike[str]], *, published: dt.date | None = None,
                  on_failure: Callable[[Failure], None] | None = None) -> Iterator[Article]:
    """Articles from paths (read and cleaned by dyad.ingest) and from texts given directly."""
    from dyad.config import Options

    try:
        from dyad.ingest.pipeline import read_outcomes
        from dyad.ingest.sources import expand_inputs
    except ImportError:  # ingest unavailable: plain text files, read as they are
        yield from _plain_articles(paths_or_texts, published=published, on_failure=on_failure)
        return

    options = Options(published=published)
    for item in paths_or_texts:
        if not _looks_like_path(item):
            yield text_article(str(item), published=published)
            continue
        for ref in expand_inputs([os.fspath(item)]):
            if isinstance(ref, Failure):
                if on_failure:
                    on_failure(ref)
                continue
            for outcome in read_outcomes(ref, options, None):
                if isinstance(outcome, Failure):
                    if on_failure:
                        on_failure(outcome)
                    continue
                yield outcome.article


def _plain_articles(paths_or_texts: Iterable[str | os.PathLike[str]], *, published: dt.date | None,
                    on_failure: Callable[[Failure], None] | None) -> Iterator[Article]:
    for item in paths_or_texts:
        if not _looks_like_path(item):
            yield text_article(str(item), published=published)
            continue
        try:
            text = Path(item).read_text(encoding="utf-8", errors="replace")
        except OSError as exc:
            if on_failure:
                on_failure(Failure(os.fspath(item), "E101", f"cannot read input: {exc}"))
            continue
        yield text_article(text, published=published, source=os.fspath(item))


def extract(paths_or_texts: str | os.PathLike[str] | Sequence[str | os.PathLike[str]], *,
            published: dt.date | None = None, pack: str = "jpn_kor", coder: Coder | None = None,
            on_failure: Callable[[Failure], None] | None = None) -> list[EventRecord | PerceptionRecord]:
    """Events and perceptions from files or texts, in document order, without touching the store.

    `published` is the publication date for inputs that do not state one. Unreadable inputs are reported through
    `on_failure` (a `Failure` with its code) and skipped; they never stop the rest.
    """
    items: Sequence[str | os.PathLike[str]] = (
        [paths_or_texts] if isinstance(paths_or_texts, str | os.PathLike) else paths_or_texts)
    coder = coder or Coder(pack)
    out: list[EventRecord | PerceptionRecord] = []
    for coded in coder.pipe(read_articles(items, published=published, on_failure=on_failure)):
        records: list[EventRecord | PerceptionRecord] = [*coded.events, *coded.perceptions]
        records.sort(key=lambda r: (r.start, 0 if isinstance(r, EventRecord) else 1))
        out.extend(records)
    return out


__all__ = ["CodedArticle", "Coder", "extract", "read_articles", "text_article"]
