"""Open a briefing in the dashboard headless; report when its first frame and its content appear.

`python benchmarks/tui_frame.py FILE` prints JSON: seconds from process start (the
harness passes its spawn time in BENCH_T0) to the first frame, and to the first frame
that shows the briefing (not counting work left in the background, such as preparing
search). `--floor` runs the TUI floor instead: a minimal Textual app with a header, a
footer, one list and one static; `--content-floor=FILE` that app reading FILE's bullets
(libyaml, a small Pydantic model) and listing them. Each exits at once after measuring (os._exit), so
neither pays for interpreter teardown.
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
import time

T0 = float(os.environ.get("BENCH_T0", time.time()))


def since_start() -> float:
    return time.time() - T0


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


def content_floor_app(path: str):
    """The content floor: the floor app that also reads the YAML (libyaml), validates the
    bullets with a small Pydantic model and lists them: the least a briefing viewer does
    before a reader sees content."""
    from textual.app import App
    from textual.widgets import Footer, Header, OptionList, Static

    class ContentFloor(App):
        def compose(self):
            yield Header()
            yield OptionList()
            yield Static("floor")
            yield Footer()

        def on_mount(self) -> None:
            import yaml
            from pydantic import BaseModel

            class Bullet(BaseModel):
                id: str
                label: str | None = None
                text: str
                citations: list[int] = []

            with open(path, encoding="utf-8") as file:
                data = yaml.load(file, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
            bullets = [Bullet.model_validate(bullet) for bullet in data["summary"]]
            self.query_one(OptionList).add_options(f"{b.label}: {b.text}" if b.label else b.text for b in bullets)
            self.screen.loaded = True  # what watch_first_paint looks for

    return ContentFloor()


def briefing_app(path: str):
    from pathlib import Path

    from briefing.tui.app import create_app

    return create_app(Path(path), watch=False)  # as the CLI does: the file loads in a worker


def watch_first_paint(times: dict[str, float]) -> None:
    """Note when the first screen update is composed and written (the first frame), and
    the first one drawn once the briefing is loaded (the briefing on screen)."""
    from textual.screen import Screen

    paint = Screen._compositor_refresh

    def first_paint(screen: Screen) -> None:
        paint(screen)
        times.setdefault("frame", since_start())
        if getattr(screen, "loaded", None) is not None:  # the dashboard has its briefing
            times.setdefault("loaded", since_start())

    Screen._compositor_refresh = first_paint  # type: ignore[method-assign]


async def measure(app, times: dict[str, float]) -> dict:
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()  # the briefing loads in a worker
        await pilot.pause()
        times.setdefault("loaded", since_start())  # the floor: its screen once settled
        try:
            import resource

            times["rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        except ImportError:  # pragma: no cover
            pass
    return times


if __name__ == "__main__":
    target = sys.argv[1]
    times: dict[str, float] = {}
    watch_first_paint(times)
    if target == "--floor":
        app = floor_app()
    elif target.startswith("--content-floor="):
        app = content_floor_app(target.partition("=")[2])
    else:
        app = briefing_app(target)
    result = asyncio.run(measure(app, times))
    sys.stdout.write(json.dumps(result) + "\n")
    sys.stdout.flush()
    os._exit(0)
