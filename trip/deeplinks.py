"""The public URL contract: ``?lang=``, ``?stop=``, ``?theme=``, ``?step=`` (a
briefing step that is not a stop: ``aims``, ``closing``, or a country's programme
without a stop, ``leg-<leg id>``) and ``?trip=`` (a trip's folder name;
without it, the default trip, so links from before trips existed keep working).

Once released these keep working; an unknown name or value falls back to the default
and is reported as a notice, never an error.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from urllib.parse import urlencode

from trip.i18n import DEFAULT_LANG, LANGS
from trip.text import quote

STEPS = ("closing",)  # the briefing's step without a stop that every trip has
# Streamlit's own parameters; not ours to judge.
RESERVED = ("embed", "embed_options")
# A notice quotes at most this much of a name or value a link brought.
NAME_LIMIT = 40
VALUE_LIMIT = 60


@dataclass(frozen=True)
class Selection:
    lang: str = DEFAULT_LANG
    stop: str | None = None
    theme: str | None = None
    step: str | None = None
    trip: str | None = None  # None: the default trip

    def to_params(self) -> dict[str, str]:
        """Only what differs from the default, so shared links stay short."""
        params = {"lang": self.lang} if self.lang != DEFAULT_LANG else {}
        if self.trip:
            params["trip"] = self.trip
        if self.stop:
            params["stop"] = self.stop
        if self.theme:
            params["theme"] = self.theme
        if self.step:
            params["step"] = self.step
        return params

    def address(
        self,
        page_url: str,
        page_paths: Iterable[str],
        here: bool = False,
        embed: bool = False,
    ) -> str:
        """This selection as a link: on the page at ``page_url`` (``here``) or on
        the app's default page. ``page_url`` is Streamlit's ``st.context.url``: the
        app's address without its trailing slash, plus ``/<url_path>`` on any page
        but the default (``maybe_add_page_path`` in streamlit/runtime/context_util);
        ``page_paths`` are the app's url paths, to take that part off again."""
        base = page_url.removesuffix("/")
        if not here:
            for path in page_paths:
                if path and base.endswith(f"/{path}"):
                    base = base.removesuffix(f"/{path}")
                    break
            base += "/"
        query = urlencode(self.to_params() | ({"embed": "true"} if embed else {}))
        return base + (f"?{query}" if query else "")


@dataclass(frozen=True)
class Notice:
    """A parameter the app could not honour: ``value`` is None for an unknown name.

    Both are bounded, visible prefixes (``trip.text.quote``) of what the URL held.
    """

    param: str
    value: str | None
    # The value was valid when chosen, but the data no longer has it (a trip
    # folder or a stop removed or renamed while the session was open).
    gone: bool = False


def allowed_values(
    stop_ids: Iterable[str],
    theme_ids: Iterable[str],
    trip_ids: Iterable[str] = (),
    step_ids: Iterable[str] = STEPS,
) -> dict[str, tuple[str, ...]]:
    """What each parameter may hold, for a link and for a widget's event alike."""
    return {
        "lang": tuple(LANGS),
        "stop": tuple(stop_ids),
        "theme": tuple(theme_ids),
        "step": tuple(step_ids),
        "trip": tuple(trip_ids),
    }


def accepted(
    changes: Mapping[str, object], allowed: Mapping[str, tuple[str, ...]]
) -> dict[str, str | None]:
    """The changes a widget's event may make (a map click, a chart pick: sent by
    the browser, so checked like a link): known values, or None to clear."""
    return {
        name: value  # type: ignore[misc]
        for name, value in changes.items()
        if value is None or (isinstance(value, str) and value in allowed[name])
    }


def parse_params(
    params: Mapping[str, str | list[str]],
    stop_ids: Iterable[str],
    theme_ids: Iterable[str],
    trip_ids: Iterable[str] = (),
    step_ids: Iterable[str] = STEPS,
) -> tuple[Selection, tuple[Notice, ...]]:
    allowed = allowed_values(stop_ids, theme_ids, trip_ids, step_ids)
    chosen: dict[str, str] = {}
    notices: list[Notice] = []
    for name, raw in params.items():
        if name in RESERVED:
            continue
        value = raw_value(raw).strip().lower()
        if name not in allowed:
            notices.append(Notice(quote(name, NAME_LIMIT), None))
        elif value in allowed[name]:
            chosen[name] = value
        elif value:
            notices.append(Notice(name, quote(raw_value(raw), VALUE_LIMIT)))
    return Selection(**chosen), tuple(notices)


def still_valid(
    chosen: Selection,
    stop_ids: Iterable[str],
    theme_ids: Iterable[str],
    trip_ids: Iterable[str],
    step_ids: Iterable[str],
) -> tuple[Selection, tuple[Notice, ...]]:
    """A session's selection against the data as it is now: what is gone falls
    back to the default, each with a notice. A trip gone takes its stop, theme
    and step with it (they were that trip's)."""
    if chosen.trip is not None and chosen.trip not in set(trip_ids):
        notice = Notice("trip", quote(chosen.trip, VALUE_LIMIT), gone=True)
        return replace(chosen, trip=None, stop=None, theme=None, step=None), (notice,)
    known = {"stop": set(stop_ids), "theme": set(theme_ids), "step": set(step_ids)}
    gone = {
        name: value
        for name in known
        if (value := getattr(chosen, name)) is not None and value not in known[name]
    }
    notices = tuple(
        Notice(name, quote(value, VALUE_LIMIT), gone=True)
        for name, value in gone.items()
    )
    return replace(chosen, **dict.fromkeys(gone)), notices


def raw_value(raw: str | list[str]) -> str:
    """The value that counts: the last one when a parameter is repeated."""
    return (raw[-1] if raw else "") if isinstance(raw, list) else raw
