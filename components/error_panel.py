"""The one place a run ends when something goes wrong: a data error shows the
check's report, anything else a translated panel, never the framework's bare
"This app has encountered an error"."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

import streamlit as st

from components import data
from trip.errors import DataFileError
from trip.i18n import t, t_md
from trip.messages import message_values
from trip.text import Markdown

LOG = logging.getLogger(__name__)
PROBLEMS_SHOWN = 8  # problems of a broken trip in its panel; the check lists all


@contextmanager
def error_boundary(lang: str, before_navigation: bool = False) -> Iterator[None]:
    """Whatever goes wrong inside ends the run with a clear, translated panel, never
    with the framework's bare "This app has encountered an error".

    ``before_navigation``: the run ends before ``st.navigation``, where Streamlit
    would list the files in ``pages/`` as a sidebar; an empty, hidden navigation
    keeps that away from the panel.
    """
    try:
        yield
    except Exception as error:
        if before_navigation:
            st.navigation(
                [st.Page(_nothing, title=t(lang, "app.name"))], position="hidden"
            )
        if isinstance(error, DataFileError):
            render_data_error(data.problems_with(error), lang)
            st.stop()
        LOG.exception("unexpected error while rendering the page")
        st.error(
            Markdown(f"**{t_md(lang, 'error.unexpected')}**"), icon=":material/error:"
        )
        st.caption(t_md(lang, "error.unexpected_hint"))
        st.stop()


def _nothing() -> None:
    """The page behind the hidden navigation of an error panel."""


def render_data_error(problems: list[DataFileError], lang: str) -> None:
    """One clear panel with the check's report: for each problem which file, which
    line, which field, what was expected; the first few, and how many more."""
    lines = []
    for error in problems[:PROBLEMS_SHOWN]:
        values = message_values(error, lang)
        where = t_md(lang, "error.where", **values)
        lines.append(f"{t_md(lang, error.key, **values)}  \n{where}")
    if len(problems) > PROBLEMS_SHOWN:
        more = len(problems) - PROBLEMS_SHOWN
        lines.append(t_md(lang, "error.more", count=more))
    st.error(
        Markdown(f"**{t_md(lang, 'error.title')}**\n\n" + "\n\n".join(lines)),
        icon=":material/error:",
    )
    st.caption(t_md(lang, "error.hint"))
