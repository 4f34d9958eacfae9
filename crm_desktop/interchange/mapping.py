"""Column mapping: which column of a file fills which field of a record.

An entity type (people, companies; later deals or tasks) is a plug-in: an
``EntitySpec`` lists its fields, the header synonyms that name them and how a
row of mapped text becomes a draft. ``auto_map`` proposes a mapping from the
headers (English, Chinese, Outlook and Google exports) and from the values.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from ..core.consent import parse_basis, parse_flag
from ..core.names import split_full_name
from ..core.records import Channel, CompanyDraft, ContactDraft
from .dates import MDY, parse_date
from .headers import header_key, sniff_column

SKIP = ""
CUSTOM_PREFIX = "custom:"  # custom:<field id>
NEW_CUSTOM_PREFIX = "new:"  # new:<label>, a custom field created when the import runs
TAG_SPLIT = re.compile(r"[,;、，；\n]|\s:::\s")
MULTI_SPLIT = re.compile(r"[;\n；]|\s:::\s")
_SCIENTIFIC = re.compile(r"^\d(\.\d+)?[eE]\+?\d+$")


@dataclass(frozen=True)
class FieldSpec:
    key: str
    label: str  # English; the interface translates it
    kind: str = "text"  # text | name | email | phone | date | tags | url
    multi: bool = False  # several columns may fill it (e-mails, phones)


@dataclass
class CellProblem:
    column: int
    code: str  # invalid_email | invalid_phone | invalid_date | invalid_number | required | too_long …
    value: str = ""


@dataclass
class BuiltRow:
    draft: object
    problems: list[CellProblem] = field(default_factory=list)
    sources: dict[str, list[int]] = field(default_factory=dict)  # draft field → columns, in order
    record_id: str = ""  # the stable ID of a record of this CRM (a backup workbook's "ID" column)


def cell_text(value) -> str:
    """A cell as text, with numbers written the way people typed them (no 1.39E10, no 12.0)."""
    if type(value) is str:
        return value.strip()
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return f"{value:.15g}"
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


def phone_text(value) -> str:
    """Phone numbers stored as numbers or as 1.3912345678E+10 text, written out in digits."""
    text = cell_text(value)
    if _SCIENTIFIC.match(text):
        try:
            number = Decimal(text)
            if number == number.to_integral_value():
                return str(int(number))
        except InvalidOperation:
            pass
    return text


_GROUPING = re.compile(r"(?<=\d)[,\s\u00a0\u202f'’](?=\d{3}\b)")


def whole_number(value) -> int | None:
    """A count as a cell gives it: 40, 40.0, "40", "1,200", "1 200"; None when it is not one."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() else None
    text = _GROUPING.sub("", cell_text(value))
    try:
        number = Decimal(text)
    except InvalidOperation:
        return None
    return int(number) if number.is_finite() and number == number.to_integral_value() else None


@dataclass
class Mapping:
    """Per column: a field key, SKIP, ``custom:<id>`` or ``new:<label>``; plus how to read it."""

    targets: list[str]
    date_order: dict[int, str] = field(default_factory=dict)  # column → 'dmy' | 'mdy'
    default_date_order: str = MDY
    system_1904: bool = False

    def columns_of(self, key: str) -> list[int]:
        return [i for i, t in enumerate(self.targets) if t == key]


@dataclass
class EntitySpec:
    name: str  # "contact" | "company"
    fields: list[FieldSpec]
    synonyms: dict[str, str]
    build: Callable[[list, Mapping], BuiltRow]
    required_any: tuple[str, ...] = ()

    def field(self, key: str) -> FieldSpec | None:
        return next((f for f in self.fields if f.key == key), None)

    def known_headers(self) -> set[str]:
        return set(self.synonyms)


def _syn(table: dict[str, tuple[str, ...]]) -> dict[str, str]:
    return {header_key(name): key for key, names in table.items() for name in names}


RECORD_ID = "uuid"  # the target of a column holding the stable IDs of this CRM's records
RECORD_ID_SYNONYMS = ("id", "uuid", "record id", "crm id", "记录id", "记录编号")

CONTACT_FIELDS = [
    FieldSpec(RECORD_ID, "ID (matches the person with this ID)"),
    FieldSpec("full_name", "Full name (split into given and family name)", "name"),
    FieldSpec("given_name", "Given name"),
    FieldSpec("family_name", "Family name"),
    FieldSpec("title", "Job title"),
    FieldSpec("company_name", "Company"),
    FieldSpec("email", "E-mail", "email", True),
    FieldSpec("mobile", "Mobile phone", "phone", True),
    FieldSpec("work_phone", "Work phone", "phone", True),
    FieldSpec("home_phone", "Home phone", "phone", True),
    FieldSpec("fax", "Fax", "phone", True),
    FieldSpec("phone", "Other phone", "phone", True),
    FieldSpec("wechat", "WeChat"),
    FieldSpec("qq", "QQ"),
    FieldSpec("linkedin", "LinkedIn"),
    FieldSpec("street", "Street"),
    FieldSpec("street2", "Street (second line)"),
    FieldSpec("city", "City"),
    FieldSpec("region", "State / province"),
    FieldSpec("postal_code", "Postal code"),
    FieldSpec("country", "Country"),
    FieldSpec("website", "Website", "url"),
    FieldSpec("birthday", "Birthday", "date"),
    FieldSpec("notes", "Notes", multi=True),
    FieldSpec("source", "Source"),
    FieldSpec("tags", "Tags", "tags", True),
    FieldSpec("lawful_basis", "Lawful basis"),
    FieldSpec("consent_given_on", "Consent given", "date"),
    FieldSpec("consent_withdrawn_on", "Consent withdrawn", "date"),
    FieldSpec("consent_note", "How consent was given"),
    FieldSpec("do_not_contact", "Do not contact"),
]

CONTACT_SYNONYMS = _syn({
    RECORD_ID: RECORD_ID_SYNONYMS,
    "full_name": ("name", "full name", "fullname", "display name", "contact name", "contact", "person",
                  "customer name", "client name", "姓名", "名字", "联系人", "联系人姓名", "客户姓名",
                  "用户姓名", "员工姓名", "客户名称", "氏名", "名前", "이름", "naam", "nom complet"),
    "given_name": ("first name", "firstname", "first_name", "given name", "givenname", "forename",
                   "christian names", "christian names (if any) in full", "名", "prénom", "vorname"),
    "family_name": ("last name", "lastname", "last_name", "surname", "family name", "familyname",
                    "surname in full", "姓", "姓氏", "nom", "nachname"),
    "title": ("job title", "jobtitle", "position", "role", "organization title", "organization 1 - title",
              "title", "职位", "职务", "头衔", "岗位", "役職", "funktion"),
    "company_name": ("company", "company name", "companyname", "organization", "organisation",
                     "organization name", "organization 1 - name", "account name", "employer", "business",
                     "公司", "公司名称", "单位", "工作单位", "企业", "企业名称", "会社名", "会社", "firma"),
    "email": ("email", "e-mail", "email address", "e-mail address", "e-mail 1 - value", "e-mail 2 - value",
              "e-mail 3 - value", "e-mail 2 address", "e-mail 3 address", "primary email",
              "secondary email", "email 1", "email 2", "e-mail 1", "e-mail 2", "e-mail 3", "mail",
              "邮箱", "电子邮件", "电子邮箱", "邮件", "邮箱地址", "メールアドレス", "メール"),
    "mobile": ("mobile", "mobile phone", "mobile number", "cell", "cell phone", "cellphone", "handy",
               "手机", "手机号", "手机号码", "移动电话", "携帯電話", "携帯"),
    "work_phone": ("work phone", "business phone", "business phone 2", "office phone", "office",
                   "company main phone", "座机", "办公电话", "公司电话", "单位电话"),
    "home_phone": ("home phone", "home phone 2", "home", "住宅电话", "家庭电话"),
    "fax": ("fax", "business fax", "home fax", "fax number", "传真", "传真号码"),
    "phone": ("phone", "telephone", "phone number", "phone 1 - value", "phone 2 - value", "phone 3 - value",
              "primary phone", "other phone", "contact number", "tel", "电话", "电话号码", "联系电话",
              "联系方式", "電話番号", "電話", "telefon", "téléphone"),
    "wechat": ("wechat", "wechat id", "weixin", "微信", "微信号"),
    "qq": ("qq", "qq number", "qq号", "qq号码"),
    "linkedin": ("linkedin", "linkedin url", "linkedin profile"),
    "street": ("street", "address", "address 1", "address line 1", "street address", "business street",
               "home street", "work address", "home address", "address 1 - street", "mailing street",
               "billing street", "地址", "详细地址", "通讯地址", "联系地址", "住所", "adresse"),
    "street2": ("address 2", "address line 2", "business street 2", "home address 2", "work address 2"),
    "city": ("city", "town", "business city", "home city", "work city", "address 1 - city", "mailing city",
             "billing city", "城市", "市", "所在城市", "ort", "ville"),
    "region": ("state", "province", "region", "county", "business state", "home state", "work state",
               "address 1 - region", "mailing state", "billing state", "state/province", "省", "省份",
               "地区", "都道府県"),
    "postal_code": ("zip", "zip code", "zipcode", "postal code", "postcode", "business postal code",
                    "home postal code", "work zipcode", "home zipcode", "address 1 - postal code",
                    "mailing zip", "billing zip", "邮编", "邮政编码", "郵便番号", "plz"),
    "country": ("country", "country/region", "business country/region", "home country/region",
                "work country", "home country", "address 1 - country", "mailing country",
                "billing country", "国家", "国家/地区", "国", "land", "pays"),
    "website": ("website", "web site", "web page", "web page 1", "url", "homepage", "website 1 - value",
                "网站", "网址", "主页", "ホームページ"),
    "birthday": ("birthday", "birth date", "birthdate", "date of birth", "dob", "生日", "出生日期",
                 "誕生日", "geburtstag"),
    "notes": ("notes", "note", "comment", "comments", "remarks", "description", "memo", "备注", "说明",
              "附注", "メモ", "備考", "bemerkung"),
    "source": ("source", "lead source", "来源", "客户来源"),
    "tags": ("tags", "tag", "labels", "categories", "category", "group membership", "groups", "标签",
             "分类", "分组", "类别"),
    "lawful_basis": ("lawful basis", "legal basis", "basis for processing", "gdpr basis", "processing basis",
                     "法律依据", "合法依据", "处理依据", "合法性基础"),
    "consent_given_on": ("consent given", "consent given on", "consent date", "date of consent",
                         "opt-in date", "同意日期", "同意时间", "授权日期"),
    "consent_withdrawn_on": ("consent withdrawn", "consent withdrawn on", "withdrawal date", "opt-out date",
                             "撤回同意日期", "撤回日期", "退订日期", "撤销同意日期"),
    "consent_note": ("consent note", "consent source", "how consent was given", "consent details",
                     "同意来源", "同意方式", "同意备注", "授权方式"),
    "do_not_contact": ("do not contact", "do-not-contact", "dnc", "do not call", "do not email",
                       "email opt out", "opt out", "no contact", "请勿联系", "勿扰", "禁止联系", "不要联系",
                       "拒绝联系", "免打扰"),
})


def _put_text(draft, key: str, text: str) -> None:
    if key == "street2":
        draft.street = f"{draft.street}\n{text}" if draft.street else text
    elif key == "notes":
        draft.notes = f"{draft.notes}\n{text}" if draft.notes else text
    elif not getattr(draft, key):
        setattr(draft, key, text)


_PHONE_LABELS = {"mobile": "mobile", "work_phone": "work", "home_phone": "home", "fax": "fax", "phone": ""}
_HANDLE_KINDS = {"wechat": "wechat", "qq": "qq", "linkedin": "linkedin"}


_SIMPLE_KINDS = {"email": "email", "tags": "tags", "birthday": "birthday", "full_name": "full_name",
                 RECORD_ID: "record_id",
                 "consent_given_on": "consent_date", "consent_withdrawn_on": "consent_date",
                 "lawful_basis": "basis", "do_not_contact": "flag",
                 **{k: "phone" for k in _PHONE_LABELS}, **{k: "handle" for k in _HANDLE_KINDS}}


def _compiled(mapping: Mapping) -> list[tuple[int, str, str]]:
    """(column, kind, target) of the mapped columns, worked out once per mapping, not once per row."""
    key = tuple(mapping.targets)
    cached = mapping.__dict__.get("_compiled")
    if cached is not None and cached[0] == key:
        return cached[1]
    plan = []
    for col, target in enumerate(mapping.targets):
        if not target:
            continue
        kind = _SIMPLE_KINDS.get(target)
        if kind is None and target.startswith((CUSTOM_PREFIX, NEW_CUSTOM_PREFIX)):
            kind = "custom"
        elif kind is None:
            single = mapping.targets.count(target) == 1 and target not in ("street2", "notes")
            kind = "set" if single else "put"
        plan.append((col, kind, target))
    mapping.__dict__["_compiled"] = (key, plan)
    return plan


def _parts(text: str) -> list[str]:
    """The values of a cell that holds several (``a@x.com; b@y.com``), trimmed, none empty."""
    if ";" in text or "\n" in text or "；" in text or ":::" in text:
        return [p for part in MULTI_SPLIT.split(text) if (p := part.strip())]
    return [text]


def _phone_parts(value) -> list[str]:
    if type(value) is str and "e" not in value and "E" not in value:
        text = value.strip()
    else:
        text = phone_text(value)
    return _parts(text) if text else []


def build_contact(row: list, mapping: Mapping) -> BuiltRow:
    # The hot loop of an import (once per row): most cells are a plain string for one field.
    draft = ContactDraft()
    built = BuiltRow(draft)
    sources = built.sources
    full_name = ""
    width = len(row)
    for col, kind, target in _compiled(mapping):
        if col >= width:
            continue
        value = row[col]
        if value is None:
            continue
        if kind == "phone":
            parts = _phone_parts(value)
            if parts:
                label = _PHONE_LABELS[target]
                draft.phones += [Channel(part, label) for part in parts]
                sources.setdefault("phones", []).extend([col] * len(parts))
            continue
        text = value.strip() if type(value) is str else cell_text(value)
        if not text:
            continue
        if kind == "set":
            setattr(draft, target, text)
            sources[target] = [col]
        elif kind == "record_id":
            built.record_id = text
        elif kind == "email":
            parts = _parts(text)
            draft.emails += [Channel(part, "") for part in parts]
            sources.setdefault("emails", []).extend([col] * len(parts))
        elif kind == "handle":
            draft.handles.append(Channel(text, "", _HANDLE_KINDS[target]))
            sources.setdefault("handles", []).append(col)
        elif kind == "tags":
            draft.tags += [t for tag in TAG_SPLIT.split(text) if (t := tag.strip())]
        elif kind == "birthday":
            _put_birthday(built, col, value, mapping)
        elif kind in ("consent_date", "basis", "flag"):
            _put_consent(built, col, target, kind, value, mapping)
        elif kind == "full_name":
            full_name = full_name or text
            sources.setdefault("given_name", []).append(col)
        elif kind == "custom":
            sources.setdefault("custom", []).append(col)
            draft.custom[target] = text  # the service swaps the target for the field id
        else:
            _put_text(draft, target, text)
            sources.setdefault("street" if target == "street2" else target, []).append(col)
    if full_name and not (draft.given_name or draft.family_name):
        draft.given_name, draft.family_name = split_full_name(full_name)
    return built


def _put_birthday(built: BuiltRow, col: int, value, mapping: Mapping) -> None:
    order = mapping.date_order.get(col, mapping.default_date_order)
    parsed = parse_date(value, order, mapping.system_1904)
    if parsed is None:
        built.problems.append(CellProblem(col, "invalid_date", cell_text(value)))
    else:
        built.draft.birthday = parsed
        built.sources["birthday"] = [col]


def _put_consent(built: BuiltRow, col: int, target: str, kind: str, value, mapping: Mapping) -> None:
    """A lawful basis, a consent date or a "do not contact" cell; a cell that is none of these
    is a problem of the row (the rest of the row is imported)."""
    if kind == "consent_date":
        order = mapping.date_order.get(col, mapping.default_date_order)
        parsed = parse_date(value, order, mapping.system_1904)
        code = "invalid_date"
    elif kind == "basis":
        parsed, code = parse_basis(cell_text(value)), "invalid_basis"
    else:
        parsed, code = parse_flag(value), "invalid_flag"
    if parsed is None:
        built.problems.append(CellProblem(col, code, cell_text(value)))
        return
    if kind != "flag" or parsed:  # any column saying "do not contact" wins
        setattr(built.draft, target, parsed)
    built.sources[target] = [col]


COMPANY_FIELDS = [
    FieldSpec(RECORD_ID, "ID (matches the company with this ID)"),
    FieldSpec("name", "Company name"),
    FieldSpec("website", "Website", "url"),
    FieldSpec("industry", "Industry"),
    FieldSpec("employees", "Number of employees", "integer"),
    FieldSpec("phone", "Phone", "phone"),
    FieldSpec("email", "E-mail", "email"),
    FieldSpec("street", "Street"),
    FieldSpec("city", "City"),
    FieldSpec("region", "State / province"),
    FieldSpec("postal_code", "Postal code"),
    FieldSpec("country", "Country"),
    FieldSpec("notes", "Notes", multi=True),
    FieldSpec("source", "Source"),
    FieldSpec("tags", "Tags", "tags", True),
]

COMPANY_SYNONYMS = _syn({
    RECORD_ID: RECORD_ID_SYNONYMS,
    "name": ("company", "company name", "name", "account name", "organization", "公司", "公司名称", "单位",
             "企业名称", "会社名"),
    "website": ("website", "web site", "url", "网站", "网址"),
    "industry": ("industry", "sector", "行业"),
    "employees": ("employees", "number of employees", "no of employees", "employee count", "headcount",
                  "staff", "员工人数", "员工数", "人数", "职工人数", "従業員数"),
    "phone": ("phone", "telephone", "电话", "联系电话"),
    "email": ("email", "e-mail", "邮箱", "电子邮件"),
    "street": ("street", "address", "billing street", "地址"),
    "city": ("city", "billing city", "城市"),
    "region": ("state", "province", "billing state", "省份"),
    "postal_code": ("zip", "postal code", "billing zip", "邮编"),
    "country": ("country", "billing country", "国家"),
    "notes": ("notes", "description", "备注"),
    "source": ("source", "来源"),
    "tags": ("tags", "labels", "标签"),
})


def build_company(row: list, mapping: Mapping) -> BuiltRow:
    draft = CompanyDraft()
    built = BuiltRow(draft)
    for col, target in enumerate(mapping.targets):
        if not target or col >= len(row):
            continue
        text = phone_text(row[col]) if target == "phone" else cell_text(row[col])
        if not text:
            continue
        if target == "tags":
            draft.tags += [t.strip() for t in TAG_SPLIT.split(text) if t.strip()]
        elif target == RECORD_ID:
            built.record_id = text
            continue
        elif target == "employees":
            number = whole_number(row[col])
            if number is None:
                built.problems.append(CellProblem(col, "invalid_number", text))
                continue
            draft.employees = number
        elif target.startswith((CUSTOM_PREFIX, NEW_CUSTOM_PREFIX)):
            draft.custom[target] = text
        elif target in ("notes",):
            _put_text(draft, target, text)
        elif not getattr(draft, target):
            setattr(draft, target, text)
        built.sources.setdefault(target, []).append(col)
    return built


CONTACTS = EntitySpec("contact", CONTACT_FIELDS, CONTACT_SYNONYMS, build_contact,
                      ("given_name", "family_name", "emails", "phones", "company_name"))
COMPANIES = EntitySpec("company", COMPANY_FIELDS, COMPANY_SYNONYMS, build_company, ("name",))
ENTITIES = {spec.name: spec for spec in (CONTACTS, COMPANIES)}

_SNIFFED = {"email": "email", "phone": "phone", "url": "website"}


def auto_map(spec: EntitySpec, headers: list[str], samples: list[list],
             custom: Sequence[tuple[int, str]] = ()) -> list[str]:
    """A target per column: by header synonym first, then by what the values look like.

    A header that is the label of one of the user's custom fields (``custom``: id, label)
    fills that field, before any synonym: the user named it so (a backup workbook's custom
    columns come back this way). A single-valued field is given to the first column that
    names it; later ones are skipped (Outlook's home address after its business address).
    """
    targets: list[str] = []
    taken: set[str] = set()
    keys = [header_key(h or "") for h in headers]
    labels: dict[str, int] = {}
    for fid, label in custom:
        labels.setdefault(header_key(label), fid)
    for col, header in enumerate(headers):
        if keys[col] and keys[col] in labels and f"{CUSTOM_PREFIX}{labels[keys[col]]}" not in taken:
            key = f"{CUSTOM_PREFIX}{labels[keys[col]]}"
            targets.append(key)
            taken.add(key)
            continue
        key = spec.synonyms.get(keys[col], SKIP)
        if keys[col] == "title" and "jobtitle" in keys:
            key = SKIP  # Outlook's "Title" is Mr./Ms.; its job title is "Job Title"
        if not key and header:
            key = _fuzzy_header(spec, header)
        if not key:
            column = [r[col] for r in samples if col < len(r)]
            key = _SNIFFED.get(sniff_column(column), SKIP)
            key = key if spec.field(key) else SKIP
        f = spec.field(key) if key else None
        if f is None or (key in taken and not f.multi):
            key = SKIP
        taken.add(key)
        targets.append(key)
    return targets


_LABEL_SUFFIX = re.compile(r"(type|label|yomi|phonetic|reading)$")


def _fuzzy_header(spec: EntitySpec, header: str) -> str:
    """Numbered or qualified export headers: "E-mail 2 Address", "Phone 3 - Value", "Home Email"."""
    key = header_key(header)
    if _LABEL_SUFFIX.search(key) or not key:
        return SKIP
    stripped = re.sub(r"\d+", "", key)
    for candidate in (stripped, stripped.replace("value", ""), stripped.replace("address", "")):
        if candidate in spec.synonyms:
            return spec.synonyms[candidate]
    for probe, target in (("email", "email"), ("mail", "email"), ("mobile", "mobile"), ("fax", "fax"),
                          ("phone", "phone")):
        if probe in key and spec.field(target):
            return target
    return SKIP
