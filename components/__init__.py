"""Streamlit renderers: ``render_*(ready_data, …)``; no file reading, no trip logic."""
