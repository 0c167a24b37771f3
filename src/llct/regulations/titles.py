"""Free-text post titles → catalogue posts ("PCT UBND xã", "Phó Trưởng phòng Nội vụ", "Phó chủ tịch Ủy ban
nhân dân xã Tiên Du").

Titles and catalogue names are folded (`llct.vntext.fold`: accents, case, NFC/NFD, Uỷ/Ủy), abbreviations
are expanded, and the longest catalogue name that starts the title wins, so a department or unit suffix
("… Nội vụ", "… xã Tiên Du") does not stop a match. Tier and sector (the roster's Cấp and Khối, or a
tier word right after the name) tell apart posts with the same name.
"""

from __future__ import annotations

import difflib
import re
from collections import defaultdict
from collections.abc import Iterable

from llct.vntext import fold

from .model import CataloguePost, PostRef

_ABBREVIATIONS = {
    "ubnd": "uy ban nhan dan",
    "hdnd": "hoi dong nhan dan",
    "mttq": "mat tran to quoc",
    "ubmttq": "uy ban mat tran to quoc",
    "chqs": "chi huy quan su",
    "bchqs": "ban chi huy quan su",
    "qs": "quan su",
    "pct": "pho chu tich",
    "ct": "chu tich",
    "pbt": "pho bi thu",
    "bt": "bi thu",
    "ptp": "pho truong phong",
    "gd": "giam doc",
    "pgd": "pho giam doc",
    "tgd": "tong giam doc",
    "ptgd": "pho tong giam doc",
    "ca": "cong an",
    "ttct": "trung tam chinh tri",
    "hpn": "hoi phu nu",
    "lhpn": "lien hiep phu nu",
    "hlhpn": "hoi lien hiep phu nu",
    "hnd": "hoi nong dan",
    "hccb": "hoi cuu chien binh",
    "ccb": "cuu chien binh",
    "dtn": "doan thanh nien",
    "tncs": "thanh nien cong san",
    "ubkt": "uy ban kiem tra",
    "btv": "ban thuong vu",
    "uvbtv": "uy vien ban thuong vu",
    "uv": "uy vien",
    "cvp": "chanh van phong",
    "pcvp": "pho chanh van phong",
    "hdtv": "hoi dong thanh vien",
    "hdqt": "hoi dong quan tri",
    "tdp": "to dan pho",
    "tw": "trung uong",
    "ptb": "pho truong ban",
    "tb": "truong ban",
    "cv": "chuyen vien",
}
# Words that name the tier of the unit right after a post name: "Phó Chủ tịch UBND xã …".
_TIER_WORDS = {
    "xa": "xa",
    "phuong": "xa",
    "thi tran": "xa",
    "dac khu": "xa",
    "huyen": "huyen",
    "quan": "huyen",
    "thi xa": "huyen",
    "tinh": "tinh",
}
_TRAILING_TIER = re.compile(r"(?: (?:xa|phuong|thi tran|dac khu|huyen|quan|thi xa|tinh|thanh pho))+$")
_NOT_WORD = re.compile(r"[^0-9a-z]+")


def normalise_title(title: str) -> str:
    """Folded, abbreviation-expanded form of a title: "PCT UBND xã" → "pho chu tich uy ban nhan dan xa"."""
    words = _NOT_WORD.sub(" ", fold(title)).split()
    out: list[str] = []
    for i, word in enumerate(words):
        nxt = words[i + 1] if i + 1 < len(words) else ""
        if word == "tp":  # at the head (or after "phó") a post, elsewhere a city: "TP Nội vụ", "UBND TP Huế"
            out.append("truong phong" if i == 0 or words[i - 1] == "pho" else "thanh pho")
        elif word == "bch":  # Ban Chỉ huy (quân sự) or Ban Chấp hành (đảng bộ)
            out.append("ban chi huy" if nxt in {"quan", "qs"} else "ban chap hanh")
        else:
            out.append(_ABBREVIATIONS.get(word, word))
    return " ".join(out)


def _key(name: str) -> str:
    """Catalogue names are stored without their trailing tier word, which the tier field carries."""
    return _TRAILING_TIER.sub("", normalise_title(name)).strip()


class TitleMatcher:
    """Matches free-text titles to catalogue posts; caches every (title, tier, sector) it has seen."""

    def __init__(self, catalogue: Iterable[CataloguePost]) -> None:
        self.posts: dict[str, CataloguePost] = {p.code: p for p in catalogue}
        self._by_key: dict[str, list[CataloguePost]] = defaultdict(list)
        for post in self.posts.values():
            for name in (post.title, *post.aliases):
                key = _key(name)
                if key and post not in self._by_key[key]:
                    self._by_key[key].append(post)
        self._cache: dict[tuple[str, str | None, str | None], CataloguePost | None] = {}

    def keys(self) -> dict[str, list[CataloguePost]]:
        """Every folded name and the posts it stands for (for checks and suggestions)."""
        return dict(self._by_key)

    def match(self, title: str, tier: str | None = None, sector: str | None = None) -> PostRef | None:
        """The post a title names, or None when it names none or cannot be told apart (then `suggest`)."""
        post = self.match_post(title, tier, sector)
        return post.ref if post else None

    def match_post(
        self, title: str, tier: str | None = None, sector: str | None = None
    ) -> CataloguePost | None:
        cache_key = (title, tier, sector)
        if cache_key not in self._cache:
            self._cache[cache_key] = self._match(title, tier, sector)
        return self._cache[cache_key]

    def _match(self, title: str, tier: str | None, sector: str | None) -> CataloguePost | None:
        words = normalise_title(title).split()
        for end in range(len(words), 0, -1):
            candidates = self._by_key.get(" ".join(words[:end]))
            if candidates:
                rest = " ".join(words[end : end + 2])
                hint = _TIER_WORDS.get(rest) or _TIER_WORDS.get(rest.split(" ")[0] if rest else "")
                return _choose(candidates, hint or tier, sector)
        return None

    def suggest(
        self, title: str, tier: str | None = None, sector: str | None = None, n: int = 3
    ) -> list[CataloguePost]:
        """The `n` catalogue posts whose names are closest to `title`, preferring its tier and sector."""
        wanted = _key(title)
        scored: dict[str, tuple[float, CataloguePost]] = {}
        for key, posts in self._by_key.items():
            ratio = difflib.SequenceMatcher(None, wanted, key).ratio()
            for post in posts:
                score = ratio + 0.05 * (post.tier == tier) + 0.02 * (post.sector == sector)
                if post.code not in scored or scored[post.code][0] < score:
                    scored[post.code] = (score, post)
        best = sorted(scored.values(), key=lambda item: -item[0])
        return [post for _, post in best[:n]]


def _choose(candidates: list[CataloguePost], tier: str | None, sector: str | None) -> CataloguePost | None:
    """Narrow by tier, then by sector; a filter that would leave nothing is not applied. Ambiguity → None."""
    pool = candidates
    if tier is not None:
        pool = [p for p in pool if p.tier == tier] or (pool if len(pool) == 1 else [])
    if sector is not None and len(pool) > 1:
        pool = [p for p in pool if p.sector == sector] or pool
    return pool[0] if len(pool) == 1 else None
