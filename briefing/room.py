"""How the list panes share the dashboard's column: rows for each, from the lines each needs.

The current pane is framed (a border row above and below) and gets what its rows need, up to
all the room the others leave; every other pane costs one row, unframed, its title in a
gutter. What the current pane leaves goes to the others, a row at a time to the one that shows
least of itself, never past what it needs — so no text is cut while a row stands empty. Only
when every pane shows all it holds does the current pane take the rest. Pure: no Textual.
"""

from __future__ import annotations

from collections.abc import Mapping

#: The current pane's frame: its top and bottom border rows.
FRAME = 2


def share(height: int, current: str, needs: Mapping[str, int], selected: Mapping[str, int]) -> dict[str, int]:
    """Rows for each pane (``needs``: the lines each would show in full, in pane order) in a
    column ``height`` rows high. The current pane's rows include its frame. ``selected``: the
    lines of each pane's selected row — the item it stands for is read in full first (a
    judgment before a second stakeholder), in pane order, as far as the room goes."""
    others = [name for name in needs if name != current]
    rows = dict.fromkeys(others, 1)
    room = max(height - len(others), FRAME + 1)  # a current pane always shows a row of itself
    rows[current] = min(max(needs[current], 1) + FRAME, room)
    spare = height - sum(rows.values())
    for name in others:
        given = max(min(min(selected[name], needs[name]) - rows[name], spare), 0)
        rows[name] += given
        spare -= given
    while spare > 0:
        wanting = [name for name in others if rows[name] < needs[name]]
        if not wanting:
            break
        least = min(wanting, key=lambda name: rows[name])  # the first such pane on a tie
        rows[least] += 1
        spare -= 1
    rows[current] += max(spare, 0)  # every pane shows all it holds: the rest is the current pane's
    return rows


def blank_rows(rows: Mapping[str, int], needs: Mapping[str, int], current: str) -> int:
    """Rows that show nothing: what a pane was given past what it needs."""
    return sum(max(given - (needs[name] + (FRAME if name == current else 0)), 0) for name, given in rows.items())


def cut(rows: Mapping[str, int], needs: Mapping[str, int], current: str) -> list[str]:
    """The panes that show less than they hold."""
    return [name for name, given in rows.items() if given - (FRAME if name == current else 0) < needs[name]]
