"""What a question asks about, and whether a sentence is about it.

Shared word stems are not shared topics: "adopted a trauma-informed approach" says nothing about
adoption, "placed" nothing about placements. A topic is a noun, so a sentence speaks to a topic
word when it holds the word, its plural, a noun made from the same stem ("adopters" for
"adoption"), or a synonym or abbreviation the field uses ("CAMHS" for "mental health"), never
just a verb form of the stem ("adopted", "placing"). The question's topic words are its content
words less the ones every document in this field uses ("children", "services", "council").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import cache, lru_cache

from lemminflect import getAllLemmas

from indexer.ask.vocabulary import NOT_TOPICS, NUMBER, PROCEDURAL, QUANTITY, SYNONYMS, WORD
from indexer.describe.authorities import STYLE_WORDS, gazetteer
from indexer.store.lexical import stem

# The largest synonym group whose other words a lexical search adds.
_EXPAND_AT_MOST = 5

# Uses in the library that make a qualifier and the word after it one term.
TERM_AT_LEAST = 2

# Cosine to the question above which a sentence says what the question asks in its own words.
PARAPHRASE = 0.7


@dataclass(frozen=True)
class Topic:
    """The topic of a question: groups of word forms, any form of a group speaks to it."""

    words: tuple[str, ...]
    groups: tuple[frozenset[str], ...]
    quantity: bool = False
    phrase: str = ""  # the question's words around the most telling one: "sleep rough", not "rough"

    @property
    def empty(self) -> bool:
        return not self.groups

    def other_words(self) -> str:
        """The forms of its groups that the question did not use, for a lexical search; only of
        small groups (an abbreviation and its spelling-out, a tight synonym set): the common words
        of a large group ("members", "legal") match everything. Measured on the real dev and test
        questions, recall@5 0.87 / 0.89 with every group, 0.85 / 0.93 with groups of at most 5."""
        said = set(self.words)
        return " ".join(sorted({f for g in self.groups if 1 < len(g) <= _EXPAND_AT_MOST for f in g} - said))

    def describe(self) -> str:
        """The most telling word with the topic words beside it, as the question put them."""
        return self.phrase or (self.words[0] if self.words else "")


def is_procedural(sentence: str) -> bool:
    return bool(PROCEDURAL.search(sentence)) or sentence.rstrip().endswith("?")


@cache
def _stem(word: str) -> str:
    return stem(word)


def topic_of(
    query: str, rarity: Callable[[str], float] | None = None, acronyms: Mapping[str, str] | None = None,
    phrases: Callable[[str], int] | None = None,
) -> Topic:
    """The question's topic words, rarest (most telling) first; ``rarity`` scores a word, and
    ``acronyms`` are the library's own abbreviations (acronyms.py), each one topic with its
    spelling-out. A word that is only ever an adjective, adverb or verb qualifies the topic and
    ranks after the things named, unless the library uses it with the next word as a term
    (``phrases`` counts a phrase's uses: "secure accommodation", not "decent computer")."""
    for mention in reversed(gazetteer().find(query, question=True)):  # places say where, not what
        query = query[: mention.start] + " " + query[mention.end :]
    text = query.lower().replace("’", "'")
    groups: list[frozenset[str]] = []
    words: list[str] = []
    spans: list[tuple[int, int]] = []  # where the question says each word
    lower, upper, owner = _vocabulary(tuple(sorted((acronyms or {}).items())))
    found = [(m.start(), m.end(), m.group(1)) for m in lower.finditer(text)]
    if upper is not None:  # abbreviations as printed
        found += [(m.start(), m.end(), m.group(1)) for m in upper.finditer(query)]
    for start, end, form in sorted(found, key=lambda f: (f[0] - f[1], f[0])):  # longest first
        group = owner[form]
        if group not in groups and not any(start < e and s < end for s, e in spans):
            groups.append(group)
            words.append(form)
            spans.append((start, end))
    names = set()
    for start, end, name in _capitalised_names(query):  # "the Family Safeguarding model": a name
        if not any(start < e and s < end for s, e in spans):
            groups.append(frozenset({name}))
            words.append(name)
            spans.append((start, end))
            names.add(name)
    covered = {w for s, e in spans for w in WORD.findall(text[s:e])}
    qualifiers: set[str] = set()
    tokens = [(m.group().strip("'’"), m.span()) for m in WORD.finditer(text)]
    for i, (word, span) in enumerate(tokens):
        if len(word) < 3 or word in NOT_TOPICS or word in covered or word.endswith(("'s", "ed", "ly")):
            continue  # verb and adverb forms say what happened to the topic, not what it is
        following = tokens[i + 1][0] if i + 1 < len(tokens) else None
        if word.endswith("ing") and not _names_a_thing(following):
            continue  # "keeping children safe"; but "bullying of children", "housing for care leavers"
        term = following is not None and phrases is not None and phrases(f"{word} {following}") >= TERM_AT_LEAST
        if _only_qualifies(word) and not term:
            qualifiers.add(word)  # "a decent computer system"; but "secure accommodation" is a thing
        groups.append(frozenset({word}))
        words.append(word)
        spans.append(span)
    if rarity is not None and len(groups) > 1:
        def telling(form: str) -> float:  # "family and friends" is as telling as "friends", not "and"
            return max((rarity(w) for w in WORD.findall(form.lower()) if w not in NOT_TOPICS), default=0.0)

        # The most telling thing, not the most telling qualifier: "a decent computer system" is
        # about a computer system, however rarely a report says "decent".
        order = sorted(range(len(groups)),
                       key=lambda i: (words[i] not in names, words[i] in qualifiers, -telling(words[i])))
        groups, words, spans = [groups[i] for i in order], [words[i] for i in order], [spans[i] for i in order]
    said = query if len(query) == len(text) else text  # as the question wrote it
    phrase = _phrase(said, tokens, spans[0], covered | set(words)) if words else ""
    return Topic(tuple(words), tuple(groups), bool(QUANTITY.search(query)), phrase)


# Two or more capitalised words inside a question, perhaps joined by "of", "and", "for" or "the".
_CAPITALISED = re.compile(r"(?<=[\w,;:'’)])\s+([A-Z][\w'’-]*(?: (?:(?:of|and|for|the) )?[A-Z][\w'’-]*)+)")


def _capitalised_names(query: str) -> list[tuple[int, int, str]]:
    """The names a question capitalises that words every document uses would otherwise drop from
    its topic ("Family Safeguarding", "Signs of Safety", "No Wrong Door"), lower-cased, where it
    says them; a report that has one says it by name."""
    out = []
    for m in _CAPITALISED.finditer(query):
        name = m.group(1).lower().replace("’", "'")
        spoken = WORD.findall(name)
        if not STYLE_WORDS.issuperset(w.removesuffix("'s") for w in spoken) and any(w in NOT_TOPICS for w in spoken):
            out.append((m.start(1), m.end(1), name))
    return out


def _phrase(said: str, tokens: list[tuple[str, tuple[int, int]]], key: tuple[int, int], topical: set[str]) -> str:
    """The most telling word (at ``key`` in the question) with the topic words next to it ("who
    sleep rough": "sleep rough"), so that a decline names what was asked about."""
    inside = [i for i, (_, (s, e)) in enumerate(tokens) if key[0] <= s and e <= key[1]]
    if not inside:
        return said[key[0] : key[1]]
    first, last = inside[0], inside[-1]
    while first > 0 and tokens[first - 1][0] in topical:
        first -= 1
    while last + 1 < len(tokens) and tokens[last + 1][0] in topical:
        last += 1
    return said[tokens[first][1][0] : tokens[last][1][1]]


@lru_cache(maxsize=8)
def _vocabulary(
    acronyms: tuple[tuple[str, str], ...],
) -> tuple[re.Pattern[str], re.Pattern[str] | None, dict[str, frozenset[str]]]:
    """One pattern for the lower-case forms of every group, one for abbreviations as printed, and
    the group of each form; built once per library."""
    owner: dict[str, frozenset[str]] = {}
    for group in _groups(dict(acronyms)):
        for form in group:
            owner.setdefault(form, group)

    def alternation(forms: Iterable[str]) -> str:
        return "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))

    lower = re.compile(rf"(?<![\w-])({alternation(f for f in owner if f == f.lower())})s?(?![\w-])")
    printed = [f for f in owner if f != f.lower()]
    upper = re.compile(rf"(?<![A-Za-z])({alternation(printed)})s?(?![A-Za-z])") if printed else None
    return lower, upper, owner


def _groups(acronyms: Mapping[str, str]) -> list[frozenset[str]]:
    """The field's synonym groups, each with the library's abbreviations of its forms added, then
    the library's other abbreviations, each a group with its spelling-out; none that only spell
    out words every document uses ("children in care", CIC)."""
    groups = [set(g) for g in SYNONYMS]
    for short, long in acronyms.items():
        spelled = WORD.findall(long)
        if NOT_TOPICS.issuperset(spelled):
            continue
        home = next((g for g in groups if short.lower() in g or long in g), None)
        if home is None:
            groups.append({short, long})
        else:
            home.update((short, long))
    return [frozenset(g) for g in groups]


@cache
def _only_qualifies(word: str) -> bool:
    """Is ``word`` only ever an adjective, adverb or verb ("decent", "lone", "first-hand")?"""
    classes = getAllLemmas(word)
    return bool(classes) and "NOUN" not in classes and "PROPN" not in classes


# Words after which a word in -ing is a noun ("bullying of children", "funding for", "training?").
_AFTER_A_NOUN = frozenset("of in and or for at by among to is are was were has have with from on".split())


def _names_a_thing(following: str | None) -> bool:
    return following is None or following in _AFTER_A_NOUN


@cache
def _inflections(word: str) -> frozenset[str]:
    """The question's own word with an ending: "oversee" → "overseeing", "oversees", "overseen"."""
    forms = {word + "s", word + "es", word + "ed", word + "ing", word + "n"}
    if word.endswith("e"):
        forms |= {word + "d", word[:-1] + "ing"}
    if word.endswith("y"):
        forms |= {word[:-1] + "ies", word[:-1] + "ied"}
    if len(word) > 2 and word[-1] not in "aeiouwxy" and word[-2] in "aeiou" and word[-3] not in "aeiou":
        forms |= {word + word[-1] + "ed", word + word[-1] + "ing"}  # "plan" → "planned"
    return frozenset(forms)


@lru_cache(maxsize=4096)
def _words_of(text: str) -> tuple[str, frozenset[str]]:
    """A text in lower case and its words; a passage is asked about once per topic group and
    candidate sentence, so it is read once."""
    low = text.lower().replace("’", "'")
    return low, frozenset(WORD.findall(low))


def speaks_to(sentence: str, group: Iterable[str]) -> bool:
    """Does ``sentence`` hold a form of the topic word (or a synonym), not just a verb of its stem?"""
    low, words = _words_of(sentence)
    for form in group:
        if form != form.lower():  # an abbreviation as printed: "FDAC", "SEND"; never the word "send"
            if re.search(rf"(?<![A-Za-z]){re.escape(form)}s?(?![A-Za-z])", sentence):
                return True
            continue
        if " " in form or "-" in form or "," in form:
            if form in low:
                return True
            continue
        if form in words:
            return True
        root, endings = _stem(form), _inflections(form)
        for w in words:
            if w in endings:
                return True  # the question's own word: a verb asked about as a verb
            if w != form and _stem(w) == root and not w.endswith(("ed", "ing")):
                return True
    return False


def could_answer(sentence: str, topic: Topic) -> bool:
    """Could ``sentence`` answer at all, whatever it is about: it does not merely run the process,
    and it gives a figure where the question asks how many."""
    return not is_procedural(sentence) and (not topic.quantity or bool(NUMBER.search(sentence)))


def names_a_term(topic: Topic, question: str, says: Callable[[str], bool] | None = None) -> bool:
    """Is what the question asks about most tellingly a name or a term: words the field says
    together ("young carers"; or, where the library ``says`` them, the telling word with the topic
    words beside it: "sexual health", "deep dive"), an abbreviation, or a word the question writes
    with a capital inside it ("Does Salford use Mockingbird?")?"""
    if topic.empty:
        return False
    lead = topic.words[0]
    if " " in lead or lead != lead.lower():
        return True
    if says is not None and len(topic.phrase.split()) > 1 and says(topic.phrase):
        return True
    return any(m.start() > 0 and m.group()[0].isupper()
               for m in re.finditer(rf"\b{re.escape(lead)}\b", question, re.IGNORECASE))


def on_topic(sentence: str, topic: Topic, passage: str | None = None, cosine: float = 0.0) -> bool:
    """A sentence answers on topic when it speaks to one of the question's topic words, and its
    passage speaks to the most telling one, or to more than two thirds of them, or it says what
    the question asks in other words (``cosine`` to the question at least ``PARAPHRASE``). A
    paraphrase need not repeat the question's words; a passage that never names the topic is
    about something else. The rarest word is the most telling, not the only one: "working inside
    children's teams under a whole-family model" is answered by a passage on adult workers in
    whole-family teams that never says "inside"."""
    if not could_answer(sentence, topic):
        return False
    if topic.empty:
        return True
    if not any(speaks_to(sentence, g) for g in topic.groups):
        return False
    context = passage or sentence
    if speaks_to(context, topic.groups[0]) or cosine >= PARAPHRASE:
        return True
    return 3 * sum(speaks_to(context, g) for g in topic.groups[1:]) > 2 * len(topic.groups)
