"""The programme catalogue, with its modules, outputs and citations."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from llct.training.models import Programme

from .common import viewer


@login_required
def programme_list(request: HttpRequest) -> HttpResponse:
    viewer(request)
    programmes = Programme.objects.prefetch_related("modules")
    return render(request, "training/programme_list.html", {"programmes": programmes})
