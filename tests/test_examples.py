"""The fictional examples say at the top what `check` finds in them, and what their matrix
and their later version show: each claim held here, word for word, so a comment cannot
drift from the file it describes."""

from __future__ import annotations

import json
import re

import pytest

from briefing.cli import main

from .conftest import ROOT

EXAMPLES = ROOT / "data" / "examples"


def listed_findings(name: str) -> list[str]:
    """The findings the file's header lists, after "passes with exactly these findings"."""
    lines = (EXAMPLES / name).read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if "passes with exactly these findings" in line)
    listed = []
    for line in lines[start + 2 :]:
        found = re.match(r"#   ((?:error|warning|note): .*)", line)
        if found is None:
            break
        listed.append(found.group(1))
    return listed


TRACK_RECORD = [
    "karsk-port-2025.yaml",
    "karsk-port.yaml",
    "valdor-grid.yaml",
    "lorn-strait.yaml",
    "history/lorn-strait-1.yaml",
    "history/lorn-strait-2.yaml",
]
#: The day the headers' findings hold on: a question falls due as the days pass.
TODAY = "2026-11-30"


@pytest.mark.parametrize(
    ("name", "count"), [("exercise.yaml", 5), ("exercise-v2.yaml", 5), *((f"track-record/{name}", None) for name in TRACK_RECORD)]
)
def test_check_finds_exactly_what_the_header_lists(name, count, capsys):
    lines = (EXAMPLES / name).read_text(encoding="utf-8").splitlines()
    assert lines[2].startswith("# A FICTIONAL EXERCISE.")
    assert f"`briefing check --today {TODAY} data/examples/{name}`" in "\n".join(lines[:8])
    assert main(["check", "--today", TODAY, str(EXAMPLES / name)]) == 0
    found = [re.sub(r"^.*?:\d+:\d+: ", "", line) for line in capsys.readouterr().err.splitlines()]
    assert found == listed_findings(name)
    assert count is None or len(found) == count


def leaders(*arguments: str) -> list[str]:
    return [h["id"] for h in ach(*arguments)["hypotheses"] if h["leading"]]


def ach(*arguments: str) -> dict:
    import contextlib
    import io

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["ach", "--format", "json", *arguments]) == 0
    return json.loads(out.getvalue())


def test_the_exercise_matrix_is_as_its_header_says():
    exercise = str(EXAMPLES / "exercise.yaml")
    assert leaders(exercise) == ["interim"]
    rows = {row["ref"]: row for row in ach(exercise)["evidence"]}
    assert [ref for ref, row in rows.items() if row["critical"]] == ["summary:lease-talks", "tensions:rent"]
    assert rows["summary:harbour-works"]["diagnosticity"] == 0
    assert leaders("--without", "2", exercise) == ["renew"]


def test_the_later_version_is_as_its_header_says(capsys):
    later = str(EXAMPLES / "exercise-v2.yaml")
    assert sorted(leaders(later)) == ["interim", "renew"]  # a tie
    assert main(["diff", str(EXAMPLES / "exercise.yaml"), later]) == 1
    assert capsys.readouterr().err.splitlines() == [
        f"{later}: warning: judgment 'port-stays': indicator 'fuel-barges' went from partially observed to observed, "
        "but the judgment's likelihood, confidence and change_reason did not change"
    ]
