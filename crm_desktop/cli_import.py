"""The ``import`` command: the wizard's engine with the automatic mapping and safe defaults."""

from __future__ import annotations

import argparse
import sys

from .services import Services


def _refuse(text: str) -> int:
    print(f"crm-desktop: {text}", file=sys.stderr)
    return 2


def run_import(services: Services, args: argparse.Namespace) -> int:
    from .interchange.plan import FILL, ImportOptions
    from .interchange.readers import ImportRefused
    from .ui.import_wizard.texts import refusal_text, summary_text

    try:
        plan = services.imports.inspect(args.file)
    except ImportRefused as exc:
        return _refuse(refusal_text(exc.code, exc.detail))
    if args.profile:
        profile = next(
            (p for p in services.imports.profiles() if p.name.casefold() == args.profile.casefold()), None
        )
        if profile is None:
            return _refuse(f"no saved mapping named “{args.profile}”")
        services.imports.apply_profile(plan, profile)
    if not plan.identifies_records():
        return _refuse(refusal_text("no_identity"))
    action = {"update": FILL}.get(args.on_duplicate, args.on_duplicate)
    options = ImportOptions(on_duplicate=action)
    if args.dry_run:
        s = services.imports.summarize(plan, options)
        print(
            f"{args.file}: {s.rows:,} rows; would add {s.new:,}, update {s.updates:,}; "
            f"{s.duplicates:,} duplicates, {s.problems:,} with problems, {s.rejected:,} not importable. "
            "Nothing was changed (dry run)."
        )
        return 0
    result = services.imports.run(plan, options)
    mapped = sum(1 for t in plan.mapping.targets if t)
    print(
        f"Imported {args.file} ({plan.source.format}, {mapped} of {len(plan.headers)} columns mapped"
        f"{', mapping ' + repr(plan.profile) if plan.profile else ''}) as batch {result.batch_id} "
        f"in {result.seconds:.1f} s. "
        + summary_text(result.created, result.updated, result.skipped, result.summary.rejected)
        + ". Undo it from the import history in the app."
    )
    return 0
