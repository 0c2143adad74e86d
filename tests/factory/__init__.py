"""Synthetic trips built in code, for tests that are about the app and not about
a bundled trip (as datasette's ``make_app_client`` builds its fixtures).

``write_trip`` writes a complete, valid trip folder from a ``TripSpec``: the
columns come from the schema, so a new column needs no edit here; every fact
row gets a quote from a source it cites (and a kept copy holds its quotes), so
the folder passes ``trip check``. ``specs`` says what a trip may have,
``rows`` makes the rows, ``writing`` the files.
"""

from tests.factory.specs import (
    COORDINATES,
    COPY,
    COPY_RETRIEVED,
    EVERY_KIND,
    PLACES,
    REPORT,
    SHAPES,
    SOURCE,
    About,
    Delegation,
    Figure,
    Goods,
    Item,
    Place,
    TripSpec,
)
from tests.factory.writing import copy_text, write_trip, write_trips

__all__ = [
    "COORDINATES",
    "COPY",
    "COPY_RETRIEVED",
    "EVERY_KIND",
    "PLACES",
    "REPORT",
    "SHAPES",
    "SOURCE",
    "About",
    "Delegation",
    "Figure",
    "Goods",
    "Item",
    "Place",
    "TripSpec",
    "copy_text",
    "write_trip",
    "write_trips",
]
