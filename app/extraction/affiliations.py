"""A person's organisation, title and country from the words around their name.

Heuristic: the capitalised words just before a rank or title ("U.S. Army", "Peruvian army",
"Kenya's") give country and service; an appositive after the name (", U.S. Army South
commanding general", ", chief of staff of the Peruvian Army") is split into title and
organisation; "his Tanzanian counterpart, Gen. X" gives the country of X.
Known failure: an appositive with two commas ("commander, Golden Arrow Division") keeps only
the part before the second comma.
"""

from __future__ import annotations

import re

from app.extraction.countries import country_code, organization_countries
from app.extraction.records import OrganizationMention
from app.extraction.text import sentence_of

_SERVICE = r"(?:[Aa]rmy|[Nn]avy|[Aa]ir [Ff]orce|[Mm]arine [Cc]orps|[Mm]arines|[Cc]oast [Gg]uard|[Ss]pace [Ff]orce|[Nn]ational [Gg]uard|[Aa]rmed [Ff]orces|[Dd]efen[cs]e [Ff]orces?)"
PRE_APPOSITIVE = re.compile(
    rf"(?:the\s+)?(?P<org>(?:U\.S\.|[A-Z][\w.'’-]*)(?:\s+(?:[A-Z][\w.'’-]*|{_SERVICE})){{0,3}})['’]s\s+(?P<title>[a-z][a-z ]{{2,50}}),\s*$")
APPOSITIVE = re.compile(r"\s*[,.]\s+(?P<body>(?:the\s+)?(?:U\.S\.|U\.K\.|\b[A-Z]\.|[^,.;:“”\"()\n]|\.(?=\S)){3,90}?)(?=\s*(?:[,;:“”\"()\n]|\.(?!\S)|\s+who\b|\s+said\b|\s+and\s+[A-Z]|$))")
HEAD_WORDS = re.compile(
    r"\b(?:general|commander|officer|director|chief|minister|secretary|ambassador|attach[eé]|chairman|head|"
    r"deputy|adviser|advisor|representative|leader|president|commandant|manager|coordinator|"
    r"spokes(?:man|woman|person)|sergeant major|liaison|planner|chaplain|surgeon)\b", re.I)
POST_OF = re.compile(r"\s+of\s+(?:the\s+)?(?P<org>(?:U\.S\.|[A-Z][\w'’-]*)(?:\s+(?:of\s+(?:the\s+)?)?[A-Z][\w.'’-]*){0,6})")


_PREFIX_TOKEN = re.compile(r"(?:U\.S\.|U\.K\.|[A-Z][\w.'’-]*|army|navy|air|force|forces|armed|corps|guard|the)$")
# "his Tanzanian counterpart, Gen. X" / "the Japanese delegation head, Maj. Gen. Y"
_COUNTERPART = re.compile(r"\b(?P<who>[A-Z][\w'’.-]+)(?:['’]s)?(?:\s+[a-z][\w-]*){1,3},?\s*$")
SERVICE_WORD = re.compile(r"\b(?:army|navy|air force|marine|corps|guard|forces?|command|ministry|department)\b", re.I)


def affiliation_before(text: str, start: int) -> tuple[str | None, str | None]:
    """(country, organisation) from the capitalised words just before a rank or title."""
    floor = max(0, start - 80, sentence_of(text, max(0, start - 1)).start)
    words: list[tuple[int, int]] = []
    for match in reversed(list(re.finditer(r"\S+", text[floor:start]))):
        word = match.group(0)
        if not _PREFIX_TOKEN.match(re.sub(r"['’]s$", "", word)) or len(words) >= 5:
            break
        words.insert(0, (floor + match.start(), floor + match.end()))
        if word == "the":
            break
    if not words:
        counterpart = _COUNTERPART.search(text, floor, start)
        return (country_code(counterpart.group("who")) if counterpart else None), None
    run = text[words[0][0] : words[-1][1]]
    run = re.sub(r"^the\s+", "", run)
    run = re.sub(r"['’]s$", "", run)
    code = organization_countries().get(run)
    for token in run.split():
        code = code or country_code(re.sub(r"['’]s$", "", token))
    organization = run if SERVICE_WORD.search(run) or run in organization_countries() else None
    if organization and organization.split()[0] in {"Chief", "Commander", "Director"}:
        organization = None
    return code, organization


def split_appositive(body: str) -> tuple[str | None, str | None]:
    """", U.S. Army South commanding general" -> (title, organisation)."""
    body = re.sub(r"^the\s+", "", body.strip())
    if not HEAD_WORDS.search(body) or len(body.split()) > 12:
        return None, None
    of = re.match(r"(?P<title>[A-Za-z][\w ]*?)\s+(?:of|for|at|with)\s+(?:the\s+)?(?P<org>(?:U\.S\.|[A-Z]).*)$", body)
    if of and HEAD_WORDS.search(of.group("title")):
        return of.group("title"), of.group("org")
    possessive = re.match(r"(?P<org>.+?)['’]s\s+(?P<title>[a-z].*)$", body)
    if possessive:
        return possessive.group("title"), possessive.group("org")
    words = body.split()
    split = 0
    while split < len(words) and (words[split][0].isupper() or words[split] in {"of", "and"}):
        split += 1
    if split and split < len(words) and country_code(words[split - 1]) and split > 1 \
            and not organization_countries().get(" ".join(words[:split])):
        split -= 1  # "USARSOUTH Peruvian desk officer": the demonym belongs to the title
    organization = " ".join(words[:split]) or None
    title = " ".join(words[split:]) or None
    return title, organization


def make_organization(name: str | None, country: str | None) -> OrganizationMention | None:
    if not name:
        return None
    name = name.strip()
    acronym = name if re.fullmatch(r"[A-Z][A-Z0-9-]{1,12}", name) else None
    org_country = organization_countries().get(name) or country_code(name.split()[0]) or country
    return OrganizationMention(name=name, acronym=acronym, country=org_country)
