"""Reading a person's name from the words after a rank or title.

Heuristic: up to five capitalised tokens, allowing initials ("R."), particles ("de", "del",
"da") and suffixes ("Jr."), skipping an honorific ("Dr."); a country, an acronym or an
organisation word ends the name, and a run that ends on an organisation word ("Special
Operations Command") is not a name at all.
Known failure: a given name that is also a rank abbreviation ("Gen Nakatani") is read as a
rank followed by a one-word name.
"""

from __future__ import annotations

import re

from app.extraction.countries import country_code

_TOKEN = re.compile(r"[ \t]*(?:,[ \t]*)?([^\s,;:()“”\"]+)")
_NAME_TOKEN = re.compile(r"^(?:[A-ZÀ-Þ][\w'’-]*\.?|[A-Z]\.)$")
PARTICLES = frozenset({"de", "del", "da", "das", "do", "dos", "van", "von", "der", "den", "bin", "binti", "y", "e", "di", "du", "le", "la", "al"})
NOT_NAMES = frozenset(
    """Army Navy Air Force Forces Command Marine Marines Corps Guard Staff Talks The And Of To In At For
    On With During Said Says Visits Visit Meets Met Holds Held Signs Discusses Joins Hosts Leads
    Commanding Command General Director Chief Minister Secretary Department Ministry Defense Defence
    Headquarters Southern Northern Pacific European Central Africa Division Brigade Battalion
    Regiment Group Fleet Wing Squadron Joint Combined Bilateral Staff Exercise Operation Ambassador
    Embassy Office National Republic Kingdom Federal State States Government Officer Officers Commanding-in-Chief
    Staff Deputy Assistant Senior Acting Contingent Delegation Team Forces Service Services Council Committee""".split()
)
_ORG_WORDS = frozenset(
    "Command Army Navy Force Forces Corps Fleet Division Brigade Battalion Regiment Group Wing Squadron "
    "Ministry Department Agency Office Staff Headquarters Center Centre School College Academy".split())
_HONORIFIC = re.compile(r"[ \t]*,?[ \t]*(?:Dr|Mr|Mrs|Ms|Prof|Sir|Dame|H\.E)\.?(?=\s)")
_INITIAL = re.compile(r"[A-Z]\.(?:[A-Z]\.)?")
_SUFFIX = re.compile(r"Jr\.?|Sr\.?|II|III|IV")


def read_name(text: str, pos: int) -> tuple[str, int, int] | None:
    """Up to five capitalised tokens from `pos`: (name, start, end), or None."""
    tokens: list[tuple[int, int]] = []
    pending: list[tuple[int, int]] = []
    honorific = _HONORIFIC.match(text, pos)
    cursor = honorific.end() if honorific else pos
    while len(tokens) < 5:
        match = _TOKEN.match(text, cursor)
        if not match or (tokens and "," in text[cursor : match.start(1)]):
            break
        if "\n" in text[cursor : match.start(1)]:
            break
        word = match.group(1)
        if word in PARTICLES and tokens:
            pending.append(match.span(1))
            cursor = match.end()
            continue
        if _INITIAL.fullmatch(word) or (tokens and _SUFFIX.fullmatch(word)):
            tokens.extend(pending)
            pending = []
            tokens.append(match.span(1))
            cursor = match.end()
            continue
        possessive = re.search(r"['’]s$", word)
        core = word[: possessive.start()] if possessive else word
        closes = core.endswith(".")  # a name token ending in "." ends the sentence
        core = core.rstrip(".")
        if not core or not _NAME_TOKEN.match(core) or core in NOT_NAMES \
                or (core.isupper() and len(core) > 1) or country_code(core):
            break
        tokens.extend(pending)
        pending = []
        tokens.append((match.start(1), match.start(1) + len(core)))
        cursor = match.end()
        if possessive or closes:
            break
    stop = _TOKEN.match(text, cursor)
    if stop and stop.group(1).rstrip(".,") in _ORG_WORDS and "," not in text[cursor : stop.start(1)]:
        return None  # "Commander Special Operations Command": an organisation, not a name
    while tokens and _INITIAL.fullmatch(text[tokens[-1][0] : tokens[-1][1]]):
        tokens.pop()  # "Gen. A." is not a name
    if not tokens:
        return None
    start, end = tokens[0][0], tokens[-1][1]
    return text[start:end], start, end
