"""The PDF of diplomas and certificates: A4, Vietnamese, laid out as the document, with a QR code that
opens the public verification page. Many documents compile in one typst call (one page each)."""

import os
import re
from collections.abc import Iterable
from itertools import groupby
from pathlib import Path

import segno
from django.urls import reverse
from django.utils.translation import gettext as _

from llct.credentials.choices import CredentialKind, CredentialStatus
from llct.credentials.models import Credential
from llct.documents.pdf import render_pdf
from llct.registry.choices import Sex
from llct.registry.models import Unit
from llct.training.choices import Band

TEMPLATE = Path(__file__).resolve().parent / "typst" / "credential.typ"
# Documents per typst call in a bulk PDF: large enough to amortise the compiler, small enough for memory.
BATCH = 500
_PLACE_PREFIX = re.compile(r"^(Tỉnh|Thành phố|Huyện|Quận|Thị xã|Xã|Phường|Đặc khu)\s+", re.IGNORECASE)


def public_base_url(request=None) -> str:
    """The origin printed in QR codes: LLCT_PUBLIC_URL when set, else the request's, else localhost."""
    configured = os.environ.get("LLCT_PUBLIC_URL", "").rstrip("/")
    if configured:
        return configured
    if request is not None:
        return request.build_absolute_uri("/").rstrip("/")
    return "http://localhost:8000"


def verification_url(credential: Credential, base: str) -> str:
    return base + reverse("credentials_public:verify", args=[credential.token])


def qr_svg(url: str, border: int = 2) -> str:
    """The QR code as a one-path SVG (runs of dark modules per row: 3× faster to write than segno's SVG
    writer, and small). A fixed mask: choosing the best of the eight costs 5× more and any mask reads."""
    matrix = segno.make(url, error="m", mask=0).matrix
    size = len(matrix) + 2 * border
    path = []
    for y, row in enumerate(matrix, start=border):
        x = border
        for dark, run in groupby(row):
            width = len(list(run))
            if dark:
                path.append(f"M{x} {y}h{width}v1h-{width}z")
            x += width
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" shape-rendering="crispEdges">'
        f'<path fill="#fff" d="M0 0h{size}v{size}h-{size}z"/><path d="{"".join(path)}"/></svg>'
    )


def _d(day) -> str:
    return day.strftime("%d/%m/%Y") if day else "—"


def _parent_name(institution: Unit, parents: dict[int, str]) -> str:
    if institution.pk not in parents:
        parent = (
            Unit.objects.filter(path=institution.path[: -Unit.steplen]).first()
            if institution.depth > 1
            else None
        )
        parents[institution.pk] = parent.name if parent else ""
    return parents[institution.pk]


def credential_data(credential: Credential, base: str, parents: dict[int, str] | None = None) -> dict:
    """The values one page shows. Certificates of Party political centres carry the Party header; diplomas
    carry the national motto (a choice: the rules name the signer and the blank, not the header)."""
    institution = credential.register.institution
    parent = _parent_name(institution, {} if parents is None else parents)
    holder = credential.holder
    enrolment = credential.enrolment
    klass = enrolment.training_class
    diploma = credential.register.kind == CredentialKind.DIPLOMA
    issued = credential.issued_on
    url = verification_url(credential, base)
    status = "" if credential.status == CredentialStatus.VALID else str(credential.get_status_display())
    return {
        "header": "state" if diploma else "party",
        "parent": parent,
        "institution": institution.name,
        "title": _("BẰNG TỐT NGHIỆP") if diploma else _("GIẤY CHỨNG NHẬN"),
        "grantor": _("Giám đốc %(institution)s") % {"institution": institution.name},
        "verb": _("cấp bằng cho") if diploma else _("chứng nhận"),
        "salutation": _("Bà") if holder.sex == Sex.FEMALE else _("Ông"),
        "holder": holder.full_name,
        "birth_date": _d(holder.birth_date),
        "unit": enrolment.sending_unit.name,
        "programme": credential.programme.name,
        "class_name": klass.name,
        "starts_on": _d(klass.starts_on),
        "ends_on": _d(klass.ends_on),
        "band": str(Band(enrolment.band).label) if enrolment.band else "—",
        "decision": credential.recognition.number,
        "decision_on": _d(credential.recognition.signed_on),
        "place": _PLACE_PREFIX.sub("", parent) if parent else institution.name,
        "day": f"{issued.day:02d}",
        "month": f"{issued.month:02d}",
        "year": str(issued.year),
        "signer_title": credential.signer_title or _("Giám đốc"),
        "signer": credential.signed_by,
        "serial": credential.serial,
        "number": f"{credential.number:06d}/{credential.year}",
        "blank": credential.blank_serial,
        "url": url,
        "qr": qr_svg(url),
        "status": status,
    }


def _related(credentials: Iterable[Credential]) -> list[Credential]:
    if hasattr(credentials, "select_related"):
        credentials = credentials.select_related(
            "register__institution",
            "holder",
            "programme",
            "recognition",
            "enrolment__training_class",
            "enrolment__sending_unit",
        )
    return list(credentials)


def credentials_pdf(credentials: Iterable[Credential], base: str) -> bytes:
    """One PDF, one page per document, compiled in a single typst call."""
    parents: dict[int, str] = {}
    return render_pdf(TEMPLATE, {"items": [credential_data(c, base, parents) for c in _related(credentials)]})


def credentials_pdf_batches(
    credentials: Iterable[Credential], base: str, batch: int = BATCH
) -> Iterable[bytes]:
    """PDFs of at most `batch` pages each, for a large class or a benchmark batch."""
    items = _related(credentials)
    for start in range(0, len(items), batch):
        yield credentials_pdf(items[start : start + batch], base)
