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
        ("Brig. Gen. Romeo Alvarez, commander of the 3rd Marine Brigade, spoke.", "Romeo Alvarez", "Brig. Gen.",
         "commander", "3rd Marine Brigade", None),
        ("Gen. Luis Andrade, the Chief of Army Staff of Ecuador, spoke.", "Luis Andrade", "Gen.",
         "Chief of Army Staff", None, "EC"),
        ("Maj. Gen. Somchai Wongsawat, Deputy Chief of Staff of the Royal Thai Army, spoke.", "Somchai Wongsawat",
         "Maj. Gen.", "Deputy Chief of Staff", "Royal Thai Army", "TH"),
        ("Nigeria's Chief of Defence Staff, General Ibrahim Bello, met them.", "Ibrahim Bello", "General",
         "Chief of Defence Staff", None, "NG"),
        ("Ecuador's Chief of Army Staff, Gen. Luis Andrade, spoke.", "Luis Andrade", "Gen.", "Chief of Army Staff", None, "EC"),
        ("The Ghana Armed Forces' Chief of Staff, Maj Gen Kofi Mensah, spoke.", "Kofi Mensah", "Maj Gen",
         "Chief of Staff", "Ghana Armed Forces", "GH"),
        ("French Army Lt. Col. Paul Martin spoke.", "Paul Martin", "Lt. Col.", None, "French Army", "FR"),
        ("Col. Jorge Villacís, who heads the Ecuadorian Army Education Directorate, spoke.", "Jorge Villacís", "Col.",
         "head", "Ecuadorian Army Education Directorate", "EC"),
        ("The head of the Vietnamese delegation, Senior Col. Tran Quoc Hung, spoke.", "Tran Quoc Hung", "Senior Col.",
         "head of the Vietnamese delegation", None, "VN"),
        ("Deputy Minister of National Defence Sr. Lt. Gen. Nguyen Van Thanh spoke.", "Nguyen Van Thanh", "Sr. Lt. Gen.",
         "Deputy Minister of National Defence", None, None),
        ("Général de brigade Pierre Lemaire of the Armée de Terre spoke.", "Pierre Lemaire", "Général de brigade", None,
         "Armée de Terre", "FR"),
        ("Lieutenant-colonel Amadou Diop of the Senegalese Armed Forces spoke.", "Amadou Diop", "Lieutenant-colonel", None,
         "Senegalese Armed Forces", "SN"),
        ("Republic of Korea Marine Corps Col. Park Ji-hoon spoke.", "Park Ji-hoon", "Col.", None,
         "Republic of Korea Marine Corps", "KR"),
        ("Royal Malaysian Navy First Admiral Ahmad Razak spoke.", "Ahmad Razak", "First Admiral", None,
         "Royal Malaysian Navy", "MY"),
        ("Royal Thai Air Force Air Vice-Marshal Prasert Chaiyaporn spoke.", "Prasert Chaiyaporn", "Air Vice-Marshal", None,
         "Royal Thai Air Force", "TH"),
        ("Kenya Defence Forces Brig. John Otieno spoke.", "John Otieno", "Brig.", None, "Kenya Defence Forces", "KE"),
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
        ("Defence Minister Mohammed Abubakar sent greetings to the delegation.", "Mohammed Abubakar"),
        ("Philippine President Ramon Castillo, who approved the exercise in September, did not attend.", "Ramon Castillo"),
        ("An army spokesperson, Lt. Col. Ana Torres, said the next round would be in Quito.", "Ana Torres"),
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


@pytest.mark.parametrize(
    ("text", "pair", "name", "country"),
    [
        # quoted "our" opposite a named counterpart
        ("Brig. Gen. Romeo Alvarez, commander of the 3rd Marine Brigade, spoke. \"Our marines learned a lot from their "
         "Korean counterparts,\" Alvarez said.", ("PH", "KR"), "Romeo Alvarez", "PH"),
        # the visitor is not from the country visited
        ("Deputy Minister of National Defence Sr. Lt. Gen. Nguyen Van Thanh will visit Thailand next month.",
         ("VN", "TH"), "Nguyen Van Thanh", "VN"),
        # unclear: no guess
        ("Col. Jean Dupont said \"our two armies share a long history.\"", ("FR", "SN"), "Jean Dupont", None),
    ],
)
def test_country_from_context(text: str, pair: tuple[str, str], name: str, country: str | None) -> None:
    people = {p.name: p for p in extract_participants(text, pair=pair)}
    assert people[name].country == country
