"""The programme catalogue (data with citations) and who may run which programme (phân cấp)."""

import datetime as dt

import pytest

from llct.training.choices import ProgrammeOutput
from llct.training.services.allocation import competent_kinds, institution_check
from llct.training.services.catalogue import catalogue_load
from llct.training.services.errors import TrainingRuleError

COMMUNE = ["nhan_thuc_ve_dang", "dang_vien_moi", "ky_nang", "chuyen_de", "cap_nhat"]


def test_catalogue_has_every_programme_with_output_modules_and_citation(programmes):
    assert set(programmes) == {"so_cap", "trung_cap", "cao_cap", *COMMUNE}
    for p in programmes.values():
        assert p.citation and p.modules.exists() and p.usual_duration
    assert programmes["so_cap"].offered_until == dt.date(2025, 8, 28)
    assert programmes["trung_cap"].modes == ["tap_trung", "khong_tap_trung"]
    # QĐ 1147 art. 4: programmes 1–3 give a certificate, 4–5 a recognition decision only.
    outputs = {c: programmes[c].output for c in COMMUNE}
    assert outputs == {
        "nhan_thuc_ve_dang": ProgrammeOutput.CERTIFICATE,
        "dang_vien_moi": ProgrammeOutput.CERTIFICATE,
        "ky_nang": ProgrammeOutput.CERTIFICATE,
        "chuyen_de": ProgrammeOutput.DECISION_ONLY,
        "cap_nhat": ProgrammeOutput.DECISION_ONLY,
    }
    assert all(programmes[c].min_learners == 25 for c in COMMUNE)


def test_reloading_the_catalogue_changes_nothing(programmes):
    before = {p.code: p.modules.count() for p in programmes.values()}
    catalogue_load()
    catalogue_load()
    assert {p.code: p.modules.count() for p in type(programmes["so_cap"]).objects.all()} == before


@pytest.mark.parametrize(
    ("code", "on", "kinds"),
    [
        ("so_cap", "2025-08-28", {"trung_tam_chinh_tri_huyen"}),
        ("so_cap", "2025-08-29", set()),
        ("nhan_thuc_ve_dang", "2025-12-01", {"trung_tam_chinh_tri_xa"}),
        ("nhan_thuc_ve_dang", "2024-05-01", {"trung_tam_chinh_tri_huyen"}),
        ("trung_cap", "2025-12-01", {"truong_chinh_tri_tinh"}),
    ],
)
def test_competent_kinds_by_date(programmes, code, on, kinds):
    got = competent_kinds(programmes[code], dt.date.fromisoformat(on))
    assert set(got.kinds) == kinds
    assert got.citation


def test_institution_not_competent_is_refused_with_citation(tree, programmes):
    with pytest.raises(TrainingRuleError) as refused:
        institution_check(tree["school"], programmes["nhan_thuc_ve_dang"], dt.date(2025, 12, 1))
    assert refused.value.code == "not_competent"
    assert "QĐ 1147" in refused.value.citation
    with pytest.raises(TrainingRuleError):
        institution_check(tree["north"], programmes["trung_cap"], dt.date(2025, 12, 1))  # not a school
    assert institution_check(tree["school"], programmes["trung_cap"], dt.date(2025, 12, 1)).kinds


@pytest.mark.parametrize(
    ("code", "on", "kind", "competent"),
    [
        ("nhan_thuc_ve_dang", "2025-12-01", "trung_tam_chinh_tri_xa", True),
        ("nhan_thuc_ve_dang", "2025-12-01", "truong_chinh_tri_tinh", False),
        ("so_cap", "2025-08-29", "trung_tam_chinh_tri_huyen", False),
        ("trung_cap", "2025-12-01", "truong_chinh_tri_tinh", True),
    ],
)
def test_rulebook_allocation_agrees(programmes, code, on, kind, competent):
    """The shared allocation (llct.regulations allocation.yaml) answers for every catalogue programme."""
    got = competent_kinds(programmes[code], dt.date.fromisoformat(on))
    assert (kind in got.kinds) is competent
    if got.kinds:
        assert got.citation


def test_rulebook_refusal_cites_the_rule(tree, programmes):
    with pytest.raises(TrainingRuleError) as refused:
        institution_check(tree["school"], programmes["nhan_thuc_ve_dang"], dt.date(2025, 12, 1))
    assert "1147" in refused.value.citation
