"""Word search through the full-text indexes: FTS5 on SQLite, tsvector and GIN on PostgreSQL.

What a search means, the same on both databases: the text is cut into words (runs of letters
and digits; everything else separates them), case is ignored, and Latin letters match with or
without their accents (é = e, ñ = n, ł = l, ø = o, ß = ss, æ = ae ...). Every word of the
search must begin a word of the searched text, in any order: `staff tal` finds "Army Staff
Talks", `peru` finds "Peruvian", `vizcarra alvarez` finds "Vizcarra Álvarez". The search is
plain text: it is turned into words here, and each word is quoted, so nothing a user types is
read as FTS5 or tsquery syntax.

The databases fold the stored text the same way (see migration 0003): SQLite's unicode61
tokenizer with `remove_diacritics 2` plus `replace()` for the letters it keeps (ł, ø, ß ...);
PostgreSQL's `search_vector()`, which lower-cases, decomposes (NFD), drops the marks after
a-z and translates the same letters, its result stored in `search_words` columns (migration
0009). Known gap: letters of other scripts keep their marks (Greek ά is not α).
"""

import re
import unicodedata
from typing import Any

from sqlalchemy import Boolean, ColumnElement, TextClause, column, text
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.visitors import InternalTraversal

# Letters without a canonical decomposition that the search treats as their base letters.
LETTER_FOLDS = {"ł": "l", "ø": "o", "đ": "d", "ð": "d", "ı": "i", "ħ": "h", "ŀ": "l", "ß": "ss", "æ": "ae", "œ": "oe", "þ": "th"}
_FOLDS = str.maketrans(LETTER_FOLDS)
_MARKS_AFTER_LATIN = re.compile(r"(?<=[a-z])[\u0300-\u036f]+")
_WORD = re.compile(r"[^\W_]+")
MAX_WORDS = 32  # a longer search is cut here: 200 characters rarely hold more words


def search_words(value: str) -> list[str]:
    """'Vizcarra-Álvarez, Łódź!' -> ['vizcarra', 'alvarez', 'lodz']: the words an index holds."""
    folded = _MARKS_AFTER_LATIN.sub("", unicodedata.normalize("NFD", value.lower())).translate(_FOLDS)
    words = list(dict.fromkeys(_WORD.findall(folded)))
    return words[:MAX_WORDS]


def fts5_query(words: list[str]) -> str:
    """An FTS5 MATCH expression: every word as a quoted prefix ('"staff"* "talks"*')."""
    return " ".join('"' + word.replace('"', '""') + '"*' for word in words)


def tsquery(words: list[str]) -> str:
    """A to_tsquery() argument: every word as a quoted prefix, all required ("'staff':* & 'talks':*")."""
    # Words are letters and digits only (no quote, no backslash), so quoting them is enough.
    return " & ".join("'" + word + "':*" for word in words)


class ByDialect(ColumnElement[bool]):
    """A condition spelled once per database; the compiler renders the current database's.

    The two spellings must not share parameter names: both are part of the statement.
    """

    inherit_cache = True
    type = Boolean()
    # A condition as it is: without this, SQLite would get `(... IN (...)) = 1`, which its
    # planner cannot turn into an index lookup, and tests the whole table row by row.
    _is_implicitly_boolean = True
    _traverse_internals = [
        ("sqlite", InternalTraversal.dp_clauseelement),
        ("postgresql", InternalTraversal.dp_clauseelement),
    ]

    def __init__(self, sqlite: ColumnElement[bool], postgresql: ColumnElement[bool]) -> None:
        self.sqlite = sqlite
        self.postgresql = postgresql


@compiles(ByDialect)
def _compile_by_dialect(element: ByDialect, compiler: Any, **kw: Any) -> str:
    chosen = element.sqlite if compiler.dialect.name == "sqlite" else element.postgresql
    return str(compiler.process(chosen, **kw))


def _ids(sql: str, **values: str) -> Any:
    statement: TextClause = text(sql).bindparams(**values)
    return statement.columns(column("id"))


def engagement_ids_matching(words: list[str]) -> dict[str, Any]:
    """Per database, a SELECT of the ids of engagements whose title, summary or a supporting quote has `words`
    (an id may come more than once: for `IN`, see `in_matching`)."""
    # A quote's rowid holds its engagement id in the high 32 bits (migration 0010): read there,
    # not looked up in `evidence` once per matching quote. UNION ALL: the IN around this
    # already ignores repeats, and a UNION would sort them out once more (4-12% of the search
    # at 100,000 engagements).
    sqlite = _ids(
        "SELECT rowid AS id FROM engagement_search WHERE engagement_search MATCH :fts5_words"
        " UNION ALL SELECT rowid >> 32 FROM evidence_search WHERE evidence_search MATCH :fts5_words",
        fts5_words=fts5_query(words),
    )
    # The stored vectors and their GIN indexes (migration 0009): a lossy bitmap's recheck reads
    # the vector instead of recomputing it from the text. UNION stays here: UNION ALL measured
    # 1.08x faster for `minister` but 2.2x slower for `kyiv` and 1.14x for `staff` at 100,000.
    postgresql = _ids(
        "SELECT engagement.id FROM engagement"
        " WHERE engagement.search_words @@ to_tsquery('pg_catalog.simple', :tsquery_words)"
        " UNION SELECT evidence.engagement_id FROM evidence"
        " WHERE evidence.engagement_id IS NOT NULL"
        " AND evidence.search_words @@ to_tsquery('pg_catalog.simple', :tsquery_words)",
        tsquery_words=tsquery(words),
    )
    return {"sqlite": sqlite, "postgresql": postgresql}


TRIGRAM = 3  # the shortest term a trigram index can answer


def name_containing(id_column: Any, name_key_column: Any, term: str) -> ColumnElement[bool]:
    """People whose folded name contains `term` (folded too), through each database's trigram index.

    SQLite: the FTS5 trigram table of migration 0005, given the term as one quoted phrase,
    matches exactly the names containing it. Shorter terms than a trigram, and PostgreSQL
    (whose GIN pg_trgm index serves LIKE itself), get the LIKE.
    """
    like = name_key_column.contains(term, autoescape=True)
    if len(term) < TRIGRAM:
        return like
    phrase = '"' + term.replace('"', '""') + '"'
    in_trigrams = id_column.in_(_ids("SELECT rowid AS id FROM person_name_search WHERE person_name_search MATCH :name_phrase",
                                     name_phrase=phrase))
    return ByDialect(in_trigrams, like)


def in_matching(id_column: Any, queries: dict[str, Any]) -> ColumnElement[bool]:
    """`id_column IN (<the current database's query>)`."""
    return ByDialect(id_column.in_(queries["sqlite"]), id_column.in_(queries["postgresql"]))


# What migrations 0003, 0004, 0005 and 0007 make outside the models' metadata: FTS5 tables (and
# their shadow tables) on SQLite, expression and trigram indexes on PostgreSQL, expression
# indexes in the lists' order, on the widest span, on the start year and on the start month
# (app/schema_extras.py gathers them with the other derived objects).
SEARCH_TABLES = ("engagement_search", "evidence_search", "person_name_search")
# PostgreSQL's stored vectors (migration 0009), as (table, column).
SEARCH_COLUMNS = (("engagement", "search_words"), ("evidence", "search_words"))
SEARCH_INDEXES = (
    "ix_engagement_search", "ix_evidence_search", "ix_person_name_key_trgm",
    "ix_engagement_list_start_desc", "ix_engagement_list_start_asc", "ix_document_list",
    "ix_engagement_span_width", "ix_engagement_start_year", "ix_engagement_start_month",
)
