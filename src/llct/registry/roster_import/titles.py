"""Which catalogue posts a roster row names: titles matched against the catalogue with Cấp and Khối
(roster-format.md), or — when the file has the registry's code columns — the post and unit codes given for
each title, as long as they agree with the titles written beside them (see `columns`)."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from llct.registry.models import Assignment, Post
from llct.regulations.model import CataloguePost
from llct.regulations.titles import TitleMatcher, normalise_title
from llct.roster.columns import label

from .columns import HEADERS, PLANNED_CODES, POSITION_CODES, POSITION_UNITS, split
from .units import UnitResolver

TITLE_LENGTH = Assignment._meta.get_field("title_as_written").max_length


@dataclass(frozen=True, slots=True)
class Titles:
    """(post id, unit id or None = the managing unit, title as written) for each title, and the problems
    as (column key, value, reason)."""

    posts: tuple[tuple[int, int | None, str], ...]
    problems: tuple[tuple[str, str, str], ...]


def catalogue_matcher() -> tuple[TitleMatcher, dict[str, int]]:
    """A title matcher over the database's post catalogue, and catalogue code → Post id."""
    posts = list(
        Post.objects.filter(active=True).values("pk", "code", "title", "aliases", "sector", "tier", "rank")
    )
    catalogue = [
        CataloguePost(p["code"], p["title"], p["sector"], p["tier"], p["rank"], tuple(p["aliases"] or ()))
        for p in posts
    ]
    return TitleMatcher(catalogue), {p["code"]: p["pk"] for p in posts}


class TitleResolver:
    """Resolves the titles of a cell once per distinct (titles, Cấp, Khối, codes, unit codes)."""

    def __init__(self, units: UnitResolver) -> None:
        self.units = units
        self.matcher, self.post_ids = catalogue_matcher()
        self._done: dict[tuple, Titles] = {}

    def resolve(
        self,
        column: str,
        text: str | None,
        tier: str | None,
        sector: str | None,
        codes: str | None = None,
        unit_codes: str | None = None,
    ) -> Titles:
        key = (column, text, tier, sector, codes, unit_codes)
        if key not in self._done:
            self._done[key] = self._resolve(column, text, tier, sector, codes, unit_codes)
        return self._done[key]

    def _resolve(self, column, text, tier, sector, codes, unit_codes) -> Titles:
        titles = [t.strip() for t in (text or "").split(";") if t.strip()]
        code_list, unit_list = split(codes), split(unit_codes)
        problems: list[tuple[str, str, str]] = []
        codes_column = POSITION_CODES if column == "position" else PLANNED_CODES
        for items, name in ((code_list, codes_column), (unit_list, POSITION_UNITS)):
            if items and len(items) != len(titles):
                problems.append((name, "; ".join(items), self._count_mismatch(name, items, titles)))
        if problems:
            return Titles((), tuple(problems))
        posts = []
        for i, title in enumerate(titles):
            if len(title) > TITLE_LENGTH:
                problems.append((column, title, too_long(len(title), TITLE_LENGTH)))
                continue
            code = code_list[i] if code_list else ""
            if code:
                (post_id, reason), where, value = self._by_code(title, code), codes_column, code
            else:
                (post_id, reason), where, value = self._by_title(title, tier, sector), column, title
            if post_id is None:
                problems.append((where, value, reason))
                continue
            unit_code = unit_list[i] if unit_list else ""
            unit_id = self.units.by_code(unit_code) if unit_code else None
            if unit_code and unit_id is None:
                problems.append((POSITION_UNITS, unit_code, UnitResolver.unknown_code(unit_code)))
                continue
            posts.append((post_id, unit_id, title))
        return Titles(tuple(posts), tuple(problems))

    def _by_title(self, title: str, tier: str | None, sector: str | None) -> tuple[int | None, str]:
        post = self.matcher.match_post(title, tier, sector)
        if post is not None and post.code in self.post_ids:
            return self.post_ids[post.code], ""
        return None, self._unmatched(title, tier, sector)

    def _by_code(self, title: str, code: str) -> tuple[int | None, str]:
        post = self.matcher.posts.get(code)
        if post is None or code not in self.post_ids:
            return None, _(
                "Không có chức vụ mã %(code)s trong danh mục (hoặc chức vụ đã ngừng dùng); hãy sửa mã, hoặc "
                "xóa ô mã để nhận chức vụ theo tên."
            ) % {"code": code}
        match = self.matcher.resolve(title, post.tier, post.sector)
        if match.post == post or post in match.candidates:
            return self.post_ids[code], ""
        return None, _(
            "Mã chức vụ %(code)s là “%(post)s” (%(tier)s), không khớp chức vụ “%(title)s” ghi ở cột bên "
            "cạnh; hãy sửa một trong hai cho khớp, hoặc xóa ô mã để nhận chức vụ theo tên."
        ) % {"code": code, "post": post.title, "tier": label("tier", post.tier), "title": title}

    @staticmethod
    def _count_mismatch(name: str, items: list[str], titles: list[str]) -> str:
        return _(
            "Cột “%(codes)s” có %(n)s mục nhưng ô chức vụ có %(m)s chức vụ; hai ô phải tương ứng từng chức "
            "vụ theo thứ tự (cách nhau bởi “;”), hoặc xóa ô “%(codes)s”."
        ) % {"codes": HEADERS.get(name, name), "n": len(items), "m": len(titles)}

    def _unmatched(self, title: str, tier: str | None, sector: str | None) -> str:
        same = self.matcher.keys().get(normalise_title(title), [])
        if len(same) > 1:
            names = "; ".join(
                f"{p.title} ({label('tier', p.tier)}, {label('sector', p.sector)})" for p in same[:4]
            )
            return _(
                "Chức vụ ứng với nhiều chức vụ trong danh mục (%(names)s); hãy ghi rõ tên đầy đủ hoặc điền "
                "cột Cấp và Khối cho đúng."
            ) % {"names": names}
        close = self.matcher.suggest(title, tier, sector, n=3)
        hint = "; ".join(f"{p.title} ({label('tier', p.tier)})" for p in close)
        if hint:
            return _(
                "Chức vụ không khớp chức vụ nào trong danh mục. Gần nhất: %(hint)s. Hãy sửa tên chức vụ theo "
                "danh mục (và cột Cấp, Khối), hoặc đề nghị quản trị viên thêm tên gọi khác."
            ) % {"hint": hint}
        return _(
            "Chức vụ không khớp chức vụ nào trong danh mục. Hãy sửa tên chức vụ theo danh mục (và cột Cấp, "
            "Khối), hoặc đề nghị quản trị viên thêm tên gọi khác."
        )


def too_long(length: int, limit: int) -> str:
    return _("Giá trị dài %(length)s ký tự, vượt quá %(limit)s ký tự cho phép của cột này; hãy rút gọn.") % {
        "length": length,
        "limit": limit,
    }
