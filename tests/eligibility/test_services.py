"""Services of the eligibility app: seeding, the current rulebook, version edits, profiles."""

import datetime as dt
import io

import polars as pl
import pytest

from llct.accounts.models import Role
from llct.eligibility.choices import VersionOrigin
from llct.eligibility.models import RegulationVersion, SeededPost
from llct.eligibility.services import rulebook as rb
from llct.eligibility.services.profiles import decide_for_cadre, profile_from_cadre
from llct.eligibility.services.rulebook import (
    current_rulebook,
    regulation_version_save,
    rulebook_invalidate,
    rulebook_seed,
)
from llct.registry.models import Assignment, PlanningEntry, Post, YearlyRating
from llct.regulations import RegulationDataError, load_shipped

ON = dt.date(2024, 5, 1)


def _vice_chair(make_cadre, unit, **fields):
    """Phó Chủ tịch UBND xã since 2020: a trung cấp subject under QĐ 57 Điều 5."""
    fields = {"party_status": "chinh_thuc", "education": "dai_hoc", **fields}
    cadre = make_cadre(unit, **fields)
    Assignment.objects.create(
        cadre=cadre, post=Post.objects.get(code="xa_ubnd_pho_chu_tich"), valid_from=dt.date(2020, 1, 1)
    )
    return cadre


def test_seed_is_idempotent(seeded):
    assert set(seeded.versions_created) == {"57-QĐ/TW", "350-QĐ/TW"}
    assert len(seeded.posts_created) == Post.objects.count() > 100
    posts, versions = Post.objects.count(), RegulationVersion.objects.count()
    history = Post.history.count() + RegulationVersion.history.count()
    again = rulebook_seed()
    assert not (
        again.posts_created or again.posts_updated or again.versions_created or again.versions_updated
    )
    assert (Post.objects.count(), RegulationVersion.objects.count()) == (posts, versions)
    assert Post.history.count() + RegulationVersion.history.count() == history


def test_seed_keeps_an_administrators_edit_and_updates_untouched_rows(seeded, tree, make_user):
    admin = make_user(Role.ADMIN, tree["central"])
    edited = Post.objects.get(code="xa_bi_thu")
    edited.title = "Bí thư Đảng ủy xã (đã sửa)"
    edited._history_user = admin
    edited.save()
    # An untouched post whose shipped text changed since it was seeded: pretend it was seeded as "cũ".
    stale = Post.objects.get(code="xa_pho_bi_thu")
    stale.title = "cũ"
    stale.save()
    SeededPost.objects.filter(code="xa_pho_bi_thu").update(digest=rb._digest(rb._post_values(stale)))
    SeededPost.objects.filter(code="xa_bi_thu").update(digest="shipped text changed since")

    report = rulebook_seed()

    assert "xa_bi_thu" in report.posts_kept
    assert Post.objects.get(code="xa_bi_thu").title == "Bí thư Đảng ủy xã (đã sửa)"
    assert report.posts_updated == ["xa_pho_bi_thu"]
    assert Post.objects.get(code="xa_pho_bi_thu").title == "Phó Bí thư Đảng ủy xã"


def test_seed_never_overwrites_an_edited_version(seeded, tree, make_user):
    admin = make_user(Role.ADMIN, tree["central"])
    version = RegulationVersion.objects.get(number="57-QĐ/TW")
    regulation_version_save(
        version.text.replace("{nu: 33, nam: 35}", "{nu: 33, nam: 30}"), by=admin, version=version
    )
    RegulationVersion.objects.filter(pk=version.pk).update(shipped_digest="older shipped text")
    report = rulebook_seed()
    assert report.versions_kept == ["57-QĐ/TW"]
    assert "nam: 30" in RegulationVersion.objects.get(pk=version.pk).text


def test_an_administrators_edit_changes_decisions(seeded, tree, make_cadre, make_user):
    admin = make_user(Role.ADMIN, tree["central"])
    cadre = _vice_chair(make_cadre, tree["new_commune"], birth_date=dt.date(1992, 1, 1))  # man aged 32
    assert decide_for_cadre(cadre, "trung_cap", ON).modes == ("tap_trung",)

    version = RegulationVersion.objects.get(number="57-QĐ/TW")
    saved = regulation_version_save(
        version.text.replace("{nu: 33, nam: 35}", "{nu: 33, nam: 30}"), by=admin, version=version
    )

    assert saved.origin == VersionOrigin.EDITED
    assert saved.history.first().history_user == admin
    decision = decide_for_cadre(cadre, "trung_cap", ON)
    assert decision.modes == ("tap_trung", "khong_tap_trung")
    assert any("≥ 30" in r.text for r in decision.reasons)


def test_a_malformed_version_is_rejected_naming_the_item(seeded, tree, make_user):
    admin = make_user(Role.ADMIN, tree["central"])
    version = RegulationVersion.objects.get(number="57-QĐ/TW")
    before = version.text
    with pytest.raises(RegulationDataError) as error:
        regulation_version_save(before.replace("min_rank: 40", "min_rank: bốn", 1), by=admin, version=version)
    message = str(error.value)
    assert "57-QĐ/TW" in message and "min_rank" in message and "phải là số nguyên" in message
    assert RegulationVersion.objects.get(pk=version.pk).text == before


def test_a_version_naming_an_unknown_post_is_rejected(seeded, tree, make_user):
    admin = make_user(Role.ADMIN, tree["central"])
    version = RegulationVersion.objects.get(number="57-QĐ/TW")
    text = version.text.replace("min_rank: 40", "posts: [khong_co_chuc_vu_nay]\n        min_rank: 40", 1)
    with pytest.raises(RegulationDataError, match="khong_co_chuc_vu_nay"):
        regulation_version_save(text, by=admin, version=version)


def test_overlapping_new_version_is_rejected(seeded, tree, make_user):
    admin = make_user(Role.ADMIN, tree["central"])
    text = RegulationVersion.objects.get(number="350-QĐ/TW").text.replace("350-QĐ/TW", "351-QĐ/TW")
    with pytest.raises(RegulationDataError, match="chồng lên nhau"):
        regulation_version_save(text, by=admin)


def test_without_seeded_versions_the_shipped_files_answer(db):
    rulebook_invalidate()
    book = current_rulebook()
    shipped = load_shipped()
    assert [v.number for v in book.versions] == [v.number for v in shipped.versions]
    assert set(book.catalogue.posts) == set(shipped.catalogue.posts)


def test_without_a_database_file_the_shipped_files_answer(db, monkeypatch, tmp_path):
    """`llct screen` without an installation: no SQLite file is created, the shipped files answer."""
    from django.conf import settings

    rulebook_invalidate()
    missing = tmp_path / "none.sqlite3"
    monkeypatch.setitem(settings.DATABASES["default"], "NAME", str(missing))
    monkeypatch.setitem(settings.DATABASES["default"], "ENGINE", "django.db.backends.sqlite3")
    assert not rb._database_ready()
    assert current_rulebook() is rb._shipped()
    assert not missing.exists()
    rulebook_invalidate()


def test_the_database_catalogue_is_used_once_seeded(seeded, tree, make_user):
    admin = make_user(Role.ADMIN, tree["central"])
    post = Post(code="XA_MOI", title="Chức vụ mới của tỉnh", sector="chinh_quyen", tier="xa", rank=40)
    post._history_user = admin
    post.save()
    book = current_rulebook()
    assert "xa_moi" in book.catalogue.posts
    assert book.catalogue.matcher.match_post("Chức vụ mới của tỉnh", "xa").code == "xa_moi"
    assert "xa_moi" not in load_shipped().catalogue.posts


def test_profile_reads_records_in_force_on_the_date(seeded, tree, make_cadre):
    cadre = make_cadre(tree["new_commune"], grade="Chuyên viên chính", grade_since=dt.date(2015, 1, 1))
    posts = {
        code: Post.objects.get(code=code)
        for code in ("xa_ubnd_pho_chu_tich", "xa_ubnd_chu_tich", "xa_bi_thu")
    }
    Assignment.objects.create(cadre=cadre, post=posts["xa_ubnd_pho_chu_tich"], valid_from=dt.date(2019, 1, 1),
                              valid_to=dt.date(2024, 4, 30))  # fmt: skip
    Assignment.objects.create(cadre=cadre, post=posts["xa_ubnd_chu_tich"], valid_from=dt.date(2024, 5, 1))
    PlanningEntry.objects.create(cadre=cadre, post=posts["xa_bi_thu"], valid_from=dt.date(2021, 1, 1),
                                 valid_to=dt.date(2025, 12, 31))  # fmt: skip
    YearlyRating.objects.create(cadre=cadre, year=2023, rating="tot")
    YearlyRating.objects.create(cadre=cadre, year=2022, rating="xuat_sac")
    YearlyRating.objects.create(cadre=cadre, year=2025, rating="hoan_thanh")

    on_april = profile_from_cadre(cadre, dt.date(2024, 4, 30))
    on_may = profile_from_cadre(cadre, dt.date(2024, 5, 1))
    later = profile_from_cadre(cadre, dt.date(2026, 1, 1))

    assert [p.code for p in on_april.held] == ["xa_ubnd_pho_chu_tich"]
    assert [p.code for p in on_may.held] == ["xa_ubnd_chu_tich"]
    assert on_may.held[0].rank == posts["xa_ubnd_chu_tich"].rank
    assert [p.code for p in on_may.planned] == ["xa_bi_thu"] and later.planned == ()
    assert dict(on_may.ratings) == {2023: "tot", 2022: "xuat_sac"}
    assert later.ratings[2025] == "hoan_thanh"
    assert on_may.grade == current_rulebook().catalogue.grade_key("Chuyên viên chính") is not None
    assert on_may.birth_date == cadre.birth_date and on_may.sex == "nam"


def test_stored_rules_that_do_not_load_fail_loudly_until_fixed(seeded, tree, make_cadre):
    """An administrator renames a post a version names: nothing is decided with the shipped files instead;
    the error names the version, the item and the missing post, and goes away once fixed."""
    cadre = _vice_chair(make_cadre, tree["new_commune"], birth_date=dt.date(1980, 1, 1))
    post = Post.objects.get(code="xa_ca_truong")
    post.code = "xa_truong_ca"
    post.save()
    with pytest.raises(rb.StoredRulebookError) as error:
        current_rulebook()
    message = str(error.value)
    assert (
        "57-QĐ/TW: levels → so_cap → exclusions → 1 (tru_ca_quan_su_xa) → posts: chức vụ 'xa_ca_truong'"
        in message
    )
    assert "350-QĐ/TW: levels → cao_cap → subjects → 5 (cong_an_xa) → posts" in message
    assert "Quản trị viên hãy sửa" in message
    with pytest.raises(rb.StoredRulebookError):
        decide_for_cadre(cadre, "trung_cap", ON)  # still failing, from the cache
    post.code = "xa_ca_truong"
    post.save()
    assert decide_for_cadre(cadre, "trung_cap", ON).eligible


def test_the_screen_command_uses_the_installations_rules(seeded, tree, make_user, tmp_path):
    from django.core.management import CommandError, call_command

    admin = make_user(Role.ADMIN, tree["central"])
    roster = tmp_path / "r.csv"
    roster.write_text(
        "code,full_name,birth_date,sex,party_status,education,position,tier,sector\n"
        "A1,Trần Văn Hùng,11/11/1992,Nam,Chính thức,Đại học,PCT UBND xã,Xã,Chính quyền\n",
        encoding="utf-8",
    )
    out = tmp_path / "o.csv"
    quiet = {"stdout": io.StringIO(), "stderr": io.StringIO()}
    call_command(
        "screen", str(roster), "--on", "2024-05-01", "--level", "trung_cap", "--output", str(out), **quiet
    )
    assert pl.read_csv(out)["modes"][0] == "tap_trung"  # a man aged 31 < 35

    version = RegulationVersion.objects.get(number="57-QĐ/TW")
    regulation_version_save(
        version.text.replace("{nu: 33, nam: 35}", "{nu: 33, nam: 30}"), by=admin, version=version
    )
    call_command(
        "screen", str(roster), "--on", "2024-05-01", "--level", "trung_cap", "--output", str(out), **quiet
    )
    assert pl.read_csv(out)["modes"][0] == "tap_trung;khong_tap_trung"
    assert "Nam, 31 tuổi ≥ 30" in pl.read_csv(out)["reasons"][0]

    renamed = Post.objects.get(code="xa_ca_truong")
    renamed.code = "xa_truong_ca"
    renamed.save()
    with pytest.raises(CommandError, match="xa_ca_truong"):
        call_command("screen", str(roster), "--on", "2024-05-01", "--output", str(out), **quiet)


def test_the_admin_form_rejects_a_malformed_version_naming_the_item(seeded):
    from llct.eligibility.admin import RegulationVersionAdminForm

    version = RegulationVersion.objects.get(number="57-QĐ/TW")
    form = RegulationVersionAdminForm(
        data={"text": version.text.replace("min_rank: 40", "min_rank: bốn", 1)}, instance=version
    )
    assert not form.is_valid()
    (message,) = form.errors["text"]
    assert message.startswith(
        "57-QĐ/TW: levels → trung_cap → subjects → 2 (pho_truong_phong_huyen_tinh) → min_rank: "
        "phải là số nguyên"
    )
