"""The frozen app's entry point: the same main() as the crm-desktop command."""

import os
import sys


def _ensure_streams() -> None:
    """A windowed build starts without stdout/stderr on Windows; give print() somewhere to go.

    When started from a console (e.g. ``crm-desktop.exe info``) the output goes to that
    console; otherwise it is discarded.
    """
    if sys.stdout is not None and sys.stderr is not None:
        return
    target = os.devnull
    if sys.platform == "win32":
        try:
            import ctypes

            if ctypes.windll.kernel32.AttachConsole(-1):  # the parent process's console
                target = "CONOUT$"
        except OSError:
            pass
    stream = open(target, "w", encoding="utf-8", errors="replace")  # noqa: SIM115 (lives as long as the app)
    if sys.stdout is None:
        sys.stdout = stream
    if sys.stderr is None:
        sys.stderr = stream


if __name__ == "__main__":
    import multiprocessing

    multiprocessing.freeze_support()
    _ensure_streams()

    from crm_desktop.app import main

    sys.exit(main())
