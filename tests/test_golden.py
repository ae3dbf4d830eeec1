"""Every view of every kind, word for word and style for style.

The exports and ``print`` of the bundled briefing and the fictional exercises, and each
item's row and Detail — as they are, and with sources withdrawn — compared with the copy
stored beside this file (syrupy, ``__snapshots__/test_golden.ambr``). A change to what a
reader sees shows here as a diff to review; ``pytest tests/test_golden.py --snapshot-update``
records it once it is right. The clients that read each format are tested elsewhere (the
README's "Tested with"); this holds the words.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.console import Console
from rich.text import Text

from briefing.export import to_html, to_markdown, to_stix
from briefing.index import BriefingIndex
from briefing.loader import default_path, load
from briefing.render import detail, document, row

EXAMPLES = default_path().parent / "examples"
BRIEFINGS = {
    "bundled": (default_path(), frozenset({3})),
    "exercise": (EXAMPLES / "exercise.yaml", frozenset({1, 5})),  # an indicator seen only in [1] and [5]
    "exercise-v2": (EXAMPLES / "exercise-v2.yaml", frozenset({2})),  # [3] and [4] derive from [2]
    # What the others leave out (no label, no operator, coordinates, a speaker who is not the
    # stakeholder, no title, two parents…); a judgment's indicator seen only in [4].
    "corners": (Path(__file__).parent / "data" / "corners.yaml", frozenset({4})),
    # Questions resolved yes, no and void, one overdue, one to come (on the day conftest sets).
    "track-record": (EXAMPLES / "track-record" / "karsk-port.yaml", frozenset({2})),
}


def briefing(name: str):
    return load(BRIEFINGS[name][0]).briefing


def drawn(renderable, width: int = 100) -> str:
    console = Console(width=width, record=True, color_system=None, legacy_windows=False)
    console.print(renderable)
    return console.export_text()


def drawn_styled(renderable, width: int = 90) -> str:
    """As ``drawn``, then each line's styled stretches: ``[style] words`` (a style changed in a
    Detail shows here, where the words alone would not)."""
    console = Console(width=width, color_system=None, legacy_windows=False)
    out = []
    for line in console.render_lines(renderable, console.options.update(width=width), pad=False):
        out.append("".join(segment.text for segment in line).rstrip())
        runs: list[list] = []
        for segment in line:
            if segment.style and segment.text.strip():
                if runs and runs[-1][0] == str(segment.style):
                    runs[-1][1] += segment.text
                else:
                    runs.append([str(segment.style), segment.text])
        out += [f"  [{style}] {words.strip()}" for style, words in runs]
    return "\n".join(out)


def styled(text: Text) -> str:
    """A row as text, then each styled stretch: ``[style] words``."""
    spans = "\n".join(f"  [{span.style}] {text.plain[span.start : span.end]}" for span in text.spans)
    return f"{text.plain}\n{spans}" if spans else text.plain


@pytest.mark.parametrize("name", BRIEFINGS)
def test_markdown(name, snapshot):
    assert to_markdown(briefing(name)) == snapshot


@pytest.mark.parametrize("name", BRIEFINGS)
def test_html(name, snapshot):
    assert to_html(briefing(name)) == snapshot


@pytest.mark.parametrize("name", BRIEFINGS)
def test_stix(name, snapshot):
    pytest.importorskip("stix2")
    assert to_stix(briefing(name)) == snapshot


@pytest.mark.parametrize("name", BRIEFINGS)
def test_print(name, snapshot):
    withdrawn = BRIEFINGS[name][1]
    assert drawn(document(briefing(name))) == snapshot(name="whole")
    assert drawn(document(briefing(name), withdrawn=withdrawn)) == snapshot(name="withdrawn")


@pytest.mark.parametrize("name", BRIEFINGS)
def test_every_row_and_detail(name, snapshot):
    index = BriefingIndex(briefing(name))
    withdrawn = BRIEFINGS[name][1]
    seen = []
    for ref in index.items:
        seen += [
            f"== {ref} row",
            styled(row(index, ref)),
            f"== {ref} row, {sorted(withdrawn)} withdrawn",
            styled(row(index, ref, withdrawn=withdrawn)),
            f"== {ref} row in full",
            "(as the row)" if row(index, ref, in_full=True) == row(index, ref) else styled(row(index, ref, in_full=True)),
            f"== {ref} detail",
            drawn_styled(detail(index, ref)),
            f"== {ref} detail, {sorted(withdrawn)} withdrawn",
            drawn_styled(detail(index, ref, withdrawn=withdrawn)),
        ]
    assert "\n".join(seen) == snapshot
