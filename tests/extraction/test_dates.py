"""Date resolution: text -> (start, end, rule prefix), against an article date or none."""

from __future__ import annotations

from datetime import date

import pytest

from app.extraction.dates import extract_dates, infer_context_year

REF = date(2025, 5, 12)  # a Monday


@pytest.mark.parametrize(
    ("text", "reference", "context_year", "start", "end"),
    [
        ("assembled in Lima, May 5-9.", REF, None, "2025-05-05", "2025-05-09"),
        ("held virtually on May 20, the", None, 2021, "2021-05-20", None),
        ("held virtually on May 20, the", None, None, None, None),  # never invent a year
        ("will visit Miami from June 2-4, 2024, to", None, None, "2024-06-02", "2024-06-04"),
        ("from 3 to 7 March 2024", None, None, "2024-03-03", "2024-03-07"),
        ("March 3 to 7", date(2024, 3, 10), None, "2024-03-03", "2024-03-07"),
        ("on 26 and 27 February", date(2024, 2, 28), None, "2024-02-26", "2024-02-27"),
        ("Dec. 30 - Jan. 3, 2025", None, None, "2024-12-30", "2025-01-03"),
        ("Oct. 7-18.", date(2024, 10, 18), None, "2024-10-07", "2024-10-18"),
        ("on 03 November 2025", None, None, "2025-11-03", None),
        ("in May 2025", None, None, "2025-05", None),
        ("met Monday with", REF, None, "2025-05-12", None),
        ("met Monday with", None, None, None, None),
        ("met on Thursday", date(2024, 9, 16), None, "2024-09-12", None),
        ("from 3 to 16 November", date(2025, 11, 20), None, "2025-11-03", "2025-11-16"),
        ("between March 3 and 7", date(2025, 3, 12), None, "2025-03-03", "2025-03-07"),
        ("met earlier this month", date(2025, 3, 21), None, "2025-03", None),
        ("met last month", date(2025, 1, 10), None, "2024-12", None),
        ("will visit next month", date(2025, 12, 10), None, "2026-01", None),
        ("posted 24/06/2025 in", None, None, "2025-06-24", None),  # day-first: 24 > 12
        ("posted 05/06/2025 in", None, None, None, None),  # ambiguous: never guessed
        ("the 3rd Marine Brigade", date(2025, 3, 12), None, None, None),  # "Mar" inside a word is no month
        ("will meet on Thursday", date(2024, 9, 16), None, "2024-09-19", None),
        ("met yesterday in Leticia", date(2024, 9, 13), None, "2024-09-12", None),
        ("visited New Delhi last week", date(2024, 4, 22), None, "2024-04", None),
        ("later this year", REF, None, "2025", None),
        ("later this year", None, None, None, None),
        ("the latter half of 2021", None, None, "2021", None),
        ("date 2025-05-12 X", None, None, "2025-05-12", None),
        ("on Feb. 30, 2024 nothing", None, None, None, None),
    ],
)
def test_date_resolution(text: str, reference: date | None, context_year: int | None, start: str | None, end: str | None) -> None:
    mentions = extract_dates(text, reference, context_year)
    known = [m for m in mentions if m.start.iso() is not None]
    if start is None:
        assert not known, [(m.start.iso(), m.rule) for m in mentions]
        return
    assert known, text
    first = known[0]
    assert first.start.iso() == start
    assert (first.end.iso() if first.end else None) == end
    assert 0 <= first.evidence[0].start < first.evidence[0].end <= len(text)


def test_inferred_year_is_marked() -> None:
    mention = extract_dates("on May 20, the", None, 2021)[0]
    assert mention.start.precision == "day"
    assert "year_from_context" in mention.rule


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("Later this year, the army will celebrate its 200th anniversary, founded on Aug. 18, 1821.", 2021),
        ("The actions from 2020 were postponed. Despite the setbacks from the previous year, they met.", 2021),
        ("The army was founded in 1821.", None),
        ("Later this year the 50th anniversary of the 1970 treaty. The actions from 2020 slipped. The previous year was hard.", None),
    ],
)
def test_context_year(text: str, year: int | None) -> None:
    inferred = infer_context_year(text)
    assert (inferred[0] if inferred else None) == year
