"""Writes the saved copies of the fictional exercise's sources (data/examples/saved/):
fictional pages, invented for the exercise like everything in it. Run once; the files are
committed, and the exercise records each one's sha256 (`briefing capture PATH --source N`
wrote those). Needs fpdf2 and warcio: `pip install fpdf2 warcio`.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

FOLDER = Path(__file__).resolve().parent.parent / "data" / "examples" / "saved"

HARBOUR_LOG = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Daily movements log, Karsk (fictional)</title></head>
<body>
<nav><a href="/">Karsk Port Authority</a> &rsaquo; <a href="/log">Movements</a></nav>
<main>
<h1>Daily movements log &ndash; Karsk</h1>
<p><strong>A fictional document</strong>, written for the NORTHERN LANTERN training exercise.</p>
<h2>12 March 2031</h2>
<p>07:40 &mdash; Supply ship <em>OSV Merit</em> berthed at the naval pier.</p>
<p>09:15 &mdash; Dredger <em>DV Ostra</em> working the inner harbour, day shift only.</p>
<p>15:10 &mdash; Supply ship <em>OSV Tallow</em> berthed at the naval pier.</p>
<p>Naval station traffic: normal. No restrictions on the outer roads.</p>
<h2>13 March 2031</h2>
<p>06:05 &mdash; <em>OSV Merit</em> sailed, bound south.</p>
<p>Naval station traffic: normal.</p>
</main>
<footer>Karsk Port Authority &middot; movements are published daily</footer>
</body></html>
"""

EVENING_PAPER = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Karsk talks in trouble &ndash; Veldonia Evening (fictional)</title></head>
<body>
<header><a href="/">Veldonia Evening</a> | Politics | Coast</header>
<article>
<h1>Karsk talks in trouble</h1>
<p class="byline">By our political staff &middot; 2 March 2031 &middot; <em>a fictional article, written for a training exercise</em></p>
<p>Ostravia&rsquo;s foreign ministry insists that the talks on the lease have stalled only for now.
Few in the capital believe it.</p>
<p>Speaking on condition of anonymity, officials conceded that talks on the lease have stalled
and that no third round has been set. &ldquo;There is nothing on the calendar,&rdquo; one said.</p>
<p>The wire service&rsquo;s report, which this paper has seen, says the second round ended
without agreement on the rent.</p>
</article>
<aside>Read more: harbour fees rise again</aside>
</body></html>
"""

WIRE_REPORT = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Lease talks stall &ndash; Coastal News Agency (fictional)</title></head>
<body>
<article>
<h1>Lease talks stall</h1>
<p>KARSK, 1 March 2031 (CNA, a fictional agency) &ndash; The second round of talks on the
Karsk lease ended without agreement, the Ostravian foreign ministry said on Friday.</p>
<p>According to the ministry, the two delegations &ldquo;remain far apart&rdquo; on the rent. It
gave no date for a third round.</p>
<p>The station, Ostravia&rsquo;s only naval base on the coast, is held under a lease that
ends in September.</p>
</article>
</body></html>
"""
WIRE_URL = "https://coastal-news.example/2031/03/01/karsk-lease-talks-stall"

MINISTRY_BRIEFING = [
    "Ostravian Ministry of Foreign Affairs (fictional)",
    "Briefing on the Karsk lease talks, 28 February 2031",
    "A fictional document, written for the NORTHERN LANTERN training exercise.",
    "The first round of talks was held in November 2030. The second round ended on 27 February "
    "without agreement. The two delegations remain far apart on the rent and on the length of the term.",
    "The station serves the security of the whole coast. Ostravia intends to keep the station open "
    "through the summer, whatever the course of the talks.",
]


def pdf() -> bytes:
    from fpdf import FPDF

    document = FPDF()
    document.set_creation_date(__import__("datetime").datetime(2031, 2, 28, tzinfo=__import__("datetime").timezone.utc))
    document.add_page()
    document.set_font("Helvetica", size=12)
    for paragraph in MINISTRY_BRIEFING:
        document.multi_cell(0, 7, paragraph)
        document.ln(4)
    return bytes(document.output())


def warc() -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    stream = io.BytesIO()
    writer = WARCWriter(stream, gzip=True)
    body = WIRE_REPORT.encode()
    request = StatusAndHeaders("GET /2031/03/01/karsk-lease-talks-stall HTTP/1.1", [("Host", "coastal-news.example")], is_http_request=True)
    writer.write_record(writer.create_warc_record(WIRE_URL, "request", http_headers=request))
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(body)))], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record(WIRE_URL, "response", payload=io.BytesIO(body), http_headers=headers))
    return stream.getvalue()


def main() -> int:
    FOLDER.mkdir(parents=True, exist_ok=True)
    (FOLDER / "1.html").write_text(HARBOUR_LOG, encoding="utf-8")
    (FOLDER / "2.pdf").write_bytes(pdf())
    (FOLDER / "3.warc.gz").write_bytes(warc())
    (FOLDER / "4.html").write_text(EVENING_PAPER, encoding="utf-8")
    for path in sorted(FOLDER.iterdir()):
        print(path.name, __import__("hashlib").sha256(path.read_bytes()).hexdigest())
    return 0


if __name__ == "__main__":
    sys.exit(main())
