"""The competing hypotheses matrix at scale: `python benchmarks/ach.py [ROWS] [HYPOTHESES]`.

Adds a seeded matrix of ROWS evidence rows over HYPOTHESES hypotheses (default 10,000 × 10)
to a generated briefing, then prints JSON: the median seconds to score it (in process, after
a warm-up), and keypress → screen in the dashboard's matrix view (moving down a row), median
and worst, measured as benchmarks/latency.py measures the panes.
"""

from __future__ import annotations

import asyncio
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import generate

RATINGS = ["CC", "C", "N", "I", "II", "NA"]


def briefing_with_matrix(rows: int, hypotheses: int, seed: int = 2025) -> str:
    rng = random.Random(seed)
    text = generate(max(1_000, rows), seed)  # a bullet for each row: one row for each piece of evidence
    ids = [f"h{n}" for n in range(hypotheses)]
    lines = ["hypotheses:"] + [f"  - {{id: {h}, text: Hypothesis {h}}}" for h in ids]
    lines += ["ach:", "  question: Which hypothesis fits the evidence best?", "  evidence:"]
    for row in range(rows):
        ratings = ", ".join(f"{h}: {rng.choice(RATINGS)}" for h in ids)
        lines.append(f"    - {{ref: 'summary:b{row}', credibility: {rng.choice(['high', 'medium', 'low'])}, ratings: {{{ratings}}}}}")
    return text + "\n".join(lines) + "\n"


async def keypresses(path: Path, repeat: int) -> list[float]:
    from textual import events
    from textual.screen import Screen

    from briefing.loader import load
    from briefing.tui.app import create_app

    painted = asyncio.Event()
    paint = Screen._compositor_refresh

    def paint_and_tell(screen: Screen) -> None:
        paint(screen)
        painted.set()

    Screen._compositor_refresh = paint_and_tell  # type: ignore[method-assign]
    app = create_app(load(path), watch=False)
    samples = []
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("h")
        await pilot.pause()
        for _ in range(repeat):
            await pilot.pause()
            painted.clear()
            event = events.Key("j", "j")
            event.set_sender(app)
            started = time.perf_counter()
            app._driver.send_message(event)
            await asyncio.wait_for(painted.wait(), 5)
            samples.append(time.perf_counter() - started)
    return samples


def main() -> None:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    hypotheses = int(sys.argv[2]) if len(sys.argv) > 2 else 10
    repeat = int(sys.argv[sys.argv.index("--repeat") + 1]) if "--repeat" in sys.argv else 40
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "matrix.yaml"
        path.write_text(briefing_with_matrix(rows, hypotheses), encoding="utf-8")
        from briefing.ach import score
        from briefing.index import BriefingIndex
        from briefing.loader import load

        briefing = load(path).briefing
        index = BriefingIndex(briefing)
        timings = []
        for attempt in range(6):
            started = time.perf_counter()
            score(briefing.hypotheses, briefing.ach, index, frozenset({1}))
            if attempt:
                timings.append(time.perf_counter() - started)
        moves = asyncio.run(keypresses(path, repeat))
    print(json.dumps({"score": statistics.median(timings), "move_median": statistics.median(moves), "move_max": max(moves)}))


if __name__ == "__main__":
    main()
