#!/usr/bin/env bash
# Build the one-folder app with PyInstaller, then smoke-test the frozen binary.
#
#   bash scripts/build_frozen.sh
#
# Result: dist/crm-desktop/crm-desktop (crm-desktop.exe on Windows). Exits non-zero
# when the build, the smoke test or the schema check fails.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$(pwd)
VENV="${CRM_DESKTOP_VENV:-$ROOT/.venv}"
PYTHON="${PYTHON:-python3}"

section() { printf '\n==== %s ====\n' "$*"; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# pip's output (and the build backend's warnings) goes to a log, shown only on failure.
pip_quiet() {
    local log="$VENV/pip.log"
    if ! "$VENV/bin/python" -m pip --disable-pip-version-check "$@" >"$log" 2>&1; then
        cat "$log" >&2
        die "pip $* failed (full log: $log)"
    fi
}

is_installed() {
    dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'
}

section "System packages"
if command -v apt-get >/dev/null 2>&1 && command -v dpkg-query >/dev/null 2>&1; then
    # Qt's runtime libraries (the smoke test opens the window), and binutils, which
    # PyInstaller uses to inspect shared libraries.
    missing=""
    for pkg in libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3 \
               libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 \
               libxcb-xinerama0 libxcb-shape0 libxcb-randr0 libxcb-xfixes0 libxcb-sync1 libxcb-xkb1 \
               libx11-xcb1 fonts-noto-cjk binutils; do
        is_installed "$pkg" || missing="$missing $pkg"
    done
    if ! "$PYTHON" -c 'import ensurepip, venv' >/dev/null 2>&1; then
        missing="$missing python3-venv"
    fi
    if [ -n "$missing" ]; then
        sudo=""
        if [ "$(id -u)" -ne 0 ]; then
            command -v sudo >/dev/null 2>&1 || die "not root and no sudo: install$missing"
            sudo="sudo"
        fi
        echo "Installing:$missing"
        # shellcheck disable=SC2086
        $sudo env DEBIAN_FRONTEND=noninteractive apt-get -q -o DPkg::Lock::Timeout=300 update -qq
        # shellcheck disable=SC2086
        $sudo env DEBIAN_FRONTEND=noninteractive apt-get -q -o DPkg::Lock::Timeout=300 \
            install -y -qq $missing >/dev/null
    else
        echo "All system packages are already installed."
    fi
else
    echo "Not a Debian/Ubuntu system: skipping system packages."
fi

section "Python environment"
"$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
    || die "Python 3.11 or newer is needed (set PYTHON=/path/to/python3.11)"
[ -x "$VENV/bin/python" ] || "$PYTHON" -m venv "$VENV"
pip_quiet install --upgrade pip
# Editable, like scripts/run.sh and scripts/test.sh, which share this environment; the
# spec takes the package itself from the source tree.
pip_quiet install -e '.[build]'
echo "PyInstaller $("$VENV/bin/python" -m PyInstaller --version)"

section "PyInstaller"
"$VENV/bin/python" -m PyInstaller crm_desktop.spec --noconfirm --clean --log-level WARN

BUNDLE="$ROOT/dist/crm-desktop"
BINARY="$BUNDLE/crm-desktop"
[ -x "$BINARY" ] || BINARY="$BUNDLE/crm-desktop.exe"
[ -x "$BINARY" ] || die "no binary in $BUNDLE"

section "Smoke test of the frozen app"
DATA=$(mktemp -d)
trap 'rm -rf "$DATA"' EXIT
echo "data folder: $DATA"
# Runs the same with or without a display.
if ! QT_QPA_PLATFORM=offscreen "$BINARY" --smoke-test --data-dir "$DATA"; then
    die "the frozen app's smoke test failed"
fi

INFO=$("$BINARY" info --data-dir "$DATA") || { printf '%s\n' "$INFO"; die "'info' failed"; }
printf '%s\n' "$INFO"
version=$(printf '%s\n' "$INFO" | sed -n 's/^schema version: *\([0-9][0-9]*\).*/\1/p')
[ -n "$version" ] || die "'info' printed no schema version"
[ "$version" -ge 1 ] || die "schema version is $version, expected 1 or higher"
echo "schema version $version: OK"

section "Bundle"
echo "$BUNDLE"
du -sh "$BUNDLE" | cut -f1 | sed 's/^/size: /'
if command -v find >/dev/null 2>&1; then
    echo "files: $(find "$BUNDLE" -type f | wc -l | tr -d ' ')"
fi
