"""A person's organisation, title and country from the words around their name.

Heuristic: the capitalised words just before a rank or title ("U.S. Army", "Peruvian army",
"Kenya's") give country and service; an appositive after the name (", U.S. Army South
commanding general", ", chief of staff of the Peruvian Army", ", commander of the 5th Division",
", who heads the X Directorate") is split into title and organisation, cutting at the last
"of" whose right side is an organisation; one before it ("Y's Chief of Defence Staff,
General X", "the head of the Vietnamese delegation, Senior Col. X") likewise;
"his Tanzanian counterpart, Gen. X" gives the country of X.
Known failure: an appositive with two commas ("commander, Golden Arrow Division") keeps only
the part before the second comma.
"""

from __future__ import annotations

import re

from app.extraction.countries import country_code, organization_countries
from app.extraction.prefilter import prefiltered
from app.extraction.records import OrganizationMention
from app.extraction.text import sentence_of

_SERVICE = r"(?:[Aa]rmy|[Nn]avy|[Aa]ir [Ff]orce|[Mm]arine [Cc]orps|[Mm]arines|[Cc]oast [Gg]uard|[Ss]pace [Ff]orce|[Nn]ational [Gg]uard|[Aa]rmed [Ff]orces|[Dd]efen[cs]e [Ff]orces?)"
PRE_APPOSITIVE = prefiltered(
    rf"(?:[Tt]he\s+)?(?P<org>(?:U\.S\.|[A-Z][\w.'’-]*)(?:\s+(?:[A-Z][\w.'’-]*|{_SERVICE})){{0,3}})['’]s?\s+"
    r"(?P<title>[a-z][a-z ]{2,50}|[A-Z][a-z]+(?: (?:[A-Z][a-z]+|of|in|for|the)){0,5}),\s*$")
# "the head of the Vietnamese delegation(, at the talks), Senior Col. X"
DELEGATION_HEAD = prefiltered(
    r"(?P<title>(?:head|chief|leader)\s+of\s+the\s+(?P<who>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)\s+"
    r"(?:\w+\s+)?delegation)\b[^,.;]{0,50},\s*$", re.I)
# ", who heads the Ecuadorian Army Education Directorate" / ", who serves as chief of staff of X"
WHO_CLAUSE = re.compile(
    r"\s*,\s+who\s+(?:(?P<verb>heads|leads|commands|directs)\s+|(?:is|was|serves as|served as)\s+)"
    r"(?P<body>(?:the\s+)?(?:U\.S\.|U\.K\.|[^,.;:“”\"()\n]){3,80}?)(?=\s*(?:[,;:“”\"()\n]|\.(?!\S)|$))")
_VERB_TITLES = {"heads": "head", "leads": "leader", "commands": "commander", "directs": "director"}
ORG_WORD = re.compile(
    r"\b(?:army|navy|air force|marines?|corps|guard|forces?|command|ministry|department|directorate|division|"
    r"brigade|regiment|battalion|staff|headquarters|fleet|wing|squadron|agency|office|school|college|academy|"
    r"university|centre|center|group|unit|armée|ejército|marine nationale|bundeswehr)\b", re.I)
APPOSITIVE = re.compile(r"\s*[,.]\s+(?P<body>(?:the\s+)?(?:U\.S\.|U\.K\.|\b[A-Z]\.|[^,.;:“”\"()\n]|\.(?=\S)){3,90}?)(?=\s*(?:[,;:“”\"()\n]|\.(?!\S)|\s+who\b|\s+said\b|\s+and\s+[A-Z]|$))")
HEAD_WORDS = re.compile(
    r"\b(?:general|commander|officer|director|chief|minister|secretary|ambassador|attach[eé]|chairman|head|"
    r"deputy|adviser|advisor|representative|leader|president|commandant|manager|coordinator|"
    r"spokes(?:man|woman|person)|sergeant major|liaison|planner|chaplain|surgeon)\b", re.I)
POST_OF = re.compile(r"\s+of\s+(?:the\s+)?(?P<org>(?:U\.S\.|[A-ZÀ-Þ][\w'’-]*)(?:\s+(?:(?:of|de|du|des|la|l['’])\s*(?:the\s+)?)?[A-ZÀ-Þ][\w.'’-]*){0,6})")


_PREFIX_TOKEN = re.compile(r"(?:U\.S\.|U\.K\.|[A-Z][\w.'’-]*|army|navy|air|force|forces|armed|corps|guard|the|of)$")
# "his Tanzanian counterpart, Gen. X" / "the Japanese delegation head, Maj. Gen. Y"
_COUNTERPART = re.compile(r"\b(?P<who>[A-Z][\w'’.-]+)(?:['’]s)?(?:\s+[a-z][\w-]*){1,3},?\s*$")
SERVICE_WORD = prefiltered(r"\b(?:army|navy|air force|marine|corps|guard|forces?|command|ministry|department)\b", re.I)


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
    run = re.sub(r"^(?:(?:[Tt]he|of)\s+)+", "", run)  # "Republic of Korea Marine Corps" keeps its inner "of"
    if not run or run.split()[-1] == "of":
        return None, None
    run = re.sub(r"(?<=s)['’]$|['’]s$", "", run)  # "Kenya's", "the Ghana Armed Forces'"
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
    split = _title_of_org(body)
    if split:
        return split
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


def _title_of_org(body: str) -> tuple[str, str] | None:
    """"Chief of Staff of the Royal Thai Army" -> ("Chief of Staff", "Royal Thai Army"): the last
    "of/at/with" whose right side is an organisation (or a country), else the first one."""
    splits = [m for m in re.finditer(r"\s+(?:of|for|at|with)\s+(?:the\s+)?(?=U\.S\.|[A-Z0-9])", body)
              if HEAD_WORDS.search(body[: m.start()])]
    if not splits:
        return None
    org_like = [m for m in splits if ORG_WORD.search(body[m.end():]) or country_code(body[m.end():])
                or body[m.end():] in organization_countries()]
    chosen = org_like[-1] if org_like else splits[0]
    return body[: chosen.start()], body[chosen.end():]


def who_clause(text: str, end: int) -> tuple[str | None, str | None, int] | None:
    """(title, organisation, end) from ", who heads the X Directorate" right after a name."""
    match = WHO_CLAUSE.match(text, end)
    if not match:
        return None
    body = match.group("body")
    if match.group("verb"):
        org = re.sub(r"^the\s+", "", body.strip())
        org = re.split(r"\s+(?:in|at|for|during|on)\s+", org)[0]
        return _VERB_TITLES[match.group("verb")], org if org[:1].isupper() else None, match.end()
    title, org = split_appositive(body)
    return (title, org, match.end()) if title or org else None


def make_organization(name: str | None, country: str | None) -> OrganizationMention | None:
    if not name:
        return None
    name = name.strip()
    acronym = name if re.fullmatch(r"[A-Z][A-Z0-9-]{1,12}", name) else None
    org_country = organization_countries().get(name) or country_code(name.split()[0]) or country
    return OrganizationMention(name=name, acronym=acronym, country=org_country)
