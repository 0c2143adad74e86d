"""Each hostile payload through ``trip.text.md`` in every Streamlit element the app
puts text into: what the browser renders must be the text itself.

Served by tests/e2e/test_hostile.py; not part of the app.
"""

import streamlit as st

from tests.corpus import DATA
from trip.text import md

for name, payload in DATA.items():
    text = md(payload)
    with st.container(key=f"probe-{name}"):
        st.markdown(text)
        st.caption(text)
        st.header(text, anchor=False)
        st.warning(text)
        st.button(text, key=f"button-{name}", help=text)
        st.toggle(text, key=f"toggle-{name}")
        st.metric(text, "1")
        with st.expander(text):
            st.markdown(text)
        st.segmented_control(
            "options", [name], format_func=lambda _, text=text: text, key=f"seg-{name}"
        )
