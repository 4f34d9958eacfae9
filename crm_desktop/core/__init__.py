"""Plain-Python domain layer: records, validation, text folding. Imports nothing from Qt or Peewee."""
