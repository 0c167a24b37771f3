"""The statistics page as a user meets it: the first visit, the htmx result, drilling down by unit, the
records behind a figure, the menu link by role, and recording a briefing that then counts."""

import datetime as dt
import json
import re

from django.urls import reverse

from llct.oversight.models import Briefing
from llct.oversight.statistics.catalogue import indicators
from llct.oversight.statistics.engine import StatisticsQuery, statistics_table
from llct.registry.scope import scope_paths


def test_the_first_visit_shows_last_years_classes_and_learner_places_by_unit_and_level(client, history):
    client.force_login(history.board)
    response = client.get(reverse("statistics:page"))
    assert response.status_code == 200
    query = response.context["query"]
    year = dt.date.today().year - 1
    assert (query.indicators, query.rows, query.columns) == (
        ("classes_opened", "learner_places"),
        ("unit",),
        ("level",),
    )
    assert (query.year_from, query.year_to) == (year, year)
    html = response.content.decode()
    assert 'id="statistics-table"' in html and 'id="statistics-form"' in html
    assert "echarts-5.6.0.min.js" in html


def test_htmx_gets_the_result_only_with_its_chart_data(client, history):
    client.force_login(history.board)
    response = client.get(
        reverse("statistics:page") + "?indicators=learner_places&rows=unit&year_from=2019&year_to=2025",
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert "<html" not in html and 'id="statistics-table"' in html
    data = json.loads(re.search(r'id="statistics-chart-data"[^>]*>(.*?)</script>', html, re.S).group(1))
    assert data["years"] == ["2019", "2020", "2021", "2022", "2023", "2024", "2025"]
    by_level = {s["name"]: s["data"] for s in data["series"]}
    assert by_level["Sơ cấp"] == [0, 0, 0, 0, 3, 0, 0]
    assert by_level["Trung cấp"] == [0, 0, 0, 0, 0, 2, 0]


def test_clicking_a_unit_drills_down_to_its_units(client, history):
    client.force_login(history.board)
    page = client.get(reverse("statistics:page") + "?indicators=classes_opened&rows=unit&unit=BS")
    links = re.findall(r'<a class="drill" href="([^"]+)"', page.content.decode())
    district = next(link for link in links if "unit=BS-H1&" in link.replace("&amp;", "&"))
    deeper = client.get(district.replace("&amp;", "&"))
    assert deeper.status_code == 200
    table = deeper.context["table"]
    assert [r[0] for r in table.row_keys] == ["BS-H1-TT"]
    assert [b["name"] for b in deeper.context["breadcrumb"]] == ["Tỉnh Bắc Sơn", "Huyện Tiên Phong"]


def test_a_unit_outside_the_scope_answers_404(client, history):
    client.force_login(history.board)
    assert client.get(reverse("statistics:page") + "?indicators=classes_opened&unit=NH").status_code == 404
    assert client.get(reverse("statistics:records") + "?indicators=classes_opened&unit=NH").status_code == 404


def test_a_wrong_query_is_explained_on_the_page(client, history):
    client.force_login(history.board)
    response = client.get(reverse("statistics:page") + "?indicators=learner_places&rows=colour")
    assert response.status_code == 200
    assert "Không có chiều thống kê: colour" in response.content.decode()


def test_each_figure_links_to_the_records_it_counts(client, history):
    client.force_login(history.board)
    page = client.get(reverse("statistics:page") + "?indicators=learner_places&rows=unit,year&unit=BS")
    html = page.content.decode()
    table = page.context["table"]
    ind = table.indicators[0]
    links = re.findall(r'<td class="num[^"]*"><a href="([^"]+)">(\d+)</a>', html)
    assert links
    for href, shown in links:
        records = client.get(href.replace("&amp;", "&"))
        assert records.status_code == 200
        section = records.context["sections"][0]
        assert section["page"].paginator.count == int(shown), href
    assert table.value(ind) == 9


def test_the_records_of_a_ratio_list_its_numerator_and_denominator(client, history):
    client.force_login(history.board)
    response = client.get(reverse("statistics:records") + "?indicators=pass_rate&cell_year=2023")
    sections = response.context["sections"]
    assert [(s["indicator"].code, s["page"].paginator.count) for s in sections] == [
        ("completed", 2),
        ("learners_assessed", 3),
    ]
    assert "/training/classes/" in response.content.decode()


def test_the_menu_shows_statistics_to_the_roles_that_may_see_them(client, history):
    for user, shown in ((history.board, True), (history.inspector, True), (history.lecturer, False)):
        client.force_login(user)
        html = client.get(reverse("home")).content.decode()
        assert ('id="nav-statistics"' in html) is shown, user.role
    client.force_login(history.lecturer)
    assert client.get(reverse("statistics:page")).status_code == 403


def test_a_recorded_briefing_counts_in_briefing_attendance(client, history):
    officer = history.centre_officer
    client.force_login(officer)
    tree = history.tree
    before = statistics_table(StatisticsQuery(indicators=("briefing_attendance",)), scope_paths(officer))
    form = {
        "date": "15/12/2025",
        "topic": "Học tập Nghị quyết",
        "kind": "quan_triet",
        "organiser": tree["centre"].pk,
        "attendance-TOTAL_FORMS": "3",
        "attendance-INITIAL_FORMS": "3",
        "attendance-0-unit": tree["centre"].pk,
        "attendance-0-attendees": "45",
        "attendance-1-unit": "",
        "attendance-1-attendees": "",
        "attendance-2-unit": "",
        "attendance-2-attendees": "",
    }
    response = client.post(reverse("statistics:briefing_new"), form)
    assert response.status_code == 302, response.context["form"].errors
    briefing = Briefing.objects.get(topic="Học tập Nghị quyết")
    assert briefing.history.first().history_user == officer
    after = statistics_table(StatisticsQuery(indicators=("briefing_attendance",)), scope_paths(officer))
    ind = indicators()["briefing_attendance"]
    assert after.value(ind) == before.value(ind) + 45
    detail = client.get(reverse("statistics:briefing_detail", args=[briefing.pk]))
    assert 'id="briefing-total">45<' in detail.content.decode()


def test_a_briefing_needs_attendance_and_units_in_scope(client, history):
    client.force_login(history.centre_officer)
    tree = history.tree
    form = {
        "date": "15/12/2025",
        "topic": "Không có ai",
        "kind": "tap_huan",
        "organiser": tree["centre"].pk,
        "attendance-TOTAL_FORMS": "1",
        "attendance-INITIAL_FORMS": "1",
        "attendance-0-unit": "",
        "attendance-0-attendees": "",
    }
    response = client.post(reverse("statistics:briefing_new"), form)
    assert response.status_code == 200
    assert "Ghi ít nhất một đơn vị dự" in response.content.decode()
    form |= {"attendance-0-unit": tree["south_commune"].pk, "attendance-0-attendees": "10"}
    response = client.post(reverse("statistics:briefing_new"), form)
    assert response.status_code == 200  # a unit outside the scope is not a choice
    assert not Briefing.objects.filter(topic="Không có ai").exists()
    client.force_login(history.inspector)
    assert client.get(reverse("statistics:briefing_new")).status_code == 403
