"""The programme catalogue, with its modules, outputs and citations."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from llct.accounts.permissions import Action
from llct.training.models import Programme
from llct.web.access import require


@require(Action.VIEW)
def programme_list(request: HttpRequest) -> HttpResponse:
    programmes = Programme.objects.prefetch_related("modules")
    return render(request, "training/programme_list.html", {"programmes": programmes})
