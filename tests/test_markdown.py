"""The Markdown export read by the renderers people use: markdown-it-py (CommonMark, and
GFM-like with autolinks) and pandoc. A reader sees [3] where the briefing cites source 3,
and every character a briefing holds, exactly."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.export import to_markdown
from briefing.loader import default_path, load
from briefing.model import Briefing

from .conftest import MINIMAL

markdown_it = pytest.importorskip("markdown_it")


class Page(HTMLParser):
    """The text of each list item, and every tag the page holds."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.items: list[str] = []
        self.tags: list[str] = []
        self._depth = 0
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag == "li":
            self._depth += 1
            if self._depth == 1:
                self._text = []

    def handle_endtag(self, tag):
        if tag == "li":
            self._depth -= 1
            if self._depth == 0:
                self.items.append(" ".join("".join(self._text).split()))

    def handle_data(self, data):
        if self._depth:
            self._text.append(data)


def read(html: str) -> Page:
    page = Page()
    page.feed(html)
    return page


def commonmark(text: str) -> str:
    return markdown_it.MarkdownIt("commonmark").render(text)


def gfm(text: str) -> str:
    return markdown_it.MarkdownIt("gfm-like").enable("linkify").render(text)


def pandoc(text: str, smart: bool = True) -> str:
    pypandoc = pytest.importorskip("pypandoc")
    return pypandoc.convert_text(text, "html", format="markdown" if smart else "markdown-smart")


RENDERERS = {"commonmark": commonmark, "gfm": gfm, "pandoc": pandoc}


@pytest.mark.parametrize("renderer", sorted(RENDERERS))
def test_a_reader_sees_the_source_numbers_the_briefing_cites(renderer):
    page = read(RENDERERS[renderer](to_markdown(load(default_path()).briefing)))
    # Each item, then its quote as a block quote inside it: the article's words, said to be the article's.
    bases = next(item for item in page.items if item.startswith("Bases Operated:"))
    assert bases.startswith("Bases Operated: Air base in Hmeimim, Naval base in Tartus [1][3] Russia continues to operate")
    assert bases.replace("“", '"').replace("”", '"').endswith('— [1], as reported by the article "Russia seeks to reinforce partnership with Syria"')
    assert "blockquote" in page.tags
    assert any(item.startswith("Political Implications:") and " [2] Bases pose sovereignty" in item for item in page.items)
    sources = [item for item in page.items if re.match(r"\[\d\] untitled source", item)]
    assert [item[:3] for item in sources] == ["[1]", "[2]", "[3]", "[4]"]
    assert "sup" not in page.tags and "section" not in page.tags  # no footnotes, renumbered by each renderer


HOSTILE = [
    "# not a heading",
    "1. not a list",
    "2015) not a list either",
    "- not a bullet",
    "+ nor this",
    "= not an underline",
    "*not emphasis* and _not_ and **not** and __not__",
    "`not code` and ``neither``",
    "<b>not bold</b> <script>alert(1)</script>",
    "&amp; stays &amp; and &copy; stays &copy; and &#35; too",
    "[not a link](http://example.org) and ![not an image](x.png)",
    "http://not.autolinked.example/path and www.not-autolinked.example",
    "someone@example.org is not a mail link",
    "$not maths$ and ^not super^ and ~not sub~ and ~~not struck~~",
    "| not | a table |",
    "a \\ backslash and a \\* starred one",
    "{not attributes} [@not a citation]",
    "> not a quote",
    "  indented  text  ",
]


def briefing_with(text: str) -> Briefing:
    data = load_minimal()
    data["summary"][0]["text"] = text
    data["summary"][0].pop("label", None)
    return Briefing.model_validate(data)


def load_minimal() -> dict:
    import yaml

    return yaml.safe_load(MINIMAL)


@pytest.mark.parametrize("renderer", sorted(RENDERERS))
@pytest.mark.parametrize("text", HOSTILE)
def test_every_markdown_metacharacter_is_shown_as_written(renderer, text):
    render = RENDERERS[renderer] if renderer != "pandoc" else lambda source: pandoc(source, smart=False)
    page = read(render(to_markdown(briefing_with(text))))
    assert page.items[0] == " ".join(text.split()) + " [1][2]"
    assert set(page.tags) <= {"h1", "h2", "p", "em", "strong", "ul", "li", "blockquote", "a"}, page.tags
    assert page.tags.count("a") == 1  # source [2]'s URL, and nothing in the bullet


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(min_codepoint=0x20, max_codepoint=0x7E), min_size=1, max_size=40).filter(str.strip))
def test_any_ascii_text_survives_commonmark_and_gfm(text):
    source = to_markdown(briefing_with(text))
    expected = " ".join(text.split()) + " [1][2]"
    for render in (commonmark, gfm):
        assert read(render(source)).items[0] == expected
