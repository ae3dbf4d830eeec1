"""Briefing strings made safe for every output, and the styles and phrases they share.

Pure and cheap (Rich's Text only): the kind registry, the renderers and the exporters
all build on it. Every string from a briefing goes through :func:`clean` before it
reaches a terminal, and through :func:`md` or :func:`h` before it reaches a document:
it is data, never markup, and control characters are shown as visible escapes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from rich.segment import Segment
from rich.style import Style
from rich.text import Text

from .scales import CREDIBILITY_MEANING, LIKELIHOODS, RELIABILITY_MEANING, admiralty_grade

if TYPE_CHECKING:
    from rich.console import Console

    from .model import Source

# Characters that must never reach a terminal raw, mapped to a visible spelling.
_VISIBLE: dict[int, str] = {code: f"\\x{code:02x}" for code in [*range(0x20), *range(0x7F, 0xA0)]}
_VISIBLE[0x0A] = "\n"  # line breaks in block scalars are text
_VISIBLE[0x09] = "    "
_VISIBLE.update({code: f"\\u{code:04x}" for code in [0x061C, 0x200E, 0x200F, 0x2028, 0x2029, *range(0x202A, 0x202F), *range(0x2066, 0x206A)]})

STYLE_MARKER = "bold cyan"
STYLE_MARKER_CURRENT = "bold reverse cyan"
STYLE_LABEL = "bold"
STYLE_DIM = "dim"
STYLE_KEY = "bold dim"
SEVERITY_STYLE = {"high": "bold red", "medium": "yellow", "low": "green"}


def clean(value: object) -> str:
    """Briefing text made safe for a terminal: control and bidi characters shown as escapes."""
    text = str(value)
    if text.isprintable():
        return text
    return text.translate(_VISIBLE)


def plain(value: object, style: str = "") -> Text:
    """A Text of briefing data: never markup, never raw control characters."""
    return Text(clean(value), style=style)


def one_line(value: object, limit: int | None = None) -> str:
    """On one line, white space folded; cut with an ellipsis past ``limit`` characters."""
    text = " ".join(clean(value).split())
    if limit is not None and len(text) > limit:
        return text[: limit - 1] + "…"
    return text


def cut_start(value: str, limit: int) -> str:
    """At most ``limit`` characters, cut at its start with an ellipsis: a path, whose end
    names the file."""
    return value if len(value) <= limit else "…" + value[-(limit - 1) :]


def shorten(value: object, limit: int) -> str:
    """On one line and at most ``limit`` characters, cut at a word with an ellipsis."""
    text = " ".join(clean(value).split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if 2 * space > limit:  # past half of the room; a word longer than that is cut where it must be
        cut = cut[:space]
    return cut.rstrip(" ,;:.-–—") + "…"


def markers(citations: Iterable[int], current: int | None = None, withdrawn: frozenset[int] = frozenset()) -> Text:
    """``[1][3]``; the citation now in view stands out, a withdrawn source is struck through."""
    text = Text()
    for source_id in citations:
        style = STYLE_MARKER_CURRENT if source_id == current else STYLE_MARKER
        text.append(f"[{source_id}]", f"{style} strike dim" if source_id in withdrawn else style)
    return text


def likelihood_text(likelihood: str) -> str:
    low, high = LIKELIHOODS[likelihood]
    return f"{likelihood} · {low}–{high}%"


def grade(source: Source) -> str:
    if source.reliability is None and source.credibility is None:
        return "ungraded"
    return admiralty_grade(source.reliability, source.credibility)


def source_grade_text(source: Source) -> str:
    parts = []
    if source.reliability:
        parts.append(f"reliability {source.reliability} ({RELIABILITY_MEANING[source.reliability]})")
    if source.credibility:
        parts.append(f"credibility {source.credibility} ({CREDIBILITY_MEANING[source.credibility]})")
    return "; ".join(parts) or "ungraded"


def severity_words(severity: str | None) -> str:
    return f"{severity} severity" if severity else "severity not assessed"


def severity_text(severity: str | None) -> Text:
    return Text(severity_words(severity), SEVERITY_STYLE[severity] if severity else STYLE_DIM)


def source_title(source: Source) -> str:
    """A source's title, or an honest placeholder: titles are never invented."""
    return source.title or "untitled source"


# --- documents -------------------------------------------------------------------------

# Markdown: characters that start markup wherever they stand, in CommonMark, GFM and
# pandoc's Markdown (& starts an entity; $ ^ ~ @ are pandoc's maths, super/subscript and
# citations; # a heading or a tag). With [ and ] escaped no link can form.
_MD_ANYWHERE = str.maketrans({c: "\\" + c for c in "\\`*_{}[]<>|~&$^@#"})
# …and those that start a block only at the start of a line: a list item, a heading's
# underline, a numbered item (the digits then . or )).
_MD_LINE_START = re.compile(r"^([-+=:]|\d+(?=[.)]))")


def md(value: object) -> str:
    """Briefing text as Markdown text, on one line: every renderer shows exactly the
    characters written. Escaped: what starts markup anywhere, what starts a block at the
    start of the line, and what would become an autolink (``://``, ``www.``)."""
    text = " ".join(clean(value).split()).translate(_MD_ANYWHERE)
    text = _MD_LINE_START.sub(lambda m: "\\" + m.group(1) if not m.group(1).isdigit() else m.group(1) + "\\", text)  # ^: once, at the start
    return text.replace("://", "\\://").replace("www.", "www\\.")


# What a CommonMark autolink may hold, by the briefing's own URL rule (model.URL_PATTERN):
# RFC 3986 characters only, so nothing in it can close the link or open HTML.
_AUTOLINK_SAFE = re.compile(r"https?://[!#$%&'()*+,./0-9:;=?@A-Z\[\]_a-z~-]+")


def linkable(url: str) -> bool:
    """An http(s) URL of RFC 3986 characters only: safe as a link in any document. Every
    URL a loaded briefing holds is; one built without validation may not be."""
    return _AUTOLINK_SAFE.fullmatch(url) is not None


def md_url(url: str) -> str:
    """A URL as a Markdown autolink when it is linkable; anything else as escaped text."""
    return f"<{url}>" if linkable(url) else md(url)


def h(value: object) -> str:
    """Briefing text as HTML text (and attribute values)."""
    # Imported here: the terminal views never need it (html.entities is 3 ms to import).
    from html import escape

    return escape(clean(value))  # quotes too, by default: safe in an attribute


def text_segments(text: Text, console: Console) -> list[Segment]:
    """A Text's segments, its own style under its spans'. ``Text.render`` gives a text without
    spans no style at all (the style given to the whole text is left to the caller), so a bold
    status or a dim "none stated" drawn through it lost its style."""
    if text.style and not text.spans:
        return [Segment(text.plain, console.get_style(text.style, default=Style.null()))]
    return list(text.render(console))
