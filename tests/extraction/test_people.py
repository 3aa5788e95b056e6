"""People: rank/title + name, organisation, country, exclusions, later references."""

from __future__ import annotations

import pytest

from app.extraction.participants import extract_participants


@pytest.mark.parametrize(
    ("text", "name", "rank", "title", "organization", "country"),
    [
        ("said Maj. Gen. Daniel R. Walrath, U.S. Army South commanding general.", "Daniel R. Walrath",
         "Maj. Gen.", "commanding general", "U.S. Army South", "US"),
        ("Peru's Minister of Defense Walter Astudillo met them.", "Walter Astudillo", None, "Minister of Defense", None, "PE"),
        ("said U.S. Army Maj. Gen. Phil Ryan, USARSOUTH commanding general.", "Phil Ryan", "Maj. Gen.",
         "commanding general", "USARSOUTH", "US"),
        ("said Peruvian army Brig. Gen., Vitorio Bossio, director of international relations.", "Vitorio Bossio",
         "Brig. Gen.", "director of international relations", "Peruvian army", "PE"),
        ("Lt. Gen. José Vizcarra Álvarez, chief of staff of the Peruvian Army, spoke.", "José Vizcarra Álvarez",
         "Lt. Gen.", "chief of staff", "Peruvian Army", "PE"),
        ("Polish Defence Minister Władysław Kosiniak-Kamysz met them.", "Władysław Kosiniak-Kamysz", None,
         "Defence Minister", None, "PL"),
        ("Secretary of Defense Pete Hegseth met Monday with them.", "Pete Hegseth", None, "Secretary of Defense", None, "US"),
        ("The Minister of Defence of Brazil, Ricardo Albuquerque Sampaio, met them.", "Ricardo Albuquerque Sampaio",
         None, "Minister of Defence", None, "BR"),
        ("Philippine Navy Vice Adm. Toribio Adaci Jr. said it.", "Toribio Adaci Jr.", "Vice Adm.", None, "Philippine Navy", "PH"),
        ("Air Chief Marshal Sir Rich Knighton of the Royal Air Force arrived.", "Rich Knighton", "Air Chief Marshal", None,
         "Royal Air Force", "GB"),
        ("Kenya's Chief of Defence Forces Gen. Charles Kahariri and his Tanzanian counterpart, Gen. Jacob John Mkunda, met.",
         "Jacob John Mkunda", "Gen.", None, None, "TZ"),
        ("Kenya's Chief of Defence Forces Gen. Charles Kahariri met them.", "Charles Kahariri", "Gen.",
         "Chief of Defence Forces", None, "KE"),
        ("Lieutenant General Martin Wijnen of the Royal Netherlands Army led the delegation.", "Martin Wijnen",
         "Lieutenant General", None, "Royal Netherlands Army", "NL"),
    ],
)
def test_person(text: str, name: str, rank: str | None, title: str | None, organization: str | None, country: str | None) -> None:
    people = {p.name: p for p in extract_participants(text)}
    assert name in people, list(people)
    person = people[name]
    assert person.rank == rank
    assert person.title == title
    assert (person.organization.name if person.organization else None) == organization
    if country is not None:
        assert person.country == country


@pytest.mark.parametrize(
    ("text", "outsider"),
    [
        ("According to a readout issued by Assistant to the Secretary of Defense for Public Affairs Sean Parnell, it went well.", "Sean Parnell"),
        ("President Dina Boluarte and Premier Gustavo Adrianzn have endorsed this visit.", "Dina Boluarte"),
        ("Minister of Economy and Finance José Arista Arbildo will temporarily assume the duties.", "José Arista Arbildo"),
        ("Col. Zipporah Kioko, the KDF spokesperson, said it was good.", "Zipporah Kioko"),
        ("Defence Minister Arvind Menon, who was travelling in Kerala, did not meet the chief.", "Arvind Menon"),
    ],
)
def test_merely_mentioned_are_not_participants(text: str, outsider: str) -> None:
    assert outsider not in [p.name for p in extract_participants(text)]


def test_organisation_is_not_a_name() -> None:
    text = "Commander Special Operations Command, Major General Paul Kenny, said the exercise built trust."
    assert [p.name for p in extract_participants(text)] == ["Paul Kenny"]


def test_bylines_are_not_participants() -> None:
    text = "Story by Sgt. John Doe\n\nGen. Jane Roe met Col. Ana Silva."
    names = [p.name for p in extract_participants(text, bylines=["John Doe"])]
    assert "John Doe" not in names and "Jane Roe" in names


def test_later_references_add_evidence_and_speaker_role() -> None:
    text = "Maj. Gen. Daniel R. Walrath, U.S. Army South commanding general, opened. “We agree,” Walrath said."
    [person] = extract_participants(text)
    assert len(person.evidence) == 2
    assert text[person.evidence[1].start : person.evidence[1].end] == "Walrath"
    assert person.role in ("speaker", "head_of_delegation")


def test_spanish_first_surname_is_an_alias() -> None:
    text = "Lt. Gen. José Vizcarra Álvarez, chief of staff of the Peruvian Army, spoke. Vizcarra said more."
    [person] = extract_participants(text)
    assert len(person.evidence) == 2
