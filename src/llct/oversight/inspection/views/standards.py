"""The cadre page's panel of post standards: which level the posts held today require, met or not."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from llct.accounts.permissions import Action
from llct.registry import selectors as registry
from llct.web.access import require

from ..standards import cadre_requirements


@require(Action.VIEW)
def cadre_standards(request: HttpRequest, cadre_id: int) -> HttpResponse:
    cadre = registry.cadre_get(request.user, cadre_id)
    requirements = cadre_requirements(cadre, timezone.localdate())
    return render(request, "inspection/_cadre_standards.html", {"cadre": cadre, "requirements": requirements})
