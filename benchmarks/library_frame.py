"""Open a folder's library headless; report when its rows are on screen and when every row is read.

`python benchmarks/library_frame.py FOLDER [--keys]` prints JSON: seconds from process start
(BENCH_T0) to the first frame that lists every briefing ("listed"), to the frame once every
row is read ("read"), peak RSS in MB, and with --keys, the time from each "down" pressed while
the rows are being read to the repaint that shows it (median and worst, in ms). The cache
lives where BRIEFING_CACHE_DIR says: the harness runs once without it and once with it.
"""

from __future__ import annotations

import asyncio
import json
import os
import statistics
import sys
import time

T0 = float(os.environ.get("BENCH_T0", time.time()))


def since_start() -> float:
    return time.time() - T0


async def measure(folder: str, keys: bool) -> dict:
    from pathlib import Path

    from textual.screen import Screen

    from briefing.tui.app import create_app

    times: dict[str, float] = {}
    paints: list[float] = []
    paint = Screen._compositor_refresh

    def watched(screen: Screen) -> None:
        paint(screen)
        now = time.perf_counter()
        paints.append(now)
        library = getattr(screen, "library", None)
        shown = getattr(screen, "shown", None)
        if library is not None and shown is not None and len(shown) == len(library.rows) and library.rows:
            times.setdefault("listed", since_start())
            if not library.unchecked():
                times.setdefault("read", since_start())

    Screen._compositor_refresh = watched  # type: ignore[method-assign]
    app = create_app(Path(folder), watch=False)
    latencies: list[float] = []
    async with app.run_test(size=(120, 40)) as pilot:
        while "listed" not in times:
            await asyncio.sleep(0.005)
        screen = app.screen
        while "read" not in times:
            if keys and screen.checking:
                before = len(paints)
                pressed = time.perf_counter()
                await pilot.press("down" if len(latencies) % 20 < 10 else "up")
                while len(paints) == before:
                    await asyncio.sleep(0.001)
                latencies.append((paints[before] - pressed) * 1000)
                await asyncio.sleep(0.05)
            else:
                await asyncio.sleep(0.01)
        try:
            import resource

            times["rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        except ImportError:  # pragma: no cover
            pass
    if latencies:
        times["key_median_ms"] = statistics.median(latencies)
        times["key_worst_ms"] = max(latencies)
        times["keys"] = len(latencies)
    return times


if __name__ == "__main__":
    result = asyncio.run(measure(sys.argv[1], "--keys" in sys.argv))
    sys.stdout.write(json.dumps(result) + "\n")
    sys.stdout.flush()
    os._exit(0)
