import pytest

from indexer.describe.authorities import gazetteer, is_place
from indexer.errors import UnknownAuthority


def test_gazetteer_covers_english_authorities() -> None:
    names = gazetteer().names
    assert 150 <= len(names) <= 160
    for name in ("Blackburn with Darwen", "Bath and North East Somerset", "St Helens", "Southend-on-Sea",
                 "Kingston upon Hull", "Westmorland and Furness", "City of London"):
        assert name in names


@pytest.mark.parametrize(
    ("alias", "name"),
    [("hull", "Kingston upon Hull"), ("BLACKPOOL", "Blackpool"), ("Blackburn-with-Darwen", "Blackburn with Darwen"),
     ("Southend", "Southend-on-Sea"), ("St. Helens", "St Helens"), ("Brighton & Hove", "Brighton and Hove"),
     ("B&NES", "Bath and North East Somerset")],
)
def test_aliases_are_canonical(alias: str, name: str) -> None:
    assert gazetteer().canonical(alias) == name


def test_unknown_authority_names_the_closest() -> None:
    with pytest.raises(UnknownAuthority, match=r"'Blackpol' is not an English local authority that we know\. Did you mean Blackpool\?"):
        gazetteer().canonical("Blackpol")


def test_longest_name_wins() -> None:
    found = gazetteer().find("North East Lincolnshire and Bath and North East Somerset and Stockton-on-Tees")
    assert [m.name for m in found] == ["North East Lincolnshire", "Bath and North East Somerset", "Stockton-on-Tees"]


def test_questions_match_case_insensitively_but_not_common_words() -> None:
    g = gazetteer()
    assert [m.name for m in g.find("what about blackpool?", question=True)] == ["Blackpool"]
    assert g.find("reading age of children in care", question=True) == []
    assert [m.name for m in g.find("How is Reading doing?", question=True)] == ["Reading"]


@pytest.mark.parametrize(
    ("alias", "name"),
    [
        ("Kingston", "Kingston upon Thames"), ("Royal Borough of Kingston", "Kingston upon Thames"),
        ("Kingston-upon-Hull", "Kingston upon Hull"), ("Richmond", "Richmond upon Thames"),
        ("Redcar", "Redcar and Cleveland"), ("Bath", "Bath and North East Somerset"),
        ("BCP", "Bournemouth Christchurch and Poole"),
        ("Bournemouth, Christchurch and Poole", "Bournemouth Christchurch and Poole"),
        ("Bournemouth, Christchurch & Poole", "Bournemouth Christchurch and Poole"),
        ("Windsor and Maidenhead", "Windsor and Maidenhead"),
        ("Royal Borough of Windsor and Maidenhead", "Windsor and Maidenhead"),
        ("Council of the Isles of Scilly", "Isles of Scilly"), ("Telford", "Telford and Wrekin"),
        ("Brighton", "Brighton and Hove"), ("Stoke", "Stoke-on-Trent"), ("County Durham", "Durham"),
        ("Herefordshire", "Herefordshire"), ("Isle of Wight", "Isle of Wight"),
        ("NE Lincs", "North East Lincolnshire"), ("Lancs", "Lancashire"), ("Northants", "Northamptonshire"),
    ],
)
def test_common_forms_are_aliases(alias: str, name: str) -> None:
    assert gazetteer().canonical(alias) == name


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Ofsted inspected North East Lincolnshire.", ["North East Lincolnshire"]),
        ("Ofsted inspected North-East Lincolnshire.", ["North East Lincolnshire"]),
        ("Stockton on Tees and Stockton-on-Tees", ["Stockton-on-Tees", "Stockton-on-Tees"]),
        ("Bournemouth, Christchurch and Poole Council", ["Bournemouth Christchurch and Poole"]),
        ("Southend-on-Sea City Council", ["Southend-on-Sea"]),
        ("Kingston upon Hull and Kingston upon Thames", ["Kingston upon Hull", "Kingston upon Thames"]),
        # Other places that begin with an authority's name.
        ("Newcastle-under-Lyme Borough Council", []),
        ("a school in Sutton Coldfield", []),
        ("Sutton-in-Ashfield and Bury St Edmunds", []),
        ("Richmond, North Yorkshire", ["North Yorkshire"]),
        ("Stoke Newington is in Hackney", ["Hackney"]),
    ],
)
def test_find_in_documents(text: str, names: list[str]) -> None:
    assert [m.name for m in gazetteer().find(text)] == names


@pytest.mark.parametrize(
    ("text", "surface", "place"),
    [
        ("Has Redbridge managed to cut caseloads?", "Redbridge", True),
        ("Do Southwark care leavers have advisers?", "Southwark", True),
        ("Will Kent's plan work?", "Kent", True),
        ("Isn’t Bolton recruiting?", "Bolton", True),
        ("Jane Wigan, the lead member, said so.", "Wigan", False),
        ("What did Will Kent say?", "Kent", False),
        ("Councillor Jane Wigan", "Wigan", False),
        ("Lancashire Constabulary", "Lancashire", False),
        ("Hull City won", "Hull", False),
        ("Hull City Council", "Hull", True),
        ("Leicester City children's services", "Leicester", True),
        ("Is Derby County winning?", "Derby", False),
        ("Brighton & Hove Albion", "Brighton & Hove", False),
        ("Birmingham Children's Trust", "Birmingham", True),
    ],
)
def test_is_place(text: str, surface: str, place: bool) -> None:
    mention = next(m for m in gazetteer().find(text, question=True) if m.surface == surface)
    assert is_place(text, mention) is place


def test_common_words_in_questions() -> None:
    g = gazetteer()
    assert g.find("bath time in foster care", question=True) == []
    assert g.find("Bath time in foster care", question=True) == []
    assert [m.name for m in g.find("Bath's care leavers", question=True)] == ["Bath and North East Somerset"]
    assert [m.name for m in g.find("Reading Borough Council's report", question=True)] == ["Reading"]
    assert [m.name for m in g.find("children in kent and sutton", question=True)] == ["Kent", "Sutton"]
    assert g.find("the staffs who work there", question=True) == []
    assert [m.name for m in g.find("children in derby and across slough", question=True)] == ["Derby", "Slough"]
    assert g.find("children who are behind in reading", question=True) == []
