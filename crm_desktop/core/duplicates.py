"""Finding duplicate records: name keys, similarity, the rules that score a pair, and groups.

A scan never compares every record with every other. Records are put into blocks that
share a key (the same e-mail, the same E.164 phone, the same company and name initials)
and only pairs inside a block are scored. Each rule that holds for a pair gives a
probability that the two are one; the pair's confidence combines them as independent
evidence (1 - Π(1 - p)). Fuzzy name comparison uses RapidFuzz.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from .text import has_cjk

# How strongly each kind of evidence says "the same person/company".
WEIGHTS = {
    "email": 0.95,  # the same e-mail address
    "email_other_name": 0.75,  # the same e-mail, names unlike (a shared mailbox?)
    "phone": 0.85,  # the same phone number and a similar name
    "phone_other_script": 0.7,  # the same phone, the name written in another script
    "name_company": 0.9,  # the same name at the same company
    "similar_name_company": 0.7,  # a similar name at the same company (typo, nickname)
    "website": 0.85,  # companies: the same web site
    "company_name": 0.9,  # companies: the same normalised name
    "similar_company_name": 0.65,  # companies: a similar name
}
# Pairs below this confidence are not proposed.
THRESHOLD = 0.6
# Names at least this similar (RapidFuzz token-sort ratio, 0-100) count as similar.
SIMILAR_NAME = 85
# A block of more records than this is a shared value (a switchboard, info@...), not a duplicate.
MAX_BLOCK = 50

_SPLIT = re.compile(r"[^\w]+|_", re.UNICODE)
_CJK_SPACES = re.compile(r"(?<=[\u3400-\u9fff])[\s·・,，]+(?=[\u3400-\u9fff])")


def _fold(text: str) -> str:
    folded = text.casefold()
    if folded.isascii():
        return folded  # most names: nothing to decompose
    decomposed = unicodedata.normalize("NFKD", folded)
    if len(decomposed) == len(folded):
        return decomposed  # Chinese names decompose to themselves
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=1 << 16)
def name_tokens(name: str) -> tuple[str, ...]:
    """The words of a name, folded; a Chinese name written with a space is one word.

    Cached: the same names come back many times in a scan (≈5x faster over a million people).
    """
    folded = _fold(name)
    if not folded.isascii():
        folded = _CJK_SPACES.sub("", folded)
    return tuple(t for t in _SPLIT.split(folded) if t)


def name_words(name: str) -> str:
    """The folded words of a name in the order written."""
    return " ".join(name_tokens(name))


def name_key(name: str) -> str:
    """The same for "Smith, John", "john smith" and "John  Smith"."""
    return " ".join(sorted(name_tokens(name)))


def initials_key(name: str) -> str:
    """First letters of the words, in order: the block of a fuzzy name comparison."""
    return "".join(sorted(t[0] for t in name_tokens(name)))


def name_similarity(a: str, b: str) -> float:
    """0-100: how alike two names' words are, in either order (100: the same words).

    Both orders are tried: sorting the words alone would put "Joeph Johnson" and
    "Joseph Johnson" in different orders and find them unlike.
    """
    from rapidfuzz import fuzz  # imported on the first scan, not at start-up

    if not a or not b:
        return 0.0
    return max(fuzz.token_sort_ratio(a, b), fuzz.ratio(a, b))


def similar_pairs(keys: list[str], cutoff: float = 85) -> dict[tuple[int, int], float]:
    """{(i, j): similarity} for every i < j whose names are at least ``cutoff`` alike.

    The comparisons run inside RapidFuzz (one call per name against the names after it),
    not one Python call per pair: a block of 14 people sharing a switchboard number is
    91 pairs, and a million people make millions of them.
    """
    from rapidfuzz import fuzz, process

    found: dict[tuple[int, int], float] = {}
    if len(keys) <= 4:  # most blocks: a call per pair costs less than setting up a search
        for i in range(len(keys) - 1):
            for j in range(i + 1, len(keys)):
                if keys[i] and keys[j]:
                    score = max(fuzz.token_sort_ratio(keys[i], keys[j], score_cutoff=cutoff),
                                fuzz.ratio(keys[i], keys[j], score_cutoff=cutoff))
                    if score:
                        found[(i, j)] = score
        return found
    for i in range(len(keys) - 1):
        if not keys[i]:
            continue
        rest = keys[i + 1:]
        for scorer in (fuzz.token_sort_ratio, fuzz.ratio):
            for _choice, score, j in process.extract(keys[i], rest, scorer=scorer, score_cutoff=cutoff,
                                                     limit=None):
                pair = (i, i + 1 + j)
                if score > found.get(pair, -1):
                    found[pair] = score
    return found


def other_script(a: str, b: str) -> bool:
    """One name is written in Chinese characters, the other not (张伟 and Zhang Wei)."""
    return bool(a) and bool(b) and has_cjk(a) != has_cjk(b)


# Common Chinese family names and how they are written in Latin letters (pinyin, and the
# Cantonese and older spellings seen in Hong Kong, Taiwan and abroad).
_SURNAMES = """王wang/wong 李li/lee 张zhang/cheung/chang 刘liu/lau/lao 陈chen/chan/chin 杨yang/yeung
黄huang/wong/hwang 赵zhao/chiu/chao 吴wu/ng/woo 周zhou/chow/chou 徐xu/tsui/hsu 孙sun/suen 马ma/mah
朱zhu/chu 胡hu/woo 郭guo/kwok/kuo 何he/ho 高gao/ko/kao 林lin/lam/lim 罗luo/law/lo 郑zheng/cheng/chang
梁liang/leung 谢xie/tse/hsieh 宋song/sung 唐tang/tong 许xu/hui/hsu 韩han/hon 冯feng/fung 邓deng/tang/teng
曹cao/tso 彭peng/pang 曾zeng/tsang 肖xiao/siu 田tian/tin 董dong/tung 袁yuan/yuen 潘pan/poon 于yu/yue
蒋jiang/chiang 蔡cai/choi/tsai 余yu/yee/yue 杜du/to 叶ye/yip/yeh 程cheng/ching 苏su/so
魏wei/ngai 吕lv/lu/lyu/lui 丁ding/ting 任ren/yam/jen 沈shen/shum 姚yao/yiu 卢lu/lo 姜jiang/keung
崔cui/tsui 钟zhong/chung 谭tan/tam
陆lu/luk 汪wang/wong 范fan 金jin/kam/kim 石shi/shek 廖liao/liu 贾jia 夏xia/ha 韦wei/wai 付fu 方fang/fong
白bai/pak 邹zou/chau 孟meng/mang 熊xiong/hung 秦qin/chun 邱qiu/yau/chiu 江jiang/kong 尹yin/wan 薛xue/sit
闫yan 段duan/tuen 雷lei/lui 侯hou/hau 龙long/lung 史shi/sze 陶tao/to 黎li/lai 贺he/ho 顾gu/ku 毛mao/mo
郝hao 龚gong/kung 邵shao/shiu 万wan/man 钱qian/chin 严yan/yim 覃qin 武wu/mo 戴dai/tai 莫mo/mok 孔kong/hung
向xiang/heung 汤tang/tong 常chang/sheung 温wen/wan 康kang/hong 施shi/sze 文wen/man 牛niu 樊fan 葛ge/kot
邢xing 安an/on 齐qi/chai 易yi/yik 乔qiao/kiu 伍wu/ng 庞pang/pong 颜yan/ngan 倪ni/ngai 庄zhuang/chong
聂nie 章zhang/cheung 鲁lu 岳yue/ngok 翟zhai 殷yin/yan 詹zhan/chim 申shen/san 欧ou/au 耿geng 关guan/kwan
兰lan 焦jiao 俞yu/yue 左zuo 柳liu/lau 甘gan/kam 祝zhu/chuk 包bao/pau 宁ning 尚shang 符fu 舒shu 阮ruan/yuen
柯ke/or 纪ji/kei 梅mei/mui 童tong/tung 凌ling 毕bi/pat 单shan/sin 季ji/kwai 裴pei/pui 霍huo/fok 涂tu/to
成cheng/shing 苗miao 谷gu/kuk 盛sheng/shing 曲qu 翁weng/yung 冉ran 骆luo/lok 蓝lan/lam 路lu/lo 游you/yau
辛xin/sun 靳jin 管guan/kwun 柴chai 蒙meng/mung 鲍bao/pau 华hua/wah 喻yu 祁qi 房fang/fong 滕teng 屈qu/wat
饶rao/yiu 解xie 艾ai 尤you/yau 阳yang 时shi/shih 穆mu 司si 卓zhuo/cheuk 古gu/ku 吉ji 简jian/kan 车che/chea
项xiang/hong 连lian/lin 麦mai/mak 褚chu 窦dou/tau 戚qi/chik 岑cen/sum 景jing 费fei/fai 卜bu/pok 冷leng
晏yan 席xi 卫wei/wai 米mi 柏bai/pak 宗zong/chung 全quan/chuen 应ying 闵min/man 邬wu/woo 边bian/pin 卞bian
姬ji 师shi/sze 和he/wo 商shang 沙sha 荣rong/wing 巫wu/mo 寇kou 桑sang 郎lang 甄zhen/yan 仲zhong 虞yu/yue
敖ao/ngo 明ming 池chi 查zha/cha 麻ma 迟chi 邝kuang/kwong 欧阳ouyang/auyeung 司马sima/szeto 上官shangguan
诸葛zhuge 东方dongfang 皇甫huangfu 慕容murong 司徒situ/szeto 令狐linghu 夏侯xiahou 尉迟yuchi 公孙gongsun"""


def _surname_table() -> dict[str, frozenset[str]]:
    table = {}
    for item in _SURNAMES.split():
        chars = "".join(ch for ch in item if has_cjk(ch))
        table[chars] = frozenset(item[len(chars):].split("/"))
    return table


_SURNAME_TABLE: dict[str, frozenset[str]] = {}


def same_person_across_scripts(cjk_name: str, latin_name: str) -> bool:
    """Whether a Latin-letter name carries the Chinese name's family name (张伟 ~ Wei Zhang).

    Only the family name is checked (given names have too many readings to check without a
    dictionary); a family name not in the table of common ones is not matched.
    """
    if not _SURNAME_TABLE:
        _SURNAME_TABLE.update(_surname_table())
    if has_cjk(latin_name):
        cjk_name, latin_name = latin_name, cjk_name
    cjk = cjk_name.replace(" ", "")
    words = set(_SPLIT.split(latin_name.casefold()))
    family = _SURNAME_TABLE.get(cjk[:2]) if cjk[:2] in _SURNAME_TABLE else _SURNAME_TABLE.get(cjk[:1])
    return bool(family) and bool(family & words)


def combine(probabilities: Iterable[float]) -> float:
    remaining = 1.0
    for p in probabilities:
        remaining *= 1.0 - p
    return 1.0 - remaining


def email_domain(value: str) -> str:
    return value.rpartition("@")[2].strip().lower()


def site_key(website: str) -> str:
    """``https://www.Acme.com/about`` → ``acme.com``."""
    host = re.sub(r"^[a-z]+://", "", website.strip().lower()).split("/", 1)[0]
    return host.removeprefix("www.")



@dataclass(frozen=True)
class Candidate:
    """Two records that may be one, lower id first."""

    first_id: int
    second_id: int
    score: float  # 0-1
    reasons: tuple[str, ...]  # keys of WEIGHTS
    group: int = 0  # candidates sharing records share a group number

    @property
    def pair(self) -> tuple[int, int]:
        return self.first_id, self.second_id


@dataclass
class ScanResult:
    entity: str
    candidates: list[Candidate] = field(default_factory=list)
    scanned: int = 0  # live records looked at
    skipped_blocks: int = 0  # shared values left out (more than MAX_BLOCK records)
    cancelled: bool = False

    def groups(self) -> dict[int, list[Candidate]]:
        out: dict[int, list[Candidate]] = {}
        for c in self.candidates:
            out.setdefault(c.group, []).append(c)
        return out


class Evidence:
    """The reasons found so far for each pair, then the candidates they make."""

    def __init__(self, excluded: set[tuple[int, int]] | None = None) -> None:
        self.reasons: dict[tuple[int, int], set[str]] = {}
        self.excluded = excluded or set()

    def add(self, a: int, b: int, reason: str) -> None:
        if a == b:
            return
        pair = (a, b) if a < b else (b, a)
        if pair not in self.excluded:
            self.reasons.setdefault(pair, set()).add(reason)

    def candidates(self, threshold: float = THRESHOLD) -> list[Candidate]:
        scored = []
        for pair, reasons in self.reasons.items():
            score = combine(WEIGHTS[r] for r in reasons)
            if score >= threshold:
                scored.append((pair, round(score, 4), tuple(sorted(reasons))))
        groups = group_numbers(p for p, _, _ in scored)
        found = [Candidate(a, b, s, r, groups[a]) for (a, b), s, r in scored]
        found.sort(key=lambda c: (-c.score, c.first_id, c.second_id))
        return found


def group_numbers(pairs: Iterable[tuple[int, int]]) -> dict[int, int]:
    """Union-find over the pairs: each record's group number (the smallest id in it)."""
    parent: dict[int, int] = {}

    def root(x: int) -> int:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in pairs:
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    return {x: root(x) for x in parent}


# -- merging ---------------------------------------------------------------------------------
# The fields a merge chooses between, and the stored columns each one sets.
MERGE_FIELDS = {
    "contact": {
        "name": ("given_name", "family_name", "full_name"), "title": ("title",),
        "company": ("company_id", "company_name"), "email": ("email",), "phone": ("phone",),
        "street": ("street",), "city": ("city",), "region": ("region",), "postal_code": ("postal_code",),
        "country": ("country",), "website": ("website",), "preferred_channel": ("preferred_channel",),
        "birthday": ("birthday",), "source": ("source",), "notes": ("notes",), "owner": ("owner_id",),
        "do_not_contact": ("do_not_contact",),
    },
    "company": {
        "name": ("name", "name_key"), "website": ("website",), "industry": ("industry",),
        "employees": ("employees",), "phone": ("phone",), "email": ("email",), "street": ("street",),
        "city": ("city",), "region": ("region",), "postal_code": ("postal_code",), "country": ("country",),
        "source": ("source",), "notes": ("notes",), "owner": ("owner_id",),
    },
}
SURVIVOR, OTHER = "survivor", "other"


@dataclass(frozen=True)
class MergeField:
    """One field of a merge: both records' values and the side that wins unless the user says."""

    key: str  # a MERGE_FIELDS key, or "custom:<id>"
    survivor: dict  # stored column -> value
    other: dict
    default: str  # SURVIVOR or OTHER

    @property
    def differs(self) -> bool:
        return self.survivor != self.other


@dataclass(frozen=True)
class MergePlan:
    entity: str
    survivor_id: int
    other_id: int
    fields: tuple[MergeField, ...]


def _empty(values: dict) -> bool:
    return all(v in (None, "") for v in values.values())


def default_side(survivor: dict, other: dict, other_is_newer: bool) -> str:
    """The most recent non-empty value wins."""
    if _empty(other) or survivor == other:
        return SURVIVOR
    if _empty(survivor):
        return OTHER
    return OTHER if other_is_newer else SURVIVOR


def plan_fields(entity: str, survivor: dict, other: dict, other_is_newer: bool,
                survivor_custom: dict[int, str], other_custom: dict[int, str]) -> tuple[MergeField, ...]:
    fields = []
    for key, columns in MERGE_FIELDS[entity].items():
        a = {c: survivor[c] for c in columns}
        b = {c: other[c] for c in columns}
        side = default_side(a, b, other_is_newer)
        if key == "do_not_contact":  # a request not to be contacted is kept unless the user says
            side = OTHER if b[key] and not a[key] else SURVIVOR
        fields.append(MergeField(key, a, b, side))
    for fid in sorted(set(survivor_custom) | set(other_custom)):
        a, b = {"value": survivor_custom.get(fid, "")}, {"value": other_custom.get(fid, "")}
        fields.append(MergeField(f"custom:{fid}", a, b, default_side(a, b, other_is_newer)))
    return tuple(fields)
