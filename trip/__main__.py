"""Command line: ``python -m trip pack [--lang de|en] --out FILE`` writes the
briefing pack, one HTML file that opens with no network and no server."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from trip.briefing import OPENING, briefing_html, inline_assets
from trip.errors import DataFileError
from trip.i18n import DEFAULT_LANG, LANGS, t
from trip.loading import DATA_DIR, load_trip
from trip.messages import message_values
from trip.stops import summarize


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m trip")
    commands = parser.add_subparsers(dest="command", required=True)
    pack = commands.add_parser("pack", help="write the offline briefing pack")
    pack.add_argument("--lang", choices=LANGS, default=DEFAULT_LANG)
    pack.add_argument("--out", type=Path, required=True, help="the HTML file")
    pack.add_argument("--data", type=Path, default=DATA_DIR, help="the data folder")
    args = parser.parse_args(argv)
    try:
        trip = load_trip(args.data)
    except DataFileError as error:
        values = message_values(error, args.lang)
        message = t(args.lang, error.key, **values)
        sys.stderr.write(f"{message}\n{t(args.lang, 'error.where', **values)}\n")
        return 2
    document = briefing_html(
        trip, summarize(trip), args.lang, OPENING, inline_assets(trip, args.lang)
    )
    args.out.write_text(document, encoding="utf-8")
    sys.stdout.write(f"{args.out} ({args.out.stat().st_size:,} bytes)\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
