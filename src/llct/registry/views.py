"""Registry pages: the cadre list and record, its dated sub-records, the unit tree and the post catalogue.

Views only translate HTTP: reads go through `selectors` (always scoped: outside the scope → 404), writes
through `services` (which record the author), role checks through `can` (→ 403).
"""

import datetime as dt

from django import forms
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from llct.accounts.permissions import Action, can
from llct.registry import selectors
from llct.registry.choices import Sector, Tier
from llct.registry.filtersets import CadreFilterSet
from llct.registry.forms import (
    AssignmentForm,
    CadreForm,
    EndForm,
    PlanningForm,
    PostForm,
    RatingForm,
)
from llct.registry.history import cadre_history, post_history, unit_history
from llct.registry.models import Assignment, Cadre, PlanningEntry, Post, Unit
from llct.registry.scope import scoped
from llct.registry.services import assignments as assignment_services
from llct.registry.services.cadres import cadre_save
from llct.registry.services.posts import post_save
from llct.web.access import require
from llct.web.actions import submit
from llct.web.forms import DateField
from llct.web.htmx import partial
from llct.web.paging import TwoEndedPaginator

PAGE_SIZE = 50
FETCH_ALL_IDS_BELOW = 2_000


@require(Action.VIEW)
def cadre_list(request: HttpRequest) -> HttpResponse:
    """The scoped cadre list: search, filters, Vietnamese order, pages; htmx asks only for the table."""
    today = timezone.localdate()
    filters = CadreFilterSet(request.GET or None, user=request.user, on=today)
    cadres = filters.queryset()
    paginator = TwoEndedPaginator(cadres.values_list("pk", flat=True), PAGE_SIZE)
    if paginator.count <= FETCH_ALL_IDS_BELOW:
        # Few matches: read them unordered and sort here, so that the database never walks the whole
        # name index in the hope of meeting them early (bench/web). Same order: name_sort_key, then id.
        keyed = sorted(cadres.order_by().values_list("name_sort_key", "pk"))
        paginator = Paginator([pk for _, pk in keyed], PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    # The page is chosen on ids alone (the sort index answers it), then only its 50 rows are read.
    ids = list(page.object_list)
    rows = (
        Cadre.objects.filter(pk__in=ids)
        .select_related("unit")
        .only("pk", "code", "full_name", "citizen_id", "birth_date", "sex", "theory_level", "party_status",
              "unit__name")
        .prefetch_related(
            Prefetch(
                "assignments",
                queryset=Assignment.objects.valid_on(today).select_related("post").only(
                    "pk", "cadre_id", "post__title", "valid_from", "valid_to"
                ),
                to_attr="current_assignments",
            )
        )
    )  # fmt: skip
    by_pk = {cadre.pk: cadre for cadre in rows}
    page.object_list = [by_pk[pk] for pk in ids]
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "filters": filters,
        "export_query": query.urlencode(),  # the export takes the list's filters, not its page
        "page": page,
        "show_personal": can(request.user, Action.SEE_PERSONAL_DATA),
        "can_edit": can(request.user, Action.EDIT_REGISTRY),
    }
    template = "registry/_cadre_table.html" if partial(request) else "registry/cadre_list.html"
    return render(request, template, context)


@require(Action.VIEW)
def cadre_detail(request: HttpRequest, pk: int) -> HttpResponse:
    cadre = selectors.cadre_get(request.user, pk)
    personal = can(request.user, Action.SEE_PERSONAL_DATA)
    today = timezone.localdate()
    current, other = selectors.cadre_posts_on(cadre, today)
    planning = list(cadre.planning.select_related("post"))
    context = {
        "cadre": cadre,
        "today": today,
        "current_assignments": current,
        "other_assignments": other,
        "current_planning": [p for p in planning if _valid(p, today)],
        "other_planning": [p for p in planning if not _valid(p, today)],
        "ratings": cadre.ratings.all(),
        "history": cadre_history(cadre, personal=personal),
        "extra": sorted((cadre.extra or {}).items()) if personal else [],
        "show_personal": personal,
        "can_edit": can(request.user, Action.EDIT_REGISTRY),
    }
    return render(request, "registry/cadre_detail.html", context)


def _valid(row, day: dt.date) -> bool:
    return (row.valid_from is None or row.valid_from <= day) and (row.valid_to is None or day <= row.valid_to)


@require(Action.EDIT_REGISTRY)
def cadre_create(request: HttpRequest) -> HttpResponse:
    return _cadre_form(request, Cadre(), _("Thêm cán bộ"))


@require(Action.EDIT_REGISTRY)
def cadre_edit(request: HttpRequest, pk: int) -> HttpResponse:
    cadre = selectors.cadre_get(request.user, pk)
    return _cadre_form(request, cadre, _("Sửa hồ sơ %(name)s") % {"name": cadre.full_name})


def _cadre_form(request: HttpRequest, cadre: Cadre, title: str) -> HttpResponse:
    form = CadreForm(request.POST or None, instance=cadre, user=request.user)
    if response := submit(
        request,
        form,
        lambda _data: cadre_save(form.save(commit=False), by=request.user),
        done=lambda saved: _("Đã lưu hồ sơ %(name)s.") % {"name": saved.full_name},
        then=lambda saved: redirect("registry:cadre_detail", pk=saved.pk),
    ):
        return response
    return render(request, "registry/form.html", {"form": form, "title": title, "cadre": cadre.pk and cadre})


@require(Action.EDIT_REGISTRY)
def assignment_add(request: HttpRequest, pk: int) -> HttpResponse:
    cadre = selectors.cadre_get(request.user, pk)
    form = AssignmentForm(request.POST or None, instance=Assignment(cadre=cadre), user=request.user)
    if response := submit(
        request,
        form,
        lambda _data: assignment_services.assignment_add(form.save(commit=False), by=request.user),
        done=_("Đã thêm chức vụ."),
        then=redirect("registry:cadre_detail", pk=cadre.pk),
    ):
        return response
    title = _("Thêm chức vụ cho %(name)s") % {"name": cadre.full_name}
    return render(request, "registry/form.html", {"form": form, "title": title, "cadre": cadre})


@require(Action.EDIT_REGISTRY)
def assignment_end(request: HttpRequest, pk: int, assignment_pk: int) -> HttpResponse:
    cadre = selectors.cadre_get(request.user, pk)
    assignment = get_object_or_404(cadre.assignments.select_related("post"), pk=assignment_pk)
    form = EndForm(request.POST or None, starts=assignment.valid_from, initial={"on": timezone.localdate()})
    if response := submit(
        request,
        form,
        lambda data: assignment_services.assignment_end(assignment, on=data["on"], by=request.user),
        done=_("Đã kết thúc chức vụ %(post)s.") % {"post": assignment.post.title},
        then=redirect("registry:cadre_detail", pk=cadre.pk),
    ):
        return response
    title = _("Kết thúc chức vụ %(post)s của %(name)s") % {
        "post": assignment.post.title,
        "name": cadre.full_name,
    }
    return render(request, "registry/form.html", {"form": form, "title": title, "cadre": cadre})


@require(Action.EDIT_REGISTRY)
def planning_add(request: HttpRequest, pk: int) -> HttpResponse:
    cadre = selectors.cadre_get(request.user, pk)
    form = PlanningForm(request.POST or None, instance=PlanningEntry(cadre=cadre))
    if response := submit(
        request,
        form,
        lambda _data: assignment_services.planning_add(form.save(commit=False), by=request.user),
        done=_("Đã thêm quy hoạch."),
        then=redirect("registry:cadre_detail", pk=cadre.pk),
    ):
        return response
    title = _("Thêm quy hoạch cho %(name)s") % {"name": cadre.full_name}
    return render(request, "registry/form.html", {"form": form, "title": title, "cadre": cadre})


@require(Action.EDIT_REGISTRY)
def planning_end(request: HttpRequest, pk: int, entry_pk: int) -> HttpResponse:
    cadre = selectors.cadre_get(request.user, pk)
    entry = get_object_or_404(cadre.planning.select_related("post"), pk=entry_pk)
    form = EndForm(request.POST or None, starts=entry.valid_from, initial={"on": timezone.localdate()})
    if response := submit(
        request,
        form,
        lambda data: assignment_services.planning_end(entry, on=data["on"], by=request.user),
        done=_("Đã kết thúc quy hoạch %(post)s.") % {"post": entry.post.title},
        then=redirect("registry:cadre_detail", pk=cadre.pk),
    ):
        return response
    title = _("Kết thúc quy hoạch %(post)s của %(name)s") % {
        "post": entry.post.title,
        "name": cadre.full_name,
    }
    return render(request, "registry/form.html", {"form": form, "title": title, "cadre": cadre})


@require(Action.EDIT_REGISTRY)
def rating_add(request: HttpRequest, pk: int) -> HttpResponse:
    cadre = selectors.cadre_get(request.user, pk)
    form = RatingForm(request.POST or None, initial={"year": timezone.localdate().year - 1})
    if response := submit(
        request,
        form,
        lambda data: assignment_services.rating_set(cadre, **data, by=request.user),
        done=lambda rating: _("Đã lưu xếp loại năm %(year)s.") % {"year": rating.year},
        then=redirect("registry:cadre_detail", pk=cadre.pk),
    ):
        return response
    title = _("Xếp loại chất lượng của %(name)s") % {"name": cadre.full_name}
    return render(request, "registry/form.html", {"form": form, "title": title, "cadre": cadre})


class OnDateForm(forms.Form):
    on = DateField(label=gettext_lazy("Cây đơn vị tại ngày"), required=False)


@require(Action.VIEW)
def unit_tree(request: HttpRequest) -> HttpResponse:
    """The unit tree as it stood on a date (today unless `?on=dd/mm/yyyy`), within the user's scope."""
    form = OnDateForm(request.GET or None)
    on = (form.cleaned_data.get("on") if form.is_valid() else None) or timezone.localdate()
    linked = selectors.unit_list(request.user).only("pk", "name")
    units = list(
        selectors.unit_list(request.user, on=on).prefetch_related(
            Prefetch("predecessors", queryset=linked), Prefetch("successors", queryset=linked)
        )
    )
    top = min((u.depth for u in units), default=1)
    for unit in units:
        unit.indent = unit.depth - top
    return render(request, "registry/unit_tree.html", {"form": form, "on": on, "units": units})


@require(Action.VIEW)
def unit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    unit = selectors.unit_get(request.user, pk)
    in_scope = selectors.unit_list(request.user)
    context = {
        "unit": unit,
        "parent": in_scope.filter(path=unit.path[: -Unit.steplen]).first() if unit.depth > 1 else None,
        "children": in_scope.filter(path__startswith=unit.path, depth=unit.depth + 1),
        "predecessors": in_scope.filter(successors=unit),
        "successors": in_scope.filter(predecessors=unit),
        "served_communes": in_scope.filter(political_centres=unit),
        "cadre_count": scoped(Cadre.objects.filter(unit=unit), request.user).count(),
        "subtree_cadre_count": scoped(
            Cadre.objects.filter(unit__path__startswith=unit.path), request.user
        ).count(),
        "history": unit_history(unit),
    }
    return render(request, "registry/unit_detail.html", context)


class PostFilterForm(forms.Form):
    q = forms.CharField(label=gettext_lazy("Tìm kiếm"), required=False)
    sector = forms.ChoiceField(
        label=gettext_lazy("Khối"), required=False, choices=[("", gettext_lazy("Tất cả")), *Sector.choices]
    )
    tier = forms.ChoiceField(
        label=gettext_lazy("Cấp"), required=False, choices=[("", gettext_lazy("Tất cả")), *Tier.choices]
    )


@require(Action.VIEW)
def post_list(request: HttpRequest) -> HttpResponse:
    """The post catalogue: the same for every user, so not scoped; only administrators change it."""
    form = PostFilterForm(request.GET or None)
    values = form.cleaned_data if form.is_valid() else {}
    posts = selectors.post_list(
        q=values.get("q", ""), sector=values.get("sector", ""), tier=values.get("tier", "")
    ).annotate(holders=Count("assignments"))
    page = Paginator(posts, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"form": form, "page": page, "can_edit": can(request.user, Action.EDIT_CATALOGUE)}
    template = "registry/_post_table.html" if partial(request) else "registry/post_list.html"
    return render(request, template, context)


@require(Action.VIEW)
def post_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One post of the catalogue with its audit trail (the catalogue is the same for every user)."""
    post = get_object_or_404(Post, pk=pk)
    context = {
        "post": post,
        "history": post_history(post),
        "can_edit": can(request.user, Action.EDIT_CATALOGUE),
    }
    return render(request, "registry/post_detail.html", context)


@require(Action.EDIT_CATALOGUE)
def post_create(request: HttpRequest) -> HttpResponse:
    return _post_form(request, Post(), _("Thêm chức vụ vào danh mục"))


@require(Action.EDIT_CATALOGUE)
def post_edit(request: HttpRequest, pk: int) -> HttpResponse:
    post = get_object_or_404(Post, pk=pk)
    return _post_form(request, post, _("Sửa chức vụ %(title)s") % {"title": post.title})


def _post_form(request: HttpRequest, post: Post, title: str) -> HttpResponse:
    form = PostForm(request.POST or None, instance=post)
    if response := submit(
        request,
        form,
        lambda _data: post_save(form.save(commit=False), by=request.user),
        done=lambda saved: _("Đã lưu chức vụ %(title)s.") % {"title": saved.title},
        then=lambda saved: redirect("registry:post_detail", pk=saved.pk),
    ):
        return response
    return render(request, "registry/form.html", {"form": form, "title": title})
