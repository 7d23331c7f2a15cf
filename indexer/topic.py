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

from indexer.authorities import gazetteer
from indexer.lexical import STOP_WORDS, stem

# Words that say where or how to look, or that every children's services document uses.
_GENERIC = frozenset(
    "children child childrens young people person persons family families service services social "
    "care work worker workers local authority authorities council councils councils' report reports "
    "inspection inspections inspector inspectors ofsted say said says saying doing done how well good "
    "what which who whom whose when where why does do did is are was were be been being has have had "
    "the a an in of for on about to with by at from and or their they them this that these those there "
    "any all some many much long often support supported supporting help helped helping quality "
    "practice experience experiences progress effective effectiveness improve improvement improvements "
    "improved area areas get gets got make made think thought find found findings tell told describe "
    "described happen happened happening mention mentioned judge judged judgement judgements judgment "
    "overall latest recent recently last year years time times since before after during into out "
    "there here its it his her our your my can could should would will shall may might must also "
    "than then more most less least very really just only still yet keep kept stop stopped managed "
    "manage way ways approach whether like across within other others new way look looked visit "
    "visits letter letters document documents paper papers article articles inspected against "
    "doing going go number numbers many play plays played role roles part parts carry carries "
    "current use uses provide provides ensure ensures take takes give gives receive receives need "
    "needs include includes handle handles run runs work works offer offers kind kinds able "
    "state states show shows according themselves itself himself herself ourselves over under call "
    "calls brought bring test tests ask asks asked order county city borough metropolitan district "
    "royal london rate rates rated rating ratings grade graded grading "
    "keeping getting making working living taking using giving coming looking trying moving "
    "having seeing ensuring providing dealing "
    # the form of a question, not its topic
    "name names named called stand stands mean means meant share proportion percentage compare "
    "compared previous previously sort type example examples anything something everything ever "
    "never already automatically instead prefer first one two kids result results enough "
    # verb forms without -ed: what happened to the topic, not what it is
    "grew grown caught went gone came come took taken gave given left gotten felt "
    "began begun ran saw seen met paid sent spent lost held led quit became become chose chosen "
    "knew known thought sought fell fallen let put set cut hit shut".split()
)
# Never a topic: the words above and those BM25 never indexes ("while", "off": in no passage, so
# they would look the most telling of all).
_NOT_TOPICS = _GENERIC | STOP_WORDS
# The field's abbreviations and synonyms: each group is one topic.
_SYNONYMS: tuple[frozenset[str], ...] = tuple(
    frozenset(group.split("|"))
    for group in (
        "camhs|mental health|emotional wellbeing|emotional health",
        "uasc|unaccompanied|asylum|asylum-seeking|asylum seeking|refugee|refugees",
        "iro|iros|independent reviewing officer|independent reviewing officers",
        "youth justice|youth offending|yot|youth offending team|youth offending service",
        "plo|public law outline|pre-proceedings|pre proceedings",
        "cse|sexual exploitation|child sexual exploitation|exploitation|criminal exploitation",
        "lado|designated officer|local authority designated officer",
        "mash|multi-agency safeguarding hub|front door",
        "pep|peps|personal education plan|personal education plans",
        "neet|education, employment or training|education, employment and training",
        "send|special educational needs|disabled|disability|disabilities|ehcp|education, health and care plan",
        "care leavers|care leaver|leaving care|leaving-care|care-leavers|care experienced|care-experienced|pathway plan|pathway plans|personal adviser|personal advisers",
        "adoption|adopters|adopter|adoptive|regional adoption agency",
        "fostering|foster carer|foster carers|foster care|foster",
        "caseloads|caseload|workloads|workload",
        "missing|go missing|return home interview|return home interviews",
        "domestic abuse|domestic violence",
        "private fostering|privately fostered",
        "elective home education|electively home educated|home educated",
        "fgm|female genital mutilation",
        "radicalisation|prevent|extremism",
        "dentist|dental",
        "homeless|homelessness",
        "agency staff|agency social workers|agency workers|locum|interim",
        # A lay word and the field's word for the same thing.
        "young carers|young carer",
        "children in care|looked after children|looked-after children|children looked after|looked after|looked-after|lac|cla|cic",
        "staying put|stay put|staying-put",
        "phone|telephone|helpline|phone line|phoneline",
        "night|overnight|out-of-hours|out of hours|24/7|24-hour|24 hour|evening|evenings|weekend|weekends",
        "mosque|mosques|madrassah|madrassahs|madrasah|madrasahs|madrasa|madrasas|supplementary school|supplementary schools",
        "faith|religious|religion|church|churches|mosque|mosques|muslim|christian|jewish|sikh|hindu",
        "successes|achievements|achievement|awards|celebrated|celebration|celebrate",
        "jobs|employment|apprenticeships|apprenticeship|employed|work experience",
        "adviser|advisers|advisor|advisors|personal adviser|personal advisers|pa|pas",
        "teenagers|teenager|teenage|adolescents|adolescent|older children",
        "grandparents|grandparent|relatives|kinship|connected carers|family and friends|family or friends|family and friend|family or friend|special guardianship",
        "bullying|bullied|bully",
        "self-harm|self harm|self-harming|self harming",
        "online|internet|social media",
        "gangs|gang|county lines",
        "knife|knives|weapons|serious violence",
        "trafficked|trafficking|modern slavery",
        "autism|autistic|asd|neurodiverse|neurodiversity",
        "immunisations|immunisation|vaccinations|vaccination",
        "short breaks|short break|respite",
        "exclusions|exclusion|excluded",
        "truancy|attendance|absence|absent",
        "turnover|retention|vacancies|vacancy",
        "drugs|drug|substance misuse|substance use|alcohol",
        "housing|accommodation|tenancy|tenancies",
        "homeless|homelessness|sleep rough|sleeping rough|sleeps rough|rough sleeping|rough sleepers|sofa surfing",
        "doctor|doctors|gp|gps",
        "councillors|councillor|elected members|elected member|lead member|lead members|members",
        "money|funding|funded|budget|budgets|investment|invested|million|pounds|finance|financial",
        "computer|computers|electronic recording|recording system|case recording system|case management system|it system",
        "rosy|optimistic|over-optimistic|overoptimistic|overly positive|over-positive",
        "law|legal|legislation|statutory|regulations",
    )
)
_WORD = re.compile(r"[a-z][a-z'’-]*[a-z]|[a-z]")
# Sentences that run the process, not report on children: never an answer.
_PROCEDURAL = re.compile(
    r"\b(?:Her|His) Majesty.s Inspectors? for this (?:visit|inspection)|\binspectors? for this visit were\b|"
    r"^(?:\d+(?:\.\d+)*[a-z]?\s+)?Is the recommendation\b|\?\s*(?:Yes|No|N/A)\.?$|\bYours sincerely\b|^Lead inspector\b|^Inspection dates?\b|"
    r"\bThis (?:letter|report) will be published\b|\bwill be published on the Ofsted website\b|"
    r"^(?:Report author|Contact officer|Wards? affected|Key decision|Background papers)\b|"
    r"\bcarried out under section \d+|\bI am copying this letter\b|\bThank you for your help\b",
    re.I,
)
_QUANTITY = re.compile(r"\bhow (?:many|much)\b|\bwhat (?:proportion|percentage|number|share)\b", re.I)
_NUMBER = re.compile(
    r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|"
    r"hundred|thousand|half|third|quarter)\b",
    re.I,
)


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
    return bool(_PROCEDURAL.search(sentence)) or sentence.rstrip().endswith("?")


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
    covered = {w for s, e in spans for w in _WORD.findall(text[s:e])}
    qualifiers: set[str] = set()
    tokens = [(m.group().strip("'’"), m.span()) for m in _WORD.finditer(text)]
    for i, (word, span) in enumerate(tokens):
        if len(word) < 3 or word in _NOT_TOPICS or word in covered or word.endswith(("'s", "ed", "ly")):
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
            return max((rarity(w) for w in _WORD.findall(form.lower()) if w not in _NOT_TOPICS), default=0.0)

        # The most telling thing, not the most telling qualifier: "a decent computer system" is
        # about a computer system, however rarely a report says "decent".
        order = sorted(range(len(groups)), key=lambda i: (words[i] in qualifiers, -telling(words[i])))
        groups, words, spans = [groups[i] for i in order], [words[i] for i in order], [spans[i] for i in order]
    said = query if len(query) == len(text) else text  # as the question wrote it
    phrase = _phrase(said, tokens, spans[0], covered | set(words)) if words else ""
    return Topic(tuple(words), tuple(groups), bool(_QUANTITY.search(query)), phrase)


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
    groups = [set(g) for g in _SYNONYMS]
    for short, long in acronyms.items():
        spelled = _WORD.findall(long)
        if _NOT_TOPICS.issuperset(spelled):
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
    return low, frozenset(_WORD.findall(low))


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


def on_topic(sentence: str, topic: Topic, passage: str | None = None, cosine: float = 0.0) -> bool:
    """A sentence answers on topic when it speaks to one of the question's topic words, and its
    passage speaks to the most telling one or it says what the question asks in other words
    (``cosine`` to the question at least ``PARAPHRASE``). A paraphrase need not repeat the
    question's words; a passage that never names the topic is about something else."""
    if is_procedural(sentence):
        return False
    if topic.quantity and not _NUMBER.search(sentence):
        return False
    if topic.empty:
        return True
    if not any(speaks_to(sentence, g) for g in topic.groups):
        return False
    return speaks_to(passage or sentence, topic.groups[0]) or cosine >= PARAPHRASE
