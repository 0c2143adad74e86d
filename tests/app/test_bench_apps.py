"""The benchmark's floor apps (bench/apps/) still run: the suite measures ours
only (tests/e2e/test_bench.py) and the smoke run bare and ours (bench/run.py),
so a broken floor would otherwise show only in a full benchmark run."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from bench.apps.floor import stops
from harness.servers import ROOT


@pytest.mark.parametrize(
    "script", ["bare_st_folium.py", "bare_widgets.py", "naive_st_folium.py"]
)
def test_a_floor_app_draws_its_map_with_every_stop(script: str) -> None:
    app = AppTest.from_file(str(ROOT / "bench" / "apps" / script), default_timeout=60)
    app.run()
    assert not app.exception
    (frame,) = [
        element
        for element in app.get("component_instance")
        if "streamlit_folium" in element.proto.component_name
    ]
    # The markers' HTML sits in the frame's arguments as JavaScript strings, in
    # JSON: its quotes escaped twice over.
    drawn = frame.proto.json_args.replace("\\", "")
    assert drawn.count("stop-marker") == len(stops())
    for stop_id, *_ in stops():
        assert f'data-stop="{stop_id}"' in drawn
