"""The reliability diagram of a track record, drawn with plotext: the same recipe for the
terminal (``briefing score``) and the dashboard's Track record screen (textual-plotext's
``plt``, which speaks plotext's API)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .track import Band


def draw_reliability(plt: Any, bands: Sequence[Band]) -> None:
    """Observed frequency against the mean probability of each likelihood band that has
    resolved judgments; the diagonal is perfect calibration."""
    plt.clear_data()
    plt.title("Reliability: how often it happened, by what was said")
    plt.xlabel("said (mean probability)")
    plt.ylabel("happened")
    plt.xlim(0, 1)
    plt.ylim(0, 1)
    ticks = [0, 0.25, 0.5, 0.75, 1]
    plt.xticks(ticks, [f"{tick:g}" for tick in ticks])
    plt.yticks(ticks, [f"{tick:g}" for tick in ticks])
    plt.plot([0, 1], [0, 1], marker="dot", label="perfect calibration")
    shown = [band for band in bands if band.n and band.mean_probability is not None and band.observed is not None]
    if shown:
        plt.scatter(
            [band.mean_probability for band in shown],
            [band.observed for band in shown],
            marker="●",
            label="a likelihood band",
        )


def reliability_text(bands: Sequence[Band], width: int = 60, height: int = 18, color: bool = True) -> str:
    """The diagram as text, for a console (ANSI colours unless ``color`` is False)."""
    import plotext

    plotext.clear_figure()
    plotext.plotsize(width, height)
    plotext.theme("pro" if color else "clear")
    draw_reliability(plotext, bands)
    text = plotext.build()
    plotext.clear_figure()
    return str(text)
