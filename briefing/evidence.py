"""Quotes against a source's text: the normalization both sides share, and where (or
whether) a quote occurs. Pure: the saved copies are read and extracted by ``saved``.

A quote is *found* when its text occurs in the source's text after the same normalization of
both (Unicode NFKC; typographic quotes, apostrophes and dashes folded to ASCII; HTML entities
decoded; soft hyphens and zero-width characters dropped; each run of white space one space).
Case is kept and nothing else is forgiven: a changed number or an added "not" is not found.

A source's *text* keeps its paragraphs, one a line, each normalized; searched, a line break
counts as the one space it stands for, so positions in the text and in the search agree.
"""

from __future__ import annotations

import html
import re
import unicodedata
from bisect import bisect_right
from typing import Any, Literal, NamedTuple

# Folded to ASCII after NFKC (which leaves these alone): what a typographer or a word
# processor changes in words that were typed plainly.
_FOLD = str.maketrans(
    {
        **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u02bc", "'"),
        **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb", '"'),
        **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"),
        **dict.fromkeys("\u00ad\u200b\u200c\u200d\u2060\ufeff", None),
    }
)
_SPACE = re.compile(r"\s+")
_BREAKS = re.compile(r"\s*\n\s*")


def normalize(text: str) -> str:
    """One line of words as compared: see the module's rules."""
    return _SPACE.sub(" ", unicodedata.normalize("NFKC", html.unescape(text)).translate(_FOLD)).strip()


def normalize_text(text: str) -> str:
    """A source's text as kept: its paragraphs (non-blank lines) one a line, each normalized."""
    lines = (normalize(line) for line in _BREAKS.split(unicodedata.normalize("NFKC", text).replace("\u2028", "\n").replace("\u2029", "\n")))
    return "\n".join(line for line in lines if line)


Status = Literal["found", "not found", "ambiguous", "unverified"]


class Match(NamedTuple):
    """Where a quote stands in a source's (normalized) text."""

    status: Status
    #: The quote's place in the text (``start``, ``end``) when found.
    start: int = -1
    end: int = -1
    #: How many times the words occur (ambiguous: more than once, and prefix/suffix do not choose).
    times: int = 0
    #: Not found: the closest passage and how alike it is, 0–100.
    closest: str = ""
    similarity: float = 0.0

    def hint(self) -> str:
        """The finding's words for a quote that is not found or not single."""
        if self.status == "ambiguous":
            return f"occurs {self.times} times; add prefix or suffix"
        if self.status == "not found":
            if self.times:
                times = "once" if self.times == 1 else f"{self.times} times"
                return f"occurs {times}, but not between the prefix and suffix given"
            if not self.closest:
                return "not found in the saved copy"
            return f"not found in the saved copy; closest: '… {self.closest} …' ({self.similarity:.0f}%)"
        return ""


def occurrences(words: str, searched: str) -> list[int]:
    """Every start of ``words`` in ``searched`` that cuts no word in two (a quote ending in
    "sprin" is not the source's "spring"), overlapping ones included."""
    starts = []
    open_start, open_end = words[:1].isalnum(), words[-1:].isalnum()
    at = searched.find(words)
    while at >= 0:
        end = at + len(words)
        if not (open_start and at > 0 and searched[at - 1].isalnum()) and not (open_end and end < len(searched) and searched[end].isalnum()):
            starts.append(at)
        at = searched.find(words, at + 1)
    return starts


def searchable(text: str) -> str:
    """A source's kept text as searched: a line break is the space it stands for."""
    return text.replace("\n", " ")


def find_quote(text: str, quote: str, prefix: str | None = None, suffix: str | None = None, searched: str | None = None) -> Match:
    """Where ``quote`` occurs in a source's kept text (``normalize_text``); ``prefix`` and
    ``suffix`` (the words just before and after) choose among repeats. ``searched``: the text
    already passed through ``searchable``, when many quotes are looked for in one text."""
    if searched is None:
        searched = searchable(text)
    words = normalize(quote)
    if not words:
        return Match("not found")
    starts = occurrences(words, searched)
    if not starts:
        closest, similarity = closest_passage(searched, words)
        return Match("not found", closest=closest, similarity=similarity)
    if prefix is not None:
        before = normalize(prefix)
        starts = [s for s in starts if searched[:s].rstrip().endswith(before)]
    if suffix is not None:
        after = normalize(suffix)
        starts = [s for s in starts if searched[s + len(words) :].lstrip().startswith(after)]
    if not starts:  # the words are there, but not between these neighbours
        return Match("not found", times=len(occurrences(words, searched)))
    if len(starts) > 1:
        return Match("ambiguous", starts[0], starts[0] + len(words), times=len(starts))
    return Match("found", starts[0], starts[0] + len(words), times=1)


def closest_passage(searched: str, words: str) -> tuple[str, float]:
    """The passage of ``searched`` most like ``words``, and how alike (0–100), for a hint."""
    from rapidfuzz import fuzz

    alignment = fuzz.partial_ratio_alignment(words, searched) if searched else None
    if alignment is None:  # (rapidfuzz gives None only below a score cutoff, which is 0 here)
        return "", 0.0
    start, end = alignment.dest_start, alignment.dest_end
    # Widen to whole words, so the hint reads as the source's words.
    while start > 0 and not searched[start - 1].isspace():
        start -= 1
    while end < len(searched) and not searched[end].isspace():
        end += 1
    passage = searched[start:end].strip()
    return passage, fuzz.ratio(words, passage)  # alike as a whole: "sprin" is not 100% "spring."


_SENTENCE_END = re.compile(r"(?<=[.!?])[\"')\]]*\s+(?=[\"'(\[]?[A-Z0-9])")


def context(text: str, start: int, end: int, limit: int = 400) -> tuple[str, str, str]:
    """The sentence around ``text[start:end]`` (within its paragraph): the words before the
    quote, the quote, the words after; cut to about ``limit`` characters with "…"."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    if line_end == -1:  # the text's last paragraph
        line_end = len(text)
    sentence_start = line_start
    # To start + 1: a boundary's lookahead must see the quote's first letter (a quote that
    # opens a sentence); none can end past start, where the quote's first letter is no space.
    for boundary in _SENTENCE_END.finditer(text, line_start, start + 1):
        sentence_start = boundary.end()
    after_end = _SENTENCE_END.search(text, end, line_end)
    sentence_end = after_end.start() + 1 if after_end else line_end
    before, quoted, after = text[sentence_start:start], text[start:end], text[end:sentence_end]
    room = max((limit - len(quoted)) // 2, 0)
    if len(before) > room:
        before = "…" + before[len(before) - room :].lstrip()
    if len(after) > room:
        after = after[:room].rstrip() + "…"
    return before.lstrip(), quoted, after.rstrip()


class QuoteCheck(NamedTuple):
    """One quote of one item, and where it stands in its source's saved copy."""

    #: The item's reference, ``kind:key`` (as the index names it), and the quote's path in the data.
    ref: str
    path: tuple[str | int, ...]
    #: The quote as the model holds it (``model.Quote``).
    quote: Any
    match: Match


class Verification(NamedTuple):
    """A briefing's saved copies and quotes, checked (``saved.verify``): what the views mark."""

    #: Each source's copy: "ok", "missing", "changed", "unreadable", "outside" or "none".
    copies: dict[int, str]
    #: The kept text of each copy that could be read.
    texts: dict[int, str]
    quotes: list[QuoteCheck]
    #: ``check``'s findings (``model.Finding``).
    findings: list[Any]

    def of(self, ref: str) -> list[QuoteCheck]:
        """The quotes of one item, in the order written."""
        return [check for check in self.quotes if check.ref == ref]

    def passages(self, source_id: int) -> list[QuoteCheck]:
        """The quotes found in one source's copy, in the order they stand in it."""
        found = [c for c in self.quotes if c.quote.source == source_id and c.match.status == "found"]
        return sorted(found, key=lambda c: (c.match.start, c.match.end))

    def share(self, source_id: int) -> float:
        """How much of a source's text the briefing's quotes cover, 0–1 (overlaps once)."""
        text = self.texts.get(source_id)
        if not text:
            return 0.0
        covered, reach = 0, 0
        for check in self.passages(source_id):
            covered += max(check.match.end - max(check.match.start, reach), 0)  # what lies past the quotes before
            reach = max(reach, check.match.end)
        return covered / len(text)


class Passage(NamedTuple):
    """A quoted passage of a source's text, as the source reader shows it: where it stands
    (paragraph, and its place in that paragraph's line), and the items that quote it."""

    paragraph: int
    start: int
    end: int
    #: The items quoting these words (``kind:key``), in the briefing's order.
    refs: tuple[str, ...]


def passages(text: str, checks: list[QuoteCheck]) -> tuple[list[str], list[Passage]]:
    """A source's paragraphs, and its quoted passages in reading order: quotes of the same
    words are one passage; a quote across paragraphs is a passage in each."""
    paragraphs = text.split("\n")
    starts, at = [], 0
    for paragraph in paragraphs:
        starts.append(at)
        at += len(paragraph) + 1
    spans: dict[tuple[int, int], list[str]] = {}
    for check in checks:
        if check.match.status == "found":
            spans.setdefault((check.match.start, check.match.end), [])
            if check.ref not in spans[(check.match.start, check.match.end)]:
                spans[(check.match.start, check.match.end)].append(check.ref)
    found = []
    for (start, end), refs in sorted(spans.items()):
        number = bisect_right(starts, start) - 1
        while number < len(paragraphs) and starts[number] < end:
            first = starts[number]
            found.append(Passage(number, max(start, first) - first, min(end, first + len(paragraphs[number])) - first, tuple(refs)))
            number += 1
    return paragraphs, found
