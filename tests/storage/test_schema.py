"""The Peewee records describe the tables the migrations create."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from playhouse.sqlite_ext import FTS5Model

from crm_desktop.storage.schema import MODELS


@pytest.fixture(scope="module")
def columns(template_db: Path) -> dict[str, dict[str, tuple[str, bool]]]:
    """table → column → (declared type, NOT NULL) in a freshly migrated database."""
    conn = sqlite3.connect(template_db)
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return {t: {r[1]: (r[2], bool(r[3])) for r in conn.execute(f"PRAGMA table_info({t})")}
                for t in tables}
    finally:
        conn.close()


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_every_field_is_a_column(columns, model):
    table = model._meta.table_name
    assert table in columns
    fields = {f.column_name for f in model._meta.sorted_fields if f.column_name != "rowid"}
    assert fields - set(columns[table]) == set()


@pytest.mark.parametrize("model", [m for m in MODELS if not issubclass(m, FTS5Model)],
                         ids=lambda m: m.__name__)
def test_nullable_fields_are_nullable_columns(columns, model):
    table = columns[model._meta.table_name]
    for field in model._meta.sorted_fields:
        if field.null:
            assert table[field.column_name][1] is False, field.column_name


@pytest.mark.parametrize("model", [m for m in MODELS if issubclass(m, FTS5Model)],
                         ids=lambda m: m.__name__)
def test_search_tables_have_exactly_the_fields(columns, model):
    fields = [f.column_name for f in model._meta.sorted_fields if f.column_name != "rowid"]
    assert fields == list(columns[model._meta.table_name])
