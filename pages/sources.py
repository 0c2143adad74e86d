"""Sources: every source with the facts that rest on it, and how to cite this view."""

from components import state
from components.sources import render_citation, render_sources

state.run_through_entry_file()

trip, chosen = state.trip_data(), state.selection()

render_citation(trip, chosen)
render_sources(trip, chosen)
