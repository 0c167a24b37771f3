"""Who may run which programme on which date (phân cấp, QĐ 57 ch. III, QĐ 208, QĐ 350, QĐ 360).

The allocation is the rules engine's: `Rulebook.institution_kinds_for(programme_code, on)`
(`llct.regulations`, data file allocation.yaml), read through the application's current rulebook, so that
the institution a decision names and the institutions that may open the class are the same. A programme
the allocation does not list may be opened nowhere. Neither nominations nor classes take a programme outside
the dates the catalogue offers it (`offered_check`).
"""

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext as _

from llct.registry.choices import TRAINING_INSTITUTION_KINDS
from llct.registry.models import Unit
from llct.training.models import Programme

from .errors import TrainingRuleError, dmy


@dataclass(frozen=True)
class Competence:
    kinds: frozenset[str]
    citation: str

    def as_json(self) -> dict:
        return {"kinds": sorted(self.kinds), "citation": self.citation}


def competent_kinds(programme: Programme, on: dt.date) -> Competence:
    """The institution kinds competent to run `programme` on `on`, with the citation that says so (the
    programme's own citation when no allocation entry is in force that day, e.g. sơ cấp after QĐ 350)."""
    from llct.eligibility.services.rulebook import current_rulebook

    rulebook = current_rulebook()
    if programme.code not in rulebook.allocation.programmes:
        return Competence(frozenset(), programme.citation)
    kinds = rulebook.institution_kinds_for(programme.code, on)
    citation = "; ".join(str(c) for c in rulebook.allocation_citations(programme.code, on))
    return Competence(frozenset(kinds), citation or programme.citation)


def institution_check(institution: Unit, programme: Programme, on: dt.date) -> Competence:
    """Refuse (with the citation) an institution that may not run `programme` on `on`."""
    if institution.kind not in TRAINING_INSTITUTION_KINDS:
        raise TrainingRuleError(
            _("%(unit)s không phải cơ sở đào tạo; chọn học viện, trường chính trị hoặc trung tâm chính trị.")
            % {"unit": institution.name}
        )
    if not institution.is_valid_on(on):
        raise TrainingRuleError(
            _("%(unit)s không còn (hoặc chưa) hoạt động vào ngày %(day)s.")
            % {"unit": institution.name, "day": on.strftime("%d/%m/%Y")}
        )
    competence = competent_kinds(programme, on)
    if institution.kind not in competence.kinds:
        raise TrainingRuleError(
            _("%(unit)s (%(kind)s) không có thẩm quyền mở lớp %(programme)s vào ngày %(day)s.")
            % {
                "unit": institution.name,
                "kind": institution.get_kind_display(),
                "programme": programme.name,
                "day": on.strftime("%d/%m/%Y"),
            },
            citation=competence.citation,
            code="not_competent",
        )
    return competence


def offered_check(programme: Programme, on: dt.date, field: str) -> None:
    """Refuse a programme outside the dates it is offered (`offered_from`/`offered_until`, from the
    catalogue with its citation; sơ cấp ends on 28/08/2025, QĐ 350-QĐ/TW has no sơ cấp level)."""
    if programme.offered_from and on < programme.offered_from:
        raise TrainingRuleError(
            _("Chương trình %(p)s chỉ mở từ ngày %(d)s.")
            % {"p": programme.name, "d": dmy(programme.offered_from)},
            citation=programme.citation,
            code="not_offered",
            field=field,
        )
    if programme.offered_until and on > programme.offered_until:
        raise TrainingRuleError(
            _("Chương trình %(p)s chỉ mở đến ngày %(d)s.")
            % {"p": programme.name, "d": dmy(programme.offered_until)},
            citation=programme.citation,
            code="not_offered",
            field=field,
        )
