"""The bundled land shapes (Natural Earth, 1:50m): where the file is, where the
browser fetches it, and the check that reads it at start-up, so a broken file is
a ``DataFileError`` like any other, not a silently empty map."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from trip.errors import DataFileError

BASEMAP_FILE = (
    Path(__file__).resolve().parent.parent / "static/basemap/natural-earth-50m.geojson"
)
# Served by Streamlit's static file serving from ./static (enableStaticServing).
BASEMAP_URL = "/app/static/basemap/natural-earth-50m.geojson"

MAX_BASEMAP_BYTES = 8_000_000  # the shipped file has 0.35 MB
MAX_JSON_DEPTH = 16  # a MultiPolygon's points sit 8 levels deep


def load_basemap(path: Path = BASEMAP_FILE) -> dict[str, Any]:
    """Check the bundled land shapes at start-up: a broken file is a ``DataFileError``
    like any other, not a silently empty map or a crashed server."""
    try:
        size = path.stat().st_size
    except FileNotFoundError as exc:
        raise DataFileError("error.file_missing", path.name) from exc
    if size > MAX_BASEMAP_BYTES:
        raise DataFileError(
            "error.file_too_large",
            path.name,
            value=size,
            details={"limit": MAX_BASEMAP_BYTES},
        )
    try:
        shapes = json.loads(
            path.read_text(encoding="utf-8"), parse_constant=_reject_constant
        )
    except RecursionError as exc:
        raise DataFileError(
            "error.json_too_deep", path.name, details={"limit": MAX_JSON_DEPTH}
        ) from exc
    except (UnicodeDecodeError, ValueError) as exc:
        line = getattr(exc, "lineno", None)
        raise DataFileError("error.not_geojson", path.name, row=line) from exc
    if json_depth(shapes) > MAX_JSON_DEPTH:
        raise DataFileError(
            "error.json_too_deep", path.name, details={"limit": MAX_JSON_DEPTH}
        )
    kind = shapes.get("type") if isinstance(shapes, dict) else type(shapes).__name__
    features = shapes.get("features") if isinstance(shapes, dict) else None
    if kind != "FeatureCollection" or not features or not isinstance(features, list):
        raise DataFileError("error.not_geojson", path.name, field="type", value=kind)
    if not all(isinstance(f, dict) and f.get("type") == "Feature" for f in features):
        raise DataFileError("error.not_geojson", path.name, field="features")
    return shapes


def _reject_constant(name: str) -> None:
    """NaN and Infinity are not JSON, though Python's parser accepts them."""
    raise ValueError(name)


def json_depth(value: Any) -> int:
    """How deeply lists and objects nest, counted without recursion."""
    deepest, pending = 0, [(value, 1)]
    while pending:
        node, depth = pending.pop()
        if isinstance(node, dict | list):
            deepest = max(deepest, depth)
            children = node.values() if isinstance(node, dict) else node
            pending.extend((child, depth + 1) for child in children)
    return deepest
