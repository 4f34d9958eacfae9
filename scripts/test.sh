#!/usr/bin/env bash
# Install everything the test suite needs, then lint and run the whole suite.
#
#   bash scripts/test.sh [pytest arguments...]
#
# Safe to run again and again: system packages are installed only when one is
# missing, the virtual environment (.venv) is created only once, and the Python
# packages are reinstalled only when pyproject.toml changes.
# Exits non-zero when an install step, the linter or a test fails.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$(pwd)
VENV="${CRM_DESKTOP_VENV:-$ROOT/.venv}"
PYTHON="${PYTHON:-python3}"

section() { printf '\n==== %s ====\n' "$*"; }
warn() { printf 'warning: %s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# pip's output (and the build backend's warnings) goes to a log, shown only on failure.
pip_quiet() {
    local log="$VENV/pip.log"
    if ! "$VENV/bin/python" -m pip --disable-pip-version-check "$@" >"$log" 2>&1; then
        cat "$log" >&2
        die "pip $* failed (full log: $log)"
    fi
}

# Qt's xcb platform plugin and CJK fonts (Debian 12 names).
QT_PACKAGES=(
    libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3
    libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0
    libxcb-xinerama0 libxcb-shape0 libxcb-randr0 libxcb-xfixes0 libxcb-sync1 libxcb-xkb1
    libx11-xcb1 fonts-noto-cjk
)
# A virtual screen, a system-tray host, input and screenshots for the real-window tests.
DESKTOP_TEST_PACKAGES=(xvfb xauth trayer xdotool x11-apps imagemagick)

# -- system packages -----------------------------------------------------------------
is_installed() {
    dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'
}

install_system_packages() {
    if ! command -v apt-get >/dev/null 2>&1 || ! command -v dpkg-query >/dev/null 2>&1; then
        echo "Not a Debian/Ubuntu system: install Qt's runtime libraries, Xvfb, trayer, xdotool"
        echo "and ImageMagick yourself; tests that need a real screen skip without them."
        return 0
    fi
    local missing=() pkg
    for pkg in "$@"; do
        is_installed "$pkg" || missing+=("$pkg")
    done
    if [ ${#missing[@]} -eq 0 ]; then
        echo "All ${#} system packages are already installed."
        return 0
    fi
    local sudo=()
    if [ "$(id -u)" -ne 0 ]; then
        if command -v sudo >/dev/null 2>&1; then
            sudo=(sudo)
        elif [ -n "${CI:-}" ]; then
            die "missing system packages and no way to install them: ${missing[*]}"
        else
            warn "not root and no sudo: cannot install ${missing[*]}"
            warn "tests that need them will be skipped"
            return 0
        fi
    fi
    echo "Installing (this can take a few minutes): ${missing[*]}"
    local apt=(env DEBIAN_FRONTEND=noninteractive apt-get -q -o Dpkg::Use-Pty=0
               -o DPkg::Lock::Timeout=300)
    "${sudo[@]}" "${apt[@]}" update -qq
    "${sudo[@]}" "${apt[@]}" install -y -qq "${missing[@]}" >/dev/null
    for pkg in "${missing[@]}"; do
        is_installed "$pkg" || die "system package $pkg did not install"
    done
    echo "Installed ${#missing[@]} system package(s)."
}

# -- Python environment --------------------------------------------------------------
ensure_venv() {
    "$PYTHON" - <<'PY' || die "Python 3.11 or newer is needed (set PYTHON=/path/to/python3.11)"
import sys
sys.exit(sys.version_info < (3, 11))
PY
    if [ ! -x "$VENV/bin/python" ]; then
        echo "Creating $VENV"
        "$PYTHON" -m venv "$VENV"
    else
        echo "Using $VENV"
    fi
}

# Reinstall only when pyproject.toml (dependencies, entry points) or the extras change.
pip_install() {
    local spec=$1 stamp
    stamp="$VENV/.installed-$(printf '%s' "$spec" | tr -c 'A-Za-z0-9' '_')"
    local want
    want=$("$VENV/bin/python" -c 'import hashlib, sys
print(hashlib.sha256(open("pyproject.toml", "rb").read() + sys.argv[1].encode()).hexdigest())' "$spec")
    # -I: import from the environment, not from the current folder.
    if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] \
        && "$VENV/bin/python" -I -c 'import crm_desktop' >/dev/null 2>&1; then
        echo "Python packages are up to date ($spec)."
        return 0
    fi
    echo "Installing $spec into $VENV (pip log: $VENV/pip.log)"
    pip_quiet install --upgrade pip
    pip_quiet install -e "$spec"
    echo "$want" > "$stamp"
    echo "Done."
}

section "System packages"
needed=("${QT_PACKAGES[@]}" "${DESKTOP_TEST_PACKAGES[@]}")
# Debian splits venv support out of python3.
if ! "$PYTHON" -c 'import ensurepip, venv' >/dev/null 2>&1; then
    needed+=("python3-venv")
fi
install_system_packages "${needed[@]}"

section "Python environment"
ensure_venv
pip_install ".[test]"
"$VENV/bin/python" -m pip list --disable-pip-version-check 2>/dev/null \
    | grep -iE '^(pyside6[-_]essentials|peewee|pytest|pytest-qt|ruff) ' || true

export PATH="$VENV/bin:$PATH"


section "Lint (ruff check .)"
ruff check .

section "Tests (python -m pytest${*:+ $*})"
# A test that hangs (say, on a modal dialog nobody closes) must not hold CI until its own
# limit: after 5 minutes in one test pytest prints every thread's stack, and the whole run
# is interrupted after CRM_DESKTOP_TEST_TIMEOUT seconds (default one hour).
limit="${CRM_DESKTOP_TEST_TIMEOUT:-3600}"
guard=()
if command -v timeout >/dev/null 2>&1; then
    guard=(timeout --signal=INT --kill-after=60)
    [ -t 0 ] && guard+=(--foreground)  # keep Ctrl-C working in a terminal
    guard+=("$limit")
fi
status=0
${guard[@]+"${guard[@]}"} python -m pytest -o faulthandler_timeout=300 "$@" || status=$?
if [ "$status" -eq 124 ] || [ "$status" -eq 137 ]; then
    echo "error: the test suite did not finish within ${limit}s" >&2
fi
exit "$status"
