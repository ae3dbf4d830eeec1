import pytest
from pydantic import ValidationError

from briefing.loader import load_text
from briefing.model import Briefing, check_partial_date, cross_check, partial_date_key

from .conftest import MINIMAL


def data(**changes):
    import yaml

    value = yaml.safe_load(MINIMAL)
    value.update(changes)
    return value


def test_minimal_briefing_validates_without_findings():
    briefing = Briefing.model_validate(data())
    assert cross_check(data()) == []
    assert briefing.summary[1].label == "Second"


@pytest.mark.parametrize("value", ["2025", "2025-07", "2025-07-14", "2024-02-29"])
def test_partial_dates_are_kept_as_written(value):
    assert check_partial_date(value) == value


@pytest.mark.parametrize("value", ["2025-13", "2025-02-29", "2025-7", "July 2025", "0000"])
def test_impossible_or_malformed_dates_are_refused(value):
    with pytest.raises(ValueError):
        check_partial_date(value)


def test_partial_dates_sort_before_full_dates_of_the_same_month():
    assert sorted(["2025-07-02", "2025-07", "2024"], key=partial_date_key) == ["2024", "2025-07", "2025-07-02"]


def test_a_bare_year_number_is_a_date():
    assert Briefing.model_validate(data(as_of=2025)).as_of == "2025"


def test_unknown_keys_are_errors():
    with pytest.raises(ValidationError, match="titel"):
        Briefing.model_validate(data(titel="typo"))


def test_likelihood_must_be_on_the_icd_203_scale():
    bad = data(judgments=[{"id": "j", "text": "t", "likelihood": "probable"}])
    with pytest.raises(ValidationError, match="likelihood"):
        Briefing.model_validate(bad)


def test_latitude_out_of_range_is_refused():
    base = {"id": "b", "name": "B", "kind": "naval", "location": {"place": "P", "country": "C", "latitude": 91}}
    with pytest.raises(ValidationError, match="latitude"):
        Briefing.model_validate(data(bases=[base]))


def test_dangling_citation_names_the_item_and_the_missing_source():
    value = data()
    value["summary"][0]["citations"] = [1, 9]
    findings = cross_check(value)
    assert [(f.path, f.severity) for f in findings] == [(("summary", 0, "citations", 1), "error")]
    assert "bullet 'b1'" in findings[0].message and "[9]" in findings[0].message


def test_unknown_party_operator_and_speaker_are_errors():
    value = data(bases=[{"id": "b", "name": "B", "kind": "air", "location": {"place": "P", "country": "C"}, "operator": "ghost"}])
    value["tensions"][0]["parties"] = ["alpha", "nobody"]
    value["stakeholders"][0]["statements"][0]["by"] = "someone"
    messages = [f.message for f in cross_check(value)]
    assert any("operator 'ghost'" in m for m in messages)
    assert any("party 'nobody'" in m for m in messages)
    assert any("speaker 'someone'" in m for m in messages)


def test_duplicate_ids_are_errors():
    value = data()
    value["summary"][1]["id"] = "b1"
    findings = cross_check(value)
    assert findings[0].path == ("summary", 1, "id") and "duplicate id 'b1'" in findings[0].message


def test_uncited_source_is_a_warning_not_an_error():
    value = data()
    value["sources"].append({"id": 3})
    loaded = load_text(__import__("yaml").safe_dump(value), "x.yaml")
    assert [w.severity for w in loaded.warnings] == ["warning"]
    assert "source [3] is not cited" in loaded.warnings[0].message


def test_the_bundled_briefing_is_valid_and_cites_everything():
    from briefing.loader import default_path, load

    loaded = load(default_path())
    assert loaded.warnings == []
    briefing = loaded.briefing
    assert {b.id for b in briefing.bases} == {"tartus", "hmeimim"}
    assert len(briefing.summary) == 5
    assert [s.id for s in briefing.sources] == [1, 2, 3, 4]
    # The article names none of its sources: nothing about them may be invented.
    assert all(s.title is None and s.url is None and s.publisher is None and s.published is None for s in briefing.sources)
    names = {s.name for s in briefing.stakeholders}
    assert {"Russia", "Sergey Lavrov", "Al-Schaibani", "Turkey", "Israel", "European Union"} <= names


def test_cross_check_reports_every_reference_problem_exactly():
    value = data(
        bases=[
            {"id": "b", "name": "B", "kind": "air", "location": {"place": "P", "country": "C"}, "operator": "ghost", "citations": [3]},
            {"id": "b", "name": "B2", "kind": "air", "location": {"place": "P", "country": "C"}},
        ],
        judgments=[{"id": "j", "text": "T", "likelihood": "likely", "citations": [1, 4]}],
        timeline=[
            {"date": "2025", "text": "E", "citations": [5]},
            {"id": "e", "date": "2025", "text": "F"},
            {"id": "e", "date": "2025", "text": "G"},
        ],
    )
    value["summary"][0]["citations"] = [1, 9]
    value["tensions"][0]["parties"] = ["alpha", "nobody"]
    value["tensions"][0]["citations"] = [6]
    value["stakeholders"][0]["statements"][0]["by"] = "someone"
    value["stakeholders"][0]["statements"][0]["citations"] = [7]
    value["sources"].append({"id": 3})
    value["sources"].append({"id": 1})
    # In any order: the loader sorts findings by where they are in the file.
    assert sorted((f.path, f.message, f.severity) for f in cross_check(value)) == sorted(
        [
            (("bases", 1, "id"), "duplicate id 'b' in bases (first at item 1)", "error"),
            (("timeline", 2, "id"), "duplicate id 'e' in timeline (first at item 2)", "error"),
            (("sources", 3, "id"), "duplicate id 1 in sources (first at item 1)", "error"),
            (("summary", 0, "citations", 1), "bullet 'b1' cites source [9], which is not in sources", "error"),
            (("bases", 0, "operator"), "base 'b' names operator 'ghost', which is not a stakeholder", "error"),
            (("stakeholders", 0, "statements", 0, "citations", 0), "statement 1 of 'alpha' cites source [7], which is not in sources", "error"),
            (("stakeholders", 0, "statements", 0, "by"), "statement 1 of 'alpha' names speaker 'someone', which is not a stakeholder", "error"),
            (("tensions", 0, "citations", 0), "tension 't1' cites source [6], which is not in sources", "error"),
            (("tensions", 0, "parties", 1), "tension 't1' names party 'nobody', which is not a stakeholder", "error"),
            (("judgments", 0, "citations", 1), "judgment 'j' cites source [4], which is not in sources", "error"),
            (("timeline", 0, "citations", 0), "timeline event 1 (2025) cites source [5], which is not in sources", "error"),
        ]
    )
    # Source 3 is cited (by the base) and so is 1: no "not cited" warning for either.


def test_cross_check_reads_broken_data_without_failing():
    """Schema errors are validation's to report: the cross-check skips what it cannot read."""
    assert cross_check(None) == [] and cross_check(["a list"]) == []
    assert cross_check({"summary": "not a list", "sources": {"id": 1}}) == []
    broken = {
        "summary": ["not a mapping", {"id": ["unhashable"], "citations": "1"}, {"id": "b", "citations": ["1", True, 2]}],
        "stakeholders": [{"id": "s", "statements": "none"}, {"id": 5}],
        "tensions": [{"id": "t", "parties": "alpha", "citations": None}, {"id": "u", "parties": [5, "s"]}],
        "bases": [{"id": "x", "operator": 7}],
        "sources": [{"id": "1"}, {"id": 2}, {"id": True}],
    }
    assert [(f.path, f.message) for f in cross_check(broken)] == []  # 2 is cited by b: nothing dangles


def test_sources_are_matched_by_number_and_stakeholders_by_name():
    value = data()
    value["sources"][0]["id"] = "1"  # a string: not source 1 (validation says so)
    value["stakeholders"][0]["id"] = 5  # a number: not stakeholder "alpha"
    messages = [f.message for f in cross_check(value)]
    assert messages == [
        "bullet 'b1' cites source [1], which is not in sources",
        "statement 1 of 5 cites source [1], which is not in sources",
        "tension 't1' cites source [1], which is not in sources",
        "tension 't1' names party 'alpha', which is not a stakeholder",
    ]


def test_every_uncited_source_is_one_warning_at_its_id():
    value = data()
    value["sources"] += [{"id": 3}, {"id": 4}]
    findings = cross_check(value)
    assert [(f.path, f.message, f.severity) for f in findings] == [
        (("sources", 2, "id"), "source [3] is not cited by anything", "warning"),
        (("sources", 3, "id"), "source [4] is not cited by anything", "warning"),
    ]


@pytest.mark.parametrize(
    "value, message",
    [
        ("July 2025", "expected a date as YYYY, YYYY-MM or YYYY-MM-DD"),
        ("2025-7", "expected a date as YYYY, YYYY-MM or YYYY-MM-DD"),
        ("0000", "year 0000 does not exist"),
        ("2025-13", "month 13 does not exist"),
        ("2025-00", "month 00 does not exist"),
        ("2025-02-29", "2025-02-29 is not a real day (2025-02 has 28 days)"),
        ("2025-04-31", "2025-04-31 is not a real day (2025-04 has 30 days)"),
        ("2025-01-00", "2025-01-00 is not a real day (2025-01 has 31 days)"),
    ],
)
def test_each_impossible_date_says_why(value, message):
    with pytest.raises(ValueError) as caught:
        check_partial_date(value)
    assert str(caught.value) == message


def test_the_ends_of_the_calendar_are_real():
    for value in ("0001", "9999-12-31", "2025-12", "2025-01-31", "2024-12-31"):
        assert check_partial_date(value) == value


def test_partial_date_keys_fill_the_missing_parts_with_zero():
    assert partial_date_key("2025") == (2025, 0, 0)
    assert partial_date_key("2025-07") == (2025, 7, 0)
    assert partial_date_key("2025-07-14") == (2025, 7, 14)


@pytest.mark.parametrize("year", [1000, 2015, 9999])
def test_a_four_digit_year_written_as_a_number_is_read_as_a_date(year):
    assert Briefing.model_validate(data(as_of=year)).as_of == str(year)


@pytest.mark.parametrize("year", [999, 0, -5, 10000, True, 2025.0])
def test_other_numbers_are_not_years(year):
    with pytest.raises(ValidationError) as caught:
        Briefing.model_validate(data(as_of=year))
    assert caught.value.errors()[0]["msg"] == "Input should be a valid string"


@pytest.mark.parametrize("blank", [" ", "\t", "  \n "])
def test_a_blank_string_is_refused_in_words(blank):
    with pytest.raises(ValidationError) as caught:
        Briefing.model_validate(data(title=blank))
    assert [(e["loc"], e["msg"]) for e in caught.value.errors()] == [(("title",), "Value error, must not be blank")]


def test_text_around_spaces_is_kept_as_written():
    assert Briefing.model_validate(data(title=" Spaced ")).title == " Spaced "


@pytest.mark.parametrize(
    ("url", "why"),
    [
        ("ftp://example.org/x", "expected an http:// or https:// URL"),
        ("HTTPS://example.org/x", "expected an http:// or https:// URL"),
        ("https://example.org/a b", "a URL may not hold white space (percent-encode it)"),
        ("https://example.org/<img", "a URL may not hold the character '<' (percent-encode it)"),
        ("https://example.org/a`b", "a URL may not hold the character '`' (percent-encode it)"),
        ("https://example.org/a\\b", "a URL may not hold the character '\\\\' (percent-encode it)"),
        ("https://example.org/\x7f", "a URL may not hold control character U+007F (percent-encode it)"),
        ("https://example.org/\x01", "a URL may not hold control character U+0001 (percent-encode it)"),
        ("https://example.org/caf\u00e9", "a URL may not hold the character 'é' (percent-encode it)"),
        ("https://example.org/a%zz", "a % in a URL must start an escape such as %20"),
        ("https://example.org/a%2", "a % in a URL must start an escape such as %20"),
        ("https://user:pw@example.org/", "expected an http:// or https:// URL with a valid host name (and no user name or password in it)"),
        ("https://exa_mple.org/", "expected an http:// or https:// URL with a valid host name (and no user name or password in it)"),
        # Every character RFC 3986 allows is let through to the host's check: '!' (0x21, the
        # first printable), 'X', and escapes in either case.
        ("https://exa_mple.org/!X~%2A%2b", "expected an http:// or https:// URL with a valid host name (and no user name or password in it)"),
    ],
)
def test_a_refused_url_is_told_why(url, why):
    from briefing.model import check_url

    with pytest.raises(ValueError) as refused:
        check_url(url)
    assert str(refused.value) == why


@pytest.mark.parametrize("url", ["https://example.org/a%20b?q=1#f", "http://[::1]:8080/x", "https://xn--caf-dma.example/", "https://a.b.c.d./~x"])
def test_a_url_as_rfc_3986_writes_it_passes(url):
    from briefing.model import check_url

    assert check_url(url) == url
