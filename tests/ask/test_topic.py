"""What a question is about, and which sentences speak to it."""

import pytest

from indexer.ask.topic import is_procedural, names_a_term, on_topic, speaks_to, topic_of


def rarity(word: str) -> float:
    return {"adoption": 50.0, "leavers": 40.0, "tax": 300.0, "wait": 10.0, "ambulance": 300.0}.get(word, 5.0)


@pytest.mark.parametrize(
    "question, key",
    [
        ("How is Blackpool doing on adoption?", "adoption"),
        ("What is the council tax in Blackpool?", "tax"),
        ("What did inspectors say about care leavers in Blackpool in 2022?", "care leavers"),
        ("How long do families in Blackpool wait for an ambulance?", "ambulance"),
        ("How good is CAMHS in Blackburn with Darwen?", "camhs"),
    ],
)
def test_the_topic_is_the_most_telling_word_not_the_place(question: str, key: str) -> None:
    topic = topic_of(question, rarity)
    assert topic.words[0] == key
    assert "blackpool" not in topic.words and "blackburn" not in topic.words


def test_a_verb_of_the_same_stem_is_not_the_topic() -> None:
    adoption = frozenset({"adoption"})
    assert not speaks_to("Leaders have adopted a trauma-informed approach.", adoption)
    assert not speaks_to("Is the recommendation contrary to a plan adopted by the Council?", adoption)
    assert speaks_to("Adopters are well supported after an adoption order.", adoption)
    assert speaks_to("Prospective adopters are assessed quickly.", adoption)


def test_the_fields_synonyms_and_abbreviations_count() -> None:
    topic = topic_of("How good is child and adolescent mental health support?", rarity)
    assert on_topic("Waiting times for CAMHS have fallen to six weeks.", topic)
    uasc = topic_of("How are unaccompanied asylum-seeking children supported?", rarity)
    assert on_topic("UASC are placed with trained foster carers.", uasc)


def test_procedural_lines_and_questions_are_never_answers() -> None:
    assert is_procedural("Her Majesty's Inspectors for this visit were Jane Smith and Ali Khan.")
    assert is_procedural("3.2a Is the recommendation contrary to a plan or strategy adopted by the Council? No")
    topic = topic_of("Who inspected Blackpool?", rarity)
    assert not on_topic("Her Majesty's Inspectors for this visit were Jane Smith and Ali Khan.", topic)


def test_a_count_needs_a_figure() -> None:
    topic = topic_of("How many children in Blackburn with Darwen are in care?", rarity)
    assert topic.quantity
    assert not on_topic("Most children in care live in stable placements.", topic)
    assert on_topic("There are 391 children in care.", topic)


def test_a_paraphrase_passes_when_its_passage_names_the_topic() -> None:
    topic = topic_of("Do care leavers get help to find a home?", rarity)
    passage = "Care leavers are well supported. Young people get priority for council flats."
    assert on_topic("Young people get priority for council flats.", topic, passage) is False  # no topic word
    assert on_topic("Care leavers are well supported.", topic, passage)


def test_the_questions_own_verb_counts_in_any_of_its_endings() -> None:
    topic = topic_of("Which neighbouring council was brought in to oversee Kirklees' improvement?", rarity)
    assert topic.words == ("oversee",)
    sentence = "Leeds City Council took responsibility for overseeing improvement."
    assert on_topic(sentence, topic, sentence)
    assert not speaks_to("Leaders have adopted a trauma-informed approach.", frozenset({"adoption"}))


def test_a_word_in_ing_is_a_topic_when_it_names_a_thing() -> None:
    assert "bullying" in topic_of("What do inspectors say about bullying of looked after children?", rarity).words
    assert "housing" in topic_of("Is there housing for care leavers?", rarity).words
    assert "keeping" not in topic_of("Is there guidance for keeping children safe at school?", rarity).words


def test_the_rest_of_an_authoritys_name_is_not_a_topic() -> None:
    topic = topic_of("How did inspectors rate Hampshire County Council's adoption service in 2014?", rarity)
    assert topic.words == ("adoption",)
    topic = topic_of("What help do young carers get from the London Borough of Lewisham?", rarity)
    assert topic.words == ("young carers",)
    assert not on_topic("Foster carers are well supported.", topic)


def test_lay_words_meet_the_fields_words() -> None:
    topic = topic_of("Can care leavers get help by phone in the middle of the night?", rarity)
    sentence = "Care leavers have a dedicated 24/7 out-of-hours telephone line."
    assert on_topic(sentence, topic, sentence)
    topic = topic_of("Is there guidance for keeping children safe at mosque schools?", rarity)
    sentence = "The toolkit for safeguarding children who attend madrassahs is very good."
    assert on_topic(sentence, topic, sentence)


def test_a_phrases_small_words_do_not_make_it_the_most_telling() -> None:
    def counts(word: str) -> float:
        return {"nursery": 20.0, "and": 10_000.0}.get(word, 5.0)  # "and" is in no passage: a stop word

    topic = topic_of("Do Lincolnshire's nursery places go to children living with family and friends?", counts)
    assert topic.words[0] == "nursery"


def test_looked_after_children_are_children_in_care() -> None:
    topic = topic_of("How good is the care for looked-after children?", rarity)
    sentence = "Most children in care receive an outstanding service."
    assert on_topic(sentence, topic, sentence)


def test_stop_words_and_the_form_of_a_question_are_never_its_topic() -> None:
    def counts(word: str) -> float:
        if word in ("while", "off", "ever"):
            return 10_000.0  # in no passage: stop words
        return 20.0 if word == "tax" else 5.0

    topic = topic_of("Did any children die while Ofsted was inspecting?", counts)
    assert "while" not in topic.words and "die" in topic.words
    topic = topic_of("Do care leavers automatically get let off council tax?", counts)
    assert topic.words[0] == "tax"
    topic = topic_of("What is the name of Dorset's front door for referrals?", counts)
    assert "name" not in topic.words
    topic = topic_of("Could a young person who grew up in care be refused housing?", counts)
    assert "grew" not in topic.words
    # a degree word is the question's measure, not its topic (Kirklees: quotes about "enough")
    assert "enough" not in topic_of("Are children seen often enough by their social workers?", counts).words


def test_more_lay_words_meet_the_fields_words() -> None:
    pairs = [
        ("How much extra money did the council commit?", "The council committed an additional four million pounds."),
        ("Was the council's own assessment too rosy?", "The self-assessment is overly positive."),
        ("Did councillors visit the secure unit?", "Two elected members visited the secure unit."),
        ("When do young people get a leaving-care worker?", "Care leavers are allocated a worker at 17."),
    ]
    for question, sentence in pairs:
        assert on_topic(sentence, topic_of(question, rarity), sentence), question


def test_a_lexical_search_adds_the_words_of_small_groups_only() -> None:
    topic = topic_of("How much money goes to the family drug and alcohol court?", rarity,
                     {"FDAC": "family drug and alcohol court"})
    assert topic.other_words() == "FDAC"  # not "budget", "funding", "million", "pounds"…


def test_a_qualifier_ranks_after_the_thing_it_qualifies() -> None:
    rare = {"decent": 900.0, "computer": 60.0, "system": 8.0}
    topic = topic_of("Did social workers have a decent computer system?", lambda w: rare.get(w, 1.0))
    assert topic.words[0] == "computer"
    assert "decent" in topic.words  # still a word a quote may speak to


def test_a_qualifier_the_library_uses_as_a_term_stays_telling() -> None:
    rare = {"secure": 40.0, "accommodation": 30.0}
    question = "How often does Oldham place children in secure accommodation?"
    assert topic_of(question, lambda w: rare.get(w, 1.0)).words[0] == "accommodation"
    uses = {"secure accommodation": 12}
    assert topic_of(question, lambda w: rare.get(w, 1.0), phrases=lambda p: uses.get(p, 0)).words[0] == "secure"


def test_a_hyphenated_word_is_as_rare_as_its_rarest_part() -> None:
    from indexer.store.lexical import Lexical

    texts = ["A drop-in hub for care leavers.", "Care leavers drop in weekly.", "Care leavers meet."] * 2
    lexical = Lexical.build(texts)
    assert lexical.rarity("drop-in") == lexical.rarity("drop") == 1.5  # not unheard of: 4 of 6 hold "drop"
    assert lexical.rarity("looked-after") == lexical.rarity("unheard") == 6.0  # held by no passage
    assert lexical.rarity("in") == 0.0


def test_a_decline_names_the_topic_as_the_question_put_it() -> None:
    rough = topic_of("Does Wirral help young people who sleep rough?", rarity)
    assert rough.describe() == "sleep rough"  # not "rough"
    assert speaks_to("Care leavers at risk of homelessness are helped quickly.", rough.groups[0])
    assert topic_of("How good is CAMHS in Blackburn with Darwen?", rarity).describe() == "CAMHS"


def test_a_qualifier_that_ends_the_question_is_no_term() -> None:
    rare = {"decent": 900.0, "flats": 60.0}
    topic = topic_of("Were the care leavers' flats decent?", lambda w: rare.get(w, 1.0), phrases=lambda p: 5)
    assert topic.words[0] == "flats"  # no word follows "decent", so it and "" are no term


def test_a_passage_naming_most_of_the_topic_words_speaks_to_it_without_the_rarest() -> None:
    def rare(word: str) -> float:  # "inside" is rarer in reports than what the question is about
        return {"inside": 900.0, "adult": 40.0, "practitioners": 30.0, "teams": 20.0, "model": 60.0}.get(word, 5.0)

    topic = topic_of("Are adult practitioners working inside teams under a whole-family model?", rare)
    assert topic.words[0] == "inside" and len(topic.groups) == 5
    sentence = "Adult practitioners work in the same teams as children's social workers."
    # Four of the five topic words (more than two thirds): on topic, though "inside" is unsaid.
    assert on_topic(sentence, topic, sentence + " The whole-family model is embedded.")
    # Two of five (adult, teams) are not enough: the passage is about something else.
    assert not on_topic("Adult mental health teams are stretched.", topic, "Adult mental health teams are stretched.")


@pytest.mark.parametrize(
    ("question", "named"),
    [
        ("Does Salford use Mockingbird?", True),  # capitalised inside the question
        ("How many young carers are known to Bromley?", True),  # a term of the field
        ("Is there an FDAC in Rochdale?", True),
        ("If you moved to the mainland, do you still get council tax help?", False),
    ],
)
def test_a_name_or_a_term_is_what_the_question_asks_about(question: str, named: bool) -> None:
    topic = topic_of(question, lambda w: {"mockingbird": 50.0, "mainland": 40.0, "fdac": 60.0}.get(w.lower(), 1.0),
                     {"FDAC": "family drug and alcohol court"})
    assert names_a_term(topic, question) is named


def test_the_telling_word_with_its_neighbours_is_a_term_where_the_library_says_them() -> None:
    question = "What sexual health support do care leavers receive?"
    topic = topic_of(question, lambda w: {"sexual": 50.0, "health": 5.0}.get(w.lower(), 1.0))
    assert len(topic.phrase.split()) > 1
    assert names_a_term(topic, question, says=lambda phrase: phrase == topic.phrase)
    assert not names_a_term(topic, question, says=lambda phrase: False)


RARITY = {"model": 2.0, "framework": 2.5, "age": 1.0, "range": 1.5, "cover": 1.0}.get


@pytest.mark.parametrize(("question", "name", "answer"), [
    ("Has Camden adopted the Hertfordshire Family Safeguarding model?", "family safeguarding",
     "Family Safeguarding teams work with parents and children together, as the model intends."),
    ("What age range does the No Wrong Door service cover?", "no wrong door",
     "No Wrong Door supports young people aged 12 to 25, a wide age range."),
    ("How strong are Wandsworth’s links with the Health and Wellbeing Board?", "health and wellbeing board",
     "The health and wellbeing board has strong links with the partnership."),
])
def test_a_name_the_question_capitalises_is_its_topic(question: str, name: str, answer: str) -> None:
    """Words every document uses ("family", "safeguarding", "door") are dropped from a topic, but
    not from a name: a report that has the Family Safeguarding model says so."""
    topic = topic_of(question, lambda w: RARITY(w) or 1.0)
    assert topic.words[0] == name
    assert not on_topic("The widespread use of family group conferences is central to the model.", topic)
    assert on_topic(answer, topic)


def test_an_authoritys_style_or_the_first_word_is_no_name() -> None:
    assert topic_of("How did inspectors rate Hampshire County Council's adoption service in 2014?").words == ("adoption",)
    assert topic_of("How was Surrey County Council’s children's services judged?").empty
    assert "family safeguarding" not in topic_of("Family Safeguarding in Hull").words  # a question's first words
