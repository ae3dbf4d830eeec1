"""Shared set-up for the TUI tests: the app the CLI would build, and what its rows look like."""

from __future__ import annotations

from briefing.index import Ref
from briefing.loader import default_path, load, load_text
from briefing.render import STYLE_MARKER_CURRENT
from briefing.tui.app import BriefingApp, create_app


def bundled_app() -> BriefingApp:
    return create_app(load(default_path()), watch=False)


def app_for(path) -> BriefingApp:
    return create_app(load(path), watch=False)


CHARACTERS = {"enter": "\r", "slash": "/", "backspace": "\x7f", "escape": "\x1b"}


def send_burst(app: BriefingApp, *keys: str) -> None:
    """Keys as a terminal delivers a fast typist's: all at once, none waiting for the last
    to be handled (Pilot.press waits between keys, which hides ordering bugs)."""
    from textual import events

    for key in keys:
        event = events.Key(key, CHARACTERS.get(key, key))
        event.set_sender(app)
        app._driver.send_message(event)


def row_text(app: BriefingApp, ref: Ref):
    return app.dashboard.pane(ref.collection).row_text(ref)


def current_markers(app: BriefingApp, ref: Ref) -> list[str]:
    """The citation markers drawn as 'the one in view' on an item's row."""
    text = row_text(app, ref)
    return [text.plain[span.start : span.end] for span in text.spans if str(span.style) == STYLE_MARKER_CURRENT]


__all__ = ["bundled_app", "app_for", "send_burst", "row_text", "current_markers", "load_text", "Ref"]
