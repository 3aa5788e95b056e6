"""Two small articles about two editions of one series, with their hand-built extractions."""

from app.extraction.records import DataQualityNote, ExtractionResult, OrganizationMention
from tests.ingest.builders import action, army_south, day, engagement, lima, participant, result, span

TEXT_2021 = (
    "LIMA, Peru – The 6th U.S.-Peru Army Staff Talks were held in Lima on May 20, 2021. "
    "Maj. Gen. Daniel Walrath of U.S. Army South met Lt. Gen. José Vizcarra Álvarez, "
    "chief of staff of the Peruvian Army. The armies agreed to expand NCO exchanges."
)
TEXT_2025 = (
    "FORT SAM HOUSTON, Texas – Leaders from USARSOUTH met in Lima for the 11th U.S.-Peru Army "
    "Staff Talks, May 5-9, 2025. Gen. Jose Vizcarra Alvarez, commanding general of the Peruvian "
    "Army, attended. Maj. Gen. Phil Ryan, USARSOUTH commanding general, led the U.S. side."
)


def extraction_2021(text: str = TEXT_2021) -> ExtractionResult:
    return result(
        engagement(
            text,
            "The 6th U.S.-Peru Army Staff Talks were held in Lima on May 20, 2021.",
            start=day(2021, 5, 20),
            location=lima(text),
            series="U.S.-Peru Army Staff Talks",
            edition=6,
            participants=[
                participant(text, "Daniel Walrath", rank="Maj. Gen.", organization=army_south()),
                participant(
                    text, "José Vizcarra Álvarez", rank="Lt. Gen.", title="chief of staff", country="PE",
                    organization=OrganizationMention(name="Peruvian Army", country="PE"),
                ),
            ],
            agreed_actions=[action(text, "expand NCO exchanges")],
        ),
        published=day(2021, 5, 21),
        title="6th staff talks",
    )


def extraction_2025(text: str = TEXT_2025, ryan: str = "Phil Ryan") -> ExtractionResult:
    return result(
        engagement(
            text,
            "the 11th U.S.-Peru Army Staff Talks, May 5-9, 2025",
            start=day(2025, 5, 5),
            end=day(2025, 5, 9),
            location=lima(text),
            series="U.S.-Peruvian Army Staff Talks",
            edition=11,
            participants=[
                participant(
                    text, "Jose Vizcarra Alvarez", rank="Gen.", title="commanding general", country="PE",
                    organization=OrganizationMention(name="Peruvian Army", country="PE"),
                ),
                participant(text, ryan, rank="Maj. Gen.", title="commanding general", organization=army_south(name="USARSOUTH")),
            ],
        ),
        published=day(2025, 5, 12),
    )


def with_note(extraction: ExtractionResult, text: str, quote: str) -> ExtractionResult:
    extraction.notes.append(DataQualityNote(code="date_doubt", message="The year is a guess.", evidence=[span(text, quote)]))
    return extraction
