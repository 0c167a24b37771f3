"""Lecturers: each one's teaching load (standard hours taught / norm, QĐ 1147 art. 13), and creating or
changing a lecturer (kind, management duty, youngest child's birth date, login account)."""

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from llct.accounts.models import User
from llct.accounts.permissions import Action, can
from llct.registry.choices import TRAINING_INSTITUTION_KINDS
from llct.registry.models import Unit
from llct.registry.scope import scoped
from llct.training import selectors
from llct.training.forms.classes import LecturerForm
from llct.training.models import Lecturer
from llct.training.services import classes as class_services
from llct.training.services.workload import lecturer_load
from llct.web.access import require
from llct.web.actions import submit


class YearForm(forms.Form):
    year = forms.IntegerField(
        min_value=2000,
        max_value=2100,
        label=gettext_lazy("Năm"),
        error_messages={"invalid": gettext_lazy("Năm phải là số, ví dụ 2026.")},
    )


@require(Action.VIEW)
def lecturer_list(request: HttpRequest) -> HttpResponse:
    """Each lecturer's teaching load in the year asked (this year when the year is missing or wrong)."""
    year_form = YearForm(request.GET or {"year": timezone.localdate().year})
    year = year_form.cleaned_data["year"] if year_form.is_valid() else timezone.localdate().year
    lecturers = selectors.lecturer_list(request.user)
    loads = [lecturer_load(lecturer, year) for lecturer in lecturers]
    return render(
        request,
        "training/lecturer_list.html",
        {
            "loads": loads,
            "year": year,
            "year_form": year_form,
            "may_edit": can(request.user, Action.RUN_TRAINING),
        },
    )


def _form(request: HttpRequest, instance: Lecturer | None) -> LecturerForm:
    institutions = scoped(Unit.objects.filter(kind__in=TRAINING_INSTITUTION_KINDS), request.user, "")
    users = scoped(User.objects.filter(is_active=True), request.user).order_by("username")
    return LecturerForm(request.POST or None, instance=instance, institutions=institutions, users=users)


def _save(request: HttpRequest, instance: Lecturer | None) -> HttpResponse:
    form = _form(request, instance)
    if response := submit(
        request,
        form,
        lambda _d: class_services.lecturer_save(form.instance, by=request.user),
        done=lambda _saved: _("Đã lưu giảng viên %(n)s.") % {"n": form.instance.full_name},
        then=lambda _saved: redirect("training:lecturer_list"),
    ):
        return response
    return render(request, "training/lecturer_form.html", {"form": form, "lecturer": instance})


@require(Action.RUN_TRAINING)
def lecturer_create(request: HttpRequest) -> HttpResponse:
    return _save(request, None)


@require(Action.RUN_TRAINING)
def lecturer_edit(request: HttpRequest, pk: int) -> HttpResponse:
    lecturer = get_object_or_404(selectors.lecturer_list(request.user), pk=pk)
    return _save(request, lecturer)
