"""A spec's rows, file by file: every fact row with a quote from a source it
cites, so the folder passes ``trip check``."""

from __future__ import annotations

import datetime as dt

from tests.factory.specs import (
    COORDINATES,
    COPY,
    REPORT,
    SOURCE,
    Figure,
    TripSpec,
)

Rows = dict[str, list[dict]]


def rows(spec: TripSpec) -> Rows:
    """Every file's rows but the local copy's record (``writing`` adds it)."""
    stops, program = _stops_and_visits(spec)
    program += [_item(spec, item) for item in spec.items]
    facts = {
        "about": [_statement(spec, about) for about in spec.about],
        "themes": _themes(spec),
        "stops": stops,
        "legs": _legs(spec, program),
        "program": program,
        "trade": [_figure(figure) for figure in spec.figures],
        "goods": [
            {
                "goods_id": f"{goods.country.lower()}-{goods.year}-{group}",
                "country": goods.country,
                "year": goods.year,
                "order": order,
                "group": group,
                "name_de": f"Warengruppe {group}",
                "name_en": f"goods group {group}",
                "source_id": SOURCE,
            }
            for goods in spec.goods
            for order, group in enumerate(goods.groups, start=1)
        ],
        "delegation": [
            {
                "scope": size.scope,
                "scope_de": size.scope_de,
                "scope_en": size.scope_en,
                "size": size.size,
                "approximate": "true" if size.approximate else "false",
                "source_id": size.source,
            }
            for size in spec.delegation
        ],
    }
    return {
        **facts,
        "quotes": _quotes(facts, spec.figures),
        "sources": _sources(spec, facts),
        "trip": [
            {
                "title_de": spec.title,
                "title_en": f"{spec.title} (en)",
                "home_de": spec.home[0],
                "home_en": spec.home[0],
                "home_timezone": spec.home[1],
                "region_de": "Sachsen",
                "region_en": "Saxony",
                "announcement_source_id": SOURCE,
            }
        ],
    }


def _stops_and_visits(spec: TripSpec) -> tuple[list[dict], list[dict]]:
    """A stop per place and one timed, reported visit on its day."""
    day = spec.first_day
    stops, program = [], []
    for number, place in enumerate(spec.places, start=1):
        name = place.stop_id.title()
        stops.append(
            {
                "stop_id": place.stop_id,
                "order": number,
                "name_de": name,
                "name_en": name,
                "name_local": name,
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
                "title_de": f"Besuch in {name}",
                "title_en": f"Visit to {name}",
                "source_ids": SOURCE,
            }
        )
        day += dt.timedelta(days=spec.days_per_stop)
    return stops, program


def _item(spec: TripSpec, item) -> dict:
    inferred = item.basis == "inferred"
    return {
        "item_id": item.item_id,
        "date_start": spec.day(item.day).isoformat(),
        "date_end": spec.day(item.day + item.days - 1).isoformat(),
        "time_local": item.time_local,
        "time_status": "announced" if item.time_local else None,
        "stop_id": item.stop_id,
        "country": item.country,
        "themes": ";".join(item.themes),
        "status": item.status,
        "basis": item.basis,
        **{f"title_{lang}": item.title(lang) for lang in ("de", "en")},
        **{f"detail_{lang}": item.detail(lang) for lang in ("de", "en")},
        **{
            f"inference_{lang}": item.inference(lang) if inferred else None
            for lang in ("de", "en")
        },
        "source_ids": SOURCE,
    }


def _legs(spec: TripSpec, program: list[dict]) -> list[dict]:
    """A leg per country, over the days of its items."""
    countries = [p.country for p in spec.places] + [i.country for i in spec.items]
    legs = []
    for country in dict.fromkeys(countries):
        starts = [i["date_start"] for i in program if i["country"] == country]
        ends = [i["date_end"] for i in program if i["country"] == country]
        legs.append(
            {
                "leg_id": country.lower(),
                "country": country,
                "date_start": min(starts),
                "date_end": max(ends),
                "status": "announced",
                "source_id": SOURCE,
            }
        )
    return legs


def _themes(spec: TripSpec) -> list[dict]:
    return [
        {
            "theme_id": theme,
            "order": order,
            "name_de": f"Thema {theme[-1].upper()}",
            "name_en": f"Theme {theme[-1].upper()}",
            "source_id": SOURCE,
        }
        for order, theme in enumerate(spec.themes, start=1)
    ]


def _statement(spec: TripSpec, about) -> dict:
    inferred = about.basis == "inferred"
    return {
        "statement_id": about.statement_id,
        "order": spec.about.index(about) + 1,
        "topic": about.topic,
        "text_de": about.text("de"),
        "text_en": about.text("en"),
        "status": "announced",
        "basis": about.basis,
        "inference_de": f"Erschlossen: {about.statement_id}" if inferred else None,
        "inference_en": f"Inferred: {about.statement_id}" if inferred else None,
        "source_id": SOURCE,
    }


def _figure(figure: Figure) -> dict:
    return {
        "figure_id": figure.figure_id,
        "country": figure.country,
        "year": figure.year,
        "flow": figure.flow,
        "value": figure.value,
        "scale": "million",
        "decimals": 0,
        "growth_pct": figure.growth_pct,
        "rank": figure.rank,
        "record": None if figure.record is None else str(figure.record).lower(),
        "provisional": "true" if figure.provisional else None,
        "source_id": SOURCE,
        "confirmed_by": REPORT if figure.confirmed else None,
        "provisional_source_id": REPORT if figure.provisional else None,
        "provisional_basis": "stated" if figure.provisional else None,
        "through_month": figure.through_month,
        **(
            {
                "year_basis": "inferred",
                "year_inference_de": f"Jahr erschlossen für {figure.figure_id}",
                "year_inference_en": f"Year inferred for {figure.figure_id}",
            }
            if figure.year_inferred
            else {}
        ),
    }


def _key(table: str) -> str:
    return {
        "about": "statement_id",
        "stops": "stop_id",
        "program": "item_id",
        "legs": "leg_id",
        "themes": "theme_id",
        "goods": "goods_id",
        "delegation": "scope",
    }[table]


# The fact files whose rows get a quote with the row's id, in the order the
# quotes are written (trade figures' quotes, which hold their value, follow).
QUOTED = ("stops", "program", "legs", "themes", "about", "goods", "delegation")


def _quotes(facts: Rows, figures: list[Figure]) -> list[dict]:
    """Words for every fact from a source it cites (a trade figure's hold its
    value, from each source that gives it); ``REPORT`` writes English."""
    quotes = []
    for table in QUOTED:
        for row in facts[table]:
            key = row[_key(table)]
            if row.get("source_id", SOURCE) == REPORT:
                quotes.append(_quote(table, key, REPORT, f"Wording {key}"))
            else:
                quotes.append(_quote(table, key, SOURCE, f"Wortlaut {key}"))
    for figure in figures:
        value = f"{figure.value:g}"
        quotes.append(
            _quote(
                "trade",
                figure.figure_id,
                SOURCE,
                f"Der Wert betrug {value} Millionen Euro.",
                f"The value was {value} million euros.",
            )
        )
        if figure.confirmed:
            quotes.append(
                _quote(
                    "trade",
                    figure.figure_id,
                    REPORT,
                    f"The value was {value} million euros.",
                    f"Der Wert betrug {value} Millionen Euro.",
                )
            )
    return quotes


def _quote(
    table: str, key: str, source: str, words: str, gloss: str | None = None
) -> dict:
    """A quote with a gloss in the UI language its source is not written in."""
    if source == REPORT:
        return {
            "table": table,
            "row_ids": key,
            "source_id": source,
            "quote": words,
            "gloss_de": gloss or f"Wortlaut {key}",
        }
    return {
        "table": table,
        "row_ids": key,
        "source_id": source,
        "quote": words,
        "gloss_en": gloss or f"Wording {key}",
    }


def _sources(spec: TripSpec, facts: Rows) -> list[dict]:
    """The announcement and the coordinates' reference; the report where a row
    cites it. With a local copy, the announcement has no web address: its
    record (``local_copy``, ``retrieved``, ``sha256``) is ``writing``'s."""
    found = [
        {
            "source_id": SOURCE,
            "publisher": "Synthetischer Herausgeber",
            "title": "Ankündigung",
            "date": (spec.first_day - dt.timedelta(days=7)).isoformat(),
            "url": None if spec.local_copy else "https://example.org/announcement",
            "local_copy": COPY if spec.local_copy else None,
            "language": "de",
            "kind": "announcement",
            "evidence": "made by tests.factory",
        },
        {
            "source_id": COORDINATES,
            "publisher": "Synthetische Koordinaten",
            "title": "Orte",
            "url": "https://example.org/places",
            "language": "en",
            "kind": "reference",
            "evidence": "made by tests.factory",
        },
    ]
    cited = {
        row.get(field)
        for rows in facts.values()
        for row in rows
        for field in ("source_id", "confirmed_by", "provisional_source_id")
    }
    if REPORT in cited:
        found.append(
            {
                "source_id": REPORT,
                "publisher": "Synthetic Wire",
                "publisher_short": "SW",
                "title": "Report",
                "date": spec.day(1).isoformat(),
                "url": "https://example.org/report",
                "language": "en",
                "kind": "report",
                "evidence": "made by tests.factory",
            }
        )
    return found
