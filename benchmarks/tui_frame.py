"""Open a briefing in the dashboard headless and exit after its first frame.

`python benchmarks/tui_frame.py FILE` — the whole process is what the benchmark times.
`python benchmarks/tui_frame.py --floor` — the TUI floor: a minimal Textual app with a
header, a footer, one list and one static, run the same way.
"""

from __future__ import annotations

import asyncio
import sys


def floor_app():
    from textual.app import App
    from textual.widgets import Footer, Header, OptionList, Static

    class Floor(App):
        def compose(self):
            yield Header()
            yield OptionList("one", "two", "three")
            yield Static("floor")
            yield Footer()

    return Floor()


def briefing_app(path: str):
    from briefing.loader import load
    from briefing.tui.app import create_app

    return create_app(load(path), watch=False)


async def first_frame(app) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()


if __name__ == "__main__":
    target = sys.argv[1]
    asyncio.run(first_frame(floor_app() if target == "--floor" else briefing_app(target)))
