"""Where the app's data lives: one place for the app, ``trip check``, ``pack`` and
``deploy/``."""

from __future__ import annotations

from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
TRIPS_DIR = DATA_DIR / "trips"
TRIPS_INDEX = "trips.toml"  # names the trip a link without ?trip= opens
CATALOG_DIR = DATA_DIR / "i18n"
