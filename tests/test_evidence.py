"""Quotes against saved copies: the normalization, each of check's rules, each format."""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import shutil
import zipfile
from pathlib import Path

import pytest

from briefing.evidence import context, find_quote, normalize, normalize_text
from briefing.loader import LoadError, load
from briefing.saved import evidence_findings, extract, verify

EXAMPLES = Path(__file__).resolve().parent.parent / "data" / "examples"
PAGE = """<html><body><article>
<p>Officials said that talks on the <em>lease</em> have stalled since the spring.</p>
<p>The ministry&rsquo;s spokesman said the rent of 4,000 crowns was &ldquo;not negotiable&rdquo;.<br>
Talks on the lease have stalled, he added; the ministry&amp;the navy agree.</p>
<p>A last line for the\u00a0test, with a soft\u00adhyphen and a zero\u200bwidth space.</p>
</article></body></html>"""


@pytest.fixture(autouse=True)
def _own_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path / "cache"))


def page_text() -> str:
    return extract("page.html", PAGE.encode())


@pytest.mark.parametrize(
    "quote",
    [
        "talks on the lease have stalled since the spring",  # across <em>
        "The ministry's spokesman",  # curly apostrophe in the page, straight in the quote
        "The ministry\u2019s spokesman",  # and the other way round
        "\u201cnot negotiable\u201d",
        '"not negotiable"',
        "the ministry&amp;the navy agree",  # an entity in the quote
        "the ministry&the navy agree",
        'not negotiable". Talks on the lease',  # across a line break (<br>)
        "for the test",  # NBSP in the page
        "for the\u00a0test",
        "a softhyphen and a zerowidth space",  # soft hyphen, zero-width space dropped
        "rent  of\n4,000 crowns",  # white space runs in the quote
        "The ministry\u2019s spokesman said the rent of 4,000 crowns was",
    ],
)
def test_variants_that_must_be_found(quote):
    assert find_quote(page_text(), quote).status == "found", quote


@pytest.mark.parametrize(
    "quote",
    [
        "talks on the lease have not stalled since the spring",  # a negation added
        "the rent of 5,000 crowns",  # a number changed
        "talks on the rent have stalled since the spring",  # a word swapped
        "talks on the lease have staled since the spring",  # one character dropped
        "talks on the lease have stalled since the sprin",  # a word cut short
        "TALKS ON THE LEASE HAVE STALLED since the spring",  # case is kept
        "the rent of 4,000 crowns was not negotiable",  # quotation marks dropped
    ],
)
def test_near_misses_that_must_fail(quote):
    match = find_quote(page_text(), quote)
    assert match.status == "not found"
    assert match.closest and 0 < match.similarity < 100, match
    assert "closest: '…" in match.hint()


def test_normalization_folds_only_what_the_rules_name():
    assert normalize("\u201cA\u201d \u2018b\u2019 c\u2014d e\u2013f \u00a0g&amp;h\u00adi\u200bj") == "\"A\" 'b' c-d e-f g&hij"
    assert normalize("\ufb01ne \u2460") == "fine 1"  # NFKC
    assert normalize("Case Kept") != normalize("case kept")
    assert normalize_text("one\n\n  two  \r\n three") == "one\ntwo\nthree"


def test_unicode_line_and_paragraph_separators_break_lines():
    assert normalize_text("one\u2028two\u2029three") == "one\ntwo\nthree"


def test_each_finding_has_its_words():
    from briefing.evidence import Match

    assert Match("found", 0, 3, times=1).hint() == ""
    assert Match("not found").hint() == "not found in the saved copy"
    assert Match("not found", times=1).hint() == "occurs once, but not between the prefix and suffix given"
    assert Match("not found", closest="a b", similarity=74.6).hint() == "not found in the saved copy; closest: '… a b …' (75%)"


def test_the_closest_passage_is_widened_to_whole_words():
    from rapidfuzz import fuzz

    from briefing.evidence import closest_passage

    assert closest_passage("alpha bravo charlie delta", "ravo charl") == ("bravo charlie", fuzz.ratio("ravo charl", "bravo charlie"))
    assert closest_passage("alpha bravo charlie delta", "ravo char")[0] == "bravo charlie"  # three letters to the word's end
    assert closest_passage("ab cd", "b c") == ("ab cd", 75.0)  # from the text's second letter back to its first
    assert closest_passage("alpha bravo", "rav") == ("bravo", 75.0)  # to the text's end
    assert closest_passage("", "words") == ("", 0.0)


def test_repeats_need_a_prefix_or_suffix():
    text = page_text()
    assert find_quote(text, "talks on the lease have stalled").times == 1  # "Talks on the lease have stalled" too: case kept
    twice = normalize_text("They said talks have stalled. Later, we heard talks have stalled again.")
    match = find_quote(twice, "talks have stalled")
    assert match.status == "ambiguous" and match.times == 2
    assert match.hint() == "occurs 2 times; add prefix or suffix"
    chosen = find_quote(twice, "talks have stalled", prefix="we heard")
    assert chosen.status == "found" and twice[chosen.start - 9 : chosen.start] == "we heard "
    assert find_quote(twice, "talks have stalled", suffix="again").start == chosen.start
    assert find_quote(twice, "talks have stalled", prefix="nobody said").hint() == "occurs 2 times, but not between the prefix and suffix given"


def test_context_is_the_sentence_around_the_quote():
    text = normalize_text("First sentence here. Officials said that talks have stalled since May. Another one follows.\nNext paragraph.")
    match = find_quote(text, "talks have stalled")
    assert context(text, match.start, match.end) == ("Officials said that ", "talks have stalled", " since May.")


def test_context_keeps_to_the_quotes_sentence_and_paragraph():
    text = 'One. He said "the base stays." Then, later. Two!\nAnother paragraph, the base too. End?'
    at = text.index("the base stays")
    # The sentence's end takes its closing quotation mark; the next sentence is left out.
    assert context(text, at, at + len("the base stays")) == ('He said "', "the base stays", '."')
    first = text.index("One")
    assert context(text, first, first + 3) == ("", "One", ".")
    # The last sentence of a paragraph runs to the paragraph's end, not into the next one.
    two = text.index("Two")
    assert context(text, two, two + 3) == ("", "Two", "!")
    second = text.index("the base too")
    assert context(text, second, second + 12) == ("Another paragraph, ", "the base too", ".")
    end = text.index("End")
    assert context(text, end, end + 3) == ("", "End", "?")  # the text's last paragraph: no line break after it


def test_context_keeps_to_the_paragraph_where_no_sentence_ends():
    text = "A heading\nAnother heading\nThe base stays open\nNext heading\nNext one. More"
    at = text.index("base stays")
    assert context(text, at, at + len("base stays")) == ("The ", "base stays", " open")


def test_context_is_cut_to_its_limit_around_the_quote():
    text = "aaaa bbbb cccc QUOTE dddd eeee ffff."
    at = text.index("QUOTE")
    assert context(text, at, at + 5, limit=5 + 2 * 5) == ("…cccc ", "QUOTE", " dddd…")
    assert context(text, at, at + 5, limit=5 + 2 * 4) == ("…ccc ", "QUOTE", " ddd…")
    assert context(text, at, at + 5, limit=5 + 2 * 15) == ("aaaa bbbb cccc ", "QUOTE", " dddd eeee ffff…")  # 15 before: just held
    assert context(text, at, at + 5, limit=5 + 2 * 16) == ("aaaa bbbb cccc ", "QUOTE", " dddd eeee ffff.")  # 16 after: just held
    assert context(text, at, at + 5, limit=3) == ("…", "QUOTE", "…")  # a quote longer than the room: nothing around it
    assert context("xxQUOTEyy", 2, 7, limit=3) == ("…", "QUOTE", "…")
    # A line break at the text's very start is no part of the paragraph, nor of its room.
    assert context("\nab QUOTE", 4, 9, limit=5 + 2 * 3) == ("ab ", "QUOTE", "")
    # About 400 characters unless told: 194 on either side of a quote of 11.
    long = "w" * 195 + "eleven char" + "w" * 195
    assert context(long, 195, 206) == ("…" + "w" * 194, "eleven char", "w" * 194 + "…") == context(long, 195, 206, limit=400)


# --- check's rules, on a copy of the exercise ---------------------------------------------------


@pytest.fixture
def exercise(tmp_path) -> Path:
    shutil.copytree(EXAMPLES, tmp_path / "examples")
    return tmp_path / "examples" / "exercise.yaml"


def errors_of(path: Path) -> list[str]:
    from functools import partial

    try:
        loaded = load(path, checks=[partial(evidence_findings, folder=path.parent)])
    except LoadError as error:
        return [f"{d.line}:{d.column}: {d.severity}: {d.message}" for d in error.diagnostics]
    return [f"{d.line}:{d.column}: {d.severity}: {d.message}" for d in loaded.warnings]


def test_the_exercise_quotes_are_found_in_every_format(exercise):
    loaded = load(exercise)
    result = verify(loaded.briefing, exercise.parent)
    assert result.findings == []
    states = {check.quote.source: check.match.status for check in result.quotes}
    assert states == {1: "found", 2: "found", 3: "found", 4: "found", 6: "unverified"}  # html, pdf, warc, html; [6] has no copy
    assert result.copies == {1: "ok", 2: "ok", 3: "ok", 4: "ok", 5: "none", 6: "none"}


def test_a_changed_quote_is_an_error_with_the_closest_passage(exercise):
    exercise.write_text(exercise.read_text().replace("remain far apart on the rent and", "remain far apart on rent and"))
    (finding,) = errors_of(exercise)
    assert (
        "error: quote of [2] not found in the saved copy; closest: '… The two delegations remain far apart on the rent and on the length" in finding
    )
    assert finding.endswith("(97%)")


def test_a_quote_of_a_source_the_item_does_not_cite_is_an_error(exercise):
    exercise.write_text(
        exercise.read_text().replace("      - source: 3\n        text: The second round", "      - source: 5\n        text: The second round")
    )
    (finding,) = errors_of(exercise)
    assert finding.endswith("error: bullet 'lease-talks' quotes source [5], which it does not cite")


def test_a_changed_copy_is_an_error_at_its_source_and_a_missing_one_a_warning(exercise):
    saved = exercise.parent / "saved"
    (saved / "1.html").write_text((saved / "1.html").read_text().replace("normal", "busy"))
    (saved / "4.html").unlink()
    findings = errors_of(exercise)
    assert any("error: source [1]: the saved copy changed since it was captured" in f for f in findings)
    assert any("warning: source [4]: the saved copy saved/4.html is missing: its quotes are unverified" in f for f in findings)
    assert len(findings) == 2  # the quotes of a changed or missing copy are not looked for


def test_a_copy_outside_the_briefings_folder_is_refused(exercise, tmp_path):
    (tmp_path / "secret.txt").write_text("password")
    exercise.write_text(exercise.read_text().replace("file: saved/1.html", "file: ../secret.txt"))
    (finding,) = errors_of(exercise)
    assert "inside it (no absolute path, no '..')" in finding
    link = exercise.parent / "saved" / "link.txt"
    link.symlink_to(tmp_path / "secret.txt")
    exercise.write_text(exercise.read_text().replace("file: ../secret.txt", "file: saved/link.txt"))
    assert any("lies outside the briefing's folder" in f for f in errors_of(exercise))


def test_a_second_check_reads_no_copy_again(exercise, monkeypatch):
    assert errors_of(exercise) == []

    def no_reading(*args, **kwargs):
        raise AssertionError("a saved copy was read again")

    monkeypatch.setattr("briefing.saved.extract", no_reading)
    assert errors_of(exercise) == []


def test_a_wacz_is_read_as_the_warc_inside_it(tmp_path):
    warc = (EXAMPLES / "saved" / "3.warc.gz").read_bytes()
    package = io.BytesIO()
    with zipfile.ZipFile(package, "w") as wacz:
        wacz.writestr("archive/data.warc.gz", warc)
        wacz.writestr("datapackage.json", json.dumps({"profile": "data-package", "resources": []}))
        wacz.writestr("pages/pages.jsonl", "")
    text = extract("copy.wacz", package.getvalue(), "https://coastal-news.example/2031/03/01/karsk-lease-talks-stall")
    assert "The second round of talks on the Karsk lease ended without agreement" in text
    assert extract("copy.warc", gzip.decompress(warc), None) == text  # no URL: the first HTML response


def test_unreadable_copies_are_errors_not_tracebacks(exercise):
    saved = exercise.parent / "saved"
    (saved / "2.pdf").write_bytes(b"not a pdf at all")
    digest = hashlib.sha256(b"not a pdf at all").hexdigest()
    text = exercise.read_text()
    old = text.split("file: saved/2.pdf\n      sha256: ")[1][:64]
    exercise.write_text(text.replace(old, digest))
    (finding,) = errors_of(exercise)
    assert "error: source [2]: the saved copy saved/2.pdf: not a readable PDF" in finding


def test_passages_are_the_quoted_spans_by_paragraph_once_each():
    from briefing.evidence import Match, Passage, QuoteCheck, Verification, passages

    text = normalize_text("First para has words.\nSecond para, more words here.\nThird.")
    one = find_quote(text, "words. Second para")  # across a paragraph break
    two = find_quote(text, "more words")
    checks = [
        QuoteCheck("summary:a", ("summary", 0, "quotes", 0), None, one),
        QuoteCheck("summary:b", ("summary", 1, "quotes", 0), None, two),
        QuoteCheck("bases:c", ("bases", 0, "quotes", 0), None, two),  # the same words: one passage, two items
        QuoteCheck("bases:d", ("bases", 1, "quotes", 0), None, Match("not found")),
    ]
    paragraphs, found = passages(text, checks)
    assert paragraphs == ["First para has words.", "Second para, more words here.", "Third."]
    assert [(p.paragraph, paragraphs[p.paragraph][p.start : p.end], p.refs) for p in found] == [
        (0, "words.", ("summary:a",)),
        (1, "Second para", ("summary:a",)),
        (1, "more words", ("summary:b", "bases:c")),
    ]

    class Quoted:
        def __init__(self, source):
            self.source = source

    verification = Verification({1: "ok"}, {1: text}, [c._replace(quote=Quoted(1)) for c in checks], [])
    assert [c.ref for c in verification.passages(1)] == ["summary:a", "summary:b", "bases:c"]
    covered = len("words. Second para") + len("more words")
    assert verification.share(1) == pytest.approx(covered / len(text))
    assert verification.share(2) == 0.0
    # Quotes from the text's first letter, and one inside another: each letter counted once.
    whole, inner = find_quote(text, "First para has words."), find_quote(text, "para has")
    nested = [QuoteCheck("summary:e", (), Quoted(1), whole), QuoteCheck("summary:f", (), Quoted(1), inner)]
    assert Verification({1: "ok"}, {1: text}, nested, []).share(1) == pytest.approx(len("First para has words.") / len(text))
    assert Verification({1: "ok"}, {1: ""}, nested, []).share(1) == 0.0
    last = find_quote(text, "Third.")  # in the last paragraph
    assert passages(text, [QuoteCheck("summary:g", (), None, last)])[1] == [Passage(2, 0, 6, ("summary:g",))]
    assert [c.ref for c in verification.of("bases:c")] == ["bases:c"]
