"""Boilerplate removal on site-like fixtures, name repair, normalisation, sentence spans, strict dates."""

from __future__ import annotations

import datetime as dt

import pytest
from ingest_support import FIXTURES, read_all

from dyad.config import Options
from dyad.ingest.clean import boilerplate_kind, clean_text, normalise, repair_glued_names
from dyad.ingest.metadata import detect_language, parse_published
from dyad.ingest.pipeline import build_article
from dyad.ingest.sentences import split_sentences
from dyad.records import Article


def article(name: str) -> Article:
    docs, fails = read_all(FIXTURES / name)
    assert not fails
    art = build_article(docs[0], Options())
    assert isinstance(art, Article)
    return art


# (fixture, lines that must go, sentences that must stay, expected bio start or None)
SITES = [
    ("diplomat.html",
     ["5 min read", "(Photo: Reuters)", "Enjoying this article? Click here to subscribe"],
     ["Yoon Suk Yeol travelled to Tokyo last week", "as happened with the 2015 agreement on comfort women."],
     "Jane Park is a non-resident fellow"),
    ("korea_herald.html",
     ["YONHAP", "Read more: Yoon, Kishida", "sophie@heraldcorp.com", "Published : Mar 21", "All Rights Reserved"],
     ["which Seoul had threatened to scrap in 2019", "suspended since 2018."], None),
    ("japan_times.html",
     ["Photo by Kim Hong-ji", "KYODO, JIJI", "By subscribing, you can help us", "Subscribe now", "Share this"],
     ["Kishida will travel to Seoul on Sunday", "cooperation with the United States."], None),
    ("csis.html",
     ["Image credit", "All rights reserved", "The views expressed", "cookies"],
     ["met at Camp David on August 18", "the central question for the years ahead."],
     "Robert Lee is a senior fellow"),
    ("eastasiaforum.md",
     ["originally published on East Asia Forum", "Author: Min Ji-woo"],
     ["Since the 1965 treaty normalised relations", "spilling into trade and security."],
     "Min Ji-woo is an associate professor"),
    ("medium.md",
     ["5 min read", "Listen", "Originally published at", "Follow", "Written by Sam Choi"],
     ["One year after Seoul unveiled its plan", "has not sufficiently apologised."], None),
]


@pytest.mark.parametrize(("name", "gone", "kept", "bio"), SITES, ids=[s[0] for s in SITES])
def test_site_boilerplate_removed(name: str, gone: list[str], kept: list[str], bio: str | None) -> None:
    art = article(name)
    for line in gone:
        assert line.lower() not in art.text.lower(), line
        assert any(line.lower() in r.lower() for r in art.removed) or (
            art.author_bio and line.lower() in art.author_bio.lower()), line
    for sentence in kept:
        assert sentence in art.text
    if bio:
        assert art.author_bio is not None and art.author_bio.startswith(bio)
        assert bio not in art.text
    else:
        assert art.author_bio is None
    assert art.title is None or not art.text.startswith(art.title)  # the repeated <h1> is gone


def test_bylines_become_author_when_source_has_none() -> None:
    art = article("medium.md")
    assert art.author == "Sam Choi" and art.metadata["byline"] == "Sam Choi"


def test_article_text_is_not_touched_by_cues_in_long_sentences() -> None:
    text = ("Officials said the newsletter dispute was minor.\n"
            "The minister, who said he would subscribe to the agreement's principles and share this view "
            "with colleagues in Tokyo, did not give details about the photo opportunity at the summit.\n"
            "By 2030, both sides hope to double trade.")
    out = clean_text(text)
    assert out.removed == ()
    assert out.text.count("\n\n") == 2


@pytest.mark.parametrize("line", [
    "Sign up for our daily briefing", "Subscribe to The Korea Herald", "Get our newsletter",
    "This article was originally published on The Conversation.", "Republished with permission from Nikkei Asia.",
    "© 2023 Example Media. All rights reserved.", "5 min read", "Share this article", "Related: Seoul moves on",
    "Read more: Tokyo responds", "We use cookies to personalise content.", "(Photo: Reuters)",
    "Photo by Jung Yeon-je / AFP via Getty Images", "Image credit: Wikimedia Commons", "REUTERS/Kim Hong-Ji",
])
def test_boilerplate_lines(line: str) -> None:
    assert boilerplate_kind(line) is not None


@pytest.mark.parametrize("line", [
    "Seoul said it would share intelligence with Tokyo.", "The ruling was originally expected in 2017.",
    "South Korea's photo exhibition on comfort women drew protests from Japan.", "Related talks resumed.",
])
def test_article_lines_are_not_boilerplate(line: str) -> None:
    assert boilerplate_kind(line) is None


def test_glued_names_repaired_conservatively() -> None:
    assert repair_glued_names("the JapanSouth Korea summit") == "the Japan-South Korea summit"
    assert repair_glued_names("SeoulTokyo ties") == "Seoul-Tokyo ties"
    keep = "McDonald iPhone LaGuardia YouTube KakaoTalk PlayStation JavaScript MacArthur JapanToday"
    assert repair_glued_names(keep) == keep


def test_normalise_keeps_quotes_and_drops_invisible() -> None:
    text = "“Tokyo’s view” – said\u00a0Kim\u200b.\r\n\r\n\r\nNext\tline  here"
    assert normalise(text) == "“Tokyo’s view” – said Kim.\n\nNext line here"


def test_sentence_spans() -> None:
    text = "Mr. Kim met the U.S. envoy on Jan. 5. He left.\n\nSeoul agreed? Yes."
    spans = split_sentences(text)
    assert [text[s.start:s.end] for s in spans] == [
        "Mr. Kim met the U.S. envoy on Jan. 5.", "He left.", "Seoul agreed?", "Yes."]
    assert [s.index for s in spans] == [0, 1, 2, 3]


@pytest.mark.parametrize(("text", "expected"), [
    ("2023-03-06", dt.date(2023, 3, 6)), ("March 6, 2023", dt.date(2023, 3, 6)),
    ("Mon, 06 Mar 2023 10:00:00 +0900", dt.date(2023, 3, 6)), ("2023-08-19T00:00:00Z", dt.date(2023, 8, 19)),
    ("March 2023", None), ("2023", None), ("yesterday", None), ("06/03/2023", None), ("garbage", None),
    ("25/12/2023", dt.date(2023, 12, 25)),
])
def test_strict_dates(text: str, expected: dt.date | None) -> None:
    got, note = parse_published(text)
    assert got == expected
    assert (note is None) == (expected is not None)


def test_language_detection() -> None:
    assert detect_language("Japan and South Korea agreed to restore their intelligence pact.")[0] == "en"
    assert detect_language("日本と韓国は情報共有協定を回復することで合意した。")[0] == "ja"
    assert detect_language("한국과 일본은 정보공유협정을 복원하기로 합의했다.")[0] == "ko"
    assert detect_language("   ") == (None, None)


def test_minhash_matches_datasketch() -> None:
    import numpy as np
    from datasketch import MinHash

    from dyad.ingest.dedup import minhash_of, shingle_hash, shingle_hashes, shingles, signature, similarity

    text = " ".join(f"Word{i % 37} token{i}" for i in range(300))
    items = shingles(text)
    assert [shingle_hash(x) for x in items] == shingle_hashes(text).tolist()
    ref = MinHash(num_perm=128, seed=1, scheme="legacy", hashfunc=shingle_hash)
    ref.update_batch(items)
    assert np.array_equal(ref.hashvalues, minhash_of(shingle_hashes(text)))
    edited = text
    for i in range(10, 300, 30):  # 10 edits: about 50 of 596 shingles change, Jaccard about 0.85
        edited = edited.replace(f"token{i} ", "changed ")
    a, b = signature(text), signature(edited)
    assert 0.7 <= similarity(a.values, b.values) < 1.0 and similarity(a.values, a.values) == 1.0
    assert len(a.bands) == 16 and len(set(a.bands) & set(b.bands)) >= 1
    assert len(shingle_hashes("just three words")) == 1 and len(shingle_hashes("")) == 0
