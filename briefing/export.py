"""A briefing out of the terminal: Markdown, one self-contained HTML page, JSON, SVG, STIX 2.1.

Every exporter takes a validated briefing and returns text. Briefing strings are data
everywhere: escaped for HTML and Markdown, and control characters are made visible
as they are on the console (render.clean).
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from .files import write_atomically  # noqa: F401 (re-exported: the CLI and the app write exports with it)
from .index import COLLECTIONS, BriefingIndex, Ref
from .kinds import KINDS
from .render import SECTION_TITLES, evidence_label, rating_words, row_flags
from .text import clean, h, md, shorten, source_grade_text, source_title

if TYPE_CHECKING:
    from pathlib import Path

    from .evidence import Verification
    from .model import Briefing

#: The parts of a document that list items; sources close it, as notes or a list.
ITEM_SECTIONS = tuple(collection for collection in COLLECTIONS if collection != "sources")  # the sources close the document


def anchor(ref: Ref) -> str:
    """A stable HTML id for an item, one for each reference: an id's own characters
    (letters, digits, ``_ . -``) are kept, and any other (the ``/`` of a statement, the ``#``
    of a timeline event) becomes ``~`` and its code, since ``~`` is in no id. A source's
    is the ``source-N`` its markers link to."""
    if ref.kind == "sources":
        return f"source-{ref.key}"
    safe = "".join(c if c.isascii() and (c.isalnum() or c in "-_.") else f"~{ord(c):x}" for c in ref.key)
    return f"{ref.kind}-{safe}"


# --- JSON ---------------------------------------------------------------------------------


def to_json(briefing: Briefing) -> str:
    """The validated briefing; fields in model order, so the output is stable and diffable."""
    return json.dumps(briefing.model_dump(mode="json", exclude_none=True), indent=2, ensure_ascii=False) + "\n"


# --- Markdown -------------------------------------------------------------------------------


def to_markdown(briefing: Briefing) -> str:
    """Markdown that CommonMark, GFM and pandoc render alike: citations as ``[n]``, the
    sources as a numbered list at the end, every briefing string escaped."""
    index = BriefingIndex(briefing)
    lines = [f"# {md(briefing.title)}", ""]
    if briefing.subtitle:
        lines += [f"*{md(briefing.subtitle)}*", ""]
    lines += [f"**As of** {briefing.as_of} · {md(briefing.region)}", "", f"> **BLUF** {md(briefing.bluf)}", ""]
    for collection in ITEM_SECTIONS:
        refs = index.order[collection]
        if not refs:
            continue
        lines += [f"## {SECTION_TITLES[collection]}", ""]
        for ref in refs:
            item = index.items[ref]
            drawn = KINDS[ref.kind].markdown(index, ref, item, md_citations(index.citations(ref)))
            lines += drawn + md_quotes(drawn[0], getattr(item, "quotes", ()))
        lines.append("")
    lines += _markdown_matrix(briefing, index)
    if index.order["sources"]:
        lines += [f"## {SECTION_TITLES['sources']}", ""]
        for ref in index.order["sources"]:
            lines += KINDS["sources"].markdown(index, ref, index.items[ref], "")
    return "\n".join(lines).rstrip() + "\n"


def _matrix(briefing: Briefing, index: BriefingIndex):
    from .ach import score

    return score(briefing.hypotheses, briefing.ach, index) if briefing.ach is not None else None


def _markdown_matrix(briefing: Briefing, index: BriefingIndex) -> list[str]:
    """The ACH matrix as two pipe tables (GFM and pandoc draw them): the ranking, the rows."""
    matrix = _matrix(briefing, index)
    if matrix is None:
        return []
    lines = ["## Competing hypotheses", "", f"**Question:** {md(matrix.question)}", ""]
    lines += ["| hypothesis | inconsistency | weighted | |", "| --- | ---: | ---: | --- |"]
    for hypothesis in matrix.hypotheses:
        lines.append(
            f"| **{md(hypothesis.id)}** {md(hypothesis.text)} | {hypothesis.inconsistency} | "
            f"{hypothesis.weighted_inconsistency:g} | {'★ leads' if hypothesis.leading else ''} |"
        )
    lines += ["", "| evidence | credibility | " + " | ".join(md(hypothesis.id) for hypothesis in matrix.hypotheses) + " | diagnosticity | |"]
    lines.append("| --- | --- | " + " | ".join("---" for _ in matrix.hypotheses) + " | ---: | --- |")
    for row in matrix.evidence:
        ratings = " | ".join(rating_words(row.ratings.get(hypothesis.id, "NA")) for hypothesis in matrix.hypotheses)
        lines.append(f"| {md(evidence_label(index, row.ref, 60))} | {row.credibility} | {ratings} | {row.diagnosticity:.2f} | {row_flags(row)} |")
    return [*lines, ""]


def md_quotes(first_line: str, quotes: Sequence[Any]) -> list[str]:
    """An item's quotes as block quotes inside its list item (indented under its text), each
    with its source's number and, when they are not the source's own words, whose they are."""
    pad = " " * (len(first_line) - len(first_line.lstrip()) + 2)
    lines: list[str] = []
    for quote in quotes:
        # A blank line first: pandoc's Markdown starts a block quote only after one.
        lines.append("" if not lines else f"{pad}>")
        who = f", as reported by {md(quote.reported_by)}" if quote.reported_by else ""
        lines.append(f"{pad}> {md(quote.text)} — \\[{quote.source}\\]{who}")
    return lines


def html_quotes(index: BriefingIndex, quotes: Sequence[Any]) -> str:
    """An item's quotes as block quotes, each citing its source (its URL as ``cite``)."""
    out = []
    for quote in quotes:
        source = index.sources.get(quote.source)
        cite = f' cite="{h(source.url)}"' if source is not None and source.url else ""
        who = f", as reported by {h(quote.reported_by)}" if quote.reported_by else ""
        out.append(
            f'<blockquote{cite}><p>{h(quote.text)}</p><footer>— <a href="#source-{quote.source}">[{quote.source}]</a>{who}</footer></blockquote>'
        )
    return "".join(out)


def md_citations(citations: Iterable[int]) -> str:
    """`` \\[1\\]\\[3\\]``: the source numbers as the briefing writes them. Not footnotes: every
    renderer numbers footnotes its own way, and a reader would no longer know which source
    is which."""
    markers = "".join(f"\\[{source_id}\\]" for source_id in citations)
    return f" {markers}" if markers else ""


# --- HTML ------------------------------------------------------------------------------------

_CSS = """
body{font:16px/1.5 system-ui,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b}
h1{margin-bottom:.2rem}.sub{color:#555;margin-top:0}.bluf{border-left:4px solid #444;padding:.5rem 1rem;background:#f4f4f4}
h2{border-bottom:1px solid #ccc;margin-top:2rem}a.cite{text-decoration:none;font-weight:600}
li{margin:.3rem 0}.meta{color:#555;font-size:.9rem}:target{background:#fff3b0}
table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2rem .5rem;text-align:left;vertical-align:top}
.back a{font-size:.85rem;margin-right:.5rem}blockquote{margin:.3rem 0 .3rem 1rem;padding-left:.75rem;border-left:3px solid #999}
blockquote p{margin:.2rem 0;font-style:italic}blockquote footer{font-size:.9rem;color:#555}ol.sources{list-style:none;padding-left:0}@media print{a{color:inherit}:target{background:none}}
"""


def to_html(briefing: Briefing) -> str:
    """One page, no external assets and no scripts; every marker links to its source, and back."""
    index = BriefingIndex(briefing)

    def cites(ref: Ref) -> str:
        return "".join(f'<a class="cite" href="#source-{source_id}">[{source_id}]</a>' for source_id in index.citations(ref))

    out = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{h(briefing.title)}</title><style>{_CSS}</style></head><body>",
        # Landmarks: a reader of a screen reader jumps between them, and every part of the
        # page is inside one.
        f"<header><h1>{h(briefing.title)}</h1>",
    ]
    if briefing.subtitle:
        out.append(f'<p class="sub">{h(briefing.subtitle)}</p>')
    out.append(f'<p class="meta">As of {h(briefing.as_of)} · {h(briefing.region)}</p></header><main>')
    out.append(f'<p class="bluf"><strong>BLUF</strong> {h(briefing.bluf)}</p>')
    for collection in ITEM_SECTIONS:
        refs = index.order[collection]
        if not refs:
            continue
        out.append(f'<h2 id="{collection}">{SECTION_TITLES[collection]}</h2><ul>')
        for ref in refs:
            body = KINDS[ref.kind].html(index, ref, index.items[ref])
            nested = ' style="list-style:circle;margin-left:1.5rem"' if ref.kind == "statements" else ""
            quotes = html_quotes(index, getattr(index.items[ref], "quotes", ()))
            out.append(f'<li id="{anchor(ref)}"{nested}>{body} {cites(ref)}{quotes}</li>')
        out.append("</ul>")
    out += _html_matrix(briefing, index)
    if briefing.sources:
        out.append('<h2 id="sources">Sources</h2><ol class="sources">')
        for ref in index.order["sources"]:
            source = index.sources[int(ref.key)]
            back = "".join(
                f'<a href="#{anchor(citing)}">↩ {h(KINDS[citing.kind].name)}: {h(shorten(index.label(citing), 60))}</a>'
                for citing in index.cited_by.get(source.id, [])
            )
            out.append(
                f'<li id="source-{source.id}" value="{source.id}">{KINDS["sources"].html(index, ref, source)}'
                f'<div class="back">Cited by: {back or "nothing"}</div></li>'
            )
        out.append("</ol>")
    out.append("</main></body></html>")
    return "\n".join(out) + "\n"


class IndexEntry(NamedTuple):
    """A briefing on the index page of an exported folder; ``href`` None when it failed."""

    href: str | None
    name: str
    title: str | None
    as_of: str | None
    region: str | None
    counts: tuple[int, int, int] | None
    check: str


def html_index(title: str, entries: Iterable[IndexEntry]) -> str:
    """The page that links an exported folder's briefings, with what `check` said of each."""
    rows = []
    for entry in entries:
        name = f'<a href="{h(entry.href)}">{h(entry.title or entry.name)}</a>' if entry.href else h(entry.title or entry.name)
        counts = "".join(f"<td>{count}</td>" for count in entry.counts) if entry.counts else '<td colspan="3"></td>'
        rows.append(
            f"<tr><td>{name}</td><td><code>{h(entry.name)}</code></td><td>{h(entry.as_of or '')}</td>"
            f"<td>{h(entry.region or '')}</td>{counts}<td>{h(entry.check)}</td></tr>"
        )
    return (
        "\n".join(
            [
                "<!DOCTYPE html>",
                '<html lang="en"><head><meta charset="utf-8">',
                '<meta name="viewport" content="width=device-width, initial-scale=1">',
                f"<title>{h(title)}</title><style>{_CSS}</style></head><body>",
                f"<header><h1>{h(title)}</h1></header><main>",
                '<table><thead><tr><th scope="col">Briefing</th><th scope="col">File</th><th scope="col">As of</th>'
                '<th scope="col">Region</th><th scope="col">Bullets</th><th scope="col">Judgments</th>'
                '<th scope="col">Sources</th><th scope="col">Check</th></tr></thead><tbody>',
                *rows,
                "</tbody></table></main></body></html>",
            ]
        )
        + "\n"
    )


def _html_matrix(briefing: Briefing, index: BriefingIndex) -> list[str]:
    matrix = _matrix(briefing, index)
    if matrix is None:
        return []
    out = ['<h2 id="hypotheses">Competing hypotheses</h2>', f"<p><strong>Question:</strong> {h(matrix.question)}</p>"]
    out.append(
        '<table><caption>The hypotheses, least inconsistent first</caption><thead><tr><th scope="col">hypothesis</th>'
        '<th scope="col">inconsistency</th><th scope="col">weighted</th><th scope="col">leads</th></tr></thead><tbody>'
    )
    for hypothesis in matrix.hypotheses:
        out.append(
            f'<tr><th scope="row">{h(hypothesis.id)}: {h(hypothesis.text)}</th><td>{hypothesis.inconsistency}</td>'
            f"<td>{hypothesis.weighted_inconsistency:g}</td><td>{'★ leads' if hypothesis.leading else ''}</td></tr>"
        )
    out.append("</tbody></table>")
    heads = "".join(f'<th scope="col">{h(hypothesis.id)}</th>' for hypothesis in matrix.hypotheses)
    out.append(
        '<table><caption>The evidence rated against each hypothesis</caption><thead><tr><th scope="col">evidence</th>'
        f'<th scope="col">credibility</th>{heads}<th scope="col">diagnosticity</th><th scope="col">notes</th></tr></thead><tbody>'
    )
    for row in matrix.evidence:
        kind, _, key = row.ref.partition(":")
        link = f'<a href="#{anchor(Ref(kind, key))}">{h(evidence_label(index, row.ref, 60))}</a>' if Ref(kind, key) in index else h(row.ref)
        cells = "".join(f"<td>{h(rating_words(row.ratings.get(hypothesis.id, 'NA')))}</td>" for hypothesis in matrix.hypotheses)
        out.append(
            f'<tr><th scope="row">{link}</th><td>{h(row.credibility)}</td>{cells}<td>{row.diagnosticity:.2f}</td><td>{h(row_flags(row))}</td></tr>'
        )
    out.append("</tbody></table>")
    return out


# --- SVG -------------------------------------------------------------------------------------


def to_svg(briefing: Briefing, width: int = 100) -> str:
    """The `print` rendering, as Rich draws it into an SVG that loads nothing: Rich's own
    template fetches Fira Code from a CDN; this one names the font and falls back to the
    reader's monospace, offline and in locked-down viewers alike."""
    import io

    from rich.console import Console

    from .render import document

    console = Console(record=True, width=width, file=io.StringIO(), force_terminal=True, color_system="truecolor", highlight=False)
    console.print(document(briefing))
    return console.export_svg(title=clean(briefing.title), code_format=_svg_format())


def _svg_format() -> str:
    from rich.console import CONSOLE_SVG_FORMAT

    # Drop the @font-face rules (their url()s are the network requests); the font-family
    # list they fed stays: a local Fira Code if the reader has one, else monospace.
    return re.sub(r"\s*@font-face \{\{.*?\}\}", "", CONSOLE_SVG_FORMAT, flags=re.S)


# --- STIX 2.1 --------------------------------------------------------------------------------

#: STIX 2.1 Part 1, Appendix B.2: the Low/Med/High scale, for a judgment's stated confidence.
STATED_CONFIDENCE = {"low": 15, "moderate": 50, "high": 85}
#: STIX 2.1 Part 1, Appendix B.3: Admiralty credibility to STIX confidence (6, "cannot be judged": none).
CREDIBILITY_CONFIDENCE = {1: 90, 2: 70, 3: 50, 4: 30, 5: 10}


class StixContext:
    """What every kind needs to build its STIX objects: the library, ids derived from the
    briefing, the properties common to every object, and the sources as references.

    Ids come from the briefing's stable id (else its title), its ``created`` and each
    item's id: a new version of a briefing that keeps ``created`` gives new versions of the
    same objects (same id, same ``created``, a later ``modified``), which is how a STIX
    consumer tracks them. Without ``created`` the as-of date stands for it, in the ids too:
    each version's objects are new ones, since STIX forbids a new ``created`` for an id."""

    stated_confidence = STATED_CONFIDENCE

    def __init__(self, stix2: Any, briefing: Briefing, index: BriefingIndex) -> None:
        self.stix2 = stix2
        self.index = index
        created = _stix_time(briefing.created or briefing.as_of)
        self.namespace = uuid.uuid5(uuid.NAMESPACE_URL, f"briefing:{briefing.id or briefing.title}:{created}")
        modified = max(created, _stix_time(briefing.as_of))
        author = self.sid("identity", "author")
        # The producer names itself as its creator: consumers that insist on a creator
        # for every object (the validator's --interop) get one.
        self.author = stix2.Identity(id=author, name="briefing", identity_class="system", created=created, modified=modified, created_by_ref=author)
        self.report_id = self.sid("report", "report")
        self.common = {"created": created, "modified": modified, "created_by_ref": self.author.id}

    def sid(self, kind: str, key: str) -> str:
        return f"{kind}--{uuid.uuid5(self.namespace, key)}"

    def identity(self, stakeholder_id: str | None) -> str | None:
        """The id of a stakeholder's identity object, if the stakeholder is in the briefing."""
        if stakeholder_id is None or stakeholder_id not in self.index.stakeholders:
            return None
        return self.sid("identity", f"stakeholder:{stakeholder_id}")

    def note(self, key: str, content: str, about: Sequence[str | None], labels: list[str], citations: Iterable[int] = (), **extra: Any) -> Any:
        """A note about the objects ``about`` (the report when none of them is in the bundle)."""
        refs = [ref for ref in dict.fromkeys(about) if ref] or [self.report_id]
        citations = list(citations)
        return self.stix2.Note(
            id=self.sid("note", key),
            content=content,
            object_refs=refs,
            labels=labels,
            confidence=extra.pop("confidence", self.credibility(citations)),
            external_references=self.references(citations) or None,
            **extra,
            **self.common,
        )

    def references(self, citations: Iterable[int]) -> list[dict]:
        refs = []
        for source_id in dict.fromkeys(citations):
            source = self.index.sources.get(source_id)
            if source is None:
                continue
            reference = {"source_name": f"[{source.id}] {clean(source_title(source))}"}
            # STIX asks a hash of what a reference's `url` points at (best practice 302); a
            # briefing holds none, so the address is written into the description instead.
            parts = (clean(source.publisher or ""), source_grade_text(source), clean(source.note or ""), source.url or "")
            reference["description"] = "; ".join(part for part in parts if part)
            refs.append(reference)
        return refs

    def credibility(self, citations: Iterable[int]) -> int | None:
        sources = self.index.sources
        grades = [sources[c].credibility for c in citations if c in sources and sources[c].credibility]
        known = [CREDIBILITY_CONFIDENCE[g] for g in grades if g in CREDIBILITY_CONFIDENCE]
        return max(known) if known else None


def to_stix(briefing: Briefing) -> str:
    """A STIX 2.1 bundle: a report, and the objects each kind of item makes (identities for
    stakeholders, locations for bases, notes for the rest, each about the objects it
    concerns); sources as external references. Ids are derived from the briefing, so
    exporting the same briefing twice gives the same bundle."""
    try:
        import stix2
    except ImportError as error:  # the optional extra
        raise RuntimeError("STIX export needs the stix2 and pycountry libraries: pip install 'briefing[stix]'") from error

    index = BriefingIndex(briefing)
    context = StixContext(stix2, briefing, index)
    objects: list = [context.author]
    for ref, item in index.items.items():
        objects += KINDS[ref.kind].stix(context, ref, item)
    report = stix2.Report(
        id=context.report_id,
        name=clean(briefing.title),
        description=clean(briefing.bluf),
        published=context.common["modified"],
        report_types=["threat-report"],
        object_refs=[obj.id for obj in objects],
        external_references=context.references(source.id for source in briefing.sources) or None,
        **context.common,
    )
    bundle = stix2.Bundle(objects=[report, *objects], id=context.sid("bundle", "bundle"), allow_custom=False)
    return bundle.serialize(pretty=True) + "\n"


def _stix_time(partial_date: str) -> str:
    year, month, day = ([*map(int, partial_date.split("-")), 1, 1])[:3]
    return f"{year:04d}-{month or 1:02d}-{day or 1:02d}T00:00:00Z"


EXPORTERS: dict[str, Callable[[Briefing], str]] = {
    "markdown": to_markdown,
    "html": to_html,
    "json": to_json,
    "svg": to_svg,
    "stix": to_stix,
}


def export(briefing: Briefing, format: str, folder: Path | None = None) -> str:
    """The briefing in a format; ``folder``: the briefing file's, where its saved copies are
    (the annotations' positions in them)."""
    if format == "annotations":
        from .saved import verify

        return to_annotations(briefing, verify(briefing, folder) if folder is not None else None)
    if format == "ics":
        from .track import Version, forecasts

        return to_ics(forecasts([Version(briefing, briefing.id or briefing.title)]))
    return EXPORTERS[format](briefing)


# --- iCalendar ------------------------------------------------------------------------------

_ICS_NAMESPACE = uuid.UUID("0d6c1c55-3f5e-4d1f-9a57-5b3c2f7e4a10")  # this tool's: a question keeps its UID


def to_ics(record: Iterable[Any]) -> str:
    """An iCalendar (RFC 5545) of the open questions, one all-day event on each one's ``by``
    date: what to settle, and the judgment it scores. Stable: a UID from the briefing's id and
    the judgment's, and a time stamp from the briefing's as-of date, not the clock."""
    import datetime

    from icalendar import Calendar, Event

    from .track import last_day

    calendar = Calendar()
    calendar.add("prodid", "-//briefing//track record//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "Questions to settle")
    for forecast in record:
        if forecast.outcome is not None:
            continue
        judgment = forecast.judgment
        day = datetime.date.fromisoformat(forecast.by)
        event = Event()
        event.add("uid", f"{uuid.uuid5(_ICS_NAMESPACE, f'{forecast.briefing}/{forecast.id}')}@briefing")
        stamp = last_day(forecast.scored.briefing.as_of)
        event.add("dtstamp", datetime.datetime(stamp.year, stamp.month, stamp.day, tzinfo=datetime.UTC))
        event.add("dtstart", day)
        event.add("dtend", day + datetime.timedelta(days=1))
        event.add("summary", clean(forecast.question))
        event.add(
            "description",
            clean(
                f"{forecast.briefing}, judgment {forecast.id}: {judgment.text} "
                f"({judgment.likelihood}, scored at {forecast.probability:g}). Record the outcome: yes, no or void."
            ),
        )
        event.add("categories", ["briefing", "judgment"])
        calendar.add_component(event)
    return calendar.to_ical().decode("utf-8")


# --- W3C Web Annotations ----------------------------------------------------------------------

ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
_ANNO_NAMESPACE = uuid.UUID("6f0b7a52-61c2-4b8e-9a50-6f3b1f0de7a1")  # this tool's: stable ids from references


def to_annotations(briefing: Briefing, verification: Verification | None = None) -> str:
    """The quotes as W3C Web Annotations (JSON-LD): an AnnotationCollection whose page holds one
    Annotation per quote. The body is the item's claim; the target, the source's URL with a
    TextQuoteSelector (exact, prefix, suffix) and, when the words were found in the saved copy,
    a TextPositionSelector in its text and the copy as the target's cached state."""
    from .saved import quoted_items

    index = BriefingIndex(briefing)
    name = briefing.id or briefing.title
    checks = {check.path: check for check in verification.quotes} if verification is not None else {}
    items: list[dict[str, Any]] = []
    for ref_text, path, quotes in quoted_items(briefing):
        kind, _, key = ref_text.partition(":")
        ref = Ref(kind, key)
        claim = getattr(index.items[ref], "text", None) or index.label(ref)  # the claim the words support
        for position, quote in enumerate(quotes):
            source = index.sources.get(quote.source)
            selectors: list[dict[str, Any]] = [{"type": "TextQuoteSelector", "exact": clean(quote.text)}]
            if quote.prefix:
                selectors[0]["prefix"] = clean(quote.prefix)
            if quote.suffix:
                selectors[0]["suffix"] = clean(quote.suffix)
            check = checks.get((*path, "quotes", position))
            target: dict[str, Any] = {
                "type": "SpecificResource",
                "source": source.url
                if source is not None and source.url
                else f"urn:uuid:{uuid.uuid5(_ANNO_NAMESPACE, f'{name}/source/{quote.source}')}",
            }
            if check is not None and check.match.status == "found":
                selectors.append({"type": "TextPositionSelector", "start": check.match.start, "end": check.match.end})
            target["selector"] = selectors if len(selectors) > 1 else selectors[0]
            saved = source.saved if source is not None else None
            if saved is not None and quote.reported_by is None:
                state: dict[str, Any] = {"type": "TimeState", "cached": saved.file}
                if saved.captured:
                    state["sourceDate"] = saved.captured
                target["state"] = state
            annotation: dict[str, Any] = {
                "id": f"urn:uuid:{uuid.uuid5(_ANNO_NAMESPACE, f'{name}/{ref_text}/quote/{position + 1}')}",
                "type": "Annotation",
                "motivation": "describing",
                "body": {"type": "TextualBody", "value": clean(claim), "format": "text/plain", "purpose": "describing"},
                "target": target,
            }
            if quote.reported_by:
                annotation["body"]["value"] += f" (the quote's words are {clean(quote.reported_by)}'s, reporting source [{quote.source}])"
            items.append(annotation)
    collection = {
        "@context": ANNO_CONTEXT,
        "id": f"urn:uuid:{uuid.uuid5(_ANNO_NAMESPACE, f'{name}/annotations')}",
        "type": "AnnotationCollection",
        "label": clean(briefing.title),
        "total": len(items),
        "first": {"type": "AnnotationPage", "startIndex": 0, "items": items},
    }
    return json.dumps(collection, indent=2, ensure_ascii=False) + "\n"
