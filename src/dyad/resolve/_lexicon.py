"""English words the actor resolver reads: head nouns and the kind of actor they name, office titles, dyad phrases.

These are general English vocabulary, not facts about any country: every name, demonym, metonym, person and
institution comes from the knowledge pack.
"""

from __future__ import annotations

import re

# head noun (lemma or lower-cased form) of a noun phrase -> actor kind, for "the <demonym> <head>" and
# "<country>'s <head>" phrases
HEAD_KINDS: dict[str, str] = {}
for _kind, _words in {
    "government": "government administration cabinet official minister ministry diplomat envoy embassy consulate "
                  "ambassador spokesman spokeswoman spokesperson authority authorities side delegation negotiator "
                  "regime leadership leader president premier chancellor secretary bureaucrat agency police "
                  "mission counterpart counterparts emperor king queen",
    "judiciary": "court judge judiciary tribunal prosecutor prosecutors prosecution",
    "military": "army navy military force forces troop troops destroyer warship frigate submarine jet fighter "
                "soldier soldiers marine marines guard commander general airforce coastguard",
    "business": "company firm business businesses businessman maker manufacturer exporter importer conglomerate "
                "automaker carmaker chipmaker corporation corp industry retailer bank investor supplier brand "
                "airline producer shipper chaebol",
    "civic": "activist protester protestor group organization organisation ngo victim survivor plaintiff union "
             "people citizen public consumer resident tourist traveler traveller student voter national "
             "demonstrator campaigner society association community worker laborer labourer population",
    "legislature": "lawmaker legislator parliament assembly legislature mp congress senator parliamentarian "
                   "congressman congresswoman",
    "party": "party",
    "media": "media newspaper press broadcaster outlet daily reporter journalist news",
}.items():
    for _word in _words.split():
        HEAD_KINDS[_word] = _kind

# office titles (lower-cased, space-joined tokens of the title) -> office code in roles.csv
TITLES: dict[str, str] = {
    "prime minister": "head_of_government", "premier": "head_of_government", "chancellor": "head_of_government",
    "pm": "head_of_government",
    "president": "head_of_state", "emperor": "head_of_state", "king": "head_of_state", "queen": "head_of_state",
    "foreign minister": "foreign_minister", "foreign secretary": "foreign_minister", "top diplomat":
        "foreign_minister", "minister of foreign affairs": "foreign_minister", "secretary of state":
        "foreign_minister",
    "defense minister": "defence_minister", "defence minister": "defence_minister",
    "defense secretary": "defence_minister", "defence secretary": "defence_minister",
    "chief cabinet secretary": "chief_cabinet_secretary",
    "chief of staff": "chief_of_staff",
    "ambassador": "ambassador",
    "unification minister": "unification_minister",
    "national security adviser": "national_security_adviser", "national security advisor":
        "national_security_adviser",
    "supreme leader": "supreme_leader", "leader": "supreme_leader",
}
# a title before a name: longest first so "chief cabinet secretary" wins over "secretary"
TITLE_BEFORE_NAME = re.compile(
    r"(?:(?P<former>former|then|ex|late|outgoing|incoming)[\s-]+)?(?P<title>"
    + "|".join(sorted((re.escape(t).replace(r"\ ", r"\s+") for t in TITLES if t != "leader"), key=len,
                      reverse=True))
    + r")\s+$", re.IGNORECASE)
# "the prime minister", "the president": a title used alone refers back to a person named earlier
DEFINITE_TITLE = re.compile(
    r"\bthe\s+(?P<title>"
    + "|".join(sorted((re.escape(t).replace(r"\ ", r"\s+") for t in TITLES if t not in ("leader", "pm")),
                      key=len, reverse=True))
    + r")\b(?!\s*[-’'])", re.IGNORECASE)
# words that make a title another, lower office ("vice foreign minister", "deputy prime minister")
SUBORDINATE = frozenset({"vice", "deputy", "assistant", "junior", "parliamentary", "state", "under", "shadow"})
HONORIFICS: dict[str, str] = {"mr": "m", "mr.": "m", "ms": "f", "ms.": "f", "mrs": "f", "mrs.": "f", "miss": "f"}
PRONOUNS: dict[str, str] = {"he": "m", "him": "m", "she": "f", "her": "f"}

# "the two countries", "both governments": the collective phrase names both sides of the dyad
DYAD_HEADS: dict[str, str] = {
    "countries": "state", "nations": "state", "states": "state", "neighbours": "state", "neighbors": "state",
    "allies": "state", "sides": "government", "governments": "government", "capitals": "government",
    "administrations": "government", "leaders": "government", "ministers": "government",
    "militaries": "military", "parliaments": "legislature", "courts": "judiciary",
}
DYAD_PHRASE = re.compile(
    r"\b(?:(?:the|these|those|its|their|our|his|her)\s+two|both)\s+(?:(?!and\b|or\b)[A-Za-z][\w.'’-]*\s+){0,2}?(?P<head>"
    + "|".join(DYAD_HEADS) + r")\b", re.IGNORECASE)

# prepositions after which a capital is a place, not an actor ("talks in Tokyo")
LOCATIVE_PREPS = frozenset({"in", "at", "near", "around", "across", "throughout", "outside", "inside", "within",
                            "via", "into", "through", "over", "beyond"})
# verbs of motion after which "to/from <capital>" is a place ("travel to Tokyo")
MOTION_VERBS = frozenset({"travel", "fly", "visit", "arrive", "return", "go", "come", "move", "head", "leave",
                          "depart", "trip", "journey", "flight", "relocate", "send", "deploy", "transfer"})
# word-forming prefixes that turn a name into a modifier ("anti-Japan", "pro-Seoul", "post-Abe")
HYPHEN_PREFIXES = frozenset({"anti", "pro", "post", "pre", "non", "ex", "neo", "mid"})
# entity labels whose names may contain a country's name without referring to it ("the Sea of Japan")
NON_ACTOR_ENTITIES = frozenset({"LOC", "FAC", "EVENT", "WORK_OF_ART", "LAW", "PRODUCT", "LANGUAGE"})

# ---- official statements: the first person is the issuing state (docs/resolve.md, "Issuer") ----------------------
# first-person pronouns that stand for the issuer of a statement ("We welcome ...", "I commend ...", "our alliance")
FIRST_PERSON = frozenset({"we", "us", "our", "ours", "i", "me", "my"})
# words of an outlet that make it a public body ("U.S. Embassy Tokyo", "Ministry of Foreign Affairs of Japan")
OFFICIAL_BODIES = frozenset({
    "embassy", "consulate", "ministry", "department", "mission", "office", "government", "administration",
    "cabinet", "agency", "presidency", "secretariat", "delegation", "chancellery", "chancellor", "command",
    "forces", "parliament", "congress", "senate", "house", "assembly", "diet", "committee", "council", "court"})
# genre words of a title that make the text a statement by its speaker ("Statement by ...", "Readout of ...")
STATEMENT_GENRE = re.compile(
    r"\b(?:statement|readout|press\s+release|remarks|fact\s+sheet|communiqu[eé]|declaration|briefing|"
    r"transcript|message|proclamation)s?\b", re.IGNORECASE)
# the words after which a title names its speaker ("Statement by/from X", "Remarks of X")
SPEAKER_MARK = re.compile(r"\b(?:by|from|of)\s+", re.IGNORECASE)
# head words of an official's title ("Deputy Secretary X", "Ambassador X", "National Security Advisor X"): a
# titled person the pack lacks acts for a state when the text says which (a demonym cue, or a statement's issuer)
OFFICIAL_TITLE_HEADS = frozenset({
    "ambassador", "secretary", "minister", "adviser", "advisor", "director", "envoy", "spokesperson", "spokesman",
    "spokeswoman", "president", "premier", "chancellor", "representative", "commissioner", "undersecretary",
    "administrator", "counselor", "counsellor", "chairman", "chairwoman", "admiral",
    "ambassador-at-large", "attaché", "attache", "consul", "chargé", "charge"})
# verbs that attribute a quotation to its speaker ('"We will respond," Kishida said'): the quoted first person is
# the speaker
REPORTING_VERBS = frozenset({"say", "tell", "add", "state", "declare", "insist", "stress", "note", "write",
                             "explain", "argue", "reiterate", "remark", "tweet", "emphasize", "emphasise"})
# "Kishida's government", "Moon's administration": a leader's possessive before these names that leader's government
PERSON_GOVERNMENT_HEADS = frozenset({"government", "administration", "cabinet", "regime", "presidency"})
# words of a news outlet's name: such an outlet is no issuer even when it names a country and an "agency" ("Korean
# Central News Agency", "Saudi Press Agency"): its "we" is the newsroom
NEWS_OUTLET_WORDS = frozenset({"news", "press", "times", "daily", "herald", "post", "journal", "tribune", "gazette",
                               "broadcasting", "broadcaster", "tv", "television", "radio", "media", "newspaper",
                               "magazine", "wire", "shimbun", "ilbo", "review", "observer", "guardian", "monitor"})
