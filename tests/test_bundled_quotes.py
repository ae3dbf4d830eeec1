"""The bundled briefing's quotes are the article's words, verbatim (#21): each is found, once,
in the article it was drawn from (shared/seeds, beside the repository, when present), and
each says it is the article's, never its source's."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.evidence import find_quote, normalize_text
from briefing.loader import default_path, load
from briefing.saved import evidence_findings, quoted_items

SEEDS = Path(__file__).resolve().parent.parent.parent / "shared" / "seeds"


def bundled_quotes():
    return [(ref, quote) for ref, _, quotes in quoted_items(load(default_path()).briefing) for quote in quotes]


def test_every_quote_says_whose_words_they_are():
    quotes = bundled_quotes()
    assert len(quotes) >= 15
    assert {quote.reported_by for _, quote in quotes} == {'the article "Russia seeks to reinforce partnership with Syria"'}


def test_the_bundled_briefing_checks_without_its_article():
    # No saved copies: the quotes are unverified, which is no warning.
    assert evidence_findings(load(default_path()).briefing, default_path().parent) == []


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the source article (shared/seeds) is not beside this checkout")
def test_every_quote_is_the_articles_words_found_once():
    (article,) = sorted(SEEDS.glob("*.txt"))
    text = normalize_text(article.read_text(encoding="utf-8"))
    for ref, quote in bundled_quotes():
        match = find_quote(text, quote.text, quote.prefix, quote.suffix)
        assert match.status == "found", (ref, quote.text, match.hint())
