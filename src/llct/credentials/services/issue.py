"""Issuing diplomas and certificates, one at a time or for a whole class (QĐ 1147: certificates are issued
within 15 days of the recognition decision, once per learner; QĐ 208 and HD 11: sơ cấp diplomas are signed
by the centre's director and printed on blanks the centre keeps)."""

import datetime as dt
import logging

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from llct.accounts.audit import audit
from llct.credentials.choices import BlankStatus, CredentialKind, CredentialStatus, IssueJobStatus
from llct.credentials.models import Blank, Credential, IssueJob
from llct.heartbeat import forget, heartbeat, worker_lost
from llct.training.choices import Discipline, EnrolmentStatus
from llct.training.models import Enrolment, TrainingClass

from .access import require_issue
from .blanks import blank_for, blank_use, blanks_take
from .errors import CredentialError
from .numbering import number_take, register_for, serial_format


def _existing(cadre_id: int, programme_id: int) -> Credential | None:
    return (
        Credential.objects.filter(holder_id=cadre_id, programme_id=programme_id)
        .exclude(status=CredentialStatus.REPLACED)
        .select_related("programme")
        .first()
    )


def _already_issued(enrolment: Enrolment, existing: Credential) -> CredentialError:
    return CredentialError(
        _(
            "%(name)s đã được cấp %(kind)s số %(serial)s ngày %(date)s cho chương trình “%(programme)s”. "
            "Mỗi người chỉ được cấp một lần (QĐ 1147); nếu bị mất trước khi nhận, hãy dùng chức năng cấp lại."
        )
        % {
            "name": enrolment.cadre.full_name,
            "kind": existing.register.get_kind_display().lower(),
            "serial": existing.serial,
            "date": date_format(existing.issued_on, "d/m/Y"),
            "programme": existing.programme.name,
        },
        existing=existing,
    )


def _check_class(klass: TrainingClass) -> None:
    programme = klass.programme
    if programme.output not in CredentialKind.values:
        raise CredentialError(
            _(
                "Chương trình “%(programme)s” chỉ có quyết định công nhận, "
                "không cấp văn bằng, chứng chỉ (QĐ 1147 Điều 4)."
            )
            % {"programme": programme.name}
        )
    recognition = getattr(klass, "recognition", None)
    if recognition is None:
        raise CredentialError(
            _("Lớp %(code)s chưa có quyết định công nhận hoàn thành; chỉ cấp sau khi có quyết định.")
            % {"code": klass.code}
        )


def _check_learner(enrolment: Enrolment, recognised: bool) -> None:
    klass = enrolment.training_class
    recognition = klass.recognition
    name = enrolment.cadre.full_name
    if enrolment.discipline == Discipline.EXPULSION:
        raise CredentialError(_("%(name)s bị buộc thôi học, kết quả học tập bị hủy.") % {"name": name})
    completed = enrolment.completed or enrolment.status == EnrolmentStatus.COMPLETED
    if not completed or not recognised:
        raise CredentialError(
            _("%(name)s không có tên trong quyết định công nhận %(number)s của lớp %(code)s.")
            % {"name": name, "number": recognition.number, "code": klass.code}
        )


def credential_issue(
    enrolment: Enrolment, by, blank_serial: str | None = None, issued_on: dt.date | None = None
) -> Credential:
    """Issue the diploma or certificate of a learner the recognition decision lists (QĐ 1147: once per
    learner and programme; the number is the next one of the institution's register for the year).
    A diploma is printed on the blank `blank_serial`, or the next unused blank of the institution's stock.

    Refuses with a Vietnamese message (CredentialError) when the learner is not recognised, the programme
    leads to a decision only, or a document was already issued; `existing` then names it, so a double
    submitted form can show the one already issued instead of creating a second. PermissionDenied when
    `by` may not issue for the class's institution.
    """
    require_issue(by, enrolment.training_class.institution)
    try:
        with transaction.atomic():
            # Lock the learner first: a double click waits here and then finds the first issue.
            enrolment = (
                Enrolment.objects.select_for_update(of=("self",))
                .select_related("cadre", "training_class__programme", "training_class__institution")
                .get(pk=enrolment.pk)
            )
            _check_class(enrolment.training_class)
            recognition = enrolment.training_class.recognition
            _check_learner(enrolment, recognition.enrolments.filter(pk=enrolment.pk).exists())
            programme = enrolment.training_class.programme
            existing = _existing(enrolment.cadre_id, programme.pk)
            if existing is not None:
                raise _already_issued(enrolment, existing)
            register = register_for(enrolment.training_class.institution, programme.output)
            return _create(enrolment, register, by, blank_serial, issued_on or timezone.localdate())
    except IntegrityError:
        # A concurrent issue for the same learner and programme through another class won the race.
        existing = _existing(enrolment.cadre_id, enrolment.training_class.programme_id)
        if existing is None:
            raise
        raise _already_issued(enrolment, existing) from None


def _public_facts(enrolment: Enrolment, klass: TrainingClass) -> dict[str, str]:
    """What the register records of the holder, programme and institution (and verification shows)."""
    return {
        "holder_name": enrolment.cadre.full_name,
        "programme_name": klass.programme.name,
        "programme_level": klass.programme.level or "",
        "institution_name": klass.institution.name,
    }


def _create(
    enrolment, register, by, blank_serial: str | None, issued_on: dt.date, replaces=None, reason=""
) -> Credential:
    """Enter one document in the register: the next number, then its blank (locks in that order)."""
    recognition = enrolment.training_class.recognition
    number = number_take(register, issued_on.year)
    blank = blank_for(enrolment.training_class.institution, register.kind, (blank_serial or "").strip())
    credential = Credential(
        register=register,
        year=issued_on.year,
        number=number,
        serial=serial_format(register, issued_on.year, number),
        holder_id=enrolment.cadre_id,
        **_public_facts(enrolment, enrolment.training_class),
        enrolment=enrolment,
        programme_id=enrolment.training_class.programme_id,
        recognition=recognition,
        issued_on=issued_on,
        signed_by=recognition.signed_by,
        signer_title=recognition.signer_title,
        issued_by=by,
        replaces=replaces,
        reissue_reason=reason,
    )
    audit(credential, by)
    credential.save()
    if blank is not None:
        blank_use(blank, credential, by)
    return credential


def credential_issue_class(training_class: TrainingClass, by) -> IssueJob:
    """Start the bulk issue for every recognised learner of a class who has no document yet, as a
    background task; the returned job reports progress. Diplomas take the institution's unused blanks
    in order; those beyond the stock are issued without one and the job counts them."""
    from llct.credentials.tasks import issue_job_task

    require_issue(by, training_class.institution)
    running = training_class.issue_jobs.filter(status__in=(IssueJobStatus.PENDING, IssueJobStatus.RUNNING))
    if running.exists():
        raise CredentialError(
            _(
                "Đợt cấp cho cả lớp %(code)s đang chạy (đã xử lý %(done)s/%(total)s); hãy chờ đợt này xong, "
                "không cần bấm lại."
            )
            % {"code": training_class.code, "done": running[0].done, "total": running[0].total}
        )
    job = IssueJob(training_class=training_class, requested_by=by)
    audit(job, by)
    job.save()
    transaction.on_commit(lambda: issue_job_task(job.pk))
    return job


def _issue_chunk(klass: TrainingClass, ids: list[int], by, issued_on: dt.date, job: IssueJob) -> int:
    """Issue a chunk of one class's learners in one transaction: the learners locked, one block of
    consecutive numbers taken from the register (then, for diplomas, the next unused blanks in order), the
    documents, the blanks and their history written in bulk."""
    skipped = job.skipped
    with transaction.atomic():
        rows = (
            Enrolment.objects.select_for_update(of=("self",))
            .filter(pk__in=ids)
            .select_related("cadre", "training_class__recognition")
        )
        by_pk = {e.pk: e for e in rows}
        programme = klass.programme
        recognised = set(klass.recognition.enrolments.filter(pk__in=ids).values_list("pk", flat=True))
        held = {
            c.holder_id: c
            for c in Credential.objects.filter(
                holder_id__in=[e.cadre_id for e in by_pk.values()], programme=programme
            )
            .exclude(status=CredentialStatus.REPLACED)
            .select_related("register", "programme")
        }
        todo = []
        for pk in ids:
            enrolment = by_pk[pk]
            try:
                _check_learner(enrolment, pk in recognised)
                if enrolment.cadre_id in held:
                    raise _already_issued(enrolment, held[enrolment.cadre_id])
            except CredentialError as refusal:
                if refusal.existing is None or refusal.existing.enrolment_id != pk:
                    skipped.append(
                        {"enrolment": pk, "name": enrolment.cadre.full_name, "why": refusal.message}
                    )
                continue
            todo.append(enrolment)
        if not todo:
            return 0
        register = register_for(klass.institution, programme.output)
        first = number_take(register, issued_on.year, len(todo))
        recognition = klass.recognition
        credentials = [
            Credential(
                register=register,
                year=issued_on.year,
                number=first + i,
                serial=serial_format(register, issued_on.year, first + i),
                holder_id=e.cadre_id,
                **_public_facts(e, klass),
                enrolment=e,
                programme=programme,
                recognition=recognition,
                issued_on=issued_on,
                signed_by=recognition.signed_by,
                signer_title=recognition.signer_title,
                issued_by=by,
            )
            for i, e in enumerate(todo)
        ]
        bulk_create_with_history(credentials, Credential, default_user=by)
        if register.kind == CredentialKind.DIPLOMA:
            _blanks_assign(klass.institution, credentials, by, job)
        return len(credentials)


def _blanks_assign(institution, credentials: list[Credential], by, job: IssueJob) -> None:
    """Print the chunk's diplomas on the next unused blanks, in register order; count those left without."""
    blanks = blanks_take(institution, len(credentials))
    if blanks and credentials[0].pk is None:  # a database that does not return ids from bulk inserts
        ids = dict(
            Credential.objects.filter(serial__in=[c.serial for c in credentials]).values_list("serial", "pk")
        )
        for credential in credentials:
            credential.pk = ids[credential.serial]
    for blank, credential in zip(blanks, credentials, strict=False):
        blank.status = BlankStatus.USED
        blank.credential = credential
    bulk_update_with_history(blanks, Blank, ["status", "credential"], default_user=by)
    job.without_blank += len(credentials) - len(blanks)


def _issue_each(ids: list[int], by, issued_on: dt.date, job: IssueJob) -> int:
    issued = 0
    skipped = job.skipped
    for enrolment in Enrolment.objects.filter(pk__in=ids).select_related("cadre"):
        try:
            credential = credential_issue(enrolment, by, issued_on=issued_on)
            issued += 1
            if credential.register.kind == CredentialKind.DIPLOMA and not hasattr(credential, "blank"):
                job.without_blank += 1
        except CredentialError as refusal:
            if refusal.existing is None or refusal.existing.enrolment_id != enrolment.pk:
                skipped.append(
                    {"enrolment": enrolment.pk, "name": enrolment.cadre.full_name, "why": refusal.message}
                )
    return issued


# Learners per transaction in a bulk issue: short locks, few round trips.
CHUNK = 200
log = logging.getLogger(__name__)


def issue_job_run(job_id: int) -> IssueJob:
    """Run a bulk issue job in chunks of CHUNK learners, one transaction each that also records the job's
    progress, so that what the job says it did is exactly what was committed; a refused learner is listed
    with the reason and stops no one else. A job resumed after its worker died (`issue_jobs_recover`)
    continues after its last committed chunk: no learner twice, none left out. The worker beats a
    heartbeat meanwhile (llct.heartbeat)."""
    job = IssueJob.objects.select_related(
        "training_class__programme", "training_class__institution", "requested_by"
    ).get(pk=job_id)
    if job.status in (IssueJobStatus.DONE, IssueJobStatus.FAILED):
        return job
    klass, by = job.training_class, job.requested_by
    job.status = IssueJobStatus.RUNNING
    try:
        # Checked again when the job runs: the requester's role or unit may have changed since.
        require_issue(by, klass.institution)
        _check_class(klass)
    except PermissionDenied:
        job.status, job.error = IssueJobStatus.FAILED, _("Người yêu cầu không còn quyền cấp cho lớp này.")
        ids = []
    except CredentialError as refusal:
        job.status, job.error = IssueJobStatus.FAILED, refusal.message
        ids = []
    else:
        ids = list(
            klass.recognition.enrolments.order_by("cadre__name_sort_key", "pk").values_list("pk", flat=True)
        )
    job.total = len(ids)
    job.save(update_fields=["status", "total", "error"])
    issued_on = timezone.localdate()
    with heartbeat(_heartbeat_name(job.pk)):
        for start in range(job.done, len(ids), CHUNK):
            if not _issue_step(job, klass, ids[start : start + CHUNK], by, issued_on, start):
                return job  # a newer runner took the job over
    if job.status != IssueJobStatus.FAILED:
        job.status = IssueJobStatus.DONE
    job.finished_at = timezone.now()
    audit(job, by)
    job.save()
    return job


def _issue_step(
    job: IssueJob, klass: TrainingClass, chunk: list[int], by, issued_on: dt.date, start: int
) -> bool:
    """One chunk and the job's progress in one transaction; False when the job was resumed by another
    runner meanwhile (this one then stops without writing)."""
    with transaction.atomic():
        current = IssueJob.objects.select_for_update().filter(pk=job.pk).values_list("resumed", flat=True)
        if list(current) != [job.resumed]:
            return False
        without_blank, skipped = job.without_blank, len(job.skipped)
        try:
            with transaction.atomic():
                job.issued += _issue_chunk(klass, chunk, by, issued_on, job)
        except IntegrityError:
            # Someone issued to one of these learners through another class meanwhile: go one by one.
            job.without_blank, job.skipped = without_blank, job.skipped[:skipped]
            job.issued += _issue_each(chunk, by, issued_on, job)
        job.done = start + len(chunk)
        job.save(update_fields=["done", "issued", "skipped", "without_blank"])
    return True


def _heartbeat_name(job_id: int) -> str:
    return f"issue-{job_id}"


def issue_job_recover(job: IssueJob) -> bool:
    """Take up again a running bulk issue whose worker died (its heartbeat went stale): the job is queued
    anew and continues after its last committed chunk; its page says it was resumed. Whether it was."""
    from llct.credentials.tasks import issue_job_task

    if job.status != IssueJobStatus.RUNNING or not worker_lost(_heartbeat_name(job.pk)):
        return False
    taken = IssueJob.objects.filter(pk=job.pk, resumed=job.resumed, status=IssueJobStatus.RUNNING).update(
        resumed=job.resumed + 1
    )
    if taken:
        forget(_heartbeat_name(job.pk))
        log.warning("bulk issue %s lost its worker after %s learners: resumed", job.pk, job.done)
        transaction.on_commit(lambda: issue_job_task(job.pk))
    return bool(taken)


def issue_jobs_recover() -> int:
    """`issue_job_recover` for every running bulk issue; how many were resumed."""
    return sum(issue_job_recover(job) for job in IssueJob.objects.filter(status=IssueJobStatus.RUNNING))
