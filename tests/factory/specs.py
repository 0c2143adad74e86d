"""What a synthetic trip has: its places, programme, trade figures and the rows
about the trip as a whole, as plain values a test can assert against."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

SOURCE = "synthetic-announcement"
COORDINATES = "synthetic-coordinates"
# A second source, in English (so its quotes carry a German gloss): it confirms
# figures, makes them provisional and counts delegations where a spec says so.
REPORT = "synthetic-report"
# Where the announcement's text is kept when a spec asks for a local copy.
COPY = "sources/announcement.txt"
COPY_RETRIEVED = dt.date(2030, 12, 1)


@dataclass(frozen=True)
class Place:
    """A stop: its id, country, coordinates and zone."""

    stop_id: str
    country: str
    lat: float
    lon: float
    timezone: str


PLACES = (
    Place("alpha", "DE", 52.52, 13.405, "Europe/Berlin"),
    Place("beta", "FR", 48.8566, 2.3522, "Europe/Paris"),
    Place("gamma", "FR", 45.764, 4.8357, "Europe/Paris"),
    Place("delta", "IT", 41.9028, 12.4964, "Europe/Rome"),
)


@dataclass
class Figure:
    """A trade figure as ``trade.csv`` has it; the quote holds its value."""

    country: str
    year: int
    value: float
    flow: str = "export"
    growth_pct: float | None = None
    through_month: int | None = None
    rank: int | None = None
    record: bool | None = None
    # Confirmed by ``REPORT`` (``confirmed_by``), whose quote holds it too.
    confirmed: bool = False
    # Provisional as ``REPORT`` says (``provisional_source_id``, stated).
    provisional: bool = False
    # The source names no year: ``year_basis`` inferred, with how it was found.
    year_inferred: bool = False

    @property
    def figure_id(self) -> str:
        part = f"-to-{self.through_month}" if self.through_month else ""
        return f"{self.country.lower()}-{self.year}-{self.flow}{part}"


@dataclass(frozen=True)
class Item:
    """A programme item beyond the one visit per stop: one no source places at a
    stop (a country's announced period, a flight, a day between stops) or one
    over several days. ``day`` counts from the trip's first day."""

    item_id: str
    country: str
    day: int
    days: int = 1
    stop_id: str | None = None
    themes: tuple[str, ...] = ()
    status: str = "announced"
    basis: str = "stated"
    time_local: str | None = None

    def title(self, lang: str) -> str:
        return (
            f"Programmpunkt {self.item_id}" if lang == "de" else f"Item {self.item_id}"
        )

    def detail(self, lang: str) -> str:
        return (
            f"Hintergrund {self.item_id}" if lang == "de" else f"About {self.item_id}"
        )

    def inference(self, lang: str) -> str:
        if lang == "de":
            return f"Erschlossen für {self.item_id}"
        return f"Inferred for {self.item_id}"


@dataclass(frozen=True)
class Delegation:
    """How many travelled, for the part of the trip ``scope`` names."""

    scope: str
    size: int
    approximate: bool = True
    scope_de: str = "für die Reise"
    scope_en: str = "for the trip"
    source: str = SOURCE


@dataclass(frozen=True)
class Goods:
    """The goods groups a source names for a country's trade in a year, in the
    source's order."""

    country: str
    year: int
    groups: tuple[str, ...]


@dataclass(frozen=True)
class About:
    """A statement about the trip as a whole (``about.csv``)."""

    statement_id: str
    topic: str
    basis: str = "stated"

    def text(self, lang: str) -> str:
        return (
            f"Aussage {self.statement_id}"
            if lang == "de"
            else (f"Statement {self.statement_id}")
        )


@dataclass
class TripSpec:
    """What a synthetic trip has; the defaults make a small two-country trip."""

    trip_id: str = "synthetic"
    title: str = "Synthetische Reise"
    places: tuple[Place, ...] = PLACES[:3]
    first_day: dt.date = dt.date(2031, 3, 2)
    days_per_stop: int = 1
    themes: tuple[str, ...] = ("theme-a", "theme-b")
    figures: list[Figure] = field(default_factory=list)
    items: tuple[Item, ...] = ()
    delegation: tuple[Delegation, ...] = ()
    goods: tuple[Goods, ...] = ()
    about: tuple[About, ...] = ()
    # The announcement's text kept in the folder (``COPY``, its SHA-256 in
    # sources.csv, every quote from it found in it) instead of a web address.
    local_copy: bool = False
    home: tuple[str, str] = ("Dresden", "Europe/Berlin")

    def day(self, offset: int) -> dt.date:
        return self.first_day + dt.timedelta(days=offset)


# The shapes of trip the generic tests run on (tests/app/test_every_trip.py),
# beside the bundled ones: two countries with a part of a year, one stop with no
# themes and no figures, four countries with only a trade volume.
SHAPES = (
    TripSpec(
        trip_id="two-countries",
        figures=[
            Figure("DE", 2030, 500, growth_pct=25, rank=3),
            Figure("FR", 2030, 420, growth_pct=-5),
            Figure("FR", 2024, 300),
            Figure("FR", 2030, 210, through_month=6, growth_pct=4),
        ],
    ),
    TripSpec(trip_id="one-stop", title="Ein Halt", places=PLACES[:1], themes=()),
    TripSpec(
        trip_id="volume-only",
        title="Nur Handelsvolumen",
        places=PLACES,
        days_per_stop=2,
        figures=[Figure("IT", 2029, 980, flow="volume", rank=12)],
    ),
)

# Every kind of row the factory makes, in one trip: a country's programme with
# no stop, a flight between stops, a stop's visits over several days (inferred,
# a day not given), a timed meeting, imports and a gap in a history, a
# provisional, confirmed figure, a volume whose year is inferred, goods, the
# delegation, statements about the trip and the announcement as a local copy.
EVERY_KIND = TripSpec(
    trip_id="every-kind",
    title="Reise: Alpha und Beta",
    places=PLACES[:3],
    days_per_stop=3,
    themes=("theme-a", "theme-b", "theme-c"),
    figures=[
        Figure("DE", 2030, 500, growth_pct=25, rank=3, record=True, provisional=True),
        Figure("DE", 2026, 380, confirmed=True),
        Figure("DE", 2030, 120, flow="import"),
        Figure("FR", 2030, 420, growth_pct=-5, rank=7, confirmed=True),
        Figure("FR", 2027, 610, flow="volume", rank=9, year_inferred=True),
        # Older figures, after the rest so as not to move their lines: gaps.
        Figure("DE", 2022, 300),
        Figure("DE", 2027, 90, flow="import"),
    ],
    items=(
        Item("fr-programme", "FR", 3, days=6, themes=("theme-a", "theme-c")),
        Item("fr-workshop", "FR", 3, days=6, themes=("theme-b",), basis="inferred"),
        Item("flight-de-fr", "DE", 2, status="reported"),
        Item(
            "beta-visits",
            "FR",
            3,
            days=3,
            stop_id="beta",
            themes=("theme-c",),
            status="reported",
            basis="inferred",
        ),
        Item(
            "gamma-meeting",
            "FR",
            7,
            stop_id="gamma",
            status="reported",
            time_local="14:30",
        ),
    ),
    delegation=(
        Delegation("whole-trip", 30),
        Delegation(
            "gamma",
            12,
            approximate=False,
            scope_de="in Gamma",
            scope_en="in Gamma",
            source=REPORT,
        ),
    ),
    goods=(Goods("FR", 2030, ("machinery", "chemicals", "vehicles")),),
    about=(
        About("who-travels", "traveller"),
        About("trip-aims", "aims"),
        About("background", "context", basis="inferred"),
    ),
    local_copy=True,
)
