"""The charts in a real browser (issue 19): Vega draws the timeline and the
trade charts without a warning in the console (each was a spec Vega had to
guess about: "Conflicting scale property domain", "Infinite extent",
"Dropping fit-y")."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import visiting

pytestmark = pytest.mark.e2e


PAGES = [
    "/?lang=de",
    "/?stop=ulsan",
    "/trade?lang=de",
    "/trade?trip=2017-japan&lang=en",
]


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
        charts = page.locator('[data-testid="stVegaLiteChart"] svg.marks')
        charts.first.wait_for()
        for index in range(charts.count()):
            charts.nth(index).scroll_into_view_if_needed()
        assert page.locator('[data-testid="stVegaLiteChart"]').count() >= 1
        assert warnings == []
        visit.assert_clean()
