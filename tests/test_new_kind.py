"""Adding a kind of item is the README's recipe, and nothing more: every view shows it.

A copy of the package gets a fake kind — rumours — exactly as CONTRIBUTING says: a line in
``shape.KEPT``, its model class and ``Briefing`` field, and its ``Kind`` in ``KINDS``. Then
``check``, ``print``, search, every export and the dashboard's panes are asked about it. A
view that lists the kinds by hand, or skips one it does not know, fails here.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap

import pytest

from .conftest import ROOT

SHAPE = '    Kept("rumours", "rumours", None, "id", "rumour {id!r}"),\n'

MODEL = """
class Rumour(Strict):
    id: Id
    text: NonEmpty = Field(description="What is being said.")
    citations: Citations


"""

FIELD = '    rumours: list[Rumour] = Field(default_factory=empty_list, description="What is being said, unconfirmed.")\n'

KIND = """
class RumourKind(Kind["Rumour"]):
    collection = "rumours"
    heading = "Rumours"
    name = "rumour"

    def label(self, index: BriefingIndex, ref: Ref, item: Any) -> str:
        return str(item.text)

    def row(self, index: BriefingIndex, ref: Ref, item: Any) -> Text:
        return Text(clean(item.text))

    def fields(self, index: BriefingIndex, ref: Ref, item: Any) -> Pairs:
        return [("id", item.id), ("text", item.text)]

    def markdown(self, index: BriefingIndex, ref: Ref, item: Any, notes: str) -> list[str]:
        return [f"- {md(item.text)}{notes}"]

    def html(self, index: BriefingIndex, ref: Ref, item: Any) -> str:
        return h(item.text)

    def stix(self, context: StixContext, ref: Ref, item: Any) -> list[Any]:
        return [context.note(f"rumour:{ref.key}", clean(item.text), [], ["rumour"], item.citations)]


"""

BRIEFING = """\
schema_version: 1
title: Rumour mill
as_of: 2031-03
region: Nowhere
bluf: Something is said.
summary:
  - id: b1
    text: A bullet.
    citations: [1]
rumours:
  - id: whisper
    text: The harbour master whispers of barges.
    citations: [1]
  - id: echo
    text: An echo of the whisper.
    citations: [9]
sources:
  - id: 1
    title: The harbour gossip
"""


def insert(path, before: str, text: str) -> None:
    """Put ``text`` before the first line starting with ``before`` (the recipe's places)."""
    content = path.read_text(encoding="utf-8")
    at = content.index(before)
    path.write_text(content[:at] + text + content[at:], encoding="utf-8")


@pytest.fixture(scope="module")
def with_rumours(tmp_path_factory):
    """A copy of the package with a fake kind added by the recipe, and a briefing that has some."""
    root = tmp_path_factory.mktemp("new-kind")
    package = root / "briefing"
    shutil.copytree(ROOT / "briefing", package, ignore=shutil.ignore_patterns("__pycache__"))
    insert(package / "shape.py", '    Kept("sources"', SHAPE)
    insert(package / "model.py", "class Briefing(", MODEL)
    insert(package / "model.py", "    sources: list[Source]", FIELD)
    insert(package / "kinds.py", "#: Every kind, by the ``kind`` of its references.", KIND)
    insert(package / "kinds.py", '    "sources": SourceKind(),', '    "rumours": RumourKind(),\n')
    (root / "rumours.yaml").write_text(BRIEFING, encoding="utf-8")
    (root / "fixed.yaml").write_text(BRIEFING.replace("citations: [9]", "citations: [1]"), encoding="utf-8")
    return root


def run(root, *args: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "PYTHONPATH": str(root), "NO_COLOR": "1", "COLUMNS": "120"}
    return subprocess.run([sys.executable, *args], cwd=root, env=environment, capture_output=True, text=True, timeout=120)


def briefing(root, *args: str) -> subprocess.CompletedProcess[str]:
    return run(root, "-m", "briefing", *args)


def test_the_copy_is_the_package_with_the_kind_added(with_rumours):
    loaded = run(with_rumours, "-c", "import briefing.kinds, sys; print(briefing.kinds.__file__); print(sorted(briefing.kinds.KINDS))")
    assert loaded.returncode == 0, loaded.stderr
    assert loaded.stdout.startswith(str(with_rumours)) and "'rumours'" in loaded.stdout


def test_check_reports_the_new_kinds_references(with_rumours):
    result = briefing(with_rumours, "check", "rumours.yaml")
    assert result.returncode == 1
    assert result.stderr == "rumours.yaml:16:17: error: rumour 'echo' cites source [9], which is not in sources\n"


def test_print_shows_the_new_section_and_its_items(with_rumours):
    result = briefing(with_rumours, "print", "--width", "100", "fixed.yaml")
    assert result.returncode == 0, result.stderr
    assert "Rumours" in result.stdout and "The harbour master whispers of barges." in result.stdout
    assert "[1]" in result.stdout.split("The harbour master whispers")[1].splitlines()[0]
    section = briefing(with_rumours, "print", "--section", "rumours", "fixed.yaml")
    assert section.returncode == 0 and "An echo of the whisper." in section.stdout and "A bullet." not in section.stdout


def test_search_finds_the_new_kind(with_rumours):
    script = textwrap.dedent("""
        from briefing.index import BriefingIndex
        from briefing.loader import load
        hits, total = BriefingIndex(load("fixed.yaml").briefing).search("barges")
        print([str(hit.ref) for hit in hits], total)
    """)
    result = run(with_rumours, "-c", script)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "['rumours:whisper'] 1"


@pytest.mark.parametrize("format", ["markdown", "html", "json", "stix"])
def test_every_export_carries_the_new_kind(with_rumours, format, tmp_path):
    target = tmp_path / f"out.{format}"
    result = briefing(with_rumours, "export", "-f", format, "-o", str(target), "fixed.yaml")
    assert result.returncode == 0, result.stderr
    text = target.read_text(encoding="utf-8")
    assert "The harbour master whispers of barges." in text
    if format == "html":
        assert "<h2" in text and ">Rumours</h2>" in text
        assert "rumour: The harbour master whispers" in text  # the source's back-link names it
    if format == "markdown":
        assert "## Rumours" in text
    if format == "stix":
        assert any("rumour" in obj.get("labels", []) for obj in json.loads(text)["objects"])


def test_the_dashboard_gives_the_new_kind_a_pane(with_rumours):
    script = textwrap.dedent("""
        import asyncio
        from pathlib import Path
        from briefing.index import Ref
        from briefing.tui.app import create_app

        async def main():
            app = create_app(Path("fixed.yaml"), watch=False)
            async with app.run_test(size=(120, 40)) as pilot:
                while app.dashboard.index is None:
                    await pilot.pause()
                await pilot.press("7")  # the panes follow the format's order: rumours before sources
                pane = app.dashboard.pane("rumours")
                print(app.focused is pane, pane.highlighted_ref, pane.border_title)
                await pilot.press("enter")
                print(app.dashboard.current_ref())

        asyncio.run(main())
    """)
    result = run(with_rumours, "-c", script)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["True rumours:whisper 7 Rumours", "sources:1"]
