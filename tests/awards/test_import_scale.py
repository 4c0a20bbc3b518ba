"""The import at size: queries in bulk, all-or-nothing, idempotent."""

import math

import pytest
from django.db import connection
from django.db.models import AutoField
from django.test.utils import CaptureQueriesContext

from awards.models import Award, Decision, Recipient, RecipientKey
from awards.services import BATCH_SIZE, AwardsImportError, awards_import
from core.cache import content_version
from tests.awards.factories import AwardFactory, many_rows, row, xlsx

pytestmark = pytest.mark.django_db


def insert_statements(model, count):
    """How many INSERTs bulk_create needs for ``count`` rows on this database
    (SQLite allows 999 parameters a query, so fewer rows per INSERT)."""
    fields = [
        field
        for field in model._meta.concrete_fields
        if not isinstance(field, AutoField)
    ]
    size = min(BATCH_SIZE, connection.ops.bulk_batch_size(fields, [None] * count))
    return math.ceil(count / size)


def batches(rows, decisions):
    return sum(
        insert_statements(model, count)
        for model, count in (
            (Decision, decisions),
            (Recipient, rows),
            (RecipientKey, rows),
            (Award, rows),
        )
    )


def import_queries(file):
    with CaptureQueriesContext(connection) as captured:
        awards_import(file=file)
    return len(captured)


def test_the_queries_of_an_import_do_not_grow_with_its_rows():
    """20 rows in 2 decisions and 200 rows in 20 decisions take the same
    queries, but for the INSERTs that SQLite splits into more statements
    (none on PostgreSQL)."""
    small = import_queries(xlsx(many_rows(20, decisions=2)))
    large = import_queries(
        xlsx(many_rows(200, decisions=20, first_number=100, first_person=100))
    )
    assert Award.objects.count() == 220
    assert large - batches(200, 20) == small - batches(20, 2)
    if connection.vendor == "postgresql":
        assert large == small
    # Again, once recorded: the same few queries whatever the size.
    assert import_queries(xlsx(many_rows(20, decisions=2))) == import_queries(
        xlsx(many_rows(200, decisions=20, first_number=100, first_person=100))
    )


def test_bad_rows_at_size_import_nothing_and_are_each_named():
    rows = many_rows(400, decisions=4)
    rows[10] = row(11, date="31/02/2019", name="Người Sai Ngày")
    rows[200] = row(201, issuer="UBND huyện Không Có", name="Người Sai Cơ Quan")
    rows[398] = row(399, kind="Đơn vị", name="Người Sai Loại")
    with pytest.raises(AwardsImportError) as info:
        awards_import(file=xlsx(rows))
    assert info.value.codes == [
        (12, "bad_date"),
        (202, "unknown_issuer"),
        (400, "bad_kind"),
    ]
    assert [str(error) for error in info.value.errors] == [
        "Dòng 12: “31/02/2019” không phải là ngày theo dạng dd/mm/yyyy.",
        "Dòng 202: Không có cơ quan ban hành “UBND huyện Không Có”: "
        "hãy thêm trong trang quản trị trước.",
        "Dòng 400: Loại đối tượng “Đơn vị” không hợp lệ: "
        "ghi Cá nhân, Tập thể hoặc Hộ gia đình.",
    ]
    assert Decision.objects.count() == Award.objects.count() == 0
    assert Recipient.objects.count() == 0


def test_reimporting_a_large_file_adds_nothing():
    file = xlsx(many_rows(300, decisions=3))
    first = awards_import(file=file)
    assert (first.decisions_created, first.awards_created) == (3, 300)
    counts = (
        Decision.objects.count(),
        Award.objects.count(),
        Recipient.objects.count(),
        RecipientKey.objects.count(),
    )
    again = awards_import(file=file)
    assert (again.decisions_created, again.decisions_existing) == (0, 3)
    assert (again.awards_created, again.awards_existing) == (0, 300)
    assert counts == (
        Decision.objects.count(),
        Award.objects.count(),
        Recipient.objects.count(),
        RecipientKey.objects.count(),
    )


def test_recipients_are_matched_as_one_by_one_saves_matched_them():
    """Without diacritics across decisions, and under the key of a recipient
    merged into another; two keys of one recipient in a decision make one row."""
    kept = AwardFactory(name="Lê Thị Hoa", unit="Phường Bắc Hồng").recipient
    merged = AwardFactory(name="Lê Thị Hoa", unit="Phường Nam Hồng").recipient
    merged.keys.update(recipient=kept)
    merged.awards.update(recipient=kept)
    merged.delete()
    report = awards_import(
        file=xlsx(
            [
                row(1, number="1/QĐ", name="Trần Văn Hải"),
                row(2, number="2/QĐ", name="TRAN van  hai"),
                row(3, number="2/QĐ", name="Lê Thị Hoa", unit="Phường Bắc Hồng"),
                row(4, number="2/QĐ", name="Le Thi Hoa", unit="Phường Nam Hồng"),
            ]
        )
    )
    assert (report.awards_created, report.awards_existing) == (3, 1)
    hai = Recipient.objects.get(name="Trần Văn Hải")
    assert hai.awards.count() == 2
    assert hai.keys.get().key == hai.match_key
    assert kept.awards.filter(decision__number="2/QĐ").count() == 1
    assert Recipient.objects.count() == 2


def test_bulk_rows_carry_the_fields_save_would_set():
    awards_import(
        file=xlsx(
            [row(1, number=" 163/QĐ-UBND ", name="Nguye\u0302\u0303n Va\u0306n A")]
        )
    )
    models = (Decision, Recipient, Award)
    imported = [model.objects.values().get() for model in models]
    for model in models:
        obj = model.objects.get()
        obj.save()
    resaved = [model.objects.values().get() for model in models]
    for before, after in zip(imported, resaved, strict=True):
        before.pop("updated_at", None), after.pop("updated_at", None)
        assert before == after
    decision = imported[0]
    assert decision["number_key"] == "163/qd-ubnd"
    assert decision["year"] == 2019
    assert decision["search_title"] == " 163 qd ubnd "
    assert "xuat sac" in decision["search_text"]
    assert imported[1]["name_key"] == "nguyen van a"


def test_an_import_starts_a_new_content_version(django_capture_on_commit_callbacks):
    before = content_version()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        awards_import(file=xlsx(many_rows(3)))
    assert content_version() != before
    assert len(callbacks) == 1
