"""Command-line commands, over the same services as the GUI."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .core.errors import CrmError
from .services import Services


def _error(exc: CrmError) -> int:
    from .ui.messages import error_text

    print(f"crm-desktop: {error_text(exc)}", file=sys.stderr)
    return 2


def run(args: argparse.Namespace, data_dir: Path) -> int:
    try:
        services = Services.open(data_dir)
    except CrmError as exc:
        return _error(exc)
    try:
        if args.command == "info":
            return _info(services)
        if args.command == "import":
            from .cli_import import run_import

            return run_import(services, args)
        if args.command == "demo":
            people, firms = services.seed_demo(people=args.people, firms=args.companies)
            print(f"Added {people} contacts and {firms} companies to {services.info().database}")
            return 0
        if args.command == "export":
            return _export(services, args)
    except CrmError as exc:
        return _error(exc)
    finally:
        services.close()
    return 1


def _export(services: Services, args: argparse.Namespace) -> int:
    from .services.exports import ExportError

    path = Path(args.file).expanduser().resolve()
    try:
        if args.what == "backup":
            result = services.exports.backup(path)
        else:
            request = services.exports.request_for(
                args.what, search=args.filter, tag=args.tag, owner=args.owner, sort=args.sort,
                descending=args.descending, columns=args.columns.split(",") if args.columns else ())
            result = services.exports.export(request, path, version=args.vcard_version)
    except ExportError as exc:
        print(f"crm-desktop: {exc.explanation()}", file=sys.stderr)
        return 2
    print(f"Exported {result.rows} {'record' if result.rows == 1 else 'records'} to {result.path}")
    return 0


def _info(services: Services) -> int:
    info = services.info()
    c = info.counts
    print(f"data folder:    {info.data_dir}")
    print(f"database:       {info.database} ({info.size_bytes / 1_048_576:.1f} MiB)")
    print(f"schema version: {info.schema_version}")
    print(f"contacts:       {c.contacts}")
    print(f"companies:      {c.companies}")
    print(f"tags:           {c.tags}")
    print(f"owners:         {c.users}")
    print(f"in the trash:   {c.trashed}")
    return 0
