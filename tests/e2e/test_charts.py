"""The charts in a real browser (issue 19): Vega draws the timeline and the
trade charts without a warning in the console (each was a spec Vega had to
guess about: "Conflicting scale property domain", "Infinite extent",
"Dropping fit-y")."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import visiting

pytestmark = pytest.mark.e2e


PAGES = [
    "/?lang=de",
    "/?stop=ulsan",
    "/trade?lang=de",
    "/trade?trip=2017-japan&lang=en",
    "/trade?trip=2015-korea&lang=de",
]

# Each chart's drawing and the box that holds its place on the page: the box is
# sized before Vega draws (nothing jumps), so a legend below the plot is cut off
# when the box is too small, and a gap stays when it is too large.
FITS = """() => [...document.querySelectorAll('[data-testid="stVegaLiteChart"]')]
    .map(chart => {
        const box = chart.parentElement.closest('[data-testid="stVerticalBlock"]');
        return {
            drawn: chart.querySelector('svg.marks').getBoundingClientRect().height,
            held: box.clientHeight,
            overflow: box.scrollHeight - box.clientHeight,
        };
    })"""


@pytest.mark.parametrize("path", PAGES)
def test_the_charts_draw_without_a_vega_warning(app_url, browser, path):
    with visiting(browser, app_url, {"width": 390, "height": 844}) as visit:
        warnings: list[str] = []
        visit.page.on(
            "console",
            lambda message: (
                warnings.append(message.text)
                if message.text.startswith("WARN")
                else None
            ),
        )
        page = visit.open(path)
        count = page.locator('[data-testid="stVegaLiteChart"]').count()
        assert count >= 1
        charts = page.locator('[data-testid="stVegaLiteChart"] svg.marks')
        for index in range(count):
            charts.nth(index).scroll_into_view_if_needed()
        # Every chart drawn, and what Vega logged meanwhile arrived.
        expect(charts).to_have_count(count)
        visit.flush_console()
        assert warnings == []
        if path.startswith("/trade"):
            for fit in page.evaluate(FITS):
                assert fit["overflow"] <= 0, fit  # every legend in view
                assert fit["held"] - fit["drawn"] < 20, fit  # no gap below
        visit.assert_clean()
