"""Realistic sample people and companies from a seed: for demo data and benchmarks."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator

from .records import Channel, CompanyDraft, ContactDraft
from .text import fold

_EN_GIVEN = [
    "James",
    "Mary",
    "Robert",
    "Patricia",
    "John",
    "Jennifer",
    "Michael",
    "Linda",
    "David",
    "Elizabeth",
    "William",
    "Barbara",
    "Richard",
    "Susan",
    "Joseph",
    "Jessica",
    "Thomas",
    "Sarah",
    "Charles",
    "Karen",
    "Daniel",
    "Lisa",
    "Matthew",
    "Nancy",
    "Anthony",
    "Betty",
    "Mark",
    "Sandra",
    "Paul",
    "Ashley",
    "Steven",
    "Emily",
    "Andrew",
    "Kimberly",
    "Joshua",
    "Michelle",
    "Kevin",
    "Amanda",
    "Brian",
    "Melissa",
    "George",
    "Stephanie",
    "Timothy",
    "Rebecca",
    "Ryan",
    "Laura",
    "Jacob",
    "Helen",
    "Gary",
    "Sophie",
    "Lucas",
    "Chloé",
    "José",
    "Zoë",
    "Renée",
    "Søren",
    "Björn",
    "Émile",
    "Noémie",
]
_EN_FAMILY = [
    "Smith",
    "Johnson",
    "Williams",
    "Brown",
    "Jones",
    "Garcia",
    "Miller",
    "Davis",
    "Rodriguez",
    "Martinez",
    "Hernandez",
    "Lopez",
    "Wilson",
    "Anderson",
    "Thomas",
    "Taylor",
    "Moore",
    "Jackson",
    "Martin",
    "Lee",
    "Thompson",
    "White",
    "Harris",
    "Clark",
    "Lewis",
    "Robinson",
    "Walker",
    "Young",
    "Allen",
    "King",
    "Wright",
    "Scott",
    "Torres",
    "Nguyen",
    "Hill",
    "Flores",
    "Green",
    "Adams",
    "Nelson",
    "Baker",
    "Hall",
    "Rivera",
    "Campbell",
    "Mitchell",
    "Carter",
    "Roberts",
    "Müller",
    "Dubois",
    "Núñez",
    "Østergaard",
]
_CN_FAMILY = [
    *"王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈",
    "欧阳",
    "司马",
]
_CN_GIVEN = list(
    "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉兰萍建华红梅鑫斌宇浩凯佳琪晨欣怡子涵梓轩"
)
_CN_CITIES = ("北京", "上海", "广州", "深圳", "杭州", "成都", "南京", "武汉", "苏州", "西安")
_EN_CITIES = (
    "New York",
    "London",
    "San Francisco",
    "Austin",
    "Toronto",
    "Sydney",
    "Berlin",
    "Paris",
    "Singapore",
    "Boston",
    "Chicago",
    "Seattle",
)
_EN_COMPANY_A = (
    "Acme",
    "Globex",
    "Initech",
    "Umbrella",
    "Stark",
    "Wayne",
    "Hooli",
    "Vandelay",
    "Soylent",
    "Cyberdyne",
    "Tyrell",
    "Wonka",
    "Oscorp",
    "Aperture",
    "Pied Piper",
    "Blue Harbor",
    "Northwind",
    "Contoso",
    "Fabrikam",
    "Litware",
)
_EN_COMPANY_B = (
    "Industries",
    "Labs",
    "Systems",
    "Trading",
    "Logistics",
    "Foods",
    "Design",
    "Consulting",
    "Software",
    "Manufacturing",
    "Health",
    "Media",
)
_EN_SUFFIX = ("Inc.", "LLC", "Ltd", "GmbH", "Co.", "")
_CN_COMPANY_A = (
    "华信",
    "远航",
    "恒通",
    "金桥",
    "新锐",
    "东方",
    "博雅",
    "天成",
    "盛世",
    "鼎盛",
    "万达",
    "安捷",
    "智云",
    "海川",
    "百川",
)
_CN_COMPANY_B = ("科技", "贸易", "物流", "食品", "设计", "咨询", "软件", "制造", "医疗", "传媒")
_INDUSTRIES = (
    "Software",
    "Retail",
    "Manufacturing",
    "Logistics",
    "Healthcare",
    "Food",
    "Consulting",
    "Media",
    "Education",
    "Construction",
)
_TITLES_EN = (
    "CEO",
    "Sales Manager",
    "Purchasing Manager",
    "CTO",
    "Office Manager",
    "Account Executive",
    "Owner",
    "Marketing Director",
    "Engineer",
    "Buyer",
)
_TITLES_CN = ("总经理", "销售经理", "采购经理", "技术总监", "行政主管", "客户经理", "老板", "市场总监")
_CN_MOBILE = ("135", "136", "138", "139", "150", "151", "158", "186", "188", "189")
_SOURCES = ("referral", "website", "trade show", "cold call", "linkedin", "existing customer")
TAGS = (
    ("customer", "customer"),
    ("prospect", "prospect"),
    ("partner", "partner"),
    ("supplier", "supplier"),
    ("VIP", "other"),
    ("newsletter", "other"),
)


class Synth:
    def __init__(self, seed: int = 1) -> None:
        self.rng = random.Random(seed)
        self._n = 0

    def company(self) -> CompanyDraft:
        r = self.rng
        if r.random() < 0.4:
            city = r.choice(_CN_CITIES)
            name = f"{city}{r.choice(_CN_COMPANY_A)}{r.choice(_CN_COMPANY_B)}有限公司"
            phone = f"+86 10 {r.randint(6000_0000, 6999_9999)}"
            country = "中国"
            domain = f"{r.choice(['hx', 'yh', 'ht', 'jq', 'xr'])}{r.randint(10, 999)}.cn"
        else:
            city = r.choice(_EN_CITIES)
            name = " ".join(
                p for p in (r.choice(_EN_COMPANY_A), r.choice(_EN_COMPANY_B), r.choice(_EN_SUFFIX)) if p
            )
            phone = f"+1 {r.choice(['212', '415', '512', '617', '206'])} 555 {r.randint(1000, 9999)}"
            country = "United States"
            domain = name.split()[0].lower() + f"{r.randint(1, 99)}.com"
        return CompanyDraft(
            name=name,
            website=f"https://www.{domain}",
            industry=r.choice(_INDUSTRIES),
            employees=r.choice((5, 12, 25, 60, 150, 400, 1200)),
            phone=phone,
            email=f"info@{domain}",
            city=city,
            country=country,
            source=r.choice(_SOURCES),
        )

    def contact(self, company_name: str = "", owner_id: int | None = None) -> ContactDraft:
        r = self.rng
        self._n += 1
        n = self._n
        if r.random() < 0.45:
            family = r.choice(_CN_FAMILY)
            given = "".join(r.choice(_CN_GIVEN) for _ in range(r.choice((1, 2))))
            email = f"user{n}@{r.choice(['qq.com', '163.com', 'example.cn'])}"
            phone = f"+86 {r.choice(_CN_MOBILE)} {r.randint(1000, 9999)} {r.randint(1000, 9999)}"
            title, city, country = r.choice(_TITLES_CN), r.choice(_CN_CITIES), "中国"
            handles = [Channel(f"wx_{n}", "", "wechat")] if r.random() < 0.5 else []
        else:
            given, family = r.choice(_EN_GIVEN), r.choice(_EN_FAMILY)
            ascii_given = fold(given).encode("ascii", "ignore").decode() or "user"
            email = f"{ascii_given}.{n}@{r.choice(['example.com', 'mail.com', 'corp.example'])}"
            phone = f"+1 ({r.choice(['212', '415', '512', '617'])}) 555-{r.randint(1000, 9999)}"
            title, city, country = r.choice(_TITLES_EN), r.choice(_EN_CITIES), "United States"
            handles = [Channel(f"in/{ascii_given}{n}", "", "linkedin")] if r.random() < 0.3 else []
        phones = [Channel(phone, "mobile")]
        if r.random() < 0.2:
            phones.append(Channel(phone[:-1] + str((int(phone[-1]) + 1) % 10), "work"))
        tags = [t for t, _ in TAGS if r.random() < 0.22]
        birthday = dt.date(1960, 1, 1) + dt.timedelta(days=r.randint(0, 15000)) if r.random() < 0.3 else None
        return ContactDraft(
            given_name=given,
            family_name=family,
            title=title,
            company_name=company_name,
            emails=[Channel(email, "work")],
            phones=phones,
            handles=handles,
            city=city,
            country=country,
            source=r.choice(_SOURCES),
            owner_id=owner_id,
            tags=tags,
            birthday=birthday,
            notes=r.choice(
                (
                    "",
                    "",
                    "Met at the spring trade fair.",
                    "Prefers WeChat.",
                    "对价格敏感",
                    "Asked for a quote.",
                )
            ),
        )

    def contacts(
        self, count: int, company_names: list[str], owner_ids: list[int | None]
    ) -> Iterator[ContactDraft]:
        for _ in range(count):
            company = self.rng.choice(company_names) if company_names and self.rng.random() < 0.8 else ""
            yield self.contact(company, self.rng.choice(owner_ids) if owner_ids else None)
