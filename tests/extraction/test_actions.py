"""Agreed-to-actions: count, focus topics, horizon, statuses of an earlier edition's actions."""

from __future__ import annotations

import pytest

from app.extraction.actions import extract_action_count, extract_agreed_actions


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("The talks culminated in the review and validation of 45 agreed-to-actions.", 45),
        ("The delegations signed 32 ATAs.", 32),
        ("approved 12 agreed-to actions for 2025", 12),
        ("closed the talks with 27 agreed actions", 27),
        ("reviewed twenty-one agreed-to-actions", 21),
        ("The agreed-to-actions (ATAs) are focused on training.", None),
    ],
)
def test_action_count(text: str, count: int | None) -> None:
    found = extract_action_count(text)
    assert (found[0] if found else None) == count


def test_focus_topics_and_horizon() -> None:
    text = ("The talks culminated in 45 agreed-to-actions, signaling a commitment to shared objectives such as "
            "modernization, regional security cooperation, and professional military education initiatives through 2029.")
    actions = extract_agreed_actions(text)
    topics = [a.topic for a in actions]
    assert "modernization" in topics and "regional security cooperation" in topics
    assert all(a.horizon == "through 2029" for a in actions)
    for action in actions:
        assert not action.from_previous_engagement
        span = action.evidence[0]
        assert text[span.start : span.end] == action.topic


def test_previous_edition_statuses_are_flagged() -> None:
    text = ("The agreed-to-actions from 2020 were performed virtually, postponed, rescheduled for the latter "
            "half of 2021, or cancelled altogether.")
    actions = extract_agreed_actions(text)
    statuses = {a.status for a in actions}
    assert {"postponed", "rescheduled", "cancelled"} <= statuses
    assert all(a.from_previous_engagement for a in actions)
    rescheduled = next(a for a in actions if a.status == "rescheduled")
    assert rescheduled.target is not None and rescheduled.target.iso() == "2021"
