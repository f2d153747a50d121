"""Issue tagging from the knowledge pack: each issue's aliases and keywords, matched as lemma sequences.

The phrases come only from the pack (`pack.issues`: aliases in every language, then keywords), so any pair of
countries works from its pack. English phrases are lemmatised once with the same pipeline and matched against the
lemmas of a sentence (so "comfort women" also matches "comfort woman"); phrases in other scripts are matched as
case-folded substrings. An event takes the issues of its sentence, else those of its paragraph.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from dyad.code.syntax import Tok


def _is_latin(text: str) -> bool:
    return all(ord(ch) < 0x2E80 for ch in text)


class IssueTagger:
    """Matches a pack's issue phrases in sentences."""

    def __init__(self, issues: Iterable[Any], nlp: Any | None) -> None:
        self.by_first: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        self.substrings: list[tuple[str, str]] = []
        latin: list[tuple[str, str]] = []
        for issue in issues:
            terms = issue.terms() if hasattr(issue, "terms") else tuple(getattr(issue, "keywords", ()))
            for term in terms:
                term = str(term).strip()
                if not term:
                    continue
                if _is_latin(term):
                    latin.append((term, issue.id))
                else:
                    self.substrings.append((term.casefold(), issue.id))
        if latin:
            docs = nlp.pipe([t for t, _ in latin], batch_size=256) if nlp is not None else None
            for n, (term, issue_id) in enumerate(latin):
                words = [t.lower() for t in term.split()]
                variants = {tuple(words)}
                if docs is not None:
                    d = next(docs)
                    variants.add(tuple(tok.lemma_.lower() for tok in d if not tok.is_punct))
                    variants.add(tuple(tok.lower_ for tok in d if not tok.is_punct))
                del n
                for v in variants:
                    if v:
                        self.by_first.setdefault(v[0], []).append((v, issue_id))

    def tag_tokens(self, tokens: Sequence[Tok]) -> tuple[str, ...]:
        """Issue ids whose phrases occur in the tokens, in order of first occurrence."""
        found: dict[str, None] = {}
        lemmas = [t.lemma_.lower() for t in tokens if not t.is_punct]
        lowers = [t.lower_ for t in tokens if not t.is_punct]
        for seq in (lemmas, lowers):
            for i, word in enumerate(seq):
                for phrase, issue_id in self.by_first.get(word, ()):
                    if tuple(seq[i:i + len(phrase)]) == phrase:
                        found.setdefault(issue_id, None)
        if self.substrings:
            text = "".join(t.text_with_ws for t in tokens).casefold()
            for term, issue_id in self.substrings:
                if term in text:
                    found.setdefault(issue_id, None)
        return tuple(found)


__all__ = ["IssueTagger"]
