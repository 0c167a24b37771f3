"""Checking a roster against the registry before anything is written (roster-format.md; issue 2,
"the whole file is validated before anything is written"): citizen IDs that belong to another cadre,
cadres outside the importer's scope, titles that match no catalogue post, unit names."""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import QuerySet

from llct.accounts.scope import in_scope, scoped
from llct.registry.models import Cadre, Post, Unit
from llct.regulations.model import CataloguePost
from llct.regulations.titles import TitleMatcher, normalise_title
from llct.roster import Problem, RosterRead
from llct.roster.columns import label
from llct.vntext import fold

_CHUNK = 5_000  # ids per IN (...) query: well under SQLite's variable limit


@dataclass
class RowPlan:
    """What one roster row will do: its values, the cadre it updates (None = new), its managing unit,
    the posts it holds and is planned for (catalogue ids, with the titles as written)."""

    row: int
    values: dict
    cadre: Cadre | None
    unit: Unit
    posts: list[tuple[int, str]] = field(default_factory=list)
    planned: list[tuple[int, str]] = field(default_factory=list)


@dataclass
class RosterCheck:
    read: RosterRead
    plans: list[RowPlan]
    problems: list[Problem]


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


def units_in_scope(user) -> QuerySet[Unit]:
    return scoped(Unit.objects.all(), user, field="") if user is not None else Unit.objects.all()


def roster_check(read: RosterRead, *, user, unit: Unit, on: dt.date) -> RosterCheck:
    """Every problem of the file (the reader's and the registry's), and the plan of each row."""
    problems = list(read.problems)
    frame = read.frame
    header = read.header
    by_code = _existing(Cadre.objects.select_related("unit"), "code", frame["code"].drop_nulls().to_list())
    cids = frame["citizen_id"].drop_nulls().to_list() if "citizen_id" in frame.columns else []
    by_cid = _existing(Cadre.objects.select_related("unit"), "citizen_id", cids)
    units = _unit_index(user, unit, on)
    matcher, post_ids = catalogue_matcher()
    unit_of: dict[str, Unit] = {}
    resolved: dict[tuple, list[tuple[str, int | None, str]]] = {}
    seen_cids: dict[str, int] = {}
    seen_cadres: dict[int, int] = {}
    plans: list[RowPlan] = []

    for row, values in zip(read.rows.to_list(), frame.iter_rows(named=True), strict=True):
        code, cid = values.get("code"), values.get("citizen_id")
        cadre = by_code.get(code)
        other = by_cid.get(cid) if cid else None
        if cid and cid in seen_cids:
            problems.append(
                Problem(row, header("citizen_id"), cid,
                        f"Số CCCD trùng với dòng {seen_cids[cid]}: mỗi người chỉ có một số CCCD; "
                        "hãy kiểm tra lại.")
            )  # fmt: skip
        elif cid:
            seen_cids[cid] = row
        if cadre and other and other.pk != cadre.pk:
            problems.append(
                Problem(row, header("citizen_id"), cid,
                        f"Số CCCD này đã thuộc cán bộ khác (mã {other.code}); hãy kiểm tra lại số CCCD "
                        "hoặc mã cán bộ.")
            )  # fmt: skip
        cadre = cadre or other
        if cadre is not None and cadre.pk in seen_cadres:
            problems.append(
                Problem(row, header("code"), code or "",
                        f"Dòng này và dòng {seen_cadres[cadre.pk]} cùng trỏ tới một cán bộ (mã {cadre.code}, "
                        "theo mã hoặc số CCCD); hãy giữ một dòng.")
            )  # fmt: skip
        elif cadre is not None:
            seen_cadres[cadre.pk] = row
        if cadre is not None and user is not None and not in_scope(user, cadre.unit):
            problems.append(
                Problem(row, header("code"), code or "",
                        "Mã cán bộ hoặc số CCCD trùng với một cán bộ do đơn vị ngoài phạm vi quản lý của bạn "
                        "quản lý, nên không thể cập nhật; hãy liên hệ đơn vị đó hoặc kiểm tra lại.")
            )  # fmt: skip
            cadre = None
        written_unit = values.get("unit") or ""
        if written_unit not in unit_of:
            unit_of[written_unit] = units.get(fold(written_unit), unit)
        plan = RowPlan(row, values, cadre, unit_of[written_unit])
        for column, target, tier in (
            ("position", plan.posts, values.get("tier")),
            ("planned_position", plan.planned, values.get("planned_tier") or values.get("tier")),
        ):
            wanted = (values.get(column), tier, values.get("sector"))
            if wanted not in resolved:
                resolved[wanted] = [
                    _resolve(matcher, post_ids, title, *wanted[1:]) for title in _titles(wanted[0])
                ]
            for title, post_id, reason in resolved[wanted]:
                if post_id is None:
                    problems.append(Problem(row, header(column), title, reason))
                else:
                    target.append((post_id, title))
        plans.append(plan)

    problems.sort(key=lambda p: p.row)
    return RosterCheck(read=read, plans=plans, problems=problems)


def _existing(cadres: QuerySet[Cadre], field_name: str, values: list[str]) -> dict[str, Cadre]:
    found: dict[str, Cadre] = {}
    for start in range(0, len(values), _CHUNK):
        chunk = values[start : start + _CHUNK]
        found.update({getattr(c, field_name): c for c in cadres.filter(**{f"{field_name}__in": chunk})})
    return found


def _unit_index(user, target: Unit, on: dt.date) -> dict[str, Unit]:
    """Folded name → unit, among the units in scope on the day; a name shared by several units goes to
    the one under the target unit, or to none (then the row's cadre is managed by the target unit)."""
    index: dict[str, Unit] = {}
    ambiguous: set[str] = set()
    for candidate in units_in_scope(user).valid_on(on):
        key = fold(candidate.name)
        if key in index and index[key].pk != candidate.pk:
            under = [u for u in (index[key], candidate) if u.path.startswith(target.path)]
            if len(under) == 1:
                index[key] = under[0]
            else:
                ambiguous.add(key)
            continue
        index[key] = candidate
    for key in ambiguous:
        index.pop(key, None)
    return index


def _titles(text: str | None) -> list[str]:
    return [t.strip() for t in (text or "").split(";") if t.strip()]


def _resolve(
    matcher: TitleMatcher, post_ids: dict[str, int], title: str, tier: str | None, sector: str | None
) -> tuple[str, int | None, str]:
    """(title, Post id or None, the reason when None) for one title as written."""
    post = matcher.match_post(title, tier, sector)
    if post is not None and post.code in post_ids:
        return title, post_ids[post.code], ""
    return title, None, _unmatched(matcher, title, tier, sector)


def _unmatched(matcher: TitleMatcher, title: str, tier: str | None, sector: str | None) -> str:
    same = matcher.keys().get(normalise_title(title), [])
    if len(same) > 1:
        names = "; ".join(
            f"{p.title} ({label('tier', p.tier)}, {label('sector', p.sector)})" for p in same[:4]
        )
        return (
            f"Chức vụ ứng với nhiều chức vụ trong danh mục ({names}); hãy ghi rõ tên đầy đủ hoặc điền cột "
            "Cấp và Khối cho đúng."
        )
    close = matcher.suggest(title, tier, sector, n=3)
    hint = "; ".join(f"{p.title} ({label('tier', p.tier)})" for p in close)
    return (
        "Chức vụ không khớp chức vụ nào trong danh mục"
        + (f". Gần nhất: {hint}" if hint else "")
        + ". Hãy sửa tên chức vụ theo danh mục (và cột Cấp, Khối), hoặc đề nghị quản trị viên thêm "
        "tên gọi khác."
    )
