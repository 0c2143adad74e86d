"""The 2023 trip's own facts on its pages (figures, deep links, notices, the
deck); what every trip must show, bundled or made in code (tests/factory/
SHAPES), is in test_every_trip.py."""

from __future__ import annotations

import json

import pytest

from tests.app.conftest import PAGES, open_app, page_text, query_param
from trip.i18n import t
from trip.loading import load_trip
from trip.trade import trade_charts
from trip.trade_text import trade_finding

FIGURES = {
    "de": ["851\xa0Mio.\xa0€", "1,16\xa0Mrd.\xa0€"],
    "en": ["€851 million", "€1.16 billion"],
}


@pytest.mark.parametrize("lang", ["de", "en"])
def test_trade_charts_have_csv_svg_and_png_in_the_readers_language(lang):
    """Issue 19, item 5: three downloads per chart, labelled in the reader's
    language; the images are built only when clicked (deferred)."""
    at = open_app("trade", lang=lang)
    shown = [
        (button.proto.label, bool(button.proto.deferred_file_id))
        for button in at.get("download_button")
    ]
    expected = [
        (t(lang, key), deferred)
        for _ in trade_charts(load_trip())
        for key, deferred in (
            ("trade.download", False),
            ("trade.download_svg", True),
            ("trade.download_png", True),
        )
    ]
    assert shown == expected


@pytest.mark.parametrize("lang", ["de", "en"])
def test_each_trade_chart_says_its_finding_beside_its_table(lang):
    """Issue 19, item 6: a sentence of what the chart shows, above its table."""
    at = open_app("trade", lang=lang)
    trip = load_trip()
    text = page_text(at)
    for chart in trade_charts(trip):
        assert trade_finding(chart, lang) in text


@pytest.mark.parametrize("lang", ["de", "en"])
@pytest.mark.parametrize("page", ["overview", "trade"])
def test_key_trade_figures_shown(page, lang):
    text = page_text(open_app(page, lang=lang))
    for figure in FIGURES[lang]:
        assert figure in text


def test_german_is_the_default():
    at = open_app()
    assert at.title[0].value.startswith("Wirtschaftsdelegation Sachsen")
    assert at.session_state["selection"].lang == "de"


def test_english_deep_link():
    at = open_app(lang="en")
    assert at.title[0].value.startswith("Saxon business delegation")


def test_stop_deep_link_selects_everywhere():
    at = open_app(stop="ulsan", lang="en")
    assert at.session_state["selection"].stop == "ulsan"
    assert at.selectbox(key="stop_picker").value == "ulsan"
    assert at.button(key="pick-ulsan").proto.type == "primary"
    text = page_text(at)
    assert "Ahn Hyo-dae" in text  # Ulsan's programme is listed under the timeline
    assert "South Korea ▸ selected" in text  # its country's trade card is marked


def test_theme_deep_link_marks_the_theme():
    at = open_app(theme="hydrogen")
    assert at.session_state["selection"].theme == "hydrogen"
    assert at.segmented_control(key="theme_picker").value == "hydrogen"
    assert "(hervorgehoben)" in page_text(at)


@pytest.mark.parametrize(
    ("params", "shown"),
    [
        ({"stop": "atlantis"}, "atlantis"),
        ({"theme": "robotics"}, "robotics"),
        ({"lang": "fr"}, "fr"),
        ({"foo": "1"}, "foo"),
    ],
)
def test_unknown_parameter_gives_a_notice_not_a_traceback(params, shown):
    at = open_app(**params)
    assert not at.exception
    assert any(shown in w.value for w in at.warning)
    assert at.session_state["selection"].stop is None


@pytest.mark.parametrize("page", list(PAGES))
def test_deep_links_work_on_every_page(page):
    at = open_app(page, stop="seoul", theme="mobility", lang="en")
    assert not at.exception
    assert at.session_state["selection"].stop == "seoul"
    assert at.session_state["selection"].theme == "mobility"


def test_selecting_a_stop_updates_url_and_view():
    at = open_app()
    at.button(key="pick-sendai").click().run()
    assert at.session_state["selection"].stop == "sendai"
    assert query_param(at, "stop") == "sendai"
    assert at.button(key="pick-sendai").proto.type == "primary"


def test_picker_changes_language_and_url():
    at = open_app()
    at.segmented_control(key="lang_picker").set_value("en").run()
    assert at.session_state["selection"].lang == "en"
    assert query_param(at, "lang") == "en"
    assert "Map" in [h.value for h in at.header]


def test_selection_survives_a_page_change():
    at = open_app(stop="nagoya")
    at.switch_page(PAGES["itinerary"])
    at.query_params.clear()  # Streamlit drops the query string on a page change
    at.run()
    assert at.session_state["selection"].stop == "nagoya"
    assert "Nagoya" in page_text(at)


def map_args(at) -> dict:
    component = at.get("component_instance")[0]
    return json.loads(component.proto.json_args)


def test_map_base_is_the_same_for_every_selection():
    """Only the marker layer may change; a changed base script re-mounts the map."""
    plain = map_args(open_app())
    picked = map_args(open_app(stop="ulsan", theme="hydrogen", lang="en"))
    assert plain["script"] == picked["script"]
    assert plain["feature_group"] != picked["feature_group"]


def test_online_tiles_toggle_adds_openstreetmap():
    at = open_app()
    assert "openstreetmap" not in map_args(at)["script"]
    at.toggle(key="online_tiles").set_value(True).run()
    assert "tile.openstreetmap.org" in map_args(at)["script"]


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


def test_itinerary_links_to_the_selected_card():
    text = page_text(open_app("itinerary", stop="ulsan", lang="en"))
    assert "(#stop-ulsan)" in text


def test_inferred_coordinates_are_said_to_be_inferred():
    """Coordinate sources live on the Sources page (issue 16), with their basis."""
    text = page_text(open_app("sources", lang="en"))
    assert "Coordinates: Ulsan (Ulsan City Hall; inferred, not directly stated)" in text
    assert "Coordinates: Tokyo (Tokyo Station; stated)" in text


def test_link_notice_outlives_reruns_until_the_user_picks():
    """Regression: the map's first report reruns the app at once, and the cleaned
    URL made the notice for ?stop=atlantis vanish before anyone could read it."""
    at = open_app(stop="atlantis")
    assert any("atlantis" in w.value for w in at.warning)
    at.run()  # a rerun nobody asked for, with the URL already cleaned
    assert [n.value for n in at.session_state["link_notices"]] == ["atlantis"]
    at.button(key="pick-seoul").click().run()
    assert "link_notices" not in at.session_state


@pytest.mark.parametrize("lang", ["de", "en"])
def test_briefing_shows_the_deck_and_what_to_take_away(lang):
    at = open_app("briefing", lang=lang, stop="seoul")
    assert not at.exception
    assert len(at.get("iframe")) == 1
    buttons = at.get("download_button")
    assert len(buttons) == 2  # the pack and the calendar
    assert at.session_state["selection"].stop == "seoul"


def test_closing_step_has_its_own_link():
    at = open_app("briefing", step="closing")
    assert not at.exception
    assert at.session_state["selection"].step == "closing"
    assert not at.warning  # a known parameter, no notice
