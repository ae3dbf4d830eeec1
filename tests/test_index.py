"""The index: every citable item by reference, citations both ways, labels and search."""

from __future__ import annotations

import yaml

from briefing.index import COLLECTIONS, BriefingIndex, Ref, source_ref
from briefing.model import Briefing

from .conftest import MINIMAL

EXTRA = """\
bases:
  - id: port
    name: Port base
    kind: naval
    location: {place: Harbour, country: Somewhere}
    operator: alpha
    citations: [2, 2, 1]
stakeholders:
  - id: alpha
    name: Alpha
    kind: state
    role: A state
    interests: [Straße access, calm seas]
    statements:
      - text: We said a thing.
        citations: [1]
      - text: Beta spoke for us.
        by: beta
        citations: [2]
      - text: Someone unknown spoke.
        by: nobody
  - id: beta
    name: Beta
    kind: person
timeline:
  - date: "2024"
    text: Something happened.
    citations: [1]
  - id: later
    date: 2025-01
    text: Then more.
"""


def index() -> BriefingIndex:
    data = yaml.safe_load(MINIMAL)
    data.update(yaml.safe_load(EXTRA))
    return BriefingIndex(Briefing.model_validate(data))


def test_items_are_listed_by_collection_in_the_files_order():
    idx = index()
    assert tuple(idx.order) == COLLECTIONS
    assert idx.order["summary"] == [Ref("summary", "b1"), Ref("summary", "b2")]
    assert idx.order["stakeholders"] == [
        Ref("stakeholders", "alpha"),
        Ref("statements", "alpha/1"),
        Ref("statements", "alpha/2"),
        Ref("statements", "alpha/3"),
        Ref("stakeholders", "beta"),
    ]
    assert idx.order["timeline"] == [Ref("timeline", "#1"), Ref("timeline", "later")]
    assert idx.order["sources"] == [source_ref(1), source_ref(2)]
    assert idx.order["bases"] == [Ref("bases", "port")] and idx.order["judgments"] == []
    assert idx.owner == {Ref("statements", f"alpha/{n}"): idx.stakeholders["alpha"] for n in (1, 2, 3)}
    assert set(idx.sources) == {1, 2} and set(idx.stakeholders) == {"alpha", "beta"}
    assert Ref("summary", "b1") in idx and Ref("summary", "zz") not in idx and "summary:b1" not in idx


def test_references_name_their_collection_and_print_as_kind_and_key():
    assert Ref("statements", "alpha/1").collection == "stakeholders"
    assert Ref("bases", "port").collection == "bases"
    assert str(Ref("summary", "b1")) == "summary:b1"
    assert source_ref(3) == Ref("sources", "3")


def test_citations_both_ways_each_source_once_in_the_order_cited():
    idx = index()
    assert idx.citations(Ref("bases", "port")) == [2, 1]
    assert idx.citations(Ref("stakeholders", "alpha")) == []
    assert idx.citations(Ref("summary", "nowhere")) == []
    assert idx.cited_by[1] == [
        Ref("summary", "b1"),
        Ref("bases", "port"),
        Ref("statements", "alpha/1"),
        Ref("tensions", "t1"),
        Ref("timeline", "#1"),
    ]
    assert idx.cited_by[2] == [Ref("summary", "b1"), Ref("summary", "b2"), Ref("bases", "port"), Ref("statements", "alpha/2")]
    assert list(idx.citing()) == [
        Ref("summary", "b1"),
        Ref("summary", "b2"),
        Ref("bases", "port"),
        Ref("statements", "alpha/1"),
        Ref("statements", "alpha/2"),
        Ref("tensions", "t1"),
        Ref("timeline", "#1"),
    ]


def test_the_speaker_is_by_when_known_else_the_stakeholder_it_is_filed_under():
    idx = index()
    alpha, beta = idx.stakeholders["alpha"], idx.stakeholders["beta"]
    assert idx.speaker(Ref("statements", "alpha/1")) is alpha
    assert idx.speaker(Ref("statements", "alpha/2")) is beta
    assert idx.speaker(Ref("statements", "alpha/3")) is alpha  # an unknown speaker: the owner
    assert idx.speaker(Ref("stakeholders", "alpha")) is None  # not a statement
    assert idx.speaker(Ref("statements", "alpha/9")) is None


def test_labels_and_kind_names():
    idx = index()
    assert idx.label(Ref("summary", "b1")) == "First bullet"
    assert idx.label(Ref("summary", "b2")) == "Second"
    assert idx.label(Ref("statements", "alpha/2")) == "Beta: Beta spoke for us."
    assert idx.label(Ref("timeline", "later")) == "2025-01 Then more."
    assert idx.label(source_ref(1)) == "[1] Source one"
    assert idx.kind_name(Ref("statements", "alpha/1")) == "statement"
    assert idx.kind_name(Ref("timeline", "later")) == "event"


def test_search_text_holds_the_label_and_every_field_but_citations_and_statements():
    idx = index()
    words = idx.search_text(Ref("stakeholders", "alpha")).split("\n")
    assert words == ["Alpha", "alpha", "Alpha", "state", "A state", "Straße access", "calm seas"]
    base = idx.search_text(Ref("bases", "port")).split("\n")
    assert base == ["Port base", "port", "Port base", "naval", "Harbour", "Somewhere", "alpha"]
    assert "citations" not in idx.search_text(Ref("summary", "b1")) and "[1, 2]" not in idx.search_text(Ref("summary", "b1"))


def test_search_is_case_insensitive_and_counts_every_hit():
    idx = index()
    hits, total = idx.search("BULLET")
    assert total == 2 and [ref for ref, _, _ in hits] == [Ref("summary", "b1"), Ref("summary", "b2")]
    ref, text, offset = hits[0]
    assert text == idx.search_text(ref) and text[offset : offset + 6] == "bullet"
    assert idx.search("") == ([], 0)
    assert idx.search("no such words anywhere") == ([], 0)


def test_search_stops_listing_at_the_limit_but_counts_on():
    idx = index()
    hits, total = idx.search("a", limit=3)
    assert len(hits) == 3 and total > 3
    assert idx.search("a", limit=0) == ([], total)


def test_an_offset_is_given_up_where_folding_changed_the_length():
    idx = index()
    hits, total = idx.search("strasse")  # ß folds to ss: the folded text is longer
    assert total == 1 and hits[0][0] == Ref("stakeholders", "alpha") and hits[0][2] == -1
    hits, _ = idx.search("calm")
    assert hits[0][2] == -1  # the same item: its offsets cannot be trusted either
    hits, _ = idx.search("harbour")
    assert hits[0][2] == idx.search_text(Ref("bases", "port")).index("Harbour")


def test_the_search_words_are_folded_once():
    idx = index()
    assert not idx.search_ready
    corpus = idx.prepare_search()
    assert idx.search_ready and idx.prepare_search() is corpus
    assert len(corpus) == len(idx.items)
    ref, text, folded = corpus[0]
    assert ref == Ref("summary", "b1") and folded == text.casefold()


def test_the_offset_is_the_first_match_in_the_items_words():
    idx = index()
    hits, _ = idx.search("bullet")
    ref, text, offset = hits[0]
    assert text.count("bullet") > 1 and offset == text.index("bullet")


def test_search_lists_200_hits_unless_told_otherwise():
    data = yaml.safe_load(MINIMAL)
    data["summary"] = [{"id": f"x{n}", "text": "needle", "citations": [1, 2]} for n in range(205)]
    hits, total = BriefingIndex(Briefing.model_validate(data)).search("needle")
    assert len(hits) == 200 and total == 205
