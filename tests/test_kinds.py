"""The kind registry: every kind of item is described once, and every view asks it."""

from __future__ import annotations

import pytest
from rich.text import Text

from briefing.export import to_html, to_markdown
from briefing.index import COLLECTIONS, BriefingIndex, Ref
from briefing.kinds import KINDS, Kind, check_registry
from briefing.loader import default_path, load
from briefing.render import detail, row
from briefing.shape import KEPT, Kept

BUNDLED = load(default_path()).briefing
# The fictional exercise has every kind of item; the bundled briefing has no indicators.
INDEX = BriefingIndex(load(default_path().parent / "examples" / "exercise.yaml").briefing)
BUNDLED_INDEX = BriefingIndex(BUNDLED)


def test_every_kind_in_the_index_is_registered_and_lives_in_a_collection():
    assert {ref.kind for ref in INDEX.items} == set(KINDS)
    assert {kind.collection for kind in KINDS.values()} == set(COLLECTIONS)
    for ref in INDEX.items:
        assert KINDS[ref.kind].collection == ref.collection


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_each_kind_describes_its_items_for_every_view(kind):
    refs = [ref for ref in INDEX.items if ref.kind == kind]
    assert refs, f"the bundled briefing has no {kind}"
    describer = KINDS[kind]
    for ref in refs:
        item = INDEX.items[ref]
        assert describer.label(INDEX, ref, item).strip()
        assert describer.row(INDEX, ref, item).plain.strip()
        assert any(value for _, value in describer.fields(INDEX, ref, item))
        assert describer.markdown(INDEX, ref, item, "")
        if kind != "sources":  # a source's HTML is the entry of the sources list
            assert describer.html(INDEX, ref, item)


def test_the_views_take_their_words_from_the_registry(monkeypatch):
    """Change how one kind reads, and every view shows the change: nothing else describes it."""
    base = KINDS["bases"]
    monkeypatch.setattr(type(base), "label", lambda self, index, ref, item: "LABEL-FROM-REGISTRY")
    monkeypatch.setattr(type(base), "row", lambda self, index, ref, item: __import__("rich.text").text.Text("ROW-FROM-REGISTRY"))
    monkeypatch.setattr(type(base), "markdown", lambda self, index, ref, item, notes: [f"- MD-FROM-REGISTRY{notes}"])
    monkeypatch.setattr(type(base), "html", lambda self, index, ref, item: "HTML-FROM-REGISTRY")
    tartus = next(ref for ref in BUNDLED_INDEX.items if ref.kind == "bases")
    assert BUNDLED_INDEX.label(tartus) == "LABEL-FROM-REGISTRY"
    assert row(BUNDLED_INDEX, tartus).plain.startswith("ROW-FROM-REGISTRY [1][3]")
    assert "- MD-FROM-REGISTRY \\[1\\]\\[3\\]" in to_markdown(BUNDLED)
    assert "HTML-FROM-REGISTRY" in to_html(BUNDLED)
    assert "base: LABEL-FROM-REGISTRY" in to_html(BUNDLED)  # the sources' back-links


def test_a_kind_that_describes_nothing_fails_loudly():
    with pytest.raises(NotImplementedError):
        Kind().label(INDEX, next(iter(INDEX.items)), None)


def test_a_kind_missing_a_view_fails_when_it_is_defined():
    """A kind without (say) an HTML method exported nothing, silently: now it cannot exist."""
    with pytest.raises(TypeError, match="does not say how its items read in: html, stix"):

        class Rumour(Kind[object]):
            collection = "rumours"
            name = "rumour"

            def label(self, index, ref, item):
                return ""

            def row(self, index, ref, item):
                return Text()

            def fields(self, index, ref, item):
                return []

            def markdown(self, index, ref, item, notes):
                return []


def test_the_registry_and_the_formats_shape_cannot_disagree():
    check_registry(KINDS)
    with pytest.raises(TypeError, match="disagree"):
        check_registry({kind: describer for kind, describer in KINDS.items() if kind != "indicators"})
    with pytest.raises(TypeError, match="disagree"):
        check_registry(KINDS, (*KEPT, Kept("rumours", "rumours", None, "id", "rumour {id!r}")))
    moved = tuple(kept._replace(within="tensions") if kept.kind == "statements" else kept for kept in KEPT)
    with pytest.raises(TypeError, match="disagree"):
        check_registry(KINDS, moved)


def test_the_panes_are_the_formats_collections():
    from briefing.tui.panes import PANE_TITLES, PANES

    assert PANES == COLLECTIONS and list(PANE_TITLES) == list(COLLECTIONS)


def test_the_detail_heading_uses_the_kind_name_and_label():
    statement = next(ref for ref in BUNDLED_INDEX.items if ref.kind == "statements")
    base = next(ref for ref in BUNDLED_INDEX.items if ref.kind == "bases")
    from rich.console import Console

    console = Console(width=100, record=True, file=__import__("io").StringIO())
    console.print(detail(BUNDLED_INDEX, base))
    console.print(detail(BUNDLED_INDEX, statement))
    text = console.export_text()
    assert "Tartus naval base\nBase  ·  2 sources" in text
    assert "\nStatement\n" in text  # a statement is not titled: its label repeats its text


def test_a_judgment_in_full_says_its_statement_once_and_whole():
    """Its statement is its label: Detail headed it cut at "…" and then said it again."""
    from rich.console import Console

    ref = next(ref for ref in BUNDLED_INDEX.items if ref.kind == "judgments")
    console = Console(width=90, record=True)
    console.print(detail(BUNDLED_INDEX, ref))
    shown = " ".join(console.export_text().split())
    statement = " ".join(BUNDLED_INDEX.items[ref].text.split())
    assert shown.count(statement) == 1 and shown.startswith(statement) and "…" not in shown.split("Judgment")[0]


INDICATOR = Ref("indicators", "port-stays/supply-ships")  # observed in [1] and [5]


def plain(renderable, width: int = 100) -> str:
    from rich.console import Console

    console = Console(width=width, record=True, color_system=None)
    console.print(renderable)
    return console.export_text()


def test_an_indicator_reads_the_same_in_every_view():
    kind, item = KINDS["indicators"], INDEX.items[INDICATOR]
    line = kind.row(INDEX, INDICATOR, item)
    assert line.plain == "  ● observed ↑ raises  Supply ships keep calling at Karsk"
    assert [(line.plain[s.start : s.end], str(s.style)) for s in line.spans] == [
        ("● observed ", "bold"),
        ("↑ raises  ", "dim"),
        ("Supply ships keep calling at Karsk", "italic"),
    ]
    assert kind.markdown(INDEX, INDICATOR, item, " [1]") == [
        "  - indicator (observed; raises the likelihood): Supply ships keep calling at Karsk [1]"
    ]
    assert kind.html(INDEX, INDICATOR, item) == "indicator (observed; raises the likelihood): Supply ships keep calling at Karsk"
    assert [(key, str(value)) for key, value in kind.fields(INDEX, INDICATOR, item)] == [
        ("id", "supply-ships"),
        ("status", "● observed"),
        ("direction", "↑ raises the likelihood when observed"),
        ("text", "Supply ships keep calling at Karsk"),
        ("judgment", "Ostravia will likely keep the Karsk station through the summer of 2031."),
    ]
    quiet = KINDS["indicators"].row(INDEX, Ref("indicators", "port-stays/crew-rotation"), INDEX.items[Ref("indicators", "port-stays/crew-rotation")])
    assert str(quiet.spans[0].style) == "dim"  # not observed: not bold


def test_an_indicator_seen_only_in_withdrawn_sources_is_not_observed_and_says_why():
    gone = frozenset({1, 5})
    shown = " ".join(plain(detail(INDEX, INDICATOR, withdrawn=gone)).split())
    assert "Status ○ not observed (was observed: its sources are withdrawn)" in shown
    judgment = " ".join(plain(detail(INDEX, Ref("judgments", "port-stays"), withdrawn=gone), width=200).split())
    assert "○ not observed ↑ raises Supply ships keep calling at Karsk [1][5] (was observed: its sources are withdrawn)" in judgment
    assert "◐ partially observed ↓ lowers Fuel barges leave the inner harbour ○ not observed" in judgment  # the others as they were
    assert "(was" not in " ".join(plain(detail(INDEX, INDICATOR, withdrawn=frozenset({1}))).split())  # [5] still holds it


def test_a_kind_at_the_top_without_a_heading_fails_at_import():
    headless = {kind: describer for kind, describer in KINDS.items()}

    class NoHeading(type(KINDS["bases"])):  # type: ignore[misc]
        heading = ""

    headless["bases"] = NoHeading()
    with pytest.raises(TypeError, match=r"^no heading for the section of: bases$"):
        check_registry(headless)

    class NoTimelineHeading(type(KINDS["timeline"])):  # type: ignore[misc]
        heading = ""

    headless["timeline"] = NoTimelineHeading()
    with pytest.raises(TypeError, match=r"^no heading for the section of: bases, timeline$"):
        check_registry(headless)


def test_print_heads_a_judgment_with_its_statement_in_bold():
    """`print` heads a judgment with its whole statement, bold as a heading (its row, which
    carries the likelihood, is said below it)."""
    ref = next(ref for ref in INDEX.items if ref.kind == "judgments")
    title = KINDS["judgments"].print_title(INDEX, ref, INDEX.items[ref], row(INDEX, ref))
    assert title.plain == INDEX.items[ref].text and str(title.style) == "bold" and not title.spans
