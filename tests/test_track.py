"""The track record (#25): judgments resolved and scored, by hand and against scoringrules;
the versions that choose the forecast scored (files and git history); check, diff, score and
the iCalendar export as a user runs them."""

from __future__ import annotations

import datetime
import json
import math
import shutil
from pathlib import Path

import pytest

from briefing.cli import main
from briefing.loader import load, load_text
from briefing.track import BAND_MIDDLES, Version, as_json, forecasts, record_changes, score
from briefing.versions import committed_versions, gather

from .conftest import ROOT

TRACK = ROOT / "data" / "examples" / "track-record"
TODAY = datetime.date(2026, 11, 30)


def briefing(*judgments: str, as_of: str = "2031-10-05", id: str = "desk") -> object:
    text = f"schema_version: 1\nid: {id}\ntitle: T\nas_of: {as_of}\nregion: R\nbluf: B\njudgments:\n" + "".join(judgments)
    return load_text(text, "t.yaml").briefing


def judgment(id: str, likelihood: str, outcome: str | None = None, by: str = "2031-09-30", probability: float | None = None) -> str:
    lines = [f"  - id: {id}", "    text: Something.", f"    likelihood: {likelihood}"]
    if probability is not None:
        lines.append(f"    probability: {probability}")
    lines += ["    resolution:", "      question: Did it?", f"      by: {by}"]
    if outcome:
        lines += [f'      outcome: "{outcome}"', "      resolved_on: 2031-07-15"]
    return "\n".join(lines) + "\n"


def scored(*versions: Version):
    return score(forecasts(versions), TODAY)


def test_the_band_middles_are_the_issues():
    assert BAND_MIDDLES == {
        "almost no chance": 0.03,
        "very unlikely": 0.125,
        "unlikely": 0.325,
        "roughly even chance": 0.5,
        "likely": 0.675,
        "very likely": 0.875,
        "almost certain": 0.97,
    }


def test_a_single_judgment_by_hand():
    scores = scored(Version(briefing(judgment("a", "likely", "yes")), "a.yaml"))
    assert (scores.resolved, scores.void, scores.open, scores.due) == (1, 0, 0, 0)
    assert scores.brier == pytest.approx(0.325**2)  # (0.675 − 1)²
    assert scores.log == pytest.approx(-math.log(0.675))
    # One judgment: its band is the whole record, ō = 1.
    assert scores.reliability == pytest.approx(0.325**2)
    assert scores.resolution == 0 and scores.uncertainty == 0 and scores.within_band == 0
    likely = next(b for b in scores.bands if b.likelihood == "likely")
    assert (likely.n, likely.mean_probability, likely.observed) == (1, 0.675, 1.0)
    assert sum(b.n for b in scores.bands) == 1


def test_all_void_scores_nothing_and_counts_them_apart():
    scores = scored(Version(briefing(judgment("a", "likely", "void"), judgment("b", "unlikely", "void")), "a.yaml"))
    assert (scores.resolved, scores.void, scores.open) == (0, 2, 0)
    assert scores.brier is scores.log is scores.reliability is scores.within_band is None
    assert [(b.likelihood, b.n, b.mean_probability, b.observed) for b in scores.bands] == [(word, 0, None, None) for word in BAND_MIDDLES]


def test_two_bands_by_hand_and_the_decomposition_is_exact_with_band_middles():
    # likely: yes, no (p 0.675); unlikely: no (p 0.325). ō = 1/3.
    b = briefing(judgment("a", "likely", "yes"), judgment("b", "likely", "no"), judgment("c", "unlikely", "no"))
    scores = scored(Version(b, "a.yaml"))
    assert scores.brier == pytest.approx((0.325**2 + 0.675**2 + 0.325**2) / 3)
    assert scores.log == pytest.approx((-math.log(0.675) - math.log(0.325) - math.log(0.675)) / 3)
    assert scores.reliability == pytest.approx((2 * (0.675 - 0.5) ** 2 + 1 * (0.325 - 0) ** 2) / 3)
    assert scores.resolution == pytest.approx((2 * (0.5 - 1 / 3) ** 2 + 1 * (0 - 1 / 3) ** 2) / 3)
    assert scores.uncertainty == pytest.approx(1 / 3 * 2 / 3)
    assert scores.within_band == 0.0  # exactly: every p is its band's mean
    assert scores.brier == pytest.approx(scores.reliability - scores.resolution + scores.uncertainty, abs=1e-15)


def test_stated_probabilities_are_scored_and_the_rest_is_within_band():
    b = briefing(judgment("a", "likely", "yes", probability=0.6), judgment("b", "likely", "no", probability=0.8))
    scores = scored(Version(b, "a.yaml"))
    assert scores.brier == pytest.approx((0.4**2 + 0.8**2) / 2)
    assert next(band for band in scores.bands if band.likelihood == "likely").mean_probability == pytest.approx(0.7)
    # reliability (0.7 − 0.5)², resolution 0, uncertainty 0.25; the rest is within the band.
    assert scores.reliability == pytest.approx(0.04) and scores.resolution == pytest.approx(0) and scores.uncertainty == pytest.approx(0.25)
    assert scores.within_band == pytest.approx(scores.brier - 0.29)
    assert scores.within_band == pytest.approx(0.11)


def test_ties_in_the_as_of_date_go_to_the_later_version():
    older = Version(briefing(judgment("a", "unlikely"), as_of="2031-06-01"), "a.yaml@1", 1.0)
    newer = Version(briefing(judgment("a", "likely"), as_of="2031-06-01"), "a.yaml@2", 2.0)
    working = Version(briefing(judgment("a", "very likely", "yes"), as_of="2031-10-05"), "a.yaml")
    (only,) = forecasts([working, newer, older])
    assert only.likelihood == "likely" and only.scored.file == "a.yaml@2"  # the later commit of the same day
    assert only.outcome == "yes" and only.file == "a.yaml"


def test_the_forecast_scored_is_the_last_before_its_day_and_the_outcome_the_latest():
    first = Version(briefing(judgment("a", "unlikely", by="2031-07-01"), as_of="2031-01-01"), "v1")
    before = Version(briefing(judgment("a", "likely", by="2031-07-01"), as_of="2031-06-30"), "v2")
    after = Version(briefing(judgment("a", "almost certain", "no", by="2031-07-01"), as_of="2031-10-05"), "v3")
    (only,) = forecasts([after, first, before])
    assert (only.likelihood, only.probability, only.outcome) == ("likely", 0.675, "no")
    # A version as of the month of the day may speak for days after it: it does not count as before.
    month = Version(briefing(judgment("a", "very unlikely", by="2031-07-01"), as_of="2031-07"), "v2b")
    assert forecasts([first, before, month, after])[0].likelihood == "likely"
    # None before the day: the first forecast made is the one scored.
    late = Version(briefing(judgment("a", "very likely", "yes", by="2031-07-01"), as_of="2031-08-01"), "late")
    later = Version(briefing(judgment("a", "unlikely", "no", by="2031-07-01"), as_of="2031-09-01"), "later")
    (only,) = forecasts([later, late])
    assert (only.likelihood, only.outcome) == ("very likely", "no")


def test_each_judgment_counts_once_by_briefing_id_and_judgment_id():
    a = Version(briefing(judgment("x", "likely", "yes"), id="one"), "a")
    b = Version(briefing(judgment("x", "likely", "no"), id="two"), "b")
    again = Version(briefing(judgment("x", "likely", "yes"), id="one"), "c")
    assert sorted((f.briefing, f.id) for f in forecasts([a, b, again])) == [("one", "x"), ("two", "x")]


def test_open_and_due():
    b = briefing(judgment("a", "likely", by="2026-11-29"), judgment("b", "likely", by="2026-11-30"))
    scores = scored(Version(b, "a"))
    assert (scores.open, scores.due) == (2, 1)  # due the day after its day, not on it
    assert [j["due"] for j in as_json(scores, TODAY)["judgments"]] == [True, False]


def test_against_scoringrules():
    np = pytest.importorskip("numpy")
    sr = pytest.importorskip("scoringrules")
    record = forecasts(gather([_copy_of_examples()], history=False).versions)
    resolved = [f for f in record if f.observed is not None]
    p = np.array([f.probability for f in resolved])
    o = np.array([f.observed for f in resolved])
    scores = score(record, TODAY)
    assert scores.brier == pytest.approx(float(np.mean(sr.brier_score(o, p))))
    assert scores.log == pytest.approx(float(np.mean(sr.log_score(o, p))))


def _copy_of_examples() -> Path:
    """The examples outside any git repository (the checkout's own history is not theirs)."""
    import tempfile

    target = Path(tempfile.mkdtemp()) / "track-record"
    shutil.copytree(TRACK, target)
    return target


@pytest.fixture
def examples(tmp_path) -> Path:
    target = tmp_path / "track-record"
    shutil.copytree(TRACK, target)
    return target


def test_the_examples_hold_the_record_the_issue_asks_for(examples):
    scores = score(forecasts(gather([examples], history=False).versions), TODAY)
    assert (scores.resolved, scores.void, scores.open, scores.due) == (24, 2, 3, 1)
    assert sum(1 for band in scores.bands if band.n) >= 5
    assert scores.brier == pytest.approx(scores.reliability - scores.resolution + scores.uncertainty + scores.within_band, abs=1e-12)
    chosen = {f.id: f for f in scores.judgments}
    # Rewritten to 'likely' after the lease was signed: the first version's forecast is scored.
    assert (chosen["lease-signed"].likelihood, chosen["lease-signed"].scored.file.endswith("karsk-port-2025.yaml")) == ("roughly even chance", True)
    # Raised before its day in the second version: that forecast is scored.
    assert (chosen["patrol-pact"].likelihood, chosen["patrol-pact"].probability) == ("likely", 0.65)


@pytest.fixture
def lorn_repository(tmp_path) -> Path:
    """The Lorn Strait briefing as a small git repository: its three versions committed in
    turn as lorn-strait.yaml (built here with dulwich: no .git is kept in the project)."""
    from dulwich import porcelain

    folder = tmp_path / "desk"
    folder.mkdir()
    repo = porcelain.init(str(folder))
    target = folder / "lorn-strait.yaml"
    steps = [TRACK / "history" / "lorn-strait-1.yaml", TRACK / "history" / "lorn-strait-2.yaml", TRACK / "lorn-strait.yaml"]
    for step, (source, when) in enumerate(zip(steps, (1748736000, 1768435200, 1788220800)), 1):
        target.write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
        porcelain.add(repo, paths=[str(target)])
        porcelain.commit(
            repo, message=f"version {step}".encode(), author=b"Desk <desk@example.org>", committer=b"Desk <desk@example.org>", commit_timestamp=when
        )
    repo.close()
    return target


def test_git_history_chooses_the_forecast_scored(lorn_repository, examples):
    committed = committed_versions([str(lorn_repository)])
    assert [v.briefing.as_of for v in committed] == ["2025-06-01", "2026-01-15", "2026-09-01"]
    assert all("@" in v.file for v in committed)
    from_git = {f.id: f[:8] for f in forecasts(gather([lorn_repository]).versions)}
    # The same record as the three files side by side in the examples' folder.
    from_files = {f.id: f[:8] for f in forecasts(gather([examples], history=False).versions) if f.briefing == "lorn-strait"}
    assert {k: v[:7] for k, v in from_git.items()} == {k: v[:7] for k, v in from_files.items()}
    assert from_git["patrol-pact"][2] == 0.65
    # Without its history, the file alone scores its current text.
    alone = {f.id: f for f in forecasts(gather([lorn_repository], history=False).versions)}
    assert alone["patrol-pact"].probability == 0.65 and alone["bridge-funded"].likelihood == "very likely"
    assert {f.id: f for f in forecasts(gather([lorn_repository]).versions)}["bridge-funded"].likelihood == "very likely"


def test_the_search_for_a_repository_stops_at_a_ceiling_and_an_unreadable_one_gives_nothing(lorn_repository, monkeypatch):
    """As git does, no repository is looked for in or above a folder of
    $GIT_CEILING_DIRECTORIES; a .git dulwich cannot read is no history, never a failure."""
    nested = lorn_repository.parent / "sub" / "lorn-strait.yaml"
    nested.parent.mkdir()
    shutil.copy(lorn_repository, nested)
    porcelain_add_commit(lorn_repository.parent, nested)
    assert len(committed_versions([str(nested)])) == 1
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(lorn_repository.parent))
    assert committed_versions([str(nested)]) == []
    monkeypatch.delenv("GIT_CEILING_DIRECTORIES")
    (lorn_repository.parent / ".git" / "HEAD").write_text("ref: refs/heads/nowhere\n")  # a HEAD naming no commit
    assert committed_versions([str(nested)]) == []
    (lorn_repository.parent / ".git" / "HEAD").write_text("ref: refs/heads/master\n")
    for stored in (lorn_repository.parent / ".git" / "objects").rglob("*"):
        if stored.is_file():  # every object damaged (zlib, not an OSError, says so)
            stored.chmod(0o644)
            stored.write_bytes(b"not zlib")
    assert committed_versions([str(nested)]) == []


def porcelain_add_commit(folder: Path, path: Path) -> None:
    from dulwich import porcelain

    with porcelain.open_repo_closing(str(folder)) as repo:
        porcelain.add(repo, paths=[str(path)])
        porcelain.commit(repo, message=b"nested", author=b"Desk <desk@example.org>", committer=b"Desk <desk@example.org>")


def test_a_file_not_in_git_and_a_repository_without_commits(tmp_path):
    from dulwich import porcelain

    porcelain.init(str(tmp_path)).close()
    shutil.copy(TRACK / "valdor-grid.yaml", tmp_path / "valdor-grid.yaml")
    assert committed_versions([str(tmp_path / "valdor-grid.yaml")]) == []


# --- check, diff, score and ics as a user runs them ----------------------------------------------


def test_check_locates_every_error_of_a_resolution(tmp_path, capsys):
    text = (TRACK / "valdor-grid.yaml").read_text(encoding="utf-8")
    text = text.replace("    probability: 0.6\n", "    probability: 0.9\n", 1)
    text = text.replace('      outcome: "no"\n      resolved_on: 2026-03-02\n', '      outcome: "no"\n', 1)
    text = text.replace("      resolved_on: 2026-05-01\n", "      resolved_on: 2026-09-01\n", 1)
    text = text.replace("      by: 2026-06-30\n", "      by: 2026-06\n", 1)
    text = text.replace('      outcome: "yes"\n      resolved_on: 2026-06-01\n', "      outcome: maybe\n      resolved_on: 2026-06-01\n", 1)
    text = text.replace("      question: Is the decision to scrap Valdor's coastal power plant taken by 31 July 2026?\n", "", 1)
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    assert main(["check", str(path)]) == 1
    err = capsys.readouterr().err
    messages = [line.split(": ", 1)[1] for line in err.splitlines()]
    assert "error: judgment 'imports-rise': probability 0.9 is outside 'likely' (0.55–0.8): change the number or the likelihood" in messages
    assert "error: judgment 'blackout-capital': an outcome needs resolved_on, the day it was recorded" in messages
    assert (
        "error: judgment 'minister-resigns' is resolved on 2026-09-01, after the briefing's as-of date 2026-08-15: a briefing cannot know it yet"
        in messages
    )
    assert "error: judgments[4].resolution.by: expected a full date as YYYY-MM-DD" in messages
    assert any(m.startswith("error: judgments[5].resolution.outcome: ") and "'yes', 'no' or 'void'" in m for m in messages)
    assert "error: judgments[7].resolution: missing required key 'question'" in messages
    lines = {line.split(": ", 1)[1]: line.split(": ", 1)[0] for line in err.splitlines()}
    # Each where it is: the probability's line, the outcome's, the date's.
    source = text.splitlines()
    where = lines["error: judgment 'imports-rise': probability 0.9 is outside 'likely' (0.55–0.8): change the number or the likelihood"]
    assert source[int(where.split(":")[1]) - 1].strip() == "probability: 0.9"
    where = lines["error: judgment 'blackout-capital': an outcome needs resolved_on, the day it was recorded"]
    assert source[int(where.split(":")[1]) - 1].strip() == 'outcome: "no"'


def test_check_warns_when_due_and_notes_what_can_never_be_scored(capsys):
    path = str(TRACK / "karsk-port.yaml")
    assert main(["check", "--today", "2026-09-30", path]) == 0
    assert "due since" not in capsys.readouterr().err  # on its day it is not yet due
    assert main(["check", "--today", "2026-10-01", path]) == 0
    err = capsys.readouterr().err.splitlines()
    assert [line.split(": ", 1)[1] for line in err] == [
        "warning: judgment 'hq-moved': due since 2026-09-30: record the outcome",
        "note: judgment 'presence-endures' has no resolution: it can never be scored",
    ]
    with pytest.raises(SystemExit) as exit:
        main(["check", "--today", "30/11/2026", path])
    assert exit.value.code == 2
    assert "expected a day as YYYY-MM-DD" in capsys.readouterr().err


def test_diff_warns_of_a_rewritten_record_and_reports_outcomes(capsys):
    old, new = str(TRACK / "karsk-port-2025.yaml"), str(TRACK / "karsk-port.yaml")
    assert main(["diff", "--format", "json", old, new]) == 1
    payload = json.loads(capsys.readouterr().out)
    assert "judgment 'lease-signed' is resolved, yet its likelihood and probability changed: the record is being rewritten" in payload["warnings"]
    assert payload["outcomes"] == [
        "judgment 'lease-signed': outcome recorded: yes (resolved on 2026-07-02)",
        "judgment 'flotilla-stays': outcome recorded: yes (resolved on 2026-01-05)",
        "judgment 'rent-doubled': outcome recorded: no (resolved on 2026-04-02)",
        "judgment 'port-barred': outcome recorded: no (resolved on 2025-10-01)",
    ]
    assert main(["diff", old, new]) == 1
    captured = capsys.readouterr()
    assert "judgment 'port-barred': outcome recorded: no (resolved on 2025-10-01)" in captured.out
    assert f"{new}: warning: judgment 'lease-signed' is resolved, yet its likelihood and probability changed" in captured.err


def test_record_changes_when_nothing_was_resolved():
    a = briefing(judgment("a", "likely"))
    b = briefing(judgment("a", "very likely"))
    assert record_changes(a, b) == ([], [])
    c = briefing(judgment("a", "very likely", "yes"))
    d = briefing(judgment("a", "likely", "no"))
    assert record_changes(c, d) == (
        ["judgment 'a' is resolved, yet its likelihood changed: the record is being rewritten"],
        ["judgment 'a': outcome changed from yes to no (resolved on 2031-07-15)"],
    )


def test_score_json_has_the_issues_shape(examples, capsys):
    assert main(["score", "--format", "json", "--today", "2026-11-30", str(examples)]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert list(payload) == [
        "resolved", "void", "open", "due", "brier", "log", "reliability", "resolution", "uncertainty", "within_band", "bands", "judgments",
    ]  # fmt: skip
    assert (payload["resolved"], payload["void"], payload["open"], payload["due"]) == (24, 2, 3, 1)
    assert [list(band) for band in payload["bands"]] == [["likelihood", "n", "mean_probability", "observed"]] * 7
    assert list(payload["judgments"][0]) == ["briefing", "id", "probability", "outcome", "brier", "by", "due", "file"]
    assert len(payload["judgments"]) == 29
    due = [j for j in payload["judgments"] if j["due"]]
    assert [(j["briefing"], j["id"], j["file"]) for j in due] == [("harbour-ledger", "hq-moved", str(examples / "karsk-port.yaml"))]


def test_score_text_shows_the_table_the_diagram_and_the_due_list(examples, capsys):
    assert main(["score", "--today", "2026-11-30", str(examples)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("24 resolved · 2 void · 3 open · 1 due\n")
    assert "Brier       0.118" in out
    assert "likely               5  0.66      0.80" in out
    assert "perfect calibration" in out and "said (mean probability)" in out
    assert "2026-09-30  harbour-ledger · hq-moved" in out


def test_score_exits_as_the_cli_does(tmp_path, capsys):
    assert main(["score", str(tmp_path / "nowhere")]) == 2
    assert "no such file or folder" in capsys.readouterr().err
    (tmp_path / "empty").mkdir()
    assert main(["score", str(tmp_path / "empty")]) == 2
    bad = tmp_path / "bad.yaml"
    bad.write_text("schema_version: 1\ntitle: [\n", encoding="utf-8")
    assert main(["score", str(bad)]) == 1
    assert "bad.yaml:" in capsys.readouterr().err
    assert main(["score"]) == 0  # the bundled briefing: nothing resolved
    assert "Nothing to score yet" in capsys.readouterr().out


def test_ics_export_parses_back_with_one_event_per_open_question(examples, tmp_path, capsys):
    from icalendar import Calendar

    out = tmp_path / "questions.ics"
    assert main(["export", "-f", "ics", str(examples), "-o", str(out)]) == 0
    calendar = Calendar.from_ical(out.read_bytes())
    events = list(calendar.walk("VEVENT"))
    assert sorted((str(e["summary"]), e["dtstart"].dt) for e in events) == [
        ("Has Ostravia moved the flotilla's headquarters out of Karsk by 30 September 2026?", datetime.date(2026, 9, 30)),
        ("Is the Lorn bridge fully funded by both shores by 31 March 2027?", datetime.date(2027, 3, 31)),
        ("Is the Lorn lighthouse sold by 31 December 2027?", datetime.date(2027, 12, 31)),
    ]
    assert len({str(e["uid"]) for e in events}) == 3
    # The same calendar from a second run: stable UIDs and stamps, for a calendar that subscribes.
    assert main(["export", "-f", "ics", str(examples)]) == 0
    assert capsys.readouterr().out.encode() == out.read_bytes()


def test_ics_keeps_hostile_text_as_text():
    from icalendar import Calendar

    from briefing.export import export

    question = 'Does it; hold, "here"?\\nBEGIN:VEVENT\nSUMMARY:injected'
    text = (
        "schema_version: 1\ntitle: T\nas_of: 2031-01-01\nregion: R\nbluf: B\njudgments:\n  - id: a\n    text: x\n    likelihood: likely\n"
        f"    resolution:\n      question: {json.dumps(question)}\n      by: 2031-02-01\n"
    )
    ics = export(load_text(text, "h.yaml").briefing, "ics")
    events = list(Calendar.from_ical(ics).walk("VEVENT"))
    assert len(events) == 1
    assert str(events[0]["summary"]) == question  # escaped on the way out, the same words on the way back


def test_the_bundled_briefing_is_given_no_resolution():
    bundled = load(ROOT / "data" / "briefing.yaml").briefing
    assert all(j.resolution is None and j.probability is None for j in bundled.judgments)


def test_the_day_is_the_clocks_unless_briefing_today_names_one(monkeypatch):
    from briefing.track import current_day

    assert current_day() == TODAY  # conftest names it: what is due must not change with the date
    monkeypatch.setenv("BRIEFING_TODAY", "2031-02-30")  # no such day: the clock's
    assert current_day() == datetime.date.today()
    monkeypatch.delenv("BRIEFING_TODAY")
    assert current_day() == datetime.date.today()


def test_today_on_the_command_line_reaches_every_part_of_the_command(monkeypatch, capsys):
    monkeypatch.delenv("BRIEFING_TODAY")
    path = str(TRACK / "karsk-port.yaml")
    assert main(["check", "--today", "2026-09-30", path]) == 0
    assert "due since" not in capsys.readouterr().err
    import os

    assert os.environ["BRIEFING_TODAY"] == "2026-09-30"  # and so the dashboard's own `check`, a process of its own


def test_a_version_of_the_very_day_is_not_before_it():
    before = Version(briefing(judgment("a", "unlikely", by="2031-07-01"), as_of="2031-06-30"), "v1")
    on_the_day = Version(briefing(judgment("a", "likely", by="2031-07-01"), as_of="2031-07-01"), "v2")
    assert forecasts([before, on_the_day])[0].likelihood == "unlikely"


def test_the_edges_of_a_band_and_of_the_as_of_date_are_inside():
    from briefing.loader import LoadError

    for likelihood, probability in (("likely", 0.55), ("likely", 0.8), ("very unlikely", 0.2), ("almost certain", 0.99)):
        briefing(judgment("a", likelihood, probability=probability))  # loads
    for likelihood, probability in (("likely", 0.54), ("likely", 0.81), ("almost certain", 1.0)):
        with pytest.raises(LoadError, match="outside"):
            briefing(judgment("a", likelihood, probability=probability))
    briefing(judgment("a", "likely", "yes"), as_of="2031-07-15")  # resolved on the as-of day itself
    briefing(judgment("a", "likely", "yes"), as_of="2031-07")  # a month: its last day
    with pytest.raises(LoadError, match="after the briefing's as-of date"):
        briefing(judgment("a", "likely", "yes"), as_of="2031-07-14")


def test_a_row_counts_what_is_due_after_its_day():
    from briefing.library import Row

    row = Row("a.yaml", 1, 1, open_by=("2026-11-29", "2026-11-30", "2027-01-01"))
    assert row.due(TODAY) == 1
    assert Row.from_dict(row._asdict()) == row


def test_unresolving_a_judgment_while_moving_it_is_a_rewrite_too():
    resolved = briefing(judgment("a", "likely", "yes"))
    reopened = briefing(judgment("a", "very likely"))
    assert record_changes(resolved, reopened) == (["judgment 'a' is resolved, yet its likelihood changed: the record is being rewritten"], [])


def test_a_row_is_marked_overdue_from_the_day_after_its_day(monkeypatch):
    from briefing.index import BriefingIndex
    from briefing.kinds import resolution_mark
    from briefing.render import row

    index = BriefingIndex(briefing(judgment("a", "likely", by="2026-11-29"), as_of="2026-11-01"))
    assert resolution_mark(index.forecast("a")).plain == "⚠ overdue since 2026-11-29"  # TODAY is the 30th
    monkeypatch.setenv("BRIEFING_TODAY", "2026-11-29")
    assert resolution_mark(index.forecast("a")).plain == "due 2026-11-29"
    assert "· due 2026-11-29" in row(index, next(iter(index.items))).plain


def test_last_day_of_a_partial_date():
    from briefing.track import last_day

    assert last_day("2031-02-14") == datetime.date(2031, 2, 14)
    assert last_day("2031-02") == datetime.date(2031, 2, 28)
    assert last_day("2032-02") == datetime.date(2032, 2, 29)
    assert last_day("2031-12") == datetime.date(2031, 12, 31)  # the month after is next year's
    assert last_day("2031") == datetime.date(2031, 12, 31)


def test_the_open_questions_days():
    from briefing.track import due_dates

    b = briefing(judgment("a", "likely", by="2031-01-02"), judgment("b", "likely", "yes"), judgment("c", "unlikely", by="2031-03-04"))
    assert due_dates(b) == ("2031-01-02", "2031-03-04")


def test_the_outcome_and_its_day_and_note_come_from_the_version_that_recorded_it():
    resolved = judgment("a", "likely", "no").replace("resolved_on: 2031-07-15\n", "resolved_on: 2031-07-15\n      note: It closed.\n")
    recorded = Version(briefing(resolved, as_of="2031-08-01"), "v1")
    # A later version without the outcome (dropped by mistake): the one recorded still counts.
    later = Version(briefing(judgment("a", "likely"), as_of="2031-09-01"), "v2")
    (only,) = forecasts([recorded, later])
    assert (only.outcome, only.resolved_on, only.note, only.file) == ("no", "2031-07-15", "It closed.", "v2")
    (open_only,) = forecasts([later])
    assert (open_only.outcome, open_only.resolved_on, open_only.note) == (None, None, None)


def test_a_judgment_new_in_the_later_version_does_not_hide_the_rest():
    old = briefing(judgment("a", "likely", "yes"))
    new = briefing(judgment("new", "likely"), judgment("a", "very likely", "yes"))
    assert record_changes(old, new) == (["judgment 'a' is resolved, yet its likelihood changed: the record is being rewritten"], [])


def test_the_record_of_one_briefing_reads_only_the_files_that_name_it(tmp_path, monkeypatch):
    import briefing.versions as versions

    for name in ("karsk-port.yaml", "karsk-port-2025.yaml", "valdor-grid.yaml"):
        shutil.copy(TRACK / name, tmp_path / name)
    read: list[str] = []
    gather = versions.gather
    monkeypatch.setattr(versions, "gather", lambda paths, *args, **kwargs: read.extend(map(str, paths)) or gather(paths, *args, **kwargs))
    path = tmp_path / "karsk-port.yaml"
    record = {f.id: f for f in versions.record_of(path, load(path).briefing)}
    assert [Path(p).name for p in read] == ["karsk-port-2025.yaml"]  # not the Valdor briefing
    assert record["lease-signed"].scored.file.endswith("karsk-port-2025.yaml")


@pytest.mark.parametrize(
    ("today", "said"),
    [
        ("2031-09-28", " · in 2 days"),
        ("2031-09-29", " · in 1 day"),
        ("2031-09-30", " · today"),
        ("2031-10-01", " · ⚠ overdue by 1 day: record the outcome"),
        ("2031-10-02", " · ⚠ overdue by 2 days: record the outcome"),
    ],
)
def test_an_open_questions_day_is_said_to_the_day(monkeypatch, today, said):
    """Detail counts the days to an open question's date, and past it (from the day after)."""
    from briefing.kinds import resolution_text

    monkeypatch.setenv("BRIEFING_TODAY", today)
    item = briefing(judgment("a", "likely")).judgments[0]
    (forecast,) = forecasts([Version(briefing(judgment("a", "likely")), "")])
    text = resolution_text(item, forecast)
    assert text.plain == "Did it?\ndue 2031-09-30" + said
    assert ("bold red" in [span.style for span in text.spans]) == ("overdue" in said)


def test_the_scored_line_names_the_older_version_scored_and_bolds_only_the_numbers():
    from briefing.kinds import scored_text

    versions = [Version(load(TRACK / "karsk-port-2025.yaml").briefing, "karsk-port-2025.yaml"), Version(load(TRACK / "karsk-port.yaml").briefing, "")]
    forecast = {f.id: f for f in forecasts(versions)}["lease-signed"]
    text = scored_text(forecast)
    assert text is not None and text.plain == "p 0.5 (roughly even chance, as of 2025-04-01) · Brier term 0.250"
    assert [(text.plain[span.start : span.end], str(span.style)) for span in text.spans] == [
        ("p 0.5", "bold"),
        (" (roughly even chance", "dim"),
        (", as of 2025-04-01", "dim"),
        (")", "dim"),
        ("0.250", "bold"),
    ]
    assert not text.style


def test_an_index_takes_the_record_of_its_own_briefing_and_counts_each_reading():
    """The dashboard's index scores from this version alone until the versions are read in;
    then from the record, its own briefing's forecasts only; each reading is counted (Detail
    draws again on a new count)."""
    from briefing.index import BriefingIndex

    mine, other = briefing(judgment("a", "likely", "yes"), id="desk"), briefing(judgment("a", "unlikely", "no"), id="other")
    index = BriefingIndex(mine)
    assert (index.forecast("a").file, index.records_read) == ("", 0)
    record = forecasts([Version(other, "other.yaml"), Version(mine, "desk.yaml")])
    index.use_record(record)
    assert (index.forecast("a").file, index.forecast("a").outcome, index.records_read) == ("desk.yaml", "yes", 1)
    index.use_record(record)
    assert index.records_read == 2
