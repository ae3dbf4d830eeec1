"""SVG snapshots of the main screens at fixed sizes (update with `pytest --snapshot-update`)."""

from .tui_helpers import bundled_app


def test_main_screen_120x40(snap_compare):
    assert snap_compare(bundled_app(), terminal_size=(120, 40))


def test_main_screen_80x24(snap_compare):
    assert snap_compare(bundled_app(), terminal_size=(80, 24))


def test_main_screen_200x50(snap_compare):
    assert snap_compare(bundled_app(), terminal_size=(200, 50))


def test_following_a_citation_120x40(snap_compare):
    assert snap_compare(bundled_app(), terminal_size=(120, 40), press=["j", "enter"])


def test_help_screen_120x40(snap_compare):
    assert snap_compare(bundled_app(), terminal_size=(120, 40), press=["question_mark"])


def test_watch_view_120x40(snap_compare):
    from briefing.loader import default_path, load
    from briefing.tui.app import create_app

    app = create_app(load(default_path().parent / "examples" / "exercise.yaml"), watch=False)
    assert snap_compare(app, terminal_size=(120, 40), press=["i"])


def test_hypotheses_view_120x40(snap_compare):
    from briefing.loader import default_path, load
    from briefing.tui.app import create_app

    app = create_app(load(default_path().parent / "examples" / "exercise.yaml"), watch=False)
    assert snap_compare(app, terminal_size=(120, 40), press=["h"])


def test_hypotheses_view_80x24(snap_compare):
    from briefing.loader import default_path, load
    from briefing.tui.app import create_app

    app = create_app(load(default_path().parent / "examples" / "exercise.yaml"), watch=False)
    assert snap_compare(app, terminal_size=(80, 24), press=["h"])
