"""The library's Track record screen on a desk, headless: `python benchmarks/track_frame.py FOLDER`.

Prints JSON: seconds from ctrl+t to the repaint that shows the scores ("scored"), and the
time from each key that moves in the questions due (down, then up, 60 keys) to the repaint
that shows it (median and worst, in ms).
"""

from __future__ import annotations

import asyncio
import json
import os
import statistics
import sys
import time


async def measure(folder: str) -> dict:
    from pathlib import Path

    from textual.screen import Screen

    from briefing.tui.app import create_app
    from briefing.tui.track_record import TrackRecordScreen

    paints: list[float] = []
    paint = Screen._compositor_refresh

    def watched(screen: Screen) -> None:
        paint(screen)
        paints.append(time.perf_counter())

    Screen._compositor_refresh = watched  # type: ignore[method-assign]
    app = create_app(Path(folder), watch=False)
    result: dict = {}
    async with app.run_test(size=(120, 40)) as pilot:
        while not (getattr(app.screen, "library", None) is not None and not app.screen.library.unchecked() and not app.screen.checking):
            await asyncio.sleep(0.01)
        pressed = time.perf_counter()
        await pilot.press("ctrl+t")
        while not (isinstance(app.screen, TrackRecordScreen) and app.screen.scores is not None):
            await asyncio.sleep(0.005)
        await pilot.pause()  # the repaint that shows them
        result["scored"] = time.perf_counter() - pressed
        latencies: list[float] = []
        for number in range(60):
            before = len(paints)
            pressed = time.perf_counter()
            await pilot.press("down" if number < 30 else "up")
            while len(paints) == before and time.perf_counter() - pressed < 2:  # a key that moved nothing repaints nothing
                await asyncio.sleep(0.001)
            if len(paints) == before:
                continue
            latencies.append((paints[before] - pressed) * 1000)
            await asyncio.sleep(0.03)
        result["questions"] = len(app.screen.questions)
    result["keys"] = len(latencies)
    result["key_median_ms"] = statistics.median(latencies)
    result["key_worst_ms"] = max(latencies)
    return result


if __name__ == "__main__":
    sys.stdout.write(json.dumps(asyncio.run(measure(sys.argv[1]))) + "\n")
    sys.stdout.flush()
    os._exit(0)
