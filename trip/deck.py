"""The briefing deck's steps, in order: the opening, what the trip is for, each
stop after its country's programme without a stop, the closing. A step's key is
what ``?stop=`` or ``?step=`` names, so the steps are part of the link contract."""

from __future__ import annotations

from dataclasses import dataclass

from trip.aggregate import Trip
from trip.itinerary_models import Leg
from trip.stops import StopSummary, items_for_country

OPENING = "opening"
CLOSING = "closing"
LEG_STEP = "leg-"  # a country's programme without a stop: "leg-<leg_id>"
# What the deck says of the trip (the hand-out says everything): who travels and
# with whom on the opening, what for on the step after it; a slide read from the
# back of a room holds no more.
OPENING_TOPICS = ("traveller", "delegation")
AIMS_TOPICS = ("aims", "agenda")
AIMS = "aims"  # the step after the opening: what the trip is for, its themes


@dataclass(frozen=True)
class Step:
    """One step of the deck: the opening, a country's programme that no source
    places at a stop, a stop, or the closing."""

    key: str
    kind: str  # "opening", "leg", "stop", "closing"
    leg: Leg | None = None
    summary: StopSummary | None = None


def deck_steps(trip: Trip, summaries: tuple[StopSummary, ...]) -> tuple[Step, ...]:
    """The steps in order: the opening; what the trip is for (its aims, agenda
    and themes, where the sources give them); each stop, after its country's programme
    without a stop (where there is one), so the announced plan comes before
    what was reported at each place; countries without a stop last; the closing."""
    steps = [Step(OPENING, "opening")]
    if trip.themes or any(s.topic in AIMS_TOPICS for s in trip.about):
        steps.append(Step(AIMS, AIMS))
    shown: set[str] = set()

    def country_step(leg: Leg | None) -> None:
        if leg is None or leg.country in shown:
            return
        shown.add(leg.country)
        if items_for_country(trip, leg.country):
            steps.append(Step(LEG_STEP + leg.leg_id, "leg", leg=leg))

    for summary in summaries:
        country_step(summary.leg)
        steps.append(Step(summary.stop.stop_id, "stop", summary=summary))
    for leg in trip.legs:
        country_step(leg)
    steps.append(Step(CLOSING, "closing"))
    return tuple(steps)


def step_keys(trip: Trip, summaries: tuple[StopSummary, ...]) -> tuple[str, ...]:
    return tuple(step.key for step in deck_steps(trip, summaries))


def link_steps(trip: Trip, summaries: tuple[StopSummary, ...]) -> tuple[str, ...]:
    """The steps a link may name with ``?step=``: those that are not a stop."""
    keys = step_keys(trip, summaries)
    return tuple(
        key for key in keys if key in (AIMS, CLOSING) or key.startswith(LEG_STEP)
    )


def start_step(stop: str | None, step: str | None) -> str:
    """The step a link asks for: ``?stop=`` a stop, ``?step=`` a step without a
    stop (checked against the trip with the link), else the opening."""
    return stop or step or OPENING
