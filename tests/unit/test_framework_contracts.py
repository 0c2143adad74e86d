"""Contracts with Streamlit's private API (docs/private-api.md): each test fails
when an upgrade changes what a workaround in components/framework.py relies on,
so the upgrade checklist starts from a red test, not from a broken page."""

from __future__ import annotations

from streamlit import dataframe_util
from streamlit.elements import vega_charts
from streamlit.runtime.pages_manager import PagesManager

from components.framework import arrow_datasets
from trip.stops import summarize
from trip.timeline_chart import timeline_chart


def test_streamlit_still_decides_v1_pages_by_a_class_attribute():
    """run_through_entry_file switches ``PagesManager.uses_pages_directory`` off
    (streamlit/streamlit#9624); st.navigation sets it the same way."""
    assert "uses_pages_directory" in vars(PagesManager)
    assert PagesManager.uses_pages_directory in (None, True, False)
    import inspect

    from streamlit.commands import navigation

    assert "PagesManager.uses_pages_directory = False" in inspect.getsource(navigation)


def test_chart_datasets_made_once_as_arrow_bytes_pass_through_unchanged(
    synthetic_trip,
):
    """arrow_datasets converts a spec's rows to Arrow bytes once per cached spec;
    ``_marshall_chart_data`` must hand bytes on as they are (no second
    conversion at every rerun, which took 15 % of an overview rerun)."""
    chart = timeline_chart(summarize(synthetic_trip), synthetic_trip, "de", None, None)
    spec = arrow_datasets(chart.to_dict())
    made = dict(spec["datasets"])
    assert made
    assert all(isinstance(rows, bytes) for rows in made.values())
    proto = vega_charts.VegaLiteChartProto()
    vega_charts._marshall_chart_data(proto, dict(spec))
    assert {d.name: d.data.data for d in proto.datasets} == made


def test_the_arrow_conversion_we_call_still_exists_and_makes_bytes():
    rows = [{"year": 2022, "value": 851.0}]
    assert isinstance(dataframe_util.convert_anything_to_arrow_bytes(rows), bytes)
