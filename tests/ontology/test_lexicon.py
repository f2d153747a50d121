"""The lexicon and word-class data files load and validate."""

from __future__ import annotations

from dyad.ontology import event_types, lexicon, modality_classes


def test_every_sense_names_a_plover_type() -> None:
    lex = lexicon()
    known = set(event_types())
    assert len(known) == 16
    for senses in [*lex.verbs.values(), *lex.nouns.values()]:
        for s in senses:
            assert s.type in known
            assert s.civic is None or s.civic in known


def test_each_type_has_at_least_one_verb_trigger() -> None:
    lex = lexicon()
    covered = {s.type for senses in lex.verbs.values() for s in senses}
    assert covered == set(event_types())


def test_constrained_senses_come_first() -> None:
    senses = lexicon().verbs["call"]
    assert senses[0].prt and "for" in senses[0].prt and senses[0].type == "REQUEST"


def test_yaml_booleans_did_not_leak_into_word_lists() -> None:
    lex = lexicon()
    for senses in [*lex.verbs.values(), *lex.nouns.values()]:
        for s in senses:
            assert all(isinstance(w, str) and w not in ("True", "False") for w in (*s.prt, *s.obj, *s.mod))
    for words in modality_classes().values():
        assert all(w not in ("True", "False") for w in words)
