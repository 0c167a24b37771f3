"""Provinces' implementing regulations in the installation (llct.regulations.overlays; REGULATIONS.md §8):
an administrator of a province loads its file, checks it against the stored national versions and the
catalogue exactly as those are checked, and saves it; a file with any problem is refused whole."""

from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from llct.accounts.audit import audit
from llct.eligibility.models import ProvincialRegulation
from llct.registry.choices import Tier
from llct.registry.models import Unit
from llct.registry.scope import in_scope, scoped
from llct.regulations import RegulationDataError, Rulebook
from llct.regulations.overlays import OverlaySpec
from llct.regulations.schema import parse


def provinces_in_scope(user) -> QuerySet[Unit]:
    """The provinces (units of tier tỉnh) the user may load regulations for."""
    return scoped(Unit.objects.filter(tier=Tier.PROVINCE), user, field="")


def provincial_regulations(user) -> QuerySet[ProvincialRegulation]:
    """The implementing regulations of the provinces in the user's scope."""
    return scoped(ProvincialRegulation.objects.select_related("province"), user, field="province")


def provincial_regulation_check(
    text: str, *, user, regulation: ProvincialRegulation | None = None, name: str = ""
) -> tuple[OverlaySpec, Unit]:
    """Check a province's file: it must parse, name a province in the user's scope, not reuse another
    regulation's number, and make with the stored versions, the catalogue and the other provinces' files a
    rulebook that holds together (rulebook.py). Raises RegulationDataError naming the item and the problem;
    nothing is written."""
    from llct.eligibility.services.rulebook import stored_rulebook

    name = name or (regulation.number if regulation else _("quy định mới của tỉnh"))
    spec: OverlaySpec = parse(OverlaySpec, text, name)
    province = provinces_in_scope(user).filter(code=spec.province).first()
    if province is None or not in_scope(user, province):
        raise RegulationDataError(
            _("%(name)s: province: không có tỉnh mã «%(code)s» trong phạm vi quản lý của bạn.")
            % {"name": name, "code": spec.province}
        )
    others = ProvincialRegulation.objects.exclude(pk=regulation.pk if regulation else None)
    if others.filter(number=spec.number).exists():
        raise RegulationDataError(
            _("%(name)s: number: đã có quy định số hiệu %(number)s; hãy sửa quy định đó.")
            % {"name": name, "number": spec.number}
        )
    overlays = {r.number: r.text for r in others}
    overlays[name] = text
    stored_rulebook(overlays=overlays)
    return spec, province


@transaction.atomic
def provincial_regulation_save(
    text: str, *, by, regulation: ProvincialRegulation | None = None, name: str = ""
) -> ProvincialRegulation:
    """Save a province's file once `provincial_regulation_check` accepts it; the next decision for that
    province's cadres applies it. Raises RegulationDataError (Vietnamese, naming the item and the problem)."""
    from llct.eligibility.services.rulebook import rulebook_invalidate

    spec, province = provincial_regulation_check(text, user=by, regulation=regulation, name=name)
    regulation = regulation or ProvincialRegulation()
    regulation.province = province
    regulation.number = spec.number
    regulation.title = spec.title
    regulation.base = spec.base
    regulation.in_force_from = spec.in_force_from
    regulation.in_force_to = spec.in_force_to
    regulation.example = spec.example
    regulation.text = text
    audit(regulation, by, "Quản trị viên nạp quy định của tỉnh")
    regulation.save()
    rulebook_invalidate()
    return regulation


def provinces_by_path(book: Rulebook) -> dict[str, str]:
    """Path → code of the provinces that have an implementing regulation in `book`."""
    if not book.overlays:
        return {}
    return dict(Unit.objects.filter(code__in=book.overlays).values_list("path", "code"))


def province_in(path: str, provinces: dict[str, str]) -> str | None:
    """The code of the province of `provinces_by_path` whose subtree holds the unit at `path`."""
    return next((code for prefix, code in provinces.items() if path.startswith(prefix)), None)
