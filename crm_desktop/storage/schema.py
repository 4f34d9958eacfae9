"""Peewee records mapped onto the tables that the migrations create.

The migrations own the schema (frozen SQL); these classes are how the rest of
storage reads and writes it. A test checks that every field here is a column there.
Names are record names (Contact, Company), never ...Model, which Qt uses for views.
"""

from __future__ import annotations

import peewee as pw
from playhouse.sqlite_ext import FTS5Model, SearchField


class Record(pw.Model):
    uuid = pw.TextField(unique=True)
    created_at = pw.DateTimeField()
    updated_at = pw.DateTimeField()
    deleted_at = pw.DateTimeField(null=True)

    class Meta:
        legacy_table_names = False


class AppUser(Record):
    name = pw.TextField()
    email = pw.TextField(default="")
    color = pw.TextField(default="")


class _Address(Record):
    street = pw.TextField(default="")
    city = pw.TextField(default="")
    region = pw.TextField(default="")
    postal_code = pw.TextField(default="")
    country = pw.TextField(default="")


class Company(_Address):
    name = pw.TextField()
    name_key = pw.TextField(default="")
    website = pw.TextField(default="")
    industry = pw.TextField(default="")
    employees = pw.IntegerField(null=True)
    phone = pw.TextField(default="")
    email = pw.TextField(default="")
    source = pw.TextField(default="")
    notes = pw.TextField(default="")
    owner = pw.ForeignKeyField(AppUser, null=True, on_delete="SET NULL", lazy_load=False)


class Contact(_Address):
    given_name = pw.TextField(default="")
    family_name = pw.TextField(default="")
    full_name = pw.TextField()
    title = pw.TextField(default="")
    company = pw.ForeignKeyField(Company, null=True, on_delete="SET NULL", lazy_load=False)
    company_name = pw.TextField(default="")
    email = pw.TextField(default="")
    phone = pw.TextField(default="")
    website = pw.TextField(default="")
    preferred_channel = pw.TextField(default="")
    birthday = pw.DateField(null=True)
    source = pw.TextField(default="")
    notes = pw.TextField(default="")
    owner = pw.ForeignKeyField(AppUser, null=True, on_delete="SET NULL", lazy_load=False)
    lawful_basis = pw.TextField(default="")
    consent_given_on = pw.DateField(null=True)
    consent_withdrawn_on = pw.DateField(null=True)
    consent_note = pw.TextField(default="")
    do_not_contact = pw.BooleanField(default=False)


class ContactChannel(pw.Model):
    """An e-mail, phone or social handle of a contact; ``channel`` says which."""

    contact = pw.ForeignKeyField(Contact, on_delete="CASCADE", lazy_load=False)
    channel = pw.TextField()  # "email" | "phone" | "handle"
    kind = pw.TextField(default="")
    label = pw.TextField(default="")
    value = pw.TextField()
    normalized = pw.TextField(default="")
    position = pw.IntegerField(default=0)

    class Meta:
        legacy_table_names = False


class Tag(Record):
    name = pw.TextField()
    kind = pw.TextField(default="other")
    color = pw.TextField(default="")


class ContactTag(pw.Model):
    contact = pw.ForeignKeyField(Contact, on_delete="CASCADE", lazy_load=False)
    tag = pw.ForeignKeyField(Tag, on_delete="CASCADE", lazy_load=False)

    class Meta:
        legacy_table_names = False
        primary_key = pw.CompositeKey("contact", "tag")


class CompanyTag(pw.Model):
    company = pw.ForeignKeyField(Company, on_delete="CASCADE", lazy_load=False)
    tag = pw.ForeignKeyField(Tag, on_delete="CASCADE", lazy_load=False)

    class Meta:
        legacy_table_names = False
        primary_key = pw.CompositeKey("company", "tag")


class CustomField(Record):
    entity = pw.TextField()  # "contact" | "company" | "deal"
    key = pw.TextField()
    label = pw.TextField()
    field_type = pw.TextField(default="text")
    options = pw.TextField(default="")
    position = pw.IntegerField(default=0)


class CustomValue(pw.Model):
    field = pw.ForeignKeyField(CustomField, on_delete="CASCADE", lazy_load=False)
    record_id = pw.IntegerField()
    value = pw.TextField(default="")

    class Meta:
        legacy_table_names = False
        primary_key = pw.CompositeKey("field", "record_id")


class ContactSearch(FTS5Model):
    name = SearchField()
    company = SearchField()
    emails = SearchField()
    phones = SearchField()
    tags = SearchField()
    notes = SearchField()

    class Meta:
        table_name = "contact_fts"


class CompanySearch(FTS5Model):
    name = SearchField()
    emails = SearchField()
    phones = SearchField()
    tags = SearchField()
    notes = SearchField()
    place = SearchField()

    class Meta:
        table_name = "company_fts"


MODELS = [
    AppUser, Company, Contact, ContactChannel, Tag, ContactTag, CompanyTag, CustomField,
    CustomValue, ContactSearch, CompanySearch,
]
