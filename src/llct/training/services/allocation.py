"""Who may run which programme on which date (phân cấp, QĐ 57 ch. III, QĐ 208, QĐ 350, QĐ 360).

The allocation is shared with the rules engine: `Rulebook.institution_kinds_for(programme_code, on)`
(`llct.regulations`, data file allocation.yaml), read through the application's current rulebook. When
the rulebook does not know a programme, the catalogue's own `allocation` entries (programmes.yaml) answer.
"""

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext as _

from llct.registry.choices import TRAINING_INSTITUTION_KINDS
from llct.registry.models import Unit
from llct.training.models import Programme

from .catalogue import catalogue_allocation
from .errors import TrainingRuleError


@dataclass(frozen=True)
class Competence:
    kinds: frozenset[str]
    citation: str
    source: str  # "rulebook" or "catalogue"

    def as_json(self) -> dict:
        return {"kinds": sorted(self.kinds), "citation": self.citation, "source": self.source}


def _rulebook():
    try:
        from llct.eligibility.services.rulebook import current_rulebook
    except ImportError:
        from llct.regulations import load_shipped

        return load_shipped()
    return current_rulebook()


def _from_rulebook(programme_code: str, on: dt.date) -> Competence | None:
    """The rulebook's answer, or None when its allocation does not list the programme at all."""
    rulebook = _rulebook()
    if programme_code not in rulebook.allocation.programmes:
        return None
    kinds = rulebook.institution_kinds_for(programme_code, on)
    citation = "; ".join(str(c) for c in rulebook.allocation_citations(programme_code, on))
    return Competence(frozenset(kinds), citation, "rulebook")


def competent_kinds(programme: Programme, on: dt.date) -> Competence:
    """The institution kinds competent to run `programme` on `on`, with the citation that says so."""
    found = _from_rulebook(programme.code, on)
    if found is not None:
        return found
    kinds, citation = catalogue_allocation(programme.code, on) or (frozenset(), "")
    return Competence(kinds, citation or programme.citation, "catalogue")


def allocation_known(programme_code: str, on: dt.date) -> bool:
    """Whether the rulebook's allocation lists the programme (used by tests and the catalogue page)."""
    return _from_rulebook(programme_code, on) is not None


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
