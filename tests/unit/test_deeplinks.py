"""The public URL contract: ?lang=, ?stop=, ?theme=."""

from __future__ import annotations

import pytest

from trip.deeplinks import (
    Notice,
    Selection,
    accepted,
    allowed_values,
    parse_params,
    still_valid,
)

STOPS = ("alpha", "beta", "gamma")
THEMES = ("theme-a", "theme-b", "theme-c")


def parse(params):
    return parse_params(params, STOPS, THEMES)


def test_valid_link_is_honoured():
    assert parse({"lang": "en", "stop": "gamma", "theme": "theme-c"}) == (
        Selection("en", "gamma", "theme-c"),
        (),
    )


def test_values_are_case_and_space_tolerant():
    assert parse({"stop": " Gamma ", "lang": "EN"})[0] == Selection("en", "gamma")


@pytest.mark.parametrize(
    ("params", "notice"),
    [
        ({"stop": "atlantis"}, Notice("stop", "atlantis")),
        ({"lang": "fr"}, Notice("lang", "fr")),
        ({"theme": "robotics"}, Notice("theme", "robotics")),
        ({"colour": "red"}, Notice("colour", None)),
    ],
)
def test_unknown_values_fall_back_with_a_notice(params, notice):
    assert parse(params) == (Selection(), (notice,))


def test_streamlit_parameters_are_not_ours_to_judge():
    assert parse({"embed": "true", "embed_options": "light_theme"}) == (Selection(), ())


def test_repeated_parameter_takes_the_last_value():
    assert parse({"stop": ["alpha", "beta"]})[0].stop == "beta"


def test_links_stay_short():
    assert Selection().to_params() == {}
    assert Selection("en", "beta", None).to_params() == {"lang": "en", "stop": "beta"}
    assert Selection("de", None, "theme-b").to_params() == {"theme": "theme-b"}


def test_round_trip():
    selection = Selection("en", "alpha", "theme-a")
    assert parse(selection.to_params())[0] == selection


PAGE_PATHS = ("", "itinerary", "sources")


@pytest.mark.parametrize(
    ("page_url", "overview"),
    [
        ("https://example.org", "https://example.org/"),  # st.context.url: no slash
        ("https://example.org/sources", "https://example.org/"),
        ("https://example.org/reise", "https://example.org/reise/"),  # a base path
        ("https://example.org/reise/itinerary", "https://example.org/reise/"),
    ],
)
def test_a_link_to_the_overview_keeps_the_app_s_base_path(page_url, overview):
    chosen = Selection("en", "gamma")
    assert chosen.address(page_url, PAGE_PATHS) == f"{overview}?lang=en&stop=gamma"
    assert chosen.address(page_url, PAGE_PATHS, embed=True) == (
        f"{overview}?lang=en&stop=gamma&embed=true"
    )


def test_a_link_here_keeps_the_page_and_a_default_view_has_no_query():
    page = "https://example.org/reise/sources"
    assert Selection(theme="theme-c").address(page, PAGE_PATHS, here=True) == (
        f"{page}?theme=theme-c"
    )
    assert Selection().address(page, PAGE_PATHS, here=True) == page


def test_what_the_data_no_longer_has_falls_back_with_a_notice():
    chosen = Selection(lang="en", stop="delta", theme="theme-c", step="closing")
    kept, notices = still_valid(chosen, ["alpha"], ["theme-c"], ["a"], ["closing"])
    assert kept == Selection(lang="en", theme="theme-c", step="closing")
    assert notices == (Notice("stop", "delta", gone=True),)


def test_a_trip_gone_takes_its_stop_theme_and_step_along():
    chosen = Selection(stop="alpha", theme="theme-c", step="closing", trip="old")
    kept, notices = still_valid(chosen, ["alpha"], ["theme-c"], ["new"], ["closing"])
    assert kept == Selection()
    assert notices == (Notice("trip", "old", gone=True),)


def test_a_valid_selection_is_kept_as_it_is():
    chosen = Selection(stop="alpha", trip="new")
    assert still_valid(chosen, ["alpha"], [], ["new"], []) == (chosen, ())


def test_a_widget_event_is_checked_by_the_rules_a_link_is():
    """A map click or chart pick arrives from the browser like a link: the same
    allowed values decide (one place); None clears, anything else is dropped."""
    allowed = allowed_values(STOPS, THEMES, ("first-trip",))
    assert accepted(
        {"stop": "gamma", "theme": None, "lang": "fr", "trip": ["x"]}, allowed
    ) == {"stop": "gamma", "theme": None}
    assert accepted({"stop": "<script>"}, allowed) == {}
