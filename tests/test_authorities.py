import pytest

from indexer.authorities import gazetteer
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
