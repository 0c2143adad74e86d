"""Synthetic trips built in code, for tests that are about the app and not about
the 2023 trip (as datasette's ``make_app_client`` builds its fixtures).

``write_trip`` writes a complete, valid trip folder from a few parameters: the
columns come from the schema, so a new column needs no edit here; every fact
row gets a quote from its source, so the folder passes ``trip check``.
"""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from trip.schema import SCHEMA

SOURCE = "synthetic-announcement"
COORDINATES = "synthetic-coordinates"


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

    @property
    def figure_id(self) -> str:
        part = f"-to-{self.through_month}" if self.through_month else ""
        return f"{self.country.lower()}-{self.year}-{self.flow}{part}"


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


def write_trip(root: Path, spec: TripSpec | None = None) -> Path:
    """The trip's folder under ``root`` (created), every file valid."""
    spec = spec or TripSpec()
    folder = root / spec.trip_id
    folder.mkdir(parents=True)
    rows = _rows(spec)
    for table in SCHEMA:
        with (folder / table.file).open("w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(table.model.model_fields))
            writer.writeheader()
            for row in rows.get(table.name, []):
                writer.writerow(row)
    return folder


def write_trips(root: Path, *specs: TripSpec, default: str | None = None) -> Path:
    """A trips folder with these trips and a ``trips.toml`` naming the default."""
    root.mkdir(parents=True, exist_ok=True)
    for spec in specs:
        write_trip(root, spec)
    chosen = default or specs[0].trip_id
    (root / "trips.toml").write_text(f'default = "{chosen}"\n', encoding="utf-8")
    return root


def _rows(spec: TripSpec) -> dict[str, list[dict]]:
    day = spec.first_day
    stops, program, legs = [], [], []
    for number, place in enumerate(spec.places, start=1):
        stops.append(
            {
                "stop_id": place.stop_id,
                "order": number,
                "name_de": place.stop_id.title(),
                "name_en": place.stop_id.title(),
                "name_local": place.stop_id.title(),
                "country": place.country,
                "lat": place.lat,
                "lon": place.lon,
                "coord_basis": "stated",
                "coord_source_id": COORDINATES,
                "coord_anchor": "centre",
                "timezone": place.timezone,
                "status": "announced",
                "source_id": SOURCE,
            }
        )
        theme = spec.themes[(number - 1) % len(spec.themes)] if spec.themes else ""
        program.append(
            {
                "item_id": f"visit-{place.stop_id}",
                "date_start": day.isoformat(),
                "date_end": day.isoformat(),
                "time_local": "10:00",
                "time_status": "announced",
                "stop_id": place.stop_id,
                "country": place.country,
                "themes": theme,
                "status": "reported",
                "basis": "stated",
                "title_de": f"Besuch in {place.stop_id.title()}",
                "title_en": f"Visit to {place.stop_id.title()}",
                "source_ids": SOURCE,
            }
        )
        day += dt.timedelta(days=spec.days_per_stop)
    for country in dict.fromkeys(p.country for p in spec.places):
        days = [
            dt.date.fromisoformat(item["date_start"])
            for item in program
            if item["country"] == country
        ]
        legs.append(
            {
                "leg_id": country.lower(),
                "country": country,
                "date_start": min(days).isoformat(),
                "date_end": max(days).isoformat(),
                "status": "announced",
                "source_id": SOURCE,
            }
        )
    themes = [
        {
            "theme_id": theme,
            "order": order,
            "name_de": f"Thema {theme[-1].upper()}",
            "name_en": f"Theme {theme[-1].upper()}",
            "source_id": SOURCE,
        }
        for order, theme in enumerate(spec.themes, start=1)
    ]
    trade = [
        {
            "figure_id": figure.figure_id,
            "country": figure.country,
            "year": figure.year,
            "flow": figure.flow,
            "value": figure.value,
            "scale": "million",
            "decimals": 0,
            "growth_pct": figure.growth_pct,
            "rank": figure.rank,
            "source_id": SOURCE,
            "through_month": figure.through_month,
        }
        for figure in spec.figures
    ]
    facts = {"stops": stops, "program": program, "legs": legs, "themes": themes}
    quotes = [
        {
            "table": table,
            "row_ids": row[_key(table)],
            "source_id": SOURCE,
            "quote": f"Wortlaut {row[_key(table)]}",
            "gloss_en": f"Wording {row[_key(table)]}",
        }
        for table, found in facts.items()
        for row in found
    ] + [
        {
            "table": "trade",
            "row_ids": figure.figure_id,
            "source_id": SOURCE,
            "quote": f"Der Wert betrug {figure.value:g} Millionen Euro.",
            "gloss_en": f"The value was {figure.value:g} million euros.",
        }
        for figure in spec.figures
    ]
    return {
        **facts,
        "trade": trade,
        "quotes": quotes,
        "sources": [
            {
                "source_id": SOURCE,
                "publisher": "Synthetischer Herausgeber",
                "title": "Ankündigung",
                "date": (spec.first_day - dt.timedelta(days=7)).isoformat(),
                "url": "https://example.org/announcement",
                "language": "de",
                "kind": "announcement",
                "evidence": "made by tests/factory.py",
            },
            {
                "source_id": COORDINATES,
                "publisher": "Synthetische Koordinaten",
                "title": "Orte",
                "url": "https://example.org/places",
                "language": "en",
                "kind": "reference",
                "evidence": "made by tests/factory.py",
            },
        ],
        "trip": [
            {
                "title_de": spec.title,
                "title_en": f"{spec.title} (en)",
                "home_de": "Dresden",
                "home_en": "Dresden",
                "home_timezone": "Europe/Berlin",
                "region_de": "Sachsen",
                "region_en": "Saxony",
                "announcement_source_id": SOURCE,
            }
        ],
    }


def _key(table: str) -> str:
    return {
        "stops": "stop_id",
        "program": "item_id",
        "legs": "leg_id",
        "themes": "theme_id",
    }[table]
