"""One selection (stop, theme, language, step) set by a link, a picker or a click
and kept across reruns and pages, and the notices for links it cannot follow: on
one trip made in code (tests.factory's two-country shape), alone in its trips
folder. What every trip must show is in test_every_trip.py."""

from __future__ import annotations

import json

import pytest

from tests.app.conftest import PAGES, as_read, open_app, page_text, query_param
from tests.factory import SHAPES, write_trips
from trip.aggregate import Trip
from trip.formatting import country_name
from trip.i18n import t
from trip.loading import load_trip

SHAPE = SHAPES[0]  # three stops in two countries, two themes, trade with both


@pytest.fixture(scope="module")
def trips_root(tmp_path_factory):
    return write_trips(tmp_path_factory.mktemp("selection") / "trips", SHAPE)


@pytest.fixture(scope="module")
def trip(trips_root) -> Trip:
    return load_trip(trips_root / SHAPE.trip_id)


@pytest.fixture(autouse=True)
def served(trips_root, monkeypatch) -> None:
    """The app serves the synthetic trips folder, nothing else."""
    monkeypatch.setenv("TRIPS_DIR", str(trips_root))


def test_german_is_the_default(trip):
    at = open_app()
    assert as_read(at.title[0].value) == trip.info.title("de")
    assert at.session_state["selection"].lang == "de"


def test_a_stop_link_selects_it_everywhere(trip):
    """The picker, the timeline's button, the stop's programme under the
    timeline and its country's trade card, all from one ``?stop=``."""
    stop = trip.stops[1]  # not the first: a default could pass for it
    at = open_app(stop=stop.stop_id, lang="en")
    assert at.session_state["selection"].stop == stop.stop_id
    assert at.selectbox(key="stop_picker").value == stop.stop_id
    assert at.button(key=f"pick-{stop.stop_id}").proto.type == "primary"
    for other in trip.stops:
        if other != stop:
            assert at.button(key=f"pick-{other.stop_id}").proto.type != "primary"
    text = page_text(at)
    (visit,) = [item for item in trip.program if item.stop_id == stop.stop_id]
    assert visit.title("en") in text  # its programme is listed under the timeline
    marked = t("en", "trade.selected", country=country_name(stop.country, "en"))
    assert marked in text


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
def test_deep_links_work_on_every_page(trip, page):
    stop, theme = trip.stops[-1].stop_id, trip.themes[-1].theme_id
    at = open_app(page, stop=stop, theme=theme, lang="en")
    assert not at.exception
    assert at.session_state["selection"].stop == stop
    assert at.session_state["selection"].theme == theme
    assert at.session_state["selection"].lang == "en"


def test_selecting_a_stop_updates_url_and_view(trip):
    stop = trip.stops[1].stop_id
    at = open_app()
    at.button(key=f"pick-{stop}").click().run()
    assert at.session_state["selection"].stop == stop
    assert query_param(at, "stop") == stop
    assert at.button(key=f"pick-{stop}").proto.type == "primary"


def test_picker_changes_language_and_url():
    at = open_app()
    at.segmented_control(key="lang_picker").set_value("en").run()
    assert at.session_state["selection"].lang == "en"
    assert query_param(at, "lang") == "en"
    assert t("en", "map.title") in [h.value for h in at.header]


def test_selection_survives_a_page_change(trip):
    stop = trip.stops[1].stop_id
    at = open_app(stop=stop)
    at.switch_page(PAGES["itinerary"])
    at.query_params.clear()  # Streamlit drops the query string on a page change
    at.run()
    assert at.session_state["selection"].stop == stop
    assert f"(#stop-{stop})" in page_text(at)  # the link to the selected card


def map_args(at) -> dict:
    component = at.get("component_instance")[0]
    return json.loads(component.proto.json_args)


def test_map_base_is_the_same_for_every_selection(trip):
    """Only the marker layer may change; a changed base script re-mounts the map."""
    stop, theme = trip.stops[-1].stop_id, trip.themes[-1].theme_id
    plain = map_args(open_app())
    picked = map_args(open_app(stop=stop, theme=theme, lang="en"))
    assert plain["script"] == picked["script"]
    assert plain["feature_group"] != picked["feature_group"]


def test_online_tiles_toggle_adds_openstreetmap():
    at = open_app()
    assert "openstreetmap" not in map_args(at)["script"]
    at.toggle(key="online_tiles").set_value(True).run()
    assert "tile.openstreetmap.org" in map_args(at)["script"]


def test_link_notice_outlives_reruns_until_the_user_picks(trip):
    """Regression: the map's first report reruns the app at once, and the cleaned
    URL made the notice for ?stop=atlantis vanish before anyone could read it."""
    at = open_app(stop="atlantis")
    assert any("atlantis" in w.value for w in at.warning)
    at.run()  # a rerun nobody asked for, with the URL already cleaned
    assert [n.value for n in at.session_state["link_notices"]] == ["atlantis"]
    at.button(key=f"pick-{trip.stops[0].stop_id}").click().run()
    assert "link_notices" not in at.session_state


def test_closing_step_has_its_own_link():
    at = open_app("briefing", step="closing")
    assert not at.exception
    assert at.session_state["selection"].step == "closing"
    assert not at.warning  # a known parameter, no notice
