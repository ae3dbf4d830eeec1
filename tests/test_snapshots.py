"""SVG snapshots of the main screens at fixed sizes (update with `pytest --snapshot-update`)."""

from .tui_helpers import bundled_app


def test_main_screen_120x40(snap_compare):
    app = bundled_app()
    assert snap_compare(app, terminal_size=(120, 40), run_before=quotes_checked(app))


def test_main_screen_80x24(snap_compare):
    app = bundled_app()
    assert snap_compare(app, terminal_size=(80, 24), run_before=quotes_checked(app))


def test_main_screen_200x60(snap_compare):
    app = bundled_app()
    assert snap_compare(app, terminal_size=(200, 60), run_before=quotes_checked(app))


def test_following_a_citation_120x40(snap_compare):
    app = bundled_app()
    assert snap_compare(app, terminal_size=(120, 40), press=["j", "enter"], run_before=quotes_checked(app))


def test_help_screen_120x40(snap_compare):
    app = bundled_app()
    assert snap_compare(app, terminal_size=(120, 40), press=["question_mark"], run_before=quotes_checked(app))


def test_watch_view_120x40(snap_compare):
    from briefing.loader import default_path, load
    from briefing.tui.app import create_app

    app = create_app(load(default_path().parent / "examples" / "exercise.yaml"), watch=False)
    assert snap_compare(app, terminal_size=(120, 40), press=["i"], run_before=quotes_checked(app))


def test_hypotheses_view_120x40(snap_compare):
    from briefing.loader import default_path, load
    from briefing.tui.app import create_app

    app = create_app(load(default_path().parent / "examples" / "exercise.yaml"), watch=False)
    assert snap_compare(app, terminal_size=(120, 40), press=["h"], run_before=quotes_checked(app))


def test_hypotheses_view_80x24(snap_compare):
    from briefing.loader import default_path, load
    from briefing.tui.app import create_app

    app = create_app(load(default_path().parent / "examples" / "exercise.yaml"), watch=False)
    assert snap_compare(app, terminal_size=(80, 24), press=["h"], run_before=quotes_checked(app))


def quotes_checked(app, then=None):
    """Before the keys: what workers bring after the first frame is in — what `check` finds
    (the title line's count) and, for a briefing with quotes, their marks."""
    from briefing.saved import quoted_items

    from .tui_helpers import until

    async def wait(pilot):
        await until(pilot, lambda: app.has_dashboard and app.dashboard.index is not None and app.dashboard.checked, what="checked")
        if next(quoted_items(app.dashboard.index.briefing), None) is not None:
            await until(pilot, lambda: app.dashboard.index.evidence is not None, what="the quotes checked")
        if then is not None:
            await then(pilot)

    return wait


def exercise_app(baseline: bool = False):
    from briefing.loader import default_path, load
    from briefing.tui.app import create_app

    examples = default_path().parent / "examples"
    if baseline:  # compare mode: the second version shown against the first
        return create_app(load(examples / "exercise-v2.yaml"), watch=False, baseline=load(examples / "exercise.yaml"))
    return create_app(load(examples / "exercise.yaml"), watch=False)


def test_problems_list_120x40(snap_compare):
    """`p`: what `check` finds, each to jump from (the item, or its line with `e`)."""
    app = exercise_app()
    assert snap_compare(app, terminal_size=(120, 40), press=["p"], run_before=quotes_checked(app))


def test_zoomed_summary_120x40(snap_compare):
    app = bundled_app()
    assert snap_compare(app, terminal_size=(120, 40), press=["z"], run_before=quotes_checked(app))


def test_search_with_hits_120x40(snap_compare):
    app = bundled_app()
    assert snap_compare(app, terminal_size=(120, 40), press=["slash", *"tartus hmeimim"], run_before=quotes_checked(app))


def test_withdrawn_source_120x40(snap_compare):
    app = exercise_app()
    assert snap_compare(app, terminal_size=(120, 40), press=["7", "j", "w", "5"], run_before=quotes_checked(app))


def test_compare_mode_120x40(snap_compare):
    app = exercise_app(baseline=True)
    assert snap_compare(app, terminal_size=(120, 40), press=["5"], run_before=quotes_checked(app))


def test_quotes_in_the_detail_pane_120x40(snap_compare):
    app = exercise_app()
    assert snap_compare(app, terminal_size=(120, 40), press=["j"], run_before=quotes_checked(app))


def test_source_reader_120x40(snap_compare):
    app = exercise_app()
    assert snap_compare(app, terminal_size=(120, 40), press=["7", "v", "right_square_bracket"], run_before=quotes_checked(app))


def test_source_reader_80x24(snap_compare):
    app = exercise_app()
    assert snap_compare(app, terminal_size=(80, 24), press=["j", "v"], run_before=quotes_checked(app))


def test_narrow_after_pressing_7_80x24(snap_compare):
    app = bundled_app()
    assert snap_compare(app, terminal_size=(80, 24), press=["7"], run_before=quotes_checked(app))


def test_reload_banner_120x40(snap_compare, tmp_path, monkeypatch):
    """A reload that fails: the error, located, over the last good briefing."""
    from briefing.loader import default_path
    from briefing.tui.app import create_app

    from .tui_helpers import until

    monkeypatch.chdir(tmp_path)  # the banner names the file: a path that is the same on every run
    path = tmp_path / "briefing.yaml"
    path.write_text(default_path().read_text(encoding="utf-8"), encoding="utf-8")
    app = create_app(path.relative_to(tmp_path), watch=False)

    async def break_the_file(pilot):
        await until(pilot, lambda: app.dashboard.loaded is not None, what="the briefing")
        path.write_text(path.read_text(encoding="utf-8").replace("as_of: ", "as_of: [", 1), encoding="utf-8")
        await pilot.press("r")
        await until(pilot, lambda: app.dashboard.banner.display, what="the banner")

    assert snap_compare(app, terminal_size=(120, 40), run_before=quotes_checked(app, then=break_the_file))


def library_snapshot(snap_compare, tmp_path, monkeypatch, size):
    """The library of a folder like the bundled data/, on a fixed day (ages change daily)."""
    import datetime
    import shutil

    from briefing.loader import default_path
    from briefing.tui.app import create_app

    from .tui_helpers import until

    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.chdir(tmp_path)  # the title names the folder: the same on every run
    shutil.copytree(default_path().parent, tmp_path / "desk")
    (tmp_path / "desk" / "draft.yaml").write_text("schema_version: 1\ntitle: A draft\nas_of: [2025\n", encoding="utf-8")
    app = create_app(tmp_path.joinpath("desk").relative_to(tmp_path), watch=False)

    async def read_all(pilot):
        await until(pilot, lambda: not app.screen.library.unchecked() and not app.screen.checking, what="every row read")
        app.screen.today = datetime.date(2026, 11, 28)
        app.screen.show_rows()
        await pilot.pause()

    return snap_compare(app, terminal_size=size, run_before=read_all)


def test_library_120x40(snap_compare, tmp_path, monkeypatch):
    assert library_snapshot(snap_compare, tmp_path, monkeypatch, (120, 40))


def test_library_80x24(snap_compare, tmp_path, monkeypatch):
    assert library_snapshot(snap_compare, tmp_path, monkeypatch, (80, 24))


def test_keymap_applied_120x40(snap_compare, tmp_path, monkeypatch):
    """config.toml's [keymap]: the key bar and the help show the reader's keys."""
    folder = tmp_path / "config" / "briefing"
    folder.mkdir(parents=True)
    (folder / "config.toml").write_text('[keymap]\nquit = "x"\ncite = "l"\nsearch = "s"\n', encoding="utf-8")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    app = bundled_app()
    assert snap_compare(app, terminal_size=(120, 40), run_before=quotes_checked(app))


def test_no_color_80x24(snap_compare, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    app = bundled_app()
    assert snap_compare(app, terminal_size=(80, 24), run_before=quotes_checked(app))


def track_record_desk(tmp_path, monkeypatch):
    """The track-record examples in a folder of their own (on the day conftest sets, the one
    their headers speak of)."""
    import shutil

    from .conftest import ROOT

    shutil.copytree(ROOT / "data" / "examples" / "track-record", tmp_path / "track-record")
    monkeypatch.chdir(tmp_path)


def test_track_record_120x40(snap_compare, tmp_path, monkeypatch):
    from pathlib import Path

    from briefing.tui.app import create_app

    from .tui_helpers import until

    track_record_desk(tmp_path, monkeypatch)
    app = create_app(Path("track-record"), watch=False)

    async def scored(pilot):
        await until(pilot, lambda: not app.screen.library.unchecked() and not app.screen.checking, what="every row read")
        await pilot.press("ctrl+t")
        await until(pilot, lambda: getattr(app.screen, "scores", None) is not None, what="the track record scored")

    assert snap_compare(app, terminal_size=(120, 40), run_before=scored)


def test_post_mortem_120x40(snap_compare, tmp_path, monkeypatch):
    from pathlib import Path

    from briefing.tui.app import create_app

    from .tui_helpers import until

    track_record_desk(tmp_path, monkeypatch)
    app = create_app(Path("track-record/karsk-port.yaml"), watch=False)

    async def post_mortem(pilot):
        await until(pilot, lambda: app.has_dashboard and app.dashboard.checked, what="checked")
        await pilot.press("5", "0")  # the judgments (the lease's first), then Detail to read it in full
        detail = lambda: " ".join(app.dashboard.detail.text().split())  # noqa: E731
        await until(pilot, lambda: "Brier term 0.250" in detail(), what="the post-mortem", shown=detail)
        await pilot.press("end")

    assert snap_compare(app, terminal_size=(120, 40), run_before=post_mortem)
