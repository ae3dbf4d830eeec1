"""Independent sources, indicators and key assumptions: the rules on small fixtures, and
the fictional exercise that shows every one of them."""

from __future__ import annotations

import pytest
import yaml

from briefing.cli import main
from briefing.index import BriefingIndex, Ref
from briefing.loader import LoadError, default_path, load, load_text
from briefing.model import Briefing, cross_check
from briefing.tradecraft import (
    diff,
    evidence,
    judgment_checks,
    tradecraft_findings,
    unexplained_changes,
    withdraw,
    withdrawn_with_derivations,
)

from .conftest import MINIMAL

EXAMPLES = default_path().parent / "examples"


def with_sources(*sources: dict, **changes) -> dict:
    data = yaml.safe_load(MINIMAL)
    data["sources"] = list(sources)
    data.update(changes)
    return data


def index_of(data: dict) -> BriefingIndex:
    return BriefingIndex(Briefing.model_validate(data))


# --- derivations ----------------------------------------------------------------------


def test_a_three_deep_chain_rests_on_its_first_source():
    data = with_sources({"id": 1}, {"id": 2, "derived_from": [1]}, {"id": 3, "derived_from": [2]}, {"id": 4, "derived_from": [3]})
    data["summary"][0]["citations"] = [2, 3, 4]
    index = index_of(data)
    assert [index.roots(n) for n in (1, 2, 3, 4)] == [frozenset({1})] * 4
    assert index.descendants(1) == [2, 3, 4] and index.descendants(3) == [4]
    found = evidence(index, Ref("summary", "b1"))
    assert (found.sources, found.independent, found.badge) == (3, 1, "3 sources · 1 independent · ungraded")


def test_a_diamond_has_two_roots_counted_once_each():
    data = with_sources({"id": 1}, {"id": 2}, {"id": 3, "derived_from": [1, 2]}, {"id": 4, "derived_from": [1, 3]})
    data["summary"][0]["citations"] = [3, 4]
    index = index_of(data)
    assert index.roots(4) == frozenset({1, 2})
    assert evidence(index, Ref("summary", "b1")).badge == "2 sources · ungraded"  # 2 sources, 2 independent: no note
    data["summary"][0]["citations"] = [1, 3, 4]
    assert evidence(index_of(data), Ref("summary", "b1")).badge == "3 sources · 2 independent · ungraded"


def test_cycles_and_unknown_numbers_are_located_errors():
    data = with_sources(
        {"id": 1, "derived_from": [2]}, {"id": 2, "derived_from": [3]}, {"id": 3, "derived_from": [1, 9]}, {"id": 4, "derived_from": [4]}
    )
    findings = [(f.path, f.message) for f in cross_check(data) if f.severity == "error"]
    assert findings == [
        (("sources", 2, "derived_from", 1), "source [3] derives from source [9], which is not in sources"),
        (("sources", 2, "derived_from", 0), "derivation cycle: [1] → [2] → [3] → [1]"),
        (("sources", 3, "derived_from", 0), "derivation cycle: [4] → [4]"),
    ]
    text = yaml.safe_dump(data, sort_keys=False)
    with pytest.raises(LoadError) as caught:
        load_text(text, "cycle.yaml")
    assert "derivation cycle: [1] → [2] → [3] → [1]" in str(caught.value)
    assert str(caught.value.diagnostics[0]).startswith("cycle.yaml:")


def test_roots_survive_a_cycle_in_a_model_built_by_hand():
    index = index_of(with_sources({"id": 1, "derived_from": [2]}, {"id": 2, "derived_from": [1]}))
    assert index.roots(1) == frozenset({1})  # no root found: the source stands for itself


def test_withdrawing_a_root_withdraws_what_derives_only_from_it():
    data = with_sources({"id": 1}, {"id": 2}, {"id": 3, "derived_from": [1]}, {"id": 4, "derived_from": [3]}, {"id": 5, "derived_from": [1, 2]})
    data["summary"][0]["citations"] = [4]
    data["summary"][1]["citations"] = [5]
    index = index_of(data)
    assert withdrawn_with_derivations(index, {1}) == frozenset({1, 3, 4})  # 5 still has [2]
    result = withdraw(index, [1])
    assert result.derived == frozenset({3, 4}) and result.gone == frozenset({1, 3, 4})
    # b1 cites only [4]; the statement and the tension cite only [1]; b2 keeps [5] through [2].
    assert result.summary() == "without [1] (and [3], [4], derived from them): 3 items affected, 3 left unsupported"
    assert evidence(index, Ref("summary", "b1"), result.gone).badge == "no sources"


# --- the rules of check ---------------------------------------------------------------------


def judgment(**fields) -> dict:
    return {"id": "j", "text": "It will likely hold.", "likelihood": "likely", "citations": [1, 2], **fields}


def test_high_confidence_needs_two_independent_sources():
    data = with_sources({"id": 1}, {"id": 2, "derived_from": [1]}, judgments=[judgment(confidence="high")])
    messages = [f.message for f in tradecraft_findings(Briefing.model_validate(data))]
    assert "judgment 'j' is held with high confidence but its 2 sources rest on 1 independent source" in messages
    data["sources"][1].pop("derived_from")
    messages = [f.message for f in tradecraft_findings(Briefing.model_validate(data))]
    assert not any("independent" in m or "rests on" in m for m in messages if "ungraded" not in m)


def test_credibility_1_on_an_item_with_one_independent_root():
    data = with_sources({"id": 1, "credibility": 1}, {"id": 2, "derived_from": [1]})
    findings = [f for f in tradecraft_findings(Briefing.model_validate(data)) if "credibility 1" in f.message]
    assert [(f.path, f.severity) for f in findings] == [(("sources", 0, "credibility"), "warning")]
    assert findings[0].message == (
        "source [1] is graded credibility 1 (confirmed by other sources), but 3 items citing it rest on fewer than "
        "two independent sources: bullet 'b1', statement 'alpha/1', tension 't1'"
    )
    data["sources"][1].pop("derived_from")
    data["tensions"][0]["citations"] = [1, 2]
    data["stakeholders"][0]["statements"][0]["citations"] = [1, 2]
    assert not [f for f in tradecraft_findings(Briefing.model_validate(data)) if "credibility 1" in f.message]


def indicator(**fields) -> dict:
    return {"id": "ships", "text": "Ships keep calling", "direction": "raises", **fields}


@pytest.mark.parametrize(
    "fields, reason, expected",
    [
        ({"status": "not observed"}, None, []),
        ({"status": "partially observed"}, None, ["judgment 'j': indicator 'ships' is partially observed but names no source it was observed in"]),
        ({"status": "partially observed", "observed_in": [1]}, None, []),
        (
            {"status": "observed"},
            None,
            [
                "judgment 'j': indicator 'ships' is observed but names no source it was observed in",
                "judgment 'j': indicator 'ships' is observed, but the judgment's change_reason does not name it (was the judgment revisited?)",
            ],
        ),
        ({"status": "observed", "observed_in": [2]}, "Raised after ships was seen.", []),
        (
            {"status": "observed", "observed_in": [2]},
            "Raised after shipsX was seen.",
            ["judgment 'j': indicator 'ships' is observed, but the judgment's change_reason does not name it (was the judgment revisited?)"],
        ),
    ],
)
def test_indicator_rules(fields, reason, expected):
    extra = {"change_reason": reason} if reason else {}
    data = with_sources({"id": 1}, {"id": 2}, judgments=[judgment(indicators=[indicator(**fields)], assumptions=[], **extra)])
    briefing = Briefing.model_validate(data)
    assert [f.message for f in judgment_checks(briefing) if f.severity == "warning"] == expected


def test_assumption_rules():
    def run(confidence, status, assumptions=True):
        listed = [{"id": "a", "text": "Nothing changes.", "status": status}] if assumptions else []
        data = with_sources({"id": 1}, {"id": 2}, judgments=[judgment(confidence=confidence, assumptions=listed)])
        return [(f.path, f.message, f.severity) for f in judgment_checks(Briefing.model_validate(data))]

    assert run("high", "unsupported") == [
        (
            ("judgments", 0, "assumptions", 0, "status"),
            "judgment 'j' is held with high confidence but rests on an unsupported assumption, 'a'",
            "warning",
        )
    ]
    assert run("moderate", "unsupported") == [] and run("high", "caveated") == [] and run("high", "solid") == []
    assert run("high", "solid", assumptions=False) == [
        (("judgments", 0, "id"), "judgment 'j' states no assumptions (a Key Assumptions Check lists them)", "note")
    ]


def test_indicator_ids_are_unique_in_their_judgment_and_observed_in_must_exist():
    data = with_sources({"id": 1}, {"id": 2}, judgments=[judgment(indicators=[indicator(observed_in=[7]), indicator()])])
    assert [(f.path, f.message) for f in cross_check(data) if f.severity == "error"] == [
        (("judgments", 0, "indicators", 1, "id"), "duplicate id 'ships' in indicators of judgment 'j' (first at item 1)"),
        (("judgments", 0, "indicators", 0, "observed_in", 0), "indicator 'ships' of judgment 'j' is observed in source [7], which is not in sources"),
    ]


def test_an_indicator_observed_only_in_withdrawn_sources_is_not_observed():
    data = with_sources(
        {"id": 1}, {"id": 2}, {"id": 3, "derived_from": [1]}, judgments=[judgment(indicators=[indicator(status="observed", observed_in=[1, 3])])]
    )
    briefing = Briefing.model_validate(data)
    index = BriefingIndex(briefing)
    ships = briefing.judgments[0].indicators[0]
    assert ships.status_without(withdrawn_with_derivations(index, {1})) == "not observed"
    assert ships.status_without(withdrawn_with_derivations(index, {3})) == "observed"
    assert index.cited_by[1][-1] == Ref("indicators", "j/ships")  # the source lists the indicator it was observed in


def test_diff_warns_when_an_indicator_moved_but_the_judgment_did_not():
    data = with_sources({"id": 1}, {"id": 2}, judgments=[judgment(indicators=[indicator()])])
    old = Briefing.model_validate(data)
    data["judgments"][0]["indicators"][0].update(status="observed", observed_in=[1])
    new = Briefing.model_validate(data)
    assert unexplained_changes(diff(old, new)) == [
        "judgment 'j': indicator 'ships' went from not observed to observed, but the judgment's likelihood, confidence and change_reason did not change"
    ]
    data["judgments"][0]["change_reason"] = "ships was observed"
    revisited = Briefing.model_validate(data)
    assert unexplained_changes(diff(old, revisited)) == []


# --- the exercise ------------------------------------------------------------------------


def test_the_exercise_checks_with_exactly_the_findings_it_exists_to_show(capsys):
    path = EXAMPLES / "exercise.yaml"
    assert main(["check", str(path)]) == 0
    out, err = capsys.readouterr()
    assert out == f"{path}: ok (4 warnings, 1 note)\n"
    assert [line.split(": ", 2)[1:] for line in err.splitlines()] == [
        ["warning", "judgment 'port-stays' is held with high confidence but its 3 sources rest on 1 independent source"],
        ["warning", "judgment 'port-stays': indicator 'fuel-barges' is partially observed but names no source it was observed in"],
        ["warning", "judgment 'port-stays' is held with high confidence but rests on an unsupported assumption, 'parliament-consents'"],
        ["note", "judgment 'talks-resume' states no assumptions (a Key Assumptions Check lists them)"],
        [
            "warning",
            "source [4] is graded credibility 1 (confirmed by other sources), but 2 items citing it rest on fewer than two "
            "independent sources: bullet 'lease-talks', judgment 'port-stays'",
        ],
    ]


def test_the_exercise_uses_every_feature_and_says_it_is_fictional():
    text = (EXAMPLES / "exercise.yaml").read_text(encoding="utf-8")
    assert "A FICTIONAL EXERCISE" in text
    briefing = load(EXAMPLES / "exercise.yaml").briefing
    statuses = {i.status for j in briefing.judgments for i in j.indicators}
    assert statuses == {"observed", "partially observed", "not observed"}
    assert {a.status for j in briefing.judgments for a in j.assumptions} == {"solid", "caveated", "unsupported"}
    index = BriefingIndex(briefing)
    assert max(len(index.descendants(s.id)) for s in briefing.sources) >= 2  # a chain of derivations
    assert any(s.reliability for s in briefing.sources) and any(not s.reliability and not s.credibility for s in briefing.sources)


def test_the_exercise_and_its_later_version_differ_as_a_compare_partner_should(capsys):
    old, new = EXAMPLES / "exercise.yaml", EXAMPLES / "exercise-v2.yaml"
    assert main(["diff", str(old), str(new)]) == 1
    err = capsys.readouterr().err
    assert "indicator 'fuel-barges' went from partially observed to observed" in err


def test_the_bundled_briefing_stays_as_the_article_wrote_it():
    briefing = load(default_path()).briefing
    assert not any(s.derived_from for s in briefing.sources)
    assert not any(j.indicators or j.assumptions for j in briefing.judgments)
    tensions = {t.id: t.parties for t in briefing.tensions}
    assert tensions["sovereignty"] == [] and tensions["bargaining-chips"] == []  # the article names no party
    neighbours = [s.position or "" for s in briefing.stakeholders if s.id in ("turkey", "israel")]
    assert neighbours and all("relations with Syria" not in position for position in neighbours)


def test_credibility_1_names_at_most_three_items_then_an_ellipsis():
    data = with_sources({"id": 1, "credibility": 1}, {"id": 2, "derived_from": [1]})
    data["timeline"] = [{"date": "2025", "text": f"Event {n}", "citations": [1]} for n in range(3)]
    [finding] = [f for f in tradecraft_findings(Briefing.model_validate(data)) if "credibility 1" in f.message]
    assert finding.message.endswith("rest on fewer than two independent sources: bullet 'b1', statement 'alpha/1', tension 't1' …")
    assert "6 items citing it rest on" in finding.message
    one = with_sources({"id": 1, "credibility": 1}, {"id": 2})
    one["summary"][0]["citations"] = [2]
    one["summary"][1]["citations"] = [2]
    one["tensions"][0]["citations"] = [2]
    [finding] = [f for f in tradecraft_findings(Briefing.model_validate(one)) if "credibility 1" in f.message]
    assert "but 1 item citing it rests on fewer than two independent sources: statement 'alpha/1'" in finding.message


def test_every_cycle_is_found_once_among_many_sources():
    data = with_sources(
        {"id": 1, "derived_from": [2, 5]},
        {"id": 2, "derived_from": [1]},
        {"id": 3, "derived_from": [4]},
        {"id": 4, "derived_from": [3, 1]},
        {"id": 5},
        {"id": 6, "derived_from": [5, 6]},
    )
    assert [(f.path, f.message) for f in cross_check(data) if "cycle" in f.message] == [
        (("sources", 1, "derived_from", 0), "derivation cycle: [1] → [2] → [1]"),
        (("sources", 3, "derived_from", 0), "derivation cycle: [3] → [4] → [3]"),
        (("sources", 5, "derived_from", 1), "derivation cycle: [6] → [6]"),
    ]


def test_a_long_chain_is_walked_without_recursion():
    chain = [{"id": 1}] + [{"id": n, "derived_from": [n - 1]} for n in range(2, 3002)]
    assert [f for f in cross_check(with_sources(*chain)) if "cycle" in f.message] == []
    index = index_of(with_sources(*chain))
    assert index.roots(3001) == frozenset({1}) and len(index.descendants(1)) == 3000


def test_search_fields_hold_a_judgments_assumptions():
    from briefing.index import BriefingIndex

    index = BriefingIndex(load(EXAMPLES / "exercise.yaml").briefing)
    fields = index.search_fields(Ref("judgments", "port-stays"))
    assert ("assumption", "No third country bids for the lease.") in fields
    assert not any(name in ("id", "citations", "indicators") for name, _ in fields)


def test_withdrawal_follows_a_chain_listed_out_of_order():
    data = with_sources({"id": 4, "derived_from": [3]}, {"id": 3, "derived_from": [1]}, {"id": 1}, {"id": 2})
    assert withdrawn_with_derivations(index_of(data), {1}) == frozenset({1, 3, 4})


def test_a_source_used_only_as_a_root_or_in_an_indicator_counts_as_used():
    data = with_sources(
        {"id": 1},
        {"id": 2, "derived_from": [3]},
        {"id": 3},
        {"id": 4},
        judgments=[judgment(indicators=[indicator(status="observed", observed_in=[4])])],
    )
    assert [f.message for f in cross_check(data) if f.severity == "warning"] == []


def test_duplicate_assumption_ids_are_errors():
    data = with_sources(
        {"id": 1},
        {"id": 2},
        judgments=[judgment(assumptions=[{"id": "a", "text": "x", "status": "solid"}, {"id": "a", "text": "y", "status": "caveated"}])],
    )
    assert [(f.path, f.message) for f in cross_check(data) if f.severity == "error"] == [
        (("judgments", 0, "assumptions", 1, "id"), "duplicate id 'a' in assumptions of judgment 'j' (first at item 1)")
    ]


def test_a_citation_that_is_no_number_does_not_hide_a_dangling_one_after_it():
    data = with_sources({"id": 1}, {"id": 2})
    data["summary"][0]["citations"] = ["one", 9]
    assert [f.path for f in cross_check(data) if f.severity == "error"] == [("summary", 0, "citations", 1)]


def test_credibility_1_is_checked_on_every_item_whatever_comes_first():
    data = with_sources({"id": 1, "credibility": 1}, {"id": 2}, {"id": 3, "derived_from": [1]})
    data["summary"][0]["citations"] = [1, 2]  # two independent roots: fine
    data["summary"][1]["citations"] = [1, 3]  # one root
    data["tensions"][0]["citations"] = [2]
    data["stakeholders"][0]["statements"][0]["citations"] = [2]
    [finding] = [f for f in tradecraft_findings(Briefing.model_validate(data)) if "credibility 1" in f.message]
    assert finding.message.endswith("1 item citing it rests on fewer than two independent sources: bullet 'b2'")


def test_diff_names_an_indicator_added_observed_and_one_whose_text_changed_too():
    data = with_sources({"id": 1}, {"id": 2}, judgments=[judgment(indicators=[indicator()])])
    old = Briefing.model_validate(data)
    data["judgments"][0]["indicators"][0].update(text="Ships keep calling, daily", status="observed", observed_in=[1])
    data["judgments"][0]["indicators"].append(indicator(id="new", status="observed", observed_in=[2]))
    new = Briefing.model_validate(data)
    assert unexplained_changes(diff(old, new)) == [
        "judgment 'j': indicator 'ships' went from not observed to observed, but the judgment's likelihood, confidence and change_reason did not change",
        "judgment 'j': indicator 'new' went from not observed to observed, but the judgment's likelihood, confidence and change_reason did not change",
    ]


# --- the gaps the last mutation run found ----------------------------------------------


def test_a_non_number_in_derived_from_does_not_hide_a_dangling_number_after_it():
    data = with_sources({"id": 1}, {"id": 2, "derived_from": ["one", 9]})
    assert [f.path for f in cross_check(data) if f.severity == "error"] == [("sources", 1, "derived_from", 1)]


def test_roots_walk_on_past_a_source_already_seen():
    index = index_of(with_sources({"id": 2}, {"id": 4}, {"id": 6, "derived_from": [2, 4, 4]}))
    assert index.roots(6) == frozenset({2, 4})


def test_credibility_1_with_exactly_four_items_names_three_and_an_ellipsis():
    data = with_sources({"id": 1, "credibility": 1}, {"id": 2})
    data["timeline"] = [{"date": "2025", "text": "E", "citations": [1]}]
    data["summary"][0]["citations"] = [1]
    data["summary"][1]["citations"] = [2]
    [finding] = [f for f in tradecraft_findings(Briefing.model_validate(data)) if "credibility 1" in f.message]
    assert "4 items citing it rest on" in finding.message and finding.message.endswith(" …")


def test_indicator_warnings_point_at_the_indicators_status():
    data = with_sources({"id": 1}, {"id": 2}, judgments=[judgment(indicators=[indicator(status="observed")], assumptions=[])])
    paths = [f.path for f in judgment_checks(Briefing.model_validate(data)) if f.severity == "warning"]
    assert paths == [("judgments", 0, "indicators", 0, "status")] * 2


def test_diff_warns_when_an_observed_indicator_is_dropped_and_the_judgment_stays():
    data = with_sources(
        {"id": 1}, {"id": 2}, judgments=[judgment(indicators=[indicator(), indicator(id="gone", status="observed", observed_in=[1])])]
    )
    old = Briefing.model_validate(data)
    data["judgments"][0]["indicators"].pop()
    new = Briefing.model_validate(data)
    assert unexplained_changes(diff(old, new)) == [
        "judgment 'j': indicator 'gone' went from observed to not observed, but the judgment's likelihood, confidence and change_reason did not change"
    ]


DERIVED = (
    MINIMAL.replace("  - id: b2\n", "  - id: b3\n    text: Third bullet, on a report that repeats source one\n    citations: [3]\n  - id: b2\n")
    + "  - id: 3\n    title: Source three\n    derived_from: [1]\n"
)


def test_print_without_a_source_sets_aside_what_derives_only_from_it_as_the_dashboard_does(write, capsys):
    """One set for withdrawal everywhere: print's rows, badges and sources list what derives
    only from a withdrawn source as withdrawn too (it once marked only the source asked)."""
    from briefing.cli import main

    assert main(["print", "--without", "1", "--width", "120", str(write(DERIVED))]) == 0
    out = capsys.readouterr().out
    third = next(line for line in out.splitlines() if "Third bullet" in line and "[3]" in line)
    assert third.lstrip(" •").startswith("◆") and "no sources" in third


def test_a_chain_of_thousands_costs_what_it_is_long():
    """Roots, withdrawal and what a source is the root of, on a chain listed backwards (each
    withdrawal pass found one more) and forwards: linear, counted in steps, not timed."""
    n = 3000
    chain = [{"id": i, **({"derived_from": [i - 1]} if i > 1 else {})} for i in range(n, 0, -1)]
    index = index_of(with_sources(*chain))
    calls = 0
    parents = index.parents

    def counted(source_id):
        nonlocal calls
        calls += 1
        return parents(source_id)

    index.parents = counted  # type: ignore[method-assign]
    assert withdrawn_with_derivations(index, {1}) == frozenset(range(1, n + 1))
    assert all(index.roots(s) == frozenset({1}) for s in range(1, n + 1))
    assert calls < 10 * n, calls


def test_an_indicator_is_named_by_its_whole_id_only():
    """`barges` is not named by a change_reason that names `fuel-barges` (\\b stands at a hyphen)."""
    from briefing.tradecraft import names_id

    assert not names_id("More fuel-barges were seen.", "barges")
    assert not names_id("More barges-2 were seen.", "barges")
    assert not names_id("See barges.v2 now.", "barges")
    assert names_id("Barges seen: barges.", "barges") and names_id("(barges, ships)", "barges")
    assert names_id("fuel-barges were seen", "fuel-barges") and names_id("v1.2 holds", "v1.2")
    data = with_sources({"id": 1}, {"id": 2}, judgments=[judgment(indicators=[indicator(id="barges", status="observed", observed_in=[1])])])
    data["judgments"][0]["change_reason"] = "More fuel-barges were seen."
    messages = [f.message for f in judgment_checks(Briefing.model_validate(data))]
    assert any("indicator 'barges' is observed, but the judgment's change_reason does not name it" in m for m in messages)


def test_diff_pairs_indicators_by_id_not_by_place():
    """Reordering two indicators changes nothing; inserting one is one addition (by place,
    each gave two false warnings)."""
    two = [indicator(id="ships"), indicator(id="barges", status="observed", observed_in=[1])]
    data = with_sources({"id": 1}, {"id": 2}, judgments=[judgment(indicators=two)])
    old = Briefing.model_validate(data)
    data["judgments"][0]["indicators"] = list(reversed(two))
    assert diff(old, Briefing.model_validate(data)) == []
    data["judgments"][0]["indicators"] = [indicator(id="new"), *two]
    changes = diff(old, Briefing.model_validate(data))
    assert unexplained_changes(changes) == []
    [change] = changes
    assert [field for field, old_value, _ in change.fields if old_value is None] == [field for field, _, _ in change.fields]
    assert {field.partition(".")[0] for field, _, _ in change.fields} == {"indicators[new]"}


def test_a_cycle_closed_twice_by_the_same_sources_is_reported_once():
    data = with_sources({"id": 1, "derived_from": [2, 2]}, {"id": 2, "derived_from": [1]})
    cycles = [f.message for f in cross_check(data) if "cycle" in f.message]
    assert cycles == ["derivation cycle: [1] → [2] → [1]"]
