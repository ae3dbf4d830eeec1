"""Competing hypotheses: the scores by hand, the checks, the command, and the matrix in
the fictional exercise (a critical row, a non-diagnostic row, a leader a withdrawal moves)."""

from __future__ import annotations

import json
import math

import pytest
import yaml

from briefing.ach import diagnosticity, score
from briefing.cli import main
from briefing.index import BriefingIndex
from briefing.loader import LoadError, default_path, load, load_text
from briefing.model import Briefing, cross_check
from briefing.tradecraft import diff

from .conftest import MINIMAL

EXERCISE = default_path().parent / "examples" / "exercise.yaml"


def briefing_with(hypotheses: list[str], rows: list[dict], question: str = "Which?") -> Briefing:
    data = yaml.safe_load(MINIMAL)
    data["hypotheses"] = [{"id": h, "text": f"Hypothesis {h}"} for h in hypotheses]
    data["ach"] = {"question": question, "evidence": rows}
    return Briefing.model_validate(data)


def matrix_of(hypotheses, rows, withdrawn=frozenset()):
    briefing = briefing_with(hypotheses, rows)
    return score(briefing.hypotheses, briefing.ach, BriefingIndex(briefing), frozenset(withdrawn))


def test_scores_computed_by_hand():
    m = matrix_of(
        ["a", "b", "c"],
        [
            {"ref": "summary:b1", "credibility": "high", "ratings": {"a": "I", "b": "C", "c": "II"}},  # a 1, c 2
            {"ref": "summary:b2", "ratings": {"a": "CC", "b": "I", "c": "NA"}},  # b 0.5
            {"ref": "tensions:t1", "credibility": "low", "ratings": {"a": "N", "b": "II", "c": "C"}},  # b 0.5
        ],
    )
    scores = {h.id: (h.inconsistency, h.weighted_inconsistency, h.leading) for h in m.hypotheses}
    assert scores == {"a": (1, 1.0, True), "b": (3, 1.0, True), "c": (2, 2.0, False)}
    assert [h.id for h in m.hypotheses] == ["a", "b", "c"] and m.leading == ["a", "b"]  # a tie leads together
    d = [round(row.diagnosticity, 6) for row in m.evidence]
    assert d == [round(math.sqrt(14 / 9), 6), 1.5, round(math.sqrt(14 / 9), 6)]
    # Without row 1, a drops to 0 and leads alone; without row 2 or 3, b drops below a.
    assert [row.critical for row in m.evidence] == [True, True, True]


def test_a_row_that_leaves_the_leader_alone_is_not_critical():
    m = matrix_of(
        ["a", "b"],
        [
            {"ref": "summary:b1", "credibility": "high", "ratings": {"a": "C", "b": "II"}},
            {"ref": "summary:b2", "credibility": "low", "ratings": {"a": "I", "b": "N"}},
        ],
    )
    assert m.leading == ["a"] and [h.weighted_inconsistency for h in m.hypotheses] == [0.25, 2.0]
    assert [row.critical for row in m.evidence] == [True, False]


def test_all_na_and_all_equal_rows_are_not_diagnostic():
    assert diagnosticity(["NA", "NA"]) == 0 and diagnosticity([]) == 0 and diagnosticity(["C", "C", "NA"]) == 0
    assert diagnosticity(["CC", "II"]) == 2.0
    m = matrix_of(["a", "b"], [{"ref": "summary:b1", "ratings": {"a": "NA", "b": "NA"}}])
    assert not m.evidence[0].diagnostic and m.leading == ["a", "b"] and not m.evidence[0].critical


def test_a_single_hypothesis_always_leads():
    m = matrix_of(["only"], [{"ref": "summary:b1", "credibility": "high", "ratings": {"only": "II"}}])
    assert [(h.id, h.inconsistency, h.weighted_inconsistency, h.leading) for h in m.hypotheses] == [("only", 2, 2.0, True)]
    assert not m.evidence[0].critical and m.evidence[0].diagnosticity == 0


def test_withdrawing_every_source_of_a_rows_evidence_drops_it():
    rows = [
        {"ref": "summary:b2", "credibility": "high", "ratings": {"a": "II", "b": "C"}},  # b2 cites [2] only
        {"ref": "summary:b1", "ratings": {"a": "C", "b": "I"}},  # b1 cites [1, 2]
    ]
    assert matrix_of(["a", "b"], rows).leading == ["b"]
    without_2 = matrix_of(["a", "b"], rows, {2})
    assert [row.withdrawn for row in without_2.evidence] == [True, False] and without_2.leading == ["a"]
    assert not without_2.evidence[0].critical  # a withdrawn row is out of the matrix
    assert matrix_of(["a", "b"], rows, {1, 2}).leading == ["a", "b"]


def test_the_matrix_must_name_real_hypotheses_and_items_and_rate_every_hypothesis():
    data = yaml.safe_load(MINIMAL)
    data["hypotheses"] = [{"id": "a", "text": "A"}, {"id": "b", "text": "B"}, {"id": "a", "text": "again"}]
    data["ach"] = {
        "question": "Which?",
        "evidence": [
            {"ref": "summary:nowhere", "ratings": {"a": "C", "b": "C"}},
            {"ref": "summary:b1", "ratings": {"a": "C", "z": "I"}},
            {"ref": "statements:alpha/1", "ratings": {"a": "NA", "b": "NA"}},
        ],
    }
    assert [(f.path, f.message) for f in cross_check(data) if f.path[0] in ("ach", "hypotheses")] == [
        (("hypotheses", 2, "id"), "duplicate id 'a' in hypotheses (first at item 1)"),
        (("ach", "evidence", 0, "ref"), "ACH row 1 names 'summary:nowhere', which is no item of this briefing"),
        (("ach", "evidence", 1, "ratings", "z"), "ACH row 2 rates 'z', which is not a hypothesis"),
        (("ach", "evidence", 1, "ratings"), "ACH row 2 does not rate 'b': write NA where it does not apply"),
    ]
    with pytest.raises(LoadError) as caught:
        load_text(yaml.safe_dump(data, sort_keys=False), "m.yaml")
    assert any("ACH row 2 rates 'z'" in str(d) and str(d).startswith("m.yaml:") for d in caught.value.diagnostics)


def test_every_kind_of_item_can_be_evidence():
    data = yaml.safe_load(EXERCISE.read_text(encoding="utf-8"))
    refs = [
        "summary:station-open",
        "bases:karsk",
        "stakeholders:ostravia",
        "statements:veldonia/1",
        "tensions:rent",
        "judgments:talks-resume",
        "indicators:port-stays/crew-rotation",
        "timeline:#1",
        "sources:6",
    ]
    data["ach"]["evidence"] = [{"ref": ref, "ratings": {"renew": "N", "interim": "N", "withdraw": "N"}} for ref in refs]
    assert [f for f in cross_check(data) if f.path[0] == "ach"] == []


def test_the_ach_command_prints_json_as_documented(capsys):
    assert main(["ach", str(EXERCISE), "--format", "json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert list(payload) == ["question", "hypotheses", "evidence"]
    assert [(h["id"], h["inconsistency"], h["weighted_inconsistency"], h["leading"]) for h in payload["hypotheses"]] == [
        ("interim", 2, 0.75, True),
        ("renew", 2, 1.0, False),
        ("withdraw", 6, 4.5, False),
    ]
    rows = {row["ref"]: row for row in payload["evidence"]}
    assert list(rows["summary:station-open"]) == ["ref", "credibility", "ratings", "diagnosticity", "critical", "withdrawn"]
    assert [ref for ref, row in rows.items() if row["critical"]] == ["summary:lease-talks", "tensions:rent"]
    assert [ref for ref, row in rows.items() if row["diagnosticity"] == 0] == ["summary:harbour-works"]


def test_withdrawing_one_source_changes_the_leader(capsys):
    assert main(["ach", str(EXERCISE), "--without", "2", "--format", "json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert [h["id"] for h in payload["hypotheses"] if h["leading"]] == ["renew"]
    withdrawn = [row["ref"] for row in payload["evidence"] if row["withdrawn"]]
    assert withdrawn == ["summary:lease-talks", "statements:ostravia/1"]  # [3] and [4] go with [2]


def test_the_ach_command_in_text_and_its_exit_codes(capsys):
    assert main(["ach", str(EXERCISE)]) == 0
    out = capsys.readouterr().out
    assert "★ leads  interim" in out and "! critical" in out and "≈ non-diagnostic" in out and "✘✘ II" in out
    assert main(["ach", str(EXERCISE), "--without", "99"]) == 2
    assert "no source [99]" in capsys.readouterr().err
    assert main(["ach"]) == 0  # the bundled briefing has no matrix: it says so
    assert "no ACH matrix" in capsys.readouterr().err
    assert main(["ach", "/no/such/file.yaml"]) == 2


def test_print_and_the_documents_show_the_matrix(capsys):
    assert main(["print", str(EXERCISE), "--section", "hypotheses", "--width", "120"]) == 0
    out = capsys.readouterr().out
    assert "Competing hypotheses (3)" in out and "★ leads" in out
    assert main(["export", "-f", "markdown", str(EXERCISE)]) == 0
    markdown = capsys.readouterr().out
    assert "| bullet: Lease talks | medium | ✔ C | ✘ I | · N | 0.82 | ! critical |" in markdown
    assert main(["export", "-f", "html", str(EXERCISE)]) == 0
    page = capsys.readouterr().out
    assert '<th scope="row"><a href="#summary-lease-talks">bullet: Lease talks</a></th>' in page


def test_diff_reports_changed_ratings_and_a_change_of_leader():
    old = load(EXERCISE).briefing
    new = load(EXERCISE.with_name("exercise-v2.yaml")).briefing
    changes = [(c.collection, c.key, c.kind, c.fields) for c in diff(old, new) if c.collection == "ach"]
    assert changes == [
        ("ach", "indicators:port-stays/fuel-barges", "changed", [("ratings.interim", "I", "II")]),
        ("ach", "leading hypotheses", "changed", [("leading", "interim", "renew, interim")]),
    ]


def test_a_large_matrix_scores_in_linear_time():
    """10,000 rows over 10 hypotheses: the critical rows are found without re-scoring the
    matrix once per row (benchmarks/ times it; this test counts the work instead)."""
    import briefing.ach as ach

    calls = []
    real = ach.leading
    ach.leading = lambda totals: calls.append(len(totals)) or real(totals)
    try:
        hypotheses = [f"h{n}" for n in range(10)]
        ratings = ["CC", "C", "N", "I", "II", "NA"]
        rows = [{"ref": "summary:b1", "ratings": {h: ratings[(r + n) % 6] for n, h in enumerate(hypotheses)}} for r in range(2000)]
        matrix_of(hypotheses, rows)
    finally:
        ach.leading = real
    assert len(calls) == 2001 and set(calls) == {10}  # once for the matrix, once per row


def test_the_json_carries_the_question_and_each_hypothesis_text(capsys):
    assert main(["ach", str(EXERCISE), "--format", "json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["question"] == "What will Ostravia do about the Karsk station by September 2031?"
    assert payload["hypotheses"][0]["text"] == "Ostravia stays on without a lease, under an interim arrangement."
    assert all(row["critical"] is False or row["critical"] is True for row in payload["evidence"])


def test_a_withdrawn_row_is_never_critical_and_says_so():
    m = matrix_of(["a", "b"], [{"ref": "summary:b2", "credibility": "high", "ratings": {"a": "II", "b": "C"}}], {2})
    assert m.evidence[0].withdrawn is True and m.evidence[0].critical is False


def _pair(change):
    data = yaml.safe_load(MINIMAL)
    data["hypotheses"] = [{"id": "a", "text": "A"}, {"id": "b", "text": "B"}]
    data["ach"] = {
        "question": "Which?",
        "evidence": [
            {"ref": "summary:b1", "ratings": {"a": "C", "b": "I"}},
            {"ref": "summary:b2", "ratings": {"a": "N", "b": "N"}},
        ],
    }
    old = Briefing.model_validate(data)
    change(data)
    return [(c.collection, c.key, c.kind, c.fields) for c in diff(old, Briefing.model_validate(data)) if c.collection in ("ach", "hypotheses")]


def test_diff_of_hypotheses_and_rows():
    def edit(data):
        data["hypotheses"][0]["text"] = "A, reworded"
        data["hypotheses"].append({"id": "c", "text": "C"})
        for row in data["ach"]["evidence"]:
            row["ratings"]["c"] = "NA"
        data["ach"]["evidence"][1]["credibility"] = "high"
        data["ach"]["evidence"].append({"ref": "tensions:t1", "ratings": {"a": "N", "b": "N", "c": "N"}})

    assert _pair(edit) == [
        ("hypotheses", "a", "changed", [("text", "A", "A, reworded")]),
        ("hypotheses", "c", "added", []),
        ("ach", "summary:b1", "changed", [("ratings.c", None, "NA")]),
        ("ach", "summary:b2", "changed", [("ratings.c", None, "NA"), ("credibility", "medium", "high")]),
        ("ach", "leading hypotheses", "changed", [("leading", "a", "a, c")]),  # c, rated NA throughout, ties
        ("ach", "tensions:t1", "added", []),
    ]

    def drop(data):
        data["hypotheses"].pop()
        for row in data["ach"]["evidence"]:
            row["ratings"].pop("b")
        data["ach"]["evidence"].pop()

    assert _pair(drop) == [
        ("hypotheses", "b", "removed", []),
        ("ach", "summary:b1", "changed", [("ratings.b", "I", None)]),
        ("ach", "summary:b2", "removed", []),
    ]

    def no_matrix(data):
        del data["ach"]

    assert _pair(no_matrix) == [
        ("ach", "leading hypotheses", "changed", [("leading", "a", None)]),
        ("ach", "summary:b1", "removed", []),
        ("ach", "summary:b2", "removed", []),
    ]


def test_a_new_matrix_names_its_leader_in_the_diff():
    data = yaml.safe_load(MINIMAL)
    old = Briefing.model_validate(data)
    data["hypotheses"] = [{"id": "a", "text": "A"}, {"id": "b", "text": "B"}]
    data["ach"] = {"question": "Which?", "evidence": [{"ref": "summary:b1", "ratings": {"a": "C", "b": "I"}}]}
    new = Briefing.model_validate(data)
    changes = [(c.collection, c.key, c.kind, c.fields) for c in diff(old, new) if c.collection in ("ach", "hypotheses")]
    assert changes == [
        ("hypotheses", "a", "added", []),
        ("hypotheses", "b", "added", []),
        ("ach", "leading hypotheses", "changed", [("leading", None, "a")]),
        ("ach", "summary:b1", "added", []),
    ]
    assert diff(new, new) == []


def test_rows_may_name_a_timeline_event_by_its_id_and_every_row_is_checked():
    data = yaml.safe_load(MINIMAL)
    data["timeline"] = [{"id": "later", "date": "2025", "text": "E"}]
    data["hypotheses"] = [{"id": "a", "text": "A"}, {"id": "b", "text": "B"}, {"id": "c", "text": "C"}]
    data["ach"] = {
        "question": "Which?",
        "evidence": [
            {"ref": "timeline:later", "ratings": "not a mapping"},
            {"ref": "timeline:#1", "ratings": {"a": "C"}},
        ],
    }
    assert [(f.path, f.message) for f in cross_check(data) if f.path[0] == "ach"] == [
        (("ach", "evidence", 1, "ref"), "ACH row 2 names 'timeline:#1', which is no item of this briefing"),
        (("ach", "evidence", 1, "ratings"), "ACH row 2 does not rate 'b', 'c': write NA where it does not apply"),
    ]


def test_diagnosticity_in_json_is_rounded_to_six_places(capsys):
    assert main(["ach", str(EXERCISE), "--format", "json"]) == 0
    rows = {row["ref"]: row for row in json.loads(capsys.readouterr().out)["evidence"]}
    assert rows["summary:lease-talks"]["diagnosticity"] == 0.816497
    assert rows["statements:ostravia/1"]["diagnosticity"] == 1.414214


def test_diff_compares_every_row_after_an_added_one_and_names_a_tied_leadership():
    def edit(data):
        data["ach"]["evidence"].insert(0, {"ref": "tensions:t1", "ratings": {"a": "N", "b": "N"}})
        data["ach"]["evidence"][2]["ratings"]["a"] = "II"  # summary:b2

    assert _pair(edit) == [
        ("ach", "summary:b2", "changed", [("ratings.a", "N", "II")]),
        ("ach", "leading hypotheses", "changed", [("leading", "a", "b")]),
        ("ach", "tensions:t1", "added", []),
    ]

    def untie(data):
        data["ach"]["evidence"][0]["ratings"]["a"] = "II"  # a 1.0, b 0.5: b leads alone

    def tie(data):
        data["ach"]["evidence"][0]["ratings"]["b"] = "C"  # a 0, b 0: tied

    assert _pair(tie)[-1] == ("ach", "leading hypotheses", "changed", [("leading", "a", "a, b")])
    assert _pair(untie)[-1] == ("ach", "leading hypotheses", "changed", [("leading", "a", "b")])


def test_a_tie_broken_is_named_with_both_former_leaders():
    data = yaml.safe_load(MINIMAL)
    data["hypotheses"] = [{"id": "a", "text": "A"}, {"id": "b", "text": "B"}]
    data["ach"] = {"question": "Which?", "evidence": [{"ref": "summary:b1", "ratings": {"a": "N", "b": "N"}}]}
    old = Briefing.model_validate(data)
    data["ach"]["evidence"][0]["ratings"]["b"] = "I"
    new = Briefing.model_validate(data)
    assert [c.fields for c in diff(old, new) if c.key == "leading hypotheses"] == [[("leading", "a, b", "a")]]


# --- rules that once disagreed with their specification (issue 23) ----------------------------


def test_a_row_on_a_source_drops_out_when_the_source_is_withdrawn():
    rows = [
        {"ref": "sources:1", "credibility": "high", "ratings": {"a": "II", "b": "C"}},
        {"ref": "summary:b1", "ratings": {"a": "C", "b": "I"}},
    ]
    assert matrix_of(["a", "b"], rows).leading == ["b"]
    without_1 = matrix_of(["a", "b"], rows, {1})
    assert [row.withdrawn for row in without_1.evidence] == [True, False]
    assert without_1.leading == ["a"] and not without_1.evidence[0].critical
    assert [row.withdrawn for row in matrix_of(["a", "b"], rows, {2}).evidence] == [False, False]


def test_the_ach_command_drops_a_source_row_under_without(write, capsys):
    data = yaml.safe_load(MINIMAL)
    data["hypotheses"] = [{"id": "a", "text": "A"}, {"id": "b", "text": "B"}]
    data["ach"] = {"question": "Which?", "evidence": [{"ref": "sources:1", "ratings": {"a": "II", "b": "C"}}]}
    path = write(yaml.safe_dump(data, sort_keys=False))
    assert main(["ach", "--format", "json", "--without", "1", str(path)]) == 0
    [row] = json.loads(capsys.readouterr().out)["evidence"]
    assert row["withdrawn"] is True and row["critical"] is False


def test_two_rows_on_one_piece_of_evidence_are_an_error():
    data = yaml.safe_load(MINIMAL)
    data["hypotheses"] = [{"id": "a", "text": "A"}]
    data["ach"] = {"question": "Which?", "evidence": [{"ref": "summary:b1", "ratings": {"a": "C"}}, {"ref": "summary:b1", "ratings": {"a": "I"}}]}
    assert [(f.path, f.message) for f in cross_check(data)] == [
        (("ach", "evidence", 1, "ref"), "ACH row 2 rates 'summary:b1' again (first in row 1): one row for each piece of evidence")
    ]


def test_duplicate_hypotheses_are_an_error_without_a_matrix_and_named_once_with_one():
    data = yaml.safe_load(MINIMAL)
    data["hypotheses"] = [{"id": "h1", "text": "One"}, {"id": "h2", "text": "Two"}, {"id": "h2", "text": "Again"}]
    assert [f.message for f in cross_check(data)] == ["duplicate id 'h2' in hypotheses (first at item 2)"]
    data["ach"] = {"question": "Which?", "evidence": [{"ref": "summary:b1", "ratings": {"h1": "C"}}]}
    messages = [f.message for f in cross_check(data)]
    assert "ACH row 1 does not rate 'h2': write NA where it does not apply" in messages


def test_a_matrix_that_is_not_a_mapping_is_said_in_a_readers_words():
    data = yaml.safe_load(MINIMAL)
    data["ach"] = ["not", "a", "mapping"]
    with pytest.raises(LoadError) as caught:
        load_text(yaml.safe_dump(data, sort_keys=False), "m.yaml")
    [message] = [str(d) for d in caught.value.diagnostics if "ach" in str(d)]
    assert message.endswith("ach: expected a mapping (key: value lines), found a list") and "instance of" not in message


def test_ach_json_without_a_matrix_is_an_empty_matrix_and_says_why(capsys):
    assert main(["ach", "--format", "json", str(default_path())]) == 0
    out, err = capsys.readouterr()
    assert json.loads(out) == {"question": None, "hypotheses": [], "evidence": []}
    assert "no ACH matrix in this briefing" in err


def test_an_unrated_hypothesis_counts_as_not_applicable():
    """`check` insists every hypothesis is rated; scored anyway (the dashboard shows a matrix
    while the file is being written), a missing rating is NA: nothing against it."""
    m = matrix_of(["a", "b"], [{"ref": "summary:b1", "ratings": {"a": "I"}}, {"ref": "summary:b2", "ratings": {"b": "II"}}])
    assert {h.id: h.inconsistency for h in m.hypotheses} == {"a": 1, "b": 2}
    assert m.leading == ["a"]


def test_hypotheses_within_a_rounding_error_tie():
    from briefing.ach import leading

    assert leading({"a": 0.0, "b": 1e-9, "c": 2e-9}) == {"a", "b"}
    assert leading({}) == frozenset()


def test_without_an_index_nothing_is_withdrawn():
    briefing = briefing_with(["a", "b"], [{"ref": "sources:1", "ratings": {"a": "I", "b": "N"}}])
    with_index = score(briefing.hypotheses, briefing.ach, BriefingIndex(briefing), frozenset({1}))
    without = score(briefing.hypotheses, briefing.ach, None, frozenset({1}))
    assert [row.withdrawn for row in with_index.evidence] == [True]
    assert [row.withdrawn for row in without.evidence] == [False]
