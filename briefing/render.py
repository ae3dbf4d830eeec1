"""How each kind of briefing entity looks: Rich renderables for print, export and the TUI.

Every string from a briefing goes through :func:`clean` into a ``Text`` object:
it is never parsed as markup, and control characters (ESC, BEL, C1, bidi
overrides) are shown as visible escapes instead of reaching the terminal.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, cast

from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.measure import Measurement
from rich.rule import Rule
from rich.segment import Segment
from rich.style import Style
from rich.table import Table
from rich.text import Text

from .index import COLLECTIONS, BriefingIndex, Ref
from .kinds import KINDS, OUTCOME_MARKS, assessment_words, indicator_line, quoted_words
from .text import (  # noqa: F401 (the text helpers are re-exported: render is where views look for them)
    SEVERITY_STYLE,
    STYLE_DIM,
    STYLE_KEY,
    STYLE_LABEL,
    STYLE_MARKER,
    STYLE_MARKER_CURRENT,
    clean,
    grade,
    likelihood_text,
    markers,
    one_line,
    plain,
    severity_text,
    shorten,
    source_grade_text,
    source_title,
    text_segments,
)
from .tradecraft import evidence, thin_evidence

if TYPE_CHECKING:  # renderers read models; they never need Pydantic loaded to do it
    from .model import Briefing

#: The headings of a briefing's parts in documents (print, Markdown, HTML).
SECTION_TITLES = {collection: KINDS[collection].heading for collection in COLLECTIONS}


# --- one line per item: list rows ---------------------------------------------------


def row(index: BriefingIndex, ref: Ref, current: int | None = None, withdrawn: frozenset[int] = frozenset(), in_full: bool = False) -> Text:
    """The line an item gets in its list (and in search hits): the kind's row, then its
    citation markers and the strength of its evidence. ``in_full``: for a list that wraps its
    rows, nothing shortened."""
    item: Any = index.items[ref]
    text = Text()
    if withdrawn and withdrawn.intersection(getattr(item, "citations", ())):
        text.append("◆ ", "bold yellow")  # depends on a withdrawn source
    if ref.kind == "sources" and int(ref.key) in withdrawn:
        text.append("⊘ withdrawn ", "bold yellow")  # the source itself, set aside (or derived from one that is)
    kind = KINDS[ref.kind]
    text.append_text(kind.row_in_full(index, ref, item) if in_full else kind.row(index, ref, item))
    citations = getattr(item, "citations", None)
    if citations:
        text.append(" ")
        text.append_text(markers(citations, current, withdrawn))
        text.append("  ")
        text.append_text(evidence_note(index, ref, item, withdrawn))
    return text


def evidence_note(index: BriefingIndex, ref: Ref, item: Any, withdrawn: frozenset[int], unsupported: str = "unsupported") -> Text:
    """The strength of an item's evidence, and the flags it raises: thin evidence for high
    confidence, none left once sources are withdrawn."""
    found = evidence(index, ref, withdrawn)
    text = Text(found.words(index.grades_sources), STYLE_DIM)
    if thin_evidence(item, found):
        text.append("  ⚑ high confidence on thin evidence", "bold yellow")
    if withdrawn and found.sources == 0:
        text.append(f"  ⚠ {unsupported}", "bold red")
    return text


# --- every field: an item in full, in print and the dashboard ---------------------


class Fields:
    """``key  value`` rows with the value wrapped under itself (a hanging indent).

    Laid out by hand rather than with a Table: print and the dashboard draw
    many of these, and a table measures every cell again at each nesting level.
    """

    def __init__(self, pairs: Sequence[tuple[str | Text, Text]], indent: int = 0) -> None:
        self.pairs = pairs
        self.indent = indent
        self.key_width = max((len(key) for key, _ in pairs), default=0)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        gutter = self.indent + self.key_width + 1
        width = max(options.max_width - gutter, 8)
        new_line = Segment.line()
        pad = Segment(" " * gutter)
        for key, value in self.pairs:
            lines = value.wrap(console, width, justify="default", overflow="fold", no_wrap=False)
            if isinstance(key, Text):  # a key with styles of its own (a citation marker)
                head = [Segment(" " * self.indent), *text_segments(key, console), Segment(" " * (self.key_width - len(key) + 1))]
            else:
                head = [Segment(" " * self.indent + key.ljust(self.key_width) + " ", _KEY_STYLE)]
            for number, line in enumerate(lines):
                yield from head if number == 0 else (pad,)
                yield from text_segments(line, console)
                yield new_line

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement(self.indent + self.key_width + 9, options.max_width)


_KEY_STYLE = Style.parse(STYLE_KEY)


def _fields(pairs: Iterable[tuple[str, RenderableType | str | None]], indent: int = 0) -> Fields:
    kept: list[tuple[str | Text, Text]] = []
    for key, value in pairs:
        if value is None or value == "" or value == []:
            continue
        kept.append((key, plain(value) if isinstance(value, str) else cast(Text, value)))
    return Fields(kept, indent)


def cited_sources(index: BriefingIndex, citations: Iterable[int], current: int | None = None, withdrawn: frozenset[int] = frozenset()) -> Text:
    """One line per cited source: its marker and its title (struck through when withdrawn)."""
    text = Text()
    for position, source_id in enumerate(dict.fromkeys(citations)):
        if position:
            text.append("\n")
        text.append_text(markers([source_id], current, withdrawn))
        source = index.sources.get(source_id)
        text.append(" ")
        if source is None:
            text.append("missing source", "bold red")
        else:
            text.append(clean(source_title(source)), "" if source.title else "italic dim")
        if source_id in withdrawn:
            text.append("  withdrawn", "bold yellow")
    return text


def detail(
    index: BriefingIndex,
    ref: Ref,
    current: int | None = None,
    cited_by: bool = True,
    withdrawn: frozenset[int] = frozenset(),
    changed: Sequence[tuple[str, Any, Any]] = (),
    since: str = "",
) -> RenderableType:
    """An item in full, as the dashboard shows the selected item: read as prose.

    Its name, then what it says (long fields as paragraphs, short ones in a column), then
    the sources it cites, each with what the briefing knows of it, then what cites it; its
    id, which only an editor of the file needs, last and dim."""
    item: Any = index.items[ref]
    kind = KINDS[ref.kind]
    pairs = kind.fields(index, ref, item) + post_mortem_pairs(index, ref)
    label = one_line(index.label(ref), 100_000) if kind.titled else ""
    # A label that is one of the fields (a judgment's statement) heads the item in full, once.
    said_in_full = any(isinstance(value, str) and one_line(value, 100_000) == label for _, value in pairs)
    heading = Text((label if said_in_full else one_line(label, 200)) if kind.titled else kind.name.capitalize(), "bold")
    under = Text(kind.name.capitalize() if kind.titled else "", STYLE_DIM)
    if ref.kind == "sources" and int(ref.key) in withdrawn:
        under.append("  ·  ", STYLE_DIM)
        under.append("⊘ withdrawn for this session: what rests on it alone is unsupported", "bold yellow")
    citations = getattr(item, "citations", None)
    if citations:
        if under:
            under.append("  ·  ", STYLE_DIM)
        under.append_text(evidence_note(index, ref, item, withdrawn, "unsupported once withdrawn sources are set aside"))
    blocks: list[RenderableType] = [heading]
    if under:
        blocks.append(under)
    if changed:  # compare mode: what this item said in the older version, beside what it says now
        blocks.extend((Text(""), Text(f"Changed since {clean(since)}" if since else "Changed", STYLE_KEY), changes_text(changed)))
    if withdrawn:
        pairs = kind.without(index, ref, item, withdrawn, pairs)
    ids: list[Text] = []
    short: list[tuple[str, RenderableType | str | None]] = []

    def flush() -> None:
        if short:
            blocks.extend((Text(""), _fields(short)))
            short.clear()

    for key, value in pairs:
        if value is None or value == "" or value == []:
            continue
        if key == "id" or (ref.kind == "sources" and key == "source"):  # the heading says which source
            if key == "id":
                ids.append(Text.assemble(("id ", STYLE_DIM), (clean(value), STYLE_DIM)))
            continue
        value_text = plain(value) if isinstance(value, str) else value
        if said_in_full and isinstance(value, str) and one_line(value, 100_000) == label:
            continue  # the heading says it already (a judgment's statement is its label)
        if key == "text" or (isinstance(value_text, Text) and ("\n" in value_text.plain or len(value_text.plain) > 48)):
            flush()
            blocks.append(Text(""))
            if key != "text":  # a bullet's text is the bullet: no label over it
                blocks.append(Text(key.capitalize(), STYLE_KEY))
            blocks.append(value_text)
        else:
            short.append((key, value_text))
    flush()
    if ref.kind == "sources" and cited_by:
        blocks.extend((Text(""), Text("Cited by", STYLE_KEY), cited_by_text(index, item.id)))
    if citations:
        quotes = getattr(item, "quotes", ())
        blocks.extend((Text(""), Text("Sources", STYLE_KEY), cited_source_notes(index, citations, current, withdrawn, ref, quotes)))
    elif citations is not None:
        blocks.extend((Text(""), Text("Cites no sources.", STYLE_DIM)))
    if ids:
        blocks.extend((Text(""), *ids))
    return Group(*blocks)


#: A quote's mark: its words found in the saved copy, not found (or not single), or not checked.
QUOTE_MARKS = {"found": ("✔", "green"), "not found": ("✘", "bold red"), "ambiguous": ("✘", "bold red"), "unverified": ("?", "yellow")}
QUOTE_CONTEXT = 320


def quote_text(index: BriefingIndex, ref: Ref | None, position: int, quote: Any) -> Text:
    """A quote as the item in full shows it: its mark, and its words in the sentence around
    them from the saved copy (the words bold) when found; else the words and why not."""
    from .evidence import context

    evidence = index.evidence
    check = next((c for c in evidence.of(str(ref)) if c.path[-1] == position), None) if evidence is not None and ref is not None else None
    status = check.match.status if check is not None else "unverified"
    mark, style = QUOTE_MARKS[status]
    text = Text(f"{mark} ", style)
    source_text = evidence.texts.get(quote.source) if evidence is not None else None
    if check is not None and status == "found" and source_text:
        before, words, after = context(source_text, check.match.start, check.match.end, QUOTE_CONTEXT)
        text.append(clean(before), STYLE_DIM)
        text.append(clean(words), "bold")
        text.append(clean(after), STYLE_DIM)
        return text
    text.append(f"\u201c{clean(quote.text)}\u201d", "italic")
    if quote.reported_by:  # not the source's words: never checked against its copy
        text.append(f"\n— as reported by {clean(quote.reported_by)}", STYLE_DIM)
    elif check is not None and status in ("not found", "ambiguous"):
        text.append(f"\n{clean(check.match.hint())}", style)
    elif evidence is not None:
        text.append(f"  unverified: {_unverified_why(index, quote.source)}", STYLE_DIM)
    return text


def _unverified_why(index: BriefingIndex, source_id: int) -> str:
    state = index.evidence.copies.get(source_id, "none") if index.evidence is not None else "none"
    return {"none": "no saved copy", "missing": "the saved copy is missing", "changed": "the saved copy changed"}.get(
        state, "the saved copy cannot be read"
    )


def cited_source_notes(
    index: BriefingIndex,
    citations: Iterable[int],
    current: int | None = None,
    withdrawn: frozenset[int] = frozenset(),
    ref: Ref | None = None,
    quotes: Sequence[Any] = (),
) -> Fields:
    """Each cited source with what the briefing knows of it: title or "untitled", publisher,
    grade, and its note, under its marker; then the item's quotes of it, each marked."""
    pairs: list[tuple[str | Text, Text]] = []
    for source_id in dict.fromkeys(citations):
        source = index.sources.get(source_id)
        text = Text()
        if source is None:
            text.append("missing source", "bold red")
        else:
            text.append(clean(source.title) if source.title else "untitled", STYLE_LABEL if source.title else "italic dim")
            if source.publisher:
                text.append(f" — {clean(source.publisher)}")
            if index.grades_sources:  # no "ungraded" under every source of a briefing that grades none
                text.append(f"  {grade(source)}", STYLE_DIM)
            if source_id in withdrawn:
                text.append("  withdrawn", "bold yellow")
            if source.note:  # in full: what the source was cited for is why it is read
                text.append("\n")
                text.append(clean(source.note), "strike dim" if source_id in withdrawn else "")
        for position, quote in enumerate(quotes):
            if quote.source == source_id:
                text.append("\n")
                text.append_text(quote_text(index, ref, position, quote))
        pairs.append((markers([source_id], current, withdrawn), text))
    return Fields(pairs)


def fields(
    index: BriefingIndex,
    ref: Ref,
    current: int | None = None,
    cited_by: bool = True,
    indent: int = 0,
    withdrawn: frozenset[int] = frozenset(),
    said: str | None = None,
) -> Fields:
    """Every field of an item, and its citations with each source's title; with sources
    ``withdrawn`` (and what derives only from them), as they leave it. A field that only
    repeats ``said`` (the line above it) is left out."""
    item: Any = index.items[ref]
    kind = KINDS[ref.kind]
    pairs = kind.fields(index, ref, item) + post_mortem_pairs(index, ref)
    if said is not None:
        pairs = [(key, value) for key, value in pairs if (value.plain if isinstance(value, Text) else value) != said]
    if withdrawn:
        pairs = kind.without(index, ref, item, withdrawn, pairs)
    if ref.kind == "sources" and cited_by:
        pairs.append(("cited by", cited_by_text(index, item.id)))
    citations = getattr(item, "citations", None)
    if citations:
        pairs.append(("evidence", evidence(index, ref, withdrawn).words(index.grades_sources)))
        pairs.append(("cites", cited_sources(index, citations, current, withdrawn)))
        quotes = getattr(item, "quotes", ())
        if quotes:
            pairs.append(("quotes", quoted_words(quotes)))
    elif citations is not None:
        pairs.append(("cites", Text("no sources", STYLE_DIM)))
    # What the item says first; its id, which only an editor of the file needs, last and dim.
    ids = [(key, value) for key, value in pairs if key == "id" and value]
    pairs = [(key, value) for key, value in pairs if key != "id"] + [(key, plain(value, STYLE_DIM)) for key, value in ids]
    return _fields(pairs, indent)


def changes_text(changed: Sequence[tuple[str, Any, Any]]) -> Text:
    """Each changed field, old → new; in a long text only the words that changed are marked,
    as wdiff does — ``[-old-]{+new+}``, the old struck through in red, the new in green, so that
    colour is never alone — and the rest is shown once."""
    import difflib
    import re

    text = Text()
    for number, (field, old, new) in enumerate(changed):
        if number:
            text.append("\n")
        text.append(f"{field}: ", STYLE_DIM)
        if isinstance(old, str) and isinstance(new, str) and max(len(old), len(new)) > 48:
            before, after = re.findall(r"\s+|\S+", clean(old)), re.findall(r"\s+|\S+", clean(new))
            for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, before, after, autojunk=False).get_opcodes():
                if op == "equal":
                    text.append("".join(before[i1:i2]))
                    continue
                if i2 > i1:
                    text.append("[-", STYLE_DIM)
                    text.append("".join(before[i1:i2]), "red strike")
                    text.append("-]", STYLE_DIM)
                if j2 > j1:
                    text.append("{+", STYLE_DIM)
                    text.append("".join(after[j1:j2]), "bold green")
                    text.append("+}", STYLE_DIM)
        else:
            text.append(clean(_diff_value(old)), "red strike")
            text.append(" → ", STYLE_DIM)
            text.append(clean(_diff_value(new)), "bold green")
    return text


def post_mortem_pairs(index: BriefingIndex, ref: Ref) -> list[tuple[str, Any]]:
    """A resolved judgment's post-mortem: beside its outcome, what the briefing held when the
    judgment was scored — the likelihood and confidence, each indicator's status and the ACH
    leader, from the version scored (an older one, when the briefing's versions are read).
    Drawn here, not by the kind: the leader is the matrix's, which the kinds sit below."""
    if ref.kind != "judgments":
        return []
    forecast = index.forecast(ref.key)
    if forecast is None or forecast.outcome is None:
        return []
    held, version = forecast.judgment, forecast.scored
    word, style = OUTCOME_MARKS[forecast.outcome]
    text = Text(word, style)
    where = f"as of {version.briefing.as_of}" + (f", {clean(version.file.replace(chr(92), '/').rsplit('/', 1)[-1])}" if version.file else "")
    text.append(f" — when it was scored, the briefing ({where}) held:", STYLE_DIM)
    text.append("\n")
    text.append(assessment_words(held), "bold")
    for indicator in held.indicators:
        text.append("\n")
        text.append_text(indicator_line(indicator))
    if version.briefing.ach is not None and version.briefing.hypotheses:
        from .ach import score

        leaders = score(version.briefing.hypotheses, version.briefing.ach).leading
        text.append("\nACH leader: ", STYLE_DIM)
        text.append(clean(", ".join(leaders)) or "none", "bold")
    return [("post-mortem", text)]


def kind_name(ref: Ref) -> str:
    return KINDS[ref.kind].name


def cited_by_text(index: BriefingIndex, source_id: int) -> Text:
    refs = index.cited_by.get(source_id, [])
    if not refs:
        return Text("nothing cites this source", STYLE_DIM)
    return Text("\n").join(cited_by_entry(index, ref) for ref in refs)


def cited_by_entry(index: BriefingIndex, ref: Ref) -> Text:
    kind = KINDS[ref.kind]
    text = Text.assemble((f"{kind.cited_as or kind.name.capitalize()}: ", STYLE_DIM))  # a span, not the whole line
    text.append(one_line(index.label(ref), 70))
    return text


# --- the whole briefing: print ----------------------------------------------------------


def section_rule(title: str, count: int) -> Rule:
    return Rule(Text(f"{title} ({count})", "bold"), align="left", style="dim")


def header(briefing: Briefing) -> Text:
    text = Text()
    text.append(clean(briefing.title), "bold")
    if briefing.subtitle:
        text.append("\n")
        text.append(clean(briefing.subtitle), "italic")
    text.append("\nAs of ", STYLE_DIM)
    text.append(briefing.as_of, "bold")
    text.append(" · ", STYLE_DIM)
    text.append(clean(briefing.region))
    return text


def bluf(briefing: Briefing) -> Text:
    text = Text.assemble(("BLUF", "bold reverse"), "  ")
    text.append(clean(briefing.bluf))
    return text


def document(
    briefing: Briefing,
    index: BriefingIndex | None = None,
    sections: Iterable[str] | None = None,
    withdrawn: frozenset[int] = frozenset(),
) -> Group:
    """The whole briefing, top to bottom, as ``briefing print`` shows it (or only some sections).

    With sources ``withdrawn``, a section first lists what depends on them, and their
    markers are struck through wherever they are cited."""
    return Group(*document_parts(briefing, index, sections, withdrawn))


#: Rows of a bullet list drawn as one renderable: print writes each part as it is drawn,
#: so that a briefing of 10,000 bullets never holds all its lines in memory at once.
ROWS_PER_PART = 256


def document_parts(
    briefing: Briefing,
    index: BriefingIndex | None = None,
    sections: Iterable[str] | None = None,
    withdrawn: frozenset[int] = frozenset(),
) -> Iterator[RenderableType]:
    """``document``, one part at a time, each built when it is asked for."""
    from .tradecraft import withdrawn_with_derivations

    index = index or BriefingIndex(briefing)
    wanted = list(sections) if sections else list(COLLECTIONS)
    asked = withdrawn
    # What the dashboard sets aside too: the sources asked for, and what derives only from
    # them (rows, badges, indicators and the matrix all see the same set).
    withdrawn = withdrawn_with_derivations(index, asked) if asked else frozenset()
    started = False
    if sections is None:
        # The BLUF's lines hang under its text, not under its label.
        yield from (header(briefing), Text(""), Fields([(Text.assemble(("BLUF", "bold reverse"), " "), Text(clean(briefing.bluf)))]))
        started = True
    if asked:
        yield Text("")
        yield from withdrawal_section(index, asked)
        started = True
    for collection in wanted:
        if collection not in index.order:  # the hypotheses: their matrix comes last
            continue
        refs = index.order[collection]
        count = sum(1 for ref in refs if ref.kind == collection)
        if started:
            yield Text("")
        started = True
        yield section_rule(SECTION_TITLES[collection], count)
        # Every kind reads as its registry entry says (bases had a table of their own here,
        # which never showed a base's role).
        if KINDS[collection].printed_as_rows:
            for first in range(0, len(refs), ROWS_PER_PART):
                yield Fields([("•", _row_and_quotes(index, ref, withdrawn)) for ref in refs[first : first + ROWS_PER_PART]], indent=1)
        else:
            for ref in refs:
                if ref.kind == collection:  # nested items are shown in their parent's fields
                    title = _print_title(index, ref, withdrawn)
                    said = title.plain.strip()
                    yield from (
                        Fields([("", title)]),
                        fields(index, ref, indent=3, withdrawn=withdrawn, said=said),
                        Text(""),
                    )  # wrapped lines hang under the first
    if briefing.ach is None and sections is not None and "hypotheses" in wanted:
        if started:
            yield Text("")
        yield section_rule("Competing hypotheses", 0)
        yield Text(" No competing hypotheses in this briefing.", STYLE_DIM)
    if briefing.ach is not None and (sections is None or "hypotheses" in wanted):
        from .ach import score

        matrix = score(briefing.hypotheses, briefing.ach, index, withdrawn)
        yield Text("")
        yield section_rule("Competing hypotheses", len(briefing.hypotheses))
        yield ach_document(index, matrix)


def _row_and_quotes(index: BriefingIndex, ref: Ref, withdrawn: frozenset[int]) -> Text:
    """A printed row, with the item's quotes under it as block quotes."""
    drawn = row(index, ref, withdrawn=withdrawn)
    quotes = getattr(index.items[ref], "quotes", ())
    if quotes:
        drawn = Text.assemble(drawn, "\n", quoted_words(quotes))
    return drawn


def _print_title(index: BriefingIndex, ref: Ref, withdrawn: frozenset[int] = frozenset()) -> Text:
    return KINDS[ref.kind].print_title(index, ref, index.items[ref], row(index, ref, withdrawn=withdrawn))


def withdrawal_section(index: BriefingIndex, withdrawn: frozenset[int]) -> list[RenderableType]:
    from .tradecraft import withdraw

    result = withdraw(index, withdrawn)
    parts: list[RenderableType] = [Rule(Text(result.summary(), "bold"), align="left", style="red")]
    unsupported = set(result.unsupported)
    lines = []
    for ref in result.affected:
        label = Text.assemble((f"{kind_name(ref)} ", STYLE_DIM), one_line(index.label(ref), 90))
        if ref in unsupported:
            label.append("  ⚠ unsupported", "bold red")
        lines.append(("•", label))
    if lines:
        parts.append(Fields(lines, indent=1))
    return parts


def diff_document(changes, old_name: str, new_name: str) -> Group:
    """``briefing diff``: each change by collection and id, field by field."""
    if not changes:
        return Group(Text(f"{clean(old_name)} and {clean(new_name)} hold the same briefing.", "green"))
    parts: list[RenderableType] = [Text.assemble(("--- ", "red"), clean(old_name), "\n", ("+++ ", "green"), clean(new_name))]
    for change in changes:
        sign, style = {"added": ("+", "green"), "removed": ("-", "red"), "changed": ("~", "yellow")}[change.kind]
        heading = Text.assemble((f"{sign} ", style), (clean(describe(change)), "bold"), (f"  {change.kind}", STYLE_DIM))
        parts.append(heading)
        rows = []
        for field, old, new in change.fields:
            value = Text()
            value.append(clean(_diff_value(old)), "red")
            value.append(" → ", STYLE_DIM)
            value.append(clean(_diff_value(new)), "green")
            rows.append((field, value))
        if rows:
            parts.append(Fields(rows, indent=4))
    return Group(*parts)


def _diff_value(value: object) -> str:
    if value is None:
        return "(none)"
    if isinstance(value, list):
        return "[" + ", ".join(map(str, value)) + "]"
    return str(value)


def describe(change) -> str:
    """A change's item in words: ``judgment retain-bases``; ``briefing`` for the top fields."""
    kind = KINDS.get(change.collection)
    if kind is not None:
        return f"{kind.name} {change.key}".strip()
    if change.collection == "ach":
        return f"ACH {change.key}" if change.key == "leading hypotheses" else f"ACH row {change.key}"
    if change.collection == "hypotheses":
        return f"hypothesis {change.key}"
    return change.collection


# --- competing hypotheses ----------------------------------------------------------------

RATING_GLYPHS = {"CC": "✔✔", "C": "✔", "N": "·", "I": "✘", "II": "✘✘", "NA": "–"}
RATING_STYLES = {"CC": "bold green", "C": "green", "N": "", "I": "red", "II": "bold red", "NA": "dim"}


def rating_words(rating: str) -> str:
    """A rating as glyph and letters (``✘✘ II``), so that colour is never all it says."""
    return f"{RATING_GLYPHS[rating]} {rating}"


def rating_text(rating: str) -> Text:
    return Text(rating_words(rating), RATING_STYLES[rating])


def evidence_label(index: BriefingIndex, ref_text: str, limit: int = 48) -> str:
    kind, _, key = ref_text.partition(":")
    ref = Ref(kind, key)
    if ref not in index:
        return ref_text
    return f"{kind_name(ref)}: {one_line(index.label(ref), limit)}"


def row_flags(row) -> str:
    """! critical (removing it changes the leader), ≈ non-diagnostic, withdrawn."""
    if row.withdrawn:
        return "withdrawn"
    return " ".join(flag for flag, on in (("! critical", row.critical), ("≈ non-diagnostic", not row.diagnostic)) if on)


def ach_document(index: BriefingIndex, matrix) -> Group:
    """The matrix as `briefing ach` and `print` show it: the hypotheses ranked, then the rows."""
    parts: list[RenderableType] = [Text.assemble(("Question  ", STYLE_DIM), (clean(matrix.question), "bold"))]
    ranking = Table(box=None, show_edge=False, header_style="bold dim", pad_edge=False)
    for column in ("", "hypothesis", "inconsistency", "weighted"):
        ranking.add_column(column, overflow="fold", justify="right" if column in ("inconsistency", "weighted") else "left")
    for hypothesis in matrix.hypotheses:
        ranking.add_row(
            Text("★ leads" if hypothesis.leading else "", "bold yellow"),
            Text.assemble((f"{hypothesis.id} ", "bold"), clean(hypothesis.text)),
            str(hypothesis.inconsistency),
            f"{hypothesis.weighted_inconsistency:g}",
        )
    parts += [Text(""), ranking, Text("")]
    grid = Table(box=None, show_edge=False, header_style="bold dim", pad_edge=False)
    grid.add_column("evidence", overflow="fold", ratio=3)
    grid.add_column("cred.")
    for hypothesis in matrix.hypotheses:
        grid.add_column(hypothesis.id, no_wrap=True)
    grid.add_column("diag.", justify="right")
    grid.add_column("", overflow="fold")
    for row in matrix.evidence:
        style = "dim strike" if row.withdrawn else ""
        grid.add_row(
            Text(evidence_label(index, row.ref), style),
            row.credibility,
            *(rating_text(row.ratings.get(h.id, "NA")) for h in matrix.hypotheses),
            f"{row.diagnosticity:.2f}",
            Text(row_flags(row), "bold yellow" if row.critical else STYLE_DIM),
        )
    parts.append(grid)
    return Group(*parts)


def _number(value: float | None, places: int = 3) -> str:
    return "—" if value is None else f"{value:.{places}f}"


def score_counts(scores) -> Text:
    """``24 resolved · 2 void · 3 open · 1 due``."""
    return Text.assemble(
        (f"{scores.resolved} resolved", "bold"),
        f" · {scores.void} void · {scores.open} open",
        (f" · {scores.due} due", "bold red") if scores.due else " · 0 due",
    )


def score_fields(scores, meanings: str = "full") -> RenderableType:
    """The scores and their decomposition, each with what it means: ``full``, ``short`` (for a
    screen that shares its width with the diagram) or ``none`` (a narrow one)."""
    if scores.brier is None:
        return Text("Nothing to score yet: no judgment has been resolved yes or no.", STYLE_DIM)
    rows = [
        ("Brier", scores.brier, "0 is perfect; 0.25 is always saying 50%", "0 best · 0.25 = always 50%"),
        ("log score", scores.log, "0 is perfect; ln 2 = 0.693 is always saying 50%", "0 best · 0.693 = always 50%"),
        ("reliability", scores.reliability, "how far what was said is from what happened (lower is better)", "said vs happened · lower better"),
        ("resolution", scores.resolution, "how far the bands tell outcomes apart (higher is better)", "bands apart · higher better"),
        ("uncertainty", scores.uncertainty, "how hard the questions were: ō(1 − ō)", "ō(1 − ō)"),
        ("within band", scores.within_band, "what stated probabilities add inside their bands", "stated numbers in bands"),
    ]
    said = {"full": lambda row: row[2], "short": lambda row: row[3], "none": lambda row: ""}[meanings]
    return Fields([(row[0], Text.assemble(_number(row[1]), (f"  {said(row)}" if said(row) else "", STYLE_DIM))) for row in rows])


def calibration_table(scores) -> Table:
    """By likelihood band: how many were resolved, what was said, how often it happened."""
    table = Table(title="Calibration by likelihood", title_justify="left", box=None, pad_edge=False)
    table.add_column("likelihood")
    table.add_column("n", justify="right")
    table.add_column("said", justify="right")
    table.add_column("happened", justify="right")
    for band in scores.bands:
        table.add_row(band.likelihood, str(band.n), _number(band.mean_probability, 2), _number(band.observed, 2), style=None if band.n else STYLE_DIM)
    return table


def score_document(scores, today, width: int = 64) -> Group:
    """``briefing score``: the counts, the scores and their decomposition, the calibration
    table, the reliability diagram and the questions due."""
    from .plots import reliability_text

    parts: list[RenderableType] = [score_counts(scores), score_fields(scores)]
    if scores.brier is not None:
        parts.append(calibration_table(scores))
        parts.append(Text.from_ansi(reliability_text(scores.bands, width=width, height=18)))
    due = [f for f in scores.judgments if f.due(today)]
    if due:
        parts.append(Text("Due: record the outcome", "bold"))
        for forecast in sorted(due, key=lambda f: f.by):
            parts.append(
                Text.assemble(
                    ("  ", ""),
                    (f"{forecast.by}  ", "red"),
                    clean(f"{forecast.briefing} · {forecast.id}: {forecast.question}"),
                    (f"\n              {clean(forecast.file)}", STYLE_DIM),
                )
            )
    return Group(*parts)
