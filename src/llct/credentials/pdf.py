"""The PDF of diplomas and certificates: A4, Vietnamese, laid out as the document, with a QR code that
opens the public verification page. Many documents compile in one typst call (one page each); a bulk
PDF prepares the pages of the next batch while typst compiles the current one."""

import os
import re
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from itertools import groupby
from pathlib import Path

import segno
from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _
from segno import consts

from llct.credentials.choices import CredentialKind, CredentialStatus
from llct.documents.pdf import pdf_compile, pdf_compiler
from llct.documents.place import document_place
from llct.registry.choices import Sex
from llct.registry.masking import mask_birth_date
from llct.registry.models import Unit
from llct.training.choices import Band

TEMPLATE = Path(__file__).resolve().parent / "typst" / "credential.typ"
# Documents per typst call in a bulk PDF: large enough to amortise the compiler, small enough for memory.
BATCH = 500
_ALPHANUMERIC = re.compile(r"^[0-9A-Z]+$")
# What a page shows, read in one query per PDF (no model instances).
PAGE_COLUMNS = (
    "serial",
    "number",
    "year",
    "issued_on",
    "status",
    "token",
    "signed_by",
    "signer_title",
    "register__kind",
    "register__institution_id",
    "register__institution__name",
    "holder__full_name",
    "holder__sex",
    "holder__birth_date",
    "enrolment__sending_unit__name",
    "enrolment__band",
    "enrolment__training_class__name",
    "enrolment__training_class__starts_on",
    "enrolment__training_class__ends_on",
    "programme__name",
    "recognition__number",
    "recognition__signed_on",
    "blank__serial",
)


def public_base_url(request=None) -> str:
    """The origin printed in QR codes: LLCT_PUBLIC_URL when set, else the request's, else localhost."""
    configured = os.environ.get("LLCT_PUBLIC_URL", "").rstrip("/")
    if configured:
        return configured
    if request is not None:
        return request.build_absolute_uri("/").rstrip("/")
    return "http://localhost:8000"


def verification_url(token: str, base: str) -> str:
    return base + reverse("credentials_public:verify", args=[token])


def qr_svg(url: str, border: int = 2) -> str:
    """The QR code of `url` as a one-path SVG (runs of dark modules per row: 3× faster to write than
    segno's SVG writer, and small). Error level M; a fixed mask (choosing the best of the eight costs 5×
    more and any mask reads). An upper-case token at the end is encoded in alphanumeric mode (5.5 bits a
    character instead of 8), which keeps the code one version smaller."""
    head, _sep, tail = url.rpartition("/")
    content = (
        [(head + "/", consts.MODE_BYTE), (tail, consts.MODE_ALPHANUMERIC)]
        if head and _ALPHANUMERIC.match(tail)
        else url
    )
    matrix = segno.make(content, error="m", mask=0, boost_error=False).matrix
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


def _parent_names(institution_ids: set[int]) -> dict[int, str]:
    """The name of each institution's parent unit (the header line above the institution's name)."""
    units = list(Unit.objects.filter(pk__in=institution_ids).values("pk", "path", "depth"))
    names = dict(
        Unit.objects.filter(
            path__in=[u["path"][: -Unit.steplen] for u in units if u["depth"] > 1]
        ).values_list("path", "name")
    )
    return {u["pk"]: names.get(u["path"][: -Unit.steplen], "") for u in units}


def page_data(row: dict, base: str, parents: dict[int, str], *, personal: bool) -> dict:
    """The values one page shows, from a row of PAGE_COLUMNS. Certificates of Party political centres carry
    the Party header; diplomas carry the national motto (a choice: the rules name the signer and the
    blank, not the header). Without `personal` (a role without Action.SEE_PERSONAL_DATA) the page shows the
    birth year only, as every page of the site does."""
    institution = row["register__institution__name"]
    parent = parents.get(row["register__institution_id"], "")
    diploma = row["register__kind"] == CredentialKind.DIPLOMA
    issued = row["issued_on"]
    url = verification_url(row["token"], base)
    status = "" if row["status"] == CredentialStatus.VALID else str(CredentialStatus(row["status"]).label)
    band = row["enrolment__band"]
    born = row["holder__birth_date"]
    return {
        "header": "state" if diploma else "party",
        "parent": parent,
        "institution": institution,
        "title": _("BẰNG TỐT NGHIỆP") if diploma else _("GIẤY CHỨNG NHẬN"),
        "grantor": _("Giám đốc %(institution)s") % {"institution": institution},
        "verb": _("cấp bằng cho") if diploma else _("chứng nhận"),
        "salutation": _("Bà") if row["holder__sex"] == Sex.FEMALE else _("Ông"),
        "holder": row["holder__full_name"],
        "birth_label": _("Sinh ngày:") if personal else _("Năm sinh:"),
        "birth_date": _d(born) if personal else mask_birth_date(born) or "—",
        "unit": row["enrolment__sending_unit__name"],
        "programme": row["programme__name"],
        "class_name": row["enrolment__training_class__name"],
        "starts_on": _d(row["enrolment__training_class__starts_on"]),
        "ends_on": _d(row["enrolment__training_class__ends_on"]),
        "band": str(Band(band).label) if band else "—",
        "decision": row["recognition__number"],
        "decision_on": _d(row["recognition__signed_on"]),
        "place": document_place(parent, institution),
        "day": f"{issued.day:02d}",
        "month": f"{issued.month:02d}",
        "year": str(issued.year),
        "signer_title": row["signer_title"] or _("Giám đốc"),
        "signer": row["signed_by"],
        "serial": row["serial"],
        "number": f"{row['number']:06d}/{row['year']}",
        "blank": row["blank__serial"] or "",
        "url": url,
        "qr": qr_svg(url),
        "status": status,
    }


def credentials_page_data(credentials: QuerySet, base: str, *, personal: bool) -> list[dict]:
    """The pages of `credentials`, in its order: one query for the documents, one for the headers."""
    rows = list(credentials.values(*PAGE_COLUMNS))
    parents = _parent_names({r["register__institution_id"] for r in rows})
    return [page_data(r, base, parents, personal=personal) for r in rows]


def credentials_pdf(credentials: QuerySet, base: str, *, personal: bool) -> bytes:
    """One PDF, one page per document, compiled in a single typst call."""
    items = credentials_page_data(credentials, base, personal=personal)
    return pdf_compile(pdf_compiler(TEMPLATE), {"items": items})


def credentials_pdf_batches(
    credentials: QuerySet, base: str, batch: int = BATCH, *, personal: bool
) -> Iterator[bytes]:
    """PDFs of at most `batch` pages each, for a large class or a benchmark batch, in order. While typst
    compiles one batch (in a worker thread, without the GIL) this thread prepares the next one's pages
    and QR codes, so the two costs overlap instead of adding up."""
    rows = list(credentials.values(*PAGE_COLUMNS))
    parents = _parent_names({r["register__institution_id"] for r in rows})
    compiler = pdf_compiler(TEMPLATE)
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="typst") as pool:
        compiling = None
        for start in range(0, len(rows), batch):
            items = [page_data(r, base, parents, personal=personal) for r in rows[start : start + batch]]
            following = pool.submit(pdf_compile, compiler, {"items": items})
            if compiling is not None:
                yield compiling.result()
            compiling = following
        if compiling is not None:
            yield compiling.result()
