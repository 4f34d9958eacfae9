"""What the importer's codes mean, in the user's language (also used by the command line)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

translate = QCoreApplication.translate


def refusal_text(code: str, detail: str = "") -> str:
    """Why a file cannot be imported, as one sentence."""
    texts = {
        "empty": translate("ImportTexts", "The file is empty (0 bytes)."),
        "cannot_open": translate("ImportTexts", "The file cannot be opened: %1").replace("%1", detail),
        "unsupported": translate(
            "ImportTexts", "Files of type “%1” cannot be imported. Use .xlsx, .xls, .ods, .csv, .txt or .vcf."
        ).replace("%1", detail),
        "image": translate(
            "ImportTexts", "This is a %1 image renamed as a spreadsheet, not a table of contacts."
        ).replace("%1", detail),
        "pdf": translate(
            "ImportTexts", "This is a PDF document. Save the table as .xlsx or .csv and import that."
        ),
        "password": translate(
            "ImportTexts",
            "The workbook is protected with a password. Open it in Excel, remove the password "
            "(File › Info › Protect Workbook) and save it again.",
        ),
        "corrupt": translate(
            "ImportTexts",
            "The file is damaged or incomplete (the spreadsheet archive cannot "
            "be read). Save it again from the program that made it.",
        ),
        "zip_bomb": translate(
            "ImportTexts",
            "The file unpacks to an unreasonable size and was not opened (it may be malicious).",
        ),
        "excel95_codepage": translate(
            "ImportTexts",
            "This is an old Excel 95 file with a Mac code page that cannot be read. "
            "Open it in Excel or LibreOffice and save it as .xlsx.",
        ),
        "unreadable": translate(
            "ImportTexts",
            "The spreadsheet cannot be read. Open it in Excel or LibreOffice "
            "and save it as .xlsx, then import that file.",
        ),
        "binary": translate("ImportTexts", "This is not a text table: it holds binary data."),
        "too_many_columns": translate(
            "ImportTexts",
            "The sheet has %1 columns in use; a table of contacts "
            "has at most 1024. Delete the unused columns and try again.",
        ).replace("%1", detail),
        "too_large": translate("ImportTexts", "The file is too large to import."),
        "no_data": translate("ImportTexts", "The file holds no data to import."),
        "no_cards": translate(
            "ImportTexts", "The file holds no contact with a name, e-mail or phone number."
        ),
        "no_identity": translate(
            "ImportTexts",
            "No column could be matched to a name, e-mail or phone number. "
            "Choose the columns in the import wizard, or save a mapping and use --profile.",
        ),
    }
    return texts.get(code, translate("ImportTexts", "The file cannot be imported (%1).").replace("%1", code))


def problem_text(code: str, value: str = "") -> str:
    """What is wrong with one cell or row."""
    texts = {
        "invalid_email": translate("ImportTexts", "“%1” is not a valid e-mail address."),
        "invalid_phone": translate("ImportTexts", "“%1” is not a phone number for the default country."),
        "invalid_date": translate("ImportTexts", "“%1” is not a date."),
        "invalid_number": translate("ImportTexts", "“%1” is not a whole number."),
        "ambiguous_date": translate("ImportTexts", "“%1” can be read as two different dates."),
        "no_name": translate("ImportTexts", "The row has no name, e-mail or phone number."),
        "required": translate("ImportTexts", "The row has no name, e-mail or phone number."),
        "too_long": translate("ImportTexts", "The text is too long."),
        "in_future": translate("ImportTexts", "The date “%1” is in the future."),
        "invalid_basis": translate("ImportTexts", "“%1” is not a lawful basis (consent, contract, "
                                                  "legal obligation, vital interests, public task, "
                                                  "legitimate interest)."),
        "invalid_flag": translate("ImportTexts", "“%1” is neither yes nor no."),
        "before_given": translate("ImportTexts", "Consent cannot be withdrawn before it was given."),
    }
    return texts.get(code, translate("ImportTexts", "“%1” is not valid.")).replace("%1", value)


def field_label(key: str, entity: str = "contact") -> str:
    """The name of a target field, for the mapping page."""
    if entity == "company":
        company = {
            "name": translate("ImportTexts", "Company name"),
            "industry": translate("ImportTexts", "Industry"),
            "phone": translate("ImportTexts", "Phone"),
            "employees": translate("ImportTexts", "Number of employees"),
            "uuid": translate("ImportTexts", "ID (matches the company with this ID)"),
        }
        if key in company:
            return company[key]
    labels = {
        "": translate("ImportTexts", "— Do not import —"),
        "uuid": translate("ImportTexts", "ID (matches the person with this ID)"),
        "full_name": translate("ImportTexts", "Full name (split into given and family name)"),
        "given_name": translate("ImportTexts", "Given name"),
        "family_name": translate("ImportTexts", "Family name"),
        "title": translate("ImportTexts", "Job title"),
        "company_name": translate("ImportTexts", "Company"),
        "email": translate("ImportTexts", "E-mail"),
        "mobile": translate("ImportTexts", "Mobile phone"),
        "work_phone": translate("ImportTexts", "Work phone"),
        "home_phone": translate("ImportTexts", "Home phone"),
        "fax": translate("ImportTexts", "Fax"),
        "phone": translate("ImportTexts", "Other phone"),
        "wechat": translate("ImportTexts", "WeChat"),
        "qq": translate("ImportTexts", "QQ"),
        "linkedin": translate("ImportTexts", "LinkedIn"),
        "street": translate("ImportTexts", "Street"),
        "street2": translate("ImportTexts", "Street (second line)"),
        "city": translate("ImportTexts", "City"),
        "region": translate("ImportTexts", "State / province"),
        "postal_code": translate("ImportTexts", "Postal code"),
        "country": translate("ImportTexts", "Country"),
        "website": translate("ImportTexts", "Website"),
        "birthday": translate("ImportTexts", "Birthday"),
        "notes": translate("ImportTexts", "Notes"),
        "source": translate("ImportTexts", "Source"),
        "tags": translate("ImportTexts", "Tags (split by , ; 、)"),
        "lawful_basis": translate("ImportTexts", "Lawful basis"),
        "consent_given_on": translate("ImportTexts", "Consent given"),
        "consent_withdrawn_on": translate("ImportTexts", "Consent withdrawn"),
        "consent_note": translate("ImportTexts", "How consent was given"),
        "do_not_contact": translate("ImportTexts", "Do not contact (yes/no)"),
    }
    return labels.get(key, key)


def change_label(key: str, entity: str = "contact") -> str:
    """The name of a field of a record, in a list of what an update changes."""
    labels = {
        "emails": translate("ImportTexts", "E-mail"),
        "phones": translate("ImportTexts", "Phones"),
        "handles": translate("ImportTexts", "WeChat, QQ, LinkedIn"),
        "custom": translate("ImportTexts", "Custom fields"),
        "name": translate("ImportTexts", "Company name"),
    }
    return labels.get(key) or field_label(key, entity)


def summary_text(created: int, updated: int, skipped: int, rejected: int) -> str:
    return (
        translate("ImportTexts", "Added: %1 · Updated: %2 · Skipped: %3 · Not imported: %4")
        .replace("%1", f"{created:,}")
        .replace("%2", f"{updated:,}")
        .replace("%3", f"{skipped:,}")
        .replace("%4", f"{rejected:,}")
    )


def undo_text(removed: int, restored: int, left: list[str]) -> str:
    text = (
        translate(
            "ImportTexts",
            "Import undone. Removed (people and companies it added): %1 · restored: %2.",
        )
        .replace("%1", f"{removed:,}")
        .replace("%2", f"{restored:,}")
    )
    if left:
        text += " " + translate(
            "ImportTexts", "Left as they are, because they were edited since: %1"
        ).replace("%1", ", ".join(left[:10]) + ("…" if len(left) > 10 else ""))
    return text
