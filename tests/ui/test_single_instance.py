"""A second start of the app asks the first to come forward instead of opening a copy."""

from __future__ import annotations

from crm_desktop.ui.single_instance import InstanceServer, notify_running, server_name


def test_server_name_depends_on_the_data_folder():
    assert server_name("/a") != server_name("/b")
    assert server_name("/a") == server_name("/a")


def test_nobody_answers_when_no_copy_runs(qtbot, tmp_path):
    assert notify_running(server_name(str(tmp_path)), timeout_ms=100) is False


def test_a_running_copy_is_asked_to_come_forward(qtbot, tmp_path):
    name = server_name(str(tmp_path))
    server = InstanceServer(name)
    assert server.listening
    with qtbot.waitSignal(server.activation_requested, timeout=3000):
        assert notify_running(name) is True
    server.close()
