"""Sources: how to cite and embed this view, then every source with the facts that
rest on it."""

from components import data, framework, selection
from components.embed import render_embed_snippet
from components.sources import render_citation, render_sources

framework.run_through_entry_file()

trip, chosen = data.current().trip, selection.selection()

render_citation(trip, chosen)
render_embed_snippet(trip, chosen)
render_sources(trip, chosen)
