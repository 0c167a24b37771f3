"""The demo's history, 2019 to today: true figures for every year, level and unit (as then and as now),
documents consistent with the results, and faults planted for the inspection checks — each one found
where it was planted and nowhere else."""

import datetime as dt
import re
from collections import Counter, defaultdict

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Count, Q
from django.test import override_settings
from django.urls import Resolver404, resolve

from llct.credentials.models import Blank, Credential, RegisterYear
from llct.demo.load import demo_load
from llct.registry.choices import TheoryProof, UnitKind
from llct.registry.models import Assignment, Cadre, Unit
from llct.training.choices import ClassStatus, EnrolmentStatus, NominationStatus
from llct.training.models import Enrolment, Nomination, PlanQuota, RecognitionDecision, TrainingClass
from llct.training.services.allocation import competent_kinds
from llct.training.services.assessment.rules import reward_cap

AS_OF = dt.date(2026, 11, 1)
MD5 = "django.contrib.auth.hashers.MD5PasswordHasher"


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker):
    """Loaded once for the module inside a transaction rolled back at its end (the tests only read)."""
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=[MD5]), transaction.atomic():
        yield demo_load(size=2000, seed=2, as_of=AS_OF)
        transaction.set_rollback(True)


@pytest.fixture
def demo(loaded, db):
    return loaded


def _past():
    return TrainingClass.objects.exclude(code__startswith="DEMO-")


def test_every_year_has_classes_of_its_institutions(demo):
    by_year = defaultdict(Counter)
    for year, kind in _past().values_list("starts_on__year", "institution__kind"):
        by_year[year][kind] += 1
    assert sorted(by_year) == list(range(2019, 2027))
    district_years = {y for y, kinds in by_year.items() if kinds[UnitKind.DISTRICT_CENTRE]}
    commune_years = {y for y, kinds in by_year.items() if kinds[UnitKind.COMMUNE_CENTRE]}
    assert district_years == set(range(2019, 2026)) and commune_years == {2025, 2026}
    assert all(by_year[y][UnitKind.PROVINCIAL_SCHOOL] for y in range(2022, 2027))
    assert all(by_year[y][UnitKind.REGIONAL_ACADEMY] for y in (2022, 2024, 2025, 2026))
    levels = Counter(_past().filter(programme__level="so_cap").values_list("starts_on__year", flat=True))
    assert sum(bool(levels[y]) for y in range(2020, 2026)) >= 5, levels  # a small province skips a year
    # District centres before the restructure, commune centres after it (the planted class aside).
    district = (
        _past()
        .filter(institution__kind=UnitKind.DISTRICT_CENTRE)
        .exclude(code__startswith="BLA-H1-TTCT-2025")
    )
    assert district.filter(starts_on__gte=dt.date(2025, 7, 1)).count() == 0
    commune = _past().filter(institution__kind=UnitKind.COMMUNE_CENTRE)
    assert not commune.filter(starts_on__lt=dt.date(2025, 8, 29)).exists()


def test_learners_were_sent_by_the_units_of_their_day(demo):
    """The sending unit is the learner's unit on the first day (as then); the merger maps it to today's."""
    enrolments = Enrolment.objects.filter(training_class__in=_past()).select_related(
        "sending_unit", "training_class", "cadre", "nomination"
    )
    old = [e for e in enrolments if e.training_class.starts_on < dt.date(2025, 7, 1)]
    assert old and all(
        e.sending_unit.valid_to and e.sending_unit.valid_to <= dt.date(2025, 8, 28) for e in old
    )
    for e in enrolments:  # nominated learners: the unit that nominated them, on the nomination day
        day = e.nomination.nominated_on if e.nomination_id else e.training_class.starts_on
        assert e.sending_unit.is_valid_on(day), e
    with_nomination = [e for e in enrolments if e.nomination_id]
    assert with_nomination
    for e in with_nomination[:50]:
        assert Assignment.objects.filter(cadre=e.cadre, unit=e.sending_unit).valid_on(
            e.nomination.nominated_on
        )
    # As now: every old commune a learner came from has a successor among today's communes.
    communes = {e.sending_unit for e in old if e.sending_unit.tier == "xa"}
    assert communes and all(c.successors.filter(valid_to__isnull=True).exists() for c in communes)
    # District centres are continued by the commune-level centres.
    for centre in Unit.objects.filter(kind=UnitKind.DISTRICT_CENTRE):
        assert centre.successors.filter(kind=UnitKind.COMMUNE_CENTRE).count() == 1


def test_results_documents_and_registers_agree(demo):
    past = _past().filter(status=ClassStatus.RECOGNISED)
    assert past.count() > 60
    for decision in RecognitionDecision.objects.filter(training_class__in=past).prefetch_related(
        "enrolments"
    ):
        assert all(e.completed and e.status == EnrolmentStatus.COMPLETED for e in decision.enrolments.all())
    completed = Enrolment.objects.filter(training_class__in=past, completed=True)
    assert completed.count() > 0.85 * Enrolment.objects.filter(training_class__in=past).count()
    assert Credential.objects.filter(status="thu_hoi").count() >= 2
    # Each diploma is printed on one blank of its institution's stock; the register's counters hold the
    # last number of each year.
    diplomas = Credential.objects.filter(register__kind="bang")
    assert diplomas.count() == Blank.objects.filter(status="da_dung", credential__in=diplomas).count() > 0
    for counter in RegisterYear.objects.all():
        numbers = counter.register.credentials.filter(year=counter.year).values_list("number", flat=True)
        assert max(numbers, default=0) == counter.last_number
    # A learner who completed a level holds it, with the diploma the register holds as proof.
    for credential in diplomas.filter(status="hieu_luc").select_related("holder", "blank")[:100]:
        holder = credential.holder
        if holder.theory_level == credential.programme_level:
            assert holder.theory_proof == TheoryProof.DIPLOMA
            assert holder.theory_document_number == credential.blank.serial
    # Every diploma dated since its level's classes began comes from a class of the history.
    for level, since in (("so_cap", dt.date(2019, 11, 8)), ("trung_cap", dt.date(2022, 2, 8))):
        dated = Cadre.objects.filter(theory_level=level, theory_proof="bang", theory_issued_on__gte=since)
        assert dated.exists()
        assert not dated.exclude(credentials__programme__level=level).exists()


def test_plans_quotas_and_nominations_each_year(demo):
    nominations = Nomination.objects.exclude(enrolment__training_class__code__startswith="DEMO-")
    assert {NominationStatus.ADMITTED, NominationStatus.REJECTED, NominationStatus.WITHDRAWN} <= set(
        nominations.values_list("status", flat=True)
    )
    assert not nominations.filter(eligible=False).exists()
    admitted = nominations.filter(status=NominationStatus.ADMITTED)
    assert not admitted.filter(quota__isnull=True).exists()
    for quota in PlanQuota.objects.filter(nominations__isnull=False).distinct():
        used = quota.nominations.filter(status=NominationStatus.ADMITTED).count()
        assert used <= quota.quota
    years = set(PlanQuota.objects.values_list("plan__year", flat=True))
    assert set(range(2021, 2027)) <= years
    for nomination in admitted.select_related("enrolment")[:50]:
        log = list(nomination.log.values_list("to_status", "by__username"))
        assert [s for s, _ in log] == ["da_gui", "da_duyet", "da_trieu_tap"]
        assert log[0][1] != log[1][1]  # segregation of duties


# ── planted faults: each found where it was planted, and nowhere else ──


def test_check_1_and_2_classes_without_competence(demo):
    faulty = [
        k.code
        for k in TrainingClass.objects.select_related("programme", "institution")
        if k.institution.kind not in competent_kinds(k.programme, k.starts_on).kinds
    ]
    assert len(faulty) == 2
    trung_cap, so_cap = sorted(faulty, key=lambda code: code.startswith("BLA"))
    assert trung_cap.startswith("HSO-H2-TTCT-2023") and so_cap.startswith("BLA-H1-TTCT-2025")
    late = TrainingClass.objects.get(code=so_cap)
    assert late.programme.code == "so_cap" and late.starts_on > dt.date(2025, 8, 28)
    assert late.starts_on > late.institution.valid_to
    after_end = [
        k.code
        for k in TrainingClass.objects.select_related("institution")
        if not k.institution.is_valid_on(k.starts_on)
    ]
    assert after_end == [so_cap]
    assert Credential.objects.filter(
        enrolment__training_class__code=trung_cap, register__kind="bang"
    ).exists()


def test_check_4_attendance_below_80(demo):
    low = Enrolment.objects.filter(completed=True, attendance_percent__lt=80)
    assert low.count() == 1
    learner = low.get()
    assert (
        learner.recognitions.exists() and learner.training_class.institution.kind == UnitKind.COMMUNE_CENTRE
    )


def test_check_5_class_below_25(demo):
    small = (
        TrainingClass.objects.filter(institution__kind=UnitKind.COMMUNE_CENTRE)
        .exclude(status=ClassStatus.OPEN)
        .annotate(n=Count("enrolments", filter=~Q(enrolments__status=EnrolmentStatus.WITHDRAWN)))
        .filter(n__lt=25)
    )
    assert [k.n for k in small] == [19]


def test_check_6_certificates_late_or_missing(demo):
    late = [
        c
        for c in Credential.objects.select_related("recognition")
        if (c.issued_on - c.recognition.signed_on).days > 15
    ]
    assert late and len({c.recognition_id for c in late}) == 1
    missing = Enrolment.objects.filter(
        recognitions__signed_on__lt=AS_OF - dt.timedelta(days=15),
        training_class__programme__output__in=["bang", "giay_chung_nhan"],
        credentials__isnull=True,
    )
    by_class = Counter(missing.values_list("training_class__code", flat=True))
    planted = [code for code in by_class if not code.startswith("DEMO-")]
    assert len(planted) == 1 and by_class[planted[0]] == 3


def test_check_7_register_gap(demo):
    gaps = []
    for counter in RegisterYear.objects.all():
        numbers = set(counter.register.credentials.filter(year=counter.year).values_list("number", flat=True))
        gaps += [
            (counter.register.institution.code, counter.year, n)
            for n in range(1, counter.last_number + 1)
            if n not in numbers
        ]
    assert len(gaps) == 1


def test_check_8_rewards_over_10_percent(demo):
    over = []
    for klass in TrainingClass.objects.annotate(
        n=Count("enrolments", filter=~Q(enrolments__status=EnrolmentStatus.WITHDRAWN)),
        rewarded=Count("enrolments", filter=Q(enrolments__rewarded=True)),
    ):
        if klass.rewarded > reward_cap(klass.n):
            over.append(klass.code)
    assert len(over) == 1


def test_check_12_two_overlapping_full_time_classes(demo):
    full_time = Enrolment.objects.filter(training_class__mode="tap_trung").exclude(
        status=EnrolmentStatus.WITHDRAWN
    )
    spans = defaultdict(list)
    for cadre, start, end in full_time.values_list(
        "cadre_id", "training_class__starts_on", "training_class__ends_on"
    ):
        spans[cadre].append((start, end))
    overlapping = [
        cadre
        for cadre, s in spans.items()
        if any(a[0] <= b[1] and b[0] <= a[1] for i, a in enumerate(s) for b in s[i + 1 :])
    ]
    assert len(overlapping) == 1


def test_check_10_posts_held_without_the_level(demo):
    chairmen = Assignment.objects.valid_on(AS_OF).filter(
        post__code="xa_ubnd_chu_tich", cadre__theory_level="so_cap"
    )
    directors = Assignment.objects.valid_on(AS_OF).filter(
        post__code="tinh_giam_doc_so", cadre__theory_level="trung_cap"
    )
    assert chairmen.count() >= 1 and directors.count() >= 1
    for held in (chairmen.first(), directors.first()):
        assert not held.cadre.enrolments.filter(
            training_class__programme__level__in=["trung_cap", "cao_cap"]
        ).filter(
            training_class__programme__level=("trung_cap" if held.post.code.startswith("xa") else "cao_cap")
        )


def test_an_inspector_trying_the_demo_finds_faults_of_several_checks(demo, tmp_path):
    """Issue 10: the demo's planted faults are found by the inspection checks themselves (the whole
    database, as the nightly supervision runs them)."""
    import csv
    import io

    from django.core.management import call_command

    out = tmp_path / "demo.csv"
    call_command(
        "inspect", "--all", "--to", AS_OF.strftime("%d/%m/%Y"), "--output", str(out), stdout=io.StringIO()
    )
    with out.open(encoding="utf-8") as f:
        found = {row["check"] for row in csv.DictReader(f)}
    planted = {
        "class_not_competent",
        "attendance_below_80",
        "class_below_25",
        "certificate_late",
        "register_numbering",
        "rewards_over_10",
        "full_time_overlap",
        "post_without_level",
    }
    assert planted <= found, planted - found


def _links(html: str) -> list[str]:
    return [h for h in re.findall(r'href="(/[^"#]*)', html) if not h.startswith(("/static/", "/admin/"))]


def test_every_page_a_role_reaches_from_its_menu_answers(demo, client):
    """Issue 7: each demo role walks its menu and every kind of page linked from there (one page per URL
    name, so the walk stays short): each answers 2xx or a redirect, or a deliberate Vietnamese 403/404
    page — never a server error or Django's debug page."""
    walked = {}
    for account in demo.accounts:
        client.force_login(get_user_model().objects.get(username=account.username))
        kinds: set[str] = set()
        queue, visited = ["/"], set()
        while queue and len(visited) < 80:
            url = queue.pop(0)
            if url in visited or url.startswith(("/logout/", "/i18n/")) or "export=" in url:
                continue
            try:
                kind = resolve(url.split("?")[0]).view_name
            except Resolver404:
                kind = url
            if kind in kinds and "?" not in url:
                continue
            kinds.add(kind)
            visited.add(url)
            response = client.get(url)
            where = (account.username, url)
            assert response.status_code in (200, 302, 403, 404), where
            html = response.get("Content-Type", "").startswith("text/html")
            body = response.content.decode() if html else ""
            if response.status_code in (403, 404):
                assert f'id="error-{response.status_code}"' in body, where
            elif html and len(visited) < 40:
                queue += _links(body)
        walked[account.username] = len(visited)
    assert len(walked) >= 6 and min(walked.values()) >= 5, walked
