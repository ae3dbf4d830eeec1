"""briefing.text: the strings every view shares, to the character and the style."""

from __future__ import annotations

import pytest
from rich.console import Console
from rich.style import Style
from rich.text import Text

from briefing import text
from briefing.model import Source


def test_clean_leaves_printable_text_alone_and_spells_out_what_a_terminal_would_act_on():
    assert text.clean("Tartus — Hmeimim ’25") == "Tartus — Hmeimim ’25"
    assert text.clean(12) == "12"
    assert text.clean("a\x1b[31mb") == "a\\x1b[31mb"
    assert text.clean("\x00\x1f\x7f\x80\x9f") == "\\x00\\x1f\\x7f\\x80\\x9f"
    assert text.clean("line\nnext\tcell") == "line\nnext    cell"
    assert text.clean("abc\u202edef\u2066\u2069\u200f\u061c\u2028") == "abc\\u202edef\\u2066\\u2069\\u200f\\u061c\\u2028"
    # Not printable to Python, harmless to a terminal: left as written.
    assert text.clean("a\xa0b\u00adc") == "a\xa0b\u00adc"


def test_plain_is_data_with_the_style_given():
    drawn = text.plain("[bold]x[/]\x07", "red")
    assert drawn.plain == "[bold]x[/]\\x07"
    assert drawn.style == "red"
    assert drawn.spans == []
    assert text.plain("x").style == ""


def test_one_line_folds_white_space_and_cuts_only_past_its_limit():
    assert text.one_line("  a \n b\t c  ") == "a b c"
    assert text.one_line("abcde", 5) == "abcde"
    assert text.one_line("abcdef", 5) == "abcd…"
    assert len(text.one_line("x" * 40, 10)) == 10
    assert text.one_line("a\x1bb", None) == "a\\x1bb"


def test_cut_start_keeps_the_end_of_a_path():
    assert text.cut_start("/a/b/c.yaml", 11) == "/a/b/c.yaml"
    assert text.cut_start("/a/b/c.yaml", 10) == "…/b/c.yaml"
    assert text.cut_start("/a/b/c.yaml", 5) == "…yaml"


def test_shorten_cuts_at_a_word_unless_the_word_is_too_long():
    assert text.shorten("one two three", 13) == "one two three"
    assert text.shorten("one two three", 12) == "one two…"
    assert text.shorten("one, two. three", 12) == "one, two…"  # no stray punctuation before the ellipsis
    # The last space in the first 9 characters is at 6, past half of 10: cut there.
    assert text.shorten("abcdef ghijklmnop", 10) == "abcdef…"
    # At 5 of 10 (half, not past it), or before: cut through the word instead.
    assert text.shorten("abcde fghijklmnop", 10) == "abcde fgh…"
    assert text.shorten("abcd efghijklmnop", 10) == "abcd efgh…"
    assert text.shorten("a\n\nb", 5) == "a b"
    assert text.shorten("MAX TAX three", 8) == "MAX TAX…"  # only punctuation is taken off the end


def test_markers_show_the_current_citation_and_strike_a_withdrawn_one():
    drawn = text.markers([1, 3, 4], current=3, withdrawn=frozenset({4}))
    assert drawn.plain == "[1][3][4]"
    assert [(span.start, span.end, span.style) for span in drawn.spans] == [
        (0, 3, "bold cyan"),
        (3, 6, "bold reverse cyan"),
        (6, 9, "bold cyan strike dim"),
    ]
    assert text.markers([]).plain == ""


def test_likelihood_and_severity_words():
    assert text.likelihood_text("likely") == "likely · 55–80%"
    assert text.severity_words("high") == "high severity"
    assert text.severity_words(None) == "severity not assessed"
    high, unassessed = text.severity_text("high"), text.severity_text(None)
    assert (high.plain, high.style) == ("high severity", "bold red")
    assert (unassessed.plain, unassessed.style) == ("severity not assessed", "dim")


def test_a_sources_grade_and_title_are_never_invented():
    bare = Source(id=1)
    assert text.grade(bare) == "ungraded"
    assert text.source_grade_text(bare) == "ungraded"
    assert text.source_title(bare) == "untitled source"
    assert text.grade(Source(id=1, reliability="B")) == "B?"
    assert text.grade(Source(id=1, credibility=2)) == "?2"
    graded = Source(id=1, title="Port log", reliability="B", credibility=2)
    assert text.grade(graded) == "B2"
    assert text.source_grade_text(graded) == "reliability B (usually reliable); credibility 2 (probably true)"
    assert text.source_grade_text(Source(id=1, credibility=3)) == "credibility 3 (possibly true)"
    assert text.source_title(graded) == "Port log"


@pytest.mark.parametrize("character", list("\\`*_{}[]<>|~&$^@#"))
def test_md_escapes_every_character_that_starts_markup_anywhere(character):
    assert text.md(f"a{character}b") == f"a\\{character}b"


@pytest.mark.parametrize(
    ("written", "escaped"),
    [
        ("- item", "\\- item"),
        ("+ item", "\\+ item"),
        ("= underline", "\\= underline"),
        (": term", "\\: term"),
        ("12. item", "12\\. item"),
        ("3) item", "3\\) item"),
        ("12 ships", "12 ships"),  # digits not followed by . or ) start nothing
        ("a - b", "a - b"),  # only at the start of the line
        ("- a - b", "\\- a - b"),  # and only once
        ("see https://x.org and www.y.org", "see https\\://x.org and www\\.y.org"),
        ("two\n\nparagraphs", "two paragraphs"),
        ("bell\x07", "bell\\\\x07"),
    ],
)
def test_md_escapes_what_starts_a_block_or_a_link(written, escaped):
    assert text.md(written) == escaped


def test_only_a_plain_http_url_becomes_a_link():
    assert text.linkable("https://example.org/a?b=c#d")
    assert text.linkable("http://example.org")
    assert not text.linkable("ftp://example.org")
    assert not text.linkable("https://example.org/a>b")
    assert not text.linkable("https://example.org/a b")
    assert not text.linkable("xhttps://example.org")
    assert text.md_url("https://example.org/a_b") == "<https://example.org/a_b>"
    assert text.md_url("https://example.org/<b>") == "https\\://example.org/\\<b\\>"


def test_h_escapes_text_and_attribute_quotes():
    assert text.h("<a href=\"x\" title='y'>&\x1b") == "&lt;a href=&quot;x&quot; title=&#x27;y&#x27;&gt;&amp;\\x1b"


def test_text_segments_keep_a_whole_texts_style():
    console = Console(width=40, color_system="truecolor")
    (segment,) = text.text_segments(Text("bold status", "bold"), console)
    assert segment.text == "bold status"
    assert segment.style == Style.parse("bold")
    spanned = Text("a b", "dim")
    spanned.stylize("bold", 2, 3)
    segments = text.text_segments(spanned, console)
    assert "".join(s.text for s in segments) == "a b"
    assert segments[-1].style is not None and segments[-1].style.bold
    (unstyled,) = [s for s in text.text_segments(Text("x"), console) if s.text]
    assert not unstyled.style
    # A style Rich does not know draws plain, as Text.render draws it, rather than raising.
    (unknown,) = text.text_segments(Text("x", "no-such-style"), console)
    assert unknown.style == Style.null()
