"""The reader's settings: keys and colours.

``$XDG_CONFIG_HOME/briefing/config.toml`` (else ``~/.config/briefing/config.toml``)::

    theme = "ansi-dark"     # any of Textual's themes; the ANSI one follows the terminal's colours

    [keymap]                   # action id = keys (comma-separated), as `briefing keys` lists them
    quit = "x"
    read-source = "R,v"

A theme chosen from the palette is remembered in ``$XDG_STATE_HOME/briefing/state.json`` (else
``~/.local/state/briefing/state.json``) and used when the config names none. A setting that
cannot be used is a problem to show, never a reason not to start.
"""

from __future__ import annotations

import json
import os
import tomllib
from pathlib import Path
from typing import NamedTuple

from .files import write_atomically


class Settings(NamedTuple):
    keymap: dict[str, str]
    theme: str | None
    #: What could not be used, in a reader's words ("config.toml: …").
    problems: list[str]
    path: Path


def config_path() -> Path:
    base = os.environ.get("XDG_CONFIG_HOME") or os.path.join(os.path.expanduser("~"), ".config")
    return Path(base) / "briefing" / "config.toml"


def state_path() -> Path:
    base = os.environ.get("XDG_STATE_HOME") or os.path.join(os.path.expanduser("~"), ".local", "state")
    return Path(base) / "briefing" / "state.json"


def read_settings(path: Path | None = None) -> Settings:
    """The settings in the config file (none when it is missing), and what was wrong in it."""
    path = path or config_path()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Settings({}, None, [], path)
    except (OSError, UnicodeDecodeError) as error:
        return Settings({}, None, [f"{path}: cannot be read ({getattr(error, 'strerror', None) or error})"], path)
    except tomllib.TOMLDecodeError as error:
        return Settings({}, None, [f"{path}: {error}"], path)
    problems = []
    theme = data.pop("theme", None)
    if theme is not None and not isinstance(theme, str):
        problems.append(f'{path}: theme must be a name in quotes, such as "ansi-dark"')
        theme = None
    keymap_table = data.pop("keymap", {})
    keymap: dict[str, str] = {}
    if not isinstance(keymap_table, dict):
        problems.append(f'{path}: [keymap] must be a table of action id = "keys"')
        keymap_table = {}
    for action_id, keys in keymap_table.items():
        if isinstance(keys, str) and keys.strip():
            keymap[action_id] = ",".join(key.strip() for key in keys.split(",") if key.strip())
        else:
            problems.append(f'{path}: keymap.{action_id} must be keys in quotes, such as "x" or "ctrl+x,f2"')
    problems += [f"{path}: unknown setting {name!r} (settings: theme, [keymap])" for name in data]
    return Settings(keymap, theme, problems, path)


def remembered_theme() -> str | None:
    try:
        theme = json.loads(state_path().read_text(encoding="utf-8")).get("theme")
    except (OSError, ValueError, AttributeError):
        return None
    return theme if isinstance(theme, str) else None


def remember_theme(name: str) -> None:
    """Keep the theme for the next start; a state that cannot be written is no error."""
    path = state_path()
    try:
        state = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(state, dict):
            state = {}
    except (OSError, ValueError):
        state = {}
    state["theme"] = name
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, json.dumps(state, indent=2) + "\n")
    except OSError:
        pass
