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
    value = data(
        bases=[{"id": "b", "name": "B", "kind": "air", "location": {"place": "P", "country": "C"}, "operator": "ghost"}]
    )
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
