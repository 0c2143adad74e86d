"""Command line.

``python -m trip pack [--lang de|en] --out FILE`` writes the briefing pack, one
HTML file that opens with no network and no server.
``python -m trip check [FOLDER ...] [--lang de|en]`` checks trips' folders and
prints every problem (file, line, field, value, what was expected); exit status 1
if any folder has one. The language follows the terminal's (``LANG``), German by
default.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from trip.discovery import default_trip_dir
from trip.errors import DataFileError
from trip.i18n import DEFAULT_LANG, LANGS, t
from trip.loading import check_trip, load_trip
from trip.messages import message_values
from trip.pack import pack_html


def main(argv: list[str] | None = None) -> int:
    # Named as it was called: `trip` (the entry point) or `python -m trip`.
    called = Path(sys.argv[0]).name
    parser = argparse.ArgumentParser(
        prog="python -m trip" if called == "__main__.py" else called
    )
    commands = parser.add_subparsers(dest="command", required=True)
    pack = commands.add_parser("pack", help="write the offline briefing pack")
    pack.add_argument("--lang", choices=LANGS, default=DEFAULT_LANG)
    pack.add_argument("--out", type=Path, required=True, help="the HTML file")
    pack.add_argument(
        "--data", type=Path, help="a trip's folder (default: the default trip's)"
    )
    check = commands.add_parser("check", help="check trips' folders")
    check.add_argument(
        "folders", type=Path, nargs="*", help="default: the default trip's"
    )
    check.add_argument("--lang", choices=LANGS, default=terminal_lang())
    args = parser.parse_args(argv)
    try:
        if args.command == "check":
            folders = args.folders or [default_trip_dir()]
            return max(run_check(folder, args.lang) for folder in folders)
        trip = load_trip(args.data)
    except DataFileError as error:  # trips.toml, or the pack's trip: no traceback
        values = message_values(error, args.lang)
        message = t(args.lang, error.key, **values)
        sys.stderr.write(f"{message}\n{t(args.lang, 'error.where', **values)}\n")
        return 2
    args.out.write_text(pack_html(trip, args.lang), encoding="utf-8")
    sys.stdout.write(f"{args.out} ({args.out.stat().st_size:,} bytes)\n")
    return 0


def terminal_lang() -> str:
    """The terminal's language if the app has it, else German."""
    setting = os.environ.get("LC_ALL") or os.environ.get("LANG") or ""
    code = setting.split("_")[0].split(".")[0].lower()
    return code if code in LANGS else DEFAULT_LANG


def run_check(folder: Path, lang: str) -> int:
    problems = check_trip(folder)
    for error in problems:
        values = message_values(error, lang)
        sys.stdout.write(
            f"{t(lang, error.key, **values)}\n  {t(lang, 'error.where', **values)}\n"
        )
    if problems:
        sys.stdout.write(t(lang, "check.problems", count=len(problems), folder=folder))
        sys.stdout.write("\n")
        return 1
    sys.stdout.write(t(lang, "check.clean", folder=folder) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
