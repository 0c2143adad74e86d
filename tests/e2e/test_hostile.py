"""Issue 7 in a real browser: hostile text from data files and links, everywhere.

Every text field of every data file, and the names and values of URL parameters,
hold the corpus in tests/corpus.py; every page is opened in German and English
with a stop and a theme picked, every outside request blocked. Nothing may open a
dialog, leave the machine, run a script, create an element, or crash; the text
must stand on the page as itself.
"""

from __future__ import annotations

import csv
import hashlib
import itertools
import shutil
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote, urlencode

import pytest
from playwright.sync_api import Frame, Page, expect

from harness.browser import FIRST_RUN_MS, Visit
from harness.servers import serve_app
from tests.corpus import CREATED, DATA, MADE_BY_SYNTAX, SOURCE_HOST, TRANSFORMED, URL
from tests.e2e.conftest import VIEWPORTS, visiting
from trip.discovery import default_trip_dir
from trip.text import WORD_JOINER

pytestmark = pytest.mark.e2e

# The free-text columns of each data file; ids, dates and numbers are validated.
# quotes.csv comes before sources.csv: a source's local copy is written from its
# (hostile) quotes, so that the check finds every quote in it.
TEXT_COLUMNS = {
    "quotes.csv": ("quote", "gloss_de", "gloss_en", "note_de", "note_en"),
    "sources.csv": ("publisher", "publisher_short", "title", "evidence", "local_copy"),
    "about.csv": ("text_de", "text_en", "inference_de", "inference_en"),
    "themes.csv": ("name_de", "name_en"),
    "goods.csv": ("name_de", "name_en"),
    "delegation.csv": ("scope_de", "scope_en"),
    "legs.csv": ("discrepancy_de", "discrepancy_en"),
    "trip.csv": ("title_de", "title_en", "home_de", "home_en"),
    "stops.csv": ("name_de", "name_en", "name_local", "coord_anchor"),
    "program.csv": (
        "title_de",
        "title_en",
        "detail_de",
        "detail_en",
        "inference_de",
        "inference_en",
        "discrepancy_de",
        "discrepancy_en",
    ),
    "trade.csv": ("provisional_inference_de", "provisional_inference_en"),
}
PAGES = ("/", "/itinerary", "/trade", "/sources")
# The timeline's first row: the centre of the topmost of its row rectangles.
FIRST_ROW = """() => {
    const rows = Array.from(document.querySelector('[data-testid="stVegaLiteChart"]')
        .querySelectorAll('svg g.mark-rect path[fill-opacity="0"]'))
        .map(path => path.getBoundingClientRect());
    const top = rows.reduce((a, b) => (a.top <= b.top ? a : b));
    return {x: top.left + top.width / 2, y: top.top + top.height / 2};
}"""
FIND_INJECTIONS = """([created, syntax, transformed]) => {
    const found = [];
    for (const [selector, why] of Object.entries(created)) {
        for (const node of document.querySelectorAll(selector)) {
            found.push(`${why}: ${node.outerHTML.slice(0, 160)}`);
        }
    }
    for (const [selector, text] of syntax) {
        for (const node of document.querySelectorAll(selector)) {
            if (node.textContent.trim() === text) {
                found.push(`made by Markdown: <${node.tagName}>${text}`);
            }
        }
    }
    const body = document.body ? document.body.innerText : "";
    for (const text of transformed) {
        if (body.includes(text)) found.push(`transformed into ${text}`);
    }
    if (window.__pwned !== undefined) found.push("a script ran");
    return found;
}"""


def write_hostile_data(target: Path) -> dict[str, list[dict[str, str]]]:
    """A copy of the default trip's folder whose every free-text cell holds a
    corpus payload (in turn), and whose source URLs try to close their own link."""
    shutil.copytree(default_trip_dir(), target)
    payloads = itertools.cycle(DATA.values())
    written = {}
    for file, columns in TEXT_COLUMNS.items():
        path = target / file
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            fields, rows = reader.fieldnames or [], list(reader)
        for number, row in enumerate(rows):
            original = dict(row)
            for column in columns:
                row[column] = next(payloads)
            if file == "quotes.csv":
                # The payload and then the source's words: a figure's quote
                # still holds the figure.
                row["quote"] = f"{row['quote']} {original['quote']}"
            if file == "sources.csv":
                # A local copy must be a file in the folder: give it the payload
                # as its name ("/" cannot be in a file name), the source's quotes
                # as its text, and record its day and checksum.
                name = row["local_copy"].replace("/", "\u2215")[:60]
                row["local_copy"] = f"sources/copy-{number} {name}"
                text = "\n".join(
                    q["quote"]
                    for q in written["quotes.csv"]
                    if q["source_id"] == row["source_id"]
                )
                copy = target / row["local_copy"]
                copy.write_text(text, encoding="utf-8")
                row["retrieved"] = "2026-11-30"
                row["sha256"] = hashlib.sha256(copy.read_bytes()).hexdigest()
            if file == "sources.csv" and row["url"]:
                row["url"] = (
                    f"https://{SOURCE_HOST}/{number})![pwn](http://evil.example/u.png)"
                )
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=fields)
            writer.writeheader()
            writer.writerows(rows)
        written[file] = rows
    return written


def injections(target: Page | Frame) -> list[str]:
    return target.evaluate(
        FIND_INJECTIONS, [CREATED, [list(pair) for pair in MADE_BY_SYNTAX], TRANSFORMED]
    )


def read(text: str) -> str:
    """Text as the page's innerText gives it: no word joiners, single spaces."""
    return " ".join(text.replace(WORD_JOINER, "").split())


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> Iterator[tuple[str, dict]]:
    data = tmp_path_factory.mktemp("hostile") / "data"
    written = write_hostile_data(data)
    with serve_app(data_dir=data) as url:
        yield url, written


def open_checked(visit: Visit, path: str, dialogs: list[str]) -> Page:
    page = visit.page
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    return visit.open(path, FIRST_RUN_MS)  # the module's server may be fresh


def assert_nothing_injected(visit: Visit, dialogs: list[str]) -> None:
    page = visit.page
    found = injections(page)
    for frame in page.frames[1:]:
        found += [f"in a frame: {item}" for item in injections(frame)]
    assert not found, "\n".join(found)
    assert not dialogs, dialogs
    visit.assert_clean()  # no request left the machine, no console error, no crash
    assert page.get_by_test_id("stAlertContentError").count() == 0


@pytest.mark.parametrize("lang", ["de", "en"])
@pytest.mark.parametrize("path", PAGES)
def test_hostile_data_is_shown_as_text_on_every_page(browser, hostile, path, lang):
    url, written = hostile
    dialogs: list[str] = []
    with visiting(browser, url, VIEWPORTS["desktop"]) as visit:
        query = f"stop=tokyo&theme=hydrogen&lang={lang}"
        page = open_checked(visit, f"{path}?{query}", dialogs)
        if path == "/":
            markers = visit.map_frame().locator(".stop-marker")
            expect(markers).to_have_count(6, timeout=20_000)
            for index in range(6):
                markers.nth(index).hover()
            tooltip = visit.map_frame().locator(".leaflet-tooltip").last
            expect(tooltip).to_be_visible()
            assert tooltip.locator("*").count() == 1  # the box, with only text in it
            # Vega's tooltip on the timeline shows the stop's name too.
            # The middle of the first row's rectangle, which spans the plot
            # (the labels' width varies with the data) and carries a tooltip.
            row = page.evaluate(FIRST_ROW)
            page.mouse.move(row["x"], row["y"])
            expect(page.locator("#vg-tooltip-element.visible")).to_have_count(1)
        body = read(page.locator("body").inner_text())
        name = f"name_{lang}"
        if path == "/":
            for stop in written["stops.csv"]:
                assert read(stop[name]) in body, stop[name][:80]
        if path == "/sources":
            for source in written["sources.csv"]:
                for column in ("publisher", "title", "evidence"):
                    assert read(source[column]) in body, source[column][:80]
        assert_nothing_injected(visit, dialogs)


def hostile_query(extra: dict[str, str] | None = None) -> str:
    """Every payload as a parameter name and as each known parameter's value."""
    pairs = [(payload[:100] or "x", "1") for payload in URL.values()]
    pairs += [(name, URL["md_image"]) for name in ("stop", "theme", "lang")]
    pairs += [(f"filler{number}", "1") for number in range(300)]
    pairs += list((extra or {}).items())
    return urlencode(pairs, quote_via=quote)


@pytest.mark.parametrize("path", PAGES)
def test_hostile_links_give_one_quoted_notice(desktop: Visit, path):
    dialogs: list[str] = []
    page = open_checked(desktop, f"{path}?{hostile_query()}", dialogs)
    notices = page.get_by_test_id("stAlertContentWarning")
    expect(notices).to_have_count(1)  # one box for everything the link held
    text = read(notices.first.inner_text())
    assert f"{len(URL) + 300} Link-Parameter sind unbekannt" in text
    assert "»<script>top.__pwned = 1</script>«" in text  # the first five are named
    for param in ("stop", "theme", "lang"):  # a line for each value not understood
        assert f"für »{param}«" in text
    assert len(text) < 1_200
    assert_nothing_injected(desktop, dialogs)


def test_value_of_a_known_parameter_is_quoted_as_text(desktop: Visit):
    page = open_checked(desktop, "/?" + urlencode({"stop": URL["newline_rule"]}), [])
    notice = page.get_by_test_id("stAlertContentWarning")
    expect(notice).to_have_count(1)
    assert "»a --- # pwn-heading«" in read(notice.inner_text())
    assert_nothing_injected(desktop, [])


@pytest.fixture(scope="module")
def probe_url() -> Iterator[str]:
    with serve_app(script="tests/e2e/probe_app.py") as url:
        yield url


TEXT = '[data-testid="stMarkdownContainer"]'
ELEMENTS = {
    "markdown": '[data-testid="stMarkdown"]',
    "caption": '[data-testid="stCaptionContainer"]',
    "heading": '[data-testid="stHeading"]',
    "alert": '[data-testid="stAlertContentWarning"]',
    "button": f'[data-testid="stButton"] button {TEXT}',
    "toggle": f'[data-testid="stCheckbox"] {TEXT}',
    "metric": '[data-testid="stMetricLabel"]',
    "expander": f'[data-testid="stExpander"] summary {TEXT}',
    "option": f'[data-testid="stButtonGroup"] button {TEXT}',
}


# What each probe's elements show: the first match of each selector, as
# Playwright's inner_text() reads it (the element's innerText).
SHOWN = """([payloads, elements]) => Object.fromEntries(payloads.map(payload => [
    payload,
    Object.fromEntries(Object.entries(elements).map(([name, selector]) => {
        const found = document.querySelector(`.st-key-probe-${payload} ${selector}`);
        return [name, found ? found.innerText : null];
    })),
]))"""

# Whether ``count`` tooltips are shown, checked at every frame: expect() polls
# after 0.1, 0.35 and 0.85 s, and a tooltip's entrance (and exit) fell just past
# a poll, 1.6 s a payload where 0.4 s were needed (38 s against 11 s).
TOOLTIPS_SHOWN = """count => document.querySelectorAll(
    '[data-testid="stTooltipContent"]').length === count"""


def test_every_element_shows_escaped_text_as_itself(browser, probe_url):
    """The escaping is right for each kind of element, as Streamlit renders it."""
    dialogs: list[str] = []
    wrong = []
    with visiting(browser, probe_url, VIEWPORTS["desktop"]) as visit:
        page = open_checked(visit, "/", dialogs)
        # Every element's innerText in one call (once per element, it took two
        # minutes on two busy cores); a missing element reads as None.
        texts = page.evaluate(SHOWN, [list(DATA), ELEMENTS])
        for payload, text in DATA.items():
            probe = page.locator(f".st-key-probe-{payload}")
            expected = read(text)
            for element in ELEMENTS:
                found = texts[payload][element]
                shown = None if found is None else read(found)
                if shown != expected:
                    wrong.append(f"{payload} in {element}: {(shown or '')[:80]!r}")
            probe.locator('[data-testid="stButton"] button').first.hover()
            page.wait_for_function(TOOLTIPS_SHOWN, arg=1, polling="raf")
            tooltip = page.get_by_test_id("stTooltipContent")
            if read(tooltip.inner_text()) != expected:
                wrong.append(f"{payload} in help: {tooltip.inner_text()[:80]!r}")
            page.mouse.move(0, 0)
            page.wait_for_function(TOOLTIPS_SHOWN, arg=0, polling="raf")
        assert not wrong, "\n".join(wrong)
        assert_nothing_injected(visit, dialogs)


def test_broken_data_shows_the_panel_without_a_list_of_files(browser, tmp_path):
    """Regression: the run ended before st.navigation, so Streamlit listed the
    files in pages/ ("app", "itinerary", …) as a sidebar beside the panel."""
    data = tmp_path / "data"
    shutil.copytree(default_trip_dir(), data)
    trade = data / "trade.csv"
    trade.write_text(trade.read_text("utf-8").replace(",26,17,", ",-100,17,"), "utf-8")
    with (
        serve_app(data_dir=data) as url,
        visiting(browser, url, VIEWPORTS["tablet"]) as visit,
    ):
        page = visit.open("/trade?lang=en", FIRST_RUN_MS)
        panel = page.get_by_test_id("stAlertContentError")
        expect(panel).to_contain_text("File: trade.csv · line: 2 · field: growth_pct")
        expect(page.get_by_test_id("stSidebarNav")).to_have_count(0)
        expect(page.get_by_test_id("stSidebar")).to_have_count(0)
