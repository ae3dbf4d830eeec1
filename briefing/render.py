"""How each kind of briefing entity looks: Rich renderables for print, export and the TUI.

Every string from a briefing goes through :func:`clean` into a ``Text`` object:
it is never parsed as markup, and control characters (ESC, BEL, C1, bidi
overrides) are shown as visible escapes instead of reaching the terminal.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterable, Iterator

from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.measure import Measurement
from rich.segment import Segment
from rich.style import Style
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from .index import KIND_NAMES, PANE_TITLES, PANES, BriefingIndex, Ref, source_title
from .scales import CREDIBILITY_MEANING, LIKELIHOODS, RELIABILITY_MEANING, admiralty_grade
from .tradecraft import evidence

if TYPE_CHECKING:  # renderers read models; they never need Pydantic loaded to do it
    from .model import Briefing, Source

# Characters that must never reach a terminal raw, mapped to a visible spelling.
_VISIBLE: dict[int, str] = {code: f"\\x{code:02x}" for code in [*range(0x00, 0x20), *range(0x7F, 0xA0)]}
_VISIBLE[0x0A] = "\n"  # line breaks in block scalars are text
_VISIBLE[0x09] = "    "
_VISIBLE.update(
    {code: f"\\u{code:04x}" for code in [0x061C, 0x200E, 0x200F, 0x2028, 0x2029, *range(0x202A, 0x202F), *range(0x2066, 0x206A)]}
)

STYLE_MARKER = "bold cyan"
STYLE_MARKER_CURRENT = "bold reverse cyan"
STYLE_LABEL = "bold"
STYLE_DIM = "dim"
STYLE_KEY = "bold dim"
SEVERITY_STYLE = {"high": "bold red", "medium": "yellow", "low": "green"}


def clean(value: object) -> str:
    """Briefing text made safe for a terminal: control and bidi characters shown as escapes."""
    text = str(value)
    if text.isprintable():
        return text
    return text.translate(_VISIBLE)


def plain(value: object, style: str = "") -> Text:
    """A Text of briefing data: never markup, never raw control characters."""
    return Text(clean(value), style=style)


def one_line(value: object, limit: int | None = None) -> str:
    text = " ".join(clean(value).split())
    if limit is not None and len(text) > limit:
        return text[: limit - 1] + "…"
    return text


def markers(citations: Iterable[int], current: int | None = None, withdrawn: frozenset[int] = frozenset()) -> Text:
    """``[1][3]``; the citation now in view stands out, a withdrawn source is struck through."""
    text = Text()
    for source_id in citations:
        style = STYLE_MARKER_CURRENT if source_id == current else STYLE_MARKER
        text.append(f"[{source_id}]", f"{style} strike dim" if source_id in withdrawn else style)
    return text


def likelihood_text(likelihood: str) -> str:
    low, high = LIKELIHOODS[likelihood]
    return f"{likelihood} · {low}–{high}%"


def grade(source: Source) -> str:
    if source.reliability is None and source.credibility is None:
        return "ungraded"
    return admiralty_grade(source.reliability, source.credibility)


def severity_text(severity: str | None) -> Text:
    if severity is None:
        return Text("severity not assessed", STYLE_DIM)
    return Text(f"{severity} severity", SEVERITY_STYLE[severity])


# --- one line per item: list rows ---------------------------------------------------


def row(index: BriefingIndex, ref: Ref, current: int | None = None, withdrawn: frozenset[int] = frozenset()) -> Text:
    """The line an item gets in its pane (and in search hits)."""
    item: Any = index.items[ref]
    kind = ref.kind
    text = Text()
    if withdrawn and withdrawn.intersection(getattr(item, "citations", ())):
        text.append("◆ ", "bold yellow")  # depends on a withdrawn source
    if kind == "summary":
        if item.label:
            text.append(clean(item.label), STYLE_LABEL)
            text.append(": ")
        text.append(clean(item.text))
    elif kind == "bases":
        text.append(clean(item.name), STYLE_LABEL)
        text.append(f"  {item.kind} · ", STYLE_DIM)
        text.append(clean(f"{item.location.place}, {item.location.country}"), STYLE_DIM)
    elif kind == "stakeholders":
        text.append(clean(item.name), STYLE_LABEL)
        text.append(f"  {item.kind}", STYLE_DIM)
        if item.role:
            text.append(" · ", STYLE_DIM)
            text.append(clean(item.role), STYLE_DIM)
    elif kind == "statements":
        speaker = index.speaker(ref)
        text.append("  “", STYLE_DIM)
        text.append(clean(item.text), "italic")
        text.append("”", STYLE_DIM)
        if speaker is not None and speaker is not index.owner.get(ref):
            text.append(" — ", STYLE_DIM)
            text.append(clean(speaker.name), STYLE_DIM)
    elif kind == "tensions":
        text.append(clean(item.title), STYLE_LABEL)
        text.append("  ")
        text.append_text(severity_text(item.severity))
    elif kind == "judgments":
        text.append(clean(item.text))
        text.append("  ")
        text.append(likelihood_text(item.likelihood), "bold")
        if item.confidence:
            text.append(f" · {item.confidence} confidence", STYLE_DIM)
    elif kind == "timeline":
        text.append(f"{item.date:<10} ", STYLE_LABEL)
        text.append(clean(item.text))
    elif kind == "sources":
        text.append(f"[{item.id}] ", STYLE_MARKER)
        text.append(clean(source_title(item)), STYLE_LABEL if item.title else "italic dim")
        if item.publisher:
            text.append(" — ")
            text.append(clean(item.publisher))
        text.append(f"  {grade(item)}", STYLE_DIM)
        cited = len(index.cited_by.get(item.id, ()))
        text.append(f" · cited by {cited}", STYLE_DIM)
    citations = getattr(item, "citations", None)
    if citations:
        text.append(" ")
        text.append_text(markers(citations, current, withdrawn))
        found = evidence(index, ref, withdrawn)
        text.append(f"  {found.badge}", STYLE_DIM)
        if kind == "judgments" and item.confidence == "high" and (found.sources <= 1 or found.best is None):
            text.append("  ⚑ high confidence on thin evidence", "bold yellow")
        if withdrawn and found.sources == 0:
            text.append("  ⚠ unsupported", "bold red")
    return text


# --- every field: the Detail pane and print -----------------------------------------


class Fields:
    """``key  value`` rows with the value wrapped under itself (a hanging indent).

    Laid out by hand rather than with a Table: print and the Detail pane draw
    many of these, and a table measures every cell again at each nesting level.
    """

    def __init__(self, pairs: list[tuple[str, Text]], indent: int = 0) -> None:
        self.pairs = pairs
        self.indent = indent
        self.key_width = max((len(key) for key, _ in pairs), default=0)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        gutter = self.indent + self.key_width + 1
        width = max(options.max_width - gutter, 8)
        new_line = Segment.line()
        for key, value in self.pairs:
            lines = value.wrap(console, width, justify="default", overflow="fold", no_wrap=False)
            head = Segment(" " * self.indent + key.ljust(self.key_width) + " ", _KEY_STYLE)
            pad = Segment(" " * gutter)
            for number, line in enumerate(lines):
                yield head if number == 0 else pad
                yield from line.render(console)
                yield new_line

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement(self.indent + self.key_width + 9, options.max_width)


_KEY_STYLE = Style.parse(STYLE_KEY)


def _fields(pairs: Iterable[tuple[str, RenderableType | str | None]], indent: int = 0) -> Fields:
    kept = []
    for key, value in pairs:
        if value is None or value == "" or value == []:
            continue
        kept.append((key, plain(value) if isinstance(value, str) else value))
    return Fields(kept, indent)


def cited_sources(index: BriefingIndex, citations: Iterable[int], current: int | None = None) -> Text:
    """One line per cited source: its marker and its title."""
    text = Text()
    for position, source_id in enumerate(dict.fromkeys(citations)):
        if position:
            text.append("\n")
        text.append_text(markers([source_id], current))
        source = index.sources.get(source_id)
        text.append(" ")
        if source is None:
            text.append("missing source", "bold red")
        else:
            text.append(clean(source_title(source)), "" if source.title else "italic dim")
    return text


def source_grade_text(source: Source) -> str | None:
    parts = []
    if source.reliability:
        parts.append(f"reliability {source.reliability} ({RELIABILITY_MEANING[source.reliability]})")
    if source.credibility:
        parts.append(f"credibility {source.credibility} ({CREDIBILITY_MEANING[source.credibility]})")
    return "; ".join(parts) or "ungraded"


def detail(index: BriefingIndex, ref: Ref, current: int | None = None, cited_by: bool = True) -> RenderableType:
    """An item in full under a heading: the Detail pane."""
    heading = Text()
    heading.append(f"{kind_name(ref).capitalize()}  ", STYLE_DIM)
    if ref.kind != "statements":
        heading.append(one_line(index.label(ref), 200), "bold")
    return Group(heading, Text(""), fields(index, ref, current, cited_by))


def fields(index: BriefingIndex, ref: Ref, current: int | None = None, cited_by: bool = True, indent: int = 0) -> Fields:
    """Every field of an item, and its citations with each source's title."""
    item: Any = index.items[ref]
    kind = ref.kind
    stake = index.stakeholders
    pairs: list[tuple[str, RenderableType | str | None]] = []
    if kind == "summary":
        pairs = [("id", item.id), ("label", item.label), ("text", item.text)]
    elif kind == "bases":
        where = item.location
        coordinates = None
        if where.latitude is not None and where.longitude is not None:
            coordinates = f"{where.latitude:.4f}, {where.longitude:.4f}"
        operator = stake[item.operator].name if item.operator in stake else item.operator
        pairs = [
            ("id", item.id),
            ("kind", item.kind),
            ("place", f"{where.place}, {where.country}"),
            ("coordinates", coordinates),
            ("operator", operator),
            ("status", item.status),
            ("role", item.role),
        ]
    elif kind == "stakeholders":
        statements = Text()
        for number, statement in enumerate(item.statements, 1):
            if number > 1:
                statements.append("\n")
            statements.append(f"{number}. “", STYLE_DIM)
            statements.append(clean(statement.text), "italic")
            statements.append("” ", STYLE_DIM)
            statements.append_text(markers(statement.citations))
        pairs = [
            ("id", item.id),
            ("kind", item.kind),
            ("role", item.role),
            ("position", item.position),
            ("interests", "\n".join(f"• {interest}" for interest in item.interests) or None),
            ("statements", statements if item.statements else None),
        ]
    elif kind == "statements":
        speaker = index.speaker(ref)
        owner = index.owner.get(ref)
        pairs = [
            ("said by", speaker.name if speaker else item.by),
            ("filed under", owner.name if owner is not None and owner is not speaker else None),
            ("date", item.date),
            ("text", item.text),
        ]
    elif kind == "tensions":
        parties = ", ".join(stake[p].name if p in stake else p for p in item.parties)
        pairs = [
            ("id", item.id),
            ("severity", severity_text(item.severity)),
            ("parties", parties or None),
            ("description", item.description),
        ]
    elif kind == "judgments":
        pairs = [
            ("id", item.id),
            ("likelihood", Text(likelihood_text(item.likelihood), "bold")),
            ("confidence", item.confidence or "not stated"),
            ("text", item.text),
            ("change reason", item.change_reason),
        ]
    elif kind == "timeline":
        pairs = [("date", item.date), ("id", item.id), ("text", item.text)]
    elif kind == "sources":
        pairs = [
            ("source", f"[{item.id}]"),
            ("title", item.title or Text("not named in the briefing", "italic dim")),
            ("publisher", item.publisher),
            ("url", item.url),
            ("published", item.published),
            ("accessed", item.accessed),
            ("grade", source_grade_text(item)),
            ("note", item.note),
        ]
        if cited_by:
            pairs.append(("cited by", cited_by_text(index, item.id)))
    citations = getattr(item, "citations", None)
    if citations:
        pairs.append(("evidence", evidence(index, ref).badge))
        pairs.append(("cites", cited_sources(index, citations, current)))
    elif citations is not None:
        pairs.append(("cites", Text("no sources", STYLE_DIM)))
    return _fields(pairs, indent)


def kind_name(ref: Ref) -> str:
    return KIND_NAMES[ref.kind]


def cited_by_text(index: BriefingIndex, source_id: int) -> Text:
    refs = index.cited_by.get(source_id, [])
    if not refs:
        return Text("nothing cites this source", STYLE_DIM)
    return Text("\n").join(cited_by_entry(index, ref) for ref in refs)


def cited_by_entry(index: BriefingIndex, ref: Ref) -> Text:
    text = Text.assemble((f"{kind_name(ref).capitalize()}: ", STYLE_DIM))  # a span, not the whole line
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


def bases_table(index: BriefingIndex) -> Table:
    table = Table(box=None, show_edge=False, header_style="bold dim", expand=False)
    for column in ("Base", "Kind", "Location", "Operator", "Status", "Cites"):
        table.add_column(column, overflow="fold")
    stake = index.stakeholders
    for base in index.briefing.bases:
        operator = stake[base.operator].name if base.operator in stake else (base.operator or "")
        table.add_row(
            plain(base.name, STYLE_LABEL),
            Text(base.kind),
            plain(f"{base.location.place}, {base.location.country}"),
            plain(operator),
            plain(base.status or ""),
            markers(base.citations),
        )
    return table


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
    index = index or BriefingIndex(briefing)
    wanted = list(sections) if sections else list(PANES)
    started = False
    if sections is None:
        yield from (header(briefing), Text(""), bluf(briefing))
        started = True
    if withdrawn:
        yield Text("")
        yield from withdrawal_section(index, withdrawn)
        started = True
    for pane in wanted:
        refs = index.order[pane]
        count = sum(1 for ref in refs if ref.kind == pane)
        if started:
            yield Text("")
        started = True
        yield section_rule(PANE_TITLES[pane], count)
        if pane == "bases":
            yield bases_table(index)
        elif pane in ("summary", "timeline"):
            for first in range(0, len(refs), ROWS_PER_PART):
                yield Fields([("•", row(index, ref, withdrawn=withdrawn)) for ref in refs[first : first + ROWS_PER_PART]], indent=1)
        else:
            for ref in refs:
                if ref.kind != "statements":
                    yield from (_print_title(index, ref, withdrawn), fields(index, ref, indent=3), Text(""))


def _print_title(index: BriefingIndex, ref: Ref, withdrawn: frozenset[int] = frozenset()) -> Text:
    item: Any = index.items[ref]
    kind = ref.kind
    title = Text(" ")
    if kind == "judgments":  # the row would repeat the text that the fields show
        title.append(likelihood_text(item.likelihood), "bold")
        if item.confidence:
            title.append(f" · {item.confidence} confidence", STYLE_DIM)
    else:
        title.append_text(row(index, ref, withdrawn=withdrawn))
    return title


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
    from .tradecraft import describe

    if not changes:
        return Group(Text(f"{clean(old_name)} and {clean(new_name)} hold the same briefing.", "green"))
    parts: list[RenderableType] = [Text.assemble(("--- ", "red"), clean(old_name), "\n", ("+++ ", "green"), clean(new_name))]
    for change in changes:
        sign, style = {"added": ("+", "green"), "removed": ("-", "red"), "changed": ("~", "yellow")}[change.kind]
        heading = Text.assemble((f"{sign} ", style), (clean(describe(change)) or "briefing", "bold"), (f"  {change.kind}", STYLE_DIM))
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
