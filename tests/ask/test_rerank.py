"""The second stage: a passage with one sentence that answers beats one that is vaguely close."""

from conftest import FakeEmbedder

from indexer.ask.rerank import rerank
from indexer.ask.topic import topic_of
from indexer.types import Document, Hit, Passage


def hit(text: str, score: float) -> Hit:
    doc = Document("r.pdf", "sha", "Report", "Tameside", (), None, 2024, "inspection", text)
    return Hit(Passage(text[:8], "r.pdf", text, 0, len(text), 1, 1, None), doc, score)


def test_a_passage_ranks_by_its_best_sentence(fake: FakeEmbedder) -> None:
    question = "Do care leavers get help with housing deposits?"
    vague = hit("Care leavers help shape services. Housing partners meet monthly. Deposits vary.", 1.0)
    answering = hit(
        "Staff turnover is high. Care leavers get help with housing deposits from the council.", 0.8
    )
    ranked = rerank([vague, answering], fake.embed([question])[0], fake)
    assert [h.passage.text for h in ranked] == [answering.passage.text, vague.passage.text]
    assert ranked[0].score > ranked[1].score


def test_one_hit_is_left_alone(fake: FakeEmbedder) -> None:
    only = hit("Care leavers get help.", 0.3)
    assert rerank([only], fake.embed(["care leavers"])[0], fake) == [only]


def test_a_passage_that_names_the_topic_beats_an_equally_close_one(fake: FakeEmbedder) -> None:
    question = "What do parents think of the family drug and alcohol court?"
    topic = topic_of(question, acronyms={"FDAC": "family drug and alcohol court"})
    other = hit("Parents think the family court and drug services are slow.", 1.0)
    naming = hit("Parents think FDAC is brilliant and the court is fair.", 1.0)
    qv = fake.embed([question])[0]
    assert rerank([other, naming], qv, fake)[0].passage.text == other.passage.text
    assert rerank([other, naming], qv, fake, topic)[0].passage.text == naming.passage.text
