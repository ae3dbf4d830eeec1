"""Only what works here is offered (#22): the footer and the palette list the actions that
would act on the focused item; a key that cannot act says why, and opens no empty screen."""

from __future__ import annotations

from textual.widgets import Static

from briefing.index import Ref
from briefing.loader import default_path
from briefing.tui.commands import binding_commands

from .conftest import MINIMAL
from .tui_helpers import Messages, app_for, bundled_app, until

SIZE = (120, 40)


def footer(app) -> str:
    return str(app.dashboard.query_one("#keybar", Static).content)


def palette(app) -> list[str]:
    return [command.title for command in binding_commands(app)]


def offered(app, title: str) -> bool:
    """In the key bar and the palette both (asserted as one: they must agree)."""
    in_footer, in_palette = title in footer(app), title in palette(app)
    assert in_footer == in_palette, (title, in_footer, in_palette)
    return in_footer


def offered_now(app, title: str, expected: bool = True) -> bool:
    """For waiting on: the key bar and the palette both offer it (or both do not). The key
    bar is redrawn a moment after a move, so a wait must not fail on the moment between."""
    return title in footer(app) and title in palette(app) if expected else title not in footer(app) and title not in palette(app)


async def test_a_source_without_a_url_offers_no_open_url_and_one_with_a_url_does(write):
    app = app_for(write(MINIMAL))  # source 1 has no URL, source 2 has one
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("7")
        await until(pilot, lambda: app.dashboard.current_ref() == Ref("sources", "1"), what="source 1")
        await until(pilot, lambda: "Cited by" in footer(app), what="the sources' keys")
        assert not offered(app, "Open URL")
        await pilot.press("j")
        await until(pilot, lambda: "Open URL" in footer(app), what="Open URL offered for source 2")
        assert offered(app, "Open URL")


async def test_open_url_on_a_source_without_one_says_so():
    app = bundled_app()
    messages = Messages()
    async with app.run_test(size=SIZE, message_hook=messages) as pilot:
        await pilot.press("7", "o")
        await until(pilot, lambda: "This source has no URL." in messages.notices, what="the notice")


async def test_next_and_previous_citation_are_offered_on_a_source_only_along_a_trail():
    app = bundled_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("7")
        await until(pilot, lambda: "Cited by" in footer(app), what="the sources' keys")
        assert not offered(app, "Next cite")
        await pilot.press("1", "enter")  # along the first bullet's citations, to source 1
        await until(pilot, lambda: app.dashboard.current_ref() == Ref("sources", "1"), what="source 1")
        await until(pilot, lambda: "Next cite" in footer(app), what="] offered along the trail")
        assert offered(app, "Next cite")


async def test_a_briefing_without_indicators_or_a_matrix_offers_neither_and_says_so():
    app = bundled_app()
    messages = Messages()
    async with app.run_test(size=SIZE, message_hook=messages) as pilot:
        await until(pilot, lambda: app.dashboard.index is not None, what="the briefing")
        titles = palette(app)
        assert "Watch indicators" not in titles and "Competing hypotheses" not in titles
        await pilot.press("h", "i")
        await until(pilot, lambda: len(messages.notices) >= 2, what="two notices")
        assert messages.notices[-2].startswith("This briefing has no competing hypotheses")
        assert messages.notices[-1] == "This briefing has no indicators to watch."
        assert app.screen is app.dashboard  # no empty full-screen box


async def test_the_palette_lists_each_action_once_and_no_cursor_moves():
    app = app_for(default_path().parent / "examples" / "exercise.yaml")
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: app.dashboard.index is not None, what="the briefing")
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert titles.count("Quit") == 1 and "Watch indicators" in titles and "Competing hypotheses" in titles
        assert not {"Up", "Down", "First", "Last", "Page up", "Page down"} & set(titles)
