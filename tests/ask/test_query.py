from dataclasses import replace
from types import SimpleNamespace
from typing import cast

import pytest

from indexer.ask.query import parse_question
from indexer.ask.search import Searcher
from indexer.describe.authorities import gazetteer
from indexer.store.embedding import Embedder
from indexer.store.index import Index
from indexer.types import Document, Filters

INDEXED = {"Blackpool", "Blackburn with Darwen"}


def parse(question: str, explicit: Filters | None = None):  # type: ignore[no-untyped-def]
    return parse_question(question, gazetteer(), explicit or Filters(), INDEXED)


@pytest.mark.parametrize(
    ("question", "year_from", "year_to"),
    [
        ("What happened in Blackpool in 2022?", 2022, 2023),
        ("How many contacts were there in November 2019?", 2019, 2020),
        ("Changes since 2021", 2021, None),
        ("Caseloads between 2019 and 2022", 2019, 2023),
        ("Caseloads 2019-22", 2019, 2023),
        ("Caseloads 2019–2021", 2019, 2022),
        ("Workforce before 2020", None, 2020),
        ("What did the 2022 inspection say about neglect?", 2022, 2022),
        ("What did the 2025 joint inspection of Blackpool say about homeless children?", 2025, 2025),
        ("Findings of the 2019 report", 2019, 2019),
        ("What is said about pre-proceedings?", None, None),
    ],
)
def test_years(question: str, year_from: int | None, year_to: int | None) -> None:
    filters = parse(question).filters
    assert (filters.year_from, filters.year_to) == (year_from, year_to)


def test_authority_from_question_with_source() -> None:
    parsed = parse("How is neglect handled in blackburn with darwen since 2021?")
    assert parsed.filters.authorities == ("Blackburn with Darwen",)
    assert parsed.filters.sources["authority"].startswith("question")
    assert parsed.filters.sources["year"] == "question: 'since 2021'"
    assert "darwen" not in parsed.query.lower() and "2021" not in parsed.query
    assert "neglect" in parsed.query


def test_flags_win_over_the_question() -> None:
    explicit = Filters(authorities=("Blackpool",), year_from=2020, year_to=2020, sources={"authority": "flag", "year": "flag"})
    parsed = parse("What about Blackburn with Darwen in 2022?", explicit)
    assert parsed.filters.authorities == ("Blackpool",)
    assert (parsed.filters.year_from, parsed.filters.year_to) == (2020, 2020)


@pytest.mark.parametrize("question", ["What did Simon Blackburn say about the report?", "How did Blackpool FC do?"])
def test_people_and_clubs_are_not_filters(question: str) -> None:
    assert parse(question).filters.authorities == ()


def test_authority_not_indexed_is_reported_missing() -> None:
    parsed = parse("What did Ofsted say about Manchester?")
    assert parsed.missing == ("Manchester",)
    assert parsed.filters.authorities == ()


ALL = set(gazetteer().names)


def authorities_read(question: str) -> tuple[str, ...]:
    return parse_question(question, gazetteer(), Filters(), ALL).filters.authorities


# Every ordinary way a question names an authority: possessives (straight and curly), a question
# word before the name, short and long forms, lower case, names inside longer names.
@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Has Redbridge managed to reduce caseloads?", ("Redbridge",)),
        ("Is Telford and Wrekin's Family Connect service effective?", ("Telford and Wrekin",)),
        ("Do Southwark care leavers get a personal adviser?", ("Southwark",)),
        ("Does Brighton and Hove keep in touch with care leavers?", ("Brighton and Hove",)),
        ("Did Southend stop placing children in unregistered homes?", ("Southend-on-Sea",)),
        ("What did Hull's 2014 inspection say about neglect?", ("Kingston upon Hull",)),
        ("What did Hull’s 2014 inspection say about neglect?", ("Kingston upon Hull",)),
        ("Redbridge's care leavers: where do they live?", ("Redbridge",)),
        ("how are children in hull kept safe?", ("Kingston upon Hull",)),
        ("what does ofsted say about blackpool's front door?", ("Blackpool",)),
        ("What has the London Borough of Southwark done about caseloads?", ("Southwark",)),
        ("Southwark Council's children's services: how stable is the workforce?", ("Southwark",)),
        ("What did the inspection find in North East Lincolnshire?", ("North East Lincolnshire",)),
        ("Is North-East Lincolnshire's front door safe?", ("North East Lincolnshire",)),
        ("What did NE Lincs say about placements?", ("North East Lincolnshire",)),
        ("How is BCP doing on private fostering?", ("Bournemouth Christchurch and Poole",)),
        ("What did Bournemouth, Christchurch and Poole say about SEND?", ("Bournemouth Christchurch and Poole",)),
        ("Is Bournemouth, Christchurch & Poole recruiting?", ("Bournemouth Christchurch and Poole",)),
        ("Is Windsor and Maidenhead recruiting social workers?", ("Windsor and Maidenhead",)),
        ("Care leavers in the Royal Borough of Windsor and Maidenhead", ("Windsor and Maidenhead",)),
        ("How did Telford respond to the JTAI?", ("Telford and Wrekin",)),
        ("Is Brighton's edge of care service working?", ("Brighton and Hove",)),
        ("What did Ofsted say about Stoke's children in care?", ("Stoke-on-Trent",)),
        ("Stoke-on-Trent City Council's improvement plan", ("Stoke-on-Trent",)),
        ("Has Durham improved its early help?", ("Durham",)),
        ("What happened in County Durham in 2019?", ("Durham",)),
        ("Does Herefordshire still rely on agency workers?", ("Herefordshire",)),
        ("How are children on the Isle of Wight supported?", ("Isle of Wight",)),
        ("Council of the Isles of Scilly children's services", ("Isles of Scilly",)),
        # "Kingston" alone is the London borough: Hull is always called Hull.
        ("Do care leavers in Kingston pay council tax?", ("Kingston upon Thames",)),
        ("How is Kingston upon Hull tackling exploitation?", ("Kingston upon Hull",)),
        ("What did Ofsted say about Richmond's fostering service?", ("Richmond upon Thames",)),
        ("Is Redcar's children's services improving?", ("Redcar and Cleveland",)),
        ("What did inspectors find in Bath?", ("Bath and North East Somerset",)),
        ("Did Southend-on-Sea City Council find missing children quickly?", ("Southend-on-Sea",)),
        ("Compare Blackpool and Blackburn with Darwen on neglect", ("Blackpool", "Blackburn with Darwen")),
        ("Will Kent's new front door cut re-referrals?", ("Kent",)),
        ("Can Sefton recruit enough foster carers?", ("Sefton",)),
        ("Tell me about Wigan's care leavers", ("Wigan",)),
        ("Are children in kent waiting too long for a social worker?", ("Kent",)),
        ("What is Stockton on Tees doing about exploitation?", ("Stockton-on-Tees",)),
        ("Reading's 2019 inspection: was there drift?", ("Reading",)),
        ("Is Bury using unregistered placements?", ("Bury",)),
        ("Doesn't Halton have a new director?", ("Halton",)),
        ("Hasn’t Croydon cut its caseloads?", ("Croydon",)),
        ("How are Lancs care leavers doing?", ("Lancashire",)),
        ("St. Helens early help offer", ("St Helens",)),
        ("Has Sutton reduced its use of agency staff?", ("Sutton",)),
        ("Children placed in Richmond, North Yorkshire", ("North Yorkshire",)),
        ("WHAT DID OFSTED SAY ABOUT SALFORD?", ("Salford",)),
        ("Following Rotherham's inspection, what changed?", ("Rotherham",)),
        ("Are nurseries in North Yorkshire told when police attend an incident?", ("North Yorkshire",)),
    ],
)
def test_authorities_named_in_ordinary_wordings(question: str, expected: tuple[str, ...]) -> None:
    assert authorities_read(question) == expected


# People, other bodies, other places and ordinary words are not authorities.
@pytest.mark.parametrize(
    "question",
    [
        "What did Simon Blackburn say about the report?",
        "Councillor Jane Wigan said what about caseloads?",
        "What did Cllr Kent say?",
        "What did Will Kent say about adoption?",
        "Has Lancashire Constabulary improved its response to missing children?",
        "How did Blackpool FC help care leavers?",
        "What does NHS Lancashire and South Cumbria ICB commission?",
        "Did Hull City win on Saturday?",
        "Is Nottingham Forest doing well?",
        "How do reading ages of children in care compare?",
        "Reading age of looked after children",
        "Bath time routines in foster care",
        "Does Durham University train social workers?",
        "How do schools in Sutton Coldfield support children in care?",
        "How does Newcastle-under-Lyme compare?",
        "Is the Bury St Edmunds family hub open?",
    ],
)
def test_people_bodies_and_words_are_not_authorities(question: str) -> None:
    assert authorities_read(question) == ()


def test_an_authority_inside_a_named_document_is_cut_once() -> None:
    parsed = parse("What did the 2023 Blackpool SEND inspection recommend on joint training?")
    assert parsed.filters.authorities == ("Blackpool",)
    assert (parsed.filters.year_from, parsed.filters.year_pinned) == (2023, True)
    assert parsed.query == "What did the recommend on joint training?"


@pytest.mark.parametrize(
    ("question", "year_from", "year_to", "pinned"),
    [
        ("What did Hull's 2014 inspection say?", 2014, 2014, True),
        ("What did Hull’s 2014 inspection say?", 2014, 2014, True),
        ("What did the 2019 report find about neglect?", 2019, 2019, True),
        ("Blackpool's 2022 monitoring visit and disabled children", 2022, 2022, True),
        ("What did the January 2018 focused visit say?", 2018, 2018, True),
        ("Did Manchester's 2017 re-inspection lift it out of inadequate?", 2017, 2017, True),
        ("What happened to caseloads in 2019?", 2019, 2020, False),
        ("Changes since 2021", 2021, None, False),
    ],
)
def test_a_named_document_pins_its_year(question: str, year_from: int, year_to: int | None, pinned: bool) -> None:
    filters = parse(question).filters
    assert (filters.year_from, filters.year_to, filters.year_pinned) == (year_from, year_to, pinned)


def test_flag_years_are_never_pinned() -> None:
    explicit = Filters(year_from=2014, year_to=2014, sources={"year": "flag"})
    assert parse("What did the 2019 inspection say?", explicit).filters.year_pinned is False


def _doc(path: str, year: int, inspection_dates: str | None) -> Document:
    return Document(path=path, sha=path, title=path, authority="Kingston upon Hull", authorities_mentioned=(),
                    date=f"{year}-01-30", year=year, doc_type="inspection", text="", inspection_dates=inspection_dates)


def test_a_pinned_year_admits_documents_inspected_in_it() -> None:
    docs = [
        _doc("published-2015.pdf", 2015, "1 December 2014 to 19 December 2014"),
        _doc("published-2014.pdf", 2014, None),
        _doc("inspected-2015.pdf", 2015, "17 March to 21 March 2015"),
        _doc("published-2016.pdf", 2016, "November 2015 to January 2016"),
    ]
    searcher = Searcher(cast(Index, SimpleNamespace(documents=docs)), cast(Embedder, None))
    pinned = parse("What did Hull's 2014 inspection say?").filters
    assert searcher.admitted_documents(pinned).tolist() == [True, True, False, False]
    # A year from the question about an event admits a year later; a flag year is exact.
    assert searcher.admitted_documents(parse("What happened in Hull in 2014?").filters).tolist() == [True, True, True, False]
    exact = Filters(year_from=2014, year_to=2014, sources={"year": "flag"})
    assert searcher.admitted_documents(exact).tolist() == [False, True, False, False]
    assert searcher.admitted_documents(replace(exact, year_from=2015, year_to=2015, year_pinned=True)).tolist() == [
        True, False, True, True,
    ]


@pytest.mark.parametrize(
    "template",
    [
        "Has {} managed to reduce caseloads?", "Is {}'s front door effective?", "Do {} care leavers get support?",
        "Does {} keep in touch with care leavers?", "Did {} stop using unregistered homes?",
        "What did {}’s 2014 inspection say?", "how are children in {lower} kept safe?", "{}'s care leavers",
        "Will {} recruit more foster carers?", "What did Ofsted say about {} Council's children's services?",
        "Can {} care leavers stay put?", "What did inspectors find in {} in 2019?",
    ],
)
def test_every_authority_in_every_wording(template: str) -> None:
    wrong = []
    for name in gazetteer().names:
        if "{lower}" in template and name == "Reading":
            continue  # "children in reading" is about reading
        question = template.format(name, lower=name.lower())
        if authorities_read(question) != (name,):
            wrong.append(question)
    assert wrong == []
