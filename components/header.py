"""The top of every page: the trip's title, its dateline (when and where, the
sources one tap away) and what a link could not honour."""

from __future__ import annotations

import streamlit as st

from components.labels import source_list
from trip.aggregate import Trip, trip_window
from trip.deeplinks import Notice, Selection
from trip.formatting import country_name, format_day_range, format_names
from trip.i18n import plural_key, t, t_md
from trip.text import Markdown, md, md_join

NAMES_SHOWN = 5  # unknown link parameters named in the one notice about them


def render_header(trip: Trip, chosen: Selection, notices: tuple[Notice, ...]) -> None:
    """The title and one dateline; the dateline's sources one tap away."""
    lang = chosen.lang
    st.title(md(trip.info.title(lang)))
    st.markdown(dateline(trip, lang), help=trip_dates_line(trip, lang))
    render_notices(notices, lang)


def render_embedded_header(
    trip: Trip, chosen: Selection, notices: tuple[Notice, ...]
) -> None:
    """In an iframe: the trip's title and dateline on one line (cut to the
    frame's width); the credit line below the map names the sources."""
    lang = chosen.lang
    with st.container(key="embed-title"):
        st.markdown(
            Markdown(f"**{md(trip.info.title(lang))}** · {dateline(trip, lang)}")
        )
    render_notices(notices, lang)


def render_notices(notices: tuple[Notice, ...], lang: str) -> None:
    """Everything a link could not honour in one box: one line for all unknown
    parameter names, one per value not understood; each quotes only a bounded
    prefix of what the link held."""
    lines = []
    unknown = [notice.param for notice in notices if notice.value is None]
    if unknown:
        names = [t(lang, "notice.quoted", text=name) for name in unknown[:NAMES_SHOWN]]
        if len(unknown) > NAMES_SHOWN:
            names.append(t(lang, "notice.more", count=len(unknown) - NAMES_SHOWN))
        lines.append(
            t_md(
                lang,
                plural_key(lang, "notice.unknown_params", len(unknown)),
                count=len(unknown),
                names=", ".join(names),
            )
        )
    lines += [
        t_md(
            lang,
            "notice.gone" if notice.gone else "notice.unknown_value",
            param=notice.param,
            value=notice.value,
        )
        for notice in notices
        if notice.value is not None
    ]
    if lines:
        st.warning(Markdown("  \n".join(lines)), icon=":material/info:")


def dateline(trip: Trip, lang: str) -> Markdown:
    """'10.–20. September 2023 · Japan und Südkorea · Taiwan 21. September 2023:
    nach der Ankündigung hinzugekommen': when and where, announced apart from
    what was added; one line, its sources in ``trip_dates_line``."""
    return _dates(trip, lang, DATELINE)


def trip_dates_line(trip: Trip, lang: str) -> Markdown:
    """What was announced and what was added later, each with its source."""
    return _dates(trip, lang, CITED)


# The messages for the announced window, a leg added to it, a leg only reported.
DATELINE = ("app.dateline", "app.dateline_added", "app.dateline_reported")
CITED = ("app.announced", "app.reported_leg", "app.reported_only")


def _dates(trip: Trip, lang: str, keys: tuple[str, str, str]) -> Markdown:
    """The trip's dates in one of two wordings; a message takes the values it
    names (the dateline no sources, the cited line no places)."""
    announced = [leg for leg in trip.legs if leg.status == "announced"]
    parts = []
    if announced:
        places = format_names(
            dict.fromkeys(country_name(leg.country, lang) for leg in announced), lang
        )
        parts.append(
            t_md(
                lang,
                keys[0],
                dates=format_day_range(*trip_window(announced), lang),
                places=places,
                sources=source_list(trip, (leg.source_id for leg in announced), lang),
            )
        )
    for leg in (leg for leg in trip.legs if leg.status == "reported"):
        parts.append(
            t_md(
                lang,
                keys[1] if announced else keys[2],
                dates=format_day_range(leg.date_start, leg.date_end, lang),
                country=country_name(leg.country, lang),
                sources=source_list(trip, [leg.source_id], lang),
            )
        )
    return md_join(" · ", parts)
