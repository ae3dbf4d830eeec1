"""Keypress-to-updated-screen latency in the dashboard, headless, on one briefing.

`python benchmarks/latency.py FILE [--repeat N]` prints JSON: for each action, the median
and worst seconds from the key reaching the app to its first screen update, and to the
last update it causes (settled: the Detail pane or the search hits drawn too); and the
process RSS before and after loading the briefing and with the app running.
"""

from __future__ import annotations

import asyncio
import json
import statistics
import sys
import time


def rss_mb() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


async def measure(path: str, repeat: int) -> dict:
    from textual import events
    from textual.screen import Screen

    from briefing.loader import load
    from briefing.tui.app import create_app

    baseline = rss_mb()
    loaded = load(path)
    after_load = rss_mb()
    painted = asyncio.Event()
    last_paint = [0.0]
    paint = Screen._compositor_refresh

    def paint_and_tell(screen: Screen) -> None:
        paint(screen)
        last_paint[0] = time.perf_counter()
        painted.set()

    Screen._compositor_refresh = paint_and_tell  # type: ignore[method-assign]
    app = create_app(loaded, watch=False)
    actions = ("move", "jump to citation", "back", "search keystroke")
    samples: dict[str, list[float]] = {action: [] for action in actions}
    settled: dict[str, list[float]] = {action: [] for action in actions}

    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()

        characters = {"enter": "\r", "slash": "/", "backspace": "\x7f", "escape": "\x1b"}

        async def timed(action: str, key: str) -> None:
            # The key goes in as a terminal's would (through the driver), not through
            # Pilot.press, which waits for the event loop to go idle and adds its own delay.
            await pilot.pause()
            painted.clear()
            event = events.Key(key, characters.get(key, key if len(key) == 1 else None))
            event.set_sender(app)
            started = time.perf_counter()
            app._driver.send_message(event)
            await asyncio.wait_for(painted.wait(), 5)
            samples[action].append(time.perf_counter() - started)
            # Then every pane that follows (the Detail pane, the search hits) has drawn too.
            await pilot.pause()
            settled[action].append(last_paint[0] - started)

        for _ in range(repeat):
            await timed("move", "j")
        for _ in range(repeat):
            await timed("jump to citation", "enter")
            await timed("back", "backspace")
            await pilot.press("j")
        words = ["sec", "port", "treaty", "convoy"]
        for word in words * max(1, repeat // 15):
            await pilot.press("slash")
            await pilot.pause()
            for letter in word:
                await timed("search keystroke", letter)
            await pilot.press("escape")
        in_app = rss_mb()
    result = {
        action: {
            "median": statistics.median(values),
            "max": max(values),
            "settled_median": statistics.median(settled[action]),
            "settled_max": max(settled[action]),
            "n": len(values),
        }
        for action, values in samples.items()
    }
    result["memory"] = {"baseline_mb": baseline, "after_load_mb": after_load, "in_app_mb": in_app}
    return result


if __name__ == "__main__":
    repeat = int(sys.argv[sys.argv.index("--repeat") + 1]) if "--repeat" in sys.argv else 30
    print(json.dumps(asyncio.run(measure(sys.argv[1], repeat))))
