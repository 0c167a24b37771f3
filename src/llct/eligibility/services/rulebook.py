"""One source of truth for the post catalogue and the regulation versions (issue 3, "One source of
truth"): the files shipped in `llct.regulations` seed the database, administrators edit the copy there,
and everything that decides uses the installation's current copy — or the shipped files when the
database has no tables or was never seeded. A stored copy that does not load is an error shown to the
user, never silently replaced by the shipped files."""

import datetime as dt
import hashlib
import json
import logging
import re
import threading
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from llct.accounts.audit import audit
from llct.eligibility.choices import VersionOrigin
from llct.eligibility.models import ProvincialRegulation, RegulationVersion, SeededPost
from llct.registry.models import Post
from llct.regulations import RegulationDataError, Rulebook, load_shipped, shipped_texts
from llct.regulations.schema import CatalogueSpec, VersionSpec, parse
from llct.vntext import fold

log = logging.getLogger(__name__)

_NOT_CODE = re.compile(r"[^a-z0-9_]+")
_SEEDED_FIELDS = ("title", "aliases", "sector", "tier", "rank", "note")


def engine_code(code: str) -> str:
    """The code a registry post has in the engine (lower-case letters, digits and "_"), so that posts
    created by hand with other characters still reach the rules."""
    return _NOT_CODE.sub("_", fold(code)).strip("_") or "post"


def match_token(post_id: int) -> str:
    """An extra alias under which the engine's title matcher finds exactly this registry post: the bulk
    path writes it into the roster frame it builds from the database, so no free-text matching is
    involved when the posts are already known."""
    return f"llctpost{post_id}"


def _digest(values: dict) -> str:
    return hashlib.sha256(
        json.dumps(values, sort_keys=True, ensure_ascii=False, default=str).encode()
    ).hexdigest()


def _post_values(post: Post) -> dict:
    return {name: getattr(post, name) for name in _SEEDED_FIELDS}


@dataclass
class SeedReport:
    """What `rulebook_seed` did, for the command's output."""

    posts_created: list[str] = field(default_factory=list)
    posts_updated: list[str] = field(default_factory=list)
    posts_kept: list[str] = field(default_factory=list)  # an administrator changed them: left as they are
    versions_created: list[str] = field(default_factory=list)
    versions_updated: list[str] = field(default_factory=list)
    versions_kept: list[str] = field(default_factory=list)


@transaction.atomic
def rulebook_seed(*, by=None) -> SeedReport:
    """Load the shipped catalogue (posts.yaml) into registry.Post and the shipped version files into
    RegulationVersion. Idempotent: a post or version still as last seeded is brought up to the shipped
    text; one an administrator changed is kept and reported; nothing is ever deleted."""
    texts = shipped_texts()
    report = SeedReport()
    catalogue: CatalogueSpec = parse(CatalogueSpec, texts["posts.yaml"], "posts.yaml")
    existing = {p.code: p for p in Post.objects.all()}
    seeded = {s.code: s for s in SeededPost.objects.all()}
    for spec in catalogue.posts:
        note = "; ".join(x for x in (spec.source, spec.note) if x)
        values = {"title": spec.title, "aliases": list(spec.aliases), "sector": spec.sector,
                  "tier": spec.tier, "rank": spec.rank, "note": note}  # fmt: skip
        wanted = _digest(values)
        post = existing.get(spec.code)
        record = seeded.get(spec.code)
        if post is None:
            post = Post(code=spec.code, **values)
            report.posts_created.append(spec.code)
        elif record is not None and _digest(_post_values(post)) == record.digest:
            if record.digest == wanted:
                continue
            for name, value in values.items():
                setattr(post, name, value)
            report.posts_updated.append(spec.code)
        else:
            if record is None or record.digest != wanted:
                report.posts_kept.append(spec.code)
            continue
        post.full_clean()
        audit(post, by, "Nạp từ danh mục chức vụ phát hành (posts.yaml)")
        post.save()
        SeededPost.objects.update_or_create(code=spec.code, defaults={"digest": wanted})

    for name, text in texts.items():
        if not name.startswith("versions/"):
            continue
        spec: VersionSpec = parse(VersionSpec, text, name)
        wanted = _digest({"text": text})
        version = RegulationVersion.objects.filter(number=spec.number).first()
        if version is None:
            version = RegulationVersion(number=spec.number, origin=VersionOrigin.SHIPPED)
            report.versions_created.append(spec.number)
        elif version.origin == VersionOrigin.SHIPPED and version.shipped_digest != wanted:
            report.versions_updated.append(spec.number)
        else:
            if version.origin == VersionOrigin.EDITED and version.shipped_digest != wanted:
                report.versions_kept.append(spec.number)
            continue
        _fill(version, spec, text)
        version.shipped_digest = wanted
        audit(version, by, f"Nạp từ tệp phát hành {name}")
        version.save()
    rulebook_invalidate()
    return report


def _fill(version: RegulationVersion, spec: VersionSpec, text: str) -> None:
    version.number = spec.number
    version.title = spec.title
    version.in_force_from = spec.in_force_from
    version.in_force_to = spec.in_force_to
    version.text = text


def check_version_text(text: str, *, version: RegulationVersion | None = None) -> VersionSpec:
    """Check an administrator's version text with the engine's loader: it must parse, and the rulebook it
    makes with the other stored versions and the current catalogue must hold together (no overlapping
    dates, every post named exists). Raises RegulationDataError naming the item and the problem."""
    name = version.number if version else _("phiên bản mới")
    spec: VersionSpec = parse(VersionSpec, text, name)
    if (
        RegulationVersion.objects.filter(number=spec.number)
        .exclude(pk=version.pk if version else None)
        .exists()
    ):
        raise RegulationDataError(
            _("%(name)s: đã có phiên bản số hiệu %(number)s; hãy sửa phiên bản đó.")
            % {"name": name, "number": spec.number}
        )
    texts = {v.number: v.text for v in RegulationVersion.objects.exclude(pk=version.pk if version else None)}
    texts[spec.number] = text
    stored_rulebook(versions=texts)
    return spec


@transaction.atomic
def regulation_version_save(text: str, *, by, version: RegulationVersion | None = None) -> RegulationVersion:
    """Save an administrator's edit of a version (or a new version) once `check_version_text` accepts it;
    the next decision uses it. Raises RegulationDataError (Vietnamese, naming the item and the problem)."""
    spec = check_version_text(text, version=version)
    version = version or RegulationVersion()
    _fill(version, spec, text)
    version.origin = VersionOrigin.EDITED
    audit(version, by, "Quản trị viên sửa nội dung")
    version.save()
    rulebook_invalidate()
    return version


def _catalogue_rows() -> list[dict]:
    return [
        {"code": engine_code(p.code), "title": p.title,
         "aliases": [*(str(a) for a in p.aliases or []), match_token(p.pk)],
         "sector": p.sector, "tier": p.tier, "rank": p.rank, "note": p.note}
        for p in Post.objects.order_by("pk")
    ]  # fmt: skip


def stored_rulebook(
    *, versions: dict[str, str] | None = None, overlays: dict[str, str] | None = None
) -> Rulebook:
    """The rulebook of the stored catalogue, versions and provinces' regulations, with `versions` or
    `overlays` (texts by name) in place of the stored ones when given: what a check builds before saving.
    Raises RegulationDataError naming the source, the item and the problem."""
    if versions is None:
        versions = {v.number: v.text for v in RegulationVersion.objects.all()}
    if overlays is None:
        overlays = {r.number: r.text for r in ProvincialRegulation.objects.all()}
    return Rulebook.from_sources(
        _catalogue_rows(),
        versions,
        catalogue_name="danh mục chức vụ (cơ sở dữ liệu)",
        overlay_texts=overlays,
    )


# ── the current rulebook, cached per process and rebuilt when the stored copy changes ──
_lock = threading.Lock()
_cache: dict[str, object] = {}


def rulebook_invalidate() -> None:
    """Forget the cached rulebook (the next read rebuilds it)."""
    with _lock:
        _cache.clear()


def _database_ready() -> bool:
    """Whether the default database exists and has this app's tables. A missing SQLite file is not
    created just to find out (`llct screen` on a machine without an installation)."""
    if _cache.get("ready"):
        return True
    db = settings.DATABASES[DEFAULT_DB_ALIAS]
    name = str(db["NAME"])
    in_memory = name == ":memory:" or name.startswith("file:")
    if db["ENGINE"].endswith("sqlite3") and not in_memory and not Path(name).exists():
        return False
    try:
        tables = connections[DEFAULT_DB_ALIAS].introspection.table_names()
    except Exception:  # no server, wrong credentials …: the shipped files still answer
        log.warning("no database for the rulebook; using the shipped files", exc_info=True)
        return False
    needed = {model._meta.db_table for model in (RegulationVersion, Post, ProvincialRegulation)}
    ready = needed <= set(tables)
    if ready:
        _cache["ready"] = True
    return ready


def _stamp() -> tuple:
    """Changes whenever a post or a version is written through the ORM (each write leaves a history row)."""
    return (
        Post.history.aggregate(m=Max("history_id"))["m"],
        RegulationVersion.history.aggregate(m=Max("history_id"))["m"],
        RegulationVersion.objects.count(),
        Post.objects.count(),
        ProvincialRegulation.history.aggregate(m=Max("history_id"))["m"],
        ProvincialRegulation.objects.count(),
    )


def _shipped() -> Rulebook:
    with _lock:
        if "shipped" not in _cache:
            _cache["shipped"] = load_shipped()
        return _cache["shipped"]


class StoredRulebookError(RegulationDataError):
    """The catalogue or the versions stored in the database do not load (e.g. a post a version names was
    renamed): nothing is decided until an administrator fixes them. The message says what to fix."""


def current_rulebook() -> Rulebook:
    """The installation's rulebook: its catalogue and stored versions when the database is migrated and
    seeded, the shipped files otherwise. Cached; a write to a post or a version makes the next call
    rebuild it (in every process, since the check reads the audit tables). Raises StoredRulebookError
    when the stored copy does not load."""
    if not _database_ready():
        return _shipped()
    stamp = _stamp()
    if not stamp[2]:
        return _shipped()
    with _lock:
        if _cache.get("stamp") == stamp:
            if "error" in _cache:
                raise _cache["error"]
            return _cache["book"]
    try:
        book = stored_rulebook()
    except RegulationDataError as exc:
        log.error("the stored catalogue or versions do not load: %s", exc)
        error = StoredRulebookError(
            _(
                "Danh mục chức vụ hoặc phiên bản quy định đang lưu trong cơ sở dữ liệu không dùng được, nên "
                "chưa xét được: %(problem)s\nQuản trị viên hãy sửa phiên bản quy định (trang «Phiên bản quy "
                "định») hoặc chức vụ trong danh mục được nêu ở trên."
            )
            % {"problem": exc}
        )
        with _lock:
            _cache.pop("book", None)
            _cache["stamp"], _cache["error"] = stamp, error
        raise error from exc
    with _lock:
        _cache.pop("error", None)
        _cache["stamp"], _cache["book"] = stamp, book
    return book


def version_on(on: dt.date) -> RegulationVersion | None:
    """The stored version in force on `on`."""
    return (
        RegulationVersion.objects.filter(in_force_from__lte=on)
        .exclude(in_force_to__lt=on)
        .order_by("-in_force_from")
        .first()
    )
