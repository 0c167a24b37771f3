"""The recognition decision (quyết định công nhận) of a class: who completed, with marks and bands
(QĐ 1147-QĐ/BTGDVTW; for LLCT levels the institution's decision before diplomas are issued)."""

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from llct.accounts.audit import audit
from llct.accounts.permissions import can
from llct.documents.pdf import render_pdf
from llct.documents.place import document_place
from llct.registry.scope import in_scope
from llct.training.choices import Band, ProgrammeOutput
from llct.training.models import RecognitionDecision, TrainingClass

from .classes import CLASS_FLOW
from .errors import TrainingRuleError


@transaction.atomic
def recognition_decide(
    klass: TrainingClass, *, number: str, signed_on: dt.date, signed_by: str, signer_title: str = "", by
) -> RecognitionDecision:
    """Sign the recognition decision of an assessed class; it lists every learner who completed. The class
    becomes "recognised". Deciding again returns the existing decision."""
    if not can(by, CLASS_FLOW["recognise"].action) or not in_scope(by, klass.institution):
        raise PermissionDenied
    klass = TrainingClass.objects.select_for_update().get(pk=klass.pk)
    existing = RecognitionDecision.objects.filter(training_class=klass).first()
    if existing is not None:
        return existing
    CLASS_FLOW.check(klass, "recognise")
    if not number.strip():
        raise TrainingRuleError(_("Ghi số quyết định."), field="number")
    if not signed_by.strip():
        raise TrainingRuleError(_("Ghi người ký."), field="signed_by")
    if signed_on < klass.starts_on:
        raise TrainingRuleError(_("Ngày ký không thể trước ngày khai giảng."), field="signed_on")
    decision = RecognitionDecision(
        training_class=klass,
        number=number.strip(),
        signed_on=signed_on,
        signed_by=signed_by.strip(),
        signer_title=signer_title.strip() or _("Giám đốc"),
        created_by=by,
    )
    audit(decision, by).save()
    decision.enrolments.set(klass.enrolments.filter(completed=True))
    CLASS_FLOW.take(klass, "recognise", by)
    return decision


_OUTPUT_NOTE = {
    ProgrammeOutput.CERTIFICATE: "được cấp giấy chứng nhận",
    ProgrammeOutput.DIPLOMA: "được cấp bằng tốt nghiệp",
    ProgrammeOutput.DECISION_ONLY: "",
}


def recognition_data(decision: RecognitionDecision) -> dict:
    """What the PDF shows: the class, the signer and one row per recognised learner (name order)."""
    klass = decision.training_class
    institution = klass.institution
    parent = type(institution).objects.get_parent(institution)
    rows = [
        {
            "name": e.cadre.full_name,
            "unit": e.sending_unit.name,
            "mark": number_format(e.final_mark, 2) if e.final_mark is not None else "",
            "band": str(Band(e.band).label) if e.band else "",
        }
        for e in decision.enrolments.select_related("cadre", "sending_unit").order_by("cadre__name_sort_key")
    ]
    programme = klass.programme
    return {
        "parent_name": parent.name if parent else "",
        "institution": institution.name,
        "number": decision.number,
        "place": document_place(parent.name if parent else "", institution.name),
        "day": f"{decision.signed_on.day:02d}",
        "month": f"{decision.signed_on.month:02d}",
        "year": str(decision.signed_on.year),
        "programme": programme.name,
        "class_name": klass.name,
        "class_code": klass.code,
        "signer_title": decision.signer_title,
        "signed_by": decision.signed_by,
        "citation": programme.citation,
        "starts_on": klass.starts_on.strftime("%d/%m/%Y"),
        "ends_on": klass.ends_on.strftime("%d/%m/%Y"),
        "count": len(rows),
        "output_note": _OUTPUT_NOTE.get(programme.output, ""),
        "bands_note": "Xếp loại theo ngưỡng của QĐ 1147-QĐ/BTGDVTW (giả định)."
        if programme.bands_assumed
        else "",
        "rows": rows,
    }


def recognition_pdf(decision: RecognitionDecision) -> bytes:
    """The decision as an A4 PDF in Vietnamese (typst, vendored Noto Serif)."""
    return render_pdf("recognition.typ", recognition_data(decision))
