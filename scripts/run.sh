#!/usr/bin/env bash
# Install crm-desktop into .venv (and, on Debian/Ubuntu, the system libraries Qt
# needs), then start it. Every argument is passed on to the app:
#
#   bash scripts/run.sh --demo                  # the app, with demo data on first run
#   bash scripts/run.sh --data-dir /tmp/try     # a separate data folder
#   bash scripts/run.sh info                    # path, schema version and counts
#
# Safe to run again and again: each step is skipped when already done.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$(pwd)
VENV="${CRM_DESKTOP_VENV:-$ROOT/.venv}"
PYTHON="${PYTHON:-python3}"

say() { printf '[run.sh] %s\n' "$*" >&2; }
warn() { printf '[run.sh] warning: %s\n' "$*" >&2; }
die() { printf '[run.sh] error: %s\n' "$*" >&2; exit 1; }

# pip's output (and the build backend's warnings) goes to a log, shown only on failure.
pip_quiet() {
    local log="$VENV/pip.log"
    if ! "$VENV/bin/python" -m pip --disable-pip-version-check "$@" >"$log" 2>&1; then
        cat "$log" >&2
        die "pip $* failed (full log: $log)"
    fi
}

# Qt's xcb platform plugin and CJK fonts (Debian 12 names).
QT_PACKAGES="libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3
    libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0
    libxcb-xinerama0 libxcb-shape0 libxcb-randr0 libxcb-xfixes0 libxcb-sync1 libxcb-xkb1
    libx11-xcb1 fonts-noto-cjk"

is_installed() {
    dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'
}

install_system_packages() {
    if ! command -v apt-get >/dev/null 2>&1 || ! command -v dpkg-query >/dev/null 2>&1; then
        return 0  # not Debian/Ubuntu (macOS, Windows, other Linux): Qt's wheels bring what they need
    fi
    local missing="" pkg
    for pkg in "$@"; do
        is_installed "$pkg" || missing="$missing $pkg"
    done
    [ -n "$missing" ] || return 0
    local sudo=""
    if [ "$(id -u)" -ne 0 ]; then
        if command -v sudo >/dev/null 2>&1; then
            sudo="sudo"
        else
            warn "not root and no sudo: cannot install$missing"
            return 0
        fi
    fi
    say "installing system packages:$missing"
    # shellcheck disable=SC2086
    if ! { $sudo env DEBIAN_FRONTEND=noninteractive apt-get -q -o DPkg::Lock::Timeout=300 update -qq &&
           $sudo env DEBIAN_FRONTEND=noninteractive apt-get -q -o DPkg::Lock::Timeout=300 \
               install -y -qq $missing >/dev/null; }; then
        warn "could not install$missing; the app may fail to open a window"
    fi
}

needed=$QT_PACKAGES
if ! "$PYTHON" -c 'import ensurepip, venv' >/dev/null 2>&1; then
    needed="$needed python3-venv"  # Debian ships venv support separately
fi
# shellcheck disable=SC2086
install_system_packages $needed

"$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
    || die "Python 3.11 or newer is needed (set PYTHON=/path/to/python3.11)"
if [ ! -x "$VENV/bin/python" ]; then
    say "creating $VENV"
    "$PYTHON" -m venv "$VENV"
fi

# Reinstall only when pyproject.toml changes; the install is editable, so code
# changes need no reinstall.
stamp="$VENV/.installed-app"
want=$("$VENV/bin/python" -c 'import hashlib
print(hashlib.sha256(open("pyproject.toml", "rb").read()).hexdigest())')
if [ ! -x "$VENV/bin/crm-desktop" ] || [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ] \
    || ! "$VENV/bin/python" -I -c 'import crm_desktop' >/dev/null 2>&1; then
    say "installing crm-desktop into $VENV"
    pip_quiet install --upgrade pip
    pip_quiet install -e .
    echo "$want" > "$stamp"
fi

exec "$VENV/bin/crm-desktop" "$@"
