"""Evidence strength, withdrawal, estimative language, staleness and diff."""

from __future__ import annotations

import json

import pytest
import yaml

from briefing.cli import main
from briefing.index import BriefingIndex, Ref
from briefing.loader import default_path, load
from briefing.model import Briefing
from briefing.tradecraft import diff, estimative_problems, evidence, staleness, unexplained_changes, withdraw, weak_high_confidence

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
        ("Probably, and very likely, it stays.", "very likely", ["the text says 'Probably' (55–80%) but the likelihood is 'very likely'", "the text mixes the ICD 203 scale's two rows of terms"]),
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
