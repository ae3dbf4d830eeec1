"""Every binding the reader can remap, by id: what `briefing keys` lists, what the config's
``[keymap]`` is checked against, and the reader's settings applied to the app."""

from __future__ import annotations

import difflib
from typing import TYPE_CHECKING, NamedTuple

from textual.binding import Binding

if TYPE_CHECKING:
    from textual.dom import DOMNode

    from .app import BriefingApp


class Keyed(NamedTuple):
    id: str
    where: str
    description: str
    keys: str


def keyed_classes() -> list[tuple[str, type[DOMNode]]]:
    """Where keys work, and the class whose bindings work there."""
    from .app import BriefingApp
    from .dashboard import DashboardScreen
    from .library import LibraryScreen
    from .panes import DetailPane, ItemList, SourcesList
    from .screens import HelpScreen, HypothesesScreen, LibrarySearchScreen, SearchScreen, WatchScreen
    from .source_reader import SourceReaderScreen

    return [
        ("everywhere", BriefingApp),
        ("in a briefing", DashboardScreen),
        ("in a list pane", ItemList),
        ("in Sources", SourcesList),
        ("in the Detail pane", DetailPane),
        ("in search", SearchScreen),
        ("in the watch list", WatchScreen),
        ("in the hypotheses matrix", HypothesesScreen),
        ("in the source reader", SourceReaderScreen),
        ("in the help", HelpScreen),
        ("in the library", LibraryScreen),
        ("in the search of every briefing", LibrarySearchScreen),
    ]


def keyed(keymap: dict[str, str] | None = None) -> list[Keyed]:
    """Every binding with an id, once, where it first works, with its keys (``keymap`` applied)."""
    from .widgets import bindings_of

    found: dict[str, Keyed] = {}
    for where, cls in keyed_classes():
        for binding in bindings_of(cls, keymap):
            if binding.id is None:
                continue
            known = found.get(binding.id)
            if known is None:
                found[binding.id] = Keyed(binding.id, where, binding.description or binding.action, binding.key)
            elif known.where == where and binding.key not in known.keys.split(","):  # "backspace,b": one binding, two keys
                found[binding.id] = known._replace(keys=f"{known.keys},{binding.key}")
    return list(found.values())


def check_keymap(keymap: dict[str, str]) -> tuple[dict[str, str], list[str]]:
    """The entries of a keymap that name a binding, and a problem for each that does not."""
    ids = [entry.id for entry in keyed()]
    kept, problems = {}, []
    for binding_id, keys in keymap.items():
        if binding_id in ids:
            kept[binding_id] = keys
            continue
        near = difflib.get_close_matches(binding_id, ids, n=1)
        hint = f"; did you mean {near[0]!r}?" if near else " (`briefing keys` lists them)"
        problems.append(f"[keymap] {binding_id!r} is no binding id{hint}")
    return kept, problems


def apply_settings(app: BriefingApp) -> list[str]:
    """The reader's keymap and theme, from the config (and the theme remembered); what could
    not be used, to be said."""
    from ..config import read_settings, remembered_theme

    settings = read_settings()
    problems = list(settings.problems)
    keymap, wrong = check_keymap(settings.keymap)
    problems += [f"{settings.path}: {problem}" for problem in wrong]
    if keymap:
        app.set_keymap(keymap)
    theme = settings.theme or remembered_theme()
    if theme is not None:
        if theme in app.available_themes:
            app.theme = theme
        elif settings.theme:
            names = ", ".join(sorted(app.available_themes))
            problems.append(f"{settings.path}: no theme {theme!r} (themes: {names})")
    return problems


__all__ = ["Binding", "Keyed", "apply_settings", "check_keymap", "keyed"]
