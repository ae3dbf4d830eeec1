"""Shared set-up for the TUI tests: the app the CLI would build, what its rows look like,
the messages it posted, and waiting on a condition instead of a fixed sleep."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable

from textual.message import Message
from textual.notifications import Notify

from briefing.index import Ref
from briefing.loader import default_path, load, load_text
from briefing.render import STYLE_MARKER_CURRENT
from briefing.tui.app import BriefingApp, create_app


def bundled_app() -> BriefingApp:
    return create_app(load(default_path()), watch=False)


def app_for(path) -> BriefingApp:
    return create_app(load(path), watch=False)


class Messages:
    """Every message the app's nodes handle, in order: pass as ``run_test(message_hook=…)``."""

    def __init__(self) -> None:
        self.seen: list[Message] = []
        self._ids: set[int] = set()  # the messages are kept in `seen`, so their ids stay theirs

    def __call__(self, message: Message) -> None:
        # The hook sees a bubbling message at each node it reaches: keep it once.
        if id(message) not in self._ids:
            self._ids.add(id(message))
            self.seen.append(message)

    def of(self, kind: type[Message]) -> list:
        return [message for message in self.seen if isinstance(message, kind)]

    @property
    def notices(self) -> list[str]:
        """The text of every notification, in order."""
        return [str(message.notification.message) for message in self.of(Notify)]

    def clear(self) -> None:
        self.seen.clear()
        self._ids.clear()


async def until(
    pilot, condition: Callable[[], object], timeout: float = 60.0, what: str = "the condition", shown: Callable[[], object] | None = None
) -> None:
    """Let the app run until ``condition()`` holds; fail after ``timeout`` seconds (saying
    what ``shown()`` gives then: what the screen held instead). The ceiling is generous: it
    costs nothing when the condition holds, and a machine under load (CI beside other jobs)
    may take many times longer than this one idle."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}" + (f"; instead: {shown()!r}" if shown else ""))
        await pilot.pause()
        await asyncio.sleep(0.01)  # let threads (workers, the file watcher's clock) move on


CHARACTERS = {"enter": "\r", "slash": "/", "backspace": "\x7f", "escape": "\x1b"}


def send_burst(app: BriefingApp, *keys: str) -> None:
    """Keys as a terminal delivers a fast typist's: all at once, none waiting for the last
    to be handled (Pilot.press waits between keys, which hides ordering bugs)."""
    from textual import events

    for key in keys:
        event = events.Key(key, CHARACTERS.get(key, key))
        event.set_sender(app)
        app.post_message(event)


def row_text(app: BriefingApp, ref: Ref):
    return app.dashboard.pane(ref.collection).row_text(ref)


def current_markers(app: BriefingApp, ref: Ref) -> list[str]:
    """The citation markers drawn as 'the one in view' on an item's row."""
    text = row_text(app, ref)
    return [text.plain[span.start : span.end] for span in text.spans if str(span.style) == STYLE_MARKER_CURRENT]


__all__ = ["Messages", "Ref", "app_for", "bundled_app", "current_markers", "load_text", "row_text", "send_burst", "until"]


def screen_is(app, cls) -> bool:
    """The app's screen is of this class and has mounted its widgets: it is on the stack a
    moment before its on_mount has filled them, which a loaded machine makes long enough to
    read an empty list."""
    return isinstance(app.screen, cls) and app.screen.is_mounted
