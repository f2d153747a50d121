"""The coder's stages declared in ONE place, each with what it requires and what it assigns.

A stage is a plain function the `Coder` runs over a parsed document; its spec names the attributes it reads and
writes, so `check_order` can refuse a pipeline whose stages come in the wrong order (like spaCy's `analyze_pipes`).
Attribute names: `token.*`/`doc.*` come from the spaCy model; `coded.*` are fields of the coder's working state.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from dyad.errors import CoderError, ErrorCode

# What the spaCy model gives every document (en_core_web_sm: tagger, parser, attribute_ruler, lemmatizer, ner).
MODEL_ASSIGNS: frozenset[str] = frozenset({
    "doc.sents", "token.tag", "token.pos", "token.dep", "token.head", "token.lemma", "token.morph", "doc.ents",
})


@dataclass(frozen=True, slots=True)
class ComponentSpec:
    """One stage of the coder: its name, what it reads and what it adds."""

    name: str
    requires: tuple[str, ...]
    assigns: tuple[str, ...]
    doc: str = ""


COMPONENTS: tuple[ComponentSpec, ...] = (
    ComponentSpec("actors", ("doc.sents", "doc.ents", "token.pos", "token.dep"), ("coded.mentions",),
                  "actor mentions from dyad.resolve.actors.ActorResolver"),
    ComponentSpec("dates", ("doc.sents",), ("coded.dates",),
                  "date mentions from dyad.resolve.dates.DateResolver"),
    ComponentSpec("events", ("coded.mentions", "token.dep", "token.head", "token.lemma"), ("coded.events",),
                  "PLOVER events from the lexicon and the dependency tree"),
    ComponentSpec("modality", ("coded.events", "token.dep", "token.tag", "token.morph"), ("coded.modality",),
                  "occurred/ongoing/planned/hypothetical/predicted/negated/question per trigger"),
    ComponentSpec("event_dates", ("coded.events", "coded.dates", "coded.modality"), ("coded.event_dates",),
                  "the date each event is attached to, with its basis"),
    ComponentSpec("perceptions", ("coded.mentions", "token.dep", "token.lemma"), ("coded.perceptions",),
                  "stated views of one side about the other"),
    ComponentSpec("issues", ("coded.events", "coded.perceptions", "token.lemma"), ("coded.issues",),
                  "issue ids from the knowledge pack's aliases and keywords"),
)


# which model pipes provide which attributes
PIPE_ASSIGNS: dict[str, tuple[str, ...]] = {
    "tagger": ("token.tag",), "attribute_ruler": ("token.pos",), "parser": ("doc.sents", "token.dep", "token.head"),
    "lemmatizer": ("token.lemma",), "ner": ("doc.ents",), "morphologizer": ("token.morph", "token.pos"),
}


def model_assigns(nlp: Any) -> frozenset[str]:
    """What a loaded pipeline actually provides (its enabled pipes), for `check_order(provided=...)`."""
    out = {"token.morph"}  # every pipeline has (possibly empty) morphology
    for name in nlp.pipe_names:
        out.update(PIPE_ASSIGNS.get(name, ()))
    return frozenset(out)


def check_order(stages: Sequence[ComponentSpec] = COMPONENTS,
                provided: Iterable[str] = MODEL_ASSIGNS) -> list[str]:
    """Raise CoderError (E001) naming the first stage whose requirement no earlier stage assigns; else the order."""
    have = set(provided)
    seen: set[str] = set()
    for stage in stages:
        if stage.name in seen:
            raise CoderError(ErrorCode.E001, detail=f"coder stage {stage.name!r} listed twice")
        missing = [attr for attr in stage.requires if attr not in have]
        if missing:
            raise CoderError(ErrorCode.E001,
                             detail=f"coder stage {stage.name!r} requires {', '.join(missing)}, "
                                    "which no earlier stage assigns")
        have.update(stage.assigns)
        seen.add(stage.name)
    return [stage.name for stage in stages]


__all__ = ["COMPONENTS", "MODEL_ASSIGNS", "PIPE_ASSIGNS", "ComponentSpec", "check_order", "model_assigns"]
