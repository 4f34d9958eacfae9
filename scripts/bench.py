"""Benchmarks for the figures the foundation must reach, on seeded synthetic data.

    python scripts/bench.py gen --size 1m        # build (or reuse) bench-data/contacts-1m/
    python scripts/bench.py insert               # 100k contacts into a fresh database
    python scripts/bench.py search --size 1m     # search as you type (global box and list filter)
    python scripts/bench.py list --size 1m       # contacts list: first paint, jump to end, memory
    python scripts/bench.py startup --size 1m    # start-up to a shown main window vs a bare window
    python scripts/bench.py customer             # a customer page with 5,000 / 20,000 timeline entries
    python scripts/bench.py export --size 100k  # contacts to .xlsx against bare writers, and 1M
    python scripts/bench.py all --size 1m

Add ``--write`` to put the results into docs/benchmarks.md (each command owns one
section of that file and leaves the others alone). Databases are cached under
bench-data/ (git-ignored) and reused while their manifest matches the seed.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
SCRIPTS = Path(__file__).resolve().parent
if str(SCRIPTS) not in sys.path:
    sys.path.insert(0, str(SCRIPTS))

import bench_common as common  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)

    def add(name: str, help_text: str, size: bool = True, default_size: str = "1m"):
        p = sub.add_parser(name, help=help_text)
        if size:
            p.add_argument("--size", default=default_size, choices=sorted(common.SIZES),
                           help="database size (default %(default)s)")
        p.add_argument("--write", action="store_true", help="update docs/benchmarks.md")
        return p

    p = add("gen", "build the seeded database of the given size (reused if present)")
    p.add_argument("--force", action="store_true", help="rebuild even if a cached copy exists")
    p = add("insert", "insert contacts through the services into a fresh database", size=False)
    p.add_argument("--count", type=int, default=100_000)
    p.add_argument("--runs", type=int, default=3)
    p = add("search", "search as you type: global search box and list filter")
    p.add_argument("--rounds", type=int, default=15, help="timed passes over the query set")
    p = add("list", "contacts list view: first paint, jump to last row, memory")
    p.add_argument("--runs", type=int, default=5)
    p = add("startup", "start-up to a shown main window vs a bare window")
    p.add_argument("--runs", type=int, default=7)
    p = add("reminders", "due now, keep-in-touch rule and Reminders page over 100,000 tasks")
    p.add_argument("--runs", type=int, default=30)
    p = add("customer", "customer page: person (5,000 entries) and company (20,000) first paint, scroll",
            size=False)
    p.add_argument("--runs", type=int, default=7)
    p = add("export", "export contacts to .xlsx against bare writers, then a large export",
            default_size="100k")
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--big", default="1m", help="size of the one large export (none: skip)")
    p = sub.add_parser("_export-child")
    p.add_argument("mode", choices=("export", "ratio", "writers"))
    p.add_argument("--size", required=True)
    p.add_argument("--format", default="xlsx")
    p.add_argument("--runs", type=int, default=3)
    p = add("import", "import a contacts workbook (or --memory: peak memory at a million rows)", size=False)
    p.add_argument("--rows", type=int, default=100_000)
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--memory", action="store_true", help="peak memory of an import against a bare read")
    p.add_argument("--worker", choices=("auto", "on", "off"), default="auto",
                   help="check the rows in a second process: when a core is idle (auto), always, never")
    p = add("pipeline", "pipeline board (2,000 open deals) and forecast (100,000 deals)", size=False)
    p.add_argument("--runs", type=int, default=7)
    p = add("trust", "backup while the app is in use vs a file copy; encryption's cost on search and list")
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--rounds", type=int, default=15, help="passes over the typed queries")
    p = add("all", "every benchmark")
    p.add_argument("--runs", type=int, default=0, help="override the number of runs of each")
    # Children run in fresh processes (memory and start-up must not see the parent's state).
    p = sub.add_parser("_import-memory")
    p.add_argument("mode", choices=("read", "import"))
    p.add_argument("path")
    p.add_argument("data")
    p = sub.add_parser("_pipeline-child")
    p.add_argument("--data-dir", required=True)
    p.add_argument("--runs", type=int, default=7)
    p = sub.add_parser("_list-child")
    p.add_argument("--data-dir", required=True)
    p.add_argument("--widget", choices=("view", "page"), default="view")
    p = sub.add_parser("_trust-list-child")
    p.add_argument("--data-dir", required=True)
    p.add_argument("--widget", choices=("view", "page"), default="page")
    sub.add_parser("_bare-window")
    p = add("dedupe", "duplicate scan over 100k and 1M contacts; precision and recall", size=False)
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--sizes", default="100k,1m")
    p = sub.add_parser("_dedupe-child")
    p.add_argument("--data-dir", required=True)
    p = add("dashboard", "dashboard over 1M contacts, 100k deals, 1M activities: figures and first paint",
            size=False)
    p.add_argument("--runs", type=int, default=5)
    p = add("segments", "segments of three conditions: count and first page")
    p.add_argument("--runs", type=int, default=7)
    p = add("undo", "undo and redo of bulk actions on 1,000 and 50,000 people and of one edit",
            default_size="100k")
    p.add_argument("--runs", type=int, default=3)
    p = add("privacy", "do not contact at scale: counts, exports, the keep-in-touch rule; checked edits")
    p.add_argument("--runs", type=int, default=3)

    args = parser.parse_args(argv)
    if args.command == "gen":
        import bench_gen
        result = bench_gen.run(args.size, force=args.force)
    elif args.command == "insert":
        import bench_insert
        result = bench_insert.run(args.count, args.runs)
    elif args.command == "search":
        import bench_search
        result = bench_search.run(args.size, args.rounds)
    elif args.command == "list":
        import bench_list
        result = bench_list.run(args.size, args.runs)
    elif args.command == "reminders":
        import bench_reminders
        result = bench_reminders.run(args.size, args.runs)
    elif args.command == "startup":
        import bench_startup
        result = bench_startup.run(args.size, args.runs)
    elif args.command == "customer":
        import bench_customer
        result = bench_customer.run(args.runs)
    elif args.command == "export":
        import bench_export
        result = bench_export.run(args.size, args.runs, None if args.big == "none" else args.big)
    elif args.command == "_export-child":
        import bench_export
        return bench_export.child(args.mode, args.size, args.format, args.runs)
    elif args.command == "trust":
        import bench_trust
        result = bench_trust.run(args.size, args.runs, args.rounds)
    elif args.command == "all":
        import bench_gen
        import bench_insert
        import bench_list
        import bench_search
        import bench_startup
        for step in (
            lambda: bench_gen.run(args.size),
            lambda: bench_insert.run(100_000, args.runs or 3),
            lambda: bench_search.run(args.size, args.runs or 15),
            lambda: bench_list.run(args.size, args.runs or 5),
            lambda: bench_startup.run(args.size, args.runs or 7),
        ):
            r = step()
            if args.write:
                common.write_section(r)
        return 0
    elif args.command == "import":
        import bench_import
        result = (bench_import.run_memory(args.rows) if args.memory
                  else bench_import.run(args.rows, args.runs, args.worker))
    elif args.command == "_import-memory":
        import bench_import
        return bench_import.memory_child(args.mode, args.path, args.data)
    elif args.command == "pipeline":
        import bench_pipeline
        result = bench_pipeline.run(args.runs)
    elif args.command == "_pipeline-child":
        import bench_pipeline
        return bench_pipeline.child(Path(args.data_dir), args.runs)
    elif args.command == "_list-child":
        import bench_list
        return bench_list.child(Path(args.data_dir), args.widget)
    elif args.command == "_trust-list-child":
        import bench_trust
        return bench_trust.list_child(Path(args.data_dir), args.widget)
    elif args.command == "_bare-window":
        import bench_startup
        return bench_startup.bare_window()
    elif args.command == "dedupe":
        import bench_dedupe
        result = bench_dedupe.run(tuple(args.sizes.split(",")), args.runs)
    elif args.command == "_dedupe-child":
        import bench_dedupe
        return bench_dedupe.child(Path(args.data_dir))
    elif args.command == "dashboard":
        import bench_dashboard
        result = bench_dashboard.run(args.runs)
    elif args.command == "segments":
        import bench_segments
        result = bench_segments.run(args.size, args.runs)
    elif args.command == "privacy":
        import bench_privacy
        result = bench_privacy.run(args.size, args.runs)
    elif args.command == "undo":
        import bench_undo
        result = bench_undo.run(args.size, args.runs)
    else:  # pragma: no cover
        parser.error(args.command)
    if getattr(args, "write", False) and result is not None:
        common.write_section(result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
