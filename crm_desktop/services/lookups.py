"""Tags, owners (users) and custom field definitions."""

from __future__ import annotations

import getpass
import re

from ..core.emails import is_valid_email
from ..core.errors import EditConflict, FieldError, NotFoundError, ValidationError
from ..core.records import TAG_KINDS, Tag, User
from .changes import Change
from .context import ServiceContext

_COLOR = re.compile(r"#[0-9a-fA-F]{6}")
USER_COLORS = ("#2d7ff9", "#20c997", "#f59f00", "#e64980", "#7950f2", "#12b886", "#fd7e14")


class LookupService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def tags(self) -> list[Tag]:
        with self.ctx.read():
            return self.ctx.storage.tags.all()

    def _check_tag(self, name: str, kind: str, color: str, tag_id: int | None) -> str:
        name = " ".join(name.split())
        errors = []
        if not name:
            errors.append(FieldError("name", "required"))
        if kind not in TAG_KINDS:
            errors.append(FieldError("kind", "unknown_kind", kind))
        if color and not _COLOR.fullmatch(color):
            errors.append(FieldError("color", "invalid_color", color))
        if any(t.name.casefold() == name.casefold() and t.id != tag_id for t in self.tags()):
            errors.append(FieldError("name", "exists", name))
        if errors:
            raise ValidationError(errors)
        return name

    def create_tag(self, name: str, kind: str = "other", color: str = "") -> int:
        name = self._check_tag(name, kind, color, None)
        with self.ctx.write():
            tag_id = self.ctx.storage.tags.create(name, kind, color, self.ctx.clock.now())
        self.ctx.changes.emit(Change("tag", "create", (tag_id,)))
        return tag_id

    def update_tag(self, tag_id: int, name: str, kind: str, color: str) -> None:
        """Rename or recolour a tag; records carrying it are found under the new name."""
        name = self._check_tag(name, kind, color, tag_id)
        storage = self.ctx.storage
        with self.ctx.write():
            storage.tags.update(tag_id, name, kind, color, self.ctx.clock.now())
            contacts, companies = storage.tags.users_of(tag_id)
            storage.index.reindex_contacts(contacts)
            storage.index.reindex_companies(companies)
        self.ctx.changes.emit(Change("tag", "update", (tag_id,)))
        self.ctx.changes.emit(Change("contact", "update", tuple(contacts)))
        self.ctx.changes.emit(Change("company", "update", tuple(companies)))

    def put_tag(self, tag_id: int, wanted: tuple[str, str, str], expected: tuple[str, str, str]) -> None:
        """Give a tag back its (name, kind, colour) ``wanted``: the undo or redo of an edit in the
        settings, in one transaction, only if it still has ``expected`` (EditConflict otherwise)."""
        with self.ctx.write():
            current = next((t for t in self.tags() if t.id == tag_id), None)
            if current is None:
                raise NotFoundError("tag", tag_id)
            if (current.name, current.kind, current.color) != tuple(expected):
                raise EditConflict("tag", tag_id, current.name)
            self.update_tag(tag_id, *wanted)

    def delete_unused_tag(self, tag_id: int) -> None:
        """Retire a tag no record carries (the undo of creating it); EditConflict when records
        were tagged with it since, NotFoundError when it is gone."""
        storage = self.ctx.storage
        with self.ctx.write():
            contacts, companies = storage.tags.users_of(tag_id)
            if contacts or companies:
                name = next((t.name for t in self.tags() if t.id == tag_id), "")
                raise EditConflict("tag", tag_id, name)
            if not storage.tags.set_deleted(tag_id, True, self.ctx.clock.now()):
                raise NotFoundError("tag", tag_id)
        self.ctx.changes.emit(Change("tag", "delete", (tag_id,)))

    def restore_tag(self, tag_id: int) -> None:
        """Bring back a tag retired by :meth:`delete_unused_tag` (a redo)."""
        with self.ctx.write():
            if not self.ctx.storage.tags.set_deleted(tag_id, False, self.ctx.clock.now()):
                raise NotFoundError("tag", tag_id)
        self.ctx.changes.emit(Change("tag", "create", (tag_id,)))

    def users(self) -> list[User]:
        with self.ctx.read():
            return self.ctx.storage.users.all()

    def create_user(self, name: str, email: str = "") -> int:
        name = " ".join(name.split())
        if not name:
            raise ValidationError([FieldError("name", "required")])
        color = USER_COLORS[len(self.users()) % len(USER_COLORS)]
        with self.ctx.write():
            user_id = self.ctx.storage.users.create(name, email.strip(), color, self.ctx.clock.now())
        self.ctx.changes.emit(Change("user", "create", (user_id,)))
        return user_id

    def update_user(self, user_id: int, name: str, email: str = "") -> None:
        name = " ".join(name.split())
        if not name:
            raise ValidationError([FieldError("name", "required")])
        email = email.strip()
        if email and not is_valid_email(email):
            raise ValidationError([FieldError("email", "invalid_email", email)])
        with self.ctx.write():
            self.ctx.storage.users.update(user_id, name, email, self.ctx.clock.now())
        self.ctx.changes.emit(Change("user", "update", (user_id,)))

    def put_user(self, user_id: int, wanted: tuple[str, str], expected: tuple[str, str]) -> None:
        """Give an owner back the (name, e-mail) ``wanted`` (an undo in the settings), only if it
        still has ``expected``: EditConflict, and nothing written, otherwise."""
        with self.ctx.write():
            current = next((u for u in self.users() if u.id == user_id), None)
            if current is None:
                raise NotFoundError("user", user_id)
            if (current.name, current.email) != tuple(expected):
                raise EditConflict("user", user_id, current.name)
            self.update_user(user_id, *wanted)

    def delete_unused_user(self, user_id: int) -> None:
        """Retire an owner who owns nothing and is not the one using the app (the undo of adding
        one); EditConflict when records were given to them since, NotFoundError when gone."""
        users = self.ctx.storage.users
        with self.ctx.write():
            if users.owns_anything(user_id) or user_id == self.ctx.settings.current_user_id:
                name = next((u.name for u in self.users() if u.id == user_id), "")
                raise EditConflict("user", user_id, name)
            if not users.set_deleted(user_id, True, self.ctx.clock.now()):
                raise NotFoundError("user", user_id)
        self.ctx.changes.emit(Change("user", "delete", (user_id,)))

    def restore_user(self, user_id: int) -> None:
        with self.ctx.write():
            if not self.ctx.storage.users.set_deleted(user_id, False, self.ctx.clock.now()):
                raise NotFoundError("user", user_id)
        self.ctx.changes.emit(Change("user", "create", (user_id,)))

    def ensure_current_user(self) -> User:
        """The person using the app; on a new database, the account's login name."""
        users = self.users()
        current = next((u for u in users if u.id == self.ctx.settings.current_user_id), None)
        if current is None:
            if not users:
                try:
                    login = getpass.getuser()
                except (OSError, KeyError):
                    login = "me"
                self.create_user(login)
                users = self.users()
            current = users[0]
            self.ctx.settings.current_user_id = current.id
            if self.ctx.settings_path is not None:
                self.ctx.settings.save(self.ctx.settings_path)
        return current

    def custom_fields(self, entity: str) -> list[tuple[int, str, str, str]]:
        with self.ctx.read():
            return self.ctx.storage.custom_fields.fields(entity)

    def create_custom_field(self, entity: str, label: str, field_type: str = "text") -> int:
        label = " ".join(label.split())
        if not label:
            raise ValidationError([FieldError("label", "required")])
        key = re.sub(r"\W+", "_", label.casefold()).strip("_") or "field"
        with self.ctx.write():
            field_id = self.ctx.storage.custom_fields.create(
                entity, key, label, field_type, self.ctx.clock.now())
        self.ctx.changes.emit(Change("custom_field", "create", (field_id,)))
        return field_id

    def delete_unused_custom_field(self, field_id: int) -> None:
        """Retire a custom field no record has a value in (the undo of adding it); EditConflict
        when values were entered since, NotFoundError when it is gone."""
        fields = self.ctx.storage.custom_fields
        with self.ctx.write():
            if fields.has_values(field_id):
                label = next((label for entity in ("contact", "company")
                              for fid, _key, label, _type in fields.fields(entity) if fid == field_id), "")
                raise EditConflict("custom_field", field_id, label)
            if not fields.set_deleted(field_id, True, self.ctx.clock.now()):
                raise NotFoundError("custom_field", field_id)
        self.ctx.changes.emit(Change("custom_field", "delete", (field_id,)))

    def restore_custom_field(self, field_id: int) -> None:
        with self.ctx.write():
            if not self.ctx.storage.custom_fields.set_deleted(field_id, False, self.ctx.clock.now()):
                raise NotFoundError("custom_field", field_id)
        self.ctx.changes.emit(Change("custom_field", "create", (field_id,)))
