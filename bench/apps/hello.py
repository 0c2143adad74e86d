"""The floor of a page load: Streamlit with one line of text (bench/browser_cpu.py)."""

import streamlit as st

st.write("hello")
