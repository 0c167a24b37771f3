"""Template helpers of inspection: a check's title by its code, and the count of open findings in the
user's scope (the home page and the unit pages)."""

from django import template

from llct.oversight.inspection import values
from llct.oversight.inspection.checks import CHECKS
from llct.oversight.inspection.findings import findings_visible
from llct.oversight.models import FindingStatus

register = template.Library()
OPEN = [FindingStatus.OPEN, FindingStatus.EXPLAINED, FindingStatus.REMEDIATION]


@register.filter
def check_title(code: str) -> str:
    check = CHECKS.get(code)
    return str(check.title) if check else code


@register.simple_tag
def open_findings(user, unit=None) -> int:
    """Open findings the user sees, within `unit`'s subtree when given."""
    findings = findings_visible(user).filter(status__in=OPEN)
    if unit is not None:
        findings = findings.filter(unit__path__startswith=unit.path)
    return findings.count()


@register.filter
def value_label(key: str) -> str:
    """The Vietnamese label of a key of a finding's values."""
    return values.value_label(key)


@register.filter
def value_text(value) -> str:
    return values.value_text(value)
