"""The home page: what waits for the signed-in user (the work queue), and a short dashboard of their scope."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from llct.accounts.permissions import Action, can
from llct.registry import selectors
from llct.web.guides import guides_for
from llct.web.work import work_for


@login_required
def home(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    context = {
        "cadre_count": selectors.cadre_list(request.user).count(),
        "unit_count": selectors.unit_list(request.user, on=today).count(),
        "can_edit": can(request.user, Action.EDIT_REGISTRY),
        "work": work_for(request.user),
    }
    return render(request, "web/home.html", context)


@login_required
def help_page(request: HttpRequest) -> HttpResponse:
    return render(request, "web/help.html", {"guides": guides_for(request.user)})
