"""Attached files: copied into the managed folder by content hash, private, safe to delete."""

from __future__ import annotations

import os
import stat

import pytest
from service_helpers import person

from crm_desktop.core.customer import AttachmentError, Target
from crm_desktop.services import Services


def test_a_file_is_copied_deduplicated_and_survives_the_original(crm: Services, tmp_path):
    ann = crm.contacts.create(person("Ann", "Lee"))
    original = tmp_path / "contract.pdf"
    original.write_bytes(b"signed contract")
    first = crm.attachments.attach(original, contact_id=ann)
    copy = tmp_path / "same-content.pdf"
    copy.write_bytes(b"signed contract")
    second = crm.attachments.attach(copy, contact_id=ann)
    original.unlink()

    files = crm.attachments.for_target(Target("contact", ann))
    assert [f.id for f in files] == [second, first]
    assert files[0].sha256 == files[1].sha256 and files[0].size == 15
    blobs = [p for p in crm.attachments.folder.rglob("*") if p.is_file()]
    assert len(blobs) == 1
    assert stat.S_IMODE(blobs[0].stat().st_mode) == 0o600
    assert stat.S_IMODE(crm.attachments.folder.stat().st_mode) == 0o700
    opened = crm.attachments.open_path(first)
    assert opened.name == "contract.pdf" and opened.read_bytes() == b"signed contract"


def test_too_large_missing_and_unreadable_files_are_refused_with_a_reason(crm: Services, tmp_path):
    ann = crm.contacts.create(person("Ann", "Lee"))
    crm.attachments.limit_bytes = 10
    big = tmp_path / "big.bin"
    big.write_bytes(b"x" * 11)
    with pytest.raises(AttachmentError) as too_large:
        crm.attachments.attach(big, contact_id=ann)
    assert (too_large.value.code, too_large.value.limit) == ("too_large", 10)
    with pytest.raises(AttachmentError) as missing:
        crm.attachments.attach(tmp_path / "gone.txt", contact_id=ann)
    assert missing.value.code == "missing"
    with pytest.raises(AttachmentError) as folder:
        crm.attachments.attach(tmp_path, contact_id=ann)
    assert folder.value.code == "not_a_file"
    if os.geteuid() != 0:  # root reads everything
        secret = tmp_path / "secret.txt"
        secret.write_bytes(b"x")
        secret.chmod(0)
        with pytest.raises(AttachmentError) as unreadable:
            crm.attachments.attach(secret, contact_id=ann)
        assert unreadable.value.code == "unreadable"
    assert crm.attachments.for_target(Target("contact", ann)) == []


def test_deleting_goes_to_the_trash_restore_brings_it_back_purge_frees_the_content(crm: Services, tmp_path):
    ann = crm.contacts.create(person("Ann", "Lee"))
    doc = tmp_path / "quote.txt"
    doc.write_bytes(b"quote")
    file_id = crm.attachments.attach(doc, contact_id=ann)
    target = Target("contact", ann)
    crm.attachments.delete([file_id])
    assert crm.attachments.for_target(target) == []
    assert [(t.kind, t.record_id, t.name) for t in crm.attachments.trashed()] == [
        ("attachment", file_id, "quote.txt")]
    crm.attachments.restore([file_id])
    assert [f.id for f in crm.attachments.for_target(target)] == [file_id]
    crm.attachments.delete([file_id])
    crm.attachments.purge([file_id])
    assert [p for p in crm.attachments.folder.rglob("*") if p.is_file()] == []


def test_a_copy_reports_progress_and_a_cancelled_one_leaves_nothing(crm: Services, tmp_path):
    ann = crm.contacts.create(person("Ann", "Lee"))
    big = tmp_path / "scan.pdf"
    big.write_bytes(b"x" * (3 * 1024 * 1024 + 5))
    seen = []
    crm.attachments.attach(big, contact_id=ann,
                           progress=lambda done, total: seen.append((done, total)) or True)
    assert seen[-1] == (big.stat().st_size, big.stat().st_size) and len(seen) == 4
    other = tmp_path / "other.pdf"
    other.write_bytes(b"y" * (3 * 1024 * 1024))
    with pytest.raises(AttachmentError) as cancelled:
        crm.attachments.attach(other, contact_id=ann, progress=lambda done, total: done < 1024 * 1024)
    assert cancelled.value.code == "cancelled"
    assert len(crm.attachments.for_target(Target("contact", ann))) == 1
    assert len([p for p in crm.attachments.folder.rglob("*") if p.is_file()]) == 1


def test_the_size_limit_is_100_mb_unless_the_settings_say_otherwise(crm: Services, monkeypatch):
    assert crm.attachments.limit_bytes == 100 * 1024 * 1024
    monkeypatch.setattr(crm.settings, "attachment_limit_mb", 5, raising=False)
    assert crm.attachments.limit_bytes == 5 * 1024 * 1024
