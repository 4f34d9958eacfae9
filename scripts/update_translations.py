"""Refresh the translation catalogue from the source, then compile it.

    python scripts/update_translations.py          # update .ts (keeps translations) and build .qm
    python scripts/update_translations.py --check  # exit 1 if the .ts misses strings or is unfinished

Strings are extracted from crm_desktop/ui (the only layer that shows text).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "crm_desktop" / "ui"
TRANSLATIONS = ROOT / "resources" / "translations"
LANGUAGES = ("zh_CN",)


def tool(name: str) -> str:
    """pyside6-lupdate / pyside6-lrelease from the running interpreter's environment."""
    for candidate in (Path(sys.executable).with_name(f"pyside6-{name}"), shutil.which(f"pyside6-{name}")):
        if candidate and Path(candidate).exists():
            return str(candidate)
    raise SystemExit(f"pyside6-{name} not found; install PySide6-Essentials")


def source_files() -> list[str]:
    return sorted(str(p.relative_to(ROOT)) for p in SOURCES.rglob("*.py"))


def ts_path(language: str) -> Path:
    return TRANSLATIONS / f"crm_desktop_{language}.ts"


def qm_path(language: str) -> Path:
    return TRANSLATIONS / f"crm_desktop_{language}.qm"


def lupdate(target: Path) -> None:
    subprocess.run([tool("lupdate"), "-no-obsolete", "-locations", "relative", *source_files(),
                    "-ts", str(target)], cwd=ROOT, check=True, capture_output=True)


def lrelease(source: Path, target: Path) -> None:
    subprocess.run([tool("lrelease"), "-silent", str(source), "-qm", str(target)], check=True)


def messages(ts_file: Path) -> dict[tuple[str, str], ET.Element]:
    tree = ET.parse(ts_file)
    found = {}
    for context in tree.getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            found[(name, message.findtext("source") or "")] = message
    return found


def unfinished(ts_file: Path) -> list[tuple[str, str]]:
    """Messages without a finished translation (numerus forms included)."""
    missing = []
    for key, message in messages(ts_file).items():
        translation = message.find("translation")
        if not _finished(message, translation):
            missing.append(key)
    return missing


def _finished(message: ET.Element, translation: ET.Element | None) -> bool:
    if translation is None or translation.get("type") in ("unfinished", "vanished", "obsolete"):
        return False
    if message.get("numerus") == "yes":
        forms = [f.text for f in translation.iter("numerusform")]
        return bool(forms) and all(f and f.strip() for f in forms)
    return bool((translation.text or "").strip())


def untranslated_sources(language: str) -> set[tuple[str, str]]:
    """Strings in the source that the committed catalogue lacks."""
    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp) / f"fresh_{language}.ts"
        lupdate(fresh)
        return set(messages(fresh)) - set(messages(ts_path(language)))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    status = 0
    for language in LANGUAGES:
        if args.check:
            missing = untranslated_sources(language) | set(unfinished(ts_path(language)))
            for context, source in sorted(missing):
                print(f"{language}: {context}: {source!r}")
            status |= bool(missing)
            continue
        lupdate(ts_path(language))
        lrelease(ts_path(language), qm_path(language))
        print(f"{ts_path(language).name}: {len(unfinished(ts_path(language)))} unfinished")
    return status


if __name__ == "__main__":
    sys.exit(main())
