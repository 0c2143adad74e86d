"""The public URL contract: ?lang=, ?stop=, ?theme=."""

from __future__ import annotations

import pytest

from trip.deeplinks import Notice, Selection, parse_params

STOPS = ("tokyo", "seoul", "ulsan")
THEMES = ("microelectronics", "mobility", "hydrogen")


def parse(params):
    return parse_params(params, STOPS, THEMES)


def test_valid_link_is_honoured():
    assert parse({"lang": "en", "stop": "ulsan", "theme": "hydrogen"}) == (
        Selection("en", "ulsan", "hydrogen"),
        (),
    )


def test_values_are_case_and_space_tolerant():
    assert parse({"stop": " Ulsan ", "lang": "EN"})[0] == Selection("en", "ulsan")


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
    assert parse({"stop": ["tokyo", "seoul"]})[0].stop == "seoul"


def test_links_stay_short():
    assert Selection().to_params() == {}
    assert Selection("en", "seoul", None).to_params() == {"lang": "en", "stop": "seoul"}
    assert Selection("de", None, "mobility").to_params() == {"theme": "mobility"}


def test_round_trip():
    selection = Selection("en", "tokyo", "microelectronics")
    assert parse(selection.to_params())[0] == selection
