"""Faster regex scans: a pattern is tried only where its first characters can start a match.

Heuristic: Python's `re` skips ahead quickly only when a pattern opens with literal
characters; ours open with `\\b`, lookbehinds or `re.I` letters, so `re` attempts a full match
at every character, which was most of the extractor's time. `Prefiltered` reads the
pattern's syntax tree once and collects the character classes its matches open with (up to
`_DEPTH`, `re.I` folding spelt out) into a case-sensitive "starts" pattern of literal-led
alternatives, which `re` skips through in C. The real pattern is then tried with `match()`
at those positions only; that gives exactly what `finditer`/`search` give, since `search`
returns the first position where `match` succeeds (`\\b` and lookbehinds still see the
characters before `pos`). A pattern anchored by `^` under re.M is tried only after newlines;
a `gated` one first looks for a literal every match must hold, and stops when it is absent.
Known failure: a pattern that can open with nearly any character (`\\w`, `.`, a capital)
gains nothing and may lose a little; wrap only patterns a measurement shows faster.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

try:  # the parser is private: without it patterns are searched as they are
    from re import _constants as _c
    from re import _parser
except ImportError:  # pragma: no cover
    _parser = None  # type: ignore[assignment]

_DEPTH = 4  # classes per prefix: enough to rule out nearly every position
_MAX_PREFIXES = 400
_MAX_CLASS = 120
_MAX_HEADS = 64
_MAX_SOURCE = 3000
# Under re.I these non-ASCII characters match ASCII letters (a test checks the list).
EXTRA_FOLDS = {"i": "\u0130\u0131", "k": "\u212a", "s": "\u017f"}
# One position of a prefix: a finite set of characters, or a regex class that is a superset.
Element = frozenset[str] | str
_ANY = "[\\s\\S]"
_DIGIT = "\\d"
_SPACE = "\\s"
_CATEGORIES = {"CATEGORY_DIGIT": _DIGIT, "CATEGORY_SPACE": _SPACE, "CATEGORY_WORD": "\\w"}
_NON_ASCII_DIGIT = re.compile(r"[^\D0-9]")


class _Unmodelled(Exception):
    """The pattern uses something the prefix reader does not model."""


def _fold(char: str, ignore_case: bool) -> str | None:
    """The characters a literal matches; None when re.I makes that hard to know."""
    if not ignore_case or char.lower() == char.upper():
        return char
    if not char.isascii():
        return None
    low = char.lower()
    return low + low.upper() + EXTRA_FOLDS.get(low, "")


def _element(op: Any, av: Any, flags: int) -> Element:
    ignore_case = bool(flags & re.IGNORECASE)
    if op is _c.LITERAL:
        chars = _fold(chr(av), ignore_case)
        return _ANY if chars is None else frozenset(chars)
    if op is not _c.IN:
        return _ANY
    if len(av) == 1 and av[0][0] is _c.CATEGORY and str(av[0][1]) in _CATEGORIES:
        return _CATEGORIES[str(av[0][1])]
    found: set[str] = set()
    for kind, value in av:
        if kind is _c.LITERAL:
            codes = [value]
        elif kind is _c.RANGE and value[1] - value[0] < _MAX_CLASS:
            codes = list(range(value[0], value[1] + 1))
        else:
            return _mixed_class(av, ignore_case)
        for code in codes:
            chars = _fold(chr(code), ignore_case)
            if chars is None:
                return _ANY
            found.update(chars)
    return frozenset(found) if len(found) <= _MAX_CLASS else _ANY


_CLASS_CATEGORIES = {"CATEGORY_DIGIT": "\\d", "CATEGORY_NOT_DIGIT": "\\D", "CATEGORY_SPACE": "\\s",
                     "CATEGORY_NOT_SPACE": "\\S", "CATEGORY_WORD": "\\w", "CATEGORY_NOT_WORD": "\\W"}


def _mixed_class(items: Any, ignore_case: bool) -> str:
    """A class with categories or negation, written back as it was (`_ANY` if re.I could change it)."""
    parts = []
    for kind, value in items:
        if kind is _c.NEGATE and not parts:
            parts.append("^")
        elif kind is _c.CATEGORY and str(value) in _CLASS_CATEGORIES:
            parts.append(_CLASS_CATEGORIES[str(value)])
        elif kind is _c.LITERAL and _fold(chr(value), ignore_case) == chr(value):
            parts.append(re.escape(chr(value)))
        elif kind is _c.RANGE and not ignore_case:
            parts.append(re.escape(chr(value[0])) + "-" + re.escape(chr(value[1])))
        else:
            return _ANY
    return "[" + "".join(parts) + "]"


Prefixes = frozenset[tuple[Element, ...]]


def _prefixes(items: list[Any], flags: int, depth: int, tail: Prefixes, at: int = 0,
              memo: dict[Any, Any] | None = None) -> Prefixes:
    """Element sequences (at most `depth` long) that every match of `items[at:]` then `tail` opens with."""
    if depth == 0:
        return frozenset({()})
    if at == len(items):
        return frozenset(t[:depth] for t in tail)
    memo = {} if memo is None else memo
    # the same sub-pattern is read again for every way of reaching it: remember the answers
    key = (id(items), at, flags, depth, tail)
    if key not in memo:
        memo[key] = _read(items, flags, depth, tail, at, memo)
    return memo[key]


def _read(items: list[Any], flags: int, depth: int, tail: Prefixes, at: int,
          memo: dict[Any, Any]) -> Prefixes:
    op, av = items[at]
    if op in (_c.LITERAL, _c.IN, _c.ANY, _c.NOT_LITERAL):
        element = _element(op, av, flags)
        return frozenset((element, *t) for t in _prefixes(items, flags, depth - 1, tail, at + 1, memo))
    if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
        return _prefixes(items, flags, depth, tail, at + 1, memo)  # zero-width: leaving it out only widens the set
    follow = _prefixes(items, flags, depth, tail, at + 1, memo)
    if op is _c.SUBPATTERN:
        _, add, remove, sub = av
        return _prefixes(sub.data, (flags | add) & ~remove, depth, follow, 0, memo)
    if op is _c.ATOMIC_GROUP:
        return _prefixes(av.data, flags, depth, follow, 0, memo)
    if op is _c.BRANCH:
        return frozenset().union(*(_prefixes(alt.data, flags, depth, follow, 0, memo) for alt in av[1]))
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", None)):
        low, high, sub = av
        if high == 1:
            after_one = follow
        elif () in _prefixes(sub.data, flags, 1, frozenset({()}), 0, memo):
            after_one = frozenset({()})  # a repetition that may be empty: leave what follows open
        else:
            # every repetition reads a character, so what may follow one needs a level less
            again = (op, (max(low - 1, 0), high if high == _c.MAXREPEAT else high - 1, sub))
            # kept in the memo, so that its id is never reused while the memo lives
            items_again = memo.setdefault(("again", id(sub), again[1][:2]), [again])  # type: ignore[call-overload]
            after_one = _prefixes(items_again, flags, depth - 1, follow, 0, memo)
        once = _prefixes(sub.data, flags, depth, after_one, 0, memo)
        return once | follow if low == 0 else once
    raise _Unmodelled(str(op))


Word = tuple[frozenset[str], ...]


def _required(items: list[Any], flags: int) -> frozenset[Word] | None:
    """Literal runs of which every match of `items` holds at least one; None if none is known."""
    options: list[frozenset[Word]] = []
    run: list[frozenset[str]] = []

    def close() -> None:
        if run:
            options.append(frozenset({tuple(run)}))
            run.clear()

    for op, av in items:
        if op is _c.LITERAL:
            chars = _fold(chr(av), bool(flags & re.IGNORECASE))
            if chars is not None:
                run.append(frozenset(chars))
                continue
        elif op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
            continue  # reads no character, so the run around it is contiguous text
        close()
        found: frozenset[Word] | None = None
        if op is _c.SUBPATTERN:
            found = _required(list(av[3].data), (flags | av[1]) & ~av[2])
        elif op is _c.ATOMIC_GROUP:
            found = _required(list(av.data), flags)
        elif op is _c.BRANCH:
            alternatives = [_required(list(alt.data), flags) for alt in av[1]]
            if all(alternatives):
                found = frozenset().union(*alternatives)  # type: ignore[arg-type]
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", None)) and av[0] >= 1:
            found = _required(list(av[2].data), flags)
        if found:
            options.append(found)
    close()
    # the most selective option: words of three characters or more, all led by rare letters
    return max(options, key=lambda words: (min(map(len, words)) >= 3, min(_rarity(_lead(w)[0]) for w in words),
                                           -len(words)), default=None)


# English letters, commonest first: a gate led by a rare one makes `re` stop less often
_COMMON = " etaoinshrdlcumwfgypbvkjxqz"


def _rarity(chars: frozenset[str]) -> int:
    return min(_COMMON.find(c.lower()) % 100 if c.lower() in _COMMON else 20 for c in chars)


def _lead(word: Word) -> Word:
    """The rest of `word` from its rarest character, at least three characters long."""
    if len(word) < 3:
        return word
    start = max(range(len(word) - 2), key=lambda i: _rarity(word[i]))
    return word[start:]


def _gate(regex: re.Pattern[str]) -> re.Pattern[str] | None:
    """A pattern that finds one of the literal runs every match holds (None if they are too short)."""
    if _parser is None or regex.flags & (re.ASCII | re.LOCALE):
        return None
    try:
        parsed = _parser.parse(regex.pattern, regex.flags)
    except re.error:
        return None
    required = _required(list(parsed.data), parsed.state.flags)
    if not required or min(map(len, required)) < 3:
        return None
    # any part of a word every match holds is held by every match too
    words = {_lead(word) for word in required}
    branches = [re.escape(first) + "".join(map(_class, word[1:])) for word in words for first in sorted(word[0])]
    return re.compile("|".join(branches))


def _class(element: Element) -> str:
    if isinstance(element, str):
        return element
    if len(element) == 1:
        return re.escape(next(iter(element)))
    return "[" + "".join(sorted(re.escape(c) for c in element)) + "]"


def _render(prefixes: Prefixes) -> str:
    """A trie of `prefixes` as a regex (an empty prefix accepts anything)."""
    if () in prefixes:
        return ""
    heads: dict[Element, set[tuple[Element, ...]]] = {}
    for prefix in prefixes:
        heads.setdefault(prefix[0], set()).add(prefix[1:])
    return "(?:" + "|".join(_class(head) + _render(frozenset(tails)) for head, tails in heads.items()) + ")"


def _starts(regex: re.Pattern[str]) -> tuple[re.Pattern[str], int, bool] | None:
    """(starts pattern, offset from its match to the candidate, whether a non-ASCII digit can open a
    match), or None if nothing helps."""
    if _parser is None or regex.flags & (re.ASCII | re.LOCALE):
        return None
    parsed = _parser.parse(regex.pattern, regex.flags)
    for depth in range(_DEPTH, 0, -1):
        try:
            prefixes = _prefixes(parsed.data, parsed.state.flags, depth, frozenset({()}))
        except (_Unmodelled, RecursionError):
            return None
        if not prefixes or () in prefixes:
            return None  # the pattern can match nothing at all
        found = _starts_source(prefixes, parsed) if len(prefixes) <= _MAX_PREFIXES else None
        # re compiles a long pattern slowly (a startup cost): shallower prefixes keep it short
        if found is not None and len(found[0]) <= _MAX_SOURCE:
            return re.compile(found[0]), found[1], found[2]
    return None


def _starts_source(prefixes: Prefixes, parsed: Any) -> tuple[str, int, bool] | None:
    if parsed.data[0] == (_c.AT, _c.AT_BEGINNING) and parsed.state.flags & re.MULTILINE:
        # "^" under re.M: candidates are just after a newline (and the text's start, tried apart)
        return f"\n(?={_render(prefixes)})", 1, False
    heads: dict[Element, set[tuple[Element, ...]]] = {}
    for prefix in prefixes:
        heads.setdefault(prefix[0], set()).add(prefix[1:])
    if any(isinstance(head, str) and head not in (_DIGIT, _SPACE) for head in heads):
        return None
    # every alternative opens with one literal character, so `re` scans for those in C
    branches = []
    for head, tails in heads.items():
        rest = _render(frozenset(tails))
        chars = string.digits if head == _DIGIT else _whitespace() if head == _SPACE else head
        branches.extend(re.escape(char) + rest for char in sorted(chars))
    if len(branches) > _MAX_HEADS:
        return None
    return "|".join(branches), 0, _DIGIT in heads


@lru_cache(maxsize=1)
def _whitespace() -> str:
    """What `\\s` matches in a str pattern (nothing past U+3000 is whitespace; a test checks)."""
    return "".join(c for c in map(chr, range(0x3001)) if c.isspace())


@lru_cache(maxsize=4)
def _has_non_ascii_digit(text: str) -> bool:
    return not text.isascii() and _NON_ASCII_DIGIT.search(text) is not None


class Prefiltered:
    """A compiled pattern whose `finditer` and `search` try it only where its starts pattern matches."""

    __slots__ = ("regex", "starts", "gate", "_gated", "_prepared", "_offset", "_opens_with_digit")

    def __init__(self, regex: re.Pattern[str], gated: bool = False) -> None:
        self.regex = regex
        self._gated = gated
        self._prepared = False  # reading and compiling waits for the first search: startup stays quick

    def prepare(self) -> Prefiltered:
        """Build the starts pattern (and the gate) now; searches do it on first use."""
        if not self._prepared:
            found = _starts(self.regex)
            self.starts, self._offset, self._opens_with_digit = found if found else (None, 0, False)
            # for rare patterns: one quick look for a word every match holds usually settles it
            self.gate = _gate(self.regex) if self._gated else None
            self._prepared = True
        return self

    def __getattr__(self, name: str) -> Any:
        return getattr(self.regex, name)

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[re.Match[str]]:
        end = len(text) if endpos is None else min(endpos, len(text))
        if not self._prepared:
            self.prepare()
        if self.gate is not None and self.gate.search(text, pos, end) is None:
            return
        if self.starts is None or self._opens_with_digit and _has_non_ascii_digit(text):
            yield from self.regex.finditer(text, pos, end)
            return
        starts, match, offset = self.starts.search, self.regex.match, self._offset
        if offset and pos == 0 and (found := match(text, 0, end)) is not None:
            yield found
            pos = found.end()  # never empty: every prefix holds at least one character
        while (candidate := starts(text, max(pos - offset, 0), end)) is not None:
            start = candidate.start() + offset
            found = match(text, start, end)
            if found is None:
                pos = start + 1
                continue
            yield found
            pos = found.end()

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        if not self._prepared:
            self.prepare()
        if self._offset:
            return next(self.finditer(text, pos, endpos), None)
        end = len(text) if endpos is None else min(endpos, len(text))
        return self.search_by(text, pos, end, end)

    def search_by(self, text: str, pos: int, endpos: int, last_start: int) -> re.Match[str] | None:
        """`search`, or None when the first match starts after `last_start` (found without reading past it)."""
        if not self._prepared:
            self.prepare()
        if self.gate is not None and self.gate.search(text, pos, endpos) is None:
            return None
        if self.starts is None or self._offset or self._opens_with_digit and _has_non_ascii_digit(text):
            found = self.regex.search(text, pos, endpos)
            return found if found is not None and found.start() <= last_start else None
        # a starts match is at most _DEPTH characters long, so it need not be looked for further on
        stop = min(endpos, last_start + 1 + _DEPTH)
        while (candidate := self.starts.search(text, pos, stop)) is not None and candidate.start() <= last_start:
            found = self.regex.match(text, candidate.start(), endpos)
            if found is not None:
                return found
            pos = candidate.start() + 1
        return None


def prefiltered(pattern: str, flags: int = 0, gated: bool = False) -> Prefiltered:
    """`re.compile`, searched through its starts pattern (and first its gate, when `gated`)."""
    return Prefiltered(re.compile(pattern, flags), gated)
