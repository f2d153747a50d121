"""Issue tags come from the pack's phrases, lemmatised; sentence first, then paragraph."""

from __future__ import annotations

from typing import Any


def test_sentence_issue_with_lemma_match(code: Any) -> None:
    coded = code("Japan tightened its export control on South Korea.")
    assert coded.events[0].issues == ("economy.export_controls",)


def test_paragraph_issue_when_sentence_has_none(code: Any) -> None:
    text = "The row over forced labour deepened. Seoul protested to Tokyo.\n\nJapan praised South Korea."
    coded = code(text)
    by_sentence = {e.sentence: e.issues for e in coded.events}
    assert by_sentence["Seoul protested to Tokyo."] == ("history.forced_labour",)
    assert by_sentence["Japan praised South Korea."] == ()


def test_non_latin_terms_match_as_substrings(nlp: Any, coder: Any) -> None:
    from dyad.code.issues import IssueTagger

    tagger = IssueTagger(coder.pack.issues, nlp)
    assert tagger.tag_tokens(list(nlp("韓国は強制徴用問題で抗議した。"))) == ("history.forced_labour",)


def test_perceptions_get_issues(code: Any) -> None:
    coded = code("Seoul is angry with Tokyo over the export curbs.")
    assert coded.perceptions and coded.perceptions[0].issues == ("economy.export_controls",)
