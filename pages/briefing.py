"""Briefing: the trip step by step for a projector and a clicker; the pack and the
calendar to take away."""

from components import data, framework, selection
from components.briefing import render_briefing, render_take_away
from trip.deck import start_step

framework.run_through_entry_file()

view, chosen = data.current(), selection.selection()

render_briefing(view, chosen, start_step(chosen.stop, chosen.step))
render_take_away(view, chosen.lang)
