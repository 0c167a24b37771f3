"""The same query through the page, the API, the page's CSV and `llct statistics` gives the same numbers;
every one of them counts only the user's scope; the Parquet export has one row per enrolment and no
personal data."""

import csv
import io
import re

import polars as pl
import pytest
from django.core.management import call_command
from django.urls import reverse

QUERIES = [
    "indicators=classes_opened,learner_places&rows=year,level",
    "indicators=learner_places,completed,pass_rate&rows=unit,year&columns=sex",
    "indicators=briefing_attendance,mean_days_to_issue&rows=sending_unit&units=as_now",
    "indicators=plan_quota,plan_admitted,plan_fulfilment&rows=programme&year=2024",
    "indicators=learner_places&rows=age_band&columns=ethnicity&unit=BS&level=so_cap,trung_cap",
]


def _number(text: str):
    text = text.replace(".", "").replace(",", ".")
    return float(text) if "." in text else int(text)


def _api(client, params: str) -> dict:
    response = client.get(f"{reverse('api:statistics')}?{params}")
    assert response.status_code == 200, response.content
    return response.json()


def _expected_page_numbers(data: dict) -> list:
    """The API's figures in the order the page prints them: each row's cells then its totals, the
    subtotals after their rows, the grand total last."""
    codes = [i["code"] for i in data["indicators"]]
    cells = {(tuple(c["row"]), tuple(c["column"])): c["values"] for c in data["cells"]}
    totals = {(tuple(r["row"]), ()): r["values"] for r in data["row_totals"]}
    totals |= {(tuple(s["row"]), tuple(s["column"])): s["values"] for s in data["subtotals"]}
    totals |= {((), tuple(c["column"])): c["values"] for c in data["column_totals"]}
    totals[((), ())] = data["total"]
    columns = [tuple(c["column"]) for c in data["column_totals"]]
    rows = list(dict.fromkeys(tuple(c["row"]) for c in data["cells"]))
    n = len(data["rows"])
    out = []

    def emit(row, full):
        for column in columns:
            out.extend((cells if full else totals)[(row, column)][c] for c in codes)
        out.extend(totals[(row, ())][c] for c in codes)

    for i, row in enumerate(rows):
        emit(row, True)
        following = rows[i + 1] if i + 1 < len(rows) else None
        for depth in range(n - 1, 0, -1):
            if following is None or following[:depth] != row[:depth]:
                emit(row[:depth], False)
    emit((), False)
    return out


def _page_numbers(html: str) -> list:
    table = html[html.index('id="statistics-table"') : html.index("</table>")]
    found = []
    for cell in re.findall(r'<td class="num[^"]*">(.*?)</td>', table, re.S):
        link = re.search(r">([^<]+)</a>", cell)
        found.append(_number(link.group(1)) if link else None)
    return found


@pytest.mark.parametrize("params", QUERIES)
def test_page_api_and_csv_agree(client, history, params):
    client.force_login(history.board)
    data = _api(client, params)
    page = client.get(f"{reverse('statistics:page')}?{params}")
    assert page.status_code == 200
    expected = _expected_page_numbers(data)
    printed = _page_numbers(page.content.decode())
    assert printed == expected

    response = client.get(f"{reverse('statistics:csv')}?{params}")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8"))))
    dims = data["rows"] + data["columns"]
    codes = [i["code"] for i in data["indicators"]]
    assert list(rows[0]) == dims + codes if rows else True
    from_csv = {tuple(r[d] for d in dims): [r[c] for c in codes] for r in rows}
    from_api = {
        (*c["row"], *c["column"]): ["" if c["values"][k] is None else str(c["values"][k]) for k in codes]
        for c in data["cells"]
    }
    assert from_csv == from_api


def test_the_command_line_writes_the_apis_table_for_the_whole_country(client, history, tmp_path, admin_user):
    output = tmp_path / "out.csv"
    call_command(
        "statistics", indicators="classes_opened,learner_places", rows="year,programme", output=str(output)
    )
    text = output.read_text(encoding="utf-8")
    lines = text.splitlines()
    assert lines[0] == "year,programme,classes_opened,learner_places"
    assert "2024,so_cap,1,2" in lines  # Nam Hà's class D: the command counts the whole country
    assert "2024,trung_cap,1,2" in lines
    client.force_login(admin_user)  # a superuser without a unit sees the whole country
    data = _api(client, "indicators=classes_opened,learner_places&rows=year,programme")
    assert len(lines) - 1 == len(data["cells"])


def test_the_command_line_takes_a_year_a_unit_and_units_as_now(history, tmp_path):
    output = tmp_path / "now.csv"
    call_command(
        "statistics",
        indicators="learner_places",
        rows="sending_unit",
        year="2023",
        unit="BS",
        units="as_now",
        output=str(output),
    )
    assert output.read_text(encoding="utf-8").splitlines() == [
        "sending_unit,learner_places",
        "BS,1",
        "BS-X1,2",
    ]


def test_the_api_counts_only_the_callers_scope(client, history):
    client.force_login(history.south_board)
    data = _api(client, "indicators=learner_places")
    assert data["total"] == {"learner_places": 2}  # Nam Hà's class D only
    sexes = _api(client, "indicators=learner_places,classes_opened&rows=sex")
    assert [i["carried"] for i in sexes["indicators"]] == [True, False]
    assert client.get(f"{reverse('api:statistics')}?indicators=learner_places&unit=BS").status_code == 404
    assert client.get(f"{reverse('api:statistics')}?indicators=nothing").status_code == 422
    client.force_login(history.lecturer)
    assert client.get(f"{reverse('api:statistics')}?indicators=learner_places").status_code == 403


def test_the_api_is_in_the_openapi_schema(client, history):
    client.force_login(history.board)
    schema = client.get(reverse("api:openapi-json")).json()
    operation = schema["paths"]["/api/statistics"]["get"]
    names = {p["name"] for p in operation["parameters"]}
    assert {"indicators", "rows", "columns", "year", "unit", "units", "level", "sex"} <= names


def test_the_export_has_one_row_per_enrolment_and_no_personal_data(history, tmp_path):
    output = tmp_path / "enrolments.parquet"
    call_command("statistics-export", year_from=2019, year_to=2026, output=str(output))
    frame = pl.read_parquet(output)
    assert frame.height == 12  # every enrolment, the withdrawn one included
    assert not {"full_name", "citizen_id", "birth_date", "cadre", "final_mark"} & set(frame.columns)
    assert "Nguyễn Văn An" not in str(frame.rows())
    a = frame.filter(pl.col("class_code") == "A-2023")
    assert sorted(a["sending_unit"].to_list()) == ["BS-H1", "BS-H1-X1", "BS-H1-X1"]
    assert sorted(a["sending_unit_now"].to_list()) == ["BS", "BS-X1", "BS-X1"]
    assert set(a["institution_now"].to_list()) == {"BS"}
    kept = frame.filter(pl.col("status") != "rut")
    assert kept.group_by("year").len().sort("year").rows() == [(2023, 3), (2024, 4), (2025, 4)]
