"""The documents of the history: the recognition decision of every class that ended, the diplomas and
certificates of the learners it lists (QĐ 1147: within 15 days, once per person; HD 11: sơ cấp diplomas
on the blanks the centre keeps), each institution's master register numbered consecutively per calendar
year in the order of issue, the stocks of blanks, the documents handed over and the few revoked — and
the cadres' own record of their theory level, which now names the diploma the register holds."""

from __future__ import annotations

import base64
import datetime as dt
from collections import defaultdict

from llct.credentials.choices import BlankStatus, CredentialKind, CredentialStatus, RevocationReason
from llct.credentials.models import Blank, BlankStock, CertificateRegister, Credential, RegisterYear
from llct.credentials.services.numbering import serial_format
from llct.registry.choices import TheoryProof, UnitKind
from llct.training.models import RecognitionDecision

from .context import Course, History, at

ISSUE_DAYS = (3, 12)  # days from the recognition decision to the documents (QĐ 1147: at most 15)
BLANK_PREFIX = {"so_cap": "SC", "trung_cap": "TC", "cao_cap": "CC"}
_SIGNER = {
    UnitKind.DISTRICT_CENTRE: ("Giám đốc", "TTCT"),
    UnitKind.COMMUNE_CENTRE: ("Giám đốc", "TTCT"),
    UnitKind.PROVINCIAL_SCHOOL: ("Hiệu trưởng", "TCT"),
    UnitKind.REGIONAL_ACADEMY: ("Giám đốc Học viện", "HVCTKV"),
}
REVOCATIONS = (
    (RevocationReason.FRAUD, "Quyết định thu hồi giấy chứng nhận số {n}/QĐ-TTCT: hồ sơ khai man"),
    (RevocationReason.CENTRE_ERROR, "Quyết định thu hồi giấy chứng nhận số {n}/QĐ-TTCT: cấp sai thông tin"),
)


def recognise(history: History) -> list[Credential]:
    """Sign the recognition decision of every class that ended and draft the documents of the learners it
    lists (not yet numbered: `register` numbers them once every issue date is known)."""
    rng = history.rng
    numbers: dict[tuple[int, int], int] = defaultdict(int)
    drafts = []
    ended = [c for c in history.courses if c.finished_by(history.as_of)]
    signed_on = {c.code: _signed_on(history, c) for c in ended}
    for course in sorted(ended, key=lambda c: (signed_on[c.code], c.code)):
        signed = signed_on[course.code]
        if signed > history.as_of:
            continue
        title, suffix = _SIGNER[course.institution.kind]
        numbers[(course.institution.pk, signed.year)] += 1
        decision = RecognitionDecision(
            training_class=course.klass,
            number=f"{numbers[(course.institution.pk, signed.year)]:02d}/QĐ-{suffix}",
            signed_on=signed,
            signed_by=history.lecturers[course.institution.pk][0].full_name,
            signer_title=title,
            created_by=history.operator,
            created_at=at(signed, 15),
        )
        course.recognition = history.add(decision, signed)
        listed = [s for s in course.seats if s.enrolment.completed]
        through = RecognitionDecision.enrolments.through
        for seat in listed:
            history.add(through(recognitiondecision=decision, enrolment=seat.enrolment), signed)
        if course.programme.output not in CredentialKind.values:
            continue
        issued = signed + dt.timedelta(days=rng.randint(*ISSUE_DAYS))
        for seat in sorted(listed, key=lambda s: s.person.cadre.name_sort_key):
            drafts.append(_draft(history, course, seat, decision, issued))
    return drafts


def _signed_on(history: History, course: Course) -> dt.date:
    """Recognition follows the publication of the essay marks (and the rewrites), or the final exam."""
    published = course.klass.marks_published_on
    if published is not None:
        return published + dt.timedelta(days=history.rng.randint(5, 8))
    return course.ends_on + dt.timedelta(days=history.rng.randint(7, 14))


def _draft(
    history: History, course: Course, seat, decision: RecognitionDecision, issued: dt.date
) -> Credential:
    programme, institution = course.programme, course.institution
    return Credential(
        holder=seat.person.cadre,
        holder_name=seat.person.cadre.full_name,
        programme_name=programme.name,
        programme_level=programme.level or "",
        institution_name=institution.name,
        enrolment=seat.enrolment,
        programme=programme,
        recognition=decision,
        issued_on=issued,
        signed_by=decision.signed_by,
        signer_title=decision.signer_title,
        issued_by=history.operator,
        token=base64.b32encode(history.rng.randbytes(10)).decode("ascii"),
    )


def register(
    history: History, drafts: list[Credential], skipped: dict[tuple[int, str, int], int]
) -> dict[int, str]:
    """Number the documents in each institution's register, per calendar year in the order of issue
    (leaving out the numbers `skipped` names: register, kind, year → the number left out), print the
    diplomas on the institution's blanks, record hand-overs, and revoke a few certificates. Returns the
    blank each diploma was printed on (by `id` of the diploma)."""
    rng = history.rng
    registers: dict[tuple[int, str], CertificateRegister] = {}
    by_year: dict[tuple[int, str, int], list[Credential]] = defaultdict(list)
    for credential in sorted(
        drafts, key=lambda c: (c.issued_on, c.recognition.training_class.code, c.holder.name_sort_key)
    ):
        institution = credential.recognition.training_class.institution
        kind = credential.programme.output
        if (institution.pk, kind) not in registers:
            registers[(institution.pk, kind)] = history.add(
                CertificateRegister(
                    institution=institution, kind=kind, created_at=at(credential.issued_on, 8)
                ),
                credential.issued_on,
            )
        credential.register = registers[(institution.pk, kind)]
        by_year[(institution.pk, kind, credential.issued_on.year)].append(credential)
    for (institution_pk, kind, year), credentials in by_year.items():
        register_ = registers[(institution_pk, kind)]
        number = 0
        for credential in credentials:
            number += 1
            if skipped.get((institution_pk, kind, year)) == number:
                number += 1
            credential.year, credential.number = year, number
            credential.serial = serial_format(register_, year, number)
            credential.created_at = at(credential.issued_on, 10)
            handed = credential.issued_on + dt.timedelta(days=rng.randint(0, 10))
            if handed <= history.as_of - dt.timedelta(days=3):
                credential.handed_over_on, credential.handed_over_to = handed, credential.holder_name
            history.add(credential, credential.issued_on)
        history.add(RegisterYear(register=register_, year=year, last_number=number), dt.date(year, 12, 31))
    _revoke(history, [c for c in drafts if c.programme.output == CredentialKind.CERTIFICATE])
    return _blanks(history, [c for c in drafts if c.programme.output == CredentialKind.DIPLOMA])


def _revoke(history: History, certificates: list[Credential]) -> None:
    """Revoke two certificates a year or more old (QĐ 1147 grounds), by decision of their centre."""
    old = [c for c in certificates if c.issued_on <= history.as_of - dt.timedelta(days=400)]
    for i, (credential, (reason, authority)) in enumerate(
        zip(history.rng.sample(old, min(2, len(old))), REVOCATIONS, strict=False), 1
    ):
        credential.status = CredentialStatus.REVOKED
        credential.revocation_reason = reason
        credential.revocation_authority = authority.format(n=f"{i:02d}")
        credential.revoked_on = credential.issued_on + dt.timedelta(days=history.rng.randint(120, 360))


def _blanks(history: History, diplomas: list[Credential]) -> dict[int, str]:
    """Each institution receives, early each year it issues diplomas, a stock of blanks for the year
    (rounded up to a fifty, numbered on from its last stock); the diplomas take them in register order."""
    by_stock: dict[tuple[int, str, int], list[Credential]] = defaultdict(list)
    for credential in sorted(diplomas, key=lambda c: (c.year, c.number)):
        institution = credential.recognition.training_class.institution
        by_stock[(institution.pk, BLANK_PREFIX[credential.programme.level], credential.year)].append(
            credential
        )
    last: dict[tuple[int, str], int] = defaultdict(int)
    printed = {}
    for (institution_pk, prefix, _year), credentials in sorted(by_stock.items()):
        institution = credentials[0].recognition.training_class.institution
        first = last[(institution_pk, prefix)] + 1
        size = 50 * -(-(len(credentials) + 5) // 50)
        received = min(c.issued_on for c in credentials) - dt.timedelta(days=30)
        stock = history.add(
            BlankStock(
                institution=institution,
                prefix=prefix,
                first_number=first,
                last_number=first + size - 1,
                received_on=received,
                document=f"Biên bản giao nhận phôi bằng ngày {received:%d/%m/%Y}",
                received_by=history.operator,
                created_at=at(received, 14),
            ),
            received,
        )
        last[(institution_pk, prefix)] = stock.last_number
        for i in range(size):
            credential = credentials[i] if i < len(credentials) else None
            blank = Blank(
                stock=stock,
                institution=institution,
                prefix=prefix,
                number=first + i,
                serial=stock.serial(first + i),
                status=BlankStatus.USED if credential else BlankStatus.AVAILABLE,
                credential=credential,
            )
            history.add(blank, credential.issued_on if credential else received)
            if credential is not None:
                printed[id(credential)] = blank.serial
    return printed


def proofs(history: History, drafts: list[Credential], printed: dict[int, str]) -> list:
    """The cadres whose record of their theory level the history changes: a learner who completed a
    level now shows the diploma the register holds; a cadre whose diploma of a level is dated inside the
    years the history holds every diploma of it, but who had no class in them, shows an older date — or,
    too young for that, the level below. Returns the changed cadres."""
    changed = {}
    for credential in drafts:
        cadre = credential.holder
        level = credential.programme_level
        if not level or cadre.theory_level != level or credential.status != CredentialStatus.VALID:
            continue
        cadre.theory_proof = TheoryProof.DIPLOMA
        cadre.theory_document_number = printed[id(credential)]
        cadre.theory_issuer = credential.institution_name
        cadre.theory_issued_on = credential.issued_on
        changed[cadre.pk] = cadre
    holders = {(c.holder.pk, c.programme_level) for c in drafts}
    for person in history.province.people:
        cadre = person.cadre
        start = WINDOWS.get(cadre.theory_level)
        if start is None or cadre.pk in changed or (cadre.pk, cadre.theory_level) in holders:
            continue
        if (
            cadre.theory_proof == TheoryProof.DIPLOMA
            and cadre.theory_issued_on
            and cadre.theory_issued_on >= start
        ):
            _backdate(history, cadre)
            changed[cadre.pk] = cadre
    return list(changed.values())


# From when the history holds every diploma of a level: sơ cấp since QĐ 208, trung and cao cấp since the
# allocation of QĐ 57 the rules encode. A diploma dated later comes from a class of the history.
WINDOWS = {"so_cap": dt.date(2019, 11, 8), "trung_cap": dt.date(2022, 2, 8), "cao_cap": dt.date(2022, 2, 8)}
LOWER = {"so_cap": "", "trung_cap": "so_cap", "cao_cap": "trung_cap"}
OLDEST_PROOF = dt.date(2005, 1, 1)


def _backdate(history: History, cadre) -> None:
    while cadre.theory_level in WINDOWS:
        start = WINDOWS[cadre.theory_level] - dt.timedelta(days=30)
        earliest = max(OLDEST_PROOF, _years_after(cadre.birth_date, 20)) if cadre.birth_date else OLDEST_PROOF
        if earliest < start:
            cadre.theory_issued_on = history.between(earliest, start)
            return
        cadre.theory_level = LOWER[cadre.theory_level]
        if cadre.theory_level == "so_cap":
            centres = [u for u in history.province.units.values() if u.kind == UnitKind.DISTRICT_CENTRE]
            cadre.theory_issuer = history.rng.choice(centres).name
            cadre.theory_document_number = f"SC {history.rng.randrange(1, 999_999):06d}"
    cadre.theory_proof = cadre.theory_document_number = cadre.theory_issuer = ""
    cadre.theory_issued_on = None


def _years_after(day: dt.date, years: int) -> dt.date:
    return day + dt.timedelta(days=round(years * 365.25))
