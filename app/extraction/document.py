"""Facts about the article itself: title, own date, dateline place, bylines.

Heuristic: the date comes from explicit markers, in order of trust: a leading
"date YYYY-MM-DD", DVIDS-style "Date Posted:"/"Date Taken:" (MM.DD.YYYY), a dated dateline
("MANILA, Philippines (March 3, 2024) –", "WASHINGTON, March 3, 2024 —"), "Published:" /
"Posted on", or a line holding only a date. The dateline is an upper-case place followed by
an optional region and a dash near the top. The title is a short first line without a final
period. Bylines are "By ...", "Story by ...", "Photo by ...", "Written by ...", "(Reporting by A;
Editing by B)", "by X, identified by DVIDS", sign-offs ("X is a public affairs specialist
with ...") and a lone two/three-word name line near the top. Day-first dates count too
("ABUJA, Nigeria, 12 June 2025 –", "Posted On: 04 NOV 2025"), numeric ones ("24/06/2025")
only when the day exceeds 12.
Known failure: a one-line site name of three or more words ("Defense News Daily") is taken
for the title.
"""

from __future__ import annotations

import re
from datetime import date

from app.extraction.countries import country_code
from app.extraction.dates import _M, MONTHS, infer_context_year
from app.extraction.places import lookup_place, us_states
from app.extraction.prefilter import prefiltered
from app.extraction.ranks import RANK_RE
from app.extraction.records import DocumentFacts, LocationMention, PartialDate, Span
from app.extraction.text import line_spans

_WEEKDAY_PREFIX = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+"
_TEXT_DATE = rf"(?P<m>{_M})\s+(?P<d>\d{{1,2}}),?\s+(?P<y>\d{{4}})"
_DAY_FIRST = rf"(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m2>{_M}),?\s+(?P<y2>\d{{4}})"
_ANY_DATE = rf"(?:{_TEXT_DATE}|{_DAY_FIRST})"
# day-first numeric dates only when the day exceeds 12: "24/06/2025" is never ambiguous
_NUMERIC_DAY_FIRST = r"(?P<d>1[3-9]|2\d|3[01])[/.](?P<m>0?[1-9]|1[0-2])[/.](?P<y>20\d\d)"
_DATELINE_HEAD = r"^[A-ZÀ-Þ][A-ZÀ-Þ .'’-]+,(?:\s*[A-Z][\w .]+,)?\s*"
_PUBLISHED = [
    ("leading_iso_date", re.compile(r"\A\s*(?:date|published|posted)[:\s]+(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b", re.I)),
    ("date_posted", re.compile(r"Date Posted:\s*(?P<m>\d{1,2})\.(?P<d>\d{1,2})\.(?P<y>\d{4})")),
    ("dateline_date", prefiltered(rf"^[A-Z][A-Z .'’-]+,(?:\s*[A-Z][\w .]+)?\s*\(\s*{_TEXT_DATE}\s*\)\s*(?:[–—]|--?)", re.M)),
    ("dateline_date", prefiltered(rf"^[A-Z][A-Z .'’-]+,\s*{_TEXT_DATE}\s*(?:[–—]|--?)", re.M)),
    ("dateline_date", prefiltered(rf"{_DATELINE_HEAD}(?:{_DAY_FIRST}|{_NUMERIC_DAY_FIRST})\s*(?:[–—]|--?)", re.M)),
    ("published_label", prefiltered(rf"\b(?:Published|Posted|Updated|Last updated)(?: on)?:?\s+(?:{_WEEKDAY_PREFIX})?{_ANY_DATE}", re.I)),
    ("published_numeric_label", prefiltered(rf"\b(?:Published|Posted|Updated|Date)(?: on)?:?\s+{_NUMERIC_DAY_FIRST}", re.I)),
    ("published_iso_label", prefiltered(r"\b(?:Published|Posted|Date)(?: on)?:?\s+(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b", re.I)),
    ("date_taken", re.compile(r"Date Taken:\s*(?P<m>\d{1,2})\.(?P<d>\d{1,2})\.(?P<y>\d{4})")),
    ("date_line", prefiltered(rf"^\s*{_TEXT_DATE}\s*$", re.M)),
]
_WEEKDAY = r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?"
_FULL_DATE = prefiltered(
    rf"{_WEEKDAY}(?:(?P<m>{_M})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})"
    rf"|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m2>{_M}),?\s+(?P<y2>\d{{4}}))\b", re.I)
_HEADER_PREFIX = re.compile(r"^(?:[A-ZÀ-Þ][\w.'’()-]*|de|da|do|del|la|el|di|[,—–(-]|\s)*$")
_DATELINE = re.compile(
    r"(?:\A|\n|\d{4}-\d{2}-\d{2}\s+)\s*(?P<place>[A-ZÀ-Þ][A-ZÀ-Þ.'’]+(?: [A-ZÀ-Þ][A-ZÀ-Þ.'’-]+){0,4})"
    r"(?:,\s*(?P<region>[A-Z][A-Za-z.]+(?: [A-Z][A-Za-z.]+)?))?\s*(?:\([^)\n]{3,40}\)\s*)?"
    rf"(?:,\s*(?:{_M}\s+\d{{1,2}},\s+\d{{4}}|\d{{1,2}}\s+{_M},?\s+\d{{4}}|\d{{1,2}}[/.]\d{{1,2}}[/.]\d{{4}})\s*)?(?:[–—]|--?)\s"
)
_BYLINE = prefiltered(
    r"(?m)^\s*(?:[Bb]y|BY|[Ss]tory by|[Ww]ritten by|[Pp]hotos? by|[Vv]ideo by|[Cc]ourtesy photo by)[:\s]+"
    r"(?P<who>[A-ZÀ-Þ][\w.'’-]*(?:[ ]+[A-ZÀ-Þ][\w.'’-]*){1,5})[ ]*(?=$|,|\||\n)")
_BYLINE_INLINE = prefiltered(
    r"\b(?:[Ss]tory|[Pp]hotos?|[Pp]hotographs?|[Vv]ideo|[Rr]eported|[Ww]ritten) by (?P<who>(?:[A-Z][\w]{0,5}\.?\s+){0,3}[A-Z][^\n,.;|/]{2,50})"
    r"|\bby (?P<who2>[^,\n]{3,60}), identified by DVIDS"
    r"|(?:[—–-]|^)\s*By\s+(?P<who3>[A-ZÀ-Þ][\w'’-]+(?:\s+[A-ZÀ-Þ][\w'’-]+){1,4})\s*$"
    r"|^\s*(?:Photos?|Photographs?|Images?):\s*(?P<who4>[^\n/|]{3,60}?)\s*(?:/|\||$)", re.M)
_PERSON = r"[A-ZÀ-Þ][\w'’.-]*(?:[ ]+[A-ZÀ-Þ][\w'’.-]*){0,4}"
# "(Reporting by A and B; Editing by C)": every name credited is a byline
_CREDIT = prefiltered(
    rf"\b(?:[Aa]dditional )?(?:[Rr]eporting|[Ee]diting|[Ee]dited|[Cc]ompiled|[Ww]riting) by (?P<who>{_PERSON}(?:(?:,| and| &)[ ]+{_PERSON})*)")
# "Staff Sgt. Kevin Brooks is a public affairs specialist with ...": a sign-off line
_SIGN_OFF = re.compile(
    rf"(?m)^(?P<who>{_PERSON}) is (?:an?|the) (?:[\w-]+[ ]+){{0,3}}?(?:reporter|writer|journalist|correspondent|editor|"
    r"photographer|photojournalist|public affairs (?:specialist|officer|NCO)|contributor|intern)\b")
_LONE_NAME = re.compile(r"^[A-ZÀ-Þ][a-zà-ÿ'’-]+(?: [A-ZÀ-Þ][a-zà-ÿ'’-]+){1,2}$")
_MASTHEAD = prefiltered(r"^(?:Press|Government|Ministry|Department|Office|News|Defence News|Defense News|Home|Base)\b|(?:Bureau|Ministry of Defen[cs]e|Department of Defen[cs]e|Insider)$")
_COMMON_WORDS = frozenset(
    """new update news home key takeaways popular posts share related latest breaking top more
    read the a an and of in on for to with by from defense defence military army navy air force
    press release media world politics opinion video photo story views comments subscribe""".split()
)


def _date_from(match: re.Match[str]) -> date | None:
    groups = match.groupdict()
    month, day, year = (groups["m"], groups["d"], groups["y"]) if groups.get("m") else (
        groups["m2"], groups["d2"], groups["y2"])
    month_number = int(month) if month.isdigit() else MONTHS[month[:3].lower()]
    try:
        return date(int(year), month_number, int(day))
    except ValueError:
        return None


def _header_date(text: str) -> tuple[PartialDate, Span] | None:
    """A full date on one of the first lines, alone or after a dateline place."""
    for span in line_spans(text)[:8]:
        match = _FULL_DATE.search_by(text, span.start, span.end, span.start + 45)
        if not match:
            continue
        if not _HEADER_PREFIX.match(text[span.start : match.start()]):
            continue
        month = match.group("m") or match.group("m2")
        try:
            value = date(int(match.group("y") or match.group("y2")), MONTHS[month[:3].lower()],
                         int(match.group("d") or match.group("d2")))
        except ValueError:
            continue
        return PartialDate(value, "day"), Span(*match.span())
    return None


def extract_published(text: str) -> tuple[PartialDate | None, Span | None, str]:
    header = _header_date(text)
    for rule, pattern in _PUBLISHED[:5]:
        for match in pattern.finditer(text):
            value = _date_from(match)
            if value is not None:
                return PartialDate(value, "day"), Span(*match.span()), rule
    if header:
        return header[0], header[1], "header_date"
    for rule, pattern in _PUBLISHED[5:]:
        for match in pattern.finditer(text):
            value = _date_from(match)
            if value is not None:
                return PartialDate(value, "day"), Span(*match.span()), rule
    return None, None, ""


_DATED_PLACE = re.compile(
    r"^(?P<place>[A-ZÀ-Þ][\w'’.-]+(?: (?:de |da |do |del )?[A-ZÀ-Þ][\w'’.-]+){0,3})(?:\s*\([^)\n]{1,12}\))?"
    r"(?:,\s*(?P<region>[A-Z][a-z]+(?: [A-Z][a-z]+)?))?,\s*(?=" + _FULL_DATE.pattern + r")", re.M | re.I)


def _dated_place(text: str) -> LocationMention | None:
    """"Warsaw, 15 January 2025" / "TABATINGA (AM), 13 September 2024" on a header line."""
    for span in line_spans(text)[:8]:
        match = _DATED_PLACE.match(text, span.start, span.end)
        if not match or not match.group("place")[0].isupper():
            continue
        raw = match.group("place")
        region = match.group("region")
        country = ("US" if region in us_states() else country_code(region)) if region else None
        place = lookup_place(raw, country)
        if place is None:
            continue
        name = " ".join(w.capitalize() if raw.isupper() else w for w in raw.split())
        return LocationMention(name, place.kind, place.country, place.lat, place.lon,  # type: ignore[arg-type]
                               [Span(match.start("place"), match.end("place"))], "dated_header_place", 0.7)
    return None


def extract_dateline(text: str) -> LocationMention | None:
    dated = _dated_place(text)
    if dated is not None:
        return dated
    match = _DATELINE.search(text, 0, 400)
    if not match or len(match.group("place")) < 3:
        return None
    raw = match.group("place").strip()
    region = match.group("region")
    country = None
    if region:
        country = "US" if region in us_states() else country_code(region)
    name = " ".join(w if len(w) <= 3 and "." in w else w.capitalize() for w in raw.split())
    place = lookup_place(raw, country)
    evidence = [Span(match.start("place"), match.end("region") if region else match.end("place"))]
    if place is not None:
        return LocationMention(name, place.kind, place.country, place.lat, place.lon, evidence,  # type: ignore[arg-type]
                               "dateline_gazetteer", 0.8)
    if country is None and region is None:
        return None  # an upper-case word and a dash is too weak without a region
    return LocationMention(name, "city", country, None, None, evidence, "dateline_unresolved", 0.5)


def extract_title(text: str) -> tuple[str | None, Span | None]:
    lines = line_spans(text)
    if len(lines) < 2:
        return None, None
    for span in lines[:5]:
        line = text[span.start : span.end]
        words = line.split()
        if _MASTHEAD.search(line) and len(words) <= 5:
            continue  # "Press Information Bureau", "Ministry of Defence": a masthead, not a title
        if _DATELINE.match("\n" + line + " ") or line.lower().startswith("date"):
            return None, None
        if 3 <= len(words) <= 25 and not line.endswith((".", "–", "—", "-", ":")):
            return line, span
        if len(words) > 25:
            return None, None
    return None, None


def extract_bylines(text: str, title_span: Span | None = None) -> list[tuple[str, Span]]:
    found: list[tuple[str, Span]] = []
    for pattern in (_BYLINE, _BYLINE_INLINE):
        for match in pattern.finditer(text):
            group = next((g for g in ("who", "who2", "who3", "who4") if match.groupdict().get(g)), "who")
            who = match.group(group).strip()
            # The last rank word before the name ("Leading Seaman", "Sgt.").
            ranks = list(RANK_RE.finditer(who))
            name = who[ranks[-1].end():].strip(" ,.") if ranks else who
            name = re.split(r"\s*[;,]\s*|\.\s", name)[0]
            if name:
                found.append((name, Span(match.start(group), match.start(group) + len(who))))
    found.extend(_credits(text))
    for span in line_spans(text)[:12]:
        line = text[span.start : span.end]
        if title_span and span.start == title_span.start:
            continue
        if _LONE_NAME.match(line) and not any(w.lower() in _COMMON_WORDS for w in line.split()) \
                and country_code(line) is None and lookup_place(line) is None:
            found.append((line, span))
    return found


def _credits(text: str) -> list[tuple[str, Span]]:
    """Names from "Reporting by ...; Editing by ..." credits and "X is a reporter" sign-offs."""
    found: list[tuple[str, Span]] = []
    for pattern in (_CREDIT, _SIGN_OFF):
        for match in pattern.finditer(text):
            for part in re.finditer(r"[^,&]+?(?=\s*(?:,|\band\b|&|$))", match.group("who")):
                who = re.sub(r"^\s*and\s+", "", part.group(0)).strip()
                ranks = list(RANK_RE.finditer(who))
                name = (who[ranks[-1].end():] if ranks else who).strip(" ,.;")
                if len(name.split()) >= 2:
                    start = match.start("who") + part.start()
                    found.append((name, Span(start, start + len(part.group(0)))))
    return found


def extract_document_facts(text: str) -> DocumentFacts:
    published, published_span, _ = extract_published(text)
    title, title_span = extract_title(text)
    bylines = extract_bylines(text, title_span)
    facts = DocumentFacts(
        title=title,
        published=published,
        dateline=extract_dateline(text),
        bylines=list(dict.fromkeys(name for name, _ in bylines)),
        evidence=[s for s in (published_span, title_span) if s] + [s for _, s in bylines],
    )
    if published is None:
        inferred = infer_context_year(text)
        if inferred:
            facts.context_year, facts.context_year_rule, facts.context_year_evidence = inferred
    return facts
