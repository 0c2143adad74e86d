"""The briefing deck and pack as documents: steps, escaping, inlined assets, CLI."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
from html.parser import HTMLParser

import pytest
from markupsafe import escape

from tests.corpus import DATA
from tests.factory import COPY, COPY_RETRIEVED, EVERY_KIND, write_trip
from trip.__main__ import main
from trip.briefing import app_assets, briefing_html
from trip.deck import CLOSING, OPENING, start_step, step_keys
from trip.discovery import trip_ids
from trip.i18n import catalog
from trip.labels import chart_title
from trip.loading import load_trip
from trip.pack import inline_assets, pack_html
from trip.paths import TRIPS_DIR
from trip.stops import summarize
from trip.trade import trade_charts


@pytest.fixture(scope="module")
def trip(every_kind_trip):
    """tests.factory's EVERY_KIND: a flight in Germany and France's programme
    with no stop, trade with imports, the delegation, the announcement kept as
    a local copy with no web address, a title with a colon."""
    return every_kind_trip


@pytest.fixture(scope="module")
def summaries(trip):
    return summarize(trip)


@pytest.fixture(scope="module")
def pack(trip, summaries):
    return briefing_html(trip, summaries, "de", OPENING, inline_assets(trip, "de"))


class Elements(HTMLParser):
    """Every start tag with its attributes, and the text of <script> elements."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts.append(data)


def parse(document: str) -> Elements:
    parser = Elements()
    parser.feed(document)
    return parser


def test_steps_put_each_country_s_programme_without_a_stop_before_its_stops(
    trip, summaries
):
    """Issue 17: an announced programme no source places at a stop (or a flight
    between stops) is a step of its country's own, before the country's stops."""
    assert step_keys(trip, summaries) == (
        OPENING,
        "aims",
        "leg-de",
        "alpha",
        "leg-fr",
        "beta",
        "gamma",
        CLOSING,
    )


@pytest.mark.parametrize(
    ("stop", "step", "expected"),
    [
        (None, None, OPENING),
        ("beta", None, "beta"),
        (None, "closing", CLOSING),
        (None, "leg-fr", "leg-fr"),
    ],
)
def test_a_link_chooses_the_first_step(stop, step, expected):
    assert start_step(stop, step) == expected


@pytest.mark.parametrize("lang", ["de", "en"])
def test_deck_has_one_section_per_step_and_starts_where_asked(synthetic_trip, lang):
    summaries = summarize(synthetic_trip)
    keys = step_keys(synthetic_trip, summaries)
    document = briefing_html(synthetic_trip, summaries, lang, "beta", app_assets())
    sections = [
        attrs["data-key"] for tag, attrs in parse(document).tags if tag == "section"
    ]
    assert sections == list(keys)
    assert f'<html lang="{lang}">' in document
    start = keys.index("beta")
    assert re.search(rf"\}}\)\(\{{.*\}}, \[.*\], {start}, \{{", document)


def test_deck_uses_the_apps_own_assets(synthetic_trip):
    summaries = summarize(synthetic_trip)
    document = briefing_html(synthetic_trip, summaries, "de", OPENING, app_assets())
    tags = parse(document).tags
    urls = [a.get("src") or a.get("href") for t, a in tags if t in ("script", "link")]
    assert [url for url in urls if url] == [
        "/app/static/vendor/leaflet-1.9.4/leaflet.css",
        "/app/static/vendor/leaflet-1.9.4/leaflet.js",
    ]


def test_pack_inlines_everything(pack):
    tags = parse(pack).tags
    assert not [a for t, a in tags if t == "script" and a.get("src")]
    assert not [a for t, a in tags if t == "link"]
    assert "data:font/woff;base64," in pack
    assert "var TRIP_LAND = {" in pack
    assert pack.count("<svg") >= 2  # the trade charts
    assert not re.search(r"""(src|href)=["']/""", pack)
    assert len(pack.encode()) < 1_500_000


def test_pack_has_the_handout_with_every_source(trip, pack):
    assert '<article class="handout">' in pack
    for source in trip.sources:
        if source.url:
            assert f'href="{source.url}"' in pack.replace("&amp;", "&")


def test_text_from_data_is_escaped_in_html_and_script(trip, summaries):
    payloads = list(DATA.values())
    stops = tuple(
        stop.model_copy(update={"name_en": payloads[index], "name_local": "x"})
        for index, stop in enumerate(trip.stops)
    )
    hostile = type(trip)(**{**trip.__dict__, "stops": stops})
    document = briefing_html(
        hostile, summarize(hostile), "en", OPENING, inline_assets(hostile, "en")
    )
    parsed = parse(document)
    assert not [
        attrs for _, attrs in parsed.tags if "pwn" in (attrs.get("class") or "")
    ]
    assert not [attrs for _, attrs in parsed.tags if "onerror" in attrs]
    assert document.count("<script") == 3  # Leaflet, the land, the deck
    deck = parsed.scripts[-1]
    data = json.loads(re.search(r"\}\)\((\{.*?\}), \[", deck, re.S).group(1))
    shown = payloads[: len(trip.stops)]
    assert [stop["label"].split(": ")[0] for stop in data["stops"]] == [
        f"{number} · {payload} (x)" for number, payload in enumerate(shown, 1)
    ]


def test_cli_writes_the_pack(tmp_path):
    folder = write_trip(tmp_path, EVERY_KIND)
    out = tmp_path / "briefing.html"
    assert main(["pack", "--lang", "en", "--data", str(folder), "--out", str(out)]) == 0
    text = out.read_text("utf-8")
    assert '<html lang="en">' in text
    assert "€500 million" in text  # Germany's exports, the first figure


def test_cli_explains_broken_data(tmp_path, capsys):
    assert (
        main(["pack", "--out", str(tmp_path / "x.html"), "--data", str(tmp_path)]) == 2
    )
    assert "sources.csv" in capsys.readouterr().err


@pytest.mark.parametrize("trip_id", trip_ids())
def test_the_pack_works_for_every_trip(tmp_path, trip_id):
    """Expectations from the trip's own data: its title, each stop, each source,
    one chart per trade chart, and nothing fetched."""
    folder = TRIPS_DIR / trip_id
    listed = load_trip(folder)
    out = tmp_path / "pack.html"
    assert main(["pack", "--lang", "en", "--data", str(folder), "--out", str(out)]) == 0
    pack = out.read_text("utf-8")
    assert f"<title>{escape(listed.info.title('en'))}" in pack
    for stop in listed.stops:
        assert escape(stop.name("en")) in pack
    for source in listed.sources:
        assert escape(source.title) in pack
    charts = trade_charts(listed)
    assert pack.count("<figure>") == len(charts)
    for chart in charts:
        assert escape(chart_title(chart, "en")) in pack
    if not charts:
        assert escape(catalog("en")["trade.none"]) in pack
    if not listed.themes:
        assert escape(catalog("en")["themes.none"]) in pack
    assert not re.search(r"""(src|href)=["']/""", pack)


def handout_text(document: str) -> str:
    part = document[document.index('<article class="handout">') :]
    part = part[: part.index("</article>")]
    part = re.sub(r"<svg.*?</svg>", " ", part, flags=re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", part).split())


def test_handout_reads_as_a_document(pack):
    """Issue 17: the reader's date format, one full stop, a labelled delegation
    line, a heading that fits imports, a source list without project paths."""
    text = handout_text(pack)
    today = dt.date.today()
    assert f"Erstellt am {today:%d.%m.%Y}" in text
    assert not re.search(r"[^.]\.\.(?!\.)", text), re.findall(r".{40}\.\..{5}", text)
    assert (
        "Delegation: rund 30 für die Reise (Synthetischer Herausgeber); "
        "12 in Gamma (SW)"  # a publisher's short name where it has one
    ) in text
    assert "Aus- und Einfuhren: Sachsen" in text  # the charts show imports too
    assert COPY not in text
    assert f"ohne Webadresse; Kopie abgerufen am {COPY_RETRIEVED:%d.%m.%Y}" in text


def test_handout_prints_page_numbers_and_a_running_title(pack):
    page = pack[pack.index("@page {") : pack.index("@page {") + 400]
    assert '@bottom-right { content: "Seite " counter(page) " von " counter(pages)' in (
        page
    )
    assert '@top-left { content: "Reise\\3A  Alpha und Beta"' in page  # "Reise: …"


def test_handout_notes_only_what_its_charts_need():
    """The 2015 hand-out has one figure for a year its source does not name:
    it says how the year was found, and nothing about derived values or parts
    of a year, which it has not; the 2017 hand-out, which has both, says so."""
    korea = handout_text(pack_html(load_trip(TRIPS_DIR / "2015-korea"), "de"))
    assert "Abgeleitete Werte" not in korea
    assert "Teiljahre" not in korea
    assert "Werte in Mio. Euro" in korea
    assert (
        "Jahr erschlossen – Handelsvolumen 2013: Die Mitteilung vom 27.03.2014" in korea
    )
    japan = handout_text(pack_html(load_trip(TRIPS_DIR / "2017-japan"), "de"))
    assert "Abgeleitete Werte" in japan
    assert "Teiljahre (Januar–September) sind eigene Reihen" in japan


def test_the_handout_lists_every_item_without_a_stop_with_its_dates(pack, trip):
    text = handout_text(pack)
    unplaced = [item for item in trip.program if item.stop_id is None]
    assert unplaced
    for item in unplaced:
        assert item.title("de") in text, item.item_id
    assert "5.–10. März · Programmpunkt fr-programme" in text
    assert "4. März · Programmpunkt flight-de-fr" in text


def closing_of(document: str) -> str:
    closing = document[document.index('data-key="closing"') :]
    return closing[: closing.index("</section>")]


def test_one_stop_trip_gets_a_least_span_and_a_closing_that_says_none():
    """Issue 16 #8: the 2015 deck zoomed to nothing and closed on a bare heading.
    Its one trade figure, a volume for a year the source does not name, closes
    it as what it is; a trip without figures says so."""
    trip = load_trip(TRIPS_DIR / "2015-korea")
    document = pack_html(trip, "en")
    assert '"leastSpan": 4.0' in document
    closing = closing_of(document)
    assert "Exports and imports: Saxony" in closing
    assert "Trade volume 2013 (year inferred)" in closing
    assert "rank 18 among trading partners" in closing
    bare = closing_of(pack_html(dataclasses.replace(trip, trade=()), "en"))
    assert "The sources of this trip give no trade figures." in bare
