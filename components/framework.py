"""Where the app reaches into Streamlit's private API: each use names the upstream
issue it works around and has a contract test (tests/unit/test_framework_contracts.py);
docs/private-api.md is the register with the upgrade checklist."""

from __future__ import annotations

import streamlit as st
from streamlit import dataframe_util


def run_through_entry_file() -> None:
    """Make sure app.py (frame, language, navigation) runs, even on a first visit.

    Until some run has called ``st.navigation``, Streamlit treats the sibling
    ``pages/`` folder as a v1 multipage app (``PagesManager.uses_pages_directory``),
    so a fresh server's first visit to ``/trade`` would run pages/trade.py alone,
    without the frame. Switch that off and rerun through app.py. Workaround for the
    first-load deep-link behaviour in streamlit/streamlit#9624.
    """
    from streamlit.runtime.pages_manager import PagesManager

    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


def arrow_datasets(spec: dict) -> dict:
    """The spec with its datasets as Arrow bytes, made once here: given rows,
    ``st.vega_lite_chart`` converts them through pandas at every call, which took
    15 % of an overview rerun; bytes it passes on as they are
    (``streamlit.elements.vega_charts._marshall_chart_data``)."""
    datasets = {
        name: dataframe_util.convert_anything_to_arrow_bytes(rows)
        for name, rows in spec.get("datasets", {}).items()
    }
    return {**spec, "datasets": datasets} if datasets else spec
