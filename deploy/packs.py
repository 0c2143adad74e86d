"""The briefing packs nginx serves at ``/pack/``: what readers get in a spike.

Built in the background while nginx already answers, and again whenever a trip's
data changes (issue 18): each look at the trips folder costs a listing and a
``stat`` per data file (``trip.index.look``, ``trip.versions.files_fingerprint``);
only a trip whose fingerprint changed is loaded and rendered, the default trip
first. Every file is written whole (a temporary file, then a rename), so nginx
never serves half a pack.

A broken trip never stops anything: its last good pack stays; with none, a short
page says the pack is not available, and the log names each problem as
``python -m trip check`` would. The other trips' packs are unaffected.
"""

from __future__ import annotations

import logging
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from trip.errors import DataFileError
from trip.i18n import LANGS
from trip.index import ListedTrip, TripIndex, look
from trip.loading import check_trip, load_trip
from trip.text import html_text
from trip.versions import files_fingerprint

LOG = logging.getLogger("deploy")
INDEX = "index.html"

# A pack's state as the index and the placeholder page tell it.
READY, PENDING, BROKEN = "ready", "pending", "broken"


@dataclass(frozen=True)
class Built:
    """What a trip's packs were last made from: its data version and the file
    names (the default trip's packs have fixed names), and whether it loaded."""

    fingerprint: tuple
    names: tuple[str, ...]
    state: str


def pack_name(trip_id: str, lang: str, default: str | None) -> str:
    """The default trip's packs keep the names links have used since there was
    one trip (``briefing-de.html``); every other trip's carry its id."""
    if trip_id == default:
        return f"briefing-{lang}.html"
    return f"{trip_id}-briefing-{lang}.html"


def write_atomically(path: Path, text: str) -> None:
    """A temporary file in the same folder, then a rename: a reader (nginx) sees
    the old file or the new one, never a part; readable by nginx's workers."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(text)
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


class Packs:
    """The pack folder of one deployment; ``refresh()`` brings it up to date."""

    def __init__(self, folder: Path, trips: Path, lang: str = "en") -> None:
        self.folder = folder
        self.trips = trips
        self.lang = lang  # of the problems written to the log
        self.built: dict[str, Built] = {}
        self.toml: DataFileError | None = None  # trips.toml's problem, once logged

    def announce(self) -> TripIndex:
        """What nginx can answer at once: the index, and a page for every pack
        not built yet (a look and a few small files, however many trips)."""
        self.folder.mkdir(parents=True, exist_ok=True)
        self.folder.chmod(0o755)
        index = look(self.trips)
        for trip in index.trips:
            for lang in LANGS:
                path = self.folder / pack_name(trip.trip_id, lang, index.default)
                if not path.exists():
                    write_atomically(path, unavailable(lang, PENDING))
        self.write_index(index)
        return index

    def refresh(self) -> list[str]:
        """Look at the trips folder, build what changed (the default trip
        first); the names written."""
        index = self.announce()
        if index.default_problem is not None and index.default_problem != self.toml:
            self.report("trips.toml", [index.default_problem], None)
        self.toml = index.default_problem
        listed = sorted(index.trips, key=lambda trip: trip.trip_id != index.default)
        written = []
        for trip in listed:
            try:
                written += self.build(trip, index.default)
            except Exception:  # one trip's surprise must not starve the others
                LOG.exception("packs: %s could not be built", trip.trip_id)
            self.write_index(index)
        self.remove_stale(index)
        return written

    def build(self, listed: ListedTrip, default: str | None) -> list[str]:
        """One trip's packs in every language, if its data changed since."""
        folder = self.trips / listed.trip_id
        names = tuple(pack_name(listed.trip_id, lang, default) for lang in LANGS)
        fingerprint = files_fingerprint(folder)
        before = self.built.get(listed.trip_id)
        if before and (before.fingerprint, before.names) == (fingerprint, names):
            return []
        try:
            if listed.problem is not None:
                raise listed.problem
            trip = load_trip(folder)
        except DataFileError:
            self.report(listed.trip_id, check_trip(folder), folder)
            for lang, name in zip(LANGS, names, strict=True):
                path = self.folder / name
                if before is None or before.state != READY or not path.exists():
                    write_atomically(path, unavailable(lang, BROKEN))
            state = BROKEN if before is None or before.state != READY else READY
            self.built[listed.trip_id] = Built(fingerprint, names, state)
            return []
        from trip.pack import pack_html  # heavy (charts); only once needed

        for lang, name in zip(LANGS, names, strict=True):
            write_atomically(self.folder / name, pack_html(trip, lang))
        self.built[listed.trip_id] = Built(fingerprint, names, READY)
        LOG.warning("packs: %s", ", ".join(names))
        return list(names)

    def report(
        self, what: str, problems: list[DataFileError], folder: Path | None
    ) -> None:
        """Each problem in words, as ``python -m trip check`` prints it."""
        from trip.i18n import t
        from trip.messages import message_values

        lines = []
        for error in problems:
            values = message_values(error, self.lang)
            lines.append(f"  {t(self.lang, error.key, **values)}")
            lines.append(f"    {t(self.lang, 'error.where', **values)}")
        where = folder or self.trips
        LOG.error("packs: %s is broken (%s):\n%s", what, where, "\n".join(lines))

    def write_index(self, index: TripIndex) -> None:
        """The page at ``/pack/``: every trip's packs, and which cannot be had."""
        links = []
        for trip in index.trips:
            built = self.built.get(trip.trip_id)
            state = built.state if built else PENDING
            for lang in LANGS:
                name = pack_name(trip.trip_id, lang, index.default)
                links.append((trip.title("de"), lang, name, state))
        page = pack_index(links)
        path = self.folder / INDEX
        if not path.exists() or path.read_text("utf-8") != page:
            write_atomically(path, page)

    def remove_stale(self, index: TripIndex) -> None:
        """The packs of trips no longer listed (removed, renamed, or the default
        changed), and temporary files a stopped build left."""
        keep = {INDEX} | {
            pack_name(trip.trip_id, lang, index.default)
            for trip in index.trips
            for lang in LANGS
        }
        for path in self.folder.iterdir():
            if path.name not in keep and path.suffix in {".html", ".tmp"}:
                path.unlink(missing_ok=True)
        for trip_id in set(self.built) - set(index.ids):
            del self.built[trip_id]


NOTES = {
    PENDING: (
        "Dieses Paket wird gerade erstellt; bitte gleich neu laden.",
        "This pack is being prepared; please reload in a moment.",
    ),
    BROKEN: (
        "Dieses Paket ist gerade nicht verfügbar.",
        "This pack is not available right now.",
    ),
}


def unavailable(lang: str, state: str) -> str:
    """The page at a pack's name while there is no pack to give."""
    german, english = NOTES[state]
    refresh = '<meta http-equiv="refresh" content="5">' if state == PENDING else ""
    return (
        f'<!doctype html><html lang="{lang}"><meta charset="utf-8">{refresh}'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        "<title>Briefing-Paket / Briefing pack</title>"
        f'<p lang="de">{german}</p><p lang="en">{english}</p>'
        '<p><a href="./">Alle Pakete / All packs</a></p></html>\n'
    )


def pack_index(links: list[tuple[str, str, str, str]]) -> str:
    """A plain page linking every pack (titles come from data: escaped)."""
    items = []
    for title, lang, name, state in links:
        note = "" if state == READY else f" — {' / '.join(NOTES[state])}"
        items.append(
            f'<li><a href="{html_text(name)}" hreflang="{lang}">'
            f"{html_text(title)} ({lang.upper()})</a>{note}</li>"
        )
    return (
        '<!doctype html><html lang="de"><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        "<title>Briefing-Pakete / Briefing packs</title>"
        "<h1>Briefing-Pakete / Briefing packs</h1>"
        "<p>Die App ist gerade ausgelastet; hier dieselben Inhalte als Datei. "
        "The app is busy right now; here is the same content as a file.</p>"
        f"<ul>{''.join(items)}</ul></html>\n"
    )
