"""The demo province: a dated tree before and after the 2025 restructure, cadres with consistent records,
one account per role with the scope of its unit."""

import datetime as dt

import pytest
from django.db import transaction
from django.test import override_settings

from llct.accounts.models import Role, User
from llct.demo.accounts import DEMO_PASSWORD, DEMO_USERNAMES, demo_accounts
from llct.demo.cadres import DATA_NOTE
from llct.demo.province import demo_province_load
from llct.registry.choices import EQUIVALENCE_CERTIFICATES_END, TheoryProof, Tier, UnitKind
from llct.registry.models import Assignment, Cadre, PlanningEntry, Post, Unit, YearlyRating
from llct.registry.scope import scope_paths, scoped

AS_OF = dt.date(2026, 11, 1)
MD5 = "django.contrib.auth.hashers.MD5PasswordHasher"


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker):
    """Loaded once for the module inside a transaction rolled back at its end (the tests only read)."""
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=[MD5]), transaction.atomic():
        yield demo_province_load(size=300, seed=3, as_of=AS_OF)
        transaction.set_rollback(True)


@pytest.fixture
def demo(loaded, db):
    return loaded


def test_tree_before_the_restructure_has_districts_and_two_provinces(demo):
    then = Unit.objects.valid_on(dt.date(2024, 1, 1))
    provinces = then.filter(tier=Tier.PROVINCE, kind=UnitKind.ADMINISTRATIVE)
    assert sorted(provinces.values_list("code", flat=True)) == ["BLA", "HSO"]
    assert then.filter(tier=Tier.DISTRICT, kind=UnitKind.ADMINISTRATIVE).count() == 4
    assert then.filter(kind=UnitKind.DISTRICT_CENTRE).count() == 4
    assert not then.filter(kind=UnitKind.COMMUNE_CENTRE).exists()
    assert then.filter(tier=Tier.COMMUNE).count() == 22
    assert then.filter(kind=UnitKind.REGIONAL_ACADEMY).count() == 4
    assert then.filter(kind=UnitKind.NATIONAL_ACADEMY).count() == 1
    # District political centres outlive the districts until 2025-08-28.
    summer = Unit.objects.valid_on(dt.date(2025, 8, 1))
    assert summer.filter(kind=UnitKind.DISTRICT_CENTRE).count() == 4
    assert not summer.filter(tier=Tier.DISTRICT, kind=UnitKind.ADMINISTRATIVE).exists()


def test_tree_after_the_restructure_has_the_merged_province_and_its_communes(demo):
    now = Unit.objects.valid_on(dt.date(2026, 1, 1))
    merged = now.get(tier=Tier.PROVINCE, kind=UnitKind.ADMINISTRATIVE)
    assert set(merged.predecessors.values_list("code", flat=True)) == {"HSO", "BLA"}
    assert not now.filter(tier=Tier.DISTRICT).exists()
    communes = now.filter(tier=Tier.COMMUNE, kind=UnitKind.ADMINISTRATIVE)
    assert communes.count() == 8
    for commune in communes:
        assert commune.path.startswith(merged.path)
        assert commune.valid_from == dt.date(2025, 7, 1)
        old = list(commune.predecessors.all())
        assert len(old) >= 2
        assert all(o.tier == Tier.COMMUNE and o.valid_to == dt.date(2025, 6, 30) for o in old)
    centres = now.filter(kind=UnitKind.COMMUNE_CENTRE)
    assert centres.count() == 3
    served = [c for centre in centres for c in centre.served_communes.all()]
    assert sorted(c.pk for c in served) == sorted(communes.values_list("pk", flat=True))
    assert all(c.valid_from == dt.date(2025, 8, 29) for c in centres)
    school = now.get(kind=UnitKind.PROVINCIAL_SCHOOL)
    assert school.path.startswith(merged.path)
    assert school.predecessors.count() == 2
    assert not Unit.objects.valid_on(dt.date(2026, 1, 1)).filter(code__startswith="HSO").exists()


def test_cadres_are_kept_by_current_units_with_consistent_records(demo):
    assert demo.cadres == Cadre.objects.count() == 300
    assert demo.posts == Post.objects.count() > 100
    merged = Unit.objects.get(code="HSN")
    cadres = list(Cadre.objects.select_related("unit"))
    assert all(c.unit.path.startswith(merged.path) and c.unit.is_valid_on(AS_OF) for c in cadres)
    assert all(c.name_sort_key and c.name_search for c in cadres)
    ids = [c.citizen_id for c in cadres if c.citizen_id]
    assert len(ids) == len(set(ids)) and all(len(i) == 12 and i.isdigit() for i in ids)
    assert Cadre.history.count() == 300  # bulk writes leave their audit rows

    for cadre in cadres:
        current = [a for a in cadre.assignments.all() if a.valid_to is None]
        assert current and all(a.unit_id == cadre.unit_id for a in current)
    past = Assignment.objects.filter(valid_to__isnull=False).select_related("unit")
    assert past.exists()
    assert all(a.valid_from <= a.valid_to and not a.unit.is_valid_on(AS_OF) for a in past)

    assert YearlyRating.objects.count() == 900
    assert set(YearlyRating.objects.values_list("year", flat=True)) == {2023, 2024, 2025}
    for entry in PlanningEntry.objects.select_related("post", "cadre"):
        held = Assignment.objects.filter(cadre=entry.cadre, valid_to__isnull=True).first()
        assert entry.post.rank > held.post.rank

    equivalence = Cadre.objects.filter(theory_proof=TheoryProof.EQUIVALENCE)
    assert all(c.theory_issued_on < EQUIVALENCE_CERTIFICATES_END for c in equivalence)
    unproven = Cadre.objects.exclude(theory_level="").filter(theory_proof="")
    assert all(DATA_NOTE in c.extra for c in unproven)
    assert Cadre.objects.filter(birth_date__isnull=True).exists()
    assert 0 < demo.problems < 30

    lecturers = Cadre.objects.filter(unit__kind=UnitKind.PROVINCIAL_SCHOOL)
    assert lecturers.exists() and not lecturers.filter(lecturer_since__isnull=True).exists()
    assert not lecturers.exclude(theory_level__in=["cao_cap", "cu_nhan"]).exists()


def test_leading_posts_have_one_holder_and_leaders_are_party_members(demo):
    current = Assignment.objects.filter(valid_to__isnull=True).select_related("post", "cadre")
    seen = set()
    for a in current:
        if a.post.rank >= 50:
            assert (a.unit_id, a.post_id) not in seen, a
            seen.add((a.unit_id, a.post_id))
            assert a.cadre.party_status == "chinh_thuc"


def test_one_account_per_role_with_nested_scopes(demo):
    assert [a.username for a in demo.accounts] == list(DEMO_USERNAMES)
    assert {a.role for a in demo.accounts} == {str(r.label) for r in Role}
    users = demo_accounts(User.objects.all())
    assert [u.username for u in users] == list(DEMO_USERNAMES)
    assert all(u.check_password(DEMO_PASSWORD) for u in users)
    by_name = {u.username: u for u in users}
    admin = by_name["admin"]
    assert admin.is_superuser and admin.unit.code == "TW"
    province, commune = by_name["bantochuc.tinh"], by_name["bantochuc.xa"]
    assert province.role == commune.role == Role.ORG_BOARD
    assert province.unit.code == "HSN" and commune.unit.tier == Tier.COMMUNE

    in_province = scoped(Cadre.objects.all(), province)
    in_commune = scoped(Cadre.objects.all(), commune)
    assert in_province.count() == 300
    assert 0 < in_commune.count() < in_province.count()
    assert set(in_commune.values_list("pk", flat=True)) < set(in_province.values_list("pk", flat=True))
    # The merged province also sees the old provinces' units; the commune only its own predecessors.
    old_units = scoped(Unit.objects.filter(valid_to=dt.date(2025, 6, 30)), province, "")
    assert old_units.filter(code="BLA").exists()
    assert all(any(p.startswith(q) for q in scope_paths(province)) for p in scope_paths(commune))
    school_staff = [by_name[n] for n in ("giamdoc.truong", "giaovu.truong", "giangvien.truong")]
    assert {u.unit.kind for u in school_staff} == {UnitKind.PROVINCIAL_SCHOOL}
