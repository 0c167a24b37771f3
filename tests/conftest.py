"""Shared fixtures: a small dated unit tree with two provinces, users of every role, a few posts, and a
headless Debian Chromium for the browser tests."""

import datetime as dt
import itertools
from pathlib import Path

import pytest
from django.conf import settings

from llct.accounts.models import Role, User
from llct.registry.choices import Sector, Tier, UnitKind
from llct.registry.models import Cadre, Post, Unit
from llct.registry.services.cadres import cadre_save
from tests.required import pytest_runtest_makereport  # noqa: F401  (a hook: pytest finds it here)

PASSWORD = "mat-khau-thu-nghiem-2025"
PROJECT_PASSWORD_HASHERS = list(settings.PASSWORD_HASHERS)  # before `fast_passwords` replaces them


@pytest.fixture(autouse=True, scope="session")
def _tasks_run_immediately():
    """Huey runs tasks in-process during tests (its immediate mode keeps queue and results in memory)."""
    from huey.contrib.djhuey import HUEY

    HUEY.immediate = True
    yield
    HUEY.immediate = False


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    """Users are made by the dozen; hashing their passwords properly (PBKDF2, 0.4 s each) would dominate
    the run. The production hasher is the settings' own and is not what these tests are about."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


_codes = itertools.count(1)

CHROMIUM = Path("/usr/bin/chromium")
# Without the background-networking flags Chromium keeps dialling Google, which this network refuses.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture
def browser(monkeypatch):
    """Debian's Chromium driven by Playwright (never a downloaded browser). Skipped when it is absent
    (a failure when LLCT_REQUIRE names `browser`, as in CI)."""
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in the test's thread, where the test also reads the
    # database; the live server answers from another thread. Only for this test, never for the others.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def add_unit(parent, code, name, tier, kind=UnitKind.ADMINISTRATIVE, sector=Sector.PARTY, **dates) -> Unit:
    fields = dict(code=code, name=name, tier=tier, kind=kind, sector=sector, **dates)
    if parent is None:
        return Unit.objects.add_root(create_kwargs=fields)
    return Unit.objects.add_child(Unit.objects.get(pk=parent.pk), create_kwargs=fields)


@pytest.fixture
def tree(db):
    """Central → province "Bắc Sơn" (a district until 2025-06-30 with a commune; a new commune and its
    political centre from 2025-07-01) and province "Nam Hà" (another subtree, out of Bắc Sơn's scope)."""
    central = add_unit(None, "TW", "Trung ương", Tier.CENTRAL)
    north = add_unit(central, "BS", "Tỉnh Bắc Sơn", Tier.PROVINCE)
    district = add_unit(north, "BS-H1", "Huyện Tiên Phong", Tier.DISTRICT, valid_to=dt.date(2025, 6, 30))
    old_commune = add_unit(district, "BS-H1-X1", "Xã Đông Lâm", Tier.COMMUNE, valid_to=dt.date(2025, 6, 30))
    new_commune = add_unit(north, "BS-X1", "Xã Tiên Phong", Tier.COMMUNE, valid_from=dt.date(2025, 7, 1))
    new_commune.predecessors.add(old_commune)
    centre = add_unit(
        north,
        "BS-TTCT1",
        "Trung tâm Chính trị xã Tiên Phong",
        Tier.COMMUNE,
        kind=UnitKind.COMMUNE_CENTRE,
        sector=Sector.PUBLIC_SERVICE,
        valid_from=dt.date(2025, 8, 29),
    )
    centre.served_communes.add(new_commune)
    school = add_unit(
        north,
        "BS-TCT",
        "Trường Chính trị tỉnh Bắc Sơn",
        Tier.PROVINCE,
        kind=UnitKind.PROVINCIAL_SCHOOL,
        sector=Sector.PUBLIC_SERVICE,
    )
    south = add_unit(central, "NH", "Tỉnh Nam Hà", Tier.PROVINCE)
    south_commune = add_unit(south, "NH-X1", "Xã Hòa Bình", Tier.COMMUNE)
    units = dict(
        central=central,
        north=north,
        district=district,
        old_commune=old_commune,
        new_commune=new_commune,
        centre=centre,
        school=school,
        south=south,
        south_commune=south_commune,
    )
    return {k: Unit.objects.get(pk=v.pk) for k, v in units.items()}


@pytest.fixture
def make_user(db):
    def make(role: Role, unit: Unit, username: str | None = None) -> User:
        return User.objects.create_user(
            username=username or f"{role}-{unit.code}-{next(_codes)}".lower(),
            password=PASSWORD,
            role=role,
            unit=unit,
        )

    return make


@pytest.fixture
def posts(db):
    def post(code, title, sector, tier, rank, aliases=()):
        return Post.objects.create(
            code=code, title=title, sector=sector, tier=tier, rank=rank, aliases=list(aliases)
        )

    return {
        "pct_ubnd_xa": post(
            "PCT_UBND_XA", "Phó Chủ tịch Ủy ban nhân dân", Sector.STATE, Tier.COMMUNE, 40, ["PCT UBND"]
        ),
        "ptp_tinh": post("PTP_TINH", "Phó Trưởng phòng", Sector.STATE, Tier.PROVINCE, 45, ["PTP"]),
        "chuyen_vien": post("CV_XA", "Công chức", Sector.STATE, Tier.COMMUNE, 10),
    }


@pytest.fixture
def make_cadre(db):
    def make(unit: Unit, full_name: str = "Nguyễn Văn An", **fields) -> Cadre:
        fields.setdefault("code", f"CB{next(_codes):06d}")
        fields.setdefault("sex", "nam")
        fields.setdefault("birth_date", dt.date(1985, 5, 17))
        return cadre_save(Cadre(unit=unit, full_name=full_name, **fields))

    return make
