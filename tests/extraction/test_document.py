"""Document facts: published date, dateline place, title, bylines."""

from __future__ import annotations

import pytest

from app.extraction.document import extract_document_facts


@pytest.mark.parametrize(
    ("text", "published"),
    [
        (" date 2025-05-12 FORT SAM HOUSTON, Texas – Leaders met.", "2025-05-12"),
        ("Leaders met.\n\nNEWS INFO Date Taken: 05.11.2025 Date Posted: 05.12.2025 14:56", "2025-05-12"),
        ("MANILA, Philippines (March 3, 2024) – The talks began.", "2024-03-03"),
        ("WASHINGTON, March 3, 2024 — Secretary met.", "2024-03-03"),
        ("Title of story here\n\nWarsaw, 15 January 2025\n\nMinisters met.", "2025-01-15"),
        ("Title of story here\nBy NJERI WAMBUI\nSaturday, November 9, 2024\n\nText.", "2024-11-09"),
        ("Title of story here\n\nNew Delhi, 04 NOV 2025\n\nText.", "2025-11-04"),
        ("Title of story here\nPosted On: 04 NOV 2025 3:15PM by PIB Delhi\n\nText.", "2025-11-04"),
        ("Title of story here\n\nABUJA, Nigeria, 12 June 2025 – Chiefs met.", "2025-06-12"),
        ("Title of story here\n\nTHIÈS, Senegal, 24/06/2025 – Troops trained.", "2025-06-24"),
        ("Title of story here\nPublished: 3 March 2025\n\nText.", "2025-03-03"),
        ("Title of story here\nUpdated March 21, 2025\n\nText.", "2025-03-21"),
        ("Title of story here\nPublished: 05/06/2025\n\nText.", None),  # day or month first? unknown
        ("Secretary of Defense met Monday with ministers at the Pentagon.", None),
        ("The army was founded on Aug. 18, 1821, and met on May 20.", None),
    ],
)
def test_published(text: str, published: str | None) -> None:
    facts = extract_document_facts(text)
    assert (facts.published.iso() if facts.published else None) == published


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        ("FORT SAM HOUSTON, Texas – Senior leaders", "Fort Sam Houston", "US"),
        ("JOINT BASE SAN ANTONIO, Texas – In 1827", "Joint Base San Antonio", "US"),
        ("MANILA, Philippines (March 3, 2024) – The", "Manila", "PH"),
        ("Headline words here\n\nPOPTÚN, Guatemala – Soldiers", "Poptún", "GT"),
    ],
)
def test_dateline(text: str, name: str, country: str) -> None:
    dateline = extract_document_facts(text).dateline
    assert dateline is not None
    assert dateline.name == name and dateline.country == country


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("Peruvian Defense Minister Visits US Southern Command\n\nPeruvian Defense Minister Walter Astudillo will visit.", "Peruvian Defense Minister Visits US Southern Command"),
        ("JOINT BASE SAN ANTONIO, Texas –\nIn 1827, the United States established relations.", None),
        ("Secretary of Defense Pete Hegseth met Monday with Peru's minister at the Pentagon for talks.\nMore.", None),
    ],
)
def test_title(text: str, title: str | None) -> None:
    assert extract_document_facts(text).title == title


@pytest.mark.parametrize(
    ("text", "byline"),
    [
        ("Headline of the story\nBy Sgt. John Doe\n\nText.", "John Doe"),
        ("Text. This work, Title, by SFC Jane Roe, identified by DVIDS, must comply.", "Jane Roe"),
        ("Headline of the story\n\nStory by Lieutenant Hamish Doyle. Photos by Leading Seaman Chloe Tran.", "Chloe Tran"),
        ("Headline of the story here\n\nNimrah Khatoon\nNew Update\n\nText goes here.", "Nimrah Khatoon"),
        ("Photo: Sgt. Anna Kowalczyk / DO MON", "Anna Kowalczyk"),
    ],
)
def test_bylines(text: str, byline: str) -> None:
    assert byline in extract_document_facts(text).bylines


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Chiefs met.\n\n(Reporting by Chinedu Okafor; Editing by Sarah White)", {"Chinedu Okafor", "Sarah White"}),
        ("Chiefs met.\n\nAdditional reporting by Ana Silva and Tom Hale.", {"Ana Silva", "Tom Hale"}),
        ("Chiefs met.\nStaff Sgt. Kevin Brooks is a public affairs specialist with U.S. Army Pacific.", {"Kevin Brooks"}),
        ("Chiefs met.\nJane Doe is a staff writer for the Daily Post.", {"Jane Doe"}),
        ("Chiefs met.\n\nStory by Staff Sgt. Kevin Brooks", {"Kevin Brooks"}),
    ],
)
def test_credits_are_bylines(text: str, names: set[str]) -> None:
    bylines = set(extract_document_facts(text).bylines)
    assert names <= bylines, bylines
    assert not any(b.startswith("Staff Sgt") for b in bylines)
