"""Evidence strength, withdrawal, estimative language, staleness and diff."""

from __future__ import annotations

import json

import pytest
import yaml

from briefing.cli import main
from briefing.index import BriefingIndex, Ref
from briefing.loader import default_path, load
from briefing.model import Briefing
from briefing.tradecraft import diff, estimative_problems, evidence, staleness, unexplained_changes, weak_high_confidence, withdraw

from .conftest import MINIMAL


def briefing(**changes) -> Briefing:
    data = yaml.safe_load(MINIMAL)
    for key, value in changes.items():
        data[key] = value
    return Briefing.model_validate(data)


def graded(*grades):
    data = yaml.safe_load(MINIMAL)
    data["sources"] = [{"id": i + 1, **grade} for i, grade in enumerate(grades)]
    return Briefing.model_validate(data)


def test_evidence_badge_counts_sources_and_spans_grades():
    index = BriefingIndex(graded({"reliability": "C", "credibility": 3}, {"reliability": "B", "credibility": 2}))
    assert evidence(index, Ref("summary", "b1")).badge == "2 sources · B2–C3"
    assert evidence(index, Ref("summary", "b2")).badge == "1 source · B2"
    ungraded = BriefingIndex(briefing())
    assert evidence(ungraded, Ref("summary", "b2")).badge == "1 source · ungraded"
    mixed = BriefingIndex(graded({"reliability": "A", "credibility": 1}, {}))
    assert evidence(mixed, Ref("summary", "b1")).badge == "2 sources · A1 · 1 ungraded"


def test_high_confidence_on_one_source_is_flagged():
    judgments = [
        {"id": "weak", "text": "x", "likelihood": "likely", "confidence": "high", "citations": [1]},
        {"id": "fine", "text": "y", "likelihood": "likely", "confidence": "moderate", "citations": [1]},
    ]
    flagged = weak_high_confidence(BriefingIndex(briefing(judgments=judgments)))
    assert [(ref.key, "1 source" in message) for ref, message in flagged] == [("weak", True)]


def test_withdrawal_finds_affected_and_unsupported_items():
    index = BriefingIndex(briefing())
    result = withdraw(index, [2])
    assert result.affected == [Ref("summary", "b1"), Ref("summary", "b2")]
    assert result.unsupported == [Ref("summary", "b2")]  # b1 still has [1]
    assert result.summary() == "without [2]: 2 items affected, 1 left unsupported"
    assert withdraw(index, []).affected == []


@pytest.mark.parametrize(
    "text, likelihood, expected",
    [
        ("Russia will likely stay.", "likely", []),
        ("Russia will very likely stay.", "likely", ["the text says 'very likely' (80–95%) but the likelihood is 'likely'"]),
        ("It is unlikely that Russia leaves.", "unlikely", []),
        ("Russia could possibly stay.", "likely", ["'could' is not an ICD 203 likelihood term", "'possibly' is not an ICD 203 likelihood term"]),
        (
            "Probably, and very likely, it stays.",
            "very likely",
            ["the text says 'Probably' (55–80%) but the likelihood is 'very likely'", "the text mixes the ICD 203 scale's two rows of terms"],
        ),
        ("Almost certainly.", "almost certain", []),
    ],
)
def test_estimative_language(text, likelihood, expected):
    assert estimative_problems(text, likelihood) == expected


def test_check_warns_on_estimative_language_at_the_judgment_text(write, capsys):
    text = MINIMAL + "judgments:\n  - id: j1\n    text: Russia might stay.\n    likelihood: likely\n    citations: [1]\n"
    path = write(text)
    assert main(["check", str(path)]) == 0
    err = capsys.readouterr().err
    assert f"{path}:35:11: warning: judgment 'j1': 'might' is not an ICD 203 likelihood term" in err


def test_staleness_and_timeline_order():
    b = briefing(
        as_of="2025-07",
        sources=[
            {"id": 1, "published": "2024-01-10"},
            {"id": 2, "published": "2025-06", "accessed": "2025-08-01"},
        ],
        timeline=[{"date": "2025-05", "text": "a"}, {"date": "2024", "text": "b"}, {"date": "2025-05-03", "text": "c"}],
    )
    messages = [(f.path, f.message) for f in staleness(b)]
    assert (("sources", 0, "published"), "source [1] was published 2024-01-10, more than 180 days before the as-of date 2025-07") in messages
    assert (("sources", 1, "accessed"), "source [2] was accessed 2025-08-01, after the briefing's as-of date 2025-07") in messages
    assert (("timeline", 1, "date"), "timeline event 2 (2024) is out of order after 2025-05") in messages
    assert len(messages) == 3  # 2025-05-03 after 2024 is in order; 2025-06 is recent


def test_check_max_age_flag(write, capsys):
    path = write(MINIMAL.replace("    title: Source one", "    title: Source one\n    published: 2025-03-01"))
    assert main(["check", str(path)]) == 0
    assert "more than 180 days" not in capsys.readouterr().err
    assert main(["check", "--max-age", "30", str(path)]) == 0
    assert "source [1] was published 2025-03-01, more than 30 days before" in capsys.readouterr().err


def test_check_and_print_without_a_source(capsys):
    assert main(["check", "--without", "2"]) == 0
    out = capsys.readouterr().out
    assert "without [2]: 6 items affected, 6 left unsupported" in out
    assert "  UNSUPPORTED bullet political-implications: Political Implications" in out
    assert main(["print", "--without", "2", "--width", "120"]) == 0
    out = capsys.readouterr().out
    assert "without [2]: 6 items affected, 6 left unsupported" in out and "⚠ unsupported" in out


def test_without_rejects_nonsense():
    with pytest.raises(SystemExit) as caught:
        main(["check", "--without", "x"])
    assert caught.value.code == 2


def test_diff_reports_field_changes_and_unexplained_likelihood_moves():
    old = load(default_path()).briefing
    data = old.model_dump(mode="json", exclude_none=True)
    data["judgments"][0]["likelihood"] = "very likely"
    data["bases"][0]["status"] = "Closed"
    data["summary"].pop()
    new = Briefing.model_validate(data)
    changes = diff(old, new)
    described = [(c.collection, c.key, c.kind, c.fields) for c in changes]
    assert ("summary", "regional-impact", "removed", []) in described
    assert ("bases", "tartus", "changed", [("status", old.bases[0].status, "Closed")]) in described
    assert ("judgments", "retain-bases", "changed", [("likelihood", "likely", "very likely")]) in described
    assert unexplained_changes(changes) == ["judgment 'retain-bases': likelihood changed without a new change_reason"]
    data["judgments"][0]["change_reason"] = "New reporting"
    assert unexplained_changes(diff(old, Briefing.model_validate(data))) == []


def test_diff_command_exit_codes_and_json(tmp_path, capsys):
    bundled = str(default_path())
    assert main(["diff", bundled, bundled]) == 0
    changed = tmp_path / "new.yaml"
    changed.write_text(default_path().read_text(encoding="utf-8").replace("likelihood: likely", "likelihood: very likely"), encoding="utf-8")
    capsys.readouterr()
    assert main(["diff", bundled, str(changed), "--format", "json"]) == 1
    captured = capsys.readouterr()
    payload = json.loads(captured.out)
    assert payload["changes"][0]["fields"] == [{"field": "likelihood", "old": "likely", "new": "very likely"}]
    assert "changed without a new change_reason" in captured.err
    assert main(["diff", bundled, str(tmp_path / "missing.yaml")]) == 2


# --- exact values, so that each rule can fail on what it says --------------------------

from briefing.model import Finding
from briefing.tradecraft import (
    Change,
    Evidence,
    _grade_key,
    compare,
    date_range,
    thin_evidence,
    tradecraft_findings,
)


def test_grades_sort_by_reliability_then_credibility_ungraded_parts_last():
    def source(reliability=None, credibility=None):
        return briefing(sources=[{"id": 1, "reliability": reliability, "credibility": credibility}]).sources[0]

    assert _grade_key(source("A", 1)) == (0, 1)
    assert _grade_key(source("F", 6)) == (5, 6)
    assert _grade_key(source(None, 2)) == (6, 2)
    assert _grade_key(source("B", None)) == (1, 7)
    grades = sorted([source("C", 2), source(None, 1), source("B", None), source("B", 3), source("A", 6)], key=_grade_key)
    assert [(s.reliability, s.credibility) for s in grades] == [("A", 6), ("B", 3), ("B", None), ("C", 2), (None, 1)]


def test_evidence_counts_what_is_left_after_withdrawal_and_partial_grades():
    index = BriefingIndex(graded({"reliability": "C"}, {"credibility": 2}))
    b1 = Ref("summary", "b1")
    assert evidence(index, b1) == Evidence(2, "C?", "?2", 0, 2)
    assert evidence(index, b1, frozenset({1})) == Evidence(1, "?2", "?2", 0, 1)
    assert evidence(index, b1, frozenset({1, 2})) == Evidence(0, None, None, 0, 0)
    assert evidence(index, b1, frozenset({1, 2})).badge == "no sources"
    assert evidence(BriefingIndex(briefing()), b1) == Evidence(2, None, None, 2, 2)
    assert evidence(index, Ref("summary", "gone")) == Evidence(0, None, None, 0, 0)


def test_thin_evidence_is_high_confidence_on_one_source_or_ungraded_ones():
    class Judgment:
        confidence = "high"

    class Moderate:
        confidence = "moderate"

    assert thin_evidence(Judgment(), Evidence(1, "B2", "B2", 0, 1))
    assert thin_evidence(Judgment(), Evidence(0, None, None, 0, 0))
    assert thin_evidence(Judgment(), Evidence(3, None, None, 3, 3))
    assert thin_evidence(Judgment(), Evidence(3, "B2", "C3", 0, 1))  # three sources, one origin
    assert not thin_evidence(Judgment(), Evidence(2, "B2", "C3", 0, 2))
    assert not thin_evidence(Moderate(), Evidence(1, None, None, 1, 1))
    assert not thin_evidence(object(), Evidence(1, None, None, 1, 1))


def test_weak_high_confidence_names_each_judgment_and_why():
    judgments = [
        {"id": "one", "text": "x", "likelihood": "likely", "confidence": "high", "citations": [1]},
        {"id": "ungraded", "text": "y", "likelihood": "likely", "confidence": "high", "citations": [1, 2]},
        {"id": "fine", "text": "z", "likelihood": "likely", "confidence": "high", "citations": [1, 2]},
        {"id": "none", "text": "w", "likelihood": "likely", "confidence": "high"},
    ]
    plain_index = BriefingIndex(briefing(judgments=judgments))
    assert [(ref.key, message) for ref, message in weak_high_confidence(plain_index)] == [
        ("one", "judgment 'one' is held with high confidence but rests on 1 source"),
        ("ungraded", "judgment 'ungraded' is held with high confidence but its sources are all ungraded"),
        ("fine", "judgment 'fine' is held with high confidence but its sources are all ungraded"),
        ("none", "judgment 'none' is held with high confidence but rests on 0 sources"),
    ]
    data = yaml.safe_load(MINIMAL)
    data["judgments"] = judgments
    data["sources"] = [{"id": 1, "reliability": "B", "credibility": 2}, {"id": 2}]
    graded_index = BriefingIndex(Briefing.model_validate(data))
    assert [ref.key for ref, _ in weak_high_confidence(graded_index)] == ["one", "none"]


def test_withdrawal_summary_lists_every_source_in_order():
    index = BriefingIndex(briefing())
    assert withdraw(index, [2, 1]).summary() == "without [1], [2]: 4 items affected, 4 left unsupported"
    assert withdraw(index, [1]).summary() == "without [1]: 3 items affected, 2 left unsupported"


def test_partial_dates_span_their_whole_period():
    import datetime

    day = datetime.date
    assert date_range("2024") == (day(2024, 1, 1), day(2024, 12, 31))
    assert date_range("2024-02") == (day(2024, 2, 1), day(2024, 2, 29))
    assert date_range("2025-02") == (day(2025, 2, 1), day(2025, 2, 28))
    assert date_range("2025-07-14") == (day(2025, 7, 14), day(2025, 7, 14))


def test_staleness_boundaries_and_severity():
    b = briefing(
        as_of="2025-07-01",
        sources=[
            {"id": 1, "published": "2025-01-02"},  # 180 days before: not stale
            {"id": 2, "published": "2025-01-01"},  # 181 days: stale
            {"id": 3, "published": "2025-07-01", "accessed": "2025-07-02"},  # the day itself is fine; the next is after
            {"id": 4, "published": "2025-07"},  # July overlaps the as-of day: not after
        ],
        timeline=[{"date": "2025-05", "text": "a"}, {"date": "2025-05-31", "text": "b"}, {"date": "2025-04-30", "text": "c"}],
    )
    assert staleness(b) == [
        Finding(("sources", 1, "published"), "source [2] was published 2025-01-01, more than 180 days before the as-of date 2025-07-01", "warning"),
        Finding(("sources", 2, "accessed"), "source [3] was accessed 2025-07-02, after the briefing's as-of date 2025-07-01", "warning"),
        Finding(("timeline", 2, "date"), "timeline event 3 (2025-04-30) is out of order after 2025-05-31", "warning"),
    ]
    assert [f.path for f in staleness(b, max_age_days=179)] == [
        ("sources", 0, "published"),
        ("sources", 1, "published"),
        ("sources", 2, "accessed"),
        ("timeline", 2, "date"),
    ]


def test_an_event_overlapping_the_one_above_is_in_order():
    b = briefing(timeline=[{"date": "2025-05-10", "text": "a"}, {"date": "2025-05", "text": "b"}, {"date": "2025", "text": "c"}])
    assert staleness(b) == []
    b = briefing(timeline=[{"date": "2025-05", "text": "a"}, {"date": "2025-04-30", "text": "b"}, {"date": "2025-05-01", "text": "c"}])
    assert [f.path for f in staleness(b)] == [("timeline", 1, "date")]


def test_tradecraft_findings_put_each_warning_at_its_field():
    judgments = [
        {"id": "j0", "text": "It will stay.", "likelihood": "likely", "citations": [1, 2]},
        {"id": "j1", "text": "It may go.", "likelihood": "unlikely", "confidence": "high", "citations": [1]},
    ]
    b = briefing(judgments=judgments, as_of="2025-07", sources=[{"id": 1, "published": "2023"}, {"id": 2}])
    assert tradecraft_findings(b) == [
        Finding(("judgments", 1, "text"), "judgment 'j1': 'may' is not an ICD 203 likelihood term", "warning"),
        Finding(("judgments", 1, "confidence"), "judgment 'j1' is held with high confidence but rests on 1 source", "warning"),
        Finding(("judgments", 0, "id"), "judgment 'j0' states no assumptions (a Key Assumptions Check lists them)", "note"),
        Finding(("judgments", 1, "id"), "judgment 'j1' states no assumptions (a Key Assumptions Check lists them)", "note"),
        Finding(("sources", 0, "published"), "source [1] was published 2023, more than 180 days before the as-of date 2025-07", "warning"),
        Finding(("judgments", 0, "id"), "judgment 'j0' has no resolution: it can never be scored", "note"),
        Finding(("judgments", 1, "id"), "judgment 'j1' has no resolution: it can never be scored", "note"),
    ]
    assert tradecraft_findings(b, max_age_days=10_000)[-3].path == ("judgments", 1, "id")
    # The likelihood is what the text is read against.
    b = briefing(judgments=[{"id": "j", "text": "It is likely.", "likelihood": "unlikely", "citations": [1]}])
    assert [f.message for f in tradecraft_findings(b) if f.severity == "warning"] == [
        "judgment 'j': the text says 'likely' (55–80%) but the likelihood is 'unlikely'"
    ]


def test_the_default_age_is_180_days():
    b = briefing(as_of="2025-07-01", sources=[{"id": 1, "published": "2025-01-02"}, {"id": 2, "published": "2025-01-01"}])
    assert [f.path for f in tradecraft_findings(b)] == [("sources", 1, "published")]


def _versions():
    old = yaml.safe_load(MINIMAL)
    old["timeline"] = [{"date": "2024", "text": "first"}, {"date": "2025", "text": "second", "citations": [1]}]
    new = yaml.safe_load(MINIMAL)
    new["title"] = "Renamed"
    new["bluf"] = "Something happens."
    new["summary"][0]["citations"] = [2]
    new["summary"].append({"id": "b3", "text": "Third", "citations": [1]})
    new["stakeholders"][0]["statements"][0]["text"] = "We said another thing."
    del new["tensions"]
    new["timeline"] = [{"date": "2024", "text": "first"}, {"date": "2025", "text": "second", "citations": [1, 2]}, {"date": "2026", "text": "third"}]
    return Briefing.model_validate(old), Briefing.model_validate(new)


def test_diff_lists_every_change_by_collection_then_kind():
    old, new = _versions()
    assert diff(old, new) == [
        Change("briefing", "", "changed", [("title", "Test briefing", "Renamed"), ("bluf", "Nothing happens.", "Something happens.")]),
        Change("summary", "b1", "changed", [("citations", [1, 2], [2])]),
        Change("summary", "b3", "added", []),
        Change("stakeholders", "alpha", "changed", [("statements[1].text", "We said a thing.", "We said another thing.")]),
        Change("tensions", "t1", "removed", []),
        Change("timeline", "#2", "changed", [("citations", [1], [1, 2])]),
        Change("timeline", "#3", "added", []),
    ]
    assert diff(old, old) == []


def test_diff_sees_nested_fields_and_values_that_appear_or_go():
    data = yaml.safe_load(MINIMAL)
    data["bases"] = [{"id": "x", "name": "X", "kind": "air", "location": {"place": "P", "country": "C"}}]
    old = Briefing.model_validate(data)
    data["bases"][0]["location"]["place"] = "Q"
    data["bases"][0]["status"] = "open"
    data["sources"][0]["title"] = None
    new = Briefing.model_validate(data)
    assert diff(old, new) == [
        Change("bases", "x", "changed", [("location.place", "P", "Q"), ("status", None, "open")]),
        Change("sources", "1", "changed", [("title", "Source one", None)]),
    ]


def test_unexplained_changes_need_a_new_reason_for_likelihood_or_confidence():
    changes = [
        Change("judgments", "a", "changed", [("likelihood", "likely", "unlikely")]),
        Change("judgments", "b", "changed", [("confidence", "low", "high"), ("change_reason", None, "New source")]),
        Change("judgments", "c", "changed", [("confidence", "low", "high"), ("likelihood", "likely", "unlikely"), ("change_reason", "Old", None)]),
        Change("judgments", "d", "changed", [("text", "x", "y")]),
        Change("judgments", "e", "added", []),
        Change("summary", "f", "changed", [("likelihood", "a", "b")]),
    ]
    assert unexplained_changes(changes) == [
        "judgment 'a': likelihood changed without a new change_reason",
        "judgment 'c': confidence and likelihood changed without a new change_reason",
    ]


def test_compare_marks_new_and_changed_items_and_counts_what_went():
    old, new = _versions()
    comparison = compare(old, new)
    assert comparison.changes == {
        Ref("summary", "b1"): "changed",
        Ref("summary", "b3"): "added",
        Ref("stakeholders", "alpha"): "changed",
        Ref("timeline", "#2"): "changed",
        Ref("timeline", "#3"): "added",
    }
    assert comparison.removed == 1 and comparison.added == 2
    assert comparison.summary("old.yaml") == "since old.yaml: 2 new, 3 changed, 1 removed"
    assert compare(old, old).summary("same.yaml") == "since same.yaml: 0 new, 0 changed, 0 removed"


def test_staleness_reads_accessed_without_published_and_same_or_overlapping_days_are_in_order():
    b = briefing(
        as_of="2025-07-01",
        sources=[{"id": 1, "accessed": "2024-01-01"}, {"id": 2}],
        timeline=[
            {"date": "2025-05-10", "text": "a"},
            {"date": "2025-05-10", "text": "same day"},
            {"date": "2025-05", "text": "the month"},
            {"date": "2025-05-20", "text": "inside the month above"},
        ],
    )
    assert [(f.path, f.message) for f in staleness(b)] == [
        (("sources", 0, "accessed"), "source [1] was accessed 2024-01-01, more than 180 days before the as-of date 2025-07-01"),
    ]


def test_diff_orders_changed_then_added_then_removed_within_a_collection():
    data = yaml.safe_load(MINIMAL)
    old = Briefing.model_validate(data)
    data["summary"] = [
        {"id": "new1", "text": "New one", "citations": [1]},
        {"id": "b2", "label": "Second", "text": "Second bullet, edited", "citations": [2]},
        {"id": "new2", "text": "New two", "citations": [1]},
    ]
    data["stakeholders"][0]["statements"][0]["citations"] = [1, 2]
    new = Briefing.model_validate(data)
    assert [(c.collection, c.key, c.kind) for c in diff(old, new)] == [
        ("summary", "b2", "changed"),
        ("summary", "new1", "added"),
        ("summary", "new2", "added"),
        ("summary", "b1", "removed"),
        ("stakeholders", "alpha", "changed"),
    ]
    both_gone = Briefing.model_validate({**data, "summary": []})
    assert compare(old, both_gone).removed == 2


def test_duplicate_ids_are_found_in_every_collection():
    from briefing.model import cross_check

    data = yaml.safe_load(MINIMAL)
    data["stakeholders"].append({"id": "alpha", "name": "Again", "kind": "state"})
    data["tensions"].append({"id": "t1", "title": "Again"})
    data["judgments"] = [{"id": "j", "text": "a", "likelihood": "likely"}, {"id": "j", "text": "b", "likelihood": "likely"}]
    data["bases"] = [{"id": "x", "name": "X", "kind": "air", "location": {"place": "P", "country": "C"}, "citations": [8]}]
    assert [(f.path, f.message) for f in cross_check(data)] == [
        (("stakeholders", 1, "id"), "duplicate id 'alpha' in stakeholders (first at item 1)"),
        (("tensions", 1, "id"), "duplicate id 't1' in tensions (first at item 1)"),
        (("judgments", 1, "id"), "duplicate id 'j' in judgments (first at item 1)"),
        (("bases", 0, "citations", 0), "base 'x' cites source [8], which is not in sources"),
    ]


def test_a_briefing_that_grades_no_source_is_not_told_ungraded_on_every_row():
    """#22: "2 sources · ungraded" on every row of an all-ungraded briefing was noise."""
    from rich.console import Console

    from briefing.render import document

    bundled = BriefingIndex(load(default_path()).briefing)
    assert not bundled.grades_sources
    console = Console(width=120, record=True)
    console.print(document(bundled.briefing, bundled))
    shown = console.export_text()
    assert "ungraded" not in shown.split("Sources (")[0] and "2 sources" in shown
    some = BriefingIndex(graded({"reliability": "B"}, {}))
    assert some.grades_sources
    assert evidence(some, Ref("summary", "b1")).words(some.grades_sources) == "2 sources · B? · 1 ungraded"


def test_an_indicator_dropped_while_not_observed_is_no_status_change():
    """A status that went from "not observed" to nothing (the indicator removed) moved nothing;
    one that was observed and went did."""
    changes = [
        Change("judgments", "a", "changed", [("indicators[x].status", "not observed", None)]),
        Change("judgments", "b", "changed", [("indicators[y].status", None, "not observed")]),
        Change("judgments", "c", "changed", [("indicators[z].status", "observed", None)]),
    ]
    warnings = unexplained_changes(changes)
    assert len(warnings) == 1 and warnings[0].startswith("judgment 'c': indicator 'z' went from observed to")


def test_compare_keeps_each_changed_items_fields_as_diff_gives_them():
    from briefing.loader import load
    from briefing.tradecraft import compare

    from .conftest import ROOT

    old = load(ROOT / "data" / "examples" / "exercise.yaml").briefing
    new = load(ROOT / "data" / "examples" / "exercise-v2.yaml").briefing
    comparison = compare(old, new)
    assert comparison.fields[Ref("summary", "harbour-works")] == [
        ("text", "Dredging at the inner harbour continues on a reduced schedule.", "Dredging at the inner harbour has stopped."),
        ("citations", [5], [7]),
    ]
    assert Ref("summary", "barges-leave") not in comparison.fields  # added: nothing to compare with
    assert comparison.changes[Ref("summary", "barges-leave")] == "added"
