"""Where the main window was is kept for the next start, quietly, and never at any cost."""

from __future__ import annotations

from crm_desktop.core.settings import Settings


def test_the_window_geometry_is_kept_without_telling_anyone(services):
    told = []
    services.ctx.changes.subscribe(told.append)
    services.remember_window("AdnQywADAAA=")
    assert Settings.load(services.ctx.settings_path).window_geometry == "AdnQywADAAA="
    assert told == []  # not a setting the user chose: nothing reloads for it


def test_a_settings_file_that_cannot_be_written_only_loses_the_geometry(services, tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    monkeypatch.setattr(services.ctx, "settings_path", blocker / "settings.json")  # its folder is a file
    services.remember_window("AdnQywADAAA=")  # no error reaches the user closing the window
    assert services.ctx.settings.window_geometry == "AdnQywADAAA="
