"""Instructions to the briefing on screen, counted by Valgrind's callgrind, beside the content floor's.

`python benchmarks/instructions.py FILE` prints JSON: the instructions each process runs from
its start to its first frame that shows the briefing — the dashboard on FILE, and the content
floor of `tui_frame.py` on the same file — and their ratio. A count, unlike a time, does not
move with the load of a shared machine (wall-clock ratios here have drifted by ±0.05 from one
run to the next), so it says whether a change made the dashboard do less. It needs `valgrind`
on the PATH and takes about half a minute (the two run side by side).
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def start(target: str) -> subprocess.Popen:
    """Valgrind running one target of tui_frame.py (a file, or --content-floor=FILE)."""
    return subprocess.Popen(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable, __file__, "--run", target],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "BENCH_T0": "0"},
    )


def collected(process: subprocess.Popen) -> int:
    """The instructions the process ran (Valgrind says so when it ends)."""
    _, err = process.communicate()
    found = re.search(r"Collected : (\d+)", err)
    if process.returncode or found is None:
        raise RuntimeError(f"valgrind failed: {err[-500:]}")
    return int(found.group(1))


def run_to_content(target: str) -> None:
    """Inside Valgrind: start the app and leave at its first frame with the briefing."""
    sys.path.insert(0, str(HERE))
    import tui_frame
    from textual.screen import Screen

    floor = target.startswith("--content-floor=")
    paint = Screen._compositor_refresh

    def first_content(screen: Screen) -> None:
        paint(screen)
        if floor or getattr(screen, "loaded", None) is not None:
            os._exit(0)

    Screen._compositor_refresh = first_content  # type: ignore[method-assign]
    app = tui_frame.content_floor_app(target.partition("=")[2]) if floor else tui_frame.briefing_app(target)
    asyncio.run(tui_frame.measure(app, {}))
    os._exit(1)  # never shown: not counted


if __name__ == "__main__":
    if sys.argv[1] == "--run":
        run_to_content(sys.argv[2])
    path = sys.argv[1]
    # Side by side: the counts do not depend on it, and it halves the wait.
    processes = {"content_floor": start(f"--content-floor={path}"), "briefing": start(path)}
    counts = {name: collected(process) for name, process in processes.items()}
    counts["ratio"] = counts["briefing"] / counts["content_floor"]  # type: ignore[assignment]
    print(json.dumps(counts))
