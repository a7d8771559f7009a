"""`notes list|add|export`: the review notes from the command line."""

from __future__ import annotations

import os
import sys

from yangpu_gis.cli.common import EXIT_OK, FORCE_HELP, CliError, print_json, refuse_existing


def _note_store():
    from yangpu_gis.model.notes_postgres import open_note_store

    store = open_note_store()  # YANGPU_GIS_NOTES_URL: the team's shared table
    for warning in store.warnings:
        print(f"yangpu-gis: warning: {warning}", file=sys.stderr)
    return store


def _notes_errors(command):
    """Run a notes command, turning bad values and unusable files into one-line errors."""

    def run(args) -> int:
        from yangpu_gis.model.note_fields import NoteNotFoundError, NotesError  # not at start-up

        try:
            return command(args)
        except (ValueError, NotesError, NoteNotFoundError) as exc:
            raise CliError(str(exc)) from None

    return run


def _parse_lon_lat(text: str) -> tuple[float, float]:
    parts = text.split(",")
    try:
        if len(parts) != 2:
            raise ValueError
        return float(parts[0]), float(parts[1])
    except ValueError:
        raise CliError(
            f"--at expects LON,LAT in WGS84 degrees such as 121.5096,31.3051, got {text!r}"
        ) from None


def site_representative_point(site_id: str) -> tuple[float, float]:
    """A point inside an embedded site, where a note about the whole site is placed."""
    from yangpu_gis.model.embedded import EMBEDDED_LAYERS, load_embedded_layer

    layer = load_embedded_layer(next(s for s in EMBEDDED_LAYERS if s.kind == "site"))
    ids = [str(value) for value in layer.column("id")]
    if site_id not in ids:
        raise CliError(f"unknown site {site_id!r}; the sites are: {', '.join(sorted(ids))}")
    point = layer.geometry(ids.index(site_id)).representative_point()
    return float(point.x), float(point.y)


@_notes_errors
def cmd_notes_list(args) -> int:
    notes = _note_store().list(site_id=args.site, status=args.status)
    if args.json:
        print_json([n.to_dict() for n in notes])
        return EXIT_OK
    if not notes:
        print("no notes")
    for n in notes:
        where = f"site {n.site_id}" if n.site_id else f"{n.lon:.6f}, {n.lat:.6f}"
        category = f" [{n.category}]" if n.category else ""
        print(f"#{n.id} {n.status:8s} {n.created} {n.author} @ {where}{category}: {n.text}")
    return EXIT_OK


@_notes_errors
def cmd_notes_add(args) -> int:
    if args.site is not None:
        lon, lat = site_representative_point(args.site)
    else:
        lon, lat = _parse_lon_lat(args.at)
    note = _note_store().add(
        args.text, args.author, lon, lat, category=args.category, site_id=args.site
    )
    if args.json:
        print_json(note.to_dict())
    else:
        print(f"added note #{note.id} at {note.lon:.6f}, {note.lat:.6f}")
    return EXIT_OK


@_notes_errors
def cmd_notes_export(args) -> int:
    suffix = os.path.splitext(args.out)[1].lower()
    if suffix in (".geojson", ".json", ".csv"):
        refuse_existing(args.out, args.force)
    store = _note_store()
    if suffix in (".geojson", ".json"):
        count = store.export_geojson(args.out)
    elif suffix == ".csv":
        count = store.export_csv(args.out)
    else:
        raise CliError(f"cannot export notes to {args.out!r}: name a .geojson or .csv file")
    print(f"exported {count} note{'s' if count != 1 else ''} to {args.out}")
    return EXIT_OK


def add_commands(sub) -> None:
    """Add `notes` and its sub-commands."""
    p = sub.add_parser("notes", help="review notes: list, add, export")
    notes = p.add_subparsers(dest="notes_command", metavar="NOTES_COMMAND", required=True)
    q = notes.add_parser("list", help="list the review notes")
    q.add_argument("--json", action="store_true", help="print JSON")
    q.add_argument("--site", metavar="SITE_ID", help="only notes on this site")
    q.add_argument("--status", choices=("open", "resolved"), help="only notes with this status")
    q.set_defaults(func=cmd_notes_list)
    q = notes.add_parser("add", help="add a note at a point or on an embedded site")
    q.add_argument("text", metavar="TEXT")
    q.add_argument("--author", required=True, metavar="NAME")
    where = q.add_mutually_exclusive_group(required=True)
    where.add_argument("--at", metavar="LON,LAT", help="WGS84 longitude,latitude")
    where.add_argument(
        "--site", metavar="SITE_ID", help="an embedded site (see `yangpu-gis sites`)"
    )
    q.add_argument("--category", metavar="C")
    q.add_argument("--json", action="store_true", help="print the new note as JSON")
    q.set_defaults(func=cmd_notes_add)
    q = notes.add_parser("export", help="write all notes to OUT.geojson or OUT.csv")
    q.add_argument("out", metavar="OUT")
    q.add_argument("--force", action="store_true", help=FORCE_HELP)
    q.set_defaults(func=cmd_notes_export)
