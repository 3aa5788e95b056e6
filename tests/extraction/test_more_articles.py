"""Golden tests on more hand-written articles about other country pairs.

Each article is inline, with the facts a careful reader would record. They exercise the
appositive forms of titles and organisations, countries from organisations, demonyms and
"our" quotes, date phrasings, datelines and "Posted On" lines, event places and modes, and
bylines / merely-mentioned officials.
"""

from __future__ import annotations

from typing import Any

import pytest

from app.extraction.contract import to_contract_document
from app.extraction.pipeline import extract

KR_PH_EXERCISE = """\
Philippine, South Korean marines wrap up amphibious exercise
Posted On: 18 NOV 2025
By Cpl. Maria Santos

TAGUIG CITY, Philippines – Marines of the Philippine Navy and the Republic of Korea Navy concluded Exercise Sea Dragon Kamandag on Friday at Fort Bonifacio in Taguig. The bilateral exercise ran from 3 to 14 November and brought together more than 400 marines.

Brig. Gen. Romeo Alvarez, commander of the 3rd Marine Brigade, said the exercise improved amphibious coordination. "Our marines learned a great deal from their Korean counterparts," Alvarez said.

Republic of Korea Marine Corps Col. Park Ji-hoon led the Korean contingent. He thanked the Philippine Navy's Flag Officer in Command, Vice Adm. Roberto Dizon, for hosting the unit.

Philippine President Ramon Castillo, who approved the exercise in September, did not attend.

Photo by Petty Officer 2nd Class Ana Reyes
"""

PE_EC_VIRTUAL_TALKS = """\
Peru and Ecuador armies hold staff talks by video teleconference
Published: 3 March 2025

LIMA – The armies of Peru and Ecuador held their fourth Peru-Ecuador Army Staff Talks by video teleconference on 26 and 27 February, the Peruvian Army said.

The Peruvian delegation was led by Maj. Gen. Carlos Mendoza Ríos, the Chief of Operations of the Peruvian Army. Ecuador's Chief of Army Staff, Gen. Luis Andrade, headed his country's delegation.

Col. Jorge Villacís, who heads the Ecuadorian Army Education Directorate, presented a proposal for joint officer courses.

An army spokesperson, Lt. Col. Ana Torres, said the next round would be held in Quito.

Written by Sgt. Pedro Huamán
"""

NG_GB_MEETING = """\
Nigeria, UK defence chiefs discuss counter-terrorism training

ABUJA, Nigeria, 12 June 2025 – Nigeria's Chief of Defence Staff, General Ibrahim Bello, on Tuesday received a British delegation led by Maj Gen James Hartley, who heads the British Defence Staff in West Africa, at the Defence Headquarters in Abuja.

The meeting focused on counter-terrorism training and maritime security in the Gulf of Guinea.

The Nigerian Army's Chief of Training, Maj. Gen. Usman Garba, briefed the visitors on the training centres in Kaduna.

Defence Minister Mohammed Abubakar sent greetings to the delegation.

(Reporting by Chinedu Okafor; Editing by Sarah White)
"""

TH_US_HYBRID_TALKS = """\
Thai, U.S. armies review cooperation at staff talks
Updated March 21, 2025

BANGKOK – The Royal Thai Army and U.S. Army Pacific held the 12th Thai-U.S. Army Staff Talks earlier this month in a hybrid format at the Royal Thai Army headquarters in Bangkok, with some U.S. planners joining online.

Maj. Gen. Somchai Wongsawat, Deputy Chief of Staff of the Royal Thai Army, opened the talks. U.S. Army Pacific's deputy commanding general, Brig. Gen. Laura Kim, led the U.S. delegation.

The delegations agreed to 18 actions for the coming year.

Story by Staff Sgt. Kevin Brooks
Staff Sgt. Kevin Brooks is a public affairs specialist with U.S. Army Pacific.
"""

CA_NO_VIRTUAL_MEETING = """\
Canada and Norway discuss Arctic defence cooperation
10 February 2025

OTTAWA – Senior Canadian and Norwegian defence officials met by videoconference last month to discuss Arctic surveillance and cold-weather training.

Lieutenant-General Marc Tremblay, Commander of Canadian Joint Operations Command, said the two countries face the same challenges in the High North.

The head of the Norwegian delegation, Rear Admiral Lars Haugen, said: "Our navies already train together every winter."

A Department of National Defence spokesperson, Jennifer Clarke, confirmed the meeting.
"""

SN_FR_EXERCISE = """\
Senegalese and French soldiers train together in Thiès
THIÈS, Senegal, 24/06/2025 –

French and Senegalese troops held a joint training exercise, Exercise Baobab, between June 16 and 20 in Thiès.

Général de brigade Pierre Lemaire of the Armée de Terre attended the closing ceremony alongside Lieutenant-colonel Amadou Diop of the Senegalese Armed Forces.

"Our two armies share a long history," Lemaire said.
"""

VN_TH_VISIT = """\
Vietnamese delegation visits Thailand for defence policy talks
Published: 12 September 2025

BANGKOK, 12 September 2025 – Deputy Minister of National Defence Sr. Lt. Gen. Nguyen Van Thanh will visit Thailand next month for the annual defence policy dialogue, the Ministry of National Defence announced.

The head of the Vietnamese delegation at the preparatory meeting this week, Senior Col. Tran Quoc Hung, said both sides had agreed on the agenda.

Royal Thai Air Force Air Vice-Marshal Prasert Chaiyaporn welcomed the Vietnamese officers.
"""


def _document(text: str) -> dict[str, Any]:
    return to_contract_document("article.txt", text, extract(text))


def _engagement(text: str) -> dict[str, Any]:
    engagements = _document(text)["engagements"]
    assert len(engagements) == 1, [(e["type"], e["start_date"]) for e in engagements]
    return engagements[0]


def _people(engagement: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {p["name"]: p for p in engagement["participants"]}


def test_kr_ph_exercise_facts() -> None:
    document = _document(KR_PH_EXERCISE)
    assert document["published"] == "2025-11-18"
    engagement = _engagement(KR_PH_EXERCISE)
    assert engagement["type"] == "exercise"
    assert set(engagement["countries"]) == {"PH", "KR"}
    assert (engagement["start_date"], engagement["end_date"]) == ("2025-11-03", "2025-11-14")
    assert engagement["mode"] == "in_person"
    assert engagement["location"]["country"] == "PH"
    assert engagement["location"]["name"] in {"Fort Bonifacio", "Taguig"}


def test_kr_ph_exercise_people() -> None:
    people = _people(_engagement(KR_PH_EXERCISE))
    alvarez = people["Romeo Alvarez"]
    assert (alvarez["rank"], alvarez["title"], alvarez["organization"]) == ("Brig. Gen.", "commander", "3rd Marine Brigade")
    assert alvarez["country"] == "PH"  # "Our marines ... their Korean counterparts"
    park = people["Park Ji-hoon"]
    assert (park["rank"], park["organization"], park["country"]) == ("Col.", "Republic of Korea Marine Corps", "KR")
    dizon = people["Roberto Dizon"]
    assert (dizon["title"], dizon["organization"], dizon["country"]) == (
        "Flag Officer in Command", "Philippine Navy", "PH")
    assert "Ramon Castillo" not in people
    assert "Maria Santos" not in people and "Ana Reyes" not in people


def test_pe_ec_virtual_talks() -> None:
    document = _document(PE_EC_VIRTUAL_TALKS)
    assert document["published"] == "2025-03-03"
    engagement = _engagement(PE_EC_VIRTUAL_TALKS)
    assert engagement["type"] == "staff_talks"
    assert (engagement["start_date"], engagement["end_date"]) == ("2025-02-26", "2025-02-27")
    assert engagement["mode"] == "virtual"
    assert engagement["location"] is None
    people = _people(engagement)
    mendoza = people["Carlos Mendoza Ríos"]
    assert (mendoza["title"], mendoza["organization"], mendoza["country"]) == ("Chief of Operations", "Peruvian Army", "PE")
    andrade = people["Luis Andrade"]
    assert (andrade["rank"], andrade["title"], andrade["country"]) == ("Gen.", "Chief of Army Staff", "EC")
    villacis = people["Jorge Villacís"]
    assert (villacis["title"], villacis["organization"], villacis["country"]) == (
        "head", "Ecuadorian Army Education Directorate", "EC")
    assert "Ana Torres" not in people and "Pedro Huamán" not in people
    assert "Pedro Huamán" in document["bylines"]


def test_ng_gb_meeting() -> None:
    document = _document(NG_GB_MEETING)
    assert document["published"] == "2025-06-12"
    engagement = _engagement(NG_GB_MEETING)
    assert engagement["type"] == "meeting"
    assert set(engagement["countries"]) == {"NG", "GB"}
    assert engagement["start_date"] == "2025-06-10"  # the Tuesday before Thursday 12 June
    assert engagement["end_date"] is None
    assert engagement["mode"] == "in_person"
    assert engagement["location"]["name"] == "Abuja" and engagement["location"]["country"] == "NG"
    people = _people(engagement)
    bello = people["Ibrahim Bello"]
    assert (bello["rank"], bello["title"], bello["country"]) == ("General", "Chief of Defence Staff", "NG")
    hartley = people["James Hartley"]
    assert (hartley["rank"], hartley["title"], hartley["organization"], hartley["country"]) == (
        "Maj Gen", "head", "British Defence Staff", "GB")
    garba = people["Usman Garba"]
    assert (garba["title"], garba["organization"], garba["country"]) == ("Chief of Training", "Nigerian Army", "NG")
    assert "Mohammed Abubakar" not in people
    assert {"Chinedu Okafor", "Sarah White"} <= set(document["bylines"])


def test_th_us_hybrid_talks() -> None:
    document = _document(TH_US_HYBRID_TALKS)
    assert document["published"] == "2025-03-21"
    engagement = _engagement(TH_US_HYBRID_TALKS)
    assert engagement["type"] == "staff_talks"
    assert set(engagement["countries"]) == {"TH", "US"}
    assert engagement["start_date"] == "2025-03"
    assert engagement["mode"] == "hybrid"
    assert engagement["location"]["name"] == "Bangkok" and engagement["location"]["country"] == "TH"
    people = _people(engagement)
    somchai = people["Somchai Wongsawat"]
    assert (somchai["title"], somchai["organization"], somchai["country"]) == (
        "Deputy Chief of Staff", "Royal Thai Army", "TH")
    kim = people["Laura Kim"]
    assert (kim["title"], kim["organization"], kim["country"]) == ("deputy commanding general", "U.S. Army Pacific", "US")
    assert "Kevin Brooks" not in people
    assert "Kevin Brooks" in document["bylines"]


def test_ca_no_virtual_meeting() -> None:
    document = _document(CA_NO_VIRTUAL_MEETING)
    assert document["published"] == "2025-02-10"
    engagement = _engagement(CA_NO_VIRTUAL_MEETING)
    assert engagement["type"] == "meeting"
    assert set(engagement["countries"]) == {"CA", "NO"}
    assert engagement["start_date"] == "2025-01"
    assert engagement["mode"] == "virtual"
    assert engagement["location"] is None
    people = _people(engagement)
    tremblay = people["Marc Tremblay"]
    assert (tremblay["rank"], tremblay["title"], tremblay["organization"], tremblay["country"]) == (
        "Lieutenant-General", "Commander", "Canadian Joint Operations Command", "CA")
    haugen = people["Lars Haugen"]
    assert (haugen["rank"], haugen["title"], haugen["country"]) == ("Rear Admiral", "head of the Norwegian delegation", "NO")
    assert "Jennifer Clarke" not in people


def test_sn_fr_exercise() -> None:
    document = _document(SN_FR_EXERCISE)
    assert document["published"] == "2025-06-24"  # day-first, unambiguous (24 > 12)
    engagement = _engagement(SN_FR_EXERCISE)
    assert engagement["type"] == "exercise"
    assert set(engagement["countries"]) == {"SN", "FR"}
    assert (engagement["start_date"], engagement["end_date"]) == ("2025-06-16", "2025-06-20")
    assert engagement["location"]["country"] == "SN"
    people = _people(engagement)
    lemaire = people["Pierre Lemaire"]
    assert (lemaire["rank"], lemaire["organization"], lemaire["country"]) == ("Général de brigade", "Armée de Terre", "FR")
    diop = people["Amadou Diop"]
    assert (diop["rank"], diop["organization"], diop["country"]) == ("Lieutenant-colonel", "Senegalese Armed Forces", "SN")


def test_vn_th_planned_visit() -> None:
    engagements = _document(VN_TH_VISIT)["engagements"]
    visit = next(e for e in engagements if e["type"] == "visit")
    assert set(visit["countries"]) == {"VN", "TH"}
    assert visit["start_date"] == "2025-10"
    assert visit["status"] == "planned"
    people = {p["name"]: p for e in engagements for p in e["participants"]}
    thanh = people["Nguyen Van Thanh"]
    assert (thanh["rank"], thanh["title"], thanh["country"]) == ("Sr. Lt. Gen.", "Deputy Minister of National Defence", "VN")
    hung = people["Tran Quoc Hung"]
    assert (hung["rank"], hung["title"], hung["country"]) == ("Senior Col.", "head of the Vietnamese delegation", "VN")
    prasert = people["Prasert Chaiyaporn"]
    assert (prasert["rank"], prasert["organization"], prasert["country"]) == (
        "Air Vice-Marshal", "Royal Thai Air Force", "TH")


ALL = [KR_PH_EXERCISE, PE_EC_VIRTUAL_TALKS, NG_GB_MEETING, TH_US_HYBRID_TALKS, CA_NO_VIRTUAL_MEETING,
       SN_FR_EXERCISE, VN_TH_VISIT]


@pytest.mark.parametrize("text", ALL)
def test_no_byline_or_spokesperson_among_participants(text: str) -> None:
    document = _document(text)
    names = {p["name"] for e in document["engagements"] for p in e["participants"]}
    assert not names & {"Maria Santos", "Ana Reyes", "Ana Torres", "Pedro Huamán", "Chinedu Okafor", "Sarah White",
                        "Kevin Brooks", "Jennifer Clarke", "Mohammed Abubakar", "Ramon Castillo"}

