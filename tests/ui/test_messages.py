"""Errors from the lower layers read as sentences, never as codes."""

from __future__ import annotations

import pytest

from crm_desktop.core.errors import (
    DataDirError,
    FieldError,
    NotFoundError,
    StorageError,
    StorageProblem,
    ValidationError,
)
from crm_desktop.ui.messages import error_text, field_error_text


@pytest.mark.parametrize("problem", list(StorageProblem))
def test_every_storage_problem_has_its_own_sentence_naming_the_file(problem):
    text = error_text(StorageError(problem, "/data/crm.sqlite3"))
    assert "/data/crm.sqlite3" in text
    assert f"{problem.value}:" not in text  # not the exception's own code text
    others = {error_text(StorageError(p, "/x")) for p in StorageProblem if p is not problem}
    assert error_text(StorageError(problem, "/x")) not in others


def test_validation_errors_are_listed_one_per_line():
    error = ValidationError([FieldError("emails", "invalid_email", "a@", 0),
                             FieldError("given_name", "required")])
    assert error_text(error).splitlines() == [
        "“a@” is not a valid e-mail address.", "Enter a name (given or family name)."]


def test_missing_record_and_unusable_folder():
    gone = "This record no longer exists. It may have been deleted."
    assert error_text(NotFoundError("contact", 9)) == gone
    text = error_text(DataDirError("/ro/data", "Permission denied"))
    assert "/ro/data" in text and "Permission denied" in text


def test_unknown_codes_fall_back_to_a_generic_sentence():
    assert field_error_text(FieldError("x", "something_new")) == "This value is not valid."
