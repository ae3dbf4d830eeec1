"""`export -f annotations`: the quotes as W3C Web Annotations, read by a JSON-LD processor
(pyld) offline against the W3C context bundled in tests/data (a copy of
http://www.w3.org/ns/anno.jsonld)."""

from __future__ import annotations

import json
from pathlib import Path

from pyld import jsonld

from briefing.cli import main
from briefing.evidence import normalize
from briefing.export import export
from briefing.loader import load, load_text
from briefing.saved import verify

EXAMPLES = Path(__file__).resolve().parent.parent / "data" / "examples"
CONTEXT = json.loads((Path(__file__).parent / "data" / "anno.jsonld").read_text(encoding="utf-8"))
AS, OA = "http://www.w3.org/ns/activitystreams#", "http://www.w3.org/ns/oa#"


def offline(url, options=None):
    assert url == "http://www.w3.org/ns/anno.jsonld", f"only the W3C context may be loaded, not {url}"
    return {"contentType": "application/ld+json", "contextUrl": None, "documentUrl": url, "document": CONTEXT}


def annotations(path: Path) -> dict:
    return json.loads(export(load(path).briefing, "annotations", path.parent))


def test_every_quote_is_an_annotation_that_a_json_ld_processor_reads_whole():
    document = annotations(EXAMPLES / "exercise.yaml")
    base = "file:///briefings/"  # the folder the export is written beside: "cached" is relative to it
    expanded = jsonld.expand(document, {"documentLoader": offline, "base": base})
    (collection,) = expanded
    assert collection["@type"] == [f"{AS}OrderedCollection"]
    items = collection[f"{AS}first"][0][f"{AS}items"][0]["@list"]
    assert len(items) == document["total"] == 10  # one per quote of the exercise
    for item in items:
        assert item["@type"] == [f"{OA}Annotation"]
        assert item[f"{OA}motivatedBy"] == [{"@id": f"{OA}describing"}]
        selectors = item[f"{OA}hasTarget"][0][f"{OA}hasSelector"]
        assert f"{OA}TextQuoteSelector" in [t for s in selectors for t in s["@type"]]
    # Nothing was dropped for want of a term: compacted again, the document is as written.
    compacted = jsonld.compact(expanded, "http://www.w3.org/ns/anno.jsonld", {"documentLoader": offline, "base": base})
    compacted["@context"] = document["@context"]
    assert compacted == document


def test_positions_point_at_the_words_in_the_saved_text():
    path = EXAMPLES / "exercise.yaml"
    verification = verify(load(path).briefing, path.parent)
    document = annotations(path)
    by_url = {}
    for item in document["first"]["items"]:
        target = item["target"]
        selectors = target["selector"] if isinstance(target["selector"], list) else [target["selector"]]
        quote = next(s for s in selectors if s["type"] == "TextQuoteSelector")
        position = next((s for s in selectors if s["type"] == "TextPositionSelector"), None)
        by_url.setdefault(target["source"], []).append((quote, position, target.get("state")))
    wire = by_url["https://coastal-news.example/2031/03/01/karsk-lease-talks-stall"]
    ((quote, position, state),) = wire
    assert verification.texts[3][position["start"] : position["end"]] == normalize(quote["exact"])
    assert state == {"type": "TimeState", "cached": "saved/3.warc.gz", "sourceDate": "2031-03-01T12:05:00Z"}
    prefixed = [q for q, _, _ in by_url["https://veldonia-evening.example/2031/03/02/karsk-talks-in-trouble"]]
    assert prefixed == [{"type": "TextQuoteSelector", "exact": "talks on the lease have stalled", "prefix": "officials conceded that"}]
    # The official's words have no copy: a quote selector and no position, no cached state.
    unverified = [entries for url, entries in by_url.items() if url.startswith("urn:uuid:")]
    assert [[(p, s) for _, p, s in entries] for entries in unverified] == [[(None, None)]]


def test_hostile_text_stays_data(tmp_path):
    hostile = '"}], "@context": "http://evil.example/", "x": [{"'
    text = (
        (EXAMPLES / "exercise.yaml")
        .read_text(encoding="utf-8")
        .replace("text: Any new lease must be shorter, and it must pay.\n        date", f"text: '{hostile}'\n        date")
    )
    text = text.replace("            text: Any new lease must be shorter, and it must pay.", f"            text: '{hostile}'")
    loaded = load_text(text, str(tmp_path / "x.yaml"))
    document = json.loads(export(loaded.briefing, "annotations"))
    assert document["@context"] == "http://www.w3.org/ns/anno.jsonld"
    assert any(item["target"]["selector"]["exact"] == hostile for item in document["first"]["items"] if isinstance(item["target"]["selector"], dict))
    jsonld.expand(document, {"documentLoader": offline})  # still only the W3C context


def test_the_cli_writes_them(tmp_path, capsys):
    assert main(["export", "-f", "annotations", str(EXAMPLES / "exercise.yaml")]) == 0
    assert json.loads(capsys.readouterr().out)["type"] == "AnnotationCollection"
