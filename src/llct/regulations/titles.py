"""Free-text post titles → catalogue posts ("PCT UBND xã", "Phó Trưởng phòng Nội vụ", "Phó chủ tịch Ủy ban
nhân dân xã Tiên Du").

Titles and catalogue names are cut into words, lower-cased, NFC/NFD- and tone-placement-insensitive (Uỷ/Ủy,
Hoà/Hòa), look-alike letters read as Đ/đ (llct.vntext.canonical: "Ðảng ủy"), abbreviations expanded. A
title matches a catalogue name only when the whole title is accounted for: the name, then nothing, or a
tier word and a place ("… xã Tiên Du"), or — after a name that ends with a unit ("… phòng", "… Sở", "…
thôn") — the unit's own name ("Phó Trưởng phòng Nội vụ"). "Chủ tịch Hội Khuyến học" is therefore not "Chủ
tịch (UBND) xã". Words are compared with their accents first ("Trưởng ban" is not "Trưởng bản"); without
accents only when that is unambiguous. Tier (a tier word in the title, else the roster's Cấp) is respected
even when one post alone has the name; sector (Khối) tells apart what remains. Whatever stays unsure is
reported — unknown, ambiguous with its candidates, or not at that tier — never guessed.
"""

from __future__ import annotations

import difflib
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from llct.vntext import canonical, fold

from .model import CataloguePost, PostRef

_TONES = {"\u0300": "1", "\u0309": "2", "\u0303": "3", "\u0301": "4", "\u0323": "5"}
_MODIFIERS = {"\u0302", "\u0306", "\u031b"}  # â ê ô, ă, ơ ư


def _canonical_words(text: str) -> list[str]:
    """Words with their letters and one tone digit at the end: "Uỷ", "Ủy" and their NFD forms → "uy2"."""
    words: list[str] = []
    letters: list[str] = []
    tone = ""
    for ch in unicodedata.normalize("NFD", canonical(text).lower()) + " ":
        if ch in _TONES:
            tone = _TONES[ch]
        elif ch in _MODIFIERS or ch.isalnum():
            letters.append(ch)
        elif not unicodedata.combining(ch) and letters:
            words.append(unicodedata.normalize("NFC", "".join(letters)) + tone)
            letters, tone = [], ""
    return words


def _phrase(text: str) -> tuple[str, ...]:
    return tuple(_canonical_words(text))


def _plain(word: str) -> str:
    """A canonical word without its accents: "đang2" → "dang"."""
    return fold(word.rstrip("12345"))


_ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    key: _phrase(expansion)
    for keys, expansion in (
        (("ubnd",), "ủy ban nhân dân"),
        (("hđnd", "hdnd"), "hội đồng nhân dân"),
        (("mttq",), "mặt trận tổ quốc"),
        (("ubmttq",), "ủy ban mặt trận tổ quốc"),
        (("chqs",), "chỉ huy quân sự"),
        (("bchqs",), "ban chỉ huy quân sự"),
        (("qs",), "quân sự"),
        (("cht",), "chỉ huy trưởng"),
        (("chp",), "chỉ huy phó"),
        (("pcht",), "phó chỉ huy trưởng"),
        (("pct",), "phó chủ tịch"),
        (("ct",), "chủ tịch"),
        (("pbt",), "phó bí thư"),
        (("bt",), "bí thư"),
        (("ptp",), "phó trưởng phòng"),
        (("gđ", "gd"), "giám đốc"),
        (("pgđ", "pgd"), "phó giám đốc"),
        (("tgđ", "tgd"), "tổng giám đốc"),
        (("ptgđ", "ptgd"), "phó tổng giám đốc"),
        (("ca",), "công an"),
        (("ttct",), "trung tâm chính trị"),
        (("hpn",), "hội phụ nữ"),
        (("lhpn",), "liên hiệp phụ nữ"),
        (("hlhpn",), "hội liên hiệp phụ nữ"),
        (("hnd",), "hội nông dân"),
        (("hccb",), "hội cựu chiến binh"),
        (("ccb",), "cựu chiến binh"),
        (("đtn", "dtn"), "đoàn thanh niên"),
        (("tncs",), "thanh niên cộng sản"),
        (("ubkt",), "ủy ban kiểm tra"),
        (("btv",), "ban thường vụ"),
        (("uvbtv",), "ủy viên ban thường vụ"),
        (("uv",), "ủy viên"),
        (("cvp",), "chánh văn phòng"),
        (("pcvp",), "phó chánh văn phòng"),
        (("hđtv", "hdtv"), "hội đồng thành viên"),
        (("hđqt", "hdqt"), "hội đồng quản trị"),
        (("tdp",), "tổ dân phố"),
        (("tw",), "trung ương"),
        (("ptb",), "phó trưởng ban"),
        (("tb",), "trưởng ban"),
        (("cv",), "chuyên viên"),
    )
    for key in keys
}
# "TP" is a trưởng phòng at the head of a title or after "Phó" ("TP Nội vụ", "Phó TP"), elsewhere a city
# ("UBND TP Huế"); "BCH" is a military command before "quân sự", otherwise an executive committee.
_TP = (_phrase("trưởng phòng"), _phrase("thành phố"))
_BCH = (_phrase("ban chỉ huy"), _phrase("ban chấp hành"))
_PHO = _phrase("phó")[0]
_PHUONG = _phrase("phường")
_MILITARY = {_phrase("quân")[0], "qs"}
# Spellings of one name: the fuller form is rewritten to the shorter one.
_REWRITES = tuple(
    (_phrase(long), _phrase(short))
    for long, short in (
        ("thanh niên cộng sản hồ chí minh", "thanh niên"),
        ("thanh niên cộng sản", "thanh niên"),
        ("mặt trận tổ quốc việt nam", "mặt trận tổ quốc"),
        ("phó chủ tịch thường trực", "phó chủ tịch"),
        ("phó bí thư thường trực", "phó bí thư"),
    )
)

# Tier words: the tier of the unit they name ("thành phố" is a province or, before 2025, a district).
_TIER_WORDS: dict[tuple[str, ...], frozenset[str]] = {
    _phrase(word): frozenset(tiers)
    for word, tiers in (
        ("xã", {"xa"}),
        ("phường", {"xa"}),
        ("thị trấn", {"xa"}),
        ("đặc khu", {"xa"}),
        ("huyện", {"huyen"}),
        ("quận", {"huyen"}),
        ("thị xã", {"huyen"}),
        ("tỉnh", {"tinh"}),
        ("thành phố", {"tinh", "huyen"}),
    )
}
_NOT_TIER = {_phrase("xã hội")}  # "Văn hóa - Xã hội"
# Places inside a commune: "Trưởng thôn Đông", "Bí thư Chi bộ ấp 3". They name a commune-tier post but
# are not tier words (a commune chair is not "Chủ tịch thôn").
_VILLAGES = tuple(_phrase(v) for v in ("thôn", "ấp", "bản", "xóm", "buôn", "làng", "khu phố", "tổ dân phố"))
# A name ending with one of these units may be followed by the unit's own name ("… phòng Nội vụ").
_UNITS = (
    tuple(
        _phrase(unit)
        for unit in ("phòng", "sở", "chi cục", "khoa", "trung tâm", "bệnh viện", "trường", "công ty")
    )
    + _VILLAGES
)
_HEAD_SUFFIX = _phrase("trưởng")[0]  # "Vụ trưởng Vụ …", "Tiểu đoàn trưởng Tiểu đoàn 3"
# Words of a rank without an organisation: "Chủ tịch", "Phó Bí thư", "Ủy viên".
_RANK_WORDS = set(
    _canonical_words("phó chủ tịch bí thư trưởng giám đốc tổng ủy viên thường trực chánh nhiệm")
)

# What "P." stands before as "Phó" (a deputy): a rank word or an abbreviated one.
_DEPUTY_OF = _RANK_WORDS | {"tp", "ct", "bt", "gđ", "gd", "tb", "cht", "cvp", "tgđ", "tgd"}


def _expand(words: list[str]) -> list[str]:
    out: list[str] = []
    for i, word in enumerate(words):
        if word == "p" and (i == 0 or (i + 1 < len(words) and words[i + 1] in _DEPUTY_OF)):
            out.append(_PHO)  # "P.Bí thư", "P. Giám đốc", "P.TP", "P.CT"
        elif word == "p":
            out += _PHUONG  # elsewhere a ward: "Chủ tịch UBND P. Tân Định"
        elif word == "tp":
            out += _TP[0] if i == 0 or words[i - 1] in (_PHO, "p") else _TP[1]
        elif word == "bch":
            out += _BCH[0] if i + 1 < len(words) and words[i + 1] in _MILITARY else _BCH[1]
        else:
            out += _ABBREVIATIONS.get(word, (word,))
    for long, short in _REWRITES:
        out = _replace(out, long, short)
    return out


def _replace(words: list[str], long: tuple[str, ...], short: tuple[str, ...]) -> list[str]:
    out: list[str] = []
    i = 0
    while i < len(words):
        if tuple(words[i : i + len(long)]) == long:
            out += short
            i += len(long)
        else:
            out.append(words[i])
            i += 1
    return out


def _words(title: str) -> tuple[str, ...]:
    return tuple(_expand(_canonical_words(title)))


def normalise_title(title: str) -> str:
    """Accent-free, abbreviation-expanded form of a title: "PCT UBND xã" → "pho chu tich uy ban nhan dan
    xa"."""
    return " ".join(_plain(w) for w in _words(title))


class _Forms:
    """The vocabulary the matcher reads around a name, in one form of the words (accented or plain)."""

    def __init__(self, form) -> None:
        self.tiers = {tuple(form(w) for w in k): v for k, v in _TIER_WORDS.items()}
        self.not_tier = {tuple(form(w) for w in k) for k in _NOT_TIER}
        self.units = [tuple(form(w) for w in u) for u in _UNITS]
        self.villages = [tuple(form(w) for w in v) for v in _VILLAGES]
        self.head = form(_HEAD_SUFFIX)

    def village_at(self, words: tuple[str, ...]) -> bool:
        return any(words[: len(v)] == v for v in self.villages)

    def tier_at(self, words: tuple[str, ...]) -> tuple[frozenset[str], int] | None:
        """The tiers named by a tier word starting `words`, and its length in words."""
        if words[:2] in self.not_tier:
            return None
        for length in (2, 1):
            if len(words) >= length and words[:length] in self.tiers:
                return self.tiers[words[:length]], length
        return None

    def first_tier(self, words: tuple[str, ...]) -> frozenset[str]:
        for i in range(len(words)):
            found = self.tier_at(words[i:])
            if found is not None:
                return found[0]
        return frozenset()

    def intrinsic(self, words: tuple[str, ...]) -> frozenset[str]:
        """Tiers named inside a catalogue name ("Huyện ủy viên", "Bí thư Tỉnh ủy"): the name fixes them."""
        tiers: set[str] = set()
        i = 0
        while i < len(words):
            found = self.tier_at(words[i:])
            if found is None:
                i += 1
            else:
                tiers |= found[0]
                i += found[1]
        return frozenset(tiers)

    def opens_on_unit(self, name: tuple[str, ...], rest: tuple[str, ...]) -> bool:
        """Whether a name takes the unit's own name after it: it ends with a unit ("… phòng" + "Nội vụ"),
        or with "<unit> trưởng" and the rest names that unit ("Tiểu đoàn trưởng" + "Tiểu đoàn 3")."""
        if any(name[-len(u) :] == u for u in self.units):
            return True
        if name[-1] == self.head:
            for length in (2, 1):
                unit = name[-1 - length : -1]
                if len(unit) == length and rest[:length] == unit:
                    return True
        return False


_ACCENTED = _Forms(lambda w: w)
_PLAIN = _Forms(_plain)


def _strip_tier(words: tuple[str, ...], tier: str | None = None) -> tuple[tuple[str, ...], bool]:
    """A catalogue name without its trailing tier words (the post's tier field carries them); only words
    that name `tier` when it is given ("Chức vụ mới của tỉnh" at commune tier keeps its "tỉnh")."""
    stripped = False
    while True:
        for length in (2, 1):
            tail = words[-length:]
            if len(words) > length and tail in _TIER_WORDS and (tier is None or tier in _TIER_WORDS[tail]):
                words, stripped = words[:-length], True
                break
        else:
            return words, stripped


@dataclass(frozen=True, slots=True)
class _Name:
    """One catalogue name as the matcher keeps it: its words, whether a title must follow it with a tier
    word ("Chủ tịch xã" stands for the commune chair; "Chủ tịch" alone names no organisation), the tiers
    it names itself, and its posts."""

    words: tuple[str, ...]
    needs_tier_word: bool
    intrinsic: frozenset[str]
    posts: tuple[CataloguePost, ...]


@dataclass(frozen=True, slots=True)
class TitleMatch:
    """The outcome for one title: `post` when it names exactly one post; otherwise `problem` is "unknown"
    (no catalogue name accounts for the whole title), "ambiguous" (several posts, `candidates`, fit the
    title, the tier and the sector) or "tier" (the name exists, not at that tier: `candidates` are where)."""

    post: CataloguePost | None
    problem: str = ""
    candidates: tuple[CataloguePost, ...] = ()
    tiers: frozenset[str] = frozenset()  # for "tier": the tiers looked for


_UNKNOWN = TitleMatch(None, "unknown")


class TitleMatcher:
    """Matches free-text titles to catalogue posts; caches every (title, tier, sector) it has seen."""

    def __init__(self, catalogue: Iterable[CataloguePost]) -> None:
        self.posts: dict[str, CataloguePost] = {p.code: p for p in catalogue}
        named: dict[tuple[tuple[str, ...], bool], list[CataloguePost]] = defaultdict(list)
        for post in self.posts.values():
            for title in (post.title, *post.aliases):
                words, stripped = _strip_tier(_words(title), post.tier)
                needs = stripped and all(w in _RANK_WORDS for w in words)
                if words and post not in named[words, needs]:
                    named[words, needs].append(post)
        self._accented: dict[tuple[str, ...], list[_Name]] = defaultdict(list)
        self._plain: dict[tuple[str, ...], list[_Name]] = defaultdict(list)
        for (words, needs), posts in named.items():
            name = _Name(words, needs, _ACCENTED.intrinsic(words), tuple(posts))
            self._accented[words].append(name)
            self._plain[tuple(_plain(w) for w in words)].append(name)
        self._longest = max((len(words) for words in self._accented), default=0)
        self._keys: dict[str, list[CataloguePost]] = defaultdict(list)
        for words, names in self._plain.items():
            key = " ".join(words)
            for name in names:
                self._keys[key] += [p for p in name.posts if p not in self._keys[key]]
        self._cache: dict[tuple[str, str | None, str | None], TitleMatch] = {}

    def keys(self) -> dict[str, list[CataloguePost]]:
        """Every accent-free catalogue name (as `normalise_title` writes it) and the posts it stands for."""
        return dict(self._keys)

    def match(self, title: str, tier: str | None = None, sector: str | None = None) -> PostRef | None:
        """The post a title names, or None when it names none or cannot be told apart (then `resolve`)."""
        post = self.match_post(title, tier, sector)
        return post.ref if post else None

    def match_post(
        self, title: str, tier: str | None = None, sector: str | None = None
    ) -> CataloguePost | None:
        return self.resolve(title, tier, sector).post

    def resolve(self, title: str, tier: str | None = None, sector: str | None = None) -> TitleMatch:
        """The post `title` names given the roster's Cấp (`tier`) and Khối (`sector`), or why none."""
        cache_key = (title, tier, sector)
        found = self._cache.get(cache_key)
        if found is None:
            found = self._cache[cache_key] = self._resolve(title, tier, sector)
        return found

    def _resolve(self, title: str, tier: str | None, sector: str | None) -> TitleMatch:
        words = _words(title)
        found = self._find(words, self._accented, _ACCENTED)
        if found is None:
            found = self._find(tuple(_plain(w) for w in words), self._plain, _PLAIN)
        if found is None:
            return _UNKNOWN
        names, hint = found
        posts = tuple(dict.fromkeys(p for name in names for p in name.posts))
        if len({name.words for name in names}) > 1:
            # Only the accents tell the names apart ("Truong ban": Trưởng ban or Trưởng bản): no match.
            return TitleMatch(None, "ambiguous", posts)
        return _narrow(posts, names[0].intrinsic, hint, tier, sector)

    def _find(self, words, index, forms: _Forms) -> tuple[list[_Name], frozenset[str]] | None:
        """The longest catalogue name(s) starting the title whose rest is accounted for, and the tiers the
        rest names (empty when it names none)."""
        for end in range(min(len(words), self._longest), 0, -1):
            names = index.get(words[:end])
            if not names:
                continue
            rest = words[end:]
            leading = forms.tier_at(rest)
            fitting = [n for n in names if leading is not None or not n.needs_tier_word]
            if not fitting:
                continue
            if not rest:
                return fitting, frozenset()
            if leading is not None:
                return fitting, leading[0]
            if forms.village_at(rest) and not any(n.needs_tier_word for n in fitting):
                return fitting, frozenset({"xa"})
            if forms.opens_on_unit(words[:end], rest):
                return fitting, forms.first_tier(rest)
        return None

    def suggest(
        self, title: str, tier: str | None = None, sector: str | None = None, n: int = 3
    ) -> list[CataloguePost]:
        """The `n` catalogue posts whose names are closest to `title`, preferring its tier and sector."""
        wanted = " ".join(_plain(w) for w in _strip_tier(_words(title))[0])
        scored: dict[str, tuple[float, CataloguePost]] = {}
        for key, posts in self._keys.items():
            ratio = difflib.SequenceMatcher(None, wanted, key).ratio()
            for post in posts:
                score = ratio + 0.05 * (post.tier == tier) + 0.02 * (post.sector == sector)
                if post.code not in scored or scored[post.code][0] < score:
                    scored[post.code] = (score, post)
        best = sorted(scored.values(), key=lambda item: -item[0])
        return [post for _, post in best[:n]]


def _narrow(
    posts: tuple[CataloguePost, ...],
    intrinsic: frozenset[str],
    hint: frozenset[str],
    tier: str | None,
    sector: str | None,
) -> TitleMatch:
    """Tier first — a tier word in the title, else one in the name itself, else the roster's Cấp, strictly —
    then sector, leniently (a sector no candidate has decides nothing); one post left is the match."""
    if hint:
        pool = [p for p in posts if p.tier in hint]
        if len(hint) > 1 and tier in hint:
            pool = [p for p in pool if p.tier == tier] or pool
    elif intrinsic:
        pool = [p for p in posts if p.tier in intrinsic] or list(posts)
        pool = [p for p in pool if p.tier == tier] or pool
    elif tier is not None:
        pool = [p for p in posts if p.tier == tier]
    else:
        pool = list(posts)
    if not pool:
        return TitleMatch(None, "tier", posts, hint or frozenset({tier}))
    if sector is not None and len(pool) > 1:
        pool = [p for p in pool if p.sector == sector] or pool
    if len(pool) == 1:
        return TitleMatch(pool[0])
    return TitleMatch(None, "ambiguous", tuple(pool))
