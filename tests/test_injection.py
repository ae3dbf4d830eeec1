"""No briefing can put HTML or script into an output, proven in the clients that read them.

A briefing holds a payload in every string it has; its Markdown export is rendered by
markdown-it-py (CommonMark, and GFM-like with linkify) and pandoc (markdown, gfm,
commonmark_x), and every rendered page, the HTML export and the SVG export are opened in
Chromium: no script runs, no dialog opens, no ``on*`` attribute and no active element
survives. Hostile URLs are refused at load; a briefing built without validation (as a
program may) still gets them written as text, never as HTML.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from briefing.export import to_html, to_markdown, to_svg
from briefing.loader import LoadError, load_text
from briefing.model import Briefing

from .conftest import MINIMAL

markdown_it = pytest.importorskip("markdown_it")

PAYLOADS = [
    "<img src=x onerror=alert(1)>",
    "<script>alert(2)</script>",
    "</script><script>alert(3)</script>",
    '<a href="javascript:alert(4)">click</a>',
    "[click](javascript:alert(5)) ![i](x onerror=alert(5))",
    "<svg onload=alert(6)>",
    '<!-- --><iframe srcdoc="<script>alert(8)</script>"></iframe>',
    "line\n<div onmouseover=alert(9)>hover</div>\n\n<script>alert(9)</script>",
    "<https://example.com/<img src=x onerror=alert(10)>>",
    "&lt;script&gt;alert(11)&lt;/script&gt;",
]

#: URLs that once passed `check` and became live HTML in a renderer (issue 23), and kin.
HOSTILE_URLS = [
    "https://example.com/<img\tsrc=x\tonerror=alert(7)",
    "https://example.com/x\n<script>alert(12)</script>",
    "https://example.com/</script",
    "https://exa mple.com/",
    'https://example.com/"onmouseover="alert(13)',
    "https://example.com/a>b",
    "javascript:alert(14)",
    "https://example.com/\u202eevil",
]

#: Elements that can run script, load something or take input: none may appear.
ACTIVE = {
    "script",
    "img",
    "iframe",
    "svg",
    "object",
    "embed",
    "style",
    "link",
    "meta",
    "form",
    "input",
    "video",
    "audio",
    "source",
    "math",
    "base",
    "frame",
    "frameset",
    "template",
    "button",
    "textarea",
    "select",
    "div",
}


def hostile_data() -> dict:
    data = yaml.safe_load(MINIMAL)
    data["title"] = PAYLOADS[0]
    data["subtitle"] = PAYLOADS[1]
    data["region"] = PAYLOADS[2]
    data["bluf"] = PAYLOADS[3]
    data["summary"][0]["text"] = PAYLOADS[7]
    data["summary"][1]["label"] = PAYLOADS[4]
    data["summary"][1]["text"] = PAYLOADS[8]
    data["stakeholders"][0]["name"] = PAYLOADS[5]
    data["stakeholders"][0]["statements"][0]["text"] = PAYLOADS[6]
    data["tensions"][0]["title"] = PAYLOADS[9]
    data["tensions"][0]["description"] = " ".join(PAYLOADS)
    data["sources"][0].update(title=PAYLOADS[1], publisher=PAYLOADS[0], note=PAYLOADS[7])
    data["sources"][1]["url"] = "https://example.com/path?q=1&r='x'(y)#frag"
    # Quotes: block quotes in Markdown and HTML, the URL of the source as the HTML's cite.
    data["summary"][0]["quotes"] = [{"source": 1, "text": PAYLOADS[2], "prefix": PAYLOADS[4], "reported_by": PAYLOADS[3]}]
    data["summary"][1]["quotes"] = [{"source": 2, "text": PAYLOADS[9]}]
    # A judgment with its resolution: the question and what settled it, in every document.
    data["judgments"] = [
        {
            "id": "j",
            "text": PAYLOADS[5],
            "likelihood": "likely",
            "probability": 0.6,
            "citations": [1],
            "resolution": {"question": PAYLOADS[6], "by": "2025-06-30", "outcome": "yes", "resolved_on": "2025-07-01", "note": PAYLOADS[8]},
        }
    ]
    return data


def hostile_briefing() -> Briefing:
    return Briefing.model_validate(hostile_data())


def unvalidated_briefing_with(urls: list[str]) -> Briefing:
    """The hostile briefing with URLs no validation would pass: as a program could build it."""
    briefing = hostile_briefing()
    sources = [briefing.sources[0].model_copy(update={"url": url, "id": 100 + n}) for n, url in enumerate(urls)]
    return briefing.model_copy(update={"sources": [*briefing.sources, *sources]})


@pytest.mark.parametrize("url", HOSTILE_URLS)
def test_check_refuses_a_hostile_url_at_its_line(url):
    data = yaml.safe_load(MINIMAL)
    data["sources"][1]["url"] = url
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    with pytest.raises(LoadError) as raised:
        load_text(text, "hostile.yaml")
    [diagnostic] = raised.value.diagnostics
    assert "sources[1].url" in diagnostic.message and diagnostic.line is not None


def commonmark(text: str) -> str:
    return markdown_it.MarkdownIt("commonmark").render(text)


def gfm(text: str) -> str:
    return markdown_it.MarkdownIt("gfm-like").enable("linkify").render(text)


def pandoc(format: str):
    def render(text: str) -> str:
        pypandoc = pytest.importorskip("pypandoc")
        return pypandoc.convert_text(text, "html", format=format)

    return render


RENDERERS = {
    "markdown-it commonmark": commonmark,
    "markdown-it gfm-like linkify": gfm,
    "pandoc markdown": pandoc("markdown"),
    "pandoc gfm": pandoc("gfm"),
    "pandoc commonmark_x": pandoc("commonmark_x"),
}


class Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.handlers: list[tuple[str, str]] = []
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.handlers += [(tag, name) for name, _ in attrs if name.startswith("on")]
        self.hrefs += [value or "" for name, value in attrs if name in ("href", "src", "srcdoc", "action")]


def elements(html: str) -> Elements:
    parsed = Elements()
    parsed.feed(html)
    return parsed


def markdown_documents() -> dict[str, str]:
    return {
        "hostile": to_markdown(hostile_briefing()),
        "unvalidated urls": to_markdown(unvalidated_briefing_with(HOSTILE_URLS)),
    }


@pytest.mark.parametrize("document", ["hostile", "unvalidated urls"])
@pytest.mark.parametrize("renderer", sorted(RENDERERS))
def test_no_markdown_renderer_reads_html_from_any_field(renderer, document):
    page = elements(RENDERERS[renderer](markdown_documents()[document]))
    assert page.handlers == []
    assert ACTIVE.isdisjoint(page.tags), sorted(set(page.tags) & ACTIVE)
    assert all(href.startswith(("https://", "http://", "#")) for href in page.hrefs), page.hrefs


@pytest.fixture(scope="module")
def hostile_pages(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("hostile")
    pages: dict[str, str] = {}
    for document, markdown in markdown_documents().items():
        for renderer, render in RENDERERS.items():
            body = render(markdown)
            pages[f"{document} via {renderer}.html"] = (
                f'<!DOCTYPE html><html lang="en"><meta charset="utf-8"><title>t</title><body>{body}</body></html>'
            )
    pages["export.html"] = to_html(hostile_briefing())
    pages["export unvalidated urls.html"] = to_html(unvalidated_briefing_with(HOSTILE_URLS))
    pages["export.svg"] = to_svg(unvalidated_briefing_with(HOSTILE_URLS))
    paths = {}
    for name, text in pages.items():
        path = folder / name.replace(" ", "_")
        path.write_text(text, encoding="utf-8")
        paths[name] = path
    return paths


ACTIVE_IN_DOM = """() => {
  const all = [...document.querySelectorAll('*')];
  return {
    handlers: all.flatMap(e => [...e.attributes].filter(a => a.name.startsWith('on')).map(a => e.localName + '[' + a.name + ']')),
    scripts: document.querySelectorAll('script').length,
    active: all.filter(e => ['img', 'iframe', 'object', 'embed', 'form', 'input'].includes(e.localName)).length,
    javascript: [...document.querySelectorAll('[href], [src]')].filter(e => /^\\s*javascript:/i.test(e.getAttribute('href') || e.getAttribute('src'))).length,
  };
}"""


def test_every_page_runs_no_script_in_chromium(browser, hostile_pages):
    assert len(hostile_pages) == 2 * len(RENDERERS) + 3
    findings = {}
    for name, path in hostile_pages.items():
        page = browser.new_page()
        dialogs: list[str] = []
        page.on("dialog", lambda dialog, dialogs=dialogs: (dialogs.append(dialog.message), dialog.dismiss()))
        page.goto(path.as_uri(), wait_until="load")
        # Hovering and clicking everything gives an `onmouseover` or a javascript: link the chance to run.
        page.mouse.move(10, 10)
        page.mouse.move(300, 300)
        found = page.evaluate(ACTIVE_IN_DOM)
        if name.endswith(".svg"):
            found["active"] = 0  # the SVG document is itself an svg element, drawn, not run
        page.close()
        if dialogs or any(found.values()):
            findings[name] = {"dialogs": dialogs, **found}
    assert findings == {}
