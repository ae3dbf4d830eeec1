"""The desk's track record: how its judgments came out, scored, over every briefing of the
library and every version of each (the folder's files and their git history).

The reliability diagram (textual-plotext), the scores and the calibration table, and the
questions due — overdue first — each of which ``enter`` opens in its briefing, at the
judgment. The versions are read in a worker: the screen is there at once and fills when
they are in."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, NamedTuple

from rich.console import Group
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Static

from ..refs import Ref
from ..text import clean
from .keybar import KeyBar
from .virtual_list import VirtualList
from .widgets import OneLine, OpenBriefing, set_height
from .workers import guarded_work

if TYPE_CHECKING:
    from ..library import Library
    from ..track import Scores


class DueList(VirtualList):
    """The open questions, overdue first then by day: enter opens the briefing at the judgment."""


class Question(NamedTuple):
    """An open question as the screen keeps it: its words and where it is, not the versions it
    was read from (a desk's thousand briefings held for a list made the collector's passes long
    enough to stall a keypress)."""

    briefing: str
    id: str
    question: str
    by: str
    file: str


def due_line(forecast: Question, today: datetime.date) -> Text:
    late = (today - datetime.date.fromisoformat(forecast.by)).days
    text = Text(end="")
    if late > 0:
        text.append(f"⚠ {forecast.by}  overdue {late} d  ", "bold red")
    else:
        text.append(f"  {forecast.by}  ", "bold")
        text.append(f"in {-late} d".ljust(12) if late else "today".ljust(12), "dim")
    text.append(clean(f"{forecast.briefing} · {forecast.id}: "), "dim")
    text.append(clean(forecast.question))
    return text


class TrackRecordScreen(Screen):
    """The track record of every briefing under the library's folder."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Back", id="track-back"),
        Binding("enter", "open", "Open at the judgment", id="track-open"),
    ]

    class Scored(Message):
        def __init__(self, scores: Scores, questions: list[Question], problems: int) -> None:
            super().__init__()
            self.scores, self.questions, self.problems = scores, questions, problems

    def __init__(self, library: Library, today: datetime.date | None = None) -> None:
        super().__init__(id="track-record")
        from ..track import current_day

        self.library = library
        self.today = today or current_day()
        self.scores: Scores | None = None
        self.questions: list[Question] = []

    def compose(self) -> ComposeResult:
        from textual_plotext import PlotextPlot

        self.title_bar = OneLine(id="track-title")
        yield self.title_bar
        with Horizontal(id="track-top"):
            yield PlotextPlot(id="track-plot")
            yield Static(id="track-scores")
        with Vertical(id="track-due-box"):
            yield DueList(id="track-due")
        yield KeyBar()

    def on_mount(self) -> None:
        self.title_bar.update(Text.assemble(("Track record  ", "bold reverse"), " ", (clean(self.library.root), "bold"), ("  ·  reading…", "dim")))
        self.query_one("#track-due-box").border_title = "Questions due"
        self.query_one(DueList).set_rows(0, lambda _: Text(""))
        self.query_one(DueList).focus()
        self._score()

    @guarded_work("Scoring the track record", group="track-record", exclusive=True)
    def _score(self) -> None:
        from ..track import forecasts, score
        from ..versions import gather

        gathered = gather([self.library.root])
        scores = score(forecasts(gathered.versions), self.today)
        today = self.today.isoformat()
        still_open = [Question(f.briefing, f.id, f.question, f.by, f.file) for f in scores.judgments if f.outcome is None]
        # Overdue first (the longest overdue at the top), then the days to come.
        still_open.sort(key=lambda q: (q.by >= today, q.by))
        self.post_message(self.Scored(scores._replace(judgments=[]), still_open, len(gathered.problems)))

    @on(Scored)
    def _scored(self, event: Scored) -> None:
        from ..plots import draw_reliability
        from ..render import calibration_table, score_counts, score_fields

        scores = self.scores = event.scores
        title = Text.assemble(("Track record  ", "bold reverse"), " ", (clean(self.library.root), "bold"), "  ·  ")
        title.append_text(score_counts(scores))
        if event.problems:
            title.append(f"  ·  {event.problems} file{'s' * (event.problems != 1)} with errors, not scored", "bold red")
        self.title_bar.update(title)
        plot = self.query_one("#track-plot")
        draw_reliability(plot.plt, scores.bands)  # type: ignore[attr-defined]
        plot.refresh()
        self.query_one("#track-scores", Static).update(
            Group(score_fields(scores, "short" if self.size.width >= 100 else "none"), Text(""), calibration_table(scores))
        )
        self.questions = event.questions
        box = self.query_one("#track-due-box")
        overdue = scores.due
        box.border_title = f"Questions due · {overdue} overdue · {len(self.questions) - overdue} to come"
        box.border_subtitle = "⏎ opens the judgment" if self.questions else "no open questions"
        self.query_one(DueList).set_rows(len(self.questions), lambda position: due_line(self.questions[position], self.today))
        self.call_after_refresh(self._fit_due_box)

    def on_resize(self) -> None:
        self.call_after_refresh(self._fit_due_box)

    def _fit_due_box(self) -> None:
        """The questions' box as tall as their lines (wrapped at this width) and its border;
        the stylesheet's max-height caps it, and the rest is the diagram's."""
        listing = self.query_one(DueList)
        # Counted as the list will wrap them, and only until the box is as tall as it may be
        # (a desk has thousands).
        lines = listing.lines_needed(listing.scrollable_content_region.width or self.size.width - 4, self.size.height)
        set_height(self.query_one("#track-due-box"), max(lines, 1) + 2)

    def row_text(self, position: int) -> str:
        """A due row as shown (tests read it)."""
        return " ".join(self.query_one(DueList).row_lines(position)).strip()

    @on(VirtualList.Moved)
    def _moved(self, event: VirtualList.Moved) -> None:
        event.stop()

    def action_open(self) -> None:
        listing = self.query_one(DueList)
        if listing.highlighted is None or listing.highlighted >= len(self.questions):
            return
        forecast = self.questions[listing.highlighted]
        # A question kept only in a commit opens in the file that holds it now.
        path = forecast.file if Path(forecast.file).exists() else forecast.file.rsplit("@", 1)[0]
        self.post_message(OpenBriefing(path, Ref("judgments", forecast.id)))

    def action_close(self) -> None:
        self.dismiss()
