"""The index: every citable item by reference, citations both ways, labels and search."""

from __future__ import annotations

import yaml

from briefing.index import COLLECTIONS, BriefingIndex, Hit, Ref, source_ref
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


def test_search_fields_are_the_items_own_fields_without_ids_or_numbers():
    idx = index()
    assert idx.search_fields(Ref("stakeholders", "alpha")) == [
        ("name", "Alpha"),
        ("kind", "state"),
        ("role", "A state"),
        ("interests", "Straße access"),
        ("interests", "calm seas"),
    ]
    assert idx.search_fields(Ref("bases", "port")) == [
        ("name", "Port base"),
        ("kind", "naval"),
        ("place", "Harbour"),
        ("country", "Somewhere"),
        ("operator", "alpha"),
    ]
    assert idx.search_fields(Ref("statements", "alpha/2")) == [("text", "Beta spoke for us."), ("by", "beta"), ("said by", "Beta")]
    assert idx.search_text(Ref("summary", "b1")) == "First bullet"  # no id, no [1, 2]


def test_search_is_case_insensitive_and_counts_every_hit():
    idx = index()
    hits, total = idx.search("BULLET")
    assert total == 2 and [hit.ref for hit in hits] == [Ref("summary", "b1"), Ref("summary", "b2")]
    assert hits[0] == Hit(Ref("summary", "b1"), "text", "First bullet", [(6, 12)])
    assert idx.search("") == ([], 0)
    assert idx.search("no such words anywhere") == ([], 0)


def test_every_word_must_match_somewhere_in_the_item():
    idx = index()
    hits, total = idx.search("port harbour")  # in two fields of one base
    assert total == 1 and hits[0].ref == Ref("bases", "port")
    assert hits[0].field == "name" and hits[0].spans == [(0, 4)]
    assert idx.search("port nowhere") == ([], 0)
    hits, _ = idx.search("second bullet")  # the field with the most of the words is shown
    assert (hits[0].field, hits[0].text, hits[0].spans) == ("text", "Second bullet", [(0, 6), (7, 13)])


def test_a_hit_names_each_other_field_that_holds_words_the_first_lacks():
    idx = index()
    hits, _ = idx.search("port harbour somewhere")  # one word in each of three fields
    assert (hits[0].field, hits[0].spans) == ("name", [(0, 4)])
    assert hits[0].also == (("place", "Harbour", [(0, 7)]), ("country", "Somewhere", [(0, 9)]))
    hits, _ = idx.search("port base")  # a field with every word needs no other
    assert hits[0].also == ()


def test_search_stops_listing_at_the_limit_but_counts_on():
    idx = index()
    hits, total = idx.search("a", limit=3)
    assert len(hits) == 3 and total > 3
    assert idx.search("a", limit=0) == ([], total)


def test_places_are_given_up_where_folding_changed_the_length():
    idx = index()
    hits, total = idx.search("strasse")  # ß folds to ss: the folded text is longer
    assert total == 1 and hits[0].ref == Ref("stakeholders", "alpha") and hits[0].spans == []
    hits, _ = idx.search("calm")
    assert hits[0].spans == [(0, 4)]  # another field of the same item: its places stand
    hits, _ = idx.search("harbour")
    assert hits[0].spans == [(0, 7)] and hits[0].field == "place"


def test_every_place_of_every_word_is_found():
    idx = index()
    hits, _ = idx.search("l e")
    assert hits[0].ref == Ref("summary", "b1") and hits[0].spans == [(8, 9), (9, 10), (10, 11)]  # "First bu-l-l-e-t"


def test_the_search_words_are_folded_once():
    idx = index()
    assert not idx.search_ready
    corpus = idx.prepare_search()
    assert idx.search_ready and idx.prepare_search() is corpus
    assert len(corpus) == len(idx.items)
    ref, fields = corpus[0]
    assert ref == Ref("summary", "b1") and fields == [("text", "First bullet", "first bullet")]


def test_search_lists_200_hits_unless_told_otherwise():
    data = yaml.safe_load(MINIMAL)
    data["summary"] = [{"id": f"x{n}", "text": "needle", "citations": [1, 2]} for n in range(205)]
    hits, total = BriefingIndex(Briefing.model_validate(data)).search("needle")
    assert len(hits) == 200 and total == 205


def test_an_items_path_into_the_data():
    idx = index()
    assert idx.path(Ref("summary", "b2")) == ("summary", 1)
    assert idx.path(Ref("bases", "port")) == ("bases", 0)
    assert idx.path(Ref("stakeholders", "beta")) == ("stakeholders", 1)
    assert idx.path(Ref("statements", "alpha/3")) == ("stakeholders", 0, "statements", 2)
    assert idx.path(Ref("timeline", "later")) == ("timeline", 1)
    assert idx.path(source_ref(2)) == ("sources", 1)
    data = yaml.safe_load(MINIMAL)
    data["judgments"] = [
        {"id": "j0", "text": "t", "likelihood": "likely"},
        {
            "id": "j1",
            "text": "t",
            "likelihood": "likely",
            "indicators": [{"id": "a", "text": "A", "direction": "raises"}, {"id": "b", "text": "B", "direction": "lowers"}],
        },
    ]
    judged = BriefingIndex(Briefing.model_validate(data))
    assert judged.path(Ref("indicators", "j1/b")) == ("judgments", 1, "indicators", 1)
    assert judged.path(Ref("judgments", "j1")) == ("judgments", 1)


def test_search_text_is_one_field_a_line():
    assert index().search_text(Ref("bases", "port")) == "Port base\nnaval\nHarbour\nSomewhere\nalpha"


def test_every_place_of_a_word_is_highlighted_however_many():
    data = yaml.safe_load(MINIMAL)
    data["summary"][0]["text"] = "banana"
    hits, _ = BriefingIndex(Briefing.model_validate(data)).search("a")
    assert hits[0].spans == [(1, 2), (3, 4), (5, 6)]


def test_each_indicator_knows_its_judgment_and_each_statement_its_stakeholder():
    from briefing.loader import default_path, load

    index = BriefingIndex(load(default_path().parent / "examples" / "exercise.yaml").briefing)
    indicators = [ref for ref in index.items if ref.kind == "indicators"]
    assert indicators and set(index.judgment_of) == set(indicators)
    for ref in indicators:
        judgment = index.judgment_of[ref]
        assert ref.key.startswith(f"{judgment.id}/") and index.items[ref] in judgment.indicators
    statements = [ref for ref in index.items if ref.kind == "statements"]
    assert set(index.owner) == set(statements) and all(index.items[ref] in index.owner[ref].statements for ref in statements)


def test_derivation_lookups_on_unknown_sources_and_cycles():
    data = yaml.safe_load(MINIMAL)
    data["sources"] = [{"id": 1, "derived_from": [2]}, {"id": 2, "derived_from": [1]}, {"id": 3, "derived_from": [2]}]
    index = BriefingIndex(Briefing.model_validate(data))
    assert index.parents(99) == [] and index.descendants(99) == []
    assert index.descendants(1) == [2, 3]  # not itself, though the cycle leads back to it
    assert index.roots(3) == {3} and index.roots(1) == {1}  # a cycle that reaches no true root stands for itself


def test_search_finds_the_words_of_quotes_not_the_hashes_of_saved_copies():
    from pathlib import Path

    from briefing.loader import load

    index = BriefingIndex(load(Path(__file__).resolve().parent.parent / "data" / "examples" / "exercise.yaml").briefing)
    hits, _ = index.search("outer roads")  # only in a quote of the harbour log
    assert [(hit.ref, hit.field) for hit in hits] == [(Ref("summary", "station-open"), "quote")]
    source = index.sources[1]
    assert source.saved is not None
    assert index.search(source.saved.sha256[:12]) == ([], 0)
    assert index.search("saved/1.html") == ([], 0)


def test_a_hit_names_every_field_that_holds_its_words():
    from briefing.loader import load

    from .conftest import ROOT

    index = BriefingIndex(load(ROOT / "data" / "briefing.yaml").briefing)
    hits = {hit.ref: hit for hit in index.search("tartus syria")[0]}
    tartus = hits[Ref("bases", "tartus")]
    assert (tartus.field, tartus.text) == ("name", "Tartus naval base")
    assert tartus.also == (("country", "Syria", [(0, 5)]),)  # "syria" is not in the name: where it is
    # A field holding every word needs no other.
    assert all(hit.also == () for hit in index.search("tartus")[0])
