"""Files attached to customers, kept in the CRM's own folder so a moved original is never lost.

The content is copied once into ``<data>/attachments/<first two hex digits>/<sha256>``
(private to the user: folders 0700, files 0600); attaching the same content again adds a
row, not a copy. Opening a file links it under its own name into ``attachments/open/``
so the system viewer knows its type.
"""

from __future__ import annotations

import contextlib
import hashlib
import mimetypes
import os
import shutil
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

from ..core.customer import Attachment, AttachmentError, Target
from ..core.errors import EditConflict
from ..core.records import TrashItem
from ..storage.common import parse_ts
from .changes import Change
from .context import ServiceContext

DEFAULT_LIMIT_BYTES = 100 * 1024 * 1024
_BLOCK = 1 << 20
Progress = Callable[[int, int], bool]


class _Cancelled(Exception):
    pass


class AttachmentService:
    def __init__(self, ctx: ServiceContext, folder: Path | None, limit_bytes: int | None = None) -> None:
        self.ctx = ctx
        self.store = ctx.storage.attachments
        self.folder = folder if folder is not None else ctx.storage.database.path.parent / "attachments"
        self._limit = limit_bytes

    @property
    def limit_bytes(self) -> int:
        """The largest file that can be attached: as set here, else the setting
        ``attachment_limit_mb`` where the settings have one, else 100 MB."""
        if self._limit is not None:
            return self._limit
        megabytes = self.ctx.settings.attachment_limit_mb
        return int(megabytes * 1024 * 1024) if megabytes else DEFAULT_LIMIT_BYTES

    @limit_bytes.setter
    def limit_bytes(self, value: int | None) -> None:
        self._limit = value

    # -- adding --------------------------------------------------------------------------
    def attach(self, path: Path, *, contact_id: int | None = None, company_id: int | None = None,
               deal_id: int | None = None, progress: Progress | None = None) -> int:
        """Copy ``path`` into the managed folder and attach it; AttachmentError says why not.

        ``progress(copied, total)`` is called after each block; when it returns False the copy
        stops, nothing is attached and AttachmentError("cancelled") is raised."""
        path = Path(path)
        size = self._check(path)
        sha = self._store_content(path, size, progress)
        mime = mimetypes.guess_type(path.name)[0] or ""
        with self.ctx.write():
            attachment_id = self.store.add(path.name, sha, size, mime, contact_id, company_id, deal_id,
                                           self.ctx.clock.now())
        self.ctx.changes.emit(Change("attachment", "create", (attachment_id,)))
        return attachment_id

    def _check(self, path: Path) -> int:
        try:
            info = path.stat()
        except FileNotFoundError as exc:
            raise AttachmentError("missing", str(path)) from exc
        except OSError as exc:
            raise AttachmentError("unreadable", str(path)) from exc
        if not path.is_file():
            raise AttachmentError("not_a_file", str(path))
        if info.st_size > self.limit_bytes:
            raise AttachmentError("too_large", str(path), self.limit_bytes)
        return info.st_size

    def _private_dir(self, folder: Path) -> Path:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        with contextlib.suppress(OSError):
            os.chmod(folder, 0o700)
        return folder

    def _store_content(self, path: Path, size: int, progress: Progress | None = None) -> str:
        """Hash while copying to a temporary file in the folder, then move it to its hash name."""
        root = self._private_dir(self.folder)
        digest = hashlib.sha256()
        fd, tmp = tempfile.mkstemp(prefix=".incoming-", dir=root)
        copied = 0
        try:
            with os.fdopen(fd, "wb") as out, path.open("rb") as src:
                while block := src.read(_BLOCK):
                    digest.update(block)
                    out.write(block)
                    copied += len(block)
                    if progress is not None and not progress(copied, size):
                        raise _Cancelled
            os.chmod(tmp, 0o600)
            sha = digest.hexdigest()
            target = self._private_dir(root / sha[:2]) / sha
            if target.exists():
                os.unlink(tmp)
            else:
                os.replace(tmp, target)
        except _Cancelled:
            os.unlink(tmp)
            raise AttachmentError("cancelled", str(path)) from None
        except OSError as exc:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise AttachmentError("unreadable", str(path)) from exc
        return sha

    def set_photo(self, target: Target, path: Path) -> int:
        """Attach an image and show it as the person's or company's photo."""
        if not (mimetypes.guess_type(Path(path).name)[0] or "").startswith("image/"):
            raise AttachmentError("not_an_image", str(path))
        ids = {"contact_id": target.id} if target.kind == "contact" else {"company_id": target.id}
        attachment_id = self.attach(path, **ids)
        with self.ctx.write():
            self.store.set_photo(target, attachment_id)
        self.ctx.changes.emit(Change(target.kind, "update", (target.id,)))
        return attachment_id

    def clear_photo(self, target: Target) -> None:
        with self.ctx.write():
            self.store.set_photo(target, None)
        self.ctx.changes.emit(Change(target.kind, "update", (target.id,)))

    def photo_id(self, target: Target) -> int | None:
        """The attached image shown as the target's photo, if any."""
        with self.ctx.read():
            photo = self.store.photo(target)
        return photo.id if photo is not None else None

    def put_photo(self, target: Target, wanted: int | None, expected: int | None, name: str = "") -> None:
        """Show the attached image ``wanted`` (None: no photo) again: the undo or redo of a photo
        chosen or removed, only if the photo is still ``expected`` (EditConflict, naming the
        record ``name``, otherwise)."""
        with self.ctx.write():
            self._check_photo(target, expected, name)
            if wanted is not None:
                self.store.get(wanted)  # NotFoundError when it was deleted since
            self.store.set_photo(target, wanted)
        self.ctx.changes.emit(Change(target.kind, "update", (target.id,)))

    def undo_photo_choice(self, target: Target, chosen: int, earlier: int | None, name: str = "") -> bool:
        """Undo a photo chosen with ``set_photo``: show ``earlier`` again (None: no photo) and move
        the image the choice attached (``chosen``) to the trash, as deleting it from Files does.
        Only if the photo is still ``chosen``: EditConflict, naming the record ``name``, and nothing
        written otherwise. Returns whether the image went to the trash.

        An attached image belongs to one person or company, but a merge since may have moved it to
        the record kept, and one image may be the photo of several records. The image is then in
        use elsewhere: it stays in Files (trashing it would take it from that other page or photo)
        while the earlier photo still comes back, which is the change the user asked to undo."""
        with self.ctx.write():
            self._check_photo(target, chosen, name)
            if earlier is not None:
                self.store.get(earlier)  # NotFoundError when it was deleted since
            self.store.set_photo(target, earlier)
            trash = self._only_this_photo(target, chosen)
            if trash:
                self.store.soft_delete([chosen], self.ctx.clock.now())
        self.ctx.changes.emit(Change(target.kind, "update", (target.id,)))
        if trash:
            self.ctx.changes.emit(Change("attachment", "delete", (chosen,)))
        return trash

    def redo_photo_choice(self, target: Target, chosen: int, earlier: int | None, restore: bool,
                          name: str = "") -> None:
        """Redo a photo choice undone by ``undo_photo_choice``: bring the image ``chosen`` back
        from the trash (``restore``: the undo put it there) and show it as the photo again; only if
        the photo is still ``earlier`` (EditConflict otherwise), and NotFoundError when the image
        was deleted for good since (or, kept by the undo, deleted since)."""
        with self.ctx.write():
            self._check_photo(target, earlier, name)
            if restore:
                self.store.restore([chosen], self.ctx.clock.now())
            self.store.get(chosen)
            self.store.set_photo(target, chosen)
        if restore:
            self.ctx.changes.emit(Change("attachment", "restore", (chosen,)))
        self.ctx.changes.emit(Change(target.kind, "update", (target.id,)))

    def _check_photo(self, target: Target, expected: int | None, name: str) -> None:
        current = self.store.photo(target)
        if (current.id if current is not None else None) != expected:
            raise EditConflict(target.kind, target.id, name)

    def _only_this_photo(self, target: Target, attachment_id: int) -> bool:
        """Whether the image is still attached to the target itself and is no one else's photo
        (called once the target's photo is no longer this image)."""
        attachment = self.store.get(attachment_id)
        owner = attachment.contact_id if target.kind == "contact" else attachment.company_id
        return owner == target.id and self.store.photo_uses(attachment_id) == 0

    def photo_path(self, target: Target) -> Path | None:
        """The stored image of the target's photo, if it has one that is still there."""
        with self.ctx.read():
            photo = self.store.photo(target)
        path = self.content_path(photo) if photo is not None else None
        return path if path is not None and path.is_file() else None

    # -- reading -------------------------------------------------------------------------
    def for_target(self, target: Target) -> list[Attachment]:
        with self.ctx.read():
            return self.store.for_target(target)

    def get(self, attachment_id: int) -> Attachment:
        with self.ctx.read():
            return self.store.get(attachment_id)

    def content_path(self, attachment: Attachment) -> Path:
        return self.folder / attachment.sha256[:2] / attachment.sha256

    def open_path(self, attachment_id: int) -> Path:
        """A path to the file under its own name, for the system viewer."""
        attachment = self.get(attachment_id)
        content = self.content_path(attachment)
        if not content.is_file():
            raise AttachmentError("missing", str(content))
        folder = self._private_dir(self._private_dir(self.folder / "open") / str(attachment_id))
        named = folder / (Path(attachment.filename).name or attachment.sha256)
        if not named.exists():
            try:
                os.link(content, named)
            except OSError:
                shutil.copyfile(content, named)
                os.chmod(named, 0o600)
        return named

    # -- trash ---------------------------------------------------------------------------
    def delete(self, ids: Sequence[int]) -> int:
        with self.ctx.write():
            n = self.store.soft_delete(ids, self.ctx.clock.now())
        self.ctx.changes.emit(Change("attachment", "delete", tuple(ids)))
        return n

    def restore(self, ids: Sequence[int]) -> int:
        with self.ctx.write():
            n = self.store.restore(ids, self.ctx.clock.now())
        self.ctx.changes.emit(Change("attachment", "restore", tuple(ids)))
        return n

    def trashed(self) -> list[TrashItem]:
        """Files in the trash, for the trash page (kind "attachment")."""
        with self.ctx.read():
            rows = self.store.trashed()
        return [TrashItem("attachment", i, name, parse_ts(at)) for i, name, at in rows]

    def purge(self, ids: Sequence[int]) -> int:
        """Delete trashed attachments for good, and the content no other attachment uses."""
        with self.ctx.write():
            unused = self.store.purge(ids)
        for sha in unused:
            with contextlib.suppress(FileNotFoundError):
                (self.folder / sha[:2] / sha).unlink()
        for id_ in ids:
            shutil.rmtree(self.folder / "open" / str(id_), ignore_errors=True)
        self.ctx.changes.emit(Change("attachment", "purge", tuple(ids)))
        return len(ids)
