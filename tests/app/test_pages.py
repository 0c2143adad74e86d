"""The 2023 trip's own facts on its pages: its figures, names, labels, sources
and inferred coordinates. What every trip must show, bundled or made in code
(tests/factory/ SHAPES), is in test_every_trip.py; the selection's mechanics
(links, pickers, notices, the map's base) on a trip made in code in
test_selection.py."""

from __future__ import annotations

import pytest

from tests.app.conftest import open_app, page_text

FIGURES = {
    "de": ["851\xa0Mio.\xa0€", "1,16\xa0Mrd.\xa0€"],
    "en": ["€851 million", "€1.16 billion"],
}


@pytest.mark.parametrize("lang", ["de", "en"])
@pytest.mark.parametrize("page", ["overview", "trade"])
def test_key_trade_figures_shown(page, lang):
    text = page_text(open_app(page, lang=lang))
    for figure in FIGURES[lang]:
        assert figure in text


def test_ulsan_lists_its_mayor_and_marks_korea_s_trade():
    """Ulsan's programme under the timeline, its country's trade card marked."""
    text = page_text(open_app(stop="ulsan", lang="en"))
    assert "Ahn Hyo-dae" in text
    assert "South Korea ▸ selected" in text


@pytest.mark.parametrize("page", ["overview", "itinerary"])
def test_selected_stop_items_show_basis_and_sources(page):
    text = page_text(open_app(page, stop="nagoya"))
    assert "Erschlossen: Die Quelle sagt »am Freitag«" in text
    assert "medienservice.sachsen.de/medien/news/1069575" in text
    assert "erschlossen" in text  # the inferred badge


def test_announced_and_reported_are_labelled_apart():
    text = page_text(open_app("itinerary", lang="en"))
    assert ":blue-badge[announced stop]" in text
    assert ":orange-badge[added after the announcement]" in text
    assert "10–16 Sept · Japan · no fixed day" in text
    assert ":green-badge[reported]" in text


def test_inferred_coordinates_are_said_to_be_inferred():
    """Coordinate sources live on the Sources page (issue 16), with their basis."""
    text = page_text(open_app("sources", lang="en"))
    assert "Coordinates: Ulsan (Ulsan City Hall; inferred, not directly stated)" in text
    assert "Coordinates: Tokyo (Tokyo Station; stated)" in text
