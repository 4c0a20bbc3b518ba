"""The honour roll's downloads hold exactly the rows the filtered page stands for."""

import csv
import datetime
import io

import openpyxl
import pytest
from django.urls import reverse

from awards.models import Decision
from tests.awards.factories import AwardFactory, DecisionFactory, form

pytestmark = pytest.mark.django_db

ALL = {
    ("1/QĐ-UBND", "Nguyễn Văn An"),
    ("1/QĐ-UBND", "Phòng Nội vụ"),
    ("1/QĐ-UBND", "Lê Thị Bình"),
    ("2/QĐ-UBND", "Nguyễn Văn An"),
    ("2/QĐ-UBND", "Hộ ông Trần Văn Cường"),
    ("2/QĐ-UBND", "Trần Thị Dung"),
}
FILTERS = [
    ({}, ALL),
    ({"year": "2020"}, {row for row in ALL if row[0] == "2/QĐ-UBND"}),
    (
        {"form": "bang-khen"},
        {("1/QĐ-UBND", "Lê Thị Bình"), ("2/QĐ-UBND", "Nguyễn Văn An")},
    ),
    ({"kind": "collective"}, {("1/QĐ-UBND", "Phòng Nội vụ")}),
    ({"kind": "household"}, {("2/QĐ-UBND", "Hộ ông Trần Văn Cường")}),
    # Only the matching rows, not every row of the decisions that match.
    (
        {"q": "tran"},
        {("2/QĐ-UBND", "Hộ ông Trần Văn Cường"), ("2/QĐ-UBND", "Trần Thị Dung")},
    ),
    (
        {"q": "Nguyễn Văn An"},
        {("1/QĐ-UBND", "Nguyễn Văn An"), ("2/QĐ-UBND", "Nguyễn Văn An")},
    ),
    (
        {"year": "2020", "kind": "individual", "q": "nguyen"},
        {("2/QĐ-UBND", "Nguyễn Văn An")},
    ),
    ({"year": "2021"}, set()),
    # Bad values are dropped, as on the page.
    ({"year": "abc", "form": "khong-co"}, ALL),
]
FILTER_IDS = [
    "none", "year", "form", "kind", "kind-household", "q", "q-diacritics",
    "combined", "empty", "bad-values",
]  # fmt: skip


@pytest.fixture
def honour_roll():
    first = DecisionFactory(number="1/QĐ-UBND", date=datetime.date(2019, 12, 5))
    AwardFactory(decision=first, name="Nguyễn Văn An")
    AwardFactory(decision=first, name="Phòng Nội vụ", kind="collective", position="")
    AwardFactory(decision=first, name="Lê Thị Bình", form=form("bang-khen"))
    second = DecisionFactory(number="2/QĐ-UBND", date=datetime.date(2020, 3, 1))
    AwardFactory(decision=second, name="Nguyễn Văn An", form=form("bang-khen"))
    AwardFactory(
        decision=second, name="Hộ ông Trần Văn Cường", kind="household", position=""
    )
    AwardFactory(decision=second, name="Trần Thị Dung")
    draft = DecisionFactory(
        number="3/NHAP", date=datetime.date(2020, 3, 2), status=Decision.Status.DRAFT
    )
    AwardFactory(decision=draft, name="Trần Văn Nháp", kind="individual")
    AwardFactory(decision=draft, name="Nguyễn Văn An")


def exported(client, fmt, params):
    response = client.get(reverse(f"awards:export-{fmt}"), params)
    assert response.status_code == 200
    if fmt == "csv":
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))[1:]
    else:
        sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
        rows = list(sheet.iter_rows(min_row=2, values_only=True))
    names = [(row[1], row[7]) for row in rows]
    assert len(names) == len(set(names))
    return set(names)


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize(("params", "expected"), FILTERS, ids=FILTER_IDS)
def test_export_holds_exactly_the_rows_matching_the_filters(
    client, honour_roll, fmt, params, expected
):
    assert exported(client, fmt, params) == expected


@pytest.mark.parametrize(("params", "expected"), FILTERS, ids=FILTER_IDS)
def test_export_covers_the_decisions_the_page_lists(
    client, honour_roll, params, expected
):
    page = client.get(reverse("awards:decision-list"), params)
    assert {decision.number for decision in page.context["decisions"]} == {
        number for number, _ in expected
    }


def test_download_links_carry_the_filters(client, honour_roll):
    content = client.get(
        reverse("awards:decision-list"), {"q": "tran", "year": "2020"}
    ).content.decode()
    for fmt in ("csv", "xlsx"):
        assert f"{reverse(f'awards:export-{fmt}')}?q=tran&amp;year=2020" in content
