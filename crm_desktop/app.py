"""The composition root: reads the command line, then runs a CLI command or the GUI.

    crm-desktop [--data-dir DIR] [--lang en|zh_CN] [--demo] [--smoke-test]   the app
    crm-desktop info [--data-dir DIR]                                      path, schema, counts
    crm-desktop demo [--data-dir DIR] [--people N] [--companies N]           add demo data
    crm-desktop backup [--list] | verify [BACKUP...] | restore BACKUP|--newest   backups
    crm-desktop export FILE [--what contacts|companies|backup] [--filter …]  export a list

The data folder is --data-dir, else $CRM_DESKTOP_DATA_DIR, else the user data folder.
"""

from __future__ import annotations

import argparse
import os
import sys

from . import __version__
from .core.paths import DATA_DIR_ENV, resolve_data_dir


def _data_dir_option(default=None) -> argparse.ArgumentParser:
    options = argparse.ArgumentParser(add_help=False)
    options.add_argument(
        "--data-dir", metavar="DIR", default=default,
        help=f"folder holding the database (default: ${DATA_DIR_ENV} or the user data folder)",
    )
    return options


def build_parser() -> argparse.ArgumentParser:
    # --data-dir is taken before or after the command; a command's own copy of the option
    # leaves the value alone when not given, so "--data-dir X demo" keeps X.
    common = _data_dir_option(default=argparse.SUPPRESS)
    parser = argparse.ArgumentParser(prog="crm-desktop", parents=[_data_dir_option()],
                                     description="An offline-first desktop CRM for small businesses.")
    parser.add_argument("--version", action="version", version=f"crm-desktop {__version__}")
    parser.add_argument("--lang", choices=("en", "zh_CN"), help="language of the interface")
    parser.add_argument("--demo", action="store_true", help="fill an empty database with demo data")
    parser.add_argument("--minimized", action="store_true",
                        help="start in the system tray (as the autostart entry does), or minimised")
    parser.add_argument("--smoke-test", action="store_true",
                        help="open the main window, check it, and exit (offscreen when there is no display)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.add_parser("info", parents=[common], help="show the database path, schema version and counts")
    demo = sub.add_parser("demo", parents=[common], help="add realistic demo data")
    demo.add_argument("--people", type=int, default=400)
    demo.add_argument("--companies", type=int, default=150)
    backup = sub.add_parser("backup", parents=[common], help="make a verified backup now (or list them)")
    backup.add_argument("--list", action="store_true", help="list the backups with date, size and counts")
    backup.add_argument("--reason", default="manual", help="word put in the backup's name")
    verify = sub.add_parser("verify", parents=[common],
                            help="check the database and its backups with PRAGMA integrity_check")
    verify.add_argument("backups", nargs="*", metavar="BACKUP", help="only these backup files")
    restore = sub.add_parser("restore", parents=[common],
                             help="replace the database by a backup (the current one is backed up first)")
    restore.add_argument("backup", nargs="?", metavar="BACKUP", help="backup file (default: --newest)")
    restore.add_argument("--newest", action="store_true", help="the newest backup that passes the check")
    export = sub.add_parser("export", parents=[common],
                            help="export contacts or companies to .xlsx, .csv or .vcf, or a backup workbook")
    export.add_argument("file", metavar="FILE", help="the file to write; its suffix picks the format")
    export.add_argument("--what", choices=("contacts", "companies", "deals", "backup"), default="contacts")
    export.add_argument("--filter", default="", metavar="TEXT", help="only records this search text finds")
    export.add_argument("--tag", metavar="NAME", help="only records with this tag")
    export.add_argument("--owner", metavar="NAME", help="only records of this owner")
    export.add_argument("--sort", default="name", metavar="KEY", help="name, city, created, … (default name)")
    export.add_argument("--descending", action="store_true")
    export.add_argument("--columns", metavar="KEYS", help="comma-separated field keys (default: the list's)")
    export.add_argument("--vcard-version", choices=("3.0", "4.0"), default="3.0")
    export.add_argument("--include-do-not-contact", action="store_true",
                        help="also export people marked 'do not contact' (left out by default)")
    imp = sub.add_parser("import", parents=[common], help="import contacts from .xlsx/.xls/.ods/.csv/.vcf")
    imp.add_argument("file", metavar="FILE")
    imp.add_argument("--profile", metavar="NAME", help="use a saved column mapping")
    imp.add_argument("--on-duplicate", choices=("skip", "update", "overwrite", "create"), default="skip",
                     help="what to do with rows that match a contact (update fills empty fields only)")
    imp.add_argument("--dry-run", action="store_true", help="check the file and say what would happen")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    data_dir = resolve_data_dir(args.data_dir)
    if args.command is not None:
        from . import cli

        return cli.run(args, data_dir)
    if args.smoke_test and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from .ui.application import run

    return run(args, data_dir)


if __name__ == "__main__":
    sys.exit(main())
