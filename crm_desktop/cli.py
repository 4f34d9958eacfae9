"""Command-line commands, over the same services as the GUI."""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path

from .core.errors import CrmError
from .services import Services


def _error(exc: CrmError) -> int:
    from .ui.messages import error_text

    print(f"crm-desktop: {error_text(exc)}", file=sys.stderr)
    return 2


def run(args: argparse.Namespace, data_dir: Path) -> int:
    if args.command in ("backup", "verify", "restore"):
        return _trust_command(args, data_dir)
    try:
        services = Services.open(data_dir, passphrase=_passphrase(data_dir))
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
            request = replace(request, include_do_not_contact=args.include_do_not_contact)
            result = services.exports.export(request, path, version=args.vcard_version)
    except ExportError as exc:
        print(f"crm-desktop: {exc.explanation()}", file=sys.stderr)
        return 2
    print(f"Exported {result.rows} {'record' if result.rows == 1 else 'records'} to {result.path}")
    if result.left_out:
        people = "person" if result.left_out == 1 else "people"
        print(f"Left out {result.left_out} {people} marked 'do not contact' "
              "(--include-do-not-contact exports them too)")
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


# -- backups, verify, restore (for scheduled use) -----------------------------------------
PASSPHRASE_ENV = "CRM_DESKTOP_PASSPHRASE"


def _passphrase(data_dir: Path) -> str | None:
    """For an encrypted database: $CRM_DESKTOP_PASSPHRASE, the keychain, or a prompt on a terminal."""
    import os

    from .core.paths import DataPaths
    from .services.backups import needs_passphrase, remembered_passphrase

    database = DataPaths(data_dir).database
    if not needs_passphrase(database):
        return None
    given = os.environ.get(PASSPHRASE_ENV) or remembered_passphrase(str(database.resolve()))
    if given is None and sys.stdin.isatty():
        import getpass

        given = getpass.getpass(f"Passphrase for {database}: ")
    if not given:
        from .core.errors import StorageError, StorageProblem

        raise StorageError(StorageProblem.ENCRYPTED, str(database))
    return given


def _trust_command(args: argparse.Namespace, data_dir: Path) -> int:
    from .core.paths import DataPaths

    paths = DataPaths(data_dir)
    try:
        passphrase = _passphrase(data_dir)
        if args.command == "verify":
            return _verify(paths, passphrase, [Path(p) for p in args.backups])
        if args.command == "restore":
            return _restore(paths, passphrase, args)
        from .services.backups import BackupService

        backups = BackupService.offline(paths, passphrase)  # never waits for the app's writes
        if args.list:
            return _list_backups(backups)
        if not paths.database.exists():
            print(f"crm-desktop: there is no database in {paths.root}", file=sys.stderr)
            return 2
        info = backups.create(args.reason)
        print(f"backup {info.path}: verified, {_describe(info)}")
        return 0
    except CrmError as exc:
        return _error(exc)


def _describe(info) -> str:
    counts = info.counts
    what = f"{counts.contacts} contacts, {counts.companies} companies" if counts else "counts unknown"
    return f"{info.size_bytes / 1_048_576:.1f} MiB, {what}"


def _list_backups(service) -> int:
    backups = service.list()
    print(f"backups in {service.folder}: {len(backups)}")
    for info in backups:
        state = {True: "verified", False: "DAMAGED", None: "not checked"}[info.verified]
        print(f"{info.created_at:%Y-%m-%d %H:%M:%S} UTC  {info.reason:<24} {_describe(info)}  {state}"
              f"{'  encrypted' if info.encrypted else ''}  {info.name}")
    return 0


def _backup_folder(paths) -> Path:
    from .core.settings import Settings

    chosen = Settings.load(paths.settings).backup_dir
    return Path(chosen).expanduser() if chosen else paths.backups


def _verify(paths, passphrase: str | None, only: list[Path]) -> int:
    """integrity_check of the database and every backup; exit 1 if anything is damaged."""
    from .services.backups import backups_in
    from .storage.backups import integrity_problems

    targets = only or [paths.database, *backups_in(_backup_folder(paths))]
    damaged = 0
    for path in targets:
        if not path.exists():
            print(f"missing   {path}")
            damaged += 1
            continue
        key = passphrase if not _plain_file(path) else None
        problems = integrity_problems(path, key, fts=True)
        damaged += bool(problems)
        print(f"{'DAMAGED' if problems else 'ok':<9} {path}" + (f": {problems[0]}" if problems else ""))
    print(f"{len(targets)} checked, {damaged} damaged")
    return 1 if damaged else 0


def _plain_file(path: Path) -> bool:
    from .storage.backups import has_plain_header

    return path.stat().st_size == 0 or has_plain_header(path)


def _restore(paths, passphrase: str | None, args: argparse.Namespace) -> int:
    """Restore a backup; a database that cannot be opened is kept aside instead of backed up."""
    from .core.errors import StorageError, StorageProblem
    from .services.backups import backups_in, restore_closed
    from .storage.backups import integrity_problems

    folder = _backup_folder(paths)
    if args.backup:
        backup = Path(args.backup)
    else:
        good = [p for p in backups_in(folder)
                if not integrity_problems(p, None if _plain_file(p) else passphrase)]
        if not good:
            print(f"crm-desktop: no usable backup in {folder}", file=sys.stderr)
            return 2
        backup = good[0]
    try:
        services = Services.open(paths, passphrase=passphrase)
    except StorageError as exc:
        if exc.problem is not StorageProblem.CORRUPT:
            raise
        kept = restore_closed(paths.database, backup, folder, passphrase)
        print(f"the database could not be opened ({exc}); it was moved to {kept}")
        print(f"restored {backup}")
        return 0
    try:
        safety = services.backups.restore(backup)
        print(f"the database as it was is in {safety}")
        print(f"restored {backup}: {services.counts().contacts} contacts")
    finally:
        services.close()
    return 0
