"""Quotes in the dashboard (#21): Detail marks each quote and shows it in its sentence; the
source reader shows a saved copy with the quoted passages lit, and leads to the items."""

from __future__ import annotations

import shutil
from pathlib import Path

from briefing.index import Ref
from briefing.tui.source_reader import SourceReaderScreen

from .test_offered import offered_now
from .test_tui import detail_text
from .tui_helpers import Messages, app_for, screen_is, until

EXAMPLES = Path(__file__).resolve().parent.parent / "data" / "examples"
SIZE = (120, 40)


def exercise_app():
    return app_for(EXAMPLES / "exercise.yaml")


async def checked(pilot, app) -> None:
    await until(pilot, lambda: app.dashboard.index is not None and app.dashboard.index.evidence is not None, what="the quotes checked")


async def test_detail_shows_each_quote_marked_and_in_its_sentence():
    app = exercise_app()
    async with app.run_test(size=SIZE) as pilot:
        await checked(pilot, app)
        await pilot.press("j")  # Lease talks: quotes of [3] (a WARC) and [4] (HTML, chosen by its prefix)
        await until(pilot, lambda: "✔ KARSK" in detail_text(app), what="the quote in its sentence")
        text = detail_text(app)
        assert (
            "✔ KARSK, 1 March 2031 (CNA, a fictional agency) - The second round of talks on the Karsk lease ended without agreement, the Ostravian foreign ministry said on Friday."
            in text
        )
        assert (
            "✔ Speaking on condition of anonymity, officials conceded that talks on the lease have stalled and that no third round has been set."
            in text
        )
        await pilot.press("3", "j", "j", "j")  # Veldonia's statement: its official's words have no copy to check
        await until(pilot, lambda: app.dashboard.current_ref() == Ref("statements", "veldonia/1"), what="Veldonia's statement")
        await until(pilot, lambda: "unverified" in detail_text(app), what="the statement's quote")
        assert "? “Any new lease must be shorter, and it must pay.” unverified: no saved copy" in detail_text(app)


async def test_a_quote_not_found_is_marked_and_said(tmp_path):
    shutil.copytree(EXAMPLES, tmp_path / "examples")
    path = tmp_path / "examples" / "exercise.yaml"
    path.write_text(path.read_text().replace("Naval station traffic: normal. No restrictions", "Naval station traffic: heavy. No restrictions"))
    app = app_for(path)
    messages = Messages()
    async with app.run_test(size=SIZE, message_hook=messages) as pilot:
        await checked(pilot, app)
        await until(pilot, lambda: "✘" in detail_text(app), what="the mark")
        assert "✘ “Naval station traffic: heavy. No restrictions on the outer roads.” not found in the saved copy; closest:" in detail_text(app)
        await until(pilot, lambda: any("1 quote not found" in notice for notice in messages.notices), what="the notice")


async def test_the_source_reader_lights_the_passages_and_leads_to_the_items():
    app = exercise_app()
    async with app.run_test(size=SIZE) as pilot:
        await checked(pilot, app)
        await pilot.press("j")
        await until(pilot, lambda: offered_now(app, "Read source"), what="Read source offered")
        await pilot.press("v")
        await until(pilot, lambda: screen_is(app, SourceReaderScreen), what="the reader")
        reader = app.screen
        assert reader.source_id == 3
        assert reader.passage_text() == "The second round of talks on the Karsk lease ended without agreement"
        assert reader.usage(1) == "1 passage quoted · 17% of the text"
        await pilot.press("escape")
        await until(pilot, lambda: app.screen is app.dashboard, what="back on the dashboard")
        # From the sources pane: the harbour log, quoted by three items; ] walks its passages.
        await pilot.press("7")
        await until(pilot, lambda: app.dashboard.current_ref() == Ref("sources", "1"), what="source 1")
        await pilot.press("v")
        await until(pilot, lambda: screen_is(app, SourceReaderScreen), what="the reader")
        reader = app.screen
        walked = [reader.passage_text()]
        for _ in range(3):
            await pilot.press("]")
            walked.append(reader.passage_text())
        assert walked == [
            "Supply ship OSV Merit berthed at the naval pier.",
            "15:10 - Supply ship OSV Tallow berthed at the naval pier.",
            "Naval station traffic: normal. No restrictions on the outer roads.",
            "Supply ship OSV Merit berthed at the naval pier.",  # round again
        ]
        await pilot.press("[", "enter")  # the last passage: the bullet quoting it
        await until(pilot, lambda: app.screen is app.dashboard, what="back on the dashboard")
        await until(pilot, lambda: app.dashboard.current_ref() == Ref("summary", "station-open"), what="the quoting item")
        await pilot.press("b")  # back returns to where the reader was opened
        await until(pilot, lambda: app.dashboard.current_ref() == Ref("sources", "1"), what="back at source 1")


async def test_read_source_is_offered_only_where_there_is_a_copy_to_read():
    app = exercise_app()
    messages = Messages()
    async with app.run_test(size=SIZE, message_hook=messages) as pilot:
        await checked(pilot, app)
        await until(pilot, lambda: offered_now(app, "Read source"), what="offered on a quoting item")
        await pilot.press("j", "j")  # Harbour works: it quotes nothing
        await until(pilot, lambda: app.dashboard.current_ref() == Ref("summary", "harbour-works"), what="harbour works")
        await until(pilot, lambda: offered_now(app, "Read source", False), what="not offered")
        await pilot.press("v")  # the key still answers, with why
        await until(pilot, lambda: any("Nothing to read" in notice for notice in messages.notices), what="the notice")
        assert not isinstance(app.screen, SourceReaderScreen)


async def test_enter_in_the_detail_pane_reads_the_items_quote():
    app = exercise_app()
    async with app.run_test(size=SIZE) as pilot:
        await checked(pilot, app)
        await pilot.press("j", "0")  # Lease talks, in the Detail pane: no list to choose from
        await until(pilot, lambda: app.dashboard.focused is app.dashboard.detail, what="the Detail pane focused")
        await pilot.press("enter")
        await until(pilot, lambda: screen_is(app, SourceReaderScreen), what="the reader")
        assert app.screen.source_id == 3  # its first quote found ([2] is cited, not quoted)
        await pilot.press("escape")
        await until(pilot, lambda: app.screen is app.dashboard, what="back")
        assert app.dashboard.focused is app.dashboard.detail
