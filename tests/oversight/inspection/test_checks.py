"""Each check of the catalogue with an offending and a passing case, over records of province Bắc Sơn."""

import datetime as dt
from decimal import Decimal

import pytest

from llct.credentials.choices import CredentialKind
from llct.credentials.models import Blank, BlankStock, CertificateRegister, Credential, RegisterYear
from llct.eligibility.models import SpecialCaseDecision
from llct.oversight.inspection.checks import CHECKS
from llct.oversight.inspection.checks.base import Clause
from llct.oversight.models import PostStandard
from llct.registry.choices import Sector, Tier, UnitKind
from llct.registry.models import Assignment, Post
from llct.training.choices import (
    AttendanceStatus,
    ClassStatus,
    EnrolmentStatus,
    LecturerKind,
    ManagementRole,
    NominationStatus,
    StudyMode,
)
from llct.training.models import Appeal, Attendance, Essay, Lecturer, Nomination, RecognitionDecision, Session
from tests.conftest import add_unit

from .conftest import DAY, found

pytestmark = pytest.mark.django_db


def test_catalogue_has_the_issue_checks_with_stable_codes_and_real_citations():
    assert {"attendance_below_80", "class_below_25", "certificate_late"} <= set(CHECKS)
    assert len(CHECKS) >= 12
    for check in CHECKS.values():
        assert check.clauses and all(isinstance(c, Clause) and c.document for c in check.clauses), check.code
        assert check.confidence in {"T", "S", "I", "?"}
        assert check.title and check.title_en and check.object_kinds
        # QĐ 1147's articles other than Điều 4 are not given by REGULATIONS.md: never a made-up number.
        for clause in check.clauses:
            if clause.document.startswith("QĐ 1147"):
                assert clause.article in {"4", "?"}, (check.code, clause)


def test_clause_text_names_only_the_parts_it_knows():
    clause = Clause("QĐ 57-QĐ/TW", article="5", clause="1", item="1.1", point="b")
    assert str(clause) == "Điều 5, khoản 1, tiết 1.1, điểm b, QĐ 57-QĐ/TW"
    assert str(Clause("QĐ 1147-QĐ/BTGDVTW", article="?", topic="x")) == "Điều ?, QĐ 1147-QĐ/BTGDVTW (x)"


# 1 ── phân cấp
def test_class_not_competent(tree, make_class):
    at_centre = make_class("trung_cap", starts_on=DAY)
    full_time_cao_cap = make_class("cao_cap", institution=tree["school"], mode=StudyMode.FULL_TIME)
    fine = [
        make_class("trung_cap", institution=tree["school"], mode=StudyMode.FULL_TIME),
        make_class("cao_cap", institution=tree["school"], mode=StudyMode.PART_TIME),
        make_class("nhan_thuc_ve_dang"),
    ]
    hits = found("class_not_competent")
    assert {k[1] for k in hits} == {at_centre.pk, full_time_cao_cap.pk}
    offence = hits[("trainingclass", at_centre.pk, "")]
    assert offence.unit_id == tree["centre"].pk
    assert offence.values["competent_kinds"] == [UnitKind.PROVINCIAL_SCHOOL]
    assert offence.values["institution_kind"] == UnitKind.COMMUNE_CENTRE
    assert not {c.pk for c in fine} & {k[1] for k in hits}


# 2 ── sơ cấp after QĐ 350, a centre that ended
@pytest.fixture
def district_centre(tree):
    return add_unit(
        tree["district"],
        "BS-H1-TTCT",
        "Trung tâm Chính trị huyện Tiên Phong",
        Tier.DISTRICT,
        kind=UnitKind.DISTRICT_CENTRE,
        sector=Sector.PUBLIC_SERVICE,
        valid_to=dt.date(2025, 6, 30),
    )


def test_class_not_offered(tree, make_class, district_centre):
    late_so_cap = make_class("so_cap", institution=tree["school"], starts_on=dt.date(2025, 9, 10))
    after_end = make_class("dang_vien_moi", institution=district_centre, starts_on=dt.date(2025, 7, 15))
    in_time = make_class("so_cap", institution=district_centre, starts_on=dt.date(2025, 3, 1))
    hits = found("class_not_offered", start=dt.date(2025, 1, 1))
    assert {k[1] for k in hits} == {late_so_cap.pk, after_end.pk}
    assert hits[("trainingclass", late_so_cap.pk, "")].values["programme_offered_until"] == "28/08/2025"
    assert hits[("trainingclass", after_end.pk, "")].values["institution_valid_to"] == "30/06/2025"
    # the two checks do not count the same class twice, and the sơ cấp class of 2025 was competent
    competence = {k[1] for k in found("class_not_competent", start=dt.date(2025, 1, 1))}
    assert not competence & {late_so_cap.pk, after_end.pk, in_time.pk}


# 3 and 11 ── not eligible, no special case
@pytest.fixture
def nominated(tree, make_cadre, programmes, make_class, enrol, django_user_model):
    school_class = make_class("trung_cap", institution=tree["school"], mode=StudyMode.FULL_TIME)
    recorder = django_user_model.objects.create_user("ghi-nhan")

    def make(eligible: bool, status=NominationStatus.ADMITTED, special: bool = False, name="Cán Bộ"):
        cadre = make_cadre(tree["new_commune"], name)
        nomination = Nomination.objects.create(
            cadre=cadre,
            programme=programmes["trung_cap"],
            sending_unit=tree["new_commune"],
            nominated_on=DAY,
            status=status,
            eligible=eligible,
            eligibility={"regulation": "QĐ 350-QĐ/TW", "summary": "Không giữ chức vụ thuộc đối tượng"},
        )
        if special:
            SpecialCaseDecision.objects.create(
                cadre=cadre,
                level="trung_cap",
                eligible=True,
                authority="Ban Thường vụ",
                document_number="1-QĐ",
                decided_on=DAY - dt.timedelta(days=3),
                reason="Cán bộ nguồn",
                recorded_by=recorder,
            )
        enrolment = enrol(school_class, cadre, nomination=nomination) if status == "da_trieu_tap" else None
        return nomination, enrolment

    return make


def test_admitted_not_eligible(nominated, tree):
    _n, offending = nominated(eligible=False)
    _n, with_special_case = nominated(eligible=False, special=True)
    _n, eligible = nominated(eligible=True)
    hits = found("admitted_not_eligible")
    assert set(hits) == {("enrolment", offending.pk, "")}
    offence = hits[("enrolment", offending.pk, "")]
    assert offence.unit_id == tree["school"].pk
    assert offence.values["regulation"] == "QĐ 350-QĐ/TW"
    assert with_special_case.pk != offending.pk != eligible.pk


def test_nomination_not_eligible(nominated, tree):
    approved, _e = nominated(eligible=False, status=NominationStatus.APPROVED)
    nominated(eligible=False, status=NominationStatus.APPROVED, special=True)
    nominated(eligible=False, status=NominationStatus.SUBMITTED)
    nominated(eligible=True, status=NominationStatus.APPROVED)
    hits = found("nomination_not_eligible")
    assert set(hits) == {("nomination", approved.pk, "")}
    assert hits[("nomination", approved.pk, "")].unit_id == tree["new_commune"].pk


# 4 ── attendance
def test_attendance_below_80(make_class, enrol):
    klass = make_class("nhan_thuc_ve_dang", status=ClassStatus.ASSESSED)
    sessions = [Session.objects.create(training_class=klass, date=DAY, periods=p) for p in (4, 3, 2, 1)]

    def learner(present: tuple[int, ...], **fields):
        enrolment = enrol(klass, **fields)
        for session in sessions:
            status = AttendanceStatus.PRESENT if session.periods in present else AttendanceStatus.EXCUSED
            Attendance.objects.create(session=session, enrolment=enrolment, status=status, reason="ốm")
        return enrolment

    seventy = learner((4, 3), completed=True)  # 7 of 10 periods
    eighty = learner((4, 3, 1), completed=True)  # 8 of 10
    passed_mark = learner((4, 2), final_mark=Decimal("6.5"))  # 6 of 10, a passing mark
    learner((4,))  # 4 of 10 but neither recognised nor passed
    hits = found("attendance_below_80")
    assert {k[1] for k in hits} == {seventy.pk, passed_mark.pk}
    assert hits[("enrolment", seventy.pk, "")].values["attendance_percent"] == 70.0
    assert eighty.pk not in {k[1] for k in hits}


def test_attendance_below_80_reads_the_stored_rate_when_no_sessions_were_recorded(make_class, enrol):
    klass = make_class("ky_nang", status=ClassStatus.RECOGNISED)
    low = enrol(klass, completed=True, attendance_percent=Decimal("75"))
    enrol(klass, completed=True, attendance_percent=Decimal("80"))
    assert set(found("attendance_below_80")) == {("enrolment", low.pk, "")}


# 5 ── at least 25 learners
def test_class_below_25(make_class, enrol):
    small = make_class("dang_vien_moi", status=ClassStatus.IN_PROGRESS)
    for _ in range(24):
        enrol(small)
    for _ in range(2):
        enrol(small, status=EnrolmentStatus.WITHDRAWN)
    full = make_class("dang_vien_moi", status=ClassStatus.RECOGNISED)
    for _ in range(25):
        enrol(full)
    recruiting = make_class("dang_vien_moi", status=ClassStatus.OPEN)
    enrol(recruiting)
    before_1147 = make_class("dang_vien_moi", starts_on=dt.date(2025, 10, 1))
    enrol(before_1147)
    hits = found("class_below_25", start=dt.date(2025, 1, 1))
    assert set(hits) == {("trainingclass", small.pk, "")}
    assert hits[("trainingclass", small.pk, "")].values["learners"] == 24


# 6 ── 15 days
@pytest.fixture
def recognised(tree, make_class, enrol):
    klass = make_class("ky_nang", status=ClassStatus.RECOGNISED)
    decision = RecognitionDecision.objects.create(
        training_class=klass, number="15-QĐ/TTCT", signed_on=dt.date(2026, 3, 10), signed_by="A"
    )
    register = CertificateRegister.objects.create(institution=tree["centre"], kind=CredentialKind.CERTIFICATE)
    numbers = iter(range(1, 100))

    def learner(issued_on: dt.date | None):
        enrolment = enrol(klass, completed=True, status=EnrolmentStatus.COMPLETED)
        decision.enrolments.add(enrolment)
        if issued_on is None:
            return enrolment, None
        number = next(numbers)
        credential = Credential.objects.create(
            register=register,
            year=issued_on.year,
            number=number,
            serial=f"BS-TTCT1/GCN/{issued_on.year}/{number:06d}",
            holder=enrolment.cadre,
            enrolment=enrolment,
            programme=klass.programme,
            recognition=decision,
            issued_on=issued_on,
            signed_by="A",
        )
        return enrolment, credential

    return learner


def test_certificate_late_both_parts(recognised):
    _e, late = recognised(dt.date(2026, 3, 26))  # 16 days after the decision
    _e, on_time = recognised(dt.date(2026, 3, 25))  # the 15th day
    waiting, _c = recognised(None)
    hits = found("certificate_late", end=dt.date(2026, 3, 26))
    assert set(hits) == {("credential", late.pk, ""), ("enrolment", waiting.pk, "")}
    assert hits[("credential", late.pk, "")].values["days_after_decision"] == 16
    assert hits[("enrolment", waiting.pk, "")].values["deadline"] == "25/03/2026"
    # on the deadline itself the learner without a certificate is not yet late
    assert found("certificate_late", end=dt.date(2026, 3, 25)) == {}
    assert on_time.pk not in {k[1] for k in hits}


# 7 ── register and blanks
def test_register_numbering(recognised):
    _e, first = recognised(dt.date(2026, 3, 12))
    _e, second = recognised(dt.date(2026, 3, 12))
    assert set(found("register_numbering")) == set()
    register = first.register
    RegisterYear.objects.create(register=register, year=2026, last_number=4)  # 3 and 4 taken, not entered
    _e, wrong_year = recognised(dt.date(2027, 1, 5))
    Credential.objects.filter(pk=wrong_year.pk).update(year=2026, number=5)
    hits = found("register_numbering", end=dt.date(2027, 12, 31))
    assert set(hits) == {("certificateregister", register.pk, "2026"), ("credential", wrong_year.pk, "")}
    gaps = hits[("certificateregister", register.pk, "2026")].values
    assert gaps["missing_numbers"] == [3, 4]
    assert hits[("credential", wrong_year.pk, "")].values["register_year"] == 2026
    assert second.number == 2


def test_blank_accounting(tree):
    def stock(first, last, numbers):
        s = BlankStock.objects.create(
            institution=tree["centre"], prefix="AB", first_number=first, last_number=last, received_on=DAY
        )
        for n in numbers:
            Blank.objects.create(
                stock=s, institution=tree["centre"], prefix="AB", number=n, serial=f"AB {n:06d}"
            )
        return s

    stock(1, 5, range(1, 6))  # complete
    short = stock(11, 15, range(11, 15))  # 15 missing
    stray = stock(21, 22, (21, 22, 29))  # 29 is not in its range
    hits = found("blank_accounting")
    outside = Blank.objects.get(number=29)
    assert set(hits) == {("blankstock", short.pk, ""), ("blank", outside.pk, "")}
    assert hits[("blankstock", short.pk, "")].values["missing"] == 1
    assert stray.pk == outside.stock_id


# 8 ── rewards, markers, appeals
def test_rewards_over_10(make_class, enrol):
    over = make_class("ky_nang", status=ClassStatus.ASSESSED)
    within = make_class("ky_nang", status=ClassStatus.ASSESSED)
    for klass, rewarded in ((over, 3), (within, 2)):
        for i in range(20):
            enrol(klass, completed=True, rewarded=i < rewarded)
    hits = found("rewards_over_10")
    assert set(hits) == {("trainingclass", over.pk, "")}
    assert hits[("trainingclass", over.pk, "")].values == {"class_size": 20, "rewarded": 3, "allowed": 2}


@pytest.fixture
def markers(tree):
    return [
        Lecturer.objects.create(institution=tree["centre"], full_name=name, kind=LecturerKind.FULL_TIME)
        for name in ("Phạm Thị Hoa", "Lê Văn Minh", "Đỗ Văn Nam")
    ]


def test_essay_one_marker_and_appeal_same_marker(make_class, enrol, markers):
    klass = make_class("ky_nang", status=ClassStatus.ASSESSED)
    a, b, c = markers

    def essay(first, second, first_mark="6", second_mark="7"):
        return Essay.objects.create(
            enrolment=enrol(klass),
            submitted_on=DAY,
            first_marker=first,
            first_mark=first_mark and Decimal(first_mark),
            second_marker=second,
            second_mark=second_mark and Decimal(second_mark),
            mark=Decimal("6.5"),
        )

    two = essay(a, b)
    one = essay(a, None, second_mark=None)
    twice = essay(a, a)
    hits = found("essay_one_marker")
    assert set(hits) == {("essay", one.pk, ""), ("essay", twice.pk, "")}
    same = Appeal.objects.create(essay=two, lodged_on=DAY, marker=b, remark=Decimal("7"))
    Appeal.objects.create(essay=one, lodged_on=DAY, marker=c, remark=Decimal("7"))
    appeals = found("appeal_same_marker")
    assert set(appeals) == {("appeal", same.pk, "")}
    assert appeals[("appeal", same.pk, "")].values["remarker"] == "Lê Văn Minh"


# 9 ── lecturers' norm
def test_lecturer_norm(tree, make_class):
    klass = make_class("ky_nang", days=300)

    def lecturer(name, periods, **fields):
        fields.setdefault("kind", LecturerKind.FULL_TIME)
        lecturer = Lecturer.objects.create(institution=tree["centre"], full_name=name, **fields)
        day = dt.date(2026, 1, 5)
        while periods > 0:
            Session.objects.create(
                training_class=klass, date=day, periods=min(periods, 10), lecturer=lecturer
            )
            periods -= 10
            day += dt.timedelta(days=1)
        return lecturer

    below = lecturer("Dạy Ít", 100)  # under half of 270
    lecturer("Dạy Đủ", 200)
    above = lecturer("Dạy Nhiều", 300)
    director = lecturer("Giám Đốc", 20, management_role=ManagementRole.DIRECTOR)  # teaches 27
    lecturer("Kiêm Chức", 0, kind=LecturerKind.CONCURRENT)
    hits = found("lecturer_norm", start=dt.date(2026, 1, 1), end=dt.date(2026, 12, 31))
    assert set(hits) == {("lecturer", x.pk, "2026") for x in (below, above, director)}
    assert hits[("lecturer", below.pk, "2026")].values["direction"] == "below"
    assert hits[("lecturer", above.pk, "2026")].values["direction"] == "above"
    assert hits[("lecturer", director.pk, "2026")].values["norm_hours"] == "27.0"
    # a year still running is not judged
    assert found("lecturer_norm", start=dt.date(2026, 1, 1), end=dt.date(2026, 11, 30)) == {}


def test_lecturer_norm_applies_the_child_reduction(tree, make_class):
    klass = make_class("ky_nang", days=300)
    mother = Lecturer.objects.create(
        institution=tree["centre"],
        full_name="Nguyễn Thị Mai",
        kind=LecturerKind.FULL_TIME,
        youngest_child_born_on=dt.date(2026, 1, 1),
    )
    for d in range(11):  # 110 hours: under half of the reduced norm (114.75)
        Session.objects.create(
            training_class=klass, date=dt.date(2026, 2, 1 + d), periods=10, lecturer=mother
        )
    hit = found("lecturer_norm", start=dt.date(2026, 1, 1))[("lecturer", mother.pk, "2026")]
    assert hit.values["norm_hours"] == "229.5"  # 270 × (1 − 15%) all year
    assert hit.values["direction"] == "below" and len(hit.values["reductions"]) == 12


# 10 ── post standards
@pytest.fixture
def chair(db):
    post = Post.objects.create(
        code="xa_ubnd_chu_tich", title="Chủ tịch UBND xã", sector=Sector.STATE, tier=Tier.COMMUNE, rank=50
    )
    PostStandard.objects.create(
        post=post, required_level="trung_cap", citation="QĐ 89-QĐ/TW, Điều ?", confidence="?"
    )
    return post


def test_post_without_level(tree, make_cadre, chair, make_class, enrol):
    def holder(name, level="", **fields):
        cadre = make_cadre(tree["new_commune"], name, theory_level=level, **fields)
        Assignment.objects.create(
            cadre=cadre, post=chair, unit=tree["new_commune"], valid_from=dt.date(2025, 7, 1)
        )
        return cadre

    lacking = holder("Chưa Học", "so_cap")
    holder("Đã Học", "trung_cap", theory_proof="bang", theory_issued_on=dt.date(2024, 5, 1))
    late_proof = holder("Học Sau", "trung_cap", theory_proof="bang", theory_issued_on=dt.date(2027, 1, 10))
    studying = holder("Đang Học", "so_cap")
    enrol(make_class("trung_cap", institution=tree["school"], mode=StudyMode.FULL_TIME), studying)
    hits = found("post_without_level")
    assert {o.label.split(" (")[0] for o in hits.values()} == {lacking.full_name, late_proof.full_name}
    offence = next(o for o in hits.values() if o.label.startswith("Chưa Học"))
    assert offence.object_kind == "assignment" and offence.unit_id == tree["new_commune"].pk
    assert offence.confidence == "?" and offence.clause == "QĐ 89-QĐ/TW, Điều ?"
    assert offence.values["required_level"] == "trung_cap"


def test_post_standards_seed_adds_each_shipped_standard_once_marked_unknown(chair):
    from llct.oversight.inspection.standards import post_standards_seed

    secretary = Post.objects.create(
        code="xa_bi_thu", title="Bí thư Đảng ủy xã", sector=Sector.PARTY, tier=Tier.COMMUNE, rank=60
    )
    assert post_standards_seed() == 1  # the chair's row is an administrator's: kept as it is
    row = PostStandard.objects.get(post=secretary)
    assert (row.required_level, row.confidence) == ("trung_cap", "?")
    assert "Điều ?" in row.citation
    assert post_standards_seed() == 0
    assert PostStandard.objects.get(post=chair).citation == "QĐ 89-QĐ/TW, Điều ?"


# 12 ── two full-time classes at once
def test_full_time_overlap(tree, make_class, enrol, make_cadre):
    cadre = make_cadre(tree["new_commune"], "Hai Lớp")
    first = make_class("trung_cap", institution=tree["school"], mode=StudyMode.FULL_TIME, days=60)
    overlapping = make_class(
        "cao_cap", institution=tree["school"], mode=StudyMode.FULL_TIME, starts_on=DAY + dt.timedelta(days=30)
    )
    later = make_class(
        "cao_cap", institution=tree["school"], mode=StudyMode.FULL_TIME, starts_on=DAY + dt.timedelta(days=90)
    )
    part_time = make_class("cao_cap", institution=tree["school"], mode=StudyMode.PART_TIME)
    enrol(first, cadre)
    second = enrol(overlapping, cadre)
    enrol(later, cadre)
    enrol(part_time, cadre)
    hits = found("full_time_overlap")
    assert set(hits) == {("enrolment", second.pk, "")}
    assert hits[("enrolment", second.pk, "")].values["overlapping_class"] == first.code


# scope and period
def test_a_check_reads_only_the_subtree_and_the_period(tree, make_class):
    make_class("trung_cap", starts_on=DAY)
    assert found("class_not_competent", paths=(tree["north"].path,))
    assert found("class_not_competent", paths=(tree["south"].path,)) == {}
    assert found("class_not_competent", start=DAY + dt.timedelta(days=1)) == {}
    assert found("class_not_competent", end=DAY - dt.timedelta(days=1)) == {}
