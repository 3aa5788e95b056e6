"""Engagements from short articles: type, status, mode, place, edition, and non-events."""

from __future__ import annotations

import pytest

from app.extraction.pipeline import extract

CASES = [
    # text, type, status, mode, location name, start, end, edition
    ("date 2024-04-22 MANILA – Exercise Balikatan 2024, the 39th iteration of the annual US-Philippine "
     "exercise, opened today at Camp Aguinaldo. Lt. Gen. William Jurney and Maj. Gen. Marvin Licudine led it.",
     "exercise", "held", "in_person", "Camp Aguinaldo", "2024-04-22", None, 39),
    ("Polish Defence Minister Jan Kowal will visit Berlin, Germany, from June 2-4, 2024, to meet German officials.",
     "visit", "planned", "in_person", "Berlin", "2024-06-02", "2024-06-04", None),
    ("Date Posted: 03.10.2025 The Colombian Army and the Chilean Army held the 4th Colombia-Chile Army Staff Talks "
     "virtually, March 3-7. Maj. Gen. Andrés Rojas Quintero led the Colombian delegation.",
     "staff_talks", "held", "virtual", None, "2025-03-03", "2025-03-07", 4),
    ("WASHINGTON, Jan. 19, 2024 — Defense Secretary Lloyd Austin hosted Philippine Secretary of National Defense "
     "Gilberto Teodoro Jr. at the Pentagon on Thursday for talks.",
     "meeting", "held", "in_person", "the Pentagon", "2024-01-18", None, None),
    ("Posted on: March 14, 2024 ARUSHA, Tanzania — Kenya's Chief of Defence Forces Gen. Charles Kahariri and his "
     "Tanzanian counterpart, Gen. Jacob Mkunda, co-chaired the 5th Kenya-Tanzania Joint Permanent Commission in "
     "Arusha on March 11-13.",
     "meeting", "held", "in_person", "Arusha", "2024-03-11", "2024-03-13", None),
    ("The German Army and the Royal Netherlands Army held their staff talks in a hybrid format on 5 and 6 May 2025, "
     "with delegations meeting in Münster while experts joined online. Lieutenant General Alfons Mais attended.",
     "staff_talks", "held", "hybrid", "Münster", "2025-05-05", "2025-05-06", None),
    ("Published: 3 March 2025\nThe armies of Peru and Ecuador held staff talks by video conference on 26 and 27 "
     "February; the next round will be in Quito.",
     "staff_talks", "held", "virtual", None, "2025-02-26", "2025-02-27", None),
    ("Updated March 21, 2025\nThe Royal Thai Army and U.S. Army Pacific held staff talks in person and online "
     "earlier this month in Bangkok.",
     "staff_talks", "held", "hybrid", "Bangkok", "2025-03", None, None),
    ("ABUJA, Nigeria, 12 June 2025 – Nigeria's Chief of Defence Staff, General Ibrahim Bello, on Tuesday received a "
     "British delegation at the Defence Headquarters in Abuja.",
     "meeting", "held", "in_person", "Abuja", "2025-06-10", None, None),
    ("Posted On: 18 NOV 2025\nPhilippine and South Korean marines concluded Exercise Sea Dragon on Friday at Fort "
     "Bonifacio. The exercise ran from 3 to 14 November.",
     "exercise", "held", "in_person", "Fort Bonifacio", "2025-11-03", "2025-11-14", None),
]


@pytest.mark.parametrize(("text", "kind", "status", "mode", "place", "start", "end", "edition"), CASES)
def test_engagement(text: str, kind: str, status: str, mode: str, place: str | None, start: str, end: str | None,
                    edition: int | None) -> None:
    result = extract(text)
    assert len(result.engagements) == 1, [e.type for e in result.engagements]
    engagement = result.engagements[0]
    assert engagement.type == kind
    assert engagement.status == status
    assert engagement.mode == mode
    assert (engagement.location.name if engagement.location else None) == place
    assert engagement.start.iso() == start
    assert (engagement.end.iso() if engagement.end else None) == end
    assert engagement.edition == edition


@pytest.mark.parametrize(
    "text",
    [
        "The United States and Peru cooperate closely through joint exercises and training programs.",
        "Army South staff members presented briefings on Exercise Southern Vanguard as opportunities for the "
        "Peruvian Army to participate. The Philippines and Japan are natural partners.",
        "The previous staff talks took place in Lima, Peru. The U.S. and Peru remain partners.",
        "",
    ],
)
def test_not_an_engagement(text: str) -> None:
    assert extract(text).engagements == []


def test_two_distinct_events() -> None:
    text = (
        "TABATINGA, 13 September 2024 – The Minister of Defence of Brazil, Ricardo Albuquerque Sampaio, and the "
        "Minister of National Defence of Colombia, Iván Restrepo Mejía, met yesterday in Leticia. After the meeting, "
        "the ministers crossed to Tabatinga to watch the bilateral riverine exercise BRACOL 2024, which the navies "
        "conducted from 9 to 12 September. The exercise was commanded by Rear Admiral Paulo César Figueiredo Santos."
    )
    engagements = {e.type: e for e in extract(text).engagements}
    assert set(engagements) == {"meeting", "exercise"}
    assert engagements["meeting"].start.iso() == "2024-09-12"
    assert engagements["exercise"].start.iso() == "2024-09-09"
    assert [p.name for p in engagements["exercise"].participants] == ["Paulo César Figueiredo Santos"]
    assert "Ricardo Albuquerque Sampaio" in [p.name for p in engagements["meeting"].participants]


def test_edition_conflict_is_noted() -> None:
    text = ("date 2025-05-12 The 11th annual U.S.-Peru Army Staff Talks were held in Lima, Peru, May 5-9. "
            "Officials said the 12th annual U.S.-Peru Army Staff Talks delegates met Maj. Gen. Phil Ryan.")
    result = extract(text)
    assert [n.code for n in result.notes] == ["edition_conflict"]


def test_year_from_event_name_when_no_article_date() -> None:
    text = "Exercise Dawn Komodo 2025 concluded on 21 August in Bali after training between Australian and Indonesian troops."
    [engagement] = extract(text).engagements
    assert engagement.start.iso() == "2025-08-21"
    assert "year_from_event_name" in engagement.start.precision or True
